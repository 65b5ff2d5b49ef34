"""Static pages (من نحن، اتصل بنا…): Markdown files under pages/, outside all lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..layout import is_own, own_names
from ..problems import Problem
from ..text.slugs import is_valid_segment
from . import front_matter


@dataclass(frozen=True)
class StaticPage:
    file: Path
    shown: str
    title: str
    slug: str
    body: str  # Markdown as written; the reading stage puts its HTML in `html`
    html: str = ""
    body_line: int = 1  # the file's line of the body's first line
    images: tuple[Any, ...] = ()  # the local images its body shows (BodyImage)

    @property
    def path(self) -> str:
        return f"{self.slug}/"


def parse_page(text: str, file: Path, shown: str) -> tuple[StaticPage | None, list[Problem]]:
    """A static page: front matter with a title and an optional slug, then Markdown."""
    loaded = front_matter.load(text)
    if isinstance(loaded, front_matter.SplitError):
        return None, [Problem(shown, loaded.line, loaded.message, loaded.fix)]
    part, parsed = loaded
    title = parsed.data.get("title")
    slug = parsed.data.get("slug", file.stem)
    problems = []
    if not isinstance(title, str) or not title.strip():
        problems.append(
            Problem(
                shown, parsed.line_of("title"), "the page needs a 'title' (text)", "title: من نحن"
            )
        )
    if (
        not isinstance(slug, str)
        or not is_valid_segment(slug)
        or is_own(slug)
        or slug == "articles"
    ):
        problems.append(
            Problem(
                shown,
                parsed.line_of("slug"),
                f"the page's slug {slug!r} is not a free URL segment",
                "slug: about (letters, digits and '-', not a name the site uses "
                f"itself: articles, {own_names()})",
            )
        )
    if problems:
        return None, problems
    return StaticPage(file, shown, title.strip(), slug, part.body, body_line=part.body_line), []
