"""Parsed articles as plain tuples, for the cache: quick to save and to load again.

Pickling dataclasses, paths and zoned datetimes costs more than reading the
files did; tuples of text and numbers load several times faster.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .articles import Article, Source
from .images import LeadImage
from .site import Parsed

Record = tuple[object, ...]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _moment(text: object) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) else None


def encode(parsed: Parsed) -> Record:
    """A Parsed as a tuple of text, numbers and tuples."""
    a = parsed.article
    image = parsed.image
    return (
        parsed.summary,
        parsed.digest,
        (
            str(a.file),
            a.shown,
            a.title,
            _when(a.date),
            a.slug,
            a.body_line,
            _when(a.updated),
            a.tags,
            a.summary,
            (a.source.name, a.source.url) if a.source else None,
            a.authors,
            a.draft,
            a.image,
            a.image_alt,
            a.related,
            a.section,
            a.pinned,
            a.aliases,
            a.id,
            a.lines,
        ),
        None
        if image is None
        else (
            image.alt,
            image.url,
            str(image.source) if image.source else None,
            image.name,
            image.width,
            image.height,
            image.media_type,
            image.size,
            image.digest,
        ),
    )


def decode(record: Record) -> Parsed:
    """The Parsed a tuple was made from (dates keep their offsets, so output is the same)."""
    summary, key, fields, image = record
    (
        file,
        shown,
        title,
        date,
        slug,
        body_line,
        updated,
        tags,
        own_summary,
        source,
        authors,
        draft,
        image_path,
        image_alt,
        related,
        section,
        pinned,
        aliases,
        article_id,
        lines,
    ) = fields  # type: ignore[misc]
    article = Article(
        file=Path(file),
        shown=shown,
        title=title,
        date=_moment(date),
        slug=slug,
        body="",
        body_line=body_line,
        updated=_moment(updated),
        tags=tags,
        summary=own_summary,
        source=Source(*source) if source else None,
        authors=authors,
        draft=draft,
        image=image_path,
        image_alt=image_alt,
        related=related,
        section=section,
        pinned=pinned,
        aliases=aliases,
        id=article_id,
        lines=lines,
    )
    lead = None
    if image is not None:
        alt, url, path, name, width, height, media_type, size, digest = image  # type: ignore[misc]
        lead = LeadImage(
            alt=alt,
            url=url,
            source=Path(path) if path else None,
            name=name,
            width=width,
            height=height,
            media_type=media_type,
            size=size,
            digest=digest,
        )
    return Parsed(article, key, summary, lead)  # type: ignore[arg-type]
