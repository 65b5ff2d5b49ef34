"""What every format's reader gives: another site's articles and pages in this site's terms,
with where each came from, the old site's URLs and feeds, and what the reading noticed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from .report import Notes


@dataclass(frozen=True)
class Place:
    """Where something was read: a file and, when it can be told, a line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Media:
    """A file to copy with the import: from the old site's folder to a path under the
    content folder (rooted paths keep their old URL: /wp-content/uploads/…, /assets/…)."""

    source: Path
    target: str  # relative to the content folder, or to the article's own folder
    beside_article: bool = False  # a page bundle's resource, next to its index.md


@dataclass
class Imported:
    """One article (or static page) read from another site, ready to be written."""

    kind: Literal["article", "page"]
    place: Place
    title: str
    body: str  # Markdown
    date: datetime | date | None = None
    slug: str = ""  # the old slug, decoded; "" to make one from the title
    id: str = ""  # the feed id subscribers' readers know it by
    old_urls: tuple[str, ...] = ()  # absolute or root-relative URLs it had
    updated: datetime | date | None = None
    expires: datetime | date | None = None
    tags: tuple[str, ...] = ()
    section: str = ""
    summary: str = ""
    authors: tuple[str, ...] = ()
    draft: bool = False
    pinned: bool = False
    image: str = ""
    image_alt: str = ""
    media: tuple[Media, ...] = ()
    bundle: bool = False  # written as SLUG/index.md with its resources beside it


@dataclass(frozen=True)
class OldFeed:
    """A feed URL of the old site and the list whose new feed serves its readers."""

    path: str  # the old path, relative to the old site's root ("feed/", "index.xml")
    kind: Literal["home", "section", "tag"]
    name: str = ""  # the section's or tag's name ("" for the home feed)


@dataclass
class SourceSite:
    """Everything read from one migration's sources."""

    format: str
    detected: str  # how the format was told ("--from", or what gave it away)
    files_read: int = 0
    items: list[Imported] = field(default_factory=list)
    old_base: str = ""  # the old site's URL, when the source says it
    old_hosts: set[str] = field(default_factory=set)  # hosts whose links are the old site's
    feeds: list[OldFeed] = field(default_factory=list)
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → title, text
    notes: Notes = field(default_factory=Notes)
