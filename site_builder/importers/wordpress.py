"""`--from wordpress EXPORT.xml`: a WXR export (Tools → Export) read with lxml, entities
never resolved: posts become articles, pages static pages, attachments the images they
refer to; the guid is the feed id and the old permalink an alias."""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..config import Config
from . import links, wordpress_body, wordpress_media
from .foreign_front_matter import when
from .html_markdown import plain_text
from .migrated import Imported, OldFeed, Place, SourceSite
from .wordpress_body import Attachment

_DRAFT = {"draft", "pending", "private"}
_UNCATEGORIZED = {"uncategorized", "غير-مصنف"}


# Namespaces by what their URI holds, whatever its version (1.0, 1.1, 1.2) or scheme.
_NAMESPACES = {
    "wp": lambda ns: "wordpress.org/export/" in ns and not ns.rstrip("/").endswith("excerpt"),
    "excerpt": lambda ns: ns.rstrip("/").endswith("excerpt"),
    "content": lambda ns: "purl.org/rss/1.0/modules/content" in ns,
    "dc": lambda ns: "purl.org/dc/elements" in ns,
    "": lambda ns: not ns,
}


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    """The children named `name` ('wp:postmeta', 'category'), comments skipped."""
    prefix, _, local = name.rpartition(":")
    wanted = _NAMESPACES[prefix]
    found = []
    for child in element:
        if isinstance(child.tag, str):
            qname = etree.QName(child)
            if qname.localname == local and wanted(qname.namespace or ""):
                found.append(child)
    return found


def _local(element: etree._Element, name: str) -> str:
    """The text of the first child named `name` ('wp:post_id', 'title'), stripped."""
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _parse(path: Path, site: SourceSite) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        recovering = etree.XMLParser(
            resolve_entities=False, huge_tree=True, recover=True, no_network=True
        )
        root = etree.parse(str(path), recovering).getroot()
        if root is None:
            site.notes.error(
                Place(str(path), error.lineno),
                f"the export is not XML: {error.msg}",
                "export again from Tools → Export, or repair the line",
            )
            return None
        site.notes.warn(
            f"the export is broken XML ({error.msg}); what could be read was read",
            Place(str(path), error.lineno),
            "check the imported articles",
        )
        return root


def read(sources: list[str], config: Config, media: Path | None) -> SourceSite:
    site = SourceSite("wordpress", "")
    for source in sources:
        path = Path(source)
        root = _parse(path, site)
        site.files_read += 1
        if root is None:
            continue
        channel = root.find("channel")
        if channel is None:
            site.notes.error(Place(str(path), 1), "the export has no <channel>", "export again")
            continue
        _read_channel(channel, str(path), config, media, site)
    return site


def _read_channel(
    channel: etree._Element, file: str, config: Config, media: Path | None, site: SourceSite
) -> None:
    base = _local(channel, "wp:base_blog_url") or _local(channel, "link")
    site.old_base = site.old_base or base
    site.old_hosts |= links.hosts_of(base, _local(channel, "wp:base_site_url"))
    authors = {
        _local(a, "wp:author_login"): _local(a, "wp:author_display_name")
        for a in _children(channel, "wp:author")
    }
    for category in _children(channel, "wp:category"):
        name = html.unescape(_local(category, "wp:cat_name"))
        if name:
            site.sections[name] = (name, _local(category, "wp:category_description"))
    items = channel.findall("item")
    attachments = {
        _local(i, "wp:post_id"): _attachment(i)
        for i in items
        if _local(i, "wp:post_type") == "attachment"
    }
    reusable = {
        _local(i, "wp:post_id"): _local(i, "content:encoded")
        for i in items
        if _local(i, "wp:post_type") == "wp_block"
    }
    site.feeds.append(OldFeed("feed/", "home"))
    for item in items:
        kind = _local(item, "wp:post_type")
        place = Place(file, item.sourceline)
        if kind not in ("post", "page"):
            if kind not in ("attachment", "wp_block"):
                site.notes.warn(f"a '{kind}' item skipped (not a post or a page)", place)
            continue
        status = _local(item, "wp:status")
        if status in ("trash", "auto-draft", "inherit"):
            site.notes.warn(f"a post in '{status}' skipped", place)
            continue
        export = _Export(authors, attachments, reusable, config, media)
        site.items.append(_item(item, kind, place, export, site))


def _attachment(item: etree._Element) -> Attachment:
    alt = ""
    for meta in _children(item, "wp:postmeta"):
        if _local(meta, "wp:meta_key") == "_wp_attachment_image_alt":
            alt = _local(meta, "wp:meta_value")
    return Attachment(
        _local(item, "wp:attachment_url"),
        alt or html.unescape(_local(item, "title")),
        _local(item, "excerpt:encoded"),
        _local(item, "wp:post_parent"),
    )


