"""Article bodies: Markdown to safe HTML, with what a page needs of them, and the words
about anything in them that did not survive.

One Python-Markdown instance per process converts every body (building one costs
more than converting). Its extensions, and why these:
- tables, def_list, abbr, attr_list, md_in_html, footnotes, toc: Python-Markdown's
  own. Footnotes use `-` as the separator (`fn-1`, `fnref-1`) and never UNIQUE_IDS,
  whose ids depend on how many bodies the instance converted before; toc gives every
  heading an id that keeps its Arabic letters (`h-…`, see markdown/anchors);
- pymdownx.superfences and pymdownx.highlight instead of fenced_code and codehilite:
  fences inside list items (fenced_code reads them only at the top level), Pygments
  highlighting with the language kept as a class (`language-python`);
- our own: list indentation as CommonMark writes it (markdown/lists: nothing
  maintained does it without breaking 4-space lists), kramdown's block attributes
  (markdown/kramdown), figures for captioned images, embeds for an address alone
  on its line, and the id namespace.
Then, unless `unsafe_html`, the sanitizer; then facades for embeds, and local
images sized and linked (body_images). Liquid, Hugo and kramdown syntax left as
text is reported (markdown/foreign_syntax).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import InlineProcessor

from ..config import DEFAULT_EMBED_HOSTS, default_theme_dir
from ..problems import Problem
from ..words import strings
from . import facades
from .body_images import BodyImage, Place, place_images
from .files import Stamp
from .markdown import foreign_syntax, highlight
from .markdown.anchors import AnchorsExtension, heading_slug
from .markdown.embeds import EmbedExtension
from .markdown.figures import FigureExtension
from .markdown.kramdown import KramdownExtension
from .markdown.lists import ListIndentExtension
from .sanitizer import Sanitizer

_EXTENSIONS = ["tables", "attr_list", "def_list", "md_in_html", "sane_lists", "abbr"]
# A text with none of these characters matches no inline pattern (code, escapes,
# links, images, autolinks, raw HTML, entities, emphasis, hard breaks, stash
# placeholders), so it is left as it is without trying each pattern in turn.
_INLINE_MARKUP = re.compile(r"[`\\\[!<&*_\x02\x03]|  \n")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>')
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
SUMMARY_CHARS = 220

Heading = tuple[str, str, tuple]  # id, text, the headings under it


@dataclass(frozen=True)
class Body:
    html: str
    summary: str
    toc: tuple[Heading, ...] = ()  # the headings (levels 1–3), nested
    images: tuple[BodyImage, ...] = ()  # the local images to copy
    uses: tuple[tuple[str, Stamp | None], ...] = ()  # files read besides the article
    problems: tuple[Problem, ...] = field(default=())


def body_words(words: Mapping[str, str]) -> dict[str, str]:
    """The theme's words that appear inside converted bodies (footnotes, embeds)."""
    return {k: v for k, v in words.items() if k.startswith(("footnote_", "embed_", "provider_"))}


