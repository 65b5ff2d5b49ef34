"""`--from feed FILE|URL`: an RSS or Atom feed read with feedparser (its own sanitizer off:
it drops iframes, so embeds would vanish; the builder sanitizes bodies itself). Each
entry's id is kept as the article's, so readers see no story twice after the move."""

from __future__ import annotations

import re
from calendar import timegm
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from ..config import Config
from . import links
from .foreign_front_matter import when
from .html_markdown import plain_text, to_markdown
from .migrated import Imported, OldFeed, Place, SourceSite
from .writing import escape_markdown

# What feedparser flags when it reads bytes without HTTP headers: nothing is wrong.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_ELLIPSIS = re.compile(r"\s*\[(?:&#8230;|…|\.\.\.)\]\s*$")


def _parse(source: str, site: SourceSite) -> Any | None:
    is_url = source.startswith(("http://", "https://"))
    if not is_url:
        try:
            data: bytes | str = Path(source).read_bytes()
        except OSError as error:
            site.notes.error(
                Place(source), f"cannot read the feed: {error.strerror}", "check the path"
            )
            return None
    else:
        data = source
    parsed = raw = feedparser.parse(data, sanitize_html=False)
    if parsed.bozo and not parsed.entries:
        site.notes.error(
            Place(source),
            f"not a feed that can be read: {parsed.get('bozo_exception')}",
            "pass an RSS or Atom file (or its URL)",
        )
        return None
    base = source if is_url else _self_link(parsed)
    if base and not is_url:  # relative links in a local file resolve against its own URL
        parsed = feedparser.parse(
            data, sanitize_html=False, response_headers={"content-location": base}
        )
    if parsed.bozo and not isinstance(parsed.get("bozo_exception"), _HARMLESS):
        site.notes.warn(
            f"the feed is not well-formed ({parsed.get('bozo_exception')}); "
            "what could be read was read",
            Place(source),
        )
    # Ids and links as written: feedparser would resolve a guid such as 'abc-123' too.
    for entry, as_written in zip(parsed.entries, raw.entries, strict=False):
        entry["id_as_written"] = as_written.get("id", "")
        entry["link_as_written"] = as_written.get("link", "")
    return parsed


def _self_link(parsed: Any) -> str:
    for link in parsed.feed.get("links", []):
        if link.get("rel") == "self" and link.get("href", "").startswith("http"):
            return str(link["href"])
    return str(parsed.feed.get("link", ""))


def read(sources: list[str], config: Config, media: Path | None) -> SourceSite:
    site = SourceSite("feed", "")
    for source in sources:
        parsed = _parse(source, site)
        site.files_read += 1
        if parsed is None:
            continue
        own = _self_link(parsed) or (source if source.startswith("http") else "")
        home = str(parsed.feed.get("link", "")) or own
        site.old_base = site.old_base or home
        site.old_hosts |= links.hosts_of(home, own)
        if own:
            path = links.alias_of(own, config.base_path) or ""
            site.feeds.append(OldFeed(path.rstrip("/") if "." in path else path, "home"))
        for number, entry in enumerate(parsed.entries, 1):
            # feedparser keeps no line numbers: an entry is told by its number.
            site.items.append(_entry(entry, Place(f"{source} (entry {number})"), site, number))
    return site


def _when(entry: Any, name: str) -> datetime | None:
    """An entry's date with its own offset (feedparser's *_parsed are UTC)."""
    if name not in entry:  # feedparser 6 answers 'updated' with 'published' otherwise
        return None
    raw = str(entry[name])
    try:
        found = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        found = None
    if found is None:
        parsed = when(raw, UTC)
        found = parsed if isinstance(parsed, datetime) else None
    if found is None and entry.get(f"{name}_parsed"):
        found = datetime.fromtimestamp(timegm(entry[f"{name}_parsed"]), UTC)
    return found


def _entry(entry: Any, place: Place, site: SourceSite, number: int) -> Imported:
    where = place
    content = entry.get("content") or []
    html = str(content[0].value) if content else str(entry.get("summary", ""))
    kind = str(content[0].type) if content else str(entry.get("summary_detail", {}).get("type", ""))
    body = (
        to_markdown(html, site.notes, where)
        if "html" in kind or "<" in html
        else ("\n\n".join(escape_markdown(p) for p in html.split("\n\n") if p.strip()) + "\n")
    )
    title = str(entry.get("title", ""))
    if "html" in str(entry.get("title_detail", {}).get("type", "")):
        title = plain_text(title)
    summary = ""
    if content and entry.get("summary") and entry["summary"] != content[0].value:
        summary = _ELLIPSIS.sub("", plain_text(str(entry["summary"])))
    link = str(entry.get("link_as_written") or entry.get("link", ""))
    if not link.startswith(("http://", "https://")):
        link = ""
    published = _when(entry, "published") or _when(entry, "updated")
    updated = _when(entry, "updated")
    if not title:
        site.notes.warn("an entry with no title, titled from its text", where)
        title = plain_text(html)[:80] or f"#{number}"
    return Imported(
        "article",
        where,
        title.strip(),
        body,
        date=published,
        slug=_slug_of(link),
        id=str(entry.get("id_as_written") or entry.get("id") or link),
        old_urls=(link,) if link and _same_host(link, site) else (),
        updated=updated if updated and published and updated > published else None,
        tags=tuple(
            dict.fromkeys(
                str(t.get("term", "")).strip()
                for t in entry.get("tags", [])
                if str(t.get("term", "")).strip()
            )
        ),
        summary=summary,
        authors=_authors(entry),
        image=_image(entry),
        image_alt=title.strip(),
    )


def _slug_of(link: str) -> str:
    """The last segment of an article's old URL, its slug on most sites."""
    try:
        last = links.decoded_path(link).rstrip("/").rsplit("/", 1)[-1]
    except UnicodeDecodeError:
        return ""
    return last.rsplit(".", 1)[0] if last.endswith((".html", ".htm", ".php")) else last


def _same_host(link: str, site: SourceSite) -> bool:
    host = (urlsplit(link).hostname or "").lower().removeprefix("www.")
    return host in site.old_hosts


def _authors(entry: Any) -> tuple[str, ...]:
    names = [str(a.get("name", "")).strip() for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author_detail", {}).get("name"):
        names = [str(entry["author_detail"]["name"])]
    return tuple(dict.fromkeys(n for n in names if n))


def _image(entry: Any) -> str:
    for media in list(entry.get("media_content", [])) + list(entry.get("media_thumbnail", [])):
        url = str(media.get("url", ""))
        if url.startswith("http") and media.get("medium", "image") == "image":
            return url
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/"):
            return str(enclosure.get("href", ""))
    return ""
