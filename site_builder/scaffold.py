"""New files for editors: a new site (`init`) and a new draft article (`new`)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .articles import find_files
from .config import Config
from .dates import iso
from .problems import Problem
from .slugs import is_valid_segment, slugify, url_quote
from .tags import split_tags, tag_key

MAX_SLUG = 60  # characters; a whole headline makes a URL too long to read or share


def article_text(front: dict[str, Any], body: str) -> str:
    """An article file: the front matter as YAML that reads back the same, then the body."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{yaml_text}---\n\n{body}"


def title_slug(title: str) -> str:
    """The slug made from a title, cut at a word to at most MAX_SLUG characters."""
    slug = slugify(title)
    if len(slug) <= MAX_SLUG:
        return slug
    head = slug[: MAX_SLUG + 1]
    cut = head.rsplit("-", 1)[0] if "-" in head else head[:MAX_SLUG]
    return cut.strip("-")


def pinned_id(host: str, when: datetime, slug: str) -> str:
    """A tag URI (RFC 4151) fixed at writing time, so a later slug change keeps feed ids."""
    return f"tag:{host},{when:%Y-%m-%d}:{url_quote(slug)}"


def unique_tags(value: str) -> list[str]:
    """Tags from one line, split on ',' and '،', one spelling per tag."""
    tags: dict[str, str] = {}
    for tag in split_tags(value):
        tags.setdefault(tag_key(tag), tag)
    return list(tags.values())


def new_article(
    config: Config, title: str, now: datetime, tags: str = "", slug: str | None = None
) -> Path | Problem:
    """Write a draft article at content_dir/YYYY/MM/SLUG.md; never overwrite a file."""
    title = " ".join(title.split())
    if not title:
        return Problem("TITLE", None, "the title is empty", 'site-builder new "عنوان الخبر"')
    if slug is None:
        slug = title_slug(title)
    elif not is_valid_segment(slug):
        return Problem(
            "--slug",
            None,
            f"'{slug}' is not one URL segment",
            "--slug with letters, digits and '-' only, e.g. --slug gold-prices",
        )
    local = now.astimezone(config.tz)
    path = config.content_dir / f"{local:%Y}" / f"{local:%m}" / f"{slug}.md"
    # The slug is the file name, so another file of that name anywhere would
    # give both articles one URL (articles/{slug}/) and stop the build.
    same = [f for f in find_files(config.content_dir) if f.stem == slug and f != path]
    if same:
        return Problem(
            str(same[0]),
            None,
            f"an article named '{slug}' already exists",
            "pass --slug with another name, or edit that file",
        )
    front = {
        "title": title,
        "date": iso(local),
        "tags": unique_tags(tags),
        "draft": True,
        "id": pinned_id(config.host, local, slug),
    }
    return _create(path, article_text(front, ""))


def _create(path: Path, text: str) -> Path | Problem:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": fails if it exists
            handle.write(text)
    except FileExistsError:
        return Problem(
            str(path),
            None,
            "the file already exists; it was left as it was",
            "pass --slug with another name, or edit that file",
        )
    except OSError as error:
        return Problem(
            str(path),
            None,
            f"the file cannot be written: {error.strerror}",
            "check the folder's permissions, or pass a shorter --slug",
        )
    return path


# --- init ----------------------------------------------------------------------

CONFIG = """\
# The site's settings; every key is described in the README.
title: موقعي الإخباري
description: ""
# Where the site will be published; pages link under its path
# (a site at https://example.org/news/ links /news/articles/…).
base_url: https://example.org/
language: ar
direction: rtl
# Dates written without an offset are in this zone, and pages show dates in it.
timezone: {timezone}
# Month names: ar_EG writes أغسطس, ar_SY writes آب; ar is Modern Standard Arabic.
locale: ar
"""

SAMPLE_TITLE = "كيف تكتب خبراً في هذا الموقع"

SAMPLE_BODY = """\
هذا خبر تجريبي يشرح طريقة الكتابة في الموقع، احذفه متى شئت.

## ملف لكل خبر

كل خبر ملف نصي بصيغة Markdown داخل مجلد `content/`، مرتب في مجلدات للسنة والشهر.
يبدأ الملف بترويسة بين سطرين من `---` فيها:

- `title`: عنوان الخبر.
- `date`: تاريخ النشر ووقته، مثل `2024-05-01T10:30:00+03:00`.
- `tags`: الكلمات الدلالية، قائمة أو سطر تفصل بينها الفاصلة «،».
- `draft: true`: مسودة لا تظهر في الموقع المنشور حتى تحذف هذا السطر.

وبعد الترويسة نص الخبر: فقرات يفصل بينها سطر فارغ، والعنوان الفرعي يبدأ بـ `##`.

## خبر جديد

لكتابة خبر جديد نفّذ الأمر:

    site-builder new "عنوان الخبر" --tags "اقتصاد، الذهب"

فيُنشأ ملف مسودة بترويسة جاهزة، ويُطبع مساره لتفتحه في محررك.

## المعاينة والنشر

- `site-builder serve` يعرض الموقع على جهازك مع المسودات والأخبار المجدولة، ويحدّث
  الصفحة المفتوحة كلما حفظت ملفاً؛ وإن كان في خبر خطأ ظهر وصفه فوق الصفحة حتى تصلحه.
- `site-builder build` يبني الموقع للنشر في مجلد `output/`، بلا مسودات.
"""

ABOUT = """\
---
title: من نحن
---

اكتب هنا تعريفاً بالموقع: من يحرره، وما الذي يغطيه، وكيف يراسلكم القراء.
"""

GITIGNORE = "output/\n.output-*/\n.cache/\n"  # the output, its spare and staging trees, the cache


def local_timezone() -> str:
    """This machine's IANA zone name when it can be told (TZ, /etc/localtime), else UTC."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    link = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in link:
        names.append(link.split("zoneinfo/", 1)[1])
    for name in names:
        if name in ("UTC", "Etc/UTC", "Etc/Universal"):
            return "UTC"
        try:
            if "/" in name:  # a city, not "EST" or "UTC+3", so editors can tell it
                ZoneInfo(name)
                return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def init_site(folder: Path, now: datetime) -> list[Path] | Problem:
    """A new site in folder: config, one sample article, an «من نحن» page; nothing overwritten."""
    config = folder / "config.yaml"
    if config.exists():
        return Problem(
            str(config),
            None,
            "this folder already has a site",
            "pick a new folder: site-builder init DIR",
        )
    if folder.exists() and not folder.is_dir():
        return Problem(
            str(folder),
            None,
            "this is a file, not a folder",
            "pick a new folder: site-builder init DIR",
        )
    timezone = local_timezone()
    local = now.astimezone(ZoneInfo(timezone))
    slug = title_slug(SAMPLE_TITLE)
    sample = {
        "title": SAMPLE_TITLE,
        "date": iso(local),
        "tags": ["دليل التحرير"],
        "id": pinned_id("example.org", local, slug),
    }
    files = {
        config: CONFIG.format(timezone=timezone),
        folder / "content" / f"{local:%Y}" / f"{local:%m}" / f"{slug}.md": article_text(
            sample, SAMPLE_BODY
        ),
        folder / "pages" / "about.md": ABOUT,
    }
    taken = [p for p in files if p.exists()]
    if taken:
        return Problem(
            str(taken[0]),
            None,
            "the file already exists; nothing was written",
            "pick a new folder: site-builder init DIR",
        )
    written = []
    for path, text in files.items():
        made = _create(path, text)
        if isinstance(made, Problem):
            return made
        written.append(made)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
    return written
