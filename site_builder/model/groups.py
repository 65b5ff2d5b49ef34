"""Tags, sections and writers: spelling variants of a name share one key, slug and page."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..config import Config
from ..layout import list_folder
from ..problems import Problem
from ..text.spelling import tag_key, tag_slug


@dataclass(frozen=True)
class Group:
    """A tag, a section or a writer: spelling variants share the key, slug and page."""

    kind: str  # "tag", "section" or "author": its kind of list page (layout.LIST_KINDS)
    key: str
    slug: str
    name: str  # the most used spelling (or the config's display name of a writer)
    articles: tuple[int, ...]  # indices into Site.articles, newest first

    @property
    def path(self) -> str:
        return list_folder(self.kind, slug=self.slug)


def make_groups(
    kind: str, articles: list[Any], names: Callable[[Any], Iterable[str]], key_name: str
) -> tuple[list[Group], list[tuple[int, ...]], list[Problem]]:
    """Group spelling variants under one key; the most used spelling names the group.

    Returns the groups sorted by key, each article's groups (indices), and the
    problems: two keys that would share one slug.
    """
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
                    f"'{by_slug[slug]}' and '{key}' would share the page "
                    f"{list_folder(kind, slug=slug)}",
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


def with_display_names(config: Config, groups: list[Group]) -> list[Group]:
    """Writers under their display names from the config's `authors`, where it has one."""
    names: dict[str, str] = {}
    for name, info in config.authors.items():
        names.setdefault(tag_key(name), info.name)
    return [replace(g, name=names[g.key] or g.name) if g.key in names else g for g in groups]


def with_section_names(config: Config, groups: list[Group]) -> list[Group]:
    """Sections under their display names from the config's `section_info`."""
    names = {tag_key(name): info.name for name, info in config.section_info.items() if info.name}
    return [replace(g, name=names[g.key]) if g.key in names else g for g in groups]
