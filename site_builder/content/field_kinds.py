"""Kinds of front-matter value: how each is read and checked, and how it is cached.

A `Reader` holds one file's parsed front matter and the problems found in it;
each kind reads one key through it and says what is wrong with the line to
write instead. Cached values are plain text, numbers and tuples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from ..problems import Level, Problem
from ..text.characters import strip_forbidden
from ..text.dates import parse_date
from ..text.mappings import Mapping
from ..text.spelling import clean_spelling, split_tags


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Correction:
    """A dated correction notice under an article."""

    date: datetime
    text: str


class Reader:
    """One file's front matter being read key by key; every problem is collected."""

    def __init__(self, parsed: Mapping, shown: str, tz: ZoneInfo) -> None:
        self.data = parsed.data
        self.lines = parsed.lines
        self.shown = shown
        self.tz = tz
        self.problems: list[Problem] = []

    @property
    def errors(self) -> bool:
        return any(p.level == "error" for p in self.problems)

    def problem(
        self, key: str, message: str, fix: str, level: Level = "error", group: str = ""
    ) -> None:
        line = self.lines.get(key, 1)
        self.problems.append(Problem(self.shown, line, message, fix, level, group))

    def absent(self, key: str, required: bool, fix: str) -> bool:
        """Whether a key has no value; a required one is then a problem."""
        if self.data.get(key) is not None:
            return False
        if key in self.data:  # written, but with nothing after the colon
            if required:
                self.problem(key, f"'{key}' has no value", fix)
        elif required:
            self.problems.append(
                Problem(
                    self.shown,
                    1,
                    f"the front matter has no '{key}'",
                    f"add a line '{fix}' between the '---' lines",
                )
            )
        return True


