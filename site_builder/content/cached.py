"""Parsed articles as plain tuples, for the cache: quick to save and to load again.

Pickling dataclasses, paths and zoned datetimes costs more than reading the
files did; tuples of text and numbers load several times faster. The article's
values go in the order of `fields.FIELDS`, each through its kind, so a new key
needs nothing here (and the cache of an older builder is never trusted).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .articles import Article, Parsed
from .fields import FIELDS
from .images import BodyImage, LeadImage

Record = tuple[object, ...]

_IMAGE = tuple(LeadImage.__dataclass_fields__)
_BODY_IMAGE = tuple(BodyImage.__dataclass_fields__)


def _plain(value: object, names: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(
        str(v) if isinstance(v, Path) else v for v in (getattr(value, name) for name in names)
    )


def encode(parsed: Parsed) -> Record:
    """A Parsed as a tuple of text, numbers and tuples."""
    a = parsed.article
    image = parsed.image
    return (
        parsed.summary,
        parsed.digest,
        parsed.words,
        (str(a.file), a.shown, a.body_line, a.lines),
        tuple(f.kind.encode(getattr(a, f.name)) for f in FIELDS),
        None if image is None else _plain(image, _IMAGE),
        parsed.toc,
        tuple(_plain(i, _BODY_IMAGE) for i in parsed.images),
    )


def decode(record: Record) -> Parsed:
    """The Parsed a tuple was made from (dates keep their offsets, so output is the same)."""
    summary, key, words, (file, shown, body_line, lines), values, image, toc, images = record  # type: ignore[misc]
    article = Article(
        file=Path(file),
        shown=shown,
        body="",
        body_line=body_line,
        lines=lines,
        **{f.name: f.kind.decode(v) for f, v in zip(FIELDS, values, strict=True)},  # type: ignore[arg-type]
    )
    lead = None
    if image is not None:
        lead = LeadImage(**dict(zip(_IMAGE, image, strict=True)))  # type: ignore[arg-type]
        if lead.source is not None:
            lead = replace(lead, source=Path(lead.source))
    shown_images = tuple(
        BodyImage(**{**dict(zip(_BODY_IMAGE, i, strict=True)), "source": Path(i[0])})  # type: ignore[arg-type, index]
        for i in images  # type: ignore[attr-defined]
    )
    return Parsed(article, key, summary, lead, words, toc, shown_images)  # type: ignore[arg-type]
