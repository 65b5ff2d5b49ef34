"""Article bodies: Markdown to safe HTML, and the plain-text summary of a card."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.treeprocessors import InlineProcessor

# Python-Markdown's "extra" without abbr: an abbreviation makes any word a pattern,
# which would defeat the fast path below (and Arabic news has no use for it).
_EXTENSIONS = [
    "fenced_code",
    "tables",
    "footnotes",
    "attr_list",
    "def_list",
    "md_in_html",
    "sane_lists",
]
# A text with none of these characters matches no inline pattern (code, escapes,
# links, images, autolinks, raw HTML, entities, emphasis, hard breaks, stash
# placeholders), so it is left as it is without trying each pattern in turn.
_INLINE_MARKUP = re.compile(r"[`\\\[!<&*_\x02\x03]|  \n")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
SUMMARY_CHARS = 220

# The allow-list: ammonia's defaults (no script, style, iframe, form, event
# attributes; http, https, mailto… links only, never javascript: or data:) plus
# the attributes a bilingual article needs.
_ATTRIBUTES = {
    "*": {"dir", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "abbr": {"title"},
}


@dataclass(frozen=True)
class Body:
    html: str
    summary: str


class _InlineProcessor(InlineProcessor):
    """Python-Markdown's inline step, skipping plain text (most of an Arabic article)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and not _INLINE_MARKUP.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


class BodyRenderer:
    """One Markdown instance, reset between articles (building one costs more than converting)."""

    def __init__(self, unsafe_html: bool) -> None:
        self.markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        self.markdown.treeprocessors.register(_InlineProcessor(self.markdown), "inline", 20)
        self.unsafe_html = unsafe_html

    def render(self, text: str, summary: str = "") -> Body:
        converted = self.markdown.reset().convert(text)
        if not self.unsafe_html and may_carry_markup(text):
            converted = clean(converted)
        return Body(converted, summary or summarize(converted))


def may_carry_markup(text: str) -> bool:
    """Whether Markdown source could yield HTML beyond Markdown's own: raw HTML or an
    autolink ('<'), attributes ('{' of attr_list), or a link or image target that
    might be javascript: or data: ('](' inline, ']:' by reference). Without any of
    these, Python-Markdown writes only its own escaped markup, which needs no cleaning."""
    return "<" in text or "{" in text or "](" in text or "]:" in text


def clean(fragment: str) -> str:
    """Keep only allow-listed tags, attributes and link schemes."""
    return nh3.clean(fragment, attributes=_ATTRIBUTES, link_rel="noopener noreferrer")


def summarize(fragment: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    match = _PARAGRAPH.search(fragment)
    text = html.unescape(_TAG.sub("", match.group(1) if match else fragment))
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip("،,.;:؛ ")
    return cut + "…"