def shown_value(value: Any) -> str:
    """A value for a message: short, and never expanded (a YAML alias can nest a
    small file into a structure too large to print)."""
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def parse_when(value: Any, tz: ZoneInfo) -> datetime | None:
    """An ISO 8601 date or date-time; a time without offset is in the site's zone."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz)
    if isinstance(value, str):
        return parse_date(value, tz)
    return None


# --- reading each kind ---------------------------------------------------------------


def read_text(reader: Reader, key: str, required: bool, fix: str) -> str | None:
    if reader.absent(key, required, fix):
        return None
    value = reader.data[key]
    if not isinstance(value, str):  # the loader reads every scalar as text but true/false
        kind = (
            "a list"
            if isinstance(value, list)
            else ("a mapping" if isinstance(value, dict) else "true or false")
        )
        reader.problem(key, f"'{key}' must be text, not {kind}", fix)
        return None
    return strip_forbidden(value)


def _text(reader: Reader, key: str, required: bool, fix: str) -> str | None:
    value = read_text(reader, key, required, fix)
    return value.strip() if value is not None else None


def _spelling(reader: Reader, key: str, required: bool, fix: str) -> str:
    return clean_spelling(read_text(reader, key, required, fix) or "")


def _when(reader: Reader, key: str, required: bool, fix: str) -> datetime | None:
    if reader.absent(key, required or key in reader.data, fix):
        return None
    value = reader.data[key]
    parsed = parse_when(value, reader.tz)
    if parsed is None:
        reader.problem(key, f"'{key}' is not a date: {shown_value(value)}", fix)
    return parsed


def _flag(reader: Reader, key: str, required: bool, fix: str) -> bool:
    value = reader.data.get(key, False)
    if not isinstance(value, bool):
        reader.problem(key, f"'{key}' must be true or false, not {shown_value(value)}", fix)
        return False
    return value


def _maybe_flag(reader: Reader, key: str, required: bool, fix: str) -> bool | None:
    """true or false when written; None when not, so that a default elsewhere decides."""
    if key not in reader.data:
        return None
    return _flag(reader, key, required, fix)


def _names(reader: Reader, key: str, required: bool, fix: str) -> tuple[str, ...]:
    value = reader.data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(split_tags(strip_forbidden(value)))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = [clean_spelling(strip_forbidden(v)) for v in value]
        return tuple(dict.fromkeys(n for n in names if n))
    reader.problem(key, f"'{key}' must be a list of names or one line of names", fix)
    return ()


def _slugs(reader: Reader, key: str, required: bool, fix: str) -> tuple[str, ...]:
    value = reader.data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        reader.problem(key, f"'{key}' must be a list of text", fix)
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _source(reader: Reader, key: str, required: bool, fix: str) -> Source | None:
    value = reader.data.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return Source(strip_forbidden(value.strip()))
    if (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and set(value) <= {"name", "url"}
        and isinstance(value.get("url", ""), str)
    ):
        url = value.get("url", "").strip()
        if url and not url.startswith(("http://", "https://")):
            reader.problem(
                key,
                f"the source's url must start with http:// or https://, not {url!r}",
                "source: {name: صدى البلد, url: https://www.elbalad.news/}",
            )
            return None
        return Source(strip_forbidden(value["name"].strip()), url)
    reader.problem(key, "'source' must be a name, or a mapping with name and url", fix)
    return None


def _corrections(reader: Reader, key: str, required: bool, fix: str) -> tuple[Correction, ...]:
    value = reader.data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.problem(key, f"'{key}' must be a list of {{date, text}}", fix)
        return ()
    found = []
    for number, item in enumerate(value, start=1):
        where = f"{key}[{number}]"
        line = reader.lines.get(where, reader.lines.get(key, 1))
        if not isinstance(item, dict) or set(item) != {"date", "text"}:
            reader.problems.append(
                Problem(
                    reader.shown,
                    line,
                    f"correction {number} must have a date and a text, and nothing else",
                    fix,
                )
            )
            continue
        when = parse_when(item["date"], reader.tz)
        text = item["text"]
        if when is None or not isinstance(text, str) or not text.strip():
            wrong = "date" if when is None else "text"
            reader.problems.append(
                Problem(
                    reader.shown,
                    line,
                    f"correction {number} has no usable {wrong}: {shown_value(item[wrong])}",
                    fix,
                )
            )
            continue
        found.append(Correction(when, strip_forbidden(text.strip())))
    return tuple(sorted(found, key=lambda c: c.date))


# --- the kinds -----------------------------------------------------------------------


def _same(value: object) -> object:
    return value


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else None


def _moment(value: object) -> object:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _source_record(value: object) -> object:
    return (value.name, value.url) if isinstance(value, Source) else None


def _source_value(value: object) -> object:
    return Source(*value) if isinstance(value, tuple) else None


def _corrections_record(value: object) -> object:
    return tuple((c.date.isoformat(), c.text) for c in value)  # type: ignore[attr-defined]


def _corrections_value(value: object) -> object:
    return tuple(Correction(datetime.fromisoformat(d), t) for d, t in value)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Kind:
    """How one kind of value is read (with its problems), typed, and cached."""

    name: str  # as the README says it
    read: Callable[[Reader, str, bool, str], Any]
    default: Any
    widget: str  # the web editor's (Sveltia CMS) widget for it
    encode: Callable[[object], object] = _same
    decode: Callable[[object], object] = _same


TEXT = Kind("text", _text, "", "string")
SPELLING = Kind("text", _spelling, "", "string")
WHEN = Kind("date", _when, None, "datetime", _iso, _moment)
FLAG = Kind("true or false", _flag, False, "boolean")
MAYBE_FLAG = Kind("true or false", _maybe_flag, None, "boolean")
NAMES = Kind("names", _names, (), "list")
SLUGS = Kind("list of text", _slugs, (), "list")
SOURCE = Kind("name or {name, url}", _source, None, "object", _source_record, _source_value)
CORRECTIONS = Kind(
    "list of {date, text}", _corrections, (), "list", _corrections_record, _corrections_value
)
