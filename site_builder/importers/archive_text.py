"""Plain-text archive articles (the seed's format) → Markdown articles with front matter.

One archive file holds one article, line by line:

    TITLE
    تاريخ النشر: 21st, August 2023 GMT
    PARAGRAPH                      (one a line, up to المصدر)
    المصدر: SOURCE
    كلمات دلالية: TAG TAG و TAG
    إقرأ أيضاً:
    RELATED TITLE                  (a short line)
    RELATED TEXT                   (long lines right after a title)
    اقرأ أيضاًRELATED TITLE         (the marker without a colon carries a title)

Reading is pure (`parse_plaintext`); `text_import.import_files` then reads the
content folder, plans every file, and writes only when no input has an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from ..problems import Problem
from ..text.characters import normalise_text
from ..text.slugs import MARKS_RUN
from ..text.spelling import title_key
from .archive_dates import parse_archive_date
from .keywords import split_keywords

# Headlines in the archive run to ~90 characters; paragraphs are longer or end a sentence.
TITLE_MAX_CHARS = 100


@dataclass(frozen=True)
class RelatedArticle:
    """A story listed under «اقرأ أيضاً»: its title and whatever text the file gives."""

    title: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedImport:
    """One archive file, read: everything an article needs, nothing written yet."""

    file: str
    title: str
    date: date  # a datetime when the file gives a time
    paragraphs: tuple[str, ...]
    source: str
    source_url: str | None
    tags: tuple[str, ...]
    related: tuple[RelatedArticle, ...]


# --- Lines -----------------------------------------------------------------------------

_M = MARKS_RUN  # tashkeel and tatweel may sit after any letter
_ALEF = "[اأإآٱ]"
_READ_ALSO = re.compile(
    rf"^{_ALEF}{_M}ق{_M}ر{_M}(?:[أاء]{_M})?\s*{_ALEF}{_M}ي{_M}ض{_M}(?:[اى]{_M})?"
    r"\s*(?P<colon>[:：])?[\s\-–—]*(?P<rest>.*)$"
)
_DATE_LINE = re.compile(r"^تاريخ\s+النشر\s*[:：]\s*(?P<value>.*)$")
_SOURCE_LINE = re.compile(r"^المصدر\s*[:：]\s*(?P<value>.*)$")
_KEYWORDS_LINE = re.compile(r"^(?:ال)?كلمات\s+(?:ال)?دلالية\s*[:：]\s*(?P<value>.*)$")
_SPACES = re.compile(r"\s+")
_FULL_STOP = re.compile(r"(?<!\.)[.۔]$")
_URL = re.compile(r"https?://\S+$")

_DATE_EXAMPLE = "'تاريخ النشر: 21st, August 2023 GMT' (or '21 أغسطس 2023', or '2023-08-21')"


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


def _lines(text: str) -> list[_Line]:
    """The non-blank lines with their 1-based numbers, whitespace runs made single spaces."""
    text = normalise_text(text)
    found = (_Line(n, _SPACES.sub(" ", raw).strip()) for n, raw in enumerate(text.split("\n"), 1))
    return [line for line in found if line.text]


def _reads_as_title(text: str) -> bool:
    """A related story's title: short, and not a sentence ending in a full stop."""
    return len(text) <= TITLE_MAX_CHARS and not _FULL_STOP.search(text)


# --- Reading one file --------------------------------------------------------------------


