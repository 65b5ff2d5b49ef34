"""HTML to Markdown with markdownify, taught what a news body holds: figures with their
captions, embeds as their URL on a line, code with its language, and what Markdown
cannot say kept as sanitized HTML (or dropped with a note, never silently)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import nh3
from bs4 import Tag
from markdownify import ATX, MarkdownConverter

from ..content.bodies import clean
from . import embeds
from .report import Notes

_ENTITY = re.compile(r"&(?=[#\w]+;)")
_LANGUAGE = re.compile(r"(?:language|lang)-([\w+#-]+)")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Inline markup Python-Markdown has no syntax for: kept as HTML (the builder sanitizes it).
_KEPT_INLINE = ("u", "sup", "sub", "mark", "small", "abbr", "kbd", "del", "s", "ins", "cite")
_KEPT_BLOCK = ("video", "audio", "details")
_DROPPED = ("script", "style", "form", "input", "button", "select", "textarea", "noscript")


def _language(pre: Tag) -> str | None:
    for element in (pre, pre.find("code")):
        if isinstance(element, Tag):
            for name in element.get("class") or ():
                match = _LANGUAGE.match(name)
                if match:
                    return match.group(1)
    return None


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


class _Converter(MarkdownConverter):
    def __init__(self, notes: Notes, where: Any) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            strong_em_symbol="*",  # '_' next to Arabic letters is not emphasis
            code_language_callback=_language,
            table_infer_header=True,
            escape_misc=False,
        )
        self.notes, self.where = notes, where

    def escape(self, text: str, parent_tags: set[str]) -> str:
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags:
            return text
        return _ENTITY.sub("&amp;", text).replace("<", "&lt;")

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        caption = el.find("figcaption")
        caption_text = _text(caption) if isinstance(caption, Tag) else ""
        embed = self._embedded(el)
        if embed:
            self.notes.convert("embed → its URL on a line", self.where)
            return embeds.as_block(embed) + (f"{caption_text}\n\n" if caption_text else "")
        images = el.find_all("img")
        if len(images) == 1 and caption_text:
            self.notes.convert("figure with a caption → image with a title", self.where)
            return "\n\n" + self._image(images[0], caption_text) + "\n\n"
        return text

    def _embedded(self, el: Tag) -> str:
        """The page URL of an embed figure (a URL alone in it, or its iframe)."""
        frame = el.find("iframe")
        if isinstance(frame, Tag) and embeds.provider(embeds.page_url(str(frame.get("src", "")))):
            return embeds.page_url(str(frame["src"]))
        wrapper = el.find(class_="wp-block-embed__wrapper")
        url = _text(wrapper) if isinstance(wrapper, Tag) else ""
        return url if url and embeds.provider(url) else ""

    def _image(self, el: Tag, title: str = "") -> str:
        alt = str(el.get("alt") or "").replace("]", "\\]")
        src = str(el.get("src") or "").replace(" ", "%20").replace(")", "%29")
        title = title or str(el.get("title") or "")
        title_part = ' "{}"'.format(title.replace('"', "”")) if title else ""
        return f"![{alt}]({src}{title_part})"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return super().convert_img(el, text, parent_tags)
        return self._image(el)

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        url = embeds.page_url(str(el.get("src", "")))
        if embeds.provider(url):
            self.notes.convert("iframe → its URL on a line (an embed)", self.where)
            return embeds.as_block(url)
        self.notes.warn(
            "an <iframe> of an unknown host kept as HTML",
            self.where,
            "the build keeps it only if its host is in the config's embed_hosts",
        )
        return "\n\n" + str(el) + "\n\n"

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)

    def convert_th(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_span(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.get("style") or el.get("class"):
            self.notes.warn("a <span>'s style or class dropped (its text kept)", self.where)
        return text

    def _kept(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        kept = clean(str(el))
        self.notes.convert(f"<{el.name}> kept as HTML", self.where)
        return kept if el.name in _KEPT_INLINE else f"\n\n{kept}\n\n"

    def _dropped(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        self.notes.warn(f"a <{el.name}> dropped", self.where, "add it back by hand if it mattered")
        return ""


for _name in _KEPT_INLINE + _KEPT_BLOCK:
    setattr(_Converter, f"convert_{_name}", _Converter._kept)
for _name in _DROPPED:
    setattr(_Converter, f"convert_{_name}", _Converter._dropped)


class Stash:
    """Markdown made before the conversion (an embed's URL, a fenced block), held as a
    token markdownify leaves alone and put back after it."""

    _TOKEN = re.compile("\ue000(\\d+)\ue001")

    def __init__(self) -> None:
        self.held: list[str] = []

    def hold(self, markdown: str) -> str:
        self.held.append(markdown)
        return f"\ue000{len(self.held) - 1}\ue001"

    def put_back(self, text: str) -> str:
        return self._TOKEN.sub(lambda m: self.held[int(m.group(1))], text)


def to_markdown(html: str, notes: Notes, where: Any, stash: Stash | None = None) -> str:
    """A body of HTML as Markdown; what Markdown cannot say stays as sanitized HTML."""
    text = _Converter(notes, where).convert(html)
    if stash is not None:
        text = stash.put_back(text)
    lines = [line.rstrip() if not line.endswith("  ") else line for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def plain_text(html: str) -> str:
    """The text of an HTML fragment, for summaries and titles."""
    text = unescape(nh3.clean(html, tags=set())) if "<" in html else unescape(html)
    return " ".join(text.split())
