"""RSS 2.0 and Atom 1.0 through feedgen, from one generator per feed."""

from __future__ import annotations

import re
import secrets
from html import escape

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ... import __version__
from .entries import Enclosure, Entry, Feed


class _Extras(BaseEntryExtension):
    """What feedgen 1.0 cannot write right: an enclosure without an Atom link (feedgen
    drops the rel and type of Atom entry links, reading them from the element it just
    made, so the image would become a second alternate link), and the writers as one
    dc:creator in RSS (whose <author> must be an e-mail address; readers show only
    the first dc:creator, so several writers are one, joined with «، »)."""

    def __init__(self) -> None:
        self.image: Enclosure | None = None
        self.creator = ""

    def extend_rss(self, entry):  # noqa: ANN001, ANN201 - feedgen's lxml element
        if self.creator:
            xml_elem("{http://purl.org/dc/elements/1.1/}creator", entry).text = self.creator
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
    """The WebSub hub as <atom:link rel="hub">, in RSS and Atom alike (feedgen writes
    only the self link into RSS, and a hub link given to it would be replaced along
    with the self and alternate links)."""

    def __init__(self) -> None:
        self.hub = ""

    def extend_ns(self) -> dict[str, str]:
        return {"dc": "http://purl.org/dc/elements/1.1/"}

    def extend_rss(self, feed):  # noqa: ANN001, ANN201 - feedgen's lxml element
        if self.hub:
            xml_elem(f"{{{_ATOM}}}link", feed[0], href=self.hub, rel="hub")
        return feed

    def extend_atom(self, feed):  # noqa: ANN001, ANN201 - feedgen's lxml element
        if self.hub:
            xml_elem("link", feed, href=self.hub, rel="hub")
        return feed


_ATOM = "http://www.w3.org/2005/Atom"


class XmlFeeds:
    """RSS 2.0 and Atom 1.0 of one feed from one feedgen generator: each entry is set
    up once, and its content (XML-escaped once per article) put in afterwards."""

    def __init__(
        self, feed: Feed, items: list[Entry], contents: dict[str, str], escaped: list[bytes]
    ) -> None:
        self.feed = feed
        self.escaped = escaped
        self.generator = _generator(feed, items, contents)

    def _links(self, name: str) -> None:
        # feedgen takes RSS's <link> from the last link given: self first, then the page.
        self.generator.link(href=self.feed.url_of(name), rel="self", replace=True)
        self.generator.link(href=self.feed.home, rel="alternate")

    def rss(self) -> bytes:
        self._links("rss")
        return _fill_in(self.generator.rss_str(pretty=True), self.escaped)

    def atom(self) -> bytes:
        self._links("atom")
        return _fill_in(self.generator.atom_str(pretty=True), self.escaped)


def _generator(feed: Feed, items: list[Entry], contents: dict[str, str]) -> FeedGenerator:
    generator = FeedGenerator()
    generator.register_extension("extras", _ExtrasFeed, _Extras)
    generator.extras.hub = feed.hub
    generator.id(feed.home)
    generator.title(feed.title)
    generator.description(feed.description)
    generator.subtitle(feed.description)
    generator.language(feed.language)
    generator.author({"name": feed.publisher})
    generator.generator("site-builder", version=__version__)
    generator.updated(feed.updated)  # never the clock: two builds of one input are identical
    if feed.logo:
        generator.logo(feed.logo)  # RSS <image> and Atom <logo>
        generator.icon(feed.logo)
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
        entry.extras.creator = item.creator
    return generator


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
