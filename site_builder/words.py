"""The theme's words: every word a reader sees, from `strings/LANG.yaml`.

Both the reading stage (the words inside converted bodies: footnote links, embeds)
and the rendering stage (the templates) take them from here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .config import default_theme_dir

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
