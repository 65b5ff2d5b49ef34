"""Hugo shortcodes, Liquid and kramdown extensions in a body: found outside code, and said.

Articles brought from Jekyll or Hugo carry their template syntax (`{{< youtube ID >}}`,
`{% include x.html %}`, `{{ site.title }}`, `{::nomarkdown}`); nothing here runs it,
so it would print as text. `find` lists each one outside code (fenced and indented
code blocks and code spans are masked first), with its line, so the reader of the
build's report learns what to write instead. `mask_code` is shared with the
kramdown preprocessor, which must not touch code either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE_OPEN = re.compile(r"^( {0,3}|\s*(?:[-*+]|\d{1,9}[.)])?\s*)(`{3,}|~{3,})([^`]*)$")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_STRING = r"(?:[^}\"']|\"[^\"]*\"|'[^']*')"

# In this order, never overlapping: a Hugo escape before the shortcode it looks like,
# Liquid's raw region before the tags inside it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hugo-escaped", re.compile(r"\{\{</\*.*?\*/>\}\}|\{\{%/\*.*?\*/%\}\}", re.S)),
    ("hugo-shortcode", re.compile(r"\{\{<\s*(/?)\s*([\w./-]+)(.*?)\s*>\}\}", re.S)),
    ("hugo-shortcode", re.compile(r"\{\{%\s*(/?)\s*([\w./-]+)(.*?)\s*%\}\}", re.S)),
    ("liquid-tag", re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.S)),
    ("liquid-output", re.compile(r"\{\{(?![<%])-?\s*(.+?)\s*-?\}\}", re.S)),
    ("kramdown-extension", re.compile(r"\{::(\w+)(" + _STRING + r"*?)/?\}")),
    ("kramdown-extension-end", re.compile(r"\{:/(\w*)\}")),
    ("kramdown-ald", re.compile(r"^ {0,3}\{:(\w[\w-]*):(" + _STRING + r"*)\}[ \t]*$", re.M)),
    ("kramdown-ial", re.compile(r"\{:(?![:/])((?:[^}\"'\n]|\"[^\"\n]*\"|'[^'\n]*')*)\}")),
)


@dataclass(frozen=True)
class Finding:
    kind: str  # one of the _PATTERNS kinds, or "liquid-raw"
    name: str  # the shortcode's or tag's name, the Liquid expression, the IAL's body
    line: int  # in the body, from 1
    text: str  # as written


def mask_code(text: str) -> str:
    """The text with code blocks and code spans blanked (same length, newlines kept)."""
    out: list[str] = []
    fence = ""
    blank_before, in_list, in_code = True, False, False
    for line in text.split("\n"):
        if fence:
            out.append(" " * len(line))
            body = line.strip()
            if body.startswith(fence) and body.strip(fence[0]) == "":
                fence = ""
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            fence = opening.group(2)
            out.append(" " * len(line))
            blank_before = False
            continue
        if not line.strip():
            out.append(line)
            blank_before = True
            continue  # a blank line inside indented code keeps it going
        if _ITEM.match(line):
            in_list = True
        elif not line.startswith(" ") and blank_before:
            in_list = False
        in_code = line.startswith("    ") and not in_list and (blank_before or in_code)
        out.append(" " * len(line) if in_code else line)
        blank_before = False
    masked = "\n".join(out)
    return _CODE_SPAN.sub(
        lambda m: " " * len(m.group(0)) if "\n\n" not in m.group(0) else m.group(0), masked
    )


def find(text: str) -> list[Finding]:
    """Every shortcode, Liquid tag or output and kramdown extension outside code, in order."""
    if "{" not in text:
        return []
    masked = mask_code(text)
    if "{" not in masked:
        return []
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []

    def add(kind: str, name: str, start: int, end: int) -> None:
        found.append(Finding(kind, name, masked.count("\n", 0, start) + 1, text[start:end]))
        taken.append((start, end))

    for match in _RAW.finditer(masked):
        add("liquid-raw", "raw", match.start(), match.end())
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(masked):
            start, end = match.span()
            if any(start < e and end > s for s, e in taken):
                continue
            add(kind, _name(kind, match), start, end)
    found.sort(key=lambda f: (f.line, text.find(f.text)))
    return found


def _name(kind: str, match: re.Match[str]) -> str:
    if kind == "hugo-shortcode":
        return match.group(1) + match.group(2)
    if kind in ("liquid-output", "kramdown-ial"):
        return match.group(1).strip()
    return match.group(1) if match.groups() else ""


@dataclass(frozen=True)
class Advice:
    what: str  # names the kind, for the report's grouped line
    fix: str


_ARGUMENT = re.compile(r"""(?:(\w+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))""")

_SHORTCODE_FIXES = {
    "youtube": "put the video's address alone on its line: https://www.youtube.com/watch?v={0}",
    "vimeo": "put the video's address alone on its line: https://vimeo.com/{0}",
    "tweet": "put the post's address alone on its line: https://x.com/{user}/status/{id}",
    "x": "put the post's address alone on its line: https://x.com/{user}/status/{id}",
    "instagram": "put the post's address alone on its line: https://www.instagram.com/p/{0}/",
    "figure": 'write the image in Markdown: ![{alt}]({src} "{caption}")',
    "highlight": "write a fenced code block: ```{0} on the line before the code, ``` after it",
    "ref": "write a Markdown link: [text](/articles/SLUG/)",
    "relref": "write a Markdown link: [text](/articles/SLUG/)",
}
_LIQUID_FIXES = {
    "include": "write the included text here, or remove the tag",
    "link": "write a Markdown link to the article: [text](/articles/SLUG/)",
    "post_url": "write a Markdown link to the article: [text](/articles/SLUG/)",
    "highlight": "write a fenced code block: ``` on the line before the code, ``` after it",
    "endhighlight": "write a fenced code block: ``` on the line before the code, ``` after it",
}


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for match in _ARGUMENT.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        if match.group(1):
            named[match.group(1)] = value
        else:
            positional.append(value)
    return positional, named


def _filled(template: str, arguments: str) -> str:
    positional, named = _arguments(arguments)
    blanks = {"user": "USER", "id": "ID", "alt": "", "src": "", "caption": "", **named}
    first = positional[0] if positional else named.get("id", "ID")
    try:
        return template.format(first, **blanks)
    except (IndexError, KeyError):
        return template


def advice(finding: Finding) -> Advice | None:
    """What a finding is and what to write instead; None for what is read after all."""
    kind, name = finding.kind, finding.name
    if kind == "hugo-shortcode":
        base = name.lstrip("/")
        inner = re.sub(r"^\{\{[<%]\s*/?\s*[\w./-]+|\s*[>%]\}\}$", "", finding.text)
        fix = _SHORTCODE_FIXES.get(base, "write it in Markdown, or remove it")
        return Advice(f"the Hugo shortcode '{base}'", _filled(fix, inner))
    if kind == "hugo-escaped":
        return Advice("an escaped Hugo shortcode", "write it without /* */: nothing runs it here")
    if kind == "liquid-raw":
        return Advice(
            "Liquid's {% raw %}", "remove {% raw %} and {% endraw %}: what is between them shows"
        )
    if kind == "liquid-tag":
        fix = _LIQUID_FIXES.get(name, "remove it: nothing runs Liquid here")
        return Advice(f"the Liquid tag '{name}'", fix)
    if kind == "liquid-output":
        return Advice("a Liquid value {{ … }}", "write the value itself: nothing runs Liquid here")
    if kind == "kramdown-extension":
        if name in ("options", "comment"):
            return None  # dropped: nothing a reader would have seen
        return Advice(
            f"kramdown's {{::{name}}}",
            f"remove {{::{name}}} and its {{:/}}: raw HTML needs neither",
        )
    if kind == "kramdown-ald":
        return Advice(
            "a kramdown attribute list definition",
            "put the attributes on the block itself: a line {: .class} right after it",
        )
    if kind == "kramdown-ial":
        return Advice(
            "kramdown's {: …} where it is not read",
            "put {: .class} on the line right after a paragraph or heading, or remove it",
        )
    return None  # a closing {:/…}: its opening is reported
