"""One record per published article: everything the later stages know of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.images import BodyImage, LeadImage


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A published article with its place in the site: URL, feed id, groups, related."""

    article: Any  # the content stage's Article, as written
    path: str  # its output folder, e.g. 'articles/slug/'
    id: str  # its permanent feed id
    digest: str  # names its converted body in the body store
    summary: str
    image: LeadImage | None
    tags: tuple[int, ...]  # indices into Site.tags
    section: int | None  # index into Site.sections
    authors: tuple[int, ...]  # indices into Site.authors
    related: tuple[int, ...]  # indices into Site.articles, «اقرأ أيضاً» in order
    words: int = 0  # in its body, for the reading time
    toc: tuple[Any, ...] = ()  # the body's headings: (id, text, the headings under it)
    images: tuple[BodyImage, ...] = ()  # the local images its body shows
