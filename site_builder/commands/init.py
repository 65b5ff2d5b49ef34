"""`site-builder init`: a new site in a folder of its own, with a sample article and page."""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import __version__
from ..content import front_matter
from ..problems import Problem
from ..text.dates import build_now, iso
from ..text.ids import tag_uri
from ..text.slugs import title_slug
from .console import CONTENT_ERROR, OK, relative, show
from .new import create


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init_cmd = commands.add_parser("init", help="make a new site in DIR")
    init_cmd.set_defaults(run=run)
    init_cmd.add_argument("dir", type=Path, metavar="DIR")
    init_cmd.add_argument(
        "--cms", action="store_true", help="also the web editor at /admin/ (Sveltia CMS)"
    )


def run(args: argparse.Namespace) -> int:
    made = init_site(args.dir, build_now(), cms=args.cms)
    if isinstance(made, Problem):
        show([made], args.dir)
        return CONTENT_ERROR
    print(f"a new site in {args.dir}:")
    for path in made:
        print(f"  {relative(path)}")
    print(f"next: cd {args.dir} && site-builder serve")
    return OK


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
# An edition in another language: uncomment, then write its articles under
# content/en/ and its pages under pages/en/; it is served under /en/. The first
# language is the site's own, at its root. A story and its translation share a
# `translation_key:` in their front matter.
# languages:
#   ar: {{}}
#   en:
#     title: My News Site
#     locale: en_GB
#     menu: [Politics, Economy]
"""

CMS = """\
# The web editor at /admin/ (Sveltia CMS): editors sign in with GitHub and their
# changes are saved to this repository. Put your site's own OWNER/NAME here.
cms: sveltia
cms_repo: example-org/my-site
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

# The output; its spare and staging trees, lock and last-good record; the cache.
GITIGNORE = "output/\n.output-*\n.cache/\n"
WORKFLOW = Path(".github") / "workflows" / "publish.yml"


def workflow() -> str:
    """The CI workflow that builds and deploys, the builder pinned to this version."""
    recipe = Path(__file__).resolve().parent.parent / "recipes" / "publish.yml"
    return recipe.read_text(encoding="utf-8").format(version=__version__)


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


def init_site(folder: Path, now: datetime, cms: bool = False) -> list[Path] | Problem:
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
        "id": tag_uri("example.org", local.date(), slug),
    }
    files = {
        config: CONFIG.format(timezone=timezone) + (CMS if cms else ""),
        folder / "content" / f"{local:%Y}" / f"{local:%m}" / f"{slug}.md": front_matter.dump(
            sample, SAMPLE_BODY
        ),
        folder / "pages" / "about.md": ABOUT,
        folder / WORKFLOW: workflow(),
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
        made = create(path, text)
        if isinstance(made, Problem):
            return made
        written.append(made)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
    return written
