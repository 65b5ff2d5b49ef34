"""`--from jekyll DIR`: a Jekyll site's _posts/ and _drafts/ — dates and slugs from the file
names, tags and categories as Jekyll splits them, the old URL from the permalink style, the
feed id jekyll-feed gave each post, images under assets/ copied."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import markdown
import yaml

from ..config import Config
from . import links, liquid
from .foreign_front_matter import Parsed, read_text, split, text_of, when
from .html_markdown import plain_text, to_markdown
from .migrated import Imported, Media, OldFeed, Place, SourceSite

_POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.+)$")
_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mkdown", ".html", ".htm")
_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_ROOTED = re.compile(r"(?:!\[[^\]]*\]\(|src=[\"'])(/assets/[^)\s\"']+)")


@dataclass
class _Post:
    path: Path
    parsed: Parsed
    meta: dict[str, Any]
    name: str  # the file name without its extension: '2024-01-02-khabar'
    slug: str
    when: datetime | date | None
    categories: list[str]
    tags: list[str]
    url: str
    draft: bool
    tz: ZoneInfo


def _words(value: Any, split_words: bool) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [text_of(v) for v in value if text_of(v)]
    return text_of(value).split() if split_words else [text_of(value)]


def _pluralized(meta: dict[str, Any], singular: str, plural: str) -> list[str]:
    """Jekyll's rule: the singular key wins and is one name; the plural, a string, is split."""
    if meta.get(singular) not in (None, ""):
        return _words(meta[singular], False)
    return _words(meta.get(plural), True)


def read(sources: list[str], config: Config, media: Path | None) -> SourceSite:
    site = SourceSite("jekyll", "")
    for source in sources:
        _read_site(Path(source), site)
    return site


def _read_site(root: Path, site: SourceSite) -> None:
    try:
        settings = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        settings = {}
    except (OSError, yaml.YAMLError) as error:
        site.notes.error(
            Place(str(root / "_config.yml")),
            f"_config.yml does not parse: {error}",
            "fix it so that Jekyll itself reads it",
        )
        return
    url, baseurl = (
        text_of(settings.get("url")).rstrip("/"),
        text_of(settings.get("baseurl")).rstrip("/"),
    )
    site.old_base = site.old_base or url + baseurl
    site.old_hosts |= links.hosts_of(url)
    try:
        tz = ZoneInfo(text_of(settings.get("timezone")) or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    style = text_of(settings.get("permalink")) or "date"
    posts: list[_Post] = []
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in _EXTENSIONS
        and any(part in ("_posts", "_drafts") for part in p.relative_to(root).parts)
        and "_site" not in p.relative_to(root).parts
    )
    for path in files:
        site.files_read += 1
        post = _post(path, root, style, baseurl, tz, site)
        if post is not None:
            posts.append(post)
    by_name = {p.name: p for p in posts}
    by_path = {p.path.relative_to(root).as_posix(): p for p in posts}
    for post in posts:
        site.items.append(_item(post, root, url, baseurl, by_name, by_path, site))
    _feeds(settings, posts, site)


def _post(
    path: Path, root: Path, style: str, baseurl: str, tz: ZoneInfo, site: SourceSite
) -> _Post | None:
    text = read_text(path)
    if isinstance(text, tuple):
        site.notes.error(Place(str(path), text[0]), text[1], "save it as UTF-8 text")
        return None
    parsed = split(text)
    if isinstance(parsed, str):
        site.notes.error(Place(str(path), 1), parsed, "fix the front matter so Jekyll reads it")
        return None
    meta = parsed.data
    parts = path.relative_to(root).parts
    drafts = "_drafts" in parts
    name = path.stem
    matched = _POST_NAME.match(name)
    slug = text_of(meta.get("slug")) or (matched.group(2) if matched else name)
    published = when(meta.get("date"), tz) or (when(matched.group(1), tz) if matched else None)
    above = parts[: parts.index("_drafts" if drafts else "_posts")]
    categories = list(dict.fromkeys(list(above) + _pluralized(meta, "category", "categories")))
    post = _Post(
        path,
        parsed,
        meta,
        name,
        slug,
        published,
        categories,
        _pluralized(meta, "tag", "tags"),
        "",
        drafts or meta.get("published") is False,
        tz,
    )
    post.url = baseurl + _url(post, style, path.suffix)
    return post


