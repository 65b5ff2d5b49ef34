"""kramdown's block syntax that Python-Markdown's attr_list almost reads, made readable.

attr_list already reads `{: .lead #intro}` on a paragraph's last line, and after a
link or an emphasis. kramdown also writes it on the line after a heading (`## h` /
`{: .no_toc}`), and a generated table of contents as `* TOC` / `{:toc}`; it has
`{::options …/}` lines and `{::comment}…{:/comment}` blocks that show nothing.
This preprocessor (priority 29, before the list indentation at 28) moves the first
onto the heading's line, turns the second into Python-Markdown's `[TOC]` marker and
drops the others; code is left as written. What it cannot read is reported
(see foreign_syntax).
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .foreign_syntax import mask_code

_IAL_LINE = re.compile(r"^ {0,3}\{:\s*([^}]*)\}\s*$")
_HEADING = re.compile(r"^#{1,6}\s")
_TOC_ITEM = re.compile(r"^ {0,3}(?:[*+-]|1\.)\s+.*$")
_OPTIONS = re.compile(r"^ {0,3}\{::options\b[^}]*/\}\s*$")
_COMMENT_END = ("{:/comment}", "{:/}")


class _KramdownPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "{:" not in text:
            return lines
        out: list[str] = []
        in_comment = False
        for line, masked in zip(lines, mask_code(text).split("\n"), strict=True):
            if masked != line:  # code
                out.append(line)
            elif in_comment or line.strip().startswith("{::comment}"):
                in_comment = not any(end in line for end in _COMMENT_END)
            elif not _OPTIONS.match(line) and not _joined(out, line):
                out.append(line)
        return out


def _joined(out: list[str], line: str) -> bool:
    """Whether a block IAL line went onto the line before it (a heading, or '* TOC')."""
    ial = _IAL_LINE.match(line)
    if ial is None or not out:
        return False
    body = ial.group(1).strip()
    if body == "toc" and _TOC_ITEM.match(out[-1]):
        out[-1] = "[TOC]"
        return True
    if _HEADING.match(out[-1]):
        out[-1] += " {: " + body + " }"  # attr_list reads it at the heading's end
        return True
    return False


class KramdownExtension(Extension):
    """Registers the preprocessor (priority 29)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_KramdownPreprocessor(md), "kramdown", 29)
