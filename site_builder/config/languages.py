"""The config's `languages:`: one edition of the site a language, each checked with the
line of what is wrong, and each edition's settings as a Config of its own.

The first language is the default one, served at the site's root from content/ and
pages/; every other one is served under /CODE/ from content/CODE/ and pages/CODE/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale

from ..problems import Problem
from ..text.dates import is_known_locale
from .schema import _TYPE_NAMES, SCHEMA

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "ckb", "dv"})

# What one language may set; each is checked as the config's own key of that name is.
LANGUAGE_KEYS = (
    "title",
    "description",
    "direction",
    "locale",
    "numerals",
    "timezone",
    "hijri",
    "per_page",
    "menu",
)
_EXAMPLE = "languages: {ar: {title: أخبار صدى}, en: {title: Sada News, timezone: Africa/Cairo}}"


@dataclass(frozen=True)
class Language:
    """One edition's language, with what its entry in `languages:` sets."""

    code: str  # the BCP 47 tag: 'en', 'fr', 'ar-EG'
    settings: tuple[tuple[str, Any], ...] = ()  # (key, value) from its entry, typed

    @property
    def primary(self) -> str:
        return self.code.split("-")[0].lower()

    @property
    def name(self) -> str:
        """The language's name in itself: «العربية», "English", "Français"."""
        locale = Locale.parse(self.code.replace("-", "_"))
        name = locale.get_language_name(locale) or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        return "rtl" if self.primary in RTL_LANGUAGES else "ltr"


def parse_languages(
    value: Any, lines: dict[str, int], shown: str, folders: tuple[str, ...]
) -> tuple[Language, ...] | list[Problem]:
    """The `languages:` mapping as Languages, or every problem with it (file and line)."""
    top = lines.get("languages")
    if not isinstance(value, dict) or not value:
        return [
            Problem(shown, top, "config key 'languages' must be a mapping of languages", _EXAMPLE)
        ]
    problems: list[Problem] = []
    found: list[Language] = []
    for code, entry in value.items():
        code = str(code)
        line = lines.get(f"languages.{code}", top)
        wrong = _code_problem(code, folders)
        if wrong:
            problems.append(Problem(shown, line, f"languages: '{code}' {wrong}", _EXAMPLE))
            continue
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"languages: '{code}' must be a mapping of its settings, "
                    f"not {type(entry).__name__}",
                    f"{code}: {{title: …, locale: {code}}} (or {code}: {{}} for the defaults)",
                )
            )
            continue
        settings, wrongs = _settings(code, entry, lines, line, shown)
        problems += wrongs
        found.append(Language(code, settings))
    primaries = [language.code.lower() for language in found]
    for code in {c for c in primaries if primaries.count(c) > 1}:
        problems.append(
            Problem(shown, top, f"languages: '{code}' is named twice", "name each language once")
        )
    return problems or tuple(found)


def _code_problem(code: str, folders: tuple[str, ...]) -> str | None:
    check = SCHEMA["language"].check
    wrong = check(code) if check else None
    if wrong:
        return wrong + " (e.g. en, fr, ar-EG)"
    if not is_known_locale(code):
        return "is not a language CLDR knows (e.g. en, fr, ar-EG)"
    if code in folders:
        return f"would be served under /{code}/, which the site uses itself"
    return None


def _settings(
    code: str, entry: dict[str, Any], lines: dict[str, int], line: int | None, shown: str
) -> tuple[tuple[tuple[str, Any], ...], list[Problem]]:
    settings: list[tuple[str, Any]] = []
    problems = []
    for name, value in entry.items():
        at = lines.get(f"languages.{code}.{name}", line)
        if name not in LANGUAGE_KEYS:
            problems.append(
                Problem(
                    shown,
                    at,
                    f"languages: '{code}' has '{name}', which a language cannot set",
                    f"remove it; a language sets {', '.join(LANGUAGE_KEYS)}",
                )
            )
            continue
        if name == "menu":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(
                    Problem(
                        shown,
                        at,
                        f"languages: '{code}' menu must be a list of section names",
                        "menu: [Politics, Economy]",
                    )
                )
                continue
            settings.append((name, tuple(value)))
            continue
        key = SCHEMA[name]
        fix = key.fix.replace(f"{name}:", f"{code}: {{{name}:", 1) + "}"
        if not isinstance(value, key.types) or (bool not in key.types and isinstance(value, bool)):
            problems.append(
                Problem(
                    shown,
                    at,
                    f"languages: '{code}' {name} must be {_TYPE_NAMES[key.types[0]]}",
                    fix,
                )
            )
            continue
        wrong = key.check(value) if key.check else None
        if wrong:
            problems.append(Problem(shown, at, f"languages: '{code}' {name} {wrong}", fix))
            continue
        if name == "hijri":
            value = value if isinstance(value, str) else ("second" if value else "off")
        settings.append((name, value))
    return tuple(settings), problems
