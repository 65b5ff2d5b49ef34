"""Article bodies: Markdown to safe HTML, and the plain-text summary of a card."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3

_EXTENSIONS = ["extra", "sane_lists"]
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
SUMMARY_CHARS = 220

# The allow-list: ammonia's defaults (no script, style, iframe, form, event
# attributes; http, https, mailto… links only, never javascript: or data:) plus
# the attributes a bilingual article needs.
_ATTRIBUTES = {"*": {"dir", "lang", "title"}, "a": {"href", "hreflang"},
               "img": {"src", "alt", "width", "height", "loading"},
               "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
               "ol": {"start", "reversed"}, "abbr": {"title"}}


@dataclass(frozen=True)
class Body:
    html: str
    summary: str


class BodyRenderer:
    """One Markdown instance, reset between articles (building one costs more than converting)."""

    def __init__(self, unsafe_html: bool) -> None:
        self.markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        self.unsafe_html = unsafe_html

    def render(self, text: str, summary: str = "") -> Body:
        converted = self.markdown.reset().convert(text)
        if not self.unsafe_html:
            converted = clean(converted)
        return Body(converted, summary or summarize(converted))


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
