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

Reading is pure (`parse_plaintext`); `import_files` then reads the content folder,
plans every file, and writes only when no input has an error.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml

from . import front_matter
from .problems import Problem
from .slugs import slugify, strip_marks, url_quote
from .tags import clean_spelling, tag_key

SLUG_MAX_CHARS = 60
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


@dataclass(frozen=True)
class ImportResult:
    """What an import did: files written, things left alone (with why), problems."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path | str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- Lines -----------------------------------------------------------------------------

_M = "[\u064b-\u065f\u0670\u0640]*"  # tashkeel and tatweel may sit after any letter
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
    text = front_matter.normalise_text(text)
    found = (_Line(n, _SPACES.sub(" ", raw).strip()) for n, raw in enumerate(text.split("\n"), 1))
    return [line for line in found if line.text]


def _reads_as_title(text: str) -> bool:
    """A related story's title: short, and not a sentence ending in a full stop."""
    return len(text) <= TITLE_MAX_CHARS and not _FULL_STOP.search(text)


def title_key(title: str) -> str:
    """The form two spellings of one headline share (the tag key, with ى read as ي)."""
    return tag_key(title).replace("ى", "ي")


# --- Dates -----------------------------------------------------------------------------

_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_AR_MONTHS = {
    # Egypt and the Gulf; the Levant and Iraq; the Maghreb.
    1: ("يناير", "كانون الثاني", "جانفي"),
    2: ("فبراير", "شباط", "فيفري"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "دجنبر"),
}
_MONTHS = {
    **{name: n for n, name in enumerate(_EN_MONTHS, 1)},
    **{name[:3]: n for n, name in enumerate(_EN_MONTHS, 1)},
    "sept": 9,
    **{title_key(name): n for n, names in _AR_MONTHS.items() for name in names},
}
_IGNORED_WORDS = {
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    *(
        title_key(w)
        for w in (
            "الأحد",
            "الإثنين",
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "يوم",
            "م",
            "ميلادي",
            "ميلادية",
        )
    ),
}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}\S*)?$")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*"
    r"(?P<half>[ap]\.?\s?m\.?(?!\w)|ص(?:باحا)?(?!\w)|م(?:ساء)?(?!\w))?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"(?:\bGMT|\bUTC|\bZ\b|بتوقيت\s+[غج]رينتش)\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def parse_archive_date(value: str) -> date | None:
    """A date as archives write it, or None: '21st, August 2023 GMT', '21 آب/أغسطس 2023',
    '٢١ أغسطس ٢٠٢٣ 10:30 م', '2023-08-21'. With a time, a datetime (UTC for GMT)."""
    text = strip_marks(unicodedata.normalize("NFC", value)).translate(_DIGITS).strip()
    if _ISO.match(text):
        try:
            return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            return None
    clock = _CLOCK.search(text)
    zone = _ZONE.search(text)
    for found in (clock, zone):
        if found:
            text = text.replace(found.group(0), " ")
    day = _day_of(_TOKEN.findall(_ORDINAL.sub(r"\1", text)))
    if day is None or clock is None:
        return day
    return _with_clock(day, clock, _zone_of(zone))


def _day_of(tokens: list[str]) -> date | None:
    """The date named by words and numbers: one month (names may repeat it), a day, a year."""
    months: set[int] = set()
    numbers: list[str] = []
    index = 0
    while index < len(tokens):
        pair = title_key(" ".join(tokens[index : index + 2]))
        word = title_key(tokens[index])
        if len(tokens) > index + 1 and pair in _MONTHS:
            months.add(_MONTHS[pair])
            index += 1
        elif word.isdigit():
            numbers.append(word)
        elif word in _MONTHS:
            months.add(_MONTHS[word])
        elif word not in _IGNORED_WORDS:
            return None  # an unknown word: maybe a Hijri month; never guess
        index += 1
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) != 1 or len(numbers) != 2:
        return None
    try:
        return date(int(years[0]), months.pop(), int(days[0]))
    except ValueError:
        return None


