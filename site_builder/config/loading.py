"""Reading config.yaml: YAML, checked against the schema, into a typed Config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from ..layout import OWN_FOLDERS
from ..problems import Problem
from ..text.characters import normalise_text
from ..text.mappings import YamlError, parse_mapping
from .languages import Language, parse_languages
from .schema import _TYPE_NAMES, SCHEMA
from .settings import AuthorInfo, Config, DeploySettings, SectionInfo, TagInfo


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
    parsed = parse_mapping(normalise_text(text), 1, "the config")
    if isinstance(parsed, YamlError):
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
    if "languages" in values:
        found = _languages(values, lines, str(path))
        if isinstance(found, list):
            problems += found
            return None
    _as_types(values)
    problem = _newsroom_problem(values, root, str(path), lines)
    if problem is not None:
        problems.append(problem)
        return None
    return Config(path=path.resolve(), **values)


def _as_types(values: dict[str, Any]) -> None:
    """The config's mappings and lists as the typed values the Config holds."""
    for name, kind in (
        ("authors", AuthorInfo),
        ("section_info", SectionInfo),
        ("tag_info", TagInfo),
    ):
        if name in values:
            values[name] = {str(k): kind(**v) for k, v in values[name].items()}
    if "deploy" in values:
        values["deploy"] = DeploySettings(**values["deploy"])
    for name in ("pinned", "tags_kept_apart", "embed_hosts", "menu"):
        if name in values:
            values[name] = tuple(values[name])
    if "hijri" in values:
        hijri = values["hijri"]  # true is the Hijri date second, as before `first` was
        values["hijri"] = hijri if isinstance(hijri, str) else ("second" if hijri else "off")


def _languages(
    values: dict[str, Any], lines: dict[str, int], shown: str
) -> tuple[Language, ...] | list[Problem]:
    """`languages:` checked; the default language's settings put where the rest of the
    builder reads them (its entry first, then the config's own keys of the same name)."""
    found = parse_languages(values["languages"], lines, shown, tuple(sorted(OWN_FOLDERS)))
    if isinstance(found, list):
        return found
    first = found[0]
    given = values.get("language")
    if given is not None and given.lower() != first.code.lower():
        return [
            Problem(
                shown,
                lines.get("language"),
                f"language: {given} names another language than the first of languages: "
                f"({first.code}), which is the site's default",
                f"remove 'language:' (languages: decides), or write language: {first.code}",
            )
        ]
    own = dict(first.settings)
    values["language"] = first.code
    values.setdefault("direction", first.direction)
    values.setdefault("locale", first.code.replace("-", "_"))
    # The config's own values the first language replaces: the other languages fall
    # back to these, not to the first language's.
    values["shared"] = tuple((name, values[name]) for name in own if name in values)
    for name, value in own.items():
        values[name] = value
    values["languages"] = found
    return found


def _newsroom_problem(
    values: dict[str, Any], root: Path, shown: str, lines: dict[str, int]
) -> Problem | None:
    """The logo resolved (a file must be a PNG or JPEG), and the editor's repository."""
    if "logo" in values:
        logo = _logo(values["logo"], root, shown, lines.get("logo"))
        if isinstance(logo, Problem):
            return logo
        values["logo"] = logo
    if values.get("cms") and not values.get("cms_repo"):
        return Problem(
            shown,
            lines.get("cms"),
            "the web editor (cms: sveltia) needs the GitHub repository it saves to",
            "add a line 'cms_repo: OWNER/NAME', e.g. cms_repo: news-org/site",
        )
    return None


def _logo(value: str, root: Path, shown: str, line: int | None) -> Path | str | Problem:
    """The config's logo: its URL as given, or a PNG or JPEG file beside the config."""
    if value.startswith(("http://", "https://")):
        return value
    file = (root / value).resolve()
    fix = "logo: images/logo.png (a PNG or JPEG file, relative to the config), or its URL"
    try:
        with Image.open(file) as image:
            kind = image.format
    except FileNotFoundError:
        return Problem(shown, line, f"the logo {value!r} does not exist ({file})", fix)
    except (UnidentifiedImageError, OSError):
        return Problem(shown, line, f"the logo {value!r} is not a picture", fix)
    if kind not in ("PNG", "JPEG"):
        return Problem(
            shown, line, f"the logo {value!r} is a {kind} file; feeds take PNG or JPEG", fix
        )
    return file
