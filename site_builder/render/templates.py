"""The theme's templates and words: one Jinja2 environment a language, HTML escaped
everywhere, with the theme's strings for that language as `t`.

A theme keeps every word a reader sees in `strings/LANG.yaml` (Arabic first);
templates show them as `{{ t.read_also }}`, and fill the ones with blanks as
`{{ t.page_of | fill(number=…, total=…) }}`, which escapes what it fills in.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..config import default_theme_dir
from ..words import ThemeError, strings

__all__ = ["ThemeError", "environment", "fill", "strings"]


def fill(template: str, **blanks: object) -> Markup:
    """A string of the theme with its {blanks} filled in, each escaped (markup stays)."""
    return Markup(escape(template)).format(**blanks)


def link(url: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, text)


def bdi(text: str) -> Markup:
    """Text isolated from the direction around it (a Latin name in an Arabic line)."""
    return Markup("<bdi>{}</bdi>").format(text)


def environment(theme: Path, words: dict[str, str]) -> jinja2.Environment:
    """Templates from the theme, compiled once, HTML escaped everywhere; a template the
    theme does not have (one a newer builder added) comes from the default theme."""
    folders = dict.fromkeys((str(theme / "templates"), str(default_theme_dir() / "templates")))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["fill"] = fill
    env.globals.update(t=words, link=link, bdi=bdi)
    return env