def _zone_of(zone: re.Match[str] | None) -> timezone | None:
    if zone is None:
        return None
    offset = (zone.group("offset") or "+0").replace(":", "")
    hours, minutes = (offset[:-2], offset[-2:]) if len(offset) > 3 else (offset, "0")
    sign = -1 if hours.startswith("-") else 1
    return timezone(sign * timedelta(hours=abs(int(hours)), minutes=int(minutes)))


def _with_clock(day: date, clock: re.Match[str], zone: timezone | None) -> datetime | None:
    hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
    half = (clock["half"] or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith(("p", "م")) else 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


# --- Keywords --------------------------------------------------------------------------

_LIST_SEPARATOR = re.compile(r"[,،؛;]")
_LONE_AND = re.compile(rf"^و{_M}(?:\s+|$)")


def split_keywords(line: str) -> list[str]:
    """The tags of a 'كلمات دلالية:' line, in order, each once.

    An archive's keyword line is written for readers, not machines. When it holds a
    comma (',' or the Arabic '،', or a semicolon '؛' ';'), the editor separated the
    tags on purpose, so we split there and keep the spaces inside a tag (كوريا
    الشمالية). With no comma the space is the only separator, so every word is a
    tag: a two-word tag cannot be told from two tags, and splitting is the reading
    that loses least — the article is still found under each word, while a wrong
    join would invent a tag nobody uses. In both forms a lone 'و', written apart
    from the next word as in 'أوكرانيا و روسيا', is the conjunction "and" before the
    last item, not a tag: it is dropped, and 'و روسيا' in a comma list becomes
    'روسيا'. A 'و' joined to its word (وروسيا) is kept, since it cannot be told from
    a word that begins with و (وزارة، ولاية). Tags that are one tag to the builder
    (same tag key: hamza, tashkeel, spacing variants) are kept once, as first spelt.
    """
    parts = _LIST_SEPARATOR.split(line) if _LIST_SEPARATOR.search(line) else line.split()
    tags: dict[str, str] = {}
    for part in parts:
        tag = _LONE_AND.sub("", clean_spelling(part))
        if tag:
            tags.setdefault(tag_key(tag), tag)
    return list(tags.values())


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


# --- Writing Markdown ----------------------------------------------------------------------

_INLINE = re.compile(r"[\\`*_\[\]]")
_ENTITY = re.compile(r"&(?=[#\w])")  # what could start a character reference
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_markdown(paragraph: str) -> str:
    """The paragraph as Markdown that reads back as exactly this text (one line)."""
    text = _INLINE.sub(r"\\\g<0>", paragraph.strip())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _LIST_NUMBER.sub(r"\1\\\2", text)
    if text.startswith(("#", ">", "+", "-")):
        text = "\\" + text
    elif text.startswith("~"):  # a fence to some Markdown extensions; '~' has no escape
        text = "&#126;" + text[1:]
    return text


def article_slug(title: str) -> str:
    """slugify(title) cut at a word boundary to at most SLUG_MAX_CHARS characters."""
    slug = slugify(title)
    if len(slug) <= SLUG_MAX_CHARS:
        return slug
    cut = slug[: SLUG_MAX_CHARS + 1]
    cut = cut[: cut.rfind("-")] if "-" in cut[1:] else cut[:SLUG_MAX_CHARS]
    return cut.strip("-") or slug[:SLUG_MAX_CHARS]


_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "site-builder:import")


def article_id(title: str, published: date, slug: str, base_url: str) -> str:
    """A feed id pinned at import: a tag URI on the site's host, else a uuid5 of title+date."""
    day = published.isoformat()[:10]
    host = urlsplit(base_url).hostname if base_url else None
    if host:
        return f"tag:{host},{day}:import/{url_quote(slug)}"
    name = f"{title}\n{day}"
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


