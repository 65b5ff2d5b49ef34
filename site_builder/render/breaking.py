"""breaking.json: the breaking stories of the last `breaking_hours`, which a few lines
of script (the theme's static/breaking.js) show on every article page. Article pages
never change for it: a breaking story rewrites this small file, the home page and
the section pages, nothing else."""

from __future__ import annotations

from datetime import timedelta

from ..layout import BREAKING_FILE
from ..text import dates
from .files import Output
from .parts import Parts
from .seo import safe_json


def breaking_file(parts: Parts) -> Output:
    """The stories the ticker shows, newest first, each with the time it leaves it."""
    site = parts.site
    hours = timedelta(hours=site.config.breaking_hours)
    items = []
    for index in site.breaking:
        record = site.articles[index]
        shown = parts.when(record.article.date, with_time=True)
        items.append(
            {
                "title": record.article.title,
                "url": site.url(record.path),
                "date": shown["iso"],
                "shown": shown["text"],
                "until": dates.iso(record.article.date + hours),
            }
        )
    return Output(BREAKING_FILE, safe_json({"items": items}, indent=1).encode("utf-8") + b"\n")
