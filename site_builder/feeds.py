"""RSS 2.0 and Atom 1.0 through feedgen, JSON Feed 1.1 through json; links absolute."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from . import __version__
from .bodies import Body
from .site import Site

_LINK_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')


@dataclass(frozen=True)
class FeedSpec:
    """One set of feeds: the whole site, or one tag (or section, or writer)."""

    folder: str  # output folder of the feeds and of the page they stand for: '' or 'tags/x/'
    title: str
    articles: Sequence[int]  # newest first


def absolutize(fragment: str, page_url: str) -> str:
    """Make every href and src absolute, resolved against the article's own URL."""
    return _LINK_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(page_url, m.group(2))}"', fragment)


def _items(site: Site, spec: FeedSpec) -> list[int]:
    return list(spec.articles[: site.config.feed_items])


def _content(site: Site, bodies: Sequence[Body], index: int) -> str:
    body = bodies[index]
    if not site.config.feed_full_content:
        return ""
    return absolutize(body.html, site.absolute(site.paths[index]))


def _generator(site: Site, spec: FeedSpec, items: list[int], self_name: str) -> FeedGenerator:
    config = site.config
    feed = FeedGenerator()
    feed.id(site.absolute(spec.folder))
    feed.title(spec.title)
    # feedgen takes RSS's <link> from the last link given: self first, then the page.
    feed.link(href=site.absolute(spec.folder + self_name), rel="self")
    feed.link(href=site.absolute(spec.folder), rel="alternate")
    feed.description(config.description or spec.title)
    feed.subtitle(config.description or spec.title)
    feed.language(config.language)
    feed.author({"name": config.title})
    feed.generator("site-builder", version=__version__)
    newest = max((_updated(site, i) for i in items), default=site.now)
    feed.updated(newest)  # never the clock: two builds of one input are identical
    return feed


def _updated(site: Site, index: int):  # noqa: ANN202 - a datetime
    article = site.articles[index]
    return max(article.updated or article.date, article.date)


def _fill(site: Site, bodies: Sequence[Body], feed: FeedGenerator, items: list[int],
          rss: bool) -> None:
    if rss:
        feed.load_extension("dc", atom=False, rss=True)
    for index in items:
        article = site.articles[index]
        entry = feed.add_entry(order="append")
        entry.id(site.ids[index])
        entry.guid(site.ids[index], permalink=False)
        entry.title(article.title)
        entry.link(href=site.absolute(site.paths[index]), rel="alternate")
        entry.published(article.date)
        entry.updated(_updated(site, index))
        # RSS description and Atom summary (isSummary keeps it out of Atom content).
        entry.description(bodies[index].summary or article.title, isSummary=True)
        content = _content(site, bodies, index)
        if content:
            entry.content(content, type="html")
        for tag in site.article_tags[index]:
            entry.category(term=site.tags[tag].name)
        if rss:
            for name in article.authors:
                entry.dc.dc_creator(name)
        else:
            for name in article.authors:
                entry.author({"name": name})


def rss(site: Site, bodies: Sequence[Body], spec: FeedSpec) -> bytes:
    items = _items(site, spec)
    feed = _generator(site, spec, items, "feed.xml")
    _fill(site, bodies, feed, items, rss=True)
    return feed.rss_str(pretty=True)


def atom(site: Site, bodies: Sequence[Body], spec: FeedSpec) -> bytes:
    items = _items(site, spec)
    feed = _generator(site, spec, items, "atom.xml")
    _fill(site, bodies, feed, items, rss=False)
    return feed.atom_str(pretty=True)


def json_feed(site: Site, bodies: Sequence[Body], spec: FeedSpec) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    config = site.config
    items = []
    for index in _items(site, spec):
        article = site.articles[index]
        item: dict[str, object] = {
            "id": site.ids[index],
            "url": site.absolute(site.paths[index]),
            "title": article.title,
            "summary": bodies[index].summary,
            "date_published": article.date.isoformat(),
            "date_modified": _updated(site, index).isoformat(),
            "tags": [site.tags[t].name for t in site.article_tags[index]],
            "language": config.language,
        }
        content = _content(site, bodies, index)
        if content:
            item["content_html"] = content
        else:
            item["content_text"] = bodies[index].summary or article.title
        if article.authors:
            item["authors"] = [{"name": name} for name in article.authors]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": site.absolute(spec.folder),
        "feed_url": site.absolute(spec.folder + "feed.json"),
        "description": config.description or spec.title,
        "language": config.language,
        "authors": [{"name": config.title, "url": config.base_url}],
        "items": items,
    }
    return safe_json(document).encode("utf-8") + b"\n"


def safe_json(value: object) -> str:
    """JSON whose text can never open or close markup, even pasted into a page."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