@dataclass(frozen=True)
class _Draft:
    """An article to write: the fields of its front matter and its paragraphs."""

    title: str
    date: date
    paragraphs: tuple[str, ...]
    source: str
    source_url: str | None
    tags: tuple[str, ...]
    slug: str
    related: tuple[str, ...] = ()


def _render_article(draft: _Draft, base_url: str) -> str:
    """The Markdown file: YAML front matter, then the paragraphs separated by blank lines."""
    meta: dict[str, object] = {"title": draft.title}
    meta["date"] = draft.date if type(draft.date) is date else draft.date.isoformat()
    if draft.tags:
        meta["tags"] = list(draft.tags)
    source: dict[str, str] = {"name": draft.source}
    if draft.source_url:
        source["url"] = draft.source_url
    meta["source"] = source
    if draft.related:
        meta["related"] = list(draft.related)
    meta["slug"] = draft.slug
    meta["id"] = article_id(draft.title, draft.date, draft.slug, base_url)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    body = "\n\n".join(escape_markdown(p) for p in draft.paragraphs)
    return f"---\n{head}---\n" + (f"\n{body}\n" if body else "")


# --- The content folder -------------------------------------------------------------------


@dataclass
class _Content:
    """What is in the content folder (and planned so far): titles, slugs, taken names."""

    files: dict[str, str] = field(default_factory=dict)  # title key → file, for messages
    slugs: dict[str, str] = field(default_factory=dict)  # title key → slug
    taken: set[str] = field(default_factory=set)  # casefolded slugs and file stems
    planned: set[str] = field(default_factory=set)  # title keys this import writes

    def add(self, title: str, slug: str, file: str, planned: bool = False) -> None:
        self.files.setdefault(title_key(title), file)
        self.slugs.setdefault(title_key(title), slug)
        self.taken.add(slug.casefold())
        if planned:
            self.planned.add(title_key(title))

    def free_slug(self, base: str) -> str:
        slug, n = base, 2
        while slug.casefold() in self.taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


def _read_content(into: Path) -> _Content:
    """The titles and slugs of the articles already under `into` (any depth)."""
    content = _Content()
    if not into.is_dir():
        return content
    content.taken.update(p.stem.casefold() for p in into.iterdir())
    for path in sorted(into.rglob("*.md")):
        content.taken.add(path.stem.casefold())
        meta = _front_matter_of(path)
        title, slug = meta.get("title"), meta.get("slug")
        if isinstance(title, str):
            content.add(title, slug if isinstance(slug, str) else path.stem, str(path))
        elif isinstance(slug, str):
            content.taken.add(slug.casefold())
    return content