def _url(post: _Post, style: str, suffix: str) -> str:
    """The post's old URL path (without baseurl), as Jekyll made it."""
    template = text_of(post.meta.get("permalink")) or _STYLES.get(style, style)
    day = post.when or date(1970, 1, 1)
    values = {
        "categories": "/".join(c.lower() for c in post.categories),
        "year": f"{day.year:04d}",
        "month": f"{day.month:02d}",
        "day": f"{day.day:02d}",
        "i_month": str(day.month),
        "i_day": str(day.day),
        "short_year": f"{day.year % 100:02d}",
        "y_day": f"{day.timetuple().tm_yday:03d}",
        "title": post.slug,
        "slug": post.slug,
        "output_ext": ".html" if suffix != ".html" else ".html",
    }
    path = re.sub(r":(\w+)", lambda m: values.get(m.group(1), m.group(0)), template)
    return re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))


def _feed_id(post: _Post, url: str) -> str:
    """jekyll-feed's entry id: absolute_url(File.dirname(url) + '/' + slug)."""
    if text_of(post.meta.get("id")):
        return text_of(post.meta.get("id"))
    folder = post.url.rstrip("/").rsplit("/", 1)[0]
    return url + quote(f"{folder}/{post.slug}", safe="/-_.~")


def _item(
    post: _Post,
    root: Path,
    url: str,
    baseurl: str,
    by_name: dict[str, _Post],
    by_path: dict[str, _Post],
    site: SourceSite,
) -> Imported:
    place = Place(str(post.path), post.parsed.body_line)
    context = liquid.Context(
        place,
        site.notes,
        url + baseurl,
        baseurl,
        lambda name: by_name[name].url if name in by_name else None,
        lambda path: (
            by_path[path].url
            if path in by_path
            else (baseurl + "/" + path if (root / path).is_file() else None)
        ),
    )
    body = liquid.convert(post.parsed.body, context)
    if baseurl:  # files under assets/ are copied to the content folder's root
        body = body.replace(f"({baseurl}/assets/", "(/assets/").replace(
            f'src="{baseurl}/assets/', 'src="/assets/'
        )
    body = re.sub(r"\n{3,}", "\n\n", body)
    if post.path.suffix.lower() in (".html", ".htm"):
        body = to_markdown(body, site.notes, place)
    meta = post.meta
    image = meta.get("image")
    image = text_of(image.get("path")) if isinstance(image, dict) else text_of(image)
    excerpt = text_of(meta.get("excerpt") or meta.get("description"))
    redirects = [text_of(r) for r in _words(meta.get("redirect_from"), False)]
    item = Imported(
        "article",
        Place(str(post.path), 1),
        text_of(meta.get("title")) or _titleize(post.slug),
        body.strip() + "\n",
        date=post.when,
        slug=post.slug,
        id=_feed_id(post, url),
        # A draft or an unpublished post never had a URL of its own.
        old_urls=((post.url,) if not post.draft else ())
        + tuple(baseurl + "/" + r.lstrip("/") for r in redirects),
        updated=when(meta.get("last_modified_at") or meta.get("updated"), post.tz),
        tags=tuple(dict.fromkeys(post.categories[1:] + post.tags)),
        section=post.categories[0] if post.categories else "",
        summary=plain_text(markdown.markdown(excerpt)) if excerpt else "",
        authors=tuple(_words(meta.get("author") or (meta.get("authors") or [None])[0], False)),
        draft=post.draft,
        image=image,
        image_alt=text_of(meta.get("image_alt")),
    )
    item.media = _assets(root, item)
    return item


def _assets(root: Path, item: Imported) -> tuple[Media, ...]:
    """The files under assets/ the body or the lead image uses, copied to the same path."""
    rooted = _ROOTED.findall(item.body) + (
        [item.image] if item.image.startswith("/assets/") else []
    )
    return tuple(
        Media(root / p.lstrip("/"), p.lstrip("/"))
        for p in dict.fromkeys(rooted)
        if (root / p.lstrip("/")).is_file()
    )


def _titleize(slug: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in slug.split("-"))


def _feeds(settings: dict[str, Any], posts: list[_Post], site: SourceSite) -> None:
    feed = settings.get("feed") if isinstance(settings.get("feed"), dict) else {}
    site.feeds.append(OldFeed(text_of(feed.get("path")) or "feed.xml", "home"))
    for category in _words(feed.get("categories"), True):
        kind = "section" if any(p.categories[:1] == [category] for p in posts) else "tag"
        site.feeds.append(OldFeed(f"feed/{category}.xml", kind, category))
    if feed.get("tags"):
        for tag in sorted({t for p in posts for t in p.tags}):
            site.feeds.append(OldFeed(f"feed/by_tag/{tag}.xml", "tag", tag))
