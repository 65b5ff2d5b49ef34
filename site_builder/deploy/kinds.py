"""What each output file is to a browser and a CDN: its media type and cache lifetime."""

from __future__ import annotations

import mimetypes
import posixpath

from ..layout import FEED_FORMATS

SHORT = "public, max-age=300"  # pages and feeds: a correction reaches readers in minutes
ASSET = "public, max-age=86400"  # the theme's CSS and scripts (their names carry no hash)
LONG = "public, max-age=604800"  # images, fonts, the search index's hashed chunks

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
}
_FEEDS = {f.file: f.media_type for f in FEED_FORMATS}
_TEXT_APPS = ("application/json", "application/xml", "text/javascript")

# The order of uploads: what pages use first, then the pages, then what announces
# them (feeds, sitemaps, redirects, the search index's entry point), so a reader
# or a crawler told of a new page finds it and everything it shows.
ASSETS, PAGES, ANNOUNCEMENTS = 0, 1, 2


def media_type(path: str) -> str:
    """The Content-Type of an output file, with charset=utf-8 for text."""
    name = posixpath.basename(path)
    if name == "_redirects":
        kind = "text/plain"
    else:
        extension = posixpath.splitext(name)[1].lower()
        kind = _FEEDS.get(name) or _TYPES.get(extension) or mimetypes.guess_type(name)[0]
        kind = kind or "application/octet-stream"
    textual = kind.startswith("text/") or kind in _TEXT_APPS or kind.endswith(("+xml", "+json"))
    return f"{kind}; charset=utf-8" if textual else kind


def _is_index(path: str) -> bool:
    """The search index's entry points, which name its hashed chunks."""
    return (
        path.startswith("pagefind/")
        and path.count("/") == 1
        and (path.endswith((".js", ".json", ".css")))
    )


def cache_control(path: str) -> str:
    """How long browsers and CDNs may keep a file without asking again."""
    kind = media_type(path)
    if kind.startswith(("image/", "font/")) or (
        path.startswith("pagefind/") and not _is_index(path)
    ):
        return LONG
    if path.startswith("static/"):
        return ASSET
    return SHORT


def phase(path: str) -> int:
    kind = media_type(path)
    if kind.startswith("text/html"):
        return PAGES
    if _is_index(path) or path.count("/") == 0 or posixpath.basename(path) in _FEEDS:
        return ANNOUNCEMENTS  # feeds, sitemaps, robots.txt, _redirects at the top
    if path.startswith("sitemaps/"):
        return ANNOUNCEMENTS
    return ASSETS
