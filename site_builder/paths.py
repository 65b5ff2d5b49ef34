"""The URL paths the builder writes itself, which no article, page or alias may take."""

from __future__ import annotations

OWN_FOLDERS = frozenset(
    {"tags", "sections", "authors", "archive", "page", "static", "search", "pagefind", "sitemaps"}
)
OWN_FILES = frozenset(
    {
        "index.html",
        "404.html",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "news-sitemap.xml",
        "robots.txt",
        "_redirects",
    }
)


def is_own(path: str) -> bool:
    """Whether an output path ('tags/', 'feed.xml', 'feed.xml/') is the builder's own."""
    first = path.strip("/").split("/", 1)[0]
    return first in OWN_FOLDERS or first in OWN_FILES or path.strip("/") == ""


def own_names() -> str:
    return ", ".join(sorted(OWN_FOLDERS | OWN_FILES))
