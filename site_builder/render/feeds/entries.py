"""What feeds show: each article's entry, made once, and the values of one list's feeds."""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ...digests import digest
from ...layout import FORMATS_BY_NAME
from ...model.lists import Listing
from ...model.site import Site
from ..views import BodyRef

if TYPE_CHECKING:
    from ..pages import BodyLookup

_LINK_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')


@dataclass(frozen=True)
class Enclosure:
    url: str
    media_type: str
    size: int


@dataclass(frozen=True)
class Entry:
    """One article as every feed shows it."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    body: BodyRef | None  # None: summaries only (feed_full_content: false)
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    image: Enclosure | None


@dataclass(frozen=True)
class Feed:
    """The values of one list's feeds, one file a format."""

    folder: str
    title: str
    description: str
    language: str
    publisher: str
    home: str  # absolute URL of the page the feeds stand for
    self_base: str  # absolute URL of the feeds' folder
    updated: datetime
    items: tuple[int, ...]  # article indices, newest first
    formats: tuple[str, ...]  # names of layout.FEED_FORMATS
    # Copies at the old site's feed URLs (config `old_feeds`): (output path, format name).
    copies: tuple[tuple[str, str], ...] = ()
    hub: str = ""  # the WebSub hub readers subscribe through ("" for none)

    def paths(self) -> tuple[str, ...]:
        own = tuple(self.folder + FORMATS_BY_NAME[name].file for name in self.formats)
        return own + tuple(path for path, _ in self.copies)

    def url_of(self, name: str) -> str:
        """The absolute URL of this feed in one format."""
        return self.self_base + FORMATS_BY_NAME[name].file


class Entries:
    """Each article's feed entry, made once however many feeds show it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._made: dict[int, Entry] = {}
        self._keys: dict[int, str] = {}
        self._contents: dict[int, str] = {}
        self._escaped: dict[int, bytes] = {}

    def __getitem__(self, index: int) -> Entry:
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = _entry(self.site, index)
        return entry

    def content(self, index: int, bodies: BodyLookup) -> str:
        """The article's body with absolute links, made once per worker."""
        content = self._contents.get(index)
        if content is None:
            entry = self[index]
            html = bodies.html(entry.body).strip() if entry.body else ""
            content = self._contents[index] = absolutize(html, entry.url) if html else ""
        return content

    def escaped(self, index: int, bodies: BodyLookup) -> bytes:
        """The content as it stands in XML, escaped once however many feeds hold it."""
        escaped = self._escaped.get(index)
        if escaped is None:
            # What lxml writes for text: & < > escaped (no quotes in element text).
            content = self.content(index, bodies)
            escaped = self._escaped[index] = escape(content, quote=False).encode("utf-8")
        return escaped

    def key(self, index: int) -> str:
        key = self._keys.get(index)
        if key is None:
            key = self._keys[index] = digest(pickle.dumps(self[index], protocol=4))
        return key


def feed_values(site: Site, listing: Listing, entries: Entries, title: str) -> Feed:
    """The feed of a list: its newest feed_items articles, by date (pinned or not)."""
    config = site.config
    newest = tuple(sorted(listing.articles)[: config.feed_items])  # indices are in date order
    updated = max((entries[i].updated for i in newest), default=site.now)
    return Feed(
        listing.folder,
        title,
        config.description or title,
        config.language,
        config.title,
        site.absolute(listing.folder),
        site.absolute(listing.folder),
        updated,
        newest,
        listing.kind.feeds,
        hub=config.websub_hub,
    )


def key(feed: Feed, entries: Entries, salt: str) -> str:
    return digest(salt, pickle.dumps(feed, protocol=4), *(entries.key(i) for i in feed.items))


def _entry(site: Site, index: int) -> Entry:
    record = site.articles[index]
    article = record.article
    image = record.image
    enclosure = None
    if image is not None and image.local:
        enclosure = Enclosure(site.absolute(record.path + image.name), image.media_type, image.size)
    elif image is not None:
        enclosure = Enclosure(image.url, "image/jpeg", 0)
    categories = tuple(site.tags[t].name for t in record.tags)
    if record.section is not None:
        categories = (site.sections[record.section].name, *categories)
    return Entry(
        id=record.id,
        title=article.title,
        url=site.absolute(record.path),
        published=article.date,
        updated=max(article.updated or article.date, article.date),
        summary=record.summary or article.title,
        body=BodyRef(record.digest) if site.config.feed_full_content else None,
        categories=categories,
        authors=tuple(site.authors[a].name for a in record.authors),
        image=enclosure,
    )


def absolutize(fragment: str, page_url: str) -> str:
    """Make every href and src absolute, resolved against the article's own URL."""
    return _LINK_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(page_url, m.group(2))}"', fragment)
