"""Every front-matter key of an article, declared once.

Each key says how it is read (its kind), whether it is required, the line to
write when it is wrong, and whether it reaches the article's page. The Article
record, the reading and checking of a file, the cache record and the README's
table of keys are all made from this table: a new key is one line here (and,
to show it, a line of the theme's templates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..text.slugs import is_valid_segment
from .field_kinds import (
    CORRECTIONS,
    FLAG,
    MAYBE_FLAG,
    NAMES,
    SLUGS,
    SOURCE,
    SPELLING,
    TEXT,
    WHEN,
    Kind,
    Reader,
)


@dataclass(frozen=True)
class Context:
    """What a field's own check sees: the reader, the file and the values read so far."""

    reader: Reader
    file: Path
    values: dict[str, Any]


@dataclass(frozen=True)
class Field:
    key: str  # as written in the front matter
    kind: Kind
    doc: str  # what it means, for the README
    fix: str  # a line to write when the value is wrong
    required: bool = False
    page: bool = True  # shown on the article's page (so a change re-renders it)
    attribute: str = ""  # the Article's attribute, when it differs from the key
    widget: str = ""  # the web editor's widget, when it is not its kind's
    # A rule of its own, given the value read (None when absent); returns the value.
    check: Callable[[Any, Context], Any] | None = None

    @property
    def name(self) -> str:
        return self.attribute or self.key

    @property
    def editor_widget(self) -> str:
        return self.widget or self.kind.widget


def _title(value: str | None, context: Context) -> str | None:
    if value is not None and not value:
        context.reader.problem("title", "the title is empty", "title: عنوان الخبر")
    return value


def _slug(value: str | None, context: Context) -> str:
    file = context.file
    # A page bundle (content/…/SLUG/index.md, its images beside it) is named by its folder.
    slug = value or (file.parent.name if file.stem == "index" else file.stem)
    if not is_valid_segment(slug):
        context.reader.problem(
            "slug" if "slug" in context.reader.data else "title",
            f"the slug '{slug}' is not one URL segment (no '/', '..' or spaces)",
            "slug: letters, digits and '-' only, e.g. slug: wafd-askari",
        )
    return slug


def _image_alt(value: str | None, context: Context) -> str | None:
    if context.values.get("image") and not value:
        context.reader.problem(
            "image",
            "the lead image has no 'image_alt' (readers who cannot see it need it)",
            "image_alt: وصف ما في الصورة",
        )
    return value


def _expires(value: Any, context: Context) -> Any:
    published = context.values.get("date")
    if value is not None and published is not None and value <= published:
        context.reader.problem(
            "expires",
            "'expires' is not after 'date': the article would never be shown",
            "expires: a date and time after the article's date, or remove the line",
        )
    return value


_DATE_FIX = "2023-08-21 (or 2023-08-21T14:30:00+03:00)"

# In the order they are read (and their problems reported).
FIELDS: tuple[Field, ...] = (
    Field("title", TEXT, "the headline", "title: عنوان الخبر", required=True, check=_title),
    Field(
        "date",
        WHEN,
        "`2023-08-21` or `2023-08-21T14:30:00+03:00`; without an offset, the config's `timezone`",
        f"date: {_DATE_FIX}",
        required=True,
    ),
    Field(
        "slug",
        TEXT,
        "the URL segment; default: the file name without `.md` (or `.markdown`); "
        "`SLUG/index.md` takes its folder's name",
        "slug: khabar-1",
        check=_slug,
    ),
    Field(
        "source",
        SOURCE,
        "`صدى البلد`, or `{name: صدى البلد, url: https://…}`; shown as «المصدر: …»",
        "source: صدى البلد  or  source: {name: صدى البلد, url: https://…}",
    ),
    Field(
        "image",
        TEXT,
        "lead image: a path from the article's folder, or a URL",
        "image: images/photo.jpg",
        widget="image",
    ),
    Field(
        "image_alt",
        TEXT,
        "the lead image's alternative text (required with `image`)",
        "image_alt: وصف الصورة",
        check=_image_alt,
    ),
    Field(
        "updated",
        WHEN,
        "when the article was last changed; shown as «آخر تحديث» with the time",
        f"updated: {_DATE_FIX}",
    ),
    Field(
        "corrections",
        CORRECTIONS,
        "dated correction notices under the article, in its feeds and JSON-LD: "
        "`[{date: 2023-08-22T09:00:00+03:00, text: …}]`",
        "corrections: [{date: 2023-08-22T09:00:00+03:00, text: صُحّح اسم المسؤول}]",
    ),
    Field(
        "expires",
        WHEN,
        "when it comes down (an embargo, a temporary notice): after it the page is removed "
        "and the article is gone from lists, feeds, sitemaps, search and «اقرأ أيضاً»",
        f"expires: {_DATE_FIX}",
        page=False,
        check=_expires,
    ),
    Field(
        "tags",
        NAMES,
        "a list, or one line split on `,` and `،`",
        "tags: [طهران, موسكو] or tags: طهران، موسكو",
    ),
    Field(
        "summary",
        TEXT,
        "plain text for cards and feeds; default: the first paragraph, shortened",
        "summary: سطر يلخص الخبر",
        widget="text",
    ),
    Field(
        "author",
        NAMES,
        "a writer, or a list of writers",
        "author: [طهران, موسكو] or author: طهران، موسكو",
        attribute="authors",
    ),
    Field("draft", FLAG, "`true` leaves it out unless `build --drafts`", "draft: true"),
    Field("related", SLUGS, "slugs shown first under «اقرأ أيضاً»", "related: [khabar-1, khabar-2]"),
    Field("section", SPELLING, "the article's section (سياسة، اقتصاد…)", "section: سياسة"),
    Field(
        "toc",
        MAYBE_FLAG,
        "`true`: a table of contents of the article's headings; default: the config's `toc`",
        "toc: true",
    ),
    Field("pinned", FLAG, "`true`: the home page's lead story", "pinned: true", page=False),
    Field(
        "breaking",
        FLAG,
        "`true`: «عاجل» on its card and page, and in the breaking-news strip for "
        "`breaking_hours` after its date",
        "breaking: true",
    ),
    Field(
        "aliases",
        SLUGS,
        "old URL paths that redirect here",
        "aliases: [khabar-1, khabar-2]",
        page=False,
    ),
    Field(
        "translation_key",
        TEXT,
        "links the translations of one story across the site's languages (one key, the "
        "same in each language's file)",
        "translation_key: iran-delegation-moscow",
        page=False,
    ),
    Field(
        "id",
        TEXT,
        "the permanent id in feeds; default `tag:HOST,DATE:/PATH` (changes with the slug, "
        "so pin one if URLs may change)",
        "id: tag:example.org,2023-08-21:khabar-1",
        page=False,
        widget="uuid",  # made once when the editor creates the article, never shown to change
    ),
)


def readme_table() -> str:
    """The README's table of front-matter keys, made from FIELDS."""
    rows = ["| key | required | meaning |", "| --- | --- | --- |"]
    for field in FIELDS:
        rows.append(f"| `{field.key}` | {'yes' if field.required else 'no'} | {field.doc} |")
    return "\n".join(rows) + "\n"
