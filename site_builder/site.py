"""The site model: published articles in order, their URLs, tags and lists."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from .articles import Article
from .config import Config
from .pages import StaticPage
from .problems import Problem
from .slugs import url_quote
from .tags import tag_key, tag_slug


@dataclass(frozen=True)
class Tag:
    """One tag: its spelling variants share the key, the slug and the page."""

    key: str
    slug: str
    name: str  # the most used spelling
    articles: tuple[int, ...]  # indices into Site.articles, newest first

    @property
    def path(self) -> str:
        return f"tags/{self.slug}/"


@dataclass
class Site:
    """Everything the renderer needs, decided; templates get plain values from it."""

    config: Config
    now: datetime
    articles: list[Article]  # published ones, newest first
    paths: list[str]  # each article's output path, e.g. 'articles/slug/'
    ids: list[str]  # each article's permanent feed id
    tags: list[Tag]  # sorted by key
    article_tags: list[tuple[int, ...]]  # each article's tags, indices into tags
    related: list[list[int]] = field(default_factory=list)
    pages: list[StaticPage] = field(default_factory=list)
    drafts_shown: bool = False

    def url(self, path: str) -> str:
        """The link to an output path, under base_url's path."""
        return self.config.base_path + url_quote(path)

    def absolute(self, path: str) -> str:
        return self.config.base_url + url_quote(path)


def article_path(config: Config, article: Article) -> str:
    local = article.date.astimezone(config.tz)
    return config.article_url.format(
        slug=article.slug, year=f"{local.year:04d}", month=f"{local.month:02d}",
        day=f"{local.day:02d}",
    )


def default_id(config: Config, article: Article, path: str) -> str:
    """The tag URI (RFC 4151) of an article: its date and URL path."""
    day = article.date.astimezone(config.tz).date().isoformat()
    return f"tag:{config.host},{day}:{url_quote(config.base_path + path)}"


def make_site(
    config: Config,
    articles: list[Article],
    pages: list[StaticPage],
    now: datetime,
    drafts: bool = False,
    future: bool = False,
) -> tuple[Site, list[Problem]]:
    """Decide what is published, where, and under which tags; report clashes."""
    problems: list[Problem] = []
    shown = [a for a in articles if (drafts or not a.draft) and (future or a.date <= now)]
    shown.sort(key=lambda a: (a.date, a.slug), reverse=True)
    paths = [article_path(config, a) for a in shown]
    problems += _url_clashes(shown, paths, pages)
    ids = [a.id or default_id(config, a, p) for a, p in zip(shown, paths, strict=True)]
    problems += _id_clashes(shown, ids)
    tags, article_tags, tag_problems = _tags(shown)
    problems += tag_problems
    site = Site(config, now, shown, paths, ids, tags, article_tags, pages=pages,
                drafts_shown=drafts)
    hidden = {a.slug for a in articles} - {a.slug for a in shown}
    site.related, related_problems = _explicit_related(shown, hidden)
    problems += related_problems
    return site, problems


def _url_clashes(articles: list[Article], paths: list[str],
                 pages: list[StaticPage]) -> list[Problem]:
    problems = []
    owner: dict[str, str] = {}
    for page in pages:
        owner[page.path] = page.shown
    for article, path in zip(articles, paths, strict=True):
        if path in owner:
            problems.append(Problem(article.shown, article.line_of("slug"),
                                    f"two files have one URL /{path}: {owner[path]} and this one",
                                    "give one of them another 'slug:'"))
        else:
            owner[path] = article.shown
    return problems


def _id_clashes(articles: list[Article], ids: list[str]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for article, article_id in zip(articles, ids, strict=True):
        if article_id in seen:
            problems.append(Problem(article.shown, article.line_of("id"),
                                    f"the id {article_id} is also the id of {seen[article_id]}; "
                                    "feed readers would drop one of them",
                                    "give each article its own 'id:'"))
        seen.setdefault(article_id, article.shown)
    return problems


def _tags(articles: list[Article]) -> tuple[list[Tag], list[tuple[int, ...]], list[Problem]]:
    """Group spelling variants under one key; the most used spelling names the tag."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for name in article.tags:
            key = tag_key(name)
            if not key:
                continue
            spellings[key][name] += 1
            if not members[key] or members[key][-1] != index:
                members[key].append(index)
    problems = []
    by_slug: dict[str, str] = {}
    tags: list[Tag] = []
    for key in sorted(spellings):
        slug = tag_slug(key)
        if slug in by_slug:
            first = articles[members[key][0]]
            problems.append(Problem(first.shown, first.line_of("tags"),
                                    f"the tags '{by_slug[slug]}' and '{key}' would share the page "
                                    f"tags/{slug}/", "spell them the same, or tell them apart "
                                    "with a letter or a word"))
            continue
        by_slug[slug] = key
        name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        tags.append(Tag(key, slug, name, tuple(members[key])))
    position = {tag.key: i for i, tag in enumerate(tags)}
    article_tags = [
        tuple(dict.fromkeys(position[k] for k in (tag_key(n) for n in a.tags) if k in position))
        for a in articles
    ]
    return tags, article_tags, problems


def _explicit_related(articles: list[Article], hidden: set[str]) -> tuple[list[list[int]], list[Problem]]:
    """The author's own «اقرأ أيضاً» slugs, resolved; unknown slugs are errors."""
    index = {a.slug: i for i, a in enumerate(articles)}
    problems = []
    related = []
    for i, article in enumerate(articles):
        chosen: list[int] = []
        for slug in article.related:
            if slug in index:
                if index[slug] != i and index[slug] not in chosen:
                    chosen.append(index[slug])
            elif slug not in hidden:
                problems.append(Problem(article.shown, article.line_of("related"),
                                        f"'related' names '{slug}', which is no article's slug",
                                        "use the slug of an article in the content folder"))
        related.append(chosen)
    return related, problems
