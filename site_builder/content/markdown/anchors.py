"""The ids inside a body: headings `h-…`, footnotes `fn-…`/`fnref…`, the author's own `u-…`.

The page around a body has ids of its own (main, search-q, keywords-title…), so a
body may only carry ids in these families: a heading's id is `h-` and its text
with the Arabic letters kept (`## مقدمة الخبر` → `h-مقدمة-الخبر`), footnotes use
Python-Markdown's `fn`/`fnref` with `-` as the separator, and any other id an
author set (`{#x}`, or `id=` in raw HTML, which the sanitizer treats the same way)
becomes `u-x`, its `#x` links with it. Ids hold no spaces (a footnote label may).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

HEADING, FOOTNOTE, FOOTNOTE_REF, AUTHOR = "h-", "fn-", "fnref", "u-"
PREFIXES = (HEADING, FOOTNOTE, FOOTNOTE_REF, AUTHOR)
_TATWEEL = "\u0640"
_SPACES = re.compile(r"\s+")


def heading_slug(value: str, separator: str) -> str:
    """`h-` and the heading's words, Arabic letters and digits kept, harakat, tatweel and
    punctuation dropped; `h-section` when nothing is left."""
    value = unicodedata.normalize("NFC", value).replace(_TATWEEL, "")
    return HEADING + (slugify_unicode(value, separator) or "section")


def namespaced(value: str) -> str:
    """An id as a body may carry it: in one of the families, without spaces."""
    value = _SPACES.sub("-", value.strip())
    return value if value.startswith(PREFIXES) else AUTHOR + value


class IdNamespace(Treeprocessor):
    """Moves every id outside the families to `u-…`, and `#…` links with it. Runs after
    attr_list (8) and before toc (5), so the table of contents sees the final ids. On
    the way it takes kramdown's `.no_toc` class off the headings that carry it."""

    def run(self, root: etree.Element) -> None:
        left_out = []
        for element in root.iter():
            value = element.get("id")
            if value is not None:
                element.set("id", namespaced(value))
            if element.tag == "a":
                href = element.get("href", "")
                if href.startswith("#") and len(href) > 1:
                    element.set("href", "#" + namespaced(href[1:]))
            elif "class" in element.attrib and "no_toc" in element.attrib["class"].split():
                left_out.append(element)
                rest = " ".join(c for c in element.attrib["class"].split() if c != "no_toc")
                if rest:
                    element.set("class", rest)
                else:
                    del element.attrib["class"]
        self.md.left_out_elements = left_out  # type: ignore[attr-defined]


class _LeftOutOfToc(Treeprocessor):
    """The ids (toc has just given them) of the headings `.no_toc` leaves out of the
    table of contents. Runs after toc (4)."""

    def run(self, root: etree.Element) -> None:
        elements = getattr(self.md, "left_out_elements", [])
        self.md.left_out_of_toc = {e.get("id", "") for e in elements}  # type: ignore[attr-defined]


class AnchorsExtension(Extension):
    """Registers the id namespace (6) and the `.no_toc` reader (4) around toc (5)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(IdNamespace(md), "id_namespace", 6)
        md.treeprocessors.register(_LeftOutOfToc(md), "no_toc", 4)
