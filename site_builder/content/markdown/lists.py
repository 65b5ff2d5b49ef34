"""Lists indented as CommonMark, kramdown and goldmark allow, read as their authors meant.

Python-Markdown nests a list item's content only at 4 spaces (its maintainers keep
it so: Python-Markdown/markdown#3, #1378), so `- a` / `  - b` comes out flat and a
3-space continuation under `1. ` splits the list in two. This preprocessor runs
before anything else reads the lines (priority 28: after whitespace is normalised,
before fenced code) and rewrites each item's content column, CommonMark's marker
indent + marker width + 1–4 spaces, to Python-Markdown's 4 × depth, keeping any
indentation beyond it (4 more is still code inside the item). It also puts a
blank line where a list interrupts a paragraph (a bullet, or only `1.`), where
the marker changes between `-` and `1.` at one depth, and where a shallower item
follows an indented block; `1)` becomes `1.`. Fenced code moves with its item and
is otherwise left alone, as are top-level indented code and raw HTML blocks.

mdx_truly_sane_lists was the alternative: it stops 4-space lists from nesting
(its issue #16) and keeps its options as class attributes shared by every instance.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_MARKER = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( +|$)(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")
_HTML_RAW = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)", re.I)
_HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(#{1,6}(\s|$)|>|<|\||\[\^?[^\]]+\]:|\{:)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_BLANK_LINE = re.compile(r"^\s*$")
_MAY_MATTER = re.compile(r"^ *(?:[*+>-]|\d{1,9}[.)]|`{3,}|~{3,})")


class _Item:
    """An open list item: its content column in the source and in the output."""

    __slots__ = ("source", "target", "blank_seen")

    def __init__(self, source: int, target: int) -> None:
        self.source, self.target, self.blank_seen = source, target, False


def _shift(line: str, by: int) -> str:
    if by > 0:
        return " " * by + line
    if by < 0:
        return line[min(-by, len(line) - len(line.lstrip(" "))) :]
    return line


class _Indenter:
    """One pass over a document's lines (or a blockquote's), line by line."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[_Item] = []
        self.kinds: list[str] = []  # 'ul' or 'ol' of the last item seen at each depth
        self.fence = ""  # the closing fence awaited; "" outside fenced code
        self.fence_shift = 0
        self.blank_before, self.in_paragraph = True, False
        self.quote: list[str] = []
        self.block_indent: int | None = None  # output indent of the block's first line
        self.html_end: re.Pattern[str] | None = None  # a raw HTML block runs until this

    def run(self, lines: list[str]) -> list[str]:
        for line in lines:
            self.line(line)
        self.flush_quote()
        return self.out

    def line(self, line: str) -> None:
        indent = len(line) - len(line.lstrip(" "))
        if self.html_end is not None:
            self.out.append(line)
            if self.html_end.search(line):
                self.html_end = None
                self.blank_before = not line.strip()
        elif self.opens_html(line, indent) or self.in_fence(line):
            pass
        elif not line.strip():
            self.blank()
        elif not self.stack and indent < 4 and line.lstrip(" ").startswith(">"):
            self.quote.append(line)
        else:
            self.flush_quote()
            marker = self.marker(line, indent)
            if marker is None:
                self.text(line, indent)
            else:
                self.item(marker, indent)

    def opens_html(self, line: str, indent: int) -> bool:
        if self.stack or self.fence or indent >= 4:
            return False
        if not (self.blank_before or not self.in_paragraph):
            return False
        raw = _HTML_RAW.match(line)
        if not raw and not _HTML_BLOCK.match(line):
            return False
        end = re.compile(rf"</{raw.group(1)}>", re.I) if raw else _BLANK_LINE
        self.out.append(line)
        if not raw or not end.search(line):
            self.html_end = end
        self.blank_before = self.in_paragraph = False
        return True

    def in_fence(self, line: str) -> bool:
        if not self.fence:
            return False
        body = line.strip()
        if body.startswith(self.fence) and body.strip(self.fence[0]) == "":
            self.fence = ""
        self.out.append(_shift(line, self.fence_shift))
        self.blank_before = self.in_paragraph = False
        return True

    def blank(self) -> None:
        self.flush_quote()
        self.out.append("")
        self.block_indent = None
        if self.stack:
            self.stack[-1].blank_seen = True
        self.blank_before, self.in_paragraph = True, False

    def marker(self, line: str, indent: int) -> re.Match[str] | None:
        """The list marker that starts an item on this line, if it does (CommonMark's rules)."""
        found = _MARKER.match(line)
        if found is None or _RULE.match(line):
            return None
        if self.in_paragraph and not found.group(4).strip():
            return None  # an empty item cannot interrupt a paragraph
        if not self.stack and indent >= 4:
            return None  # top-level indented code, or lazy text
        bullet = found.group(2)
        if self.in_paragraph and not self.stack and bullet[0].isdigit() and bullet[:-1] != "1":
            return None  # only '1.' may interrupt a paragraph: '2024. كان' is text
        return found

    def text(self, line: str, indent: int) -> None:
        stack = self.stack
        if stack and self.in_paragraph and indent < stack[-1].source:
            self.out.append(line)  # a lazy continuation line
            return
        while stack and indent < stack[-1].source:
            stack.pop()
        del self.kinds[len(stack) :]
        shift = stack[-1].target - stack[-1].source if stack else 0
        fence = _FENCE.match(line)
        if fence and self.in_paragraph and self.out and self.out[-1]:
            self.out.append("")  # superfences would put the fence inside the paragraph
        self.out.append(_shift(line, shift))
        if self.block_indent is None:
            self.block_indent = len(self.out[-1]) - len(self.out[-1].lstrip(" "))
        if fence:
            self.fence, self.fence_shift = fence.group(1), shift
            self.blank_before = self.in_paragraph = False
            return
        base = stack[-1].source if stack else 0
        code = self.blank_before and indent - base >= 4
        self.in_paragraph = not code and not _NOT_PARAGRAPH.match(line)
        self.blank_before = False

    def item(self, marker: re.Match[str], indent: int) -> None:
        stack = self.stack
        bullet = marker.group(2)
        kind = "ul" if bullet in "*+-" else "ol"
        owner = stack[-1] if stack else None  # the item whose text the paragraph is
        while stack and indent < stack[-1].source:
            stack.pop()
        depth = len(stack)
        spaces = len(marker.group(3))
        if spaces == 0 or spaces > 4:  # 5 or more: the content starts 1 after the marker
            spaces = 1
        # Python-Markdown needs a blank line before a list that interrupts a paragraph,
        # unless the paragraph is the tight first text of its own or a sibling item.
        blank = self.in_paragraph and (owner is None or owner.blank_seen)
        if len(self.kinds) > depth and self.kinds[depth] != kind:
            blank = True  # '-' after '1.' at one depth starts a new list
        del self.kinds[depth:]
        self.kinds.append(kind)
        # A block that starts indented is read whole: a shallower item in it needs a break.
        if self.block_indent is not None and 4 * depth < self.block_indent:
            blank = True
        if blank and self.out and self.out[-1]:
            self.out.append("")
        if blank or self.block_indent is None:
            self.block_indent = 4 * depth
        stack.append(_Item(indent + len(bullet) + spaces, 4 * (depth + 1)))
        if bullet.endswith(")"):
            bullet = bullet[:-1] + "."  # Python-Markdown knows only '1.'
        self.out.append(" " * (4 * depth) + bullet + " " + marker.group(4))
        self.blank_before, self.in_paragraph = False, True

    def flush_quote(self) -> None:
        """A blockquote's lines, normalised as a document of their own ('> - a', '>   - b')."""
        if not self.quote:
            return
        inner = normalize_lists([_QUOTE.sub("", q, count=1) for q in self.quote])
        self.out.extend(("> " + q) if q else ">" for q in inner)
        self.quote.clear()


def normalize_lists(lines: list[str]) -> list[str]:
    """The lines with every list item's content at Python-Markdown's 4 × depth."""
    return _Indenter().run(lines)


class _ListPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(_MAY_MATTER.match(line) for line in lines):
            return lines  # no list, fence or quote: nothing to move
        return normalize_lists(lines)


class ListIndentExtension(Extension):
    """Registers the preprocessor (priority 28)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_ListPreprocessor(md), "list_indent", 28)
