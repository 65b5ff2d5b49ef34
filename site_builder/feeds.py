"""RSS 2.0 and Atom 1.0 through feedgen, JSON Feed 1.1 through json; links absolute."""

from __future__ import annotations

import pickle
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import urljoin

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from . import __version__
from .cache import digest
from .output import Output
from .render import BodyLookup, BodyRef
from .seo import safe_json
from .site import Listing, Site

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
    """The values of one set of feeds (RSS, Atom and, for the whole site, JSON Feed)."""

    folder: str
    title: str
    description: str
    language: str
    publisher: str
    home: str  # absolute URL of the page the feeds stand for
    self_base: str  # absolute URL of the feeds' folder
    updated: datetime
    items: tuple[int, ...]  # article indices, newest first
    json: bool

    def paths(self) -> tuple[str, ...]:
        names = ("feed.xml", "atom.xml", "feed.json") if self.json else ("feed.xml", "atom.xml")
        return tuple(self.folder + name for name in names)


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


def feed_values(site: Site, listing: Listing, entries: Entries) -> Feed:
    """The feed of a list: its newest feed_items articles, by date (pinned or not)."""
    config = site.config
    newest = tuple(sorted(listing.articles)[: config.feed_items])  # indices are in date order
    title = config.title if not listing.folder else f"{config.title} — {listing.title}"
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
        json=not listing.folder,
    )


def key(feed: Feed, entries: Entries, salt: str) -> str:
    return digest(salt, pickle.dumps(feed, protocol=4), *(entries.key(i) for i in feed.items))


def _entry(site: Site, index: int) -> Entry:
    article = site.articles[index]
    image = site.images[index]
    enclosure = None
    if image is not None and image.local:
        enclosure = Enclosure(
            site.absolute(site.paths[index] + image.name), image.media_type, image.size
        )
    elif image is not None:
        enclosure = Enclosure(image.url, "image/jpeg", 0)
    section = site.article_section[index]
    categories = tuple(site.tags[t].name for t in site.article_tags[index])
    if section is not None:
        categories = (site.sections[section].name, *categories)
    return Entry(
        id=site.ids[index],
        title=article.title,
        url=site.absolute(site.paths[index]),
        published=article.date,
        updated=max(article.updated or article.date, article.date),
        summary=site.summaries[index] or article.title,
        body=BodyRef(index, site.digests[index]) if site.config.feed_full_content else None,
        categories=categories,
        authors=tuple(site.authors[a].name for a in site.article_authors[index]),
        image=enclosure,
    )


def absolutize(fragment: str, page_url: str) -> str:
    """Make every href and src absolute, resolved against the article's own URL."""
    return _LINK_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(page_url, m.group(2))}"', fragment)


def outputs(feed: Feed, entries: Entries, bodies: BodyLookup) -> list[Output]:
    """The feed files of one Feed value."""
    items = [entries[i] for i in feed.items]
    contents = {}
    for index, item in zip(feed.items, items, strict=True):
        content = entries.content(index, bodies)
        if content:  # an article with only a title has no content: its summary stands alone
            contents[item.id] = content
    rss, atom = _xml(feed, items, contents)
    escaped = [
        entries.escaped(i, bodies) if item.id in contents else b""
        for i, item in zip(feed.items, items, strict=True)
    ]
    rss, atom = _fill_in(rss, escaped), _fill_in(atom, escaped)
    paths = feed.paths()
    made = [Output(paths[0], rss), Output(paths[1], atom)]
    if feed.json:
        made.append(Output(paths[2], _json(feed, items, contents)))
    return made


