"""The Article: what one Markdown file in the content folder says, checked.

Its attributes are made from the table of front-matter keys (`fields.FIELDS`),
plus where it came from: the file, its path as shown in messages, the body and
the line each key is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..problems import Problem
from . import front_matter
from .field_kinds import Reader, Source
from .fields import FIELDS, Context
from .images import LeadImage

__all__ = ["Article", "Parsed", "Source", "parse_article"]

KNOWN_KEYS = frozenset(f.key for f in FIELDS)


def _line_of(self: Any, key: str) -> int:
    return dict(self.lines).get(key, 1)


Article = make_dataclass(
    "Article",
    [
        ("file", Path),
        ("shown", str),  # the file's path as shown in messages, relative to the site
        ("body", str),
        ("body_line", int),
        *[(f.name, Any, field(default=f.kind.default)) for f in FIELDS],
        ("lines", tuple, field(default=())),  # (key, line) of each front matter key
    ],
    frozen=True,
    slots=True,
    namespace={"line_of": _line_of, "__doc__": "One article as written, typed and checked."},
)
Article.__module__ = __name__  # so that worker processes can pickle it by name


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article as the reading stage hands it on: checked, its body converted."""

    article: Any  # an Article
    digest: str  # names the converted body in the body store
    summary: str
    image: LeadImage | None = None
    words: int = 0  # in the converted body, for the reading time
    toc: tuple[Any, ...] = ()  # the body's headings: (id, text, the headings under it)
    images: tuple[Any, ...] = ()  # the local images the body shows (BodyImage)


def parse_article(
    text: str, file: Path, shown: str, tz: ZoneInfo
) -> tuple[Any | None, list[Problem]]:
    """Turn a file's text into an Article, or the problems that stop it."""
    loaded = front_matter.load(text)
    if isinstance(loaded, front_matter.SplitError):
        return None, [Problem(shown, loaded.line, loaded.message, loaded.fix)]
    part, parsed = loaded
    reader = Reader(parsed, shown, tz)
    for key in reader.data:
        if key not in KNOWN_KEYS:
            message = f"unknown front matter key '{key}' (ignored)"
            fix = f"remove it, or use one of: {', '.join(sorted(KNOWN_KEYS))}"
            reader.problem(key, message, fix, "warning", group=message)
    values: dict[str, Any] = {}
    context = Context(reader, file, values)
    for item in FIELDS:
        value = item.kind.read(reader, item.key, item.required, item.fix)
        if item.check is not None:
            value = item.check(value, context)
        values[item.name] = item.kind.default if value is None else value
    if reader.errors:
        return None, reader.problems
    article = Article(
        file=file,
        shown=shown,
        body=part.body,
        body_line=part.body_line,
        lines=tuple(sorted(parsed.lines.items())),
        **values,
    )
    return article, reader.problems
