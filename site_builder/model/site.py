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
from .groups import Group, Moved, make_groups, moved_pages
from .lists import Archive, Listing, archive_of, make_listings
from .naming import Naming, SectionNaming, TagNaming, WriterNaming
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
    moved_tags: list[Moved] = field(default_factory=list)  # old tag pages, to redirect
    breaking: tuple[int, ...] = ()  # breaking stories of the last breaking_hours, newest first
    editor_sections: list[Group] = field(default_factory=list)  # with drafts, for the editor
    archive: Archive = field(default_factory=dict)
    drafts_shown: bool = False
    # With `languages:`: a page's versions in every language, by its path (model/editions)
    versions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    homes: tuple[Any, ...] = ()  # every edition's home page, the default one first

    def url(self, path: str) -> str:
        """The link to an output path, under base_url's path."""
        return self.config.base_path + url_quote(path)

    def absolute(self, path: str) -> str:
        return self.config.base_url + url_quote(path)

    def at_root(self, path: str) -> str:
        """The link to a path at the site's root (the theme's files, old URLs), which an
        edition under /CODE/ shares with the others."""
        return self.config.site_path + url_quote(path)

    @cached_property
    def listings(self) -> list[Listing]:
        """Every paginated list of the site, the home page first."""
        groups = [self.tags, self.sections, self.authors]
        return make_listings(self.config.title, self.home, groups, self.archive)

    def news(self) -> list[int]:
        """The articles of the two days before the build's now (Google News sitemap)."""
        since = self.now - timedelta(days=2)
        return [i for i, r in enumerate(self.articles) if since <= r.article.date <= self.now]


def is_fresh_breaking(article: Any, now: datetime, hours: int) -> bool:
    """Whether a story is breaking news still: marked so, and of the last `hours`."""
    return article.breaking and now - timedelta(hours=hours) <= article.date <= now


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
    tag_naming = TagNaming.of(config)
    (tags, of_tags), (sections, of_sections), (authors, of_authors), found = _groups(
        config, articles, tag_naming
    )
    problems += (
        found + _unused_tag_rules(config, tag_naming, tags) + _unknown_menu(config, sections)
    )
    related, found = _related(config, parsed, articles, tags, of_tags, now, memo)
    problems += found
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
            words=p.words,
            toc=p.toc,
            images=p.images,
        )
        for i, p in enumerate(shown)
    ]
    site = Site(
        config,
        now,
        records,
        tags,
        sections,
        authors,
        pages=pages,
        home=home,
        lead=lead,
        aliases=aliases,
        archive=archive_of(records, config.tz),
        drafts_shown=drafts,
        **_newsroom(config, now, articles, parsed, tags, tag_naming),
    )
    return site, problems


def _newsroom(
    config: Config,
    now: datetime,
    articles: list[Any],
    parsed: list[Parsed],
    tags: list[Group],
    tag_naming: TagNaming,
) -> dict[str, Any]:
    """What the newsroom's config adds to the site: old tag pages to send on, the
    breaking stories of the ticker, and the sections the web editor lists."""
    hours = config.breaking_hours
    return {
        "moved_tags": moved_pages(tags, tag_naming, config.tag_aliases),
        "breaking": tuple(i for i, a in enumerate(articles) if is_fresh_breaking(a, now, hours)),
        "editor_sections": _editor_sections(config, parsed) if config.cms else [],
    }


def _related(
    config: Config,
    parsed: list[Parsed],
    articles: list[Any],
    tags: list[Group],
    of_tags: list[tuple[int, ...]],
    now: datetime,
    memo: dict[str, object] | None,
) -> tuple[list[list[int]], list[Problem]]:
    """«اقرأ أيضاً» of each article: its own picks (a draft's slug is skipped), then by tags."""
    hidden = {p.article.slug for p in parsed} - {a.slug for a in articles}
    explicit, problems = explicit_related(articles, hidden)
    tag_keys = [tuple(tags[t].key for t in of) for of in of_tags]
    related = related_articles(
        articles, tag_keys, explicit, now, config.related_count, {} if memo is None else memo
    )
    return related, problems


Grouped = tuple[list[Group], list[tuple[int, ...]]]  # the groups, and each article's


def _groups(
    config: Config, articles: list[Any], tag_naming: Naming
) -> tuple[Grouped, Grouped, Grouped, list[Problem]]:
    """The tags, sections and writers of the published articles."""
    locale = config.locale
    tags, of_tags, problems = make_groups(
        "tag", articles, lambda a: a.tags, "tags", tag_naming, locale
    )
    sections, of_sections, found = make_groups(
        "section", articles, _section_of, "section", SectionNaming.of(config), locale
    )
    problems += found
    authors, of_authors, found = make_groups(
        "author", articles, lambda a: a.authors, "author", WriterNaming.of(config), locale
    )
    return (tags, of_tags), (sections, of_sections), (authors, of_authors), problems + found


def _section_of(article: Any) -> tuple[str, ...]:
    return (article.section,) if article.section else ()


def _editor_sections(config: Config, parsed: list[Parsed]) -> list[Group]:
    """Every section an article names, drafts and scheduled ones too: the web editor
    lists each section's articles, and a draft must not vanish from it."""
    articles = [p.article for p in parsed]
    return make_groups("section", articles, _section_of, "section", Naming(), config.locale)[0]


def _unused_tag_rules(config: Config, naming: TagNaming, tags: list[Group]) -> list[Problem]:
    """The config's words about tags no published article has: said, never dropped silently."""
    keys = {g.key for g in tags}
    problems = []
    for tag in config.tag_info:
        if naming.key(tag) not in keys:
            problems.append(
                Problem(
                    str(config.path),
                    None,
                    f"tag_info names '{tag}', which no published article has as a tag",
                    "check its spelling against the articles' tags, or remove it",
                    "warning",
                )
            )
    for alias, tag in config.tag_aliases.items():
        if naming.key(alias) not in keys:
            problems.append(
                Problem(
                    str(config.path),
                    None,
                    f"tag_aliases sends '{alias}' to '{tag}', which no published article has "
                    f"as a tag, so the old page of '{alias}' has nowhere to send readers",
                    "check the tag's spelling against the articles' tags, or remove the alias",
                    "warning",
                )
            )
    return problems


def _unknown_menu(config: Config, sections: list[Group]) -> list[Problem]:
    """A `menu` name no published article has as its section: said, not dropped."""
    names = {name for g in sections for name in (*g.spellings, g.name)}
    where = f"languages: {config.language} menu" if config.languages else "menu"
    return [
        Problem(
            str(config.path),
            None,
            f"{where} names '{name}', which no published article has as its section",
            "write the section as the articles do (section: …), or remove it from the menu",
            "warning",
        )
        for name in config.menu
        if name not in names
    ]


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
