"""The site's settings: a declared schema, validated once at the edge."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import front_matter
from .dates import is_known_locale
from .problems import Problem
from .themes import default_theme_dir

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class AuthorInfo:
    name: str
    bio: str = ""
    image: str = ""


@dataclass(frozen=True)
class Config:
    """Every setting of a site, typed, with paths resolved."""

    path: Path
    title: str
    base_url: str  # always ends with "/"
    description: str = ""
    language: str = "ar"
    direction: str = "rtl"
    timezone: str = "UTC"
    content_dir: Path = Path("content")
    pages_dir: Path = Path("pages")
    output_dir: Path = Path("output")
    theme: Path = field(default_factory=default_theme_dir)
    per_page: int = 20
    feed_items: int = 50
    feed_full_content: bool = True
    numerals: str = "latin"
    article_url: str = "articles/{slug}/"
    locale: str = "ar"
    hijri: bool = False
    related_count: int = 4
    unsafe_html: bool = False
    cache_dir: Path = Path(".cache")
    authors: dict[str, AuthorInfo] = field(default_factory=dict)
    pinned: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. '/news/'; pages link under it."""
        return urlsplit(self.base_url).path or "/"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or "localhost"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


# --- the schema ---------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns what is wrong, or None


@dataclass(frozen=True)
class Key:
    types: tuple[type, ...]
    required: bool = False
    check: Check | None = None
    fix: str = ""


def _one_of(*choices: str) -> Check:
    return lambda v: None if v in choices else f"must be one of {', '.join(choices)}"


def _positive(v: int) -> str | None:
    return None if v >= 1 else "must be 1 or more"


def _not_negative(v: int) -> str | None:
    return None if v >= 0 else "must be 0 or more"


def _base_url(v: str) -> str | None:
    parts = urlsplit(v)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an absolute URL with a scheme and a host"
    if parts.query or parts.fragment:
        return "must not carry a query or a fragment"
    return None


def _language(v: str) -> str | None:
    if "_" in v:
        return f"is not a BCP 47 tag (feeds reject '{v}')"
    return None if _LANGUAGE.match(v) else "is not a BCP 47 language tag"


def _timezone(v: str) -> str | None:
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        return f"'{v}' is not an IANA time zone name"
    return None


def _locale(v: str) -> str | None:
    return None if is_known_locale(v) else f"'{v}' is not a CLDR locale"


def _article_url(v: str) -> str | None:
    if "{slug}" not in v:
        return "must contain {slug}"
    if not v.endswith("/") or v.startswith("/") or ".." in v or "//" in v:
        return "must be a relative path ending with '/', without '..'"
    unknown = set(re.findall(r"\{(\w*)\}", v)) - {"slug", "year", "month", "day"}
    if unknown:
        return f"has unknown fields {', '.join(sorted(unknown))}"
    return None


def _string_list(v: list[Any]) -> str | None:
    return None if all(isinstance(x, str) for x in v) else "must be a list of strings"


def _authors(v: dict[Any, Any]) -> str | None:
    for name, info in v.items():
        if not isinstance(info, dict) or not set(info) <= {"name", "bio", "image"}:
            return f"entry '{name}' must be a mapping with name, bio and image"
        if not all(isinstance(x, str) for x in info.values()):
            return f"entry '{name}' must have text values"
    return None


SCHEMA: dict[str, Key] = {
    "title": Key((str,), required=True, fix="title: اسم الموقع"),
    "base_url": Key(
        (str,), required=True, check=_base_url, fix="base_url: https://example.org/news/"
    ),
    "description": Key((str,), fix="description: نشرة أخبار يومية"),
    "language": Key((str,), check=_language, fix="language: ar (or ar-EG)"),
    "direction": Key((str,), check=_one_of("rtl", "ltr"), fix="direction: rtl"),
    "timezone": Key((str,), check=_timezone, fix="timezone: Africa/Cairo"),
    "content_dir": Key((str,), fix="content_dir: content (a folder, relative to the config)"),
    "pages_dir": Key((str,), fix="pages_dir: pages (a folder, relative to the config)"),
    "output_dir": Key((str,), fix="output_dir: output (a folder, relative to the config)"),
    "theme": Key((str,), fix="theme: themes/my-theme (a folder with templates/ and static/)"),
    "per_page": Key((int,), check=_positive, fix="per_page: 20"),
    "feed_items": Key((int,), check=_positive, fix="feed_items: 50"),
    "feed_full_content": Key((bool,), fix="feed_full_content: true"),
    "numerals": Key((str,), check=_one_of("latin", "arabic"), fix="numerals: latin"),
    "article_url": Key((str,), check=_article_url, fix="article_url: articles/{slug}/"),
    "locale": Key((str,), check=_locale, fix="locale: ar_EG"),
    "hijri": Key((bool,), fix="hijri: true"),
    "related_count": Key((int,), check=_not_negative, fix="related_count: 4"),
    "unsafe_html": Key((bool,), fix="unsafe_html: false"),
    "cache_dir": Key((str,), fix="cache_dir: .cache (a folder, relative to the config)"),
    "authors": Key(
        (dict,), check=_authors, fix="authors: {اسم الكاتب: {name: …, bio: …, image: …}}"
    ),
    "pinned": Key((list,), check=_string_list, fix="pinned: [slug-1, slug-2]"),
}

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
}


