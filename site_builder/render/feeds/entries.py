"""What feeds show: each article's entry, made once, and the values of one list's feeds."""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ...content.images import type_of_url
from ...digests import digest
from ...layout import FORMATS_BY_NAME
from ...model.lists import Listing
from ...model.site import Site
from ..logo import logo_url
from ..parts import Parts
from ..views import BodyRef, last_change

if TYPE_CHECKING:
    from ..pages import BodyLookup

_LINK_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')
_SRCSET = re.compile(r'(\ssrcset)="([^"]*)"')


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
    authors: tuple[str, ...]  # never empty: the site's name stands in for a writer
    creator: str  # the writers as one name, for RSS dc:creator (readers show only one)
    image: Enclosure | None
    lead: str  # the lead image's absolute URL, or ""
    image_alt: str
    corrections: tuple[tuple[str, str, str], ...]  # (RFC 3339 date, date as shown, text)


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
    logo: str = ""  # absolute URL of a PNG or JPEG: RSS image, Atom icon and logo, JSON icon

    def paths(self) -> tuple[str, ...]:
        own = tuple(self.folder + FORMATS_BY_NAME[name].file for name in self.formats)
        return own + tuple(path for path, _ in self.copies)

    def url_of(self, name: str) -> str:
        """The absolute URL of this feed in one format."""
        return self.self_base + FORMATS_BY_NAME[name].file


class Entries:
    """Each article's feed entry, made once however many feeds show it."""

    def __init__(self, site: Site, parts: Parts) -> None:
        self.site = site
        self.parts = parts
        self._made: dict[int, Entry] = {}
        self._keys: dict[int, str] = {}
        self._contents: dict[int, str] = {}
        self._escaped: dict[int, bytes] = {}

    def __getitem__(self, index: int) -> Entry:
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = _entry(self.site, self.parts, index)
        return entry

    def content(self, index: int, bodies: BodyLookup) -> str:
        """The article as a feed item shows it, made once per worker: the lead image on
        top (newsboat and rss2email never show an enclosure), the body with absolute
        links, and the corrections under it. Summaries only: no content."""
        content = self._contents.get(index)
        if content is None:
            entry = self[index]
            html = bodies.html(entry.body).strip() if entry.body else ""
            content = absolutize(html, entry.url) if html else ""
            if content:
                content = _lead(entry) + content + _corrections(entry, self.parts.t)
            self._contents[index] = content
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
    about = listing.group.description if listing.group is not None else ""
    return Feed(
        listing.folder,
        title,
        about or config.description or title,
        config.language,
        config.title,
        site.absolute(listing.folder),
        site.absolute(listing.folder),
        updated,
        newest,
        listing.kind.feeds,
        hub=config.websub_hub,
        logo=logo_url(site),
    )


def key(feed: Feed, entries: Entries, salt: str) -> str:
    return digest(salt, pickle.dumps(feed, protocol=4), *(entries.key(i) for i in feed.items))


def _entry(site: Site, parts: Parts, index: int) -> Entry:
    record = site.articles[index]
    article = record.article
    image = record.image
    enclosure = None
    if image is not None and image.local:
        enclosure = Enclosure(site.absolute(record.path + image.name), image.media_type, image.size)
    elif image is not None and type_of_url(image.url):
        # A remote file's length cannot be told without fetching it: RSS allows 0.
        enclosure = Enclosure(image.url, type_of_url(image.url), 0)
    categories = tuple(site.tags[t].name for t in record.tags)
    if record.section is not None:
        categories = (site.sections[record.section].name, *categories)
    authors = tuple(site.authors[a].name for a in record.authors) or (site.config.title,)
    corrections = []
    for correction in article.corrections:
        shown = parts.when(correction.date, with_time=True)
        corrections.append((shown["iso"], shown["text"], correction.text))
    return Entry(
        id=record.id,
        title=article.title,
        url=site.absolute(record.path),
        published=article.date,
        updated=last_change(article),
        summary=record.summary or article.title,
        body=BodyRef(record.digest) if site.config.feed_full_content else None,
        categories=categories,
        authors=authors,
        creator=parts.t["list_separator"].join(authors),
        image=enclosure,
        lead=(enclosure.url if enclosure else image.url) if image is not None else "",
        image_alt=image.alt if image is not None else "",
        corrections=tuple(corrections),
    )


def _lead(entry: Entry) -> str:
    if not entry.lead:
        return ""
    return f'<p><img src="{escape(entry.lead)}" alt="{escape(entry.image_alt)}"></p>\n'


def _corrections(entry: Entry, words: dict[str, str]) -> str:
    """The correction notices as the page shows them, under the article's text."""
    if not entry.corrections:
        return ""
    items = "".join(
        f"<li><strong>{escape(words['correction'].format(date=shown))}</strong> {escape(text)}</li>"
        for _, shown, text in entry.corrections
    )
    return f"\n<aside><h2>{escape(words['corrections'])}</h2><ul>{items}</ul></aside>"


def absolutize(fragment: str, page_url: str) -> str:
    """Make every href, src and srcset address absolute, resolved against the article's
    own URL (feed readers resolve no relative address reliably)."""
    made = _LINK_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(page_url, m.group(2))}"', fragment)
    if " srcset=" not in made:
        return made

    def candidates(match: re.Match[str]) -> str:
        each = []
        for candidate in match.group(2).split(","):
            address, _, width = candidate.strip().partition(" ")
            each.append(f"{urljoin(page_url, address)} {width}".strip())
        return f'{match.group(1)}="{", ".join(each)}"'

    return _SRCSET.sub(candidates, made)
