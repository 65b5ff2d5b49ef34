"""The values of each kind of page, one function a kind, and the key derived from them.

Values are plain dicts and lists; an article's body stands in them as a BodyRef
(its digest) and other articles as indices, whose cards are keyed by content.
A page's incremental key is a digest of exactly the values it is rendered
from, so nothing a page shows can be left out of its key.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..content.fields import FIELDS
from ..digests import digest
from ..layout import ARCHIVE_INDEX, TAG_INDEX, list_folder
from ..model.lists import ListPage
from ..model.site import Site
from ..text import dates
from .parts import Parts, Values

# Front-matter values that reach the page and are not already shown through the card
# or the article's own values: the template finds them under their names.
_PAGE_FIELDS = tuple(f.name for f in FIELDS if f.page)
_CARD_KEYS = frozenset(
    ("title", "url", "date", "summary", "tags", "section", "image", "draft", "future", "breaking")
)


_TICKER = ("home", "section")  # the lists that show the breaking-news strip


@dataclass(frozen=True)
class BodyRef:
    """An article's converted body, named by its digest; filled in at render time."""

    digest: str


def page_key(values: Values, parts: Parts, salt: str) -> str:
    """What a page's bytes depend on: its own values and the cards it shows."""
    cards = [parts.card_key(i) for i in values["refs"]]
    languages = parts.languages(values["path"])
    if languages is not None:  # its versions in the other languages, shown in its head
        cards.append(digest(pickle.dumps(languages, protocol=4)))
    return digest(salt, pickle.dumps(values, protocol=4), *cards)


def article_view(parts: Parts, index: int) -> Values:
    """An article page: its card (by index), body, writers, lead image, related cards,
    and the front-matter values that reach the page. Its title, description, Open
    Graph and JSON-LD are made from these when it is rendered (render/pages.py)."""
    site = parts.site
    record = site.articles[index]
    article = record.article
    source = None
    if article.source:
        source = {"name": article.source.name, "url": article.source.url}
    updated = article.updated if article.updated and article.updated > article.date else None
    own: Values = {
        "card": index,
        "body": BodyRef(record.digest),
        "published": parts.when(article.date, with_time=True),
        "updated": parts.when(updated, with_time=True) if updated else None,
        "modified": dates.iso(last_change(article)),
        "corrections": [
            {"date": parts.when(c.date, with_time=True), "text": c.text}
            for c in article.corrections
        ],
        "source": source,
        "authors": [parts.author_link(a) for a in record.authors],
        "image": parts.image(index, eager=True),
        "related": list(record.related),
        "toc": _contents(record.toc) if _shows_contents(article, record, parts) else [],
    }
    shown = _CARD_KEYS | own.keys()
    own.update((name, getattr(article, name)) for name in _PAGE_FIELDS if name not in shown)
    return {
        "template": "article.html",
        "path": record.path,
        "refs": (index, *record.related),
        "article": own,
    }


def last_change(article: Any) -> datetime:
    """When an article last changed: its date, its `updated`, or its latest correction."""
    return max(
        (article.date, article.updated or article.date, *(c.date for c in article.corrections))
    )


def ticker(parts: Parts) -> list[Values]:
    """The breaking stories of the last `breaking_hours`, for the strip on top of a list."""
    site = parts.site
    return [
        {
            "title": site.articles[i].article.title,
            "url": site.url(site.articles[i].path),
            "date": parts.when(site.articles[i].article.date, with_time=True),
        }
        for i in site.breaking
    ]


def _shows_contents(article: Any, record: Any, parts: Parts) -> bool:
    """A table of contents when the article (else the config) asks, and it has two
    headings or more to list."""
    wanted = article.toc if article.toc is not None else parts.config.toc
    return bool(wanted) and sum(1 for _ in _all(record.toc)) >= 2


def _all(headings: tuple[Any, ...]) -> Any:
    for _id, _text, children in headings:
        yield _id
        yield from _all(children)


def _contents(headings: tuple[Any, ...]) -> list[Values]:
    return [{"id": i, "text": text, "children": _contents(c)} for i, text, c in headings]