class _InlineProcessor(InlineProcessor):
    """Python-Markdown's inline step, skipping plain text (most of an Arabic article)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and not _INLINE_MARKUP.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


class BodyRenderer:
    """One Markdown instance, reset between bodies, and the sanitizer for the site."""

    def __init__(
        self,
        unsafe_html: bool,
        embed_hosts: Collection[str] = DEFAULT_EMBED_HOSTS,
        words: Mapping[str, str] | None = None,
    ) -> None:
        self.words = body_words(words or strings(default_theme_dir(), "ar"))
        hosts = frozenset(embed_hosts)
        self.markdown = markdown.Markdown(
            extensions=[
                *_EXTENSIONS,
                FootnoteExtension(
                    SEPARATOR="-",
                    BACKLINK_TITLE=self.words["footnote_backlink"],
                    BACKLINK_TEXT="&#8617;&#xFE0E;",
                ),
                TocExtension(slugify=heading_slug, toc_depth="1-3", permalink=False),
                "pymdownx.superfences",
                "pymdownx.highlight",
                ListIndentExtension(),
                KramdownExtension(),
                FigureExtension(),
                EmbedExtension(hosts, self.words),
                AnchorsExtension(),
            ],
            extension_configs={"pymdownx.highlight": highlight.SETTINGS},
            output_format="html",
        )
        self.markdown.treeprocessors.register(_InlineProcessor(self.markdown), "inline", 20)
        self._toc = self.markdown.treeprocessors["toc"]
        self.unsafe_html = unsafe_html
        self.sanitizer = Sanitizer(hosts)

    def render(self, text: str, summary: str = "", place: Place | None = None) -> Body:
        """The body's HTML, summary, headings and images, and what was lost on the way."""
        md = self.markdown
        # toc looks for its [TOC] marker in every element of a body: only when it can be there.
        self._toc.marker = "[TOC]" if "[TOC]" in text or "{:toc}" in text else ""
        converted = md.reset().convert(text)
        shown, first = (place.shown, place.first_line) if place else ("", 1)
        problems = _unread_syntax(text, converted, shown, first)
        if not self.unsafe_html and may_carry_markup(text):
            converted, removed = self.sanitizer.clean(converted, text)
            problems += [
                Problem(
                    shown,
                    first + r.line - 1,
                    f"{r.what} was removed (not allowed in an article)",
                    r.fix,
                    "warning",
                    group=f"{r.what} removed",
                )
                for r in removed
            ]
        converted = facades.with_facades(converted, self.words, not self.unsafe_html)
        images: list[BodyImage] = []
        uses: list[tuple[str, Stamp | None]] = []
        if place is not None:
            found = place_images(converted, text, place)
            converted, images, uses = found.html, found.images, found.uses
            problems += found.problems
        left_out = getattr(md, "left_out_of_toc", set())
        return Body(
            converted,
            summary or summarize(converted),
            _headings(md.toc_tokens, left_out),  # type: ignore[attr-defined]
            tuple(images),
            tuple(uses),
            tuple(sorted(problems, key=lambda p: p.line or 0)),
        )


def _headings(tokens: list[dict], left_out: set[str]) -> tuple[Heading, ...]:
    made: list[Heading] = []
    for token in tokens:
        children = _headings(token["children"], left_out)
        if token["id"] in left_out:
            made += children
        else:
            made.append((token["id"], html.unescape(token["name"]), children))
    return tuple(made)


def _unread_syntax(text: str, converted: str, shown: str, first: int) -> list[Problem]:
    """A warning for each Liquid tag, Hugo shortcode or kramdown extension left as text."""
    problems = []
    for finding in foreign_syntax.find(text):
        if finding.kind == "kramdown-ial" and html.escape(finding.text, False) not in converted:
            continue  # attr_list read it
        advice = foreign_syntax.advice(finding)
        if advice is None:
            continue
        shown_text = finding.text if len(finding.text) <= 60 else finding.text[:59] + "…"
        problems.append(
            Problem(
                shown,
                first + finding.line - 1,
                f"{advice.what} is shown as text: {shown_text}",
                advice.fix,
                "warning",
                group=f"{advice.what} shown as text",
            )
        )
    return problems


def may_carry_markup(text: str) -> bool:
    """Whether Markdown source could yield HTML beyond Markdown's own: raw HTML or an
    autolink ('<'), attributes ('{' of attr_list), or a link or image target that
    might be javascript: or data: ('](' inline, ']:' by reference). Without any of
    these, Python-Markdown writes only its own escaped markup, which needs no cleaning."""
    return "<" in text or "{" in text or "](" in text or "]:" in text


def clean(fragment: str) -> str:
    """Keep only allow-listed tags, attributes and link schemes (the default hosts)."""
    return _default_sanitizer().clean(fragment, "")[0]


_sanitizers: dict[str, Sanitizer] = {}


def _default_sanitizer() -> Sanitizer:
    if "" not in _sanitizers:
        _sanitizers[""] = Sanitizer(DEFAULT_EMBED_HOSTS)
    return _sanitizers[""]


def summarize(fragment: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph as plain text (footnote marks left out), cut at a word boundary."""
    match = _PARAGRAPH.search(fragment)
    text = _FOOTNOTE_REF.sub("", match.group(1) if match else fragment)
    text = _SPACES.sub(" ", html.unescape(_TAG.sub("", text))).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip("،,.;:؛ ")
    return cut + "…"