class _Extras(BaseEntryExtension):
    """What feedgen 1.0 cannot write right: an enclosure without an Atom link (feedgen
    drops the rel and type of Atom entry links, reading them from the element it just
    made, so the image would become a second alternate link), and the writers as
    dc:creator in RSS (whose <author> must be an e-mail address)."""

    def __init__(self) -> None:
        self.image: Enclosure | None = None
        self.creators: tuple[str, ...] = ()

    def extend_rss(self, entry):  # noqa: ANN001, ANN201 - feedgen's lxml element
        for name in self.creators:
            xml_elem("{http://purl.org/dc/elements/1.1/}creator", entry).text = name
        if self.image is not None:
            xml_elem(
                "enclosure",
                entry,
                url=self.image.url,
                length=str(self.image.size),
                type=self.image.media_type,
            )
        return entry

    def extend_atom(self, entry):  # noqa: ANN001, ANN201 - feedgen's lxml element
        if self.image is not None:
            xml_elem(
                "link",
                entry,
                href=self.image.url,
                rel="enclosure",
                type=self.image.media_type,
                length=str(self.image.size),
            )
        return entry


class _ExtrasFeed(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"dc": "http://purl.org/dc/elements/1.1/"}


def _links(generator: FeedGenerator, feed: Feed, self_name: str) -> None:
    # feedgen takes RSS's <link> from the last link given: self first, then the page.
    generator.link(href=feed.self_base + self_name, rel="self", replace=True)
    generator.link(href=feed.home, rel="alternate")


def _xml(feed: Feed, items: list[Entry], contents: dict[str, str]) -> tuple[bytes, bytes]:
    """RSS 2.0 and Atom 1.0 from one feedgen generator: each entry is set up once."""
    generator = FeedGenerator()
    generator.register_extension("extras", _ExtrasFeed, _Extras)
    generator.id(feed.home)
    generator.title(feed.title)
    generator.description(feed.description)
    generator.subtitle(feed.description)
    generator.language(feed.language)
    generator.author({"name": feed.publisher})
    generator.generator("site-builder", version=__version__)
    generator.updated(feed.updated)  # never the clock: two builds of one input are identical
    for number, item in enumerate(items):
        entry: FeedEntry = generator.add_entry(order="append")
        entry.id(item.id)
        entry.guid(item.id, permalink=False)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        entry.published(item.published)
        entry.updated(item.updated)
        # The summary is plain text; RSS's description is HTML, and so is an Atom
        # summary of type html: escaped once more, "S&P" reaches readers as S&P.
        entry.summary(escape(item.summary), type="html")
        if item.id in contents:
            entry.content(_placeholder(number), type="html")
        for name in item.categories:
            entry.category(term=name)
        for name in item.authors:
            entry.author({"name": name})  # Atom only: RSS wants an e-mail there
        entry.extras.image = item.image
        entry.extras.creators = item.authors
    _links(generator, feed, "feed.xml")
    rss = generator.rss_str(pretty=True)
    _links(generator, feed, "atom.xml")
    return rss, generator.atom_str(pretty=True)


# An article's content is the bulk of every feed it is in (the site's, its tags',
# its section's, its writer's): feedgen gets a placeholder, and the content,
# XML-escaped once per article, is put in its place in the serialized feed. The
# placeholder is private-use characters around a random key and the entry's number.
_KEY = secrets.token_hex(8)


def _placeholder(number: int) -> str:
    return f"\ue000{_KEY}:{number}\ue001"


_PLACEHOLDER = re.compile(_placeholder(0).encode("utf-8").replace(b":0", rb":(\d+)"))


def _fill_in(document: bytes, escaped: list[bytes]) -> bytes:
    """Every placeholder replaced by its entry's content, in one pass."""
    return _PLACEHOLDER.sub(lambda match: escaped[int(match.group(1))], document)


def _json(feed: Feed, entries: list[Entry], contents: dict[str, str]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for entry in entries:
        item: dict[str, object] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "date_published": entry.published.isoformat(),
            "date_modified": entry.updated.isoformat(),
            "tags": list(entry.categories),
            "language": feed.language,
        }
        if entry.id in contents:
            item["content_html"] = contents[entry.id]
        else:
            item["content_text"] = entry.summary
        if entry.image is not None:
            item["image"] = entry.image.url
        if entry.authors:
            item["authors"] = [{"name": name} for name in entry.authors]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": feed.self_base + "feed.json",
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.publisher, "url": feed.home}],
        "items": items,
    }
    return safe_json(document, indent=1).encode("utf-8") + b"\n"