@dataclass
class _Reading:
    """The state of reading one file's lines after the date, section by section."""

    file: str
    paragraphs: list[str] = field(default_factory=list)
    source: _Line | None = None
    keywords: _Line | None = None
    related: list[tuple[str, list[str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    section: Literal["body", "fields", "related"] = "body"  # in the order they come
    end_of_body: int = 0

    def problem(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, line, message, fix))


def parse_plaintext(text: str, file: str) -> ParsedImport | list[Problem]:
    """Read one archive article; every way it does not fit the format is a Problem."""
    lines = _lines(text)
    if not lines:
        return [
            Problem(
                file,
                1,
                "the file is empty",
                f"write the title on line 1 and the date on line 2: {_DATE_EXAMPLE}",
            )
        ]
    reading = _Reading(file)
    title = lines[0]
    if _DATE_LINE.match(title.text):
        reading.problem(
            title.number,
            "the file starts with the date, not the title",
            "write the article's title on the first line, above the date",
        )
    published, rest = _read_date(lines, reading)
    for line in rest:
        _read_line(line, reading)
    _check_end(reading, lines[-1].number)
    if reading.problems or published is None or reading.source is None:
        return reading.problems
    source, url = _split_source(_value(_SOURCE_LINE, reading.source))
    tags = split_keywords(_value(_KEYWORDS_LINE, reading.keywords)) if reading.keywords else []
    return ParsedImport(
        file=file,
        title=title.text,
        date=published,
        paragraphs=tuple(reading.paragraphs),
        source=source,
        source_url=url,
        tags=tuple(tags),
        related=_unique_related(reading.related, title.text),
    )


def _value(pattern: re.Pattern[str], line: _Line) -> str:
    found = pattern.match(line.text)
    return found["value"].strip() if found else ""


def _read_date(lines: list[_Line], reading: _Reading) -> tuple[date | None, list[_Line]]:
    """The date from the line after the title, and the lines that follow it."""
    if len(lines) < 2 or not _DATE_LINE.match(lines[1].text):
        where = lines[1].number if len(lines) > 1 else lines[0].number + 1
        reading.problem(
            where,
            f"line {where} should be the date ('تاريخ النشر: …')",
            f"write the publication date right after the title: {_DATE_EXAMPLE}",
        )
        return None, lines[1:]
    value = _value(_DATE_LINE, lines[1])
    published = parse_archive_date(value)
    if published is None:
        reading.problem(
            lines[1].number,
            f"the date '{value}' is not a date this importer reads",
            f"write it like {_DATE_EXAMPLE}, in the Gregorian calendar",
        )
    return published, lines[2:]


def _read_line(line: _Line, reading: _Reading) -> None:
    """Place one line after the date: a paragraph, a field, or part of «اقرأ أيضاً»."""
    marker = _READ_ALSO.match(line.text)
    if reading.section == "related":
        _read_related(line, marker, reading)
    elif marker:
        if marker["rest"]:  # a headline linked from inside the text is a related story
            reading.related.append((marker["rest"], []))
        if not marker["rest"] or reading.section == "fields":
            _leave_body(line, reading)
            reading.section = "related"
    elif _SOURCE_LINE.match(line.text) or _KEYWORDS_LINE.match(line.text):
        _read_field(line, reading)
    elif reading.section == "body":
        reading.paragraphs.append(line.text)
    else:
        reading.problem(
            line.number,
            "a line of text after 'المصدر:' that is neither 'كلمات دلالية:' nor 'اقرأ أيضاً:'",
            "move it above the 'المصدر:' line if it belongs to the article, or delete it",
        )


def _leave_body(line: _Line, reading: _Reading) -> None:
    if reading.section == "body":
        reading.end_of_body = line.number
        reading.section = "fields"


def _read_field(line: _Line, reading: _Reading) -> None:
    _leave_body(line, reading)
    name = "source" if _SOURCE_LINE.match(line.text) else "keywords"
    label = "المصدر:" if name == "source" else "كلمات دلالية:"
    earlier = getattr(reading, name)
    if earlier is not None:
        reading.problem(
            line.number,
            f"a second '{label}' line (the first is line {earlier.number})",
            "keep one of them",
        )
        return
    setattr(reading, name, line)
    if name == "source" and not _value(_SOURCE_LINE, line):
        reading.problem(
            line.number,
            "'المصدر:' names no source",
            "write the source after the colon, e.g. 'المصدر: صدى البلد'",
        )


def _read_related(line: _Line, marker: re.Match[str] | None, reading: _Reading) -> None:
    """After «اقرأ أيضاً:»: short lines are titles, long lines that story's text."""
    if marker:
        if marker["rest"]:
            reading.related.append((marker["rest"], []))
    elif _reads_as_title(line.text):
        reading.related.append((line.text, []))
    elif reading.related:
        reading.related[-1][1].append(line.text)
    else:
        reading.problem(
            line.number,
            "a paragraph under «اقرأ أيضاً» with no title above it",
            "write the related story's title on the line before its text, or delete the paragraph",
        )


def _check_end(reading: _Reading, last_line: int) -> None:
    """The parts every article needs: some text, then its source."""
    where = reading.end_of_body or last_line
    if not reading.paragraphs:
        reading.problem(
            where,
            "the article has no text between the date and 'المصدر:'",
            "write the article's paragraphs, one a line, after the date line",
        )
    if reading.source is None:
        reading.problem(
            where,
            "no 'المصدر:' line after the article's text",
            "add a line such as 'المصدر: صدى البلد' right after the last paragraph",
        )


def _split_source(value: str) -> tuple[str, str | None]:
    """'صدى البلد https://…' → the name and the address; a bare name → no address."""
    found = _URL.search(value)
    if not found:
        return value, None
    name = value[: found.start()].strip(" -–—|") or urlsplit(found.group(0)).hostname or value
    return name, found.group(0)


def _unique_related(found: list[tuple[str, list[str]]], own: str) -> tuple[RelatedArticle, ...]:
    """Each related story once (the first spelling with the most text), never the article."""
    stories: dict[str, RelatedArticle] = {}
    for title, paragraphs in found:
        key = title_key(title)
        if key == title_key(own):
            continue
        earlier = stories.get(key)
        if earlier is None or len(paragraphs) > len(earlier.paragraphs):
            stories[key] = RelatedArticle(earlier.title if earlier else title, tuple(paragraphs))
    return tuple(stories.values())