def load(path: Path) -> Config | list[Problem]:
    """Read and validate a config file; return the Config or every problem found."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [
            Problem(
                shown,
                None,
                "the config file does not exist",
                "pass --config PATH, or run 'site-builder init DIR' to make a site",
            )
        ]
    except (OSError, UnicodeDecodeError) as error:
        return [
            Problem(
                shown, None, f"the config file cannot be read: {error}", "save it as UTF-8 text"
            )
        ]
    parsed = front_matter.parse_mapping(front_matter.normalise_text(text), 1, "the config")
    if isinstance(parsed, front_matter.SplitError):
        return [Problem(shown, parsed.line, parsed.message, parsed.fix)]
    return validate(parsed.data, parsed.lines, path)


def validate(data: dict[str, Any], lines: dict[str, int], path: Path) -> Config | list[Problem]:
    """Check every key against SCHEMA and build the typed Config."""
    shown = str(path)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = SCHEMA.get(name)
        line = lines.get(name)
        if key is None:
            near = [k for k in SCHEMA if k.replace("_", "") == name.replace("_", "").lower()]
            hint = f"did you mean '{near[0]}'? " if near else ""
            problems.append(
                Problem(
                    shown,
                    line,
                    f"unknown config key '{name}'",
                    f"{hint}remove it; known keys: {', '.join(SCHEMA)}",
                )
            )
            continue
        if value is None and not key.required:
            continue
        if not isinstance(value, key.types) or (bool not in key.types and isinstance(value, bool)):
            wanted = _TYPE_NAMES[key.types[0]]
            problems.append(
                Problem(
                    shown,
                    line,
                    f"config key '{name}' must be {wanted}, not {type(value).__name__}",
                    key.fix,
                )
            )
            continue
        wrong = key.check(value) if key.check else None
        if wrong:
            problems.append(Problem(shown, line, f"config key '{name}' {wrong}", key.fix))
            continue
        values[name] = value
    for name, key in SCHEMA.items():
        if key.required and name not in data:
            problems.append(
                Problem(shown, None, f"the config has no '{name}'", f"add a line '{key.fix}'")
            )
    if problems:
        return problems
    return _typed(values, path, lines, problems) or problems


def output_clash(output: Path, root: Path, sources: dict[str, Path]) -> str:
    """Why an output folder would harm the site's own folders ("" when it would not):
    a build replaces the whole output folder."""
    if output == root or output in root.parents:
        return f"the output folder {output} would hold the site itself; a build replaces it whole"
    for name, source in sources.items():
        # A folder inside the cache is fine (serve builds there); inside content is not.
        inside = source in output.parents and name != "cache_dir"
        if output == source or output in source.parents or inside:
            return (
                f"the output folder {output} would overlap {name} {source}; a build "
                "replaces the whole output folder"
            )
    return ""


def _typed(
    values: dict[str, Any], path: Path, lines: dict[str, int], problems: list[Problem]
) -> Config | None:
    root = path.parent
    for name in ("content_dir", "pages_dir", "output_dir", "cache_dir", "theme"):
        if name in values:
            values[name] = (root / values[name]).resolve()
    for name in ("content_dir", "pages_dir", "output_dir", "cache_dir"):
        values.setdefault(name, (root / Config.__dataclass_fields__[name].default).resolve())
    if "theme" in values and not (values["theme"] / "templates").is_dir():
        problems.append(
            Problem(
                str(path),
                lines.get("theme"),
                f"the theme folder {values['theme']} has no templates/ folder",
                "point 'theme' at a folder with templates/ and static/, "
                "or remove the key to use the default theme",
            )
        )
        return None
    clash = output_clash(
        values["output_dir"],
        root.resolve(),
        {name: values[name] for name in ("content_dir", "pages_dir", "cache_dir")}
        | ({"theme": values["theme"]} if "theme" in values else {}),
    )
    if clash:
        problems.append(
            Problem(
                str(path),
                lines.get("output_dir"),
                clash,
                "output_dir: output (a folder of its own)",
            )
        )
        return None
    base = values["base_url"]
    values["base_url"] = base if base.endswith("/") else base + "/"
    if "authors" in values:
        values["authors"] = {str(k): AuthorInfo(**v) for k, v in values["authors"].items()}
    if "pinned" in values:
        values["pinned"] = tuple(values["pinned"])
    return Config(path=path.resolve(), **values)
