"""The site model: published articles in order, their URLs, groups and lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from ..config import Config
from ..content.articles import Parsed
from ..content.pages import StaticPage
from ..problems import Problem
from ..text.slugs import url_quote
from .groups import Group, make_groups, with_display_names, with_section_names
from .lists import Archive, Listing, archive_of, make_listings
from .records import ArticleRecord
from .related import explicit_related, related_articles
from .urls import aliases_of, article_path, default_id, id_clashes, url_clashes


@dataclass
class Site:
    """Everything the renderer needs, decided; templates get plain values from it."""

    config: Config
    now: datetime
    articles: list[ArticleRecord]  # published ones, newest first
    tags: list[Group]  # sorted by key
    sections: list[Group]
    authors: list[Group]
    pages: list[StaticPage] = field(default_factory=list)
    home: tuple[int, ...] = ()  # the home page's order: pinned stories first
    lead: int | None = None  # the newest pinned story
    aliases: list[tuple[str, int]] = field(default_factory=list)  # (old path, article)
    archive: Archive = field(default_factory=dict)
    drafts_shown: bool = False

    def url(self, path: str) -> str:
        """The link to an output path, under base_url's path."""
        return self.config.base_path + url_quote(path)

    def absolute(self, path: str) -> str:
        return self.config.base_url + url_quote(path)

    @cached_property
    def listings(self) -> list[Listing]:
        """Every paginated list of the site, the home page first."""
        groups = [self.tags, self.sections, self.authors]
        return make_listings(self.config.title, self.home, groups, self.archive)

    def news(self) -> list[int]:
        """The articles of the two days before the build's now (Google News sitemap)."""
        since = self.now - timedelta(days=2)
        return [i for i, r in enumerate(self.articles) if since <= r.article.date <= self.now]


def is_published(article: Any, now: datetime, drafts: bool, future: bool) -> bool:
    """Whether a build shows an article: not a draft (unless --drafts), not dated in the
    future (unless --future), not past its `expires` (whatever the flags)."""
    return (
        (drafts or not article.draft)
        and (future or article.date <= now)
        and (article.expires is None or now < article.expires)
    )


def next_due(articles: list[Any], now: datetime, future: bool) -> tuple[datetime, Any, str] | None:
    """The next moment a build would publish or remove something: (when, article,
    "published" or "expires"); drafts never fall due."""
    due = []
    for article in articles:
        if article.draft:
            continue
        if not future and article.date > now:
            due.append((article.date, article.shown, "published", article))
        elif article.expires is not None and article.expires > now:
            due.append((article.expires, article.shown, "expires", article))
    if not due:
        return None
    when, _, what, article = min(due, key=lambda d: d[:3])
    return when, article, what


def make_site(
    config: Config,
    parsed: list[Parsed],
    pages: list[StaticPage],
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    memo: dict[str, object] | None = None,
) -> tuple[Site, list[Problem]]:
    """Decide what is published, where, and in which groups; report clashes.

    `memo` keeps the costliest decision (related articles) from one build to the
    next, keyed by everything it depends on.
    """
    problems: list[Problem] = []
    shown = [p for p in parsed if is_published(p.article, now, drafts, future)]
    shown.sort(key=lambda p: (p.article.date, p.article.slug), reverse=True)
    articles = [p.article for p in shown]
    paths = [article_path(config, a) for a in articles]
    ids = [a.id or default_id(config, a, p) for a, p in zip(articles, paths, strict=True)]
    problems += id_clashes(articles, ids)
    (tags, of_tags), (sections, of_sections), (authors, of_authors), found = _groups(articles)
    problems += found
    hidden = {p.article.slug for p in parsed} - {a.slug for a in articles}
    explicit, found = explicit_related(articles, hidden)
    problems += found
    tag_keys = [tuple(tags[t].key for t in of) for of in of_tags]
    related = related_articles(
        articles, tag_keys, explicit, now, config.related_count, {} if memo is None else memo
    )
    home, lead, found = _home_order(config, articles)
    problems += found
    aliases, found = aliases_of(articles)
    problems += found
    problems += url_clashes(pages, articles, paths, aliases)
    records = [
        ArticleRecord(
            p.article,
            paths[i],
            ids[i],
            p.digest,
            p.summary,
            p.image,
            tags=of_tags[i],
            section=of_sections[i][0] if of_sections[i] else None,
            authors=of_authors[i],
            related=tuple(related[i]),
        )
        for i, p in enumerate(shown)
    ]
    site = Site(
        config,
        now,
        records,
        tags,
        with_section_names(config, sections),
        with_display_names(config, authors),
        pages=pages,
        home=home,
        lead=lead,
        aliases=aliases,
        archive=archive_of(records, config.tz),
        drafts_shown=drafts,
    )
    return site, problems


Grouped = tuple[list[Group], list[tuple[int, ...]]]  # the groups, and each article's


def _groups(articles: list[Any]) -> tuple[Grouped, Grouped, Grouped, list[Problem]]:
    """The tags, sections and writers of the published articles."""
    tags, of_tags, problems = make_groups("tag", articles, lambda a: a.tags, "tags")
    sections, of_sections, found = make_groups(
        "section", articles, lambda a: (a.section,) if a.section else (), "section"
    )
    problems += found
    authors, of_authors, found = make_groups("author", articles, lambda a: a.authors, "author")
    return (tags, of_tags), (sections, of_sections), (authors, of_authors), problems + found


def _home_order(
    config: Config, articles: list[Any]
) -> tuple[tuple[int, ...], int | None, list[Problem]]:
    """Pinned stories first (the newest is the lead), then the rest by date."""
    by_slug = {a.slug: i for i, a in enumerate(articles)}
    pinned = {i for i, a in enumerate(articles) if a.pinned}
    problems = []
    for slug in config.pinned:
        if slug in by_slug:
            pinned.add(by_slug[slug])
        else:
            problems.append(
                Problem(
                    str(config.path),
                    None,
                    f"'pinned' names '{slug}', which is no published article",
                    "remove it, or use the slug of a published article",
                    "warning",
                )
            )
    first = sorted(pinned)
    rest = [i for i in range(len(articles)) if i not in pinned]
    return tuple(first + rest), (first[0] if first else None), problems
