"""The theme's templates and words: one Jinja2 environment a language, HTML escaped
everywhere, with the theme's strings for that language as `t`.

A theme keeps every word a reader sees in `strings/LANG.yaml` (Arabic first);
templates show them as `{{ t.read_also }}`, and fill the ones with blanks as
`{{ t.page_of | fill(number=…, total=…) }}`, which escapes what it fills in.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup, escape

from ..config import default_theme_dir

DEFAULT_LANGUAGE = "ar"


class ThemeError(Exception):
    """The theme cannot be used (a strings file that does not read); says what to do."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def strings(theme: Path, language: str) -> dict[str, str]:
    """The theme's words in `language` ('ar-EG' reads ar.yaml), over the Arabic ones; a
    word a theme does not give comes from the default theme."""
    primary = language.split("-")[0].lower()
    words: dict[str, str] = {}
    for folder in dict.fromkeys((default_theme_dir() / "strings", theme / "strings")):
        for name in dict.fromkeys((DEFAULT_LANGUAGE, primary)):
            path = folder / f"{name}.yaml"
            if path.is_file():
                words.update(_read(path))
    return words


def _read(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ThemeError(
            f"the theme's strings file {path} cannot be read: {error}",
            "fix its YAML, or copy it from the default theme (themes/default/strings/)",
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ThemeError(
            f"the theme's strings file {path} must map names to text",
            "write one 'name: text' per line, e.g. 'read_also: اقرأ أيضاً'",
        )
    return {str(k): v for k, v in data.items()}


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
