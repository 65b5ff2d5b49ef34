"""How the names of a kind of group become keys, slugs and display names.

Sections and writers are named by spelling: variants share the key
(`text.spelling.tag_key`), and the config's `section_info` and `authors` give
display names (and a section's description). Tags are named as the editors decide in the config:
spellings kept apart from their variants (`tags_kept_apart`: عُمان, Oman, and
عمّان, Amman, are not one tag because tashkeel alone tells them apart), spellings
that mean another tag (`tag_aliases`), and a tag's own display name, slug and
description (`tag_info`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config, TagInfo
from ..text.slugs import slugify
from ..text.spelling import clean_spelling, tag_key, tag_slug


@dataclass(frozen=True)
class Naming:
    """Spelling variants share one key; the slug is made from the key."""

    def own_key(self, spelling: str) -> str:
        """The key of a spelling itself, before any alias sends it to another group."""
        return tag_key(spelling)

    def key(self, spelling: str) -> str:
        """The key of the group a spelling names."""
        return self.own_key(spelling)

    def shown(self, spelling: str) -> str:
        """The spelling that counts towards the group's display name."""
        return spelling

    def default_slug(self, key: str) -> str:
        """The slug a key gets when the config gives it none."""
        return tag_slug(key)

    def slug(self, key: str) -> str:
        return self.default_slug(key)

    def info(self, key: str) -> TagInfo | None:
        """What the config says of the group: its name, slug and description."""
        return None

    def kept_apart_from(self, key: str) -> tuple[str, ...]:
        """The spellings kept apart from a group's bare spelling (none by default)."""
        return ()


@dataclass(frozen=True)
class WriterNaming(Naming):
    """Writers under the display names the config's `authors` gives them."""

    names: dict[str, str] = field(default_factory=dict)  # key → display name

    @classmethod
    def of(cls, config: Config) -> WriterNaming:
        names: dict[str, str] = {}
        for name, info in config.authors.items():
            names.setdefault(tag_key(name), info.name)
        return cls(names={k: v for k, v in names.items() if v})

    def info(self, key: str) -> TagInfo | None:
        name = self.names.get(key)
        return TagInfo(name=name) if name else None


@dataclass(frozen=True)
class SectionNaming(Naming):
    """Sections under the names and descriptions the config's `section_info` gives them."""

    infos: dict[str, TagInfo] = field(default_factory=dict)  # by key

    @classmethod
    def of(cls, config: Config) -> SectionNaming:
        return cls(
            infos={
                tag_key(name): TagInfo(name=info.name, description=info.description)
                for name, info in config.section_info.items()
            }
        )

    def info(self, key: str) -> TagInfo | None:
        return self.infos.get(key)


@dataclass(frozen=True)
class TagNaming(Naming):
    """Tags as the config's `tags_kept_apart`, `tag_aliases` and `tag_info` decide them."""

    kept: frozenset[str] = frozenset()  # spellings compared exactly, marks and all
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (key, spelling)
    infos: dict[str, TagInfo] = field(default_factory=dict)  # by key
    apart: dict[str, tuple[str, ...]] = field(default_factory=dict)  # bare key → kept spellings

    @classmethod
    def of(cls, config: Config) -> TagNaming:
        kept = frozenset(clean_spelling(s) for s in config.tags_kept_apart if s.strip())
        apart: dict[str, tuple[str, ...]] = {}
        for spelling in sorted(kept):
            apart[tag_key(spelling)] = (*apart.get(tag_key(spelling), ()), spelling)
        naming = cls(kept=kept, apart={k: v for k, v in apart.items() if k not in kept})
        for alias, tag in config.tag_aliases.items():
            naming.aliases[naming.own_key(alias)] = (naming.own_key(tag), clean_spelling(tag))
        for tag, info in config.tag_info.items():
            naming.infos[naming.key(tag)] = info
        return naming

    def own_key(self, spelling: str) -> str:
        """The key of a spelling before aliases: itself when it is kept apart."""
        cleaned = clean_spelling(spelling)
        return cleaned if cleaned in self.kept else tag_key(cleaned)

    def key(self, spelling: str) -> str:
        own = self.own_key(spelling)
        alias = self.aliases.get(own)
        return alias[0] if alias else own

    def shown(self, spelling: str) -> str:
        alias = self.aliases.get(self.own_key(spelling))
        return alias[1] if alias else spelling

    def default_slug(self, key: str) -> str:
        # A spelling kept apart keeps its marks, so it never takes its bare form's page.
        return slugify(key, keep_marks=True) if key in self.kept else tag_slug(key)

    def slug(self, key: str) -> str:
        info = self.infos.get(key)
        return info.slug if info and info.slug else self.default_slug(key)

    def info(self, key: str) -> TagInfo | None:
        return self.infos.get(key)

    def kept_apart_from(self, key: str) -> tuple[str, ...]:
        return self.apart.get(key, ())
