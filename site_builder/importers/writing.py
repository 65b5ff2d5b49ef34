"""Writing imported articles: Markdown that reads back as written, pinned feed ids, the
content folder's titles and slugs, and all files written or none."""

from __future__ import annotations

import os
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..content import front_matter
from ..problems import Problem
from ..text.ids import tag_uri
from ..text.spelling import title_key

_INLINE = re.compile(r"[\\`*_\[\]]")
_ENTITY = re.compile(r"&(?=[#\w])")  # what could start a character reference
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_markdown(paragraph: str) -> str:
    """The paragraph as Markdown that reads back as exactly this text (one line)."""
    text = _INLINE.sub(r"\\\g<0>", paragraph.strip())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _LIST_NUMBER.sub(r"\1\\\2", text)
    if text.startswith(("#", ">", "+", "-")):
        text = "\\" + text
    elif text.startswith("~"):  # a fence to some Markdown extensions; '~' has no escape
        text = "&#126;" + text[1:]
    return text


_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "site-builder:import")


def article_id(title: str, published: date, slug: str, base_url: str) -> str:
    """A feed id pinned at import: a tag URI on the site's host, else a uuid5 of title+date."""
    day = published.isoformat()[:10]
    host = urlsplit(base_url).hostname if base_url else None
    if host:
        return tag_uri(host, published, f"import/{slug}")
    name = f"{title}\n{day}"
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


@dataclass(frozen=True)
class Draft:
    """An article to write: the fields of its front matter and its paragraphs."""

    title: str
    date: date
    paragraphs: tuple[str, ...]
    source: str
    source_url: str | None
    tags: tuple[str, ...]
    slug: str
    related: tuple[str, ...] = ()


def render_article(draft: Draft, base_url: str) -> str:
    """The Markdown file: YAML front matter, then the paragraphs separated by blank lines."""
    meta: dict[str, object] = {"title": draft.title}
    meta["date"] = draft.date if type(draft.date) is date else draft.date.isoformat()
    if draft.tags:
        meta["tags"] = list(draft.tags)
    source: dict[str, str] = {"name": draft.source}
    if draft.source_url:
        source["url"] = draft.source_url
    meta["source"] = source
    if draft.related:
        meta["related"] = list(draft.related)
    meta["slug"] = draft.slug
    meta["id"] = article_id(draft.title, draft.date, draft.slug, base_url)
    body = "\n\n".join(escape_markdown(p) for p in draft.paragraphs)
    return front_matter.dump(meta, f"{body}\n" if body else "")


@dataclass
class Content:
    """What is in the content folder (and planned so far): titles, slugs, taken names."""

    files: dict[str, str] = field(default_factory=dict)  # title key → file, for messages
    slugs: dict[str, str] = field(default_factory=dict)  # title key → slug
    taken: set[str] = field(default_factory=set)  # casefolded slugs and file stems
    planned: set[str] = field(default_factory=set)  # title keys this import writes

    def add(self, title: str, slug: str, file: str, planned: bool = False) -> None:
        self.files.setdefault(title_key(title), file)
        self.slugs.setdefault(title_key(title), slug)
        self.taken.add(slug.casefold())
        if planned:
            self.planned.add(title_key(title))

    def free_slug(self, base: str) -> str:
        slug, n = base, 2
        while slug.casefold() in self.taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


def read_content(into: Path) -> Content:
    """The titles and slugs of the articles already under `into` (any depth)."""
    content = Content()
    if not into.is_dir():
        return content
    content.taken.update(p.stem.casefold() for p in into.iterdir())
    for path in sorted(into.rglob("*.md")):
        content.taken.add(path.stem.casefold())
        meta = _front_matter_of(path)
        title, slug = meta.get("title"), meta.get("slug")
        if isinstance(title, str):
            content.add(title, slug if isinstance(slug, str) else path.stem, str(path))
        elif isinstance(slug, str):
            content.taken.add(slug.casefold())
    return content


def _front_matter_of(path: Path) -> dict[str, object]:
    """An article's front matter, or {} when it does not read (the build reports why)."""
    try:
        part = front_matter.split(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    parsed = front_matter.parse(part) if isinstance(part, front_matter.Split) else part
    return parsed.data if isinstance(parsed, front_matter.FrontMatter) else {}


def write_all(files: list[tuple[Path, str | bytes]]) -> tuple[list[Path], list[Problem]]:
    """Write every file (text or bytes) to a temporary name, then swap them all in; on
    failure, none."""
    temps: list[tuple[Path, Path]] = []
    target = files[0][0]
    try:
        for target, text in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.stem[:40]}.{secrets.token_hex(4)}.tmp")
            data = text.encode("utf-8") if isinstance(text, str) else text
            with temp.open("xb") as handle:
                temps.append((temp, target))
                handle.write(data)
    except OSError as error:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        return [], [
            Problem(
                str(target),
                None,
                f"cannot write the file: {error.strerror}",
                "check that the folder exists, is writable and has space",
            )
        ]
    moved: list[Path] = []
    try:
        for temp, target in temps:
            os.replace(temp, target)
            moved.append(target)
    except OSError as error:  # only when the folder changes under us
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        return moved, [
            Problem(
                str(target),
                None,
                f"cannot write the file: {error.strerror}",
                "check the folder, then import again (written files are skipped)",
            )
        ]
    return moved, []
