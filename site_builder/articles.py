"""The Article: what one Markdown file in the content folder says, checked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import front_matter
from .dates import parse_date
from .front_matter import strip_forbidden
from .problems import Problem
from .slugs import is_valid_segment
from .tags import clean_spelling, split_tags

MAX_FILE_BYTES = 20 * 1024 * 1024  # past this a file is surely not an article

KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "tags",
        "summary",
        "source",
        "author",
        "slug",
        "updated",
        "draft",
        "image",
        "image_alt",
        "related",
        "section",
        "pinned",
        "aliases",
        "id",
    }
)


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Article:
    """One article as written, with its values typed and checked."""

    file: Path
    shown: str  # the file's path as shown in messages, relative to the site
    title: str
    date: datetime
    slug: str
    body: str
    body_line: int
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    source: Source | None = None
    authors: tuple[str, ...] = ()
    draft: bool = False
    image: str = ""
    image_alt: str = ""
    related: tuple[str, ...] = ()
    section: str = ""
    pinned: bool = False
    aliases: tuple[str, ...] = ()
    id: str = ""
    lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


def find_files(folder: Path) -> list[Path]:
    """Every Markdown file under a folder, sorted, hidden files left out."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(top) / f for f in files if f.endswith(".md") and not f.startswith(".")]
    return sorted(found)


def read_text(file: Path, shown: str, root: Path) -> str | Problem:
    """The file's text, or why it cannot be an article."""
    try:
        real = file.resolve(strict=True)
    except RuntimeError:  # Python 3.11's pathlib says so for a link that loops
        return Problem(
            shown,
            None,
            "the file is a link that points back to itself (a loop)",
            "replace the link with the article itself",
        )
    except OSError as error:
        return Problem(
            shown,
            None,
            f"the file cannot be opened: {error.strerror}",
            "fix or remove the broken link",
        )
    if root.resolve() not in real.parents:
        return Problem(
            shown,
            None,
            f"the file is a link to {real}, outside the content folder",
            "copy the article into the content folder instead of linking to it",
        )
    try:
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                shown,
                None,
                f"the file is {size // (1024 * 1024)} MB; articles are at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                "split it, or move large data out of the content folder",
            )
        data = real.read_bytes()
    except OSError as error:
        return Problem(
            shown, None, f"the file cannot be read: {error.strerror}", "check its permissions"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            shown,
            line,
            "the file is not UTF-8 text",
            "save it as UTF-8 (in most editors: Save with Encoding → UTF-8)",
        )


def parse_article(
    text: str, file: Path, shown: str, tz: ZoneInfo
) -> tuple[Article | None, list[Problem]]:
    """Turn a file's text into an Article, or the problems that stop it."""
    loaded = front_matter.load(text)
    if isinstance(loaded, front_matter.SplitError):
        return None, [Problem(shown, loaded.line, loaded.message, loaded.fix)]
    part, parsed = loaded
    fields = _Fields(parsed, shown, tz)
    values = fields.values(file, part.body, part.body_line)
    if fields.errors:
        return None, fields.problems
    return Article(**values), fields.problems