def _front_matter_of(path: Path) -> dict[str, object]:
    """An article's front matter, or {} when it does not read (the build reports why)."""
    try:
        part = front_matter.split(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    parsed = front_matter.parse(part) if isinstance(part, front_matter.Split) else part
    return parsed.data if isinstance(parsed, front_matter.FrontMatter) else {}


# --- Importing ------------------------------------------------------------------------------


@dataclass
class _Plan:
    drafts: list[_Draft] = field(default_factory=list)
    skipped: list[tuple[Path | str, str]] = field(default_factory=list)


def _plan(
    parsed: list[tuple[Path, ParsedImport]], content: _Content, into: Path, with_related: bool
) -> _Plan:
    """Decide every file before writing one: new articles first, then their related ones."""
    plan = _Plan()
    mains: list[tuple[ParsedImport, str]] = []
    for path, article in parsed:
        key = title_key(article.title)
        if key in content.slugs:
            plan.skipped.append((path, f"«{article.title}» is already in {content.files[key]}"))
            continue
        slug = content.free_slug(article_slug(article.title))
        content.add(article.title, slug, str(into / f"{slug}.md"), planned=True)
        mains.append((article, slug))
    stubs = _plan_related(parsed, content, into, plan) if with_related else []
    for article, slug in mains:
        related = tuple(
            dict.fromkeys(
                content.slugs[title_key(r.title)]
                for r in article.related
                if title_key(r.title) in content.slugs and content.slugs[title_key(r.title)] != slug
            )
        )
        plan.drafts.append(
            _Draft(
                article.title,
                article.date,
                article.paragraphs,
                article.source,
                article.source_url,
                article.tags,
                slug,
                related,
            )
        )
    plan.drafts.extend(stubs)
    if not with_related:
        missing = dict.fromkeys(
            r.title
            for article, _ in mains
            for r in article.related
            if title_key(r.title) not in content.slugs
        )
        plan.skipped.extend(
            (
                title,
                "no article with this title in the content folder, so it "
                "is not listed as related; --with-related imports it",
            )
            for title in missing
        )
    return plan


def _plan_related(
    parsed: list[tuple[Path, ParsedImport]], content: _Content, into: Path, plan: _Plan
) -> list[_Draft]:
    """Related stories as articles of their own, dated and sourced like the article."""
    drafts: list[_Draft] = []
    for _, article in parsed:
        for story in article.related:
            key = title_key(story.title)
            if key in content.slugs:
                if key not in content.planned:
                    plan.skipped.append(
                        (
                            story.title,
                            f"already in {content.files[key]}; "
                            "listed as related, not written again",
                        )
                    )
                continue
            slug = content.free_slug(article_slug(story.title))
            content.add(story.title, slug, str(into / f"{slug}.md"), planned=True)
            drafts.append(
                _Draft(
                    story.title,
                    article.date,
                    story.paragraphs,
                    article.source,
                    article.source_url,
                    (),
                    slug,
                )
            )
    return drafts


def _read_inputs(paths: Iterable[Path]) -> tuple[list[tuple[Path, ParsedImport]], list[Problem]]:
    parsed: list[tuple[Path, ParsedImport]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"cannot read the file: {error.strerror}",
                    "check the path and that the file is readable",
                )
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            problems.append(
                Problem(
                    str(path),
                    line,
                    "the file is not UTF-8 text",
                    "save it as UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)",
                )
            )
            continue
        result = parse_plaintext(text, str(path))
        if isinstance(result, ParsedImport):
            parsed.append((path, result))
        else:
            problems.extend(result)
    return parsed, problems


def _write_all(files: list[tuple[Path, str]]) -> tuple[list[Path], list[Problem]]:
    """Write every file to a temporary name, then swap them all in; on failure, none."""
    temps: list[tuple[Path, Path]] = []
    target = files[0][0]
    try:
        for target, text in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.stem[:40]}.{secrets.token_hex(4)}.tmp")
            with temp.open("x", encoding="utf-8", newline="\n") as handle:
                temps.append((temp, target))
                handle.write(text)
    except OSError as error:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        return [], [
            Problem(
                str(target),
                None,
                f"cannot write the file: {error.strerror}",
                "check that the folder exists, is writable and has space",
            )
        ]
    moved: list[Path] = []
    try:
        for temp, target in temps:
            os.replace(temp, target)
            moved.append(target)
    except OSError as error:  # only when the folder changes under us
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        return moved, [
            Problem(
                str(target),
                None,
                f"cannot write the file: {error.strerror}",
                "check the folder, then import again (written files are skipped)",
            )
        ]
    return moved, []


def import_files(paths: list[Path], into: Path, base_url: str, with_related: bool) -> ImportResult:
    """Import archive files into the folder `into`; write nothing if any file has an error."""
    parsed, problems = _read_inputs(paths)
    if any(p.level == "error" for p in problems):
        return ImportResult(problems=problems)
    plan = _plan(parsed, _read_content(into), into, with_related)
    files = [(into / f"{d.slug}.md", _render_article(d, base_url)) for d in plan.drafts]
    written, write_problems = _write_all(files) if files else ([], [])
    return ImportResult(written, plan.skipped, problems + write_problems)
