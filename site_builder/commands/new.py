"""`site-builder new`: a new draft article, its front matter filled in, never overwriting."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..content import front_matter
from ..content.files import find_files
from ..problems import Problem
from ..text.dates import build_now, iso
from ..text.ids import tag_uri
from ..text.slugs import is_valid_segment, title_slug
from ..text.spelling import split_tags, tag_key
from .console import CONTENT_ERROR, OK, config_flag, load_config, relative, show


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new_cmd = commands.add_parser("new", help="write a new draft article and print its path")
    new_cmd.set_defaults(run=run)
    new_cmd.add_argument("title", help="the headline")
    config_flag(new_cmd)
    new_cmd.add_argument(
        "--tags", default="", help='tags split on "," or "،": --tags "اقتصاد، الذهب"'
    )
    new_cmd.add_argument("--slug", help="the URL segment and file name (default: from the title)")
    new_cmd.add_argument(
        "--lang",
        help="the edition it is written for, one of the config's languages: (default: the "
        "first); it goes under content/CODE/",
    )
    new_cmd.add_argument(
        "--translation-key",
        help="the translation_key it shares with its translations in the other languages",
    )
    new_cmd.add_argument(
        "--breaking",
        action="store_true",
        help="a breaking story: «عاجل», and in the breaking-news strip once published",
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    edition = edition_named(config, args.lang)
    if isinstance(edition, Problem):
        show([edition], config.root)
        return CONTENT_ERROR
    written = new_article(
        edition, args.title, build_now(), args.tags, args.slug, args.breaking, args.translation_key
    )
    if isinstance(written, Problem):
        show([written], config.root)
        return CONTENT_ERROR
    print(relative(written))
    return OK


def edition_named(config: Config, code: str | None) -> Config | Problem:
    """The edition of `--lang` (the default one when it is not given)."""
    if code is None:
        return config.editions[0]
    for edition in config.editions:
        if edition.language.lower() == code.lower():
            return edition
    known = ", ".join(e.language for e in config.editions)
    return Problem(
        "--lang",
        None,
        f"the site has no '{code}' edition (its languages: {known})",
        f"pass one of {known}, or add '{code}' to languages: in the config",
    )


def unique_tags(value: str) -> list[str]:
    """Tags from one line, split on ',' and '،', one spelling per tag."""
    tags: dict[str, str] = {}
    for tag in split_tags(value):
        tags.setdefault(tag_key(tag), tag)
    return list(tags.values())


def new_article(
    config: Config,
    title: str,
    now: datetime,
    tags: str = "",
    slug: str | None = None,
    breaking: bool = False,
    translation_key: str | None = None,
) -> Path | Problem:
    """Write a draft article at content_dir/YYYY/MM/SLUG.md (an edition's own content
    folder, content/en/…, for `config` an edition's); never overwrite a file.

    Its date is now to the second, in the site's zone, so stories of one day keep the
    order they were written in."""
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
    same = [
        f
        for f in find_files(config.content_dir)
        if f.stem == slug and f != path and config.edition_of(f) is config
    ]
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
        **({"breaking": True} if breaking else {}),
        **({"translation_key": translation_key} if translation_key else {}),
        "id": tag_uri(config.host, local.date(), config.prefix + slug),
    }
    return create(path, front_matter.dump(front))


def create(path: Path, text: str) -> Path | Problem:
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