class _Fields:
    """Reads each front matter key with its rule; collects every problem."""

    def __init__(self, parsed: front_matter.FrontMatter, shown: str, tz: ZoneInfo) -> None:
        self.data = parsed.data
        self.lines = parsed.lines
        self.shown = shown
        self.tz = tz
        self.problems: list[Problem] = []

    @property
    def errors(self) -> bool:
        return any(p.level == "error" for p in self.problems)

    def problem(self, key: str, message: str, fix: str, level: str = "error") -> None:
        self.problems.append(Problem(self.shown, self.lines.get(key, 1), message, fix, level))  # type: ignore[arg-type]

    def values(self, file: Path, body: str, body_line: int) -> dict[str, Any]:
        for key in self.data:
            if key not in KNOWN_KEYS:
                self.problem(
                    key,
                    f"unknown front matter key '{key}' (ignored)",
                    f"remove it, or use one of: {', '.join(sorted(KNOWN_KEYS))}",
                    "warning",
                )
        title = self.text("title", required=True, fix="title: عنوان الخبر")
        if title is not None and not title.strip():
            self.problem("title", "the title is empty", "title: عنوان الخبر")
        published = self.when("date", required=True)
        slug = self.text("slug", fix="slug: khabar-1") or file.stem
        if not is_valid_segment(slug):
            self.problem(
                "slug" if "slug" in self.data else "title",
                f"the slug '{slug}' is not one URL segment (no '/', '..' or spaces)",
                "slug: letters, digits and '-' only, e.g. slug: wafd-askari",
            )
        source = self.source()
        image = self.text("image", fix="image: images/photo.jpg") or ""
        image_alt = self.text("image_alt", fix="image_alt: وصف الصورة") or ""
        if image and not image_alt.strip():
            self.problem(
                "image",
                "the lead image has no 'image_alt' (readers who cannot see it need it)",
                "image_alt: وصف ما في الصورة",
            )
        return {
            "file": file,
            "shown": self.shown,
            "title": (title or "").strip(),
            "date": published,
            "slug": slug,
            "body": body,
            "body_line": body_line,
            "updated": self.when("updated"),
            "tags": self.names("tags"),
            "summary": (self.text("summary", fix="summary: سطر يلخص الخبر") or "").strip(),
            "source": source,
            "authors": self.names("author"),
            "draft": self.flag("draft"),
            "image": image.strip(),
            "image_alt": image_alt.strip(),
            "related": self.slugs("related"),
            "section": clean_spelling(self.text("section", fix="section: سياسة") or ""),
            "pinned": self.flag("pinned"),
            "aliases": self.slugs("aliases"),
            "id": (self.text("id", fix="id: tag:example.org,2023-08-21:khabar-1") or "").strip(),
            "lines": tuple(sorted(self.lines.items())),
        }

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

    def text(self, key: str, required: bool = False, fix: str = "") -> str | None:
        if self.absent(key, required, fix):
            return None
        value = self.data[key]
        if not isinstance(value, str):  # the loader reads every scalar as text but true/false
            kind = (
                "a list"
                if isinstance(value, list)
                else ("a mapping" if isinstance(value, dict) else "true or false")
            )
            self.problem(key, f"'{key}' must be text, not {kind}", fix)
            return None
        return strip_forbidden(value)

    def when(self, key: str, required: bool = False) -> datetime | None:
        fix = f"{key}: 2023-08-21 (or 2023-08-21T14:30:00+03:00)"
        if self.absent(key, required or key in self.data, fix):
            return None
        value = self.data[key]
        parsed = parse_when(value, self.tz)
        if parsed is None:
            self.problem(key, f"'{key}' is not a date: {shown_value(value)}", fix)
        return parsed

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                key, f"'{key}' must be true or false, not {shown_value(value)}", f"{key}: true"
            )
            return False
        return value

    def names(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(split_tags(strip_forbidden(value)))
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            names = [clean_spelling(strip_forbidden(v)) for v in value]
            return tuple(dict.fromkeys(n for n in names if n))
        self.problem(
            key,
            f"'{key}' must be a list of names or one line of names",
            f"{key}: [طهران, موسكو] or {key}: طهران، موسكو",
        )
        return ()

    def slugs(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of text", f"{key}: [khabar-1, khabar-2]")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def source(self) -> Source | None:
        value = self.data.get("source")
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
                self.problem(
                    "source",
                    f"the source's url must start with http:// or https://, not {url!r}",
                    "source: {name: صدى البلد, url: https://www.elbalad.news/}",
                )
                return None
            return Source(strip_forbidden(value["name"].strip()), url)
        self.problem(
            "source",
            "'source' must be a name, or a mapping with name and url",
            "source: صدى البلد  or  source: {name: صدى البلد, url: https://…}",
        )
        return None


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
