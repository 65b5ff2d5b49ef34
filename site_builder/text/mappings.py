"""YAML mappings read safely, with the line of each key, for messages that point at it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


class ArticleLoader(_Loader):  # type: ignore[misc, valid-type]
    """Front matter as authors mean it: every scalar is text but true, false and null.

    YAML 1.1 would read `title: 12:30` as 750 (base 60), `tags: [010]` as 8 (octal),
    a date as a date and `tags: [no]` as false; no article key is a number, so
    nothing is read as one, and only true and false are booleans.
    """


ArticleLoader.yaml_implicit_resolvers = {}
for _first, _resolvers in _Loader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag == _NULL:
            ArticleLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
for _first in "tTfF":
    ArticleLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_BOOL, _TRUE_FALSE))


@dataclass(frozen=True)
class YamlError:
    """Why a YAML text is not a usable mapping: the line, what is wrong, what to write."""

    line: int
    message: str
    fix: str


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping with the line of each key (nested ones as 'key.inner', and each
    mapping in a top-level list as 'key[N]', N from 1)."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def parse_mapping(
    text: str,
    first_line: int,
    what: str,
    loader: type = _StringDatesLoader,
    empty_fix: str = "write one 'key: value' per line",
) -> Mapping | YamlError:
    """Parse YAML text that must be a mapping; lines count from first_line."""
    indent_tab = _INDENT_TAB.search(text)
    if indent_tab:
        line = first_line + text[: indent_tab.start()].count("\n")
        return YamlError(
            line, f"a tab in {what} (YAML indents with spaces only)", "replace the tab with spaces"
        )
    last_line = first_line + text.count("\n")
    loader = loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlError(first_line, f"{what} is empty", empty_fix)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or ""
        if error.context_mark and (
            "end of stream" in problem or "did not find expected" in problem
        ):
            mark = error.context_mark  # where the unclosed quote or bracket opened
        line = min(first_line + (mark.line if mark else 0), last_line)
        return YamlError(
            line,
            f"{what} is not valid YAML: {error.problem or 'it does not parse'}",
            "check the quotes and the indentation; put a value with ':' or '#' in double quotes",
        )
    except yaml.YAMLError as error:
        return YamlError(
            first_line, f"{what} is not valid YAML: {error}", "check the quotes and the indentation"
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        return YamlError(
            first_line,
            f"{what} is {kind}, not a set of 'key: value' lines",
            "write one 'key: value' per line, e.g. 'title: …'",
        )
    lines: dict[str, int] = {}
    _key_lines(node, "", first_line, lines, 3)
    return Mapping({str(k): v for k, v in data.items()}, lines)


def _key_lines(
    node: yaml.MappingNode, above: str, first_line: int, lines: dict[str, int], depth: int
) -> None:
    """The line of each key: 'key', a nested mapping's 'key.inner' (languages.en.title),
    and a list's mappings as 'key[N]' (corrections), N from 1."""
    for key_node, value_node in node.value:
        if not isinstance(key_node.value, str):
            continue
        name = above + key_node.value
        lines[name] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode) and not above:
            for number, item in enumerate(value_node.value, start=1):
                if isinstance(item, yaml.MappingNode):
                    lines[f"{name}[{number}]"] = first_line + item.start_mark.line
        elif isinstance(value_node, yaml.MappingNode) and depth > 1:
            _key_lines(value_node, name + ".", first_line, lines, depth - 1)
