"""The site model: published articles in order, their URLs, groups and lists."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .articles import Article
from .cache import digest
from .config import Config
from .images import LeadImage
from .pages import StaticPage
from .paths import is_own, own_names
from .problems import Problem
from .related import RelatedItem, select_related
from .slugs import url_quote
from .tags import tag_key, tag_slug


@dataclass(frozen=True)
class Parsed:
    """An article as the reading stage hands it on: checked, its body converted."""

    article: Article
    digest: str  # names the converted body in the body store
    summary: str
    image: LeadImage | None = None


@dataclass(frozen=True)
class Group:
    """A tag, a section or a writer: spelling variants share the key, slug and page."""

    kind: str  # "tags", "sections" or "authors"
    key: str
    slug: str
    name: str  # the most used spelling (or the config's display name of a writer)
    articles: tuple[int, ...]  # indices into Site.articles, newest first

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class Listing:
    """One paginated list of articles: the home page, a group, a year or a month."""

    folder: str
    title: str
    label: str  # what kind of list, shown above the heading ("" on the home page)
    articles: tuple[int, ...]
    feeds: bool
    group: Group | None = None


@dataclass
class Site:
    """Everything the renderer needs, decided; templates get plain values from it."""

    config: Config
    now: datetime
    articles: list[Article]  # published ones, newest first
    digests: list[str]
    summaries: list[str]
    images: list[LeadImage | None]
    paths: list[str]  # each article's output path, e.g. 'articles/slug/'
    ids: list[str]  # each article's permanent feed id
    tags: list[Group]  # sorted by key
    sections: list[Group]
    authors: list[Group]
    article_tags: list[tuple[int, ...]]  # indices into tags
    article_section: list[int | None]  # index into sections
    article_authors: list[tuple[int, ...]]  # indices into authors
    related: list[list[int]] = field(default_factory=list)
    pages: list[StaticPage] = field(default_factory=list)
    home: tuple[int, ...] = ()  # the home page's order: pinned stories first
    lead: int | None = None  # the newest pinned story
    aliases: list[tuple[str, int]] = field(default_factory=list)  # (old path, article)
    drafts_shown: bool = False

    def url(self, path: str) -> str:
        """The link to an output path, under base_url's path."""
        return self.config.base_path + url_quote(path)

    def absolute(self, path: str) -> str:
        return self.config.base_url + url_quote(path)

    def listings(self) -> list[Listing]:
        """Every paginated list of the site, the home page first."""
        lists = [Listing("", self.config.title, "", self.home, feeds=True)]
        for label, groups in (("وسم", self.tags), ("قسم", self.sections), ("كاتب", self.authors)):
            lists += [
                Listing(g.path, g.name, label, g.articles, feeds=True, group=g) for g in groups
            ]
        for year, months in self.archive().items():
            lists.append(
                Listing(
                    f"archive/{year}/",
                    year,
                    "أرشيف",
                    tuple(i for m in months.values() for i in m),
                    feeds=False,
                )
            )
            for month, indices in months.items():
                lists.append(
                    Listing(
                        f"archive/{year}/{month}/",
                        f"{year}/{month}",
                        "أرشيف",
                        tuple(indices),
                        feeds=False,
                    )
                )
        return lists

    def archive(self) -> dict[str, dict[str, list[int]]]:
        """Articles by year and month in the site's timezone, newest first."""
        years: dict[str, dict[str, list[int]]] = {}
        for index, article in enumerate(self.articles):
            local = article.date.astimezone(self.config.tz)
            years.setdefault(f"{local.year:04d}", {}).setdefault(f"{local.month:02d}", []).append(
                index
            )
        return years

    def news(self) -> list[int]:
        """The articles of the two days before the build's now (Google News sitemap)."""
        since = self.now - timedelta(days=2)
        return [i for i, a in enumerate(self.articles) if since <= a.date <= self.now]


def article_path(config: Config, article: Article) -> str:
    local = article.date.astimezone(config.tz)
    return config.article_url.format(
        slug=article.slug,
        year=f"{local.year:04d}",
        month=f"{local.month:02d}",
        day=f"{local.day:02d}",
    )


def default_id(config: Config, article: Article, path: str) -> str:
    """The tag URI (RFC 4151) of an article: its date and URL path."""
    day = article.date.astimezone(config.tz).date().isoformat()
    return f"tag:{config.host},{day}:{url_quote(config.base_path + path)}"


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
    shown = [
        p for p in parsed if (drafts or not p.article.draft) and (future or p.article.date <= now)
    ]
    shown.sort(key=lambda p: (p.article.date, p.article.slug), reverse=True)
    articles = [p.article for p in shown]
    paths = [article_path(config, a) for a in articles]
    ids = [a.id or default_id(config, a, p) for a, p in zip(articles, paths, strict=True)]
    problems += _id_clashes(articles, ids)
    tags, article_tags, found = _groups("tags", articles, lambda a: a.tags, "tags")
    problems += found
    sections, sections_of, found = _groups(
        "sections", articles, lambda a: (a.section,) if a.section else (), "section"
    )
    problems += found
    authors, article_authors, found = _groups("authors", articles, lambda a: a.authors, "author")
    problems += found
    authors = [_display_name(config, g) for g in authors]
    site = Site(
        config,
        now,
        articles,
        [p.digest for p in shown],
        [p.summary for p in shown],
        [p.image for p in shown],
        paths,
        ids,
        tags,
        sections,
        authors,
        article_tags,
        [s[0] if s else None for s in sections_of],
        article_authors,
        pages=pages,
        drafts_shown=drafts,
    )
    hidden = {p.article.slug for p in parsed} - {a.slug for a in articles}
    explicit, found = _explicit_related(articles, hidden)
    problems += found
    site.related = _related(site, explicit, {} if memo is None else memo)
    site.home, site.lead, found = _home_order(config, articles)
    problems += found
    site.aliases, found = _aliases(articles)
    problems += found
    problems += _url_clashes(site)
    return site, problems


