"""A migration planned whole before anything is written: which articles are new and which
were imported before (same `id`), their slugs, new URLs and old ones as aliases, the links
between them rewritten, the media to copy; then every file written, or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import Config
from ..content import front_matter
from ..text import dates
from ..text.slugs import is_valid_segment, title_slug, url_quote
from . import links
from .migrated import Imported, SourceSite
from .writing import article_id


@dataclass
class Existing:
    """What the site already has: articles by feed id, and the names taken."""

    ids: dict[str, Path] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # casefolded slugs and file names
    pages: dict[str, Path] = field(default_factory=dict)  # page slug → file

    @classmethod
    def read(cls, content: Path, pages: Path) -> Existing:
        found = cls()
        for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
            meta = _front_matter_of(path)
            stem = path.parent.name if path.stem == "index" else path.stem
            found.taken.add(str(meta.get("slug") or stem).casefold())
            if isinstance(meta.get("id"), str):
                found.ids.setdefault(meta["id"], path)
        for path in sorted(pages.glob("*.md")) if pages.is_dir() else []:
            found.pages[str(_front_matter_of(path).get("slug") or path.stem)] = path
        return found


def _front_matter_of(path: Path) -> dict[str, Any]:
    try:
        loaded = front_matter.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    return loaded[1].data if isinstance(loaded, tuple) else {}


@dataclass
class Planned:
    """One article or page as it will be written."""

    item: Imported
    path: Path
    slug: str
    url: str = ""  # its new URL path under base_url ("" for pages)
    aliases: list[str] = field(default_factory=list)
    replaces: bool = False  # --update: an earlier import of it is overwritten


@dataclass
class Plan:
    planned: list[Planned] = field(default_factory=list)
    kept: list[tuple[Imported, Path]] = field(default_factory=list)  # imported before
    files: list[tuple[Path, str | bytes]] = field(default_factory=list)


def new_path(config: Config, slug: str, when: datetime | date) -> str:
    """An article's URL path under base_url, by the config's article_url."""
    local = when.astimezone(config.tz) if isinstance(when, datetime) else when
    return config.article_url.format(
        slug=slug, year=f"{local.year:04d}", month=f"{local.month:02d}", day=f"{local.day:02d}"
    )


def plan(site: SourceSite, config: Config, into: Path, update: bool) -> Plan:
    """Decide every file of the import; nothing is read from or written to disk after."""
    existing = Existing.read(config.content_dir, config.pages_dir)
    if into != config.content_dir:
        more = Existing.read(into, config.pages_dir)
        existing.ids.update(more.ids)
        existing.taken |= more.taken
    result = Plan()
    claimed: set[str] = set()
    now = dates.build_now()
    for item in site.items:
        if item.kind == "page":
            _plan_page(item, config, existing, update, result)
            continue
        if not item.date:
            site.notes.warn("an article with no date, dated now", item.place, "set its 'date:'")
            item.date = now
        if not item.id:  # pinned from what the source says, so a second import finds it
            base = item.slug if is_valid_segment(item.slug) else title_slug(item.title)
            item.id = article_id(item.title, item.date, base, config.base_url)
        if item.id in existing.ids and not update:
            result.kept.append((item, existing.ids[item.id]))
            continue
        replaces = item.id in existing.ids
        slug = _slug(item, existing, replaces)
        if replaces:
            path = existing.ids[item.id]
        else:
            path = into / slug / "index.md" if item.bundle else into / f"{slug}.md"
        planned = Planned(item, path, slug, new_path(config, slug, item.date), replaces=replaces)
        claimed.add(planned.url)
        result.planned.append(planned)
    _plan_aliases(result, config, claimed, site)
    return result


def _slug(item: Imported, existing: Existing, replaces: bool) -> str:
    base = item.slug if item.slug and is_valid_segment(item.slug) else title_slug(item.title)
    if replaces:  # its earlier file's name is its own
        return base
    slug, n = base, 2
    while slug.casefold() in existing.taken:
        slug, n = f"{base}-{n}", n + 1
    existing.taken.add(slug.casefold())
    return slug


def _plan_page(
    item: Imported, config: Config, existing: Existing, update: bool, result: Plan
) -> None:
    slug = item.slug if item.slug and is_valid_segment(item.slug) else title_slug(item.title)
    if slug in existing.pages and not update:
        result.kept.append((item, existing.pages[slug]))
        return
    path = existing.pages.get(slug, config.pages_dir / f"{slug}.md")
    result.planned.append(Planned(item, path, slug, replaces=slug in existing.pages))


def _plan_aliases(result: Plan, config: Config, claimed: set[str], site: SourceSite) -> None:
    """Each article's old URLs as aliases (not its new URL, not another's), and the map
    from old URLs to new ones for the links inside bodies."""
    new_urls: dict[str, str] = {}
    for planned in result.planned:
        if planned.item.kind != "article":
            continue
        new_url = config.base_path + url_quote(planned.url)
        for old in planned.item.old_urls:
            key = links.key_of(old, site.old_hosts)
            if key is not None:
                new_urls.setdefault(key, new_url)
            alias = links.alias_of(old, config.base_path)
            if alias is None and "?" in old:
                site.notes.warn(
                    "an old URL with a query (?p=12) that a static site cannot redirect",
                    planned.item.place,
                    "redirect it on the host (a rewrite rule on the query), or keep the link",
                )
            if alias is None or alias == planned.url or alias in planned.aliases:
                continue
            if alias in claimed:
                site.notes.warn(
                    "an old URL claimed by two articles, kept for the first",
                    planned.item.place,
                    "add the alias to the right article by hand",
                )
                continue
            claimed.add(alias)
            planned.aliases.append(alias)
    for planned in result.planned:
        body, count = links.rewrite(planned.item.body, new_urls, site.old_hosts)
        planned.item.body = body
        for _ in range(count):
            site.notes.convert("a link to an old post → its new URL", planned.item.place)


def _when(value: datetime | date | None) -> str | date | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime) else value


def render(planned: Planned) -> str:
    """The file of one article or page, in this site's own front matter."""
    item = planned.item
    if item.kind == "page":
        return front_matter.dump({"title": item.title, "slug": planned.slug}, item.body)
    meta: dict[str, Any] = {
        "title": item.title,
        "date": _when(item.date),
        "updated": _when(item.updated) if item.updated and item.updated != item.date else None,
        "expires": _when(item.expires),
        "slug": planned.slug,
        "section": item.section or None,
        "tags": list(item.tags) or None,
        "author": (item.authors[0] if len(item.authors) == 1 else list(item.authors)) or None,
        "summary": item.summary or None,
        "image": item.image or None,
        "image_alt": (item.image_alt or item.title) if item.image else None,
        "draft": item.draft or None,
        "pinned": item.pinned or None,
        "aliases": planned.aliases or None,
        "id": item.id,
    }
    return front_matter.dump({k: v for k, v in meta.items() if v is not None}, item.body)
