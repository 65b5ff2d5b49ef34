"""Where things go in the output, declared once: the kinds of list page with their
URLs, page sizes and feeds; the feed formats with their files; and the paths the
builder keeps for itself, which no article, page or alias may take.

Every stage reads these names from here: the model makes lists by kind, the
renderer writes each format's file, and the checks of slugs and aliases refuse
the builder's own paths.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeedFormat:
    name: str  # "rss", "atom", "json": the key of its writer in render/feeds
    file: str  # the file name in a list's folder
    media_type: str
    label: str  # shown in links to it


FEED_FORMATS: tuple[FeedFormat, ...] = (
    FeedFormat("rss", "feed.xml", "application/rss+xml", "RSS"),
    FeedFormat("atom", "atom.xml", "application/atom+xml", "Atom"),
    FeedFormat("json", "feed.json", "application/feed+json", "JSON Feed"),
)
FORMATS_BY_NAME = {f.name: f for f in FEED_FORMATS}


@dataclass(frozen=True)
class ListKind:
    """One kind of paginated list of articles."""

    name: str  # as the config's `list_per_page` names it
    folder: str  # the URL pattern of its first page, with {slug}, {year} or {month}
    label: str  # the key of its label in the theme's strings ("" on the home page)
    feeds: tuple[str, ...]  # the feed formats it gets, by name


LIST_KINDS: dict[str, ListKind] = {
    kind.name: kind
    for kind in (
        ListKind("home", "", "", ("rss", "atom", "json")),
        ListKind("tag", "tags/{slug}/", "label_tag", ("rss", "atom")),
        ListKind("section", "sections/{slug}/", "label_section", ("rss", "atom")),
        ListKind("author", "authors/{slug}/", "label_author", ("rss", "atom")),
        ListKind("archive", "archive/{year}/", "label_archive", ()),
        ListKind("archive_month", "archive/{year}/{month}/", "label_archive", ()),
    )
}
# The kinds `list_per_page` may set (the home page keeps `per_page`); "archive" sets both
# archive kinds.
PER_PAGE_KEYS = ("tag", "section", "author", "archive")

PAGE_FOLDER = "page"  # a list's page N is FOLDER/page/N/
TAG_INDEX, ARCHIVE_INDEX, SEARCH_PAGE = "tags/", "archive/", "search/"
BREAKING_FILE = "breaking.json"  # the breaking stories, which article pages show by script
ADMIN_FOLDER = "admin/"  # the web editor, with `cms: sveltia`


def list_folder(kind: str, **blanks: str) -> str:
    """The folder of a list's first page: list_folder("archive", year="2023")."""
    return LIST_KINDS[kind].folder.format(**blanks)


def page_path(folder: str, number: int) -> str:
    """The folder of page `number` of a list whose first page is `folder`."""
    return folder if number == 1 else f"{folder}{PAGE_FOLDER}/{number}/"


def old_feed_file(path: str) -> str:
    """Where a copy of a feed is written for an old feed URL: the file itself
    ('index.xml'), or a folder's index.html ('feed/'), which every static host serves
    at the folder's URL (feed readers read the feed whatever its media type)."""
    path = path.lstrip("/")
    if path.endswith("/") or "." not in path.rsplit("/", 1)[-1]:
        return path.rstrip("/") + "/index.html"
    return path


def file_of(path: str) -> str:
    """The file a page's path is written to: a folder's index.html, or the file itself."""
    return path if path.endswith((".html", ".htm")) else path + "index.html"


OWN_FOLDERS = frozenset(
    {kind.folder.split("/", 1)[0] for kind in LIST_KINDS.values() if kind.folder}
    | {PAGE_FOLDER, TAG_INDEX.strip("/"), ARCHIVE_INDEX.strip("/"), SEARCH_PAGE.strip("/")}
    | {"static", "pagefind", "sitemaps", ADMIN_FOLDER.strip("/")}
)
OWN_FILES = frozenset(
    {f.file for f in FEED_FORMATS}
    | {"index.html", "404.html", "sitemap.xml", "news-sitemap.xml", "robots.txt", "_redirects"}
    | {BREAKING_FILE}
)


def is_own(path: str) -> bool:
    """Whether an output path ('tags/', 'feed.xml', 'feed.xml/') is the builder's own."""
    first = path.strip("/").split("/", 1)[0]
    return first in OWN_FOLDERS or first in OWN_FILES or path.strip("/") == ""


def own_names() -> str:
    return ", ".join(sorted(OWN_FOLDERS | OWN_FILES))