def _display_name(config: Config, group: Group) -> Group:
    """A writer's display name from the config's `authors`, when it has one."""
    for name, info in config.authors.items():
        if tag_key(name) == group.key:
            return Group(group.kind, group.key, group.slug, info.name or group.name, group.articles)
    return group


def _url_clashes(site: Site) -> list[Problem]:
    """Two articles, pages or aliases claiming one URL."""
    problems = []
    owner: dict[str, str] = {page.path: page.shown for page in site.pages}
    claims = [(path, site.articles[i], "slug") for i, path in enumerate(site.paths)]
    claims += [(path, site.articles[i], "aliases") for path, i in site.aliases]
    for path, article, key in claims:
        if is_own(path):
            problems.append(
                Problem(
                    article.shown,
                    article.line_of(key),
                    f"the URL /{path} is one the site makes itself",
                    f"choose another '{key}:' (not one of: {own_names()})",
                )
            )
        elif path in owner:
            problems.append(
                Problem(
                    article.shown,
                    article.line_of(key),
                    f"two files claim the URL /{path}: {owner[path]} and this one",
                    f"give one of them another '{key}:'",
                )
            )
        else:
            owner[path] = article.shown
    return problems


def _id_clashes(articles: list[Article], ids: list[str]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for article, article_id in zip(articles, ids, strict=True):
        # Default ids repeat only where URLs do, which is reported as a URL clash.
        if article_id in seen and article.id:
            problems.append(
                Problem(
                    article.shown,
                    article.line_of("id"),
                    f"the id {article_id} is also the id of {seen[article_id]}; "
                    "feed readers would drop one of them",
                    "give each article its own 'id:'",
                )
            )
        seen.setdefault(article_id, article.shown)
    return problems


def _groups(
    kind: str, articles: list[Article], names: Callable[[Article], Iterable[str]], key_name: str
) -> tuple[list[Group], list[tuple[int, ...]], list[Problem]]:
    """Group spelling variants under one key; the most used spelling names the group."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for name in names(article):
            key = tag_key(name)
            if not key:
                continue
            spellings[key][name] += 1
            if not members[key] or members[key][-1] != index:
                members[key].append(index)
    problems = []
    by_slug: dict[str, str] = {}
    groups: list[Group] = []
    for key in sorted(spellings):
        slug = tag_slug(key)
        if slug in by_slug:
            first = articles[members[key][0]]
            problems.append(
                Problem(
                    first.shown,
                    first.line_of(key_name),
                    f"'{by_slug[slug]}' and '{key}' would share the page {kind}/{slug}/",
                    "spell them the same, or tell them apart with a letter or a word",
                )
            )
            continue
        by_slug[slug] = key
        name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        groups.append(Group(kind, key, slug, name, tuple(members[key])))
    position = {group.key: i for i, group in enumerate(groups)}
    of_article = [
        tuple(dict.fromkeys(position[k] for k in map(tag_key, names(a)) if k in position))
        for a in articles
    ]
    return groups, of_article, problems


def _explicit_related(
    articles: list[Article], hidden: set[str]
) -> tuple[list[tuple[int, ...]], list[Problem]]:
    """The author's own «اقرأ أيضاً» slugs, resolved; unknown slugs are errors."""
    index = {a.slug: i for i, a in enumerate(articles)}
    problems = []
    related = []
    for article in articles:
        chosen: list[int] = []
        for slug in article.related:
            if slug in index:
                chosen.append(index[slug])
            elif slug not in hidden:  # a draft's or a future article's slug is skipped
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("related"),
                        f"'related' names '{slug}', which is no article's slug",
                        "use the slug of an article in the content folder",
                    )
                )
        related.append(tuple(chosen))
    return related, problems


def _related(
    site: Site, explicit: list[tuple[int, ...]], memo: dict[str, object]
) -> list[list[int]]:
    """Explicit picks first, then the articles sharing the most informative tags."""
    items = [
        RelatedItem(
            tags=tuple(site.tags[t].key for t in site.article_tags[i]),
            date=a.date.timestamp(),
            eligible=not a.draft and a.date <= site.now,
            explicit=explicit[i],
        )
        for i, a in enumerate(site.articles)
    ]
    key = digest(repr(items), str(site.config.related_count))
    known = memo.get("related")
    if isinstance(known, tuple) and known[0] == key:
        return known[1]
    chosen = select_related(items, site.config.related_count)
    memo["related"] = (key, chosen)
    return chosen


def _home_order(
    config: Config, articles: list[Article]
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


def _aliases(articles: list[Article]) -> tuple[list[tuple[str, int]], list[Problem]]:
    """Old URL paths, made relative to the site's root ('/old/x/' and 'old/x/' alike)."""
    found: list[tuple[str, int]] = []
    problems = []
    for index, article in enumerate(articles):
        for alias in article.aliases:
            path = alias.strip().lstrip("/")
            parts = path.rstrip("/").split("/")
            if (
                "://" in alias
                or not path
                or any(p in {"", ".", ".."} for p in parts)
                or "?" in path
                or "#" in path
            ):
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("aliases"),
                        f"the alias {alias!r} is not a path inside the site",
                        "aliases: [/old/khabar-1/] (a path under base_url)",
                    )
                )
                continue
            if not path.endswith((".html", ".htm", "/")):
                path += "/"
            found.append((path, index))
    return found, problems
