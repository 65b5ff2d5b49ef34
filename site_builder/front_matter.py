"""Split an article file into its YAML front matter and its Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FENCE = "---"
_INDENT_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)


class _StringDatesLoader(_Loader):  # type: ignore[misc, valid-type]
    """Safe loading that leaves dates as text, so we parse them with a clear error."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}

_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _ArticleLoader(_Loader):  # type: ignore[misc, valid-type]
    """Front matter as authors mean it: every scalar is text but true, false and null.

    YAML 1.1 would read `title: 12:30` as 750 (base 60), `tags: [010]` as 8 (octal),
    a date as a date and `tags: [no]` as false; no article key is a number, so
    nothing is read as one, and only true and false are booleans.
    """


_ArticleLoader.yaml_implicit_resolvers = {}
for _first, _resolvers in _Loader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag == _NULL:
            _ArticleLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
for _first in "tTfF":
    _ArticleLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_BOOL, _TRUE_FALSE))

# Characters no XML document (feeds, sitemaps) may hold: C0 controls but tab, line
# feed and carriage return, and the non-characters U+FFFE and U+FFFF.
_FORBIDDEN = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


_ANY_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_forbidden(text: str) -> str:
    """Text without the characters no page or feed can carry."""
    if _ANY_FORBIDDEN.search(text) is None:  # a scan in C; translate() is per character
        return text
    return text.translate(_FORBIDDEN)


@dataclass(frozen=True)
class Split:
    """The parts of a file: front matter text, body, and where each starts."""

    yaml_text: str
    body: str
    yaml_line: int  # line number of the first front matter line
    body_line: int  # line number of the first body line


@dataclass(frozen=True)
class SplitError:
    line: int
    message: str
    fix: str


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter with the line of each top-level key."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def normalise_text(text: str) -> str:
    """Drop a byte-order mark and control characters; turn CRLF and CR line ends into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return strip_forbidden(text.replace("\r\n", "\n").replace("\r", "\n"))


def split(text: str) -> Split | SplitError:
    """Find the front matter between two '---' lines at the top of the file."""
    text = normalise_text(text)
    if not text.strip():
        return SplitError(1, "the file is empty", _FIX_START)
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        first = lines[0].rstrip()
        hint = " (too many dashes?)" if first.startswith("---") and set(first) == {"-"} else ""
        return SplitError(1, f"no front matter: the first line must be '---'{hint}", _FIX_START)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return Split(
                yaml_text="\n".join(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                yaml_line=2,
                body_line=index + 2,
            )
    return SplitError(
        1,
        "the front matter is never closed: no second '---' line",
        "write a line with only '---' after the last front matter key, before the article's text",
    )


_FIX_START = (
    "start the file with a line '---', then keys such as 'title: …' and 'date: 2023-08-21', "
    "then another '---' line, then the article's text"
)


def parse(part: Split) -> FrontMatter | SplitError:
    """Parse the YAML of the front matter into a mapping, keeping key lines."""
    return parse_mapping(
        part.yaml_text, part.yaml_line, what="the front matter", loader=_ArticleLoader
    )


def parse_mapping(
    text: str, first_line: int, what: str, loader: type = _StringDatesLoader
) -> FrontMatter | SplitError:
    """Parse YAML text that must be a mapping; lines count from first_line."""
    indent_tab = _INDENT_TAB.search(text)
    if indent_tab:
        line = first_line + text[: indent_tab.start()].count("\n")
        return SplitError(
            line, f"a tab in {what} (YAML indents with spaces only)", "replace the tab with spaces"
        )
    last_line = first_line + text.count("\n")
    loader = loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return SplitError(first_line, f"{what} is empty", _FIX_START)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or ""
        if error.context_mark and (
            "end of stream" in problem or "did not find expected" in problem
        ):
            mark = error.context_mark  # where the unclosed quote or bracket opened
        line = min(first_line + (mark.line if mark else 0), last_line)
        return SplitError(
            line,
            f"{what} is not valid YAML: {error.problem or 'it does not parse'}",
            "check the quotes and the indentation; put a value with ':' or '#' in double quotes",
        )
    except yaml.YAMLError as error:
        return SplitError(
            first_line, f"{what} is not valid YAML: {error}", "check the quotes and the indentation"
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        return SplitError(
            first_line,
            f"{what} is {kind}, not a set of 'key: value' lines",
            "write one 'key: value' per line, e.g. 'title: …'",
        )
    lines = {}
    for key_node, _value in node.value:
        if isinstance(key_node.value, str):
            lines[key_node.value] = first_line + key_node.start_mark.line
    return FrontMatter({str(k): v for k, v in data.items()}, lines)


def load(text: str) -> tuple[Split, FrontMatter] | SplitError:
    """Split a file's text and parse its front matter, or say what stops it."""
    part = split(text)
    if isinstance(part, SplitError):
        return part
    parsed = parse(part)
    if isinstance(parsed, SplitError):
        return parsed
    return part, parsed
