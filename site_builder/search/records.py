"""What the search index holds of each article: the builder's own values, never its pages.

One record per published article that is not a draft: its URL, title, the date
and section as the site shows them, its tags, writers and year as filters, a
date to sort by, and the body's digest in the body store (its text is read only
when its shard is indexed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from ..model.site import Site
from ..text import dates
from .arabic import index_text

# The theme's words for the filters and what each result shows under its title.
FILTER_STRINGS = {
    "section": "search_filter_section",
    "tag": "search_filter_tag",
    "author": "search_filter_author",
    "year": "search_filter_year",
}


@dataclass(frozen=True, slots=True)
class SearchRecord:
    url: str
    title: str
    shown_date: str  # as the site shows it: «21 أغسطس 2023»
    sort_date: str  # UTC, to the second: sorts as text
    month: tuple[int, int]  # year and month in the site's time zone: the shard
    day: int
    section: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    year: str  # with the site's digits
    body: str  # the digest naming the converted body in the body store

    def payload(self, text: str, language: str, names: dict[str, str]) -> dict[str, Any]:
        """The record as Pagefind's AddRecord takes it; `text` is the body's plain text."""
        meta = {"title": index_text(self.title), "date": self.shown_date}
        if self.section:
            meta["section"] = self.section
        groups = {
            "section": (self.section,) if self.section else (),
            "tag": self.tags,
            "author": self.authors,
            "year": (self.year,),
        }
        return {
            "url": self.url,
            "content": index_text(text),
            "language": language,
            "meta": meta,
            "filters": {names[kind]: list(values) for kind, values in groups.items() if values},
            "sort": {"date": self.sort_date},
        }


def search_records(site: Site) -> list[SearchRecord]:
    """The articles the index holds, oldest first: every published one but drafts."""
    config = site.config
    made = []
    for record in reversed(site.articles):
        article = record.article
        if article.draft:
            continue  # `build --drafts` shows them; the index never holds them
        local = article.date.astimezone(config.tz)
        made.append(
            SearchRecord(
                url=site.url(record.path),
                title=article.title,
                shown_date=dates.display_date(
                    article.date,
                    config.locale,
                    config.numerals,  # type: ignore[arg-type]
                    config.tz,
                ),
                sort_date=article.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                month=(local.year, local.month),
                day=local.day,
                section=site.sections[record.section].name if record.section is not None else "",
                tags=tuple(site.tags[t].name for t in record.tags),
                authors=tuple(site.authors[a].name for a in record.authors),
                year=dates.localize_digits(f"{local.year:04d}", config.numerals),  # type: ignore[arg-type]
                body=record.digest,
            )
        )
    return made


def filter_names(strings: dict[str, str]) -> dict[str, str]:
    return {kind: strings[name] for kind, name in FILTER_STRINGS.items()}


_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.I | re.S)
_BREAK = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figure|figcaption"
    r"|div|section|aside|br|hr|img)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")


def plain_text(body_html: str) -> str:
    """A converted body's words, as a reader reads them, one space apart."""
    text = _TAG.sub("", _BREAK.sub(" ", _HIDDEN.sub(" ", body_html)))
    return " ".join(html.unescape(text).split())