def _date(item: etree._Element, gmt: str, local: str, config: Config) -> datetime | None:
    """The GMT date with the site's offset then (local − GMT), else the local one."""
    utc = when(_local(item, gmt), UTC)
    there = when(_local(item, local), config.tz)
    if isinstance(utc, datetime) and isinstance(there, datetime):
        offset = there.replace(tzinfo=None) - utc.replace(tzinfo=None)
        if abs(offset) <= timedelta(hours=14):
            return utc.astimezone(timezone(offset))
        return utc
    return there if isinstance(there, datetime) else None


@dataclass(frozen=True)
class _Export:
    """What every item of one export is read with."""

    authors: dict[str, str]  # login → display name
    attachments: dict[str, Attachment]  # post id → the file
    reusable: dict[str, str]  # a reusable block's id → its content
    config: Config
    media: Path | None


def _item(
    item: etree._Element, kind: str, place: Place, export: _Export, site: SourceSite
) -> Imported:
    post_id = _local(item, "wp:post_id")
    content_line = next((c.sourceline for c in _children(item, "content:encoded")), place.line)
    raw = wordpress_body.inline_reusable(
        _local(item, "content:encoded"), export.reusable, place, site.notes
    )
    teaser, content = wordpress_body.split_more(raw)
    body = wordpress_body.convert(
        content, Place(place.file, content_line), post_id, export.attachments, site.notes
    )
    status = _local(item, "wp:status")
    title = html.unescape(_local(item, "title")) or plain_text(content)[:80] or post_id
    published = _date(item, "wp:post_date_gmt", "wp:post_date", export.config)
    updated = _date(item, "wp:post_modified_gmt", "wp:post_modified", export.config)
    section, tags = _terms(item, site)
    link = _local(item, "link")
    found = Imported(
        "article" if kind == "post" else "page",
        place,
        title.strip(),
        body,
        date=published,
        slug=unicodedata.normalize("NFC", unquote(_local(item, "wp:post_name"))),
        id=_local(item, "guid"),
        # A draft's link (?p=12) was never public; a published post's is its old URL.
        old_urls=(link,) if link and (status not in _DRAFT or "?" not in link) else (),
        updated=updated if updated and published and updated > published else None,
        tags=tags,
        section=section,
        summary=plain_text(_local(item, "excerpt:encoded") or teaser) or _meta(item, _SEO),
        authors=tuple(
            a
            for a in (export.authors.get(_local(item, "dc:creator")) or _local(item, "dc:creator"),)
            if a
        ),
        draft=status in _DRAFT or bool(_local(item, "wp:post_password")),
        pinned=_local(item, "wp:is_sticky") == "1",
    )
    _featured(found, item, export.attachments, site)
    if kind == "page" and link and links.alias_of(link, "/") not in (None, f"{found.slug}/"):
        site.notes.warn(
            "a page's old URL that its new one (/SLUG/) does not keep",
            place,
            "pages have no aliases: add a redirect on the host, or give the page that slug",
        )
    if export.media is not None:
        found.body = wordpress_media.local_media(found, export.media, site)
    return found


def _terms(item: etree._Element, site: SourceSite) -> tuple[str, tuple[str, ...]]:
    """The section (the first category but the default one) and the tags (the other
    categories, then the tags); each one's old feed noted."""
    categories = [
        (html.unescape(c.text or "").strip(), unquote(c.get("nicename", "")))
        for c in item.findall("category")
        if c.get("domain") == "category"
    ]
    named = [(name, nice) for name, nice in categories if nice not in _UNCATEGORIZED]
    tags = [
        (html.unescape(c.text or "").strip(), unquote(c.get("nicename", "")))
        for c in item.findall("category")
        if c.get("domain") == "post_tag"
    ]
    for number, (name, nice) in enumerate(named):
        kind = "section" if number == 0 else "tag"
        site.feeds.append(OldFeed(f"category/{nice}/feed/", kind, name))
    for name, nice in tags:
        site.feeds.append(OldFeed(f"tag/{nice}/feed/", "tag", name))
    names = [name for name, _ in named[1:] + tags if name]
    return (named[0][0] if named else ""), tuple(dict.fromkeys(names))


_SEO = ("_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description")


def _meta(item: etree._Element, keys: tuple[str, ...]) -> str:
    """The first of these postmeta values the post has ("" when none)."""
    values = {
        _local(m, "wp:meta_key"): _local(m, "wp:meta_value") for m in _children(item, "wp:postmeta")
    }
    return next((values[k] for k in keys if values.get(k)), "")


def _featured(
    found: Imported, item: etree._Element, attachments: dict[str, Attachment], site: SourceSite
) -> None:
    for meta in _children(item, "wp:postmeta"):
        if _local(meta, "wp:meta_key") == "_thumbnail_id":
            attachment = attachments.get(_local(meta, "wp:meta_value"))
            if attachment is None:
                site.notes.warn("a featured image not in the export, left out", found.place)
                return
            found.image, found.image_alt = attachment.url, attachment.alt or found.title
            site.notes.convert("featured image → image", found.place)
