"""Split an article file into its YAML front matter and its Markdown body; write one back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..text.characters import normalise_text
from ..text.mappings import ArticleLoader, Mapping, YamlError, parse_mapping

FENCE = "---"
FrontMatter = Mapping  # the parsed front matter: its keys' values and lines
SplitError = YamlError  # why a file has no usable front matter


@dataclass(frozen=True)
class Split:
    """The parts of a file: front matter text, body, and where each starts."""

    yaml_text: str
    body: str
    yaml_line: int  # line number of the first front matter line
    body_line: int  # line number of the first body line


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
        part.yaml_text,
        part.yaml_line,
        what="the front matter",
        loader=ArticleLoader,
        empty_fix=_FIX_START,
    )


def load(text: str) -> tuple[Split, FrontMatter] | SplitError:
    """Split a file's text and parse its front matter, or say what stops it."""
    part = split(text)
    if isinstance(part, SplitError):
        return part
    parsed = parse(part)
    if isinstance(parsed, SplitError):
        return parsed
    return part, parsed


def dump(front: dict[str, Any], body: str = "") -> str:
    """An article file: the front matter as YAML that reads back the same, a blank line,
    then the body as given."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{yaml_text}---\n\n{body}"
