"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of each list that has them; links absolute.

Each format of `layout.FEED_FORMATS` has its writer here, by name. An article's
entry (and its XML-escaped content) is made once per worker, however many feeds
show it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..files import Output
from ..pages import BodyLookup
from .entries import Entries, Entry, Feed, feed_values, key
from .json_feed import json_feed
from .xml_feeds import XmlFeeds

__all__ = ["WRITERS", "Entries", "Feed", "feed_values", "key", "outputs"]


class _Made:
    """What the writers of one feed share: its entries, their contents, one feedgen run."""

    def __init__(self, feed: Feed, entries: Entries, bodies: BodyLookup) -> None:
        self.feed = feed
        self.items: list[Entry] = [entries[i] for i in feed.items]
        self.contents: dict[str, str] = {}
        for index, item in zip(feed.items, self.items, strict=True):
            content = entries.content(index, bodies)
            if content:  # an article with only a title has no content: its summary stands alone
                self.contents[item.id] = content
        self.escaped = [
            entries.escaped(i, bodies) if item.id in self.contents else b""
            for i, item in zip(feed.items, self.items, strict=True)
        ]
        self._xml: XmlFeeds | None = None

    @property
    def xml(self) -> XmlFeeds:
        if self._xml is None:
            self._xml = XmlFeeds(self.feed, self.items, self.contents, self.escaped)
        return self._xml


WRITERS: dict[str, Callable[[_Made], bytes]] = {
    "rss": lambda made: made.xml.rss(),
    "atom": lambda made: made.xml.atom(),
    "json": lambda made: json_feed(made.feed, made.items, made.contents),
}


def outputs(feed: Feed, entries: Entries, bodies: BodyLookup) -> list[Output]:
    """The files of one Feed value, one a format."""
    made = _Made(feed, entries, bodies)
    own = {name: WRITERS[name](made) for name in feed.formats}
    files = [
        Output(path, own[name]) for name, path in zip(feed.formats, feed.paths(), strict=False)
    ]
    return files + [Output(path, own[name]) for path, name in feed.copies]
