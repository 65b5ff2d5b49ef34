"""The config lines a migration adds: `old_feeds` (each old feed URL served a copy of the
matching new feed) and `section_info` (the old site's section names and descriptions)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..layout import FORMATS_BY_NAME, is_own, list_folder
from ..text.spelling import tag_key, tag_slug
from .migrated import Imported, OldFeed, Place, SourceSite

_TOP_KEY = re.compile(r"^(\w+)\s*:", re.MULTILINE)


def new_feed(feed: OldFeed) -> str:
    """The output path of the new feed an old one's readers get (RSS, like most old feeds)."""
    rss = FORMATS_BY_NAME["rss"].file
    if feed.kind == "home":
        return rss
    return list_folder(feed.kind, slug=tag_slug(tag_key(feed.name))) + rss


def old_feeds(site: SourceSite, written: list[Imported]) -> dict[str, str]:
    """Old feed path → new feed path, for the lists the imported articles fill."""
    shown = [i for i in written if i.kind == "article" and not i.draft]
    sections = {tag_key(i.section) for i in shown if i.section}
    tags = {tag_key(t) for i in shown for t in i.tags}
    found: dict[str, str] = {}
    for feed in site.feeds:
        path = feed.path.lstrip("/")
        if not path or is_own(path) and path.split("/", 1)[0] != "tags":
            if path:
                site.notes.convert(
                    "an old feed at a path this site serves itself", Place(f"/{path}")
                )
            continue
        key = tag_key(feed.name)
        if feed.kind == "home" and not shown:
            continue
        if (feed.kind == "section" and key not in sections) or (
            feed.kind == "tag" and key not in tags
        ):
            continue
        target = new_feed(feed)
        if target != path:
            found.setdefault(path, target)
    return found


def section_info(site: SourceSite) -> dict[str, dict[str, str]]:
    info: dict[str, dict[str, str]] = {}
    for name, (title, description) in site.sections.items():
        entry = {"name": title} if title and title != name else {}
        if description:
            entry["description"] = description
        if entry:
            info[name] = entry
    return info


def as_yaml(key: str, value: dict[str, object]) -> str:
    """Lines to paste into config.yaml."""
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1_000_000)


def config_keys(config_file: Path) -> set[str]:
    """The top-level keys a config file already has."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        return set()
    return set(_TOP_KEY.findall(text))


def appended(config_file: Path, blocks: list[str]) -> str:
    """The config file's text with the new keys' lines at its end."""
    text = config_file.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "".join(blocks)
