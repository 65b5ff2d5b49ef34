"""Other builders' front matter: YAML between '---' (ending '---' or '...'), TOML between
'+++', or a JSON object (Hugo tells them by the first character); and their dates, in
every spelling Jekyll and Hugo accept."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML whose dates stay text: Jekyll's '2024-01-02 10:00:00 +0300' is not a YAML
    timestamp, so every date is parsed one way, here."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Parsed:
    data: dict[str, Any]
    body: str
    body_line: int  # the line the body starts on
    kind: str  # "yaml", "toml", "json" or "" (no front matter)


def read_text(path: Path) -> str | tuple[int | None, str]:
    """A source file's text, or (line, what is wrong) when it cannot be read as UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"cannot read the file: {error.strerror}"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1, "the file is not UTF-8 text"


def split(text: str) -> Parsed | str:
    """The front matter and body of a file, or what is wrong with it."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    stripped = text.lstrip()
    lead = text[: len(text) - len(stripped)].count("\n")
    if stripped.startswith("+++"):
        return _fenced(stripped, "+++", ("+++",), "toml", lead)
    if stripped.startswith("---"):
        return _fenced(stripped, "---", ("---", "..."), "yaml", lead)
    if stripped.startswith("{"):
        return _json(stripped, lead)
    return Parsed({}, text, 1, "")


def _fenced(text: str, fence: str, ends: tuple[str, ...], kind: str, lead: int) -> Parsed | str:
    lines = text.split("\n")
    if lines[0].rstrip() != fence:
        return f"the first line should be '{fence}' alone"
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ends:
            source = "\n".join(lines[1:index])
            try:
                data = tomllib.loads(source) if kind == "toml" else yaml.load(source, _Loader)
            except (tomllib.TOMLDecodeError, yaml.YAMLError) as error:
                return f"the {kind.upper()} front matter does not parse: {error}"
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return f"the {kind.upper()} front matter is not a mapping of keys"
            return Parsed(data, "\n".join(lines[index + 1 :]), lead + index + 2, kind)
    return f"the front matter is never closed: no second '{fence}' line"


def _json(text: str, lead: int) -> Parsed | str:
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        return f"the JSON front matter does not parse: {error.msg} (line {error.lineno})"
    if not isinstance(data, dict):
        return "the JSON front matter is not an object"
    return Parsed(data, text[end:].lstrip("\n"), lead + text[:end].count("\n") + 2, "json")


_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d %b %Y",
    "%d %B %Y",
)
_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def when(value: Any, tz: ZoneInfo) -> datetime | date | None:
    """A date or date-time in any spelling the builders accept; a time without an offset is
    in `tz`. None when it is not a date (or is WordPress's zero date)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return value
    if isinstance(value, time) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not text or text.startswith(("0000-00-00", "-0001")):
        return None
    if _DAY.match(text):
        year, month, day = (int(p) for p in text.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = _strptime(text)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _strptime(text: str) -> datetime | None:
    for form in _FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def text_of(value: Any) -> str:
    """A scalar as text (YAML makes `title: 1984` a number and `yes` a bool)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def lower_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Keys compared without case (Hugo's are: publishDate, publishdate)."""
    return {str(k).lower(): v for k, v in data.items()}
