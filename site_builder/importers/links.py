"""The old site's URLs: told apart from others, compared in one form (WordPress writes
%d8%b3, Jekyll %D8%B3, Hugo the letters themselves), made into aliases, and rewritten
to the new URLs inside imported bodies."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

_MARKDOWN_LINK = re.compile(r"(\]\()(<?)([^)\s>]+)(>?)")
_HTML_LINK = re.compile(r"""(\shref=)(["'])([^"']+)(\2)""")
_INDEX = re.compile(r"/index\.(?:html?|php)$")


def decoded_path(url: str) -> str:
    """The path of a URL, percent-decoded and NFC-normalized ('/2024/01/خبر/')."""
    path = urlsplit(url.strip()).path
    return unicodedata.normalize("NFC", unquote(path, errors="strict"))


def key_of(url: str, old_hosts: set[str]) -> str | None:
    """The form two spellings of one old URL share, or None for another site's URL."""
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc:
        host = (parts.hostname or "").lower().removeprefix("www.")
        if host not in old_hosts:
            return None
    elif not parts.path.startswith("/"):
        return None
    try:
        path = decoded_path(url)
    except UnicodeDecodeError:
        return None
    return _INDEX.sub("/", path).rstrip("/").casefold() or "/"


def hosts_of(*urls: str) -> set[str]:
    """The hosts of the old site's URLs, without 'www.'."""
    return {
        (urlsplit(u).hostname or "").lower().removeprefix("www.")
        for u in urls
        if urlsplit(u).hostname
    }


def alias_of(url: str, base_path: str) -> str | None:
    """An old URL as an alias: its decoded path under the new site's root, or None when
    it cannot be one (a query such as ?p=12, the root itself)."""
    parts = urlsplit(url.strip())
    if parts.query or parts.fragment and not parts.path:
        return None
    try:
        path = decoded_path(url)
    except UnicodeDecodeError:
        return None
    if base_path != "/" and path.startswith(base_path):
        path = path[len(base_path) :]
    path = path.lstrip("/")
    if not path or any(p in (".", "..") for p in path.split("/")):
        return None
    return path if path.endswith(("/", ".html", ".htm")) else path + "/"


def rewrite(markdown: str, new_urls: dict[str, str], old_hosts: set[str]) -> tuple[str, int]:
    """Links to the old site's posts pointed at their new URLs; returns how many."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        url = match.group(3)
        target, hash_, fragment = url.partition("#")
        key = key_of(target, old_hosts) if target else None
        if key is None or key not in new_urls:
            return match.group(0)
        count += 1
        new = new_urls[key] + (hash_ + fragment if hash_ else "")
        return match.group(1) + match.group(2) + new + match.group(4)

    text = _MARKDOWN_LINK.sub(replace, markdown)
    text = _HTML_LINK.sub(replace, text)
    return text, count
