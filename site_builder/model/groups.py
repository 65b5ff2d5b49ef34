"""Tags, sections and writers: spelling variants of a name share one key, slug and page."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..layout import list_folder
from ..problems import Problem
from ..text.collation import sort_key
from .naming import Naming


@dataclass(frozen=True)
class Group:
    """A tag, a section or a writer: spelling variants share the key, slug and page."""

    kind: str  # "tag", "section" or "author": its kind of list page (layout.LIST_KINDS)
    key: str
    slug: str
    name: str  # the config's display name, else the most used spelling
    articles: tuple[int, ...]  # indices into Site.articles, newest first
    description: str = ""  # the config's words about it, shown on its page
    spellings: tuple[str, ...] = ()  # every spelling the articles use, sorted

    @property
    def path(self) -> str:
        return list_folder(self.kind, slug=self.slug)


@dataclass(frozen=True)
class Moved:
    """A group's page at an old slug, sent on to the page it now is."""

    old: str  # the old page's folder
    group: int  # index of the group it joined


def make_groups(
    kind: str,
    articles: list[Any],
    names: Callable[[Any], Iterable[str]],
    key_name: str,
    naming: Naming,
    locale: str,
) -> tuple[list[Group], list[tuple[int, ...]], list[Problem]]:
    """Group spelling variants under one key; the most used spelling names the group.

    Returns the groups in alphabetical order of their names in `locale` (ties by
    key), each article's groups (indices), and the problems: two keys that would
    share one slug, and bare spellings of tags kept apart.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for name in names(article):
            key = naming.key(name)
            if not key:
                continue
            spellings[key][naming.shown(name)] += 1
            if not members[key] or members[key][-1] != index:
                members[key].append(index)
    problems = []
    by_slug: dict[str, str] = {}
    groups: list[Group] = []
    for key in sorted(spellings):
        slug = naming.slug(key)
        first = articles[members[key][0]]
        if slug in by_slug:
            problems.append(
                Problem(
                    first.shown,
                    first.line_of(key_name),
                    f"'{by_slug[slug]}' and '{key}' would share the page "
                    f"{list_folder(kind, slug=slug)}",
                    "spell them the same, or tell them apart with a letter or a word",
                )
            )
            continue
        by_slug[slug] = key
        groups.append(_group(kind, key, slug, naming, spellings[key], members[key]))
        apart = naming.kept_apart_from(key)
        if apart:
            name = groups[-1].name
            problems.append(_bare_spelling(first, key_name, name, len(members[key]), apart))
    collate = sort_key(locale)
    groups.sort(key=lambda g: (collate(g.name), g.key))
    position = {group.key: i for i, group in enumerate(groups)}
    of_article = [
        tuple(dict.fromkeys(position[k] for k in map(naming.key, names(a)) if k in position))
        for a in articles
    ]
    return groups, of_article, problems


def _group(
    kind: str, key: str, slug: str, naming: Naming, spellings: Counter[str], members: list[int]
) -> Group:
    """A group named by the config, else by its most used spelling (ties: the first)."""
    info = naming.info(key)
    name = min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
    return Group(
        kind,
        key,
        slug,
        info.name if info and info.name else name,
        tuple(members),
        info.description if info else "",
        tuple(sorted(spellings)),
    )


def _bare_spelling(
    first: Any, key_name: str, name: str, count: int, apart: tuple[str, ...]
) -> Problem:
    kept = " and ".join(f"'{s}'" for s in apart)
    return Problem(
        first.shown,
        first.line_of(key_name),
        f"the tag '{name}' ({count} article{'s' if count > 1 else ''}) is not one of the "
        f"spellings kept apart ({kept}, tags_kept_apart), so it has a page of its own",
        f"write {' or '.join(repr(s) for s in apart)} with its marks where one of them is meant",
        "warning",
    )


def moved_pages(groups: list[Group], naming: Naming, aliases: Iterable[str]) -> list[Moved]:
    """The old pages of tags that now have another page: an alias's own page (it
    joined the tag it means), and a tag's default page when the config gives it a
    slug. A folder another group uses is never taken."""
    taken = {g.slug for g in groups}
    position = {g.key: i for i, g in enumerate(groups)}
    moved: dict[str, int] = {}
    for alias in aliases:
        target = position.get(naming.key(alias))
        slug = naming.default_slug(naming.own_key(alias))
        if target is not None and slug not in taken:
            moved.setdefault(slug, target)
    for index, group in enumerate(groups):
        slug = naming.default_slug(group.key)
        if slug not in taken:
            moved.setdefault(slug, index)
    return [Moved(list_folder(groups[i].kind, slug=s), i) for s, i in sorted(moved.items())]
