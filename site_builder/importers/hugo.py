"""`--from hugo DIR`: a Hugo site's content (YAML, TOML or JSON front matter, page bundles
with their resources, `_index.md` section files) with its old URLs (the config's
permalinks, `slug`, `url`, `aliases`) and its feed ids (the old permalinks)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import markdown
import yaml

from ..config import Config
from . import hugo_shortcodes, links
from .foreign_front_matter import Parsed, lower_keys, read_text, split, text_of, when
from .html_markdown import plain_text
from .hugo_config import site_config
from .migrated import Imported, Media, OldFeed, Place, SourceSite

_MARKDOWN = (".md", ".markdown")
_MORE = re.compile(r"<!--\s*more\s*-->")
_TOKEN = re.compile(r":(\w+)")


@dataclass
class _Page:
    """One content file, read: what its URL and its links need before its body."""

    path: Path
    place: Place
    parsed: Parsed
    meta: dict[str, Any]
    section: str
    slug: str
    old_url: str
    bundle: bool


def read(sources: list[str], config: Config, media: Path | None) -> SourceSite:
    site = SourceSite("hugo", "")
    for source in sources:
        root = Path(source)
        _read_site(root, config, site)
    return site


def _read_site(root: Path, config: Config, site: SourceSite) -> None:
    try:
        settings = site_config(root)
    except (OSError, ValueError, tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        site.notes.error(
            Place(str(root)),
            f"the Hugo config does not parse: {error}",
            "fix hugo.toml (or config.toml) so that Hugo itself reads it",
        )
        return
    base = str(settings.get("baseurl", "")).rstrip("/")
    site.old_base = site.old_base or base
    site.old_hosts |= links.hosts_of(base)
    try:
        tz = ZoneInfo(str(settings.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    content = root / str(settings.get("contentdir", "content"))
    pages: list[_Page] = []
    for path in sorted(content.rglob("*")):
        if not path.is_file():
            continue
        site.files_read += 1
        relative = path.relative_to(content)
        place = Place(str(path))
        if path.suffix.lower() not in _MARKDOWN:
            if not _is_resource(path):
                site.notes.warn(
                    f"a {path.suffix or 'file'} content file not imported",
                    place,
                    "only Markdown content is imported; convert it by hand",
                )
            continue
        text = read_text(path)
        if isinstance(text, tuple):
            site.notes.error(Place(str(path), text[0]), text[1], "save it as UTF-8 text")
            continue
        parsed = split(text)
        if isinstance(parsed, str):
            site.notes.error(Place(str(path), 1), parsed, "fix the front matter so Hugo reads it")
            continue
        meta = lower_keys(parsed.data)
        meta |= {k: v for k, v in lower_keys(meta.get("params") or {}).items() if k not in meta}
        if path.name.startswith("_index."):
            _section_file(relative, meta, site)
            continue
        if path.name.startswith("index.") and relative.parent != Path("."):
            slug_default = relative.parent.name
        elif (path.parent / "index.md").is_file() or (path.parent / "index.markdown").is_file():
            continue  # a page bundle's Markdown resource, not a page
        else:
            slug_default = path.stem
        pages.append(_page(path, relative, place, parsed, meta, slug_default, settings, base))
    by_file = {p.path.relative_to(content).as_posix(): p for p in pages}
    site.feeds.append(OldFeed("index.xml", "home"))
    for page in pages:
        item = _item(page, by_file, settings, tz, site)
        item.media += _static(root, item)
        site.items.append(item)
        if item.kind == "article":
            _feeds(site, settings, page)


def _is_resource(path: Path) -> bool:
    return any((p / "index.md").is_file() for p in path.parents[:3])


def _section_file(relative: Path, meta: dict[str, Any], site: SourceSite) -> None:
    if relative.parent == Path("."):
        return  # the home page's _index.md
    section = relative.parts[0]
    site.sections[section] = (text_of(meta.get("title")), text_of(meta.get("description")))


def _page(
    path: Path,
    relative: Path,
    place: Place,
    parsed: Parsed,
    meta: dict[str, Any],
    slug_default: str,
    settings: dict[str, Any],
    base: str,
) -> _Page:
    section = relative.parts[0] if len(relative.parts) > 1 else ""
    slug = text_of(meta.get("slug")) or slug_default
    url = text_of(meta.get("url"))
    if not url:
        url = _permalink(settings, section, slug, meta, slug_default)
    if not settings.get("disablepathtolower"):
        url = url.lower()
    if not url.startswith("/"):
        url = "/" + url
    bundle = path.name.startswith("index.") and len(relative.parts) > 1
    return _Page(path, place, parsed, meta, section, slug, url, bundle)


def _permalink(
    settings: dict[str, Any], section: str, slug: str, meta: dict[str, Any], filename: str
) -> str:
    patterns = lower_keys(settings.get("permalinks") or {})
    pattern = patterns.get(section)
    if isinstance(patterns.get("page"), dict):
        pattern = lower_keys(patterns["page"]).get(section, pattern)
    if not isinstance(pattern, str):
        return f"/{section}/{slug}/" if section else f"/{slug}/"
    published = when(meta.get("date") or meta.get("publishdate"), UTC)
    values = {
        "year": f"{published.year:04d}" if published else "",
        "month": f"{published.month:02d}" if published else "",
        "day": f"{published.day:02d}" if published else "",
        "section": section,
        "sections": section,
        "slug": slug,
        "title": text_of(meta.get("slug")) or _urlize(text_of(meta.get("title"))),
        "filename": filename,
        "contentbasename": filename,
        "slugorfilename": slug,
        "slugorcontentbasename": slug,
    }
    return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)


def _urlize(title: str) -> str:
    return re.sub(r"[^\w]+", "-", unicodedata.normalize("NFC", title)).strip("-").lower()


def _item(
    page: _Page, by_file: dict[str, _Page], settings: dict[str, Any], tz: ZoneInfo, site: SourceSite
) -> Imported:
    meta = page.meta
    teaser = _MORE.split(page.parsed.body, 1)
    body = _body(page, by_file, settings, site)
    published = when(
        meta.get("publishdate") or meta.get("pubdate") or meta.get("published") or meta.get("date"),
        tz,
    )
    updated = when(meta.get("lastmod") or meta.get("modified"), tz)
    aliases = [str(a) for a in _listed(meta.get("aliases"))]
    directory = page.old_url.rsplit("/", 2)[0] + "/" if page.old_url.endswith("/") else "/"
    old = [page.old_url] + [a if a.startswith("/") else directory + a for a in aliases]
    images = _listed(meta.get("images")) or _listed(meta.get("image"))
    cover = meta.get("cover") if isinstance(meta.get("cover"), dict) else {}
    image = text_of(images[0]) if images else text_of(cover.get("image"))
    authors = _listed(meta.get("authors")) or _listed(meta.get("author"))
    return Imported(
        "article" if page.section else "page",
        page.place,
        text_of(meta.get("title")) or page.slug,
        body,
        date=published,
        slug=page.slug,
        id=text_of(settings.get("baseurl")).rstrip("/") + page.old_url,
        old_urls=tuple(old),
        updated=updated if updated and published and updated > published else None,
        expires=when(meta.get("expirydate") or meta.get("unpublishdate"), tz),
        tags=tuple(
            dict.fromkeys(
                text_of(t) for t in _listed(meta.get("tags")) + _listed(meta.get("categories"))
            )
        ),
        section=page.section,
        summary=text_of(meta.get("summary") or meta.get("description"))
        or (plain_text(markdown.markdown(teaser[0])) if len(teaser) > 1 else ""),
        authors=tuple(text_of(a) for a in authors if text_of(a)),
        draft=meta.get("draft") is True or text_of(meta.get("draft")) == "true",
        image=image,
        image_alt=text_of(cover.get("alt")) or text_of(meta.get("title")),
        media=_resources(page),
        bundle=page.bundle,
    )


def _body(
    page: _Page, by_file: dict[str, _Page], settings: dict[str, Any], site: SourceSite
) -> str:
    """The page's body with its shortcodes converted; a ref resolved to the old URL of the
    page it names (rewritten to the new URL with the other links)."""

    def resolve(ref: str) -> str | None:
        ref = ref.strip().lstrip("/").split("#")[0]
        here = page.path.parent.name if page.bundle else ""
        for prefix in ("", f"{page.section}/", f"{page.section}/{here}/"):
            for suffix in ("", ".md", "/index.md", ".markdown"):
                if prefix + ref + suffix in by_file:
                    return by_file[prefix + ref + suffix].old_url
        site.notes.warn(
            f"a ref to '{ref}', which is not in the content, kept as it was", page.place
        )
        return ref

    context = hugo_shortcodes.Context(
        Place(page.place.file, page.parsed.body_line),
        site.notes,
        resolve,
        {**lower_keys(settings.get("params") or {}), **page.meta},
    )
    return hugo_shortcodes.convert(_MORE.sub("", page.parsed.body), context).strip() + "\n"


def _listed(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _resources(page: _Page) -> tuple[Media, ...]:
    if not page.bundle:
        return ()
    folder = page.path.parent
    return tuple(
        Media(p, p.relative_to(folder).as_posix(), beside_article=True)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p != page.path and p.suffix.lower() not in _MARKDOWN
    )


def _feeds(site: SourceSite, settings: dict[str, Any], page: _Page) -> None:
    """The old feeds this page was in: its section's and each of its terms'."""
    if page.section:
        site.feeds.append(OldFeed(f"{page.section}/index.xml", "section", page.section))
    taxonomies = lower_keys(settings.get("taxonomies") or {"tag": "tags", "category": "categories"})
    for plural in (str(v).lower() for v in taxonomies.values()):
        for term in _listed(page.meta.get(plural)):
            site.feeds.append(
                OldFeed(f"{plural}/{_urlize(text_of(term))}/index.xml", "tag", text_of(term))
            )


_ROOTED_IMAGE = re.compile(r"!\[[^\]]*\]\((/[^)\s]+)")


def _static(root: Path, item: Imported) -> tuple[Media, ...]:
    """Images the body or the lead image takes from the site's static/ folder."""
    paths = _ROOTED_IMAGE.findall(item.body) + ([item.image] if item.image.startswith("/") else [])
    found = []
    for path in dict.fromkeys(paths):
        source = root / "static" / path.lstrip("/")
        if source.is_file():
            found.append(Media(source, path.lstrip("/")))
    return tuple(found)