def list_view(parts: Parts, page: ListPage) -> Values:
    site, config, t = parts.site, parts.config, parts.t
    listing = page.listing
    label = t[listing.kind.label] if listing.kind.label else ""
    title = listing.title
    if page.number > 1:
        title = t["page_title"].format(title=listing.title, number=parts.number(page.number))
    values: Values = {
        "template": "index.html" if not listing.folder else "list.html",
        "path": page.path,
        "title": title,
        "heading": listing.title,
        "label": label,
        "count": parts.number(len(listing.articles)),
        "description": config.description
        if not listing.folder
        else _described(parts, listing.group)
        or t["list_description"].format(label=label, title=listing.title),
        "feeds": parts.feeds_of(
            listing.folder,
            t["list_feed_title"].format(site=config.title, title=listing.title),
            listing.kind.feeds,
        )
        if listing.folder
        else [],
        "group": _group_info(parts, listing.group) if listing.group is not None else None,
        "ticker": ticker(parts) if page.number == 1 and listing.kind.name in _TICKER else [],
        "lead": None,
        "cards": list(page.items),
        "pager": _pager(parts, page),
    }
    if not listing.folder and page.number == 1 and site.lead is not None:
        values["lead"] = site.lead
        values["cards"] = [i for i in values["cards"] if i != site.lead]
    values["refs"] = tuple(values["cards"]) + (
        (values["lead"],) if values["lead"] is not None else ()
    )
    return values


def _described(parts: Parts, group: Any) -> str:
    """A section's or a tag's description from the config (`section_info`, `tag_info`)."""
    return group.description if group is not None else ""


def _group_info(parts: Parts, group: Any) -> Values | None:
    """A writer's bio and portrait from the config's `authors`; a section's or a tag's
    description from its `section_info` or `tag_info`."""
    if group.kind in ("section", "tag"):
        description = _described(parts, group)
        return {"bio": "", "image": "", "description": description} if description else None
    if group.kind != "author":
        return None
    for name, info in parts.config.authors.items():
        if name == group.name or info.name == group.name:
            return {"bio": info.bio, "image": info.image, "description": ""}
    return None


def _pager(parts: Parts, page: ListPage) -> Values:
    def link(number: int) -> str:
        return parts.site.url(ListPage(page.listing, number, page.total, ()).path)

    return {
        "number": parts.number(page.number),
        "total": parts.number(page.total),
        "previous": link(page.number - 1) if page.number > 1 else "",
        "next": link(page.number + 1) if page.number < page.total else "",
        "first": link(1) if page.number > 2 else "",
        "last": link(page.total) if page.number < page.total - 1 else "",
    }


def tag_index_view(parts: Parts) -> Values:
    tags = [
        {**parts.group_link(t), "count": parts.number(len(t.articles))} for t in parts.site.tags
    ]
    return {
        "template": "tags.html",
        "path": TAG_INDEX,
        "title": parts.t["tags_title"],
        "tags": tags,
        "description": parts.t["tags_description"].format(site=parts.config.title),
        "refs": (),
    }


def archive_view(parts: Parts) -> Values:
    site = parts.site
    years = []
    for year, months in site.archive.items():
        years.append(
            {
                "name": parts.number(year),
                "url": site.url(list_folder("archive", year=year)),
                "count": parts.number(sum(len(m) for m in months.values())),
                "months": [
                    {
                        "name": dates.month_name(
                            site.articles[indices[0]].article.date,
                            parts.config.locale,
                            parts.config.numerals,  # type: ignore[arg-type]
                            parts.config.tz,
                            parts.config.month_names == "dual",
                        ),
                        "url": site.url(list_folder("archive_month", year=year, month=month)),
                        "count": parts.number(len(indices)),
                    }
                    for month, indices in months.items()
                ],
            }
        )
    return {
        "template": "archive.html",
        "path": ARCHIVE_INDEX,
        "title": parts.t["archive_title"],
        "years": years,
        "description": parts.t["archive_description"].format(site=parts.config.title),
        "refs": (),
    }


def static_page_view(site: Site, page_index: int) -> Values:
    page = site.pages[page_index]
    return {
        "template": "page.html",
        "path": page.path,
        "title": page.title,
        "description": "",
        "body": page.html,
        "refs": (),
    }


def simple_view(template: str, path: str, title: str) -> Values:
    return {"template": template, "path": path, "title": title, "description": "", "refs": ()}
