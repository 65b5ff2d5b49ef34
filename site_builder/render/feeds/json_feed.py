"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), through the json module."""

from __future__ import annotations

from ..seo import safe_json
from .entries import Entry, Feed


def json_feed(feed: Feed, entries: list[Entry], contents: dict[str, str]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for entry in entries:
        item: dict[str, object] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "date_published": entry.published.isoformat(),
            "date_modified": entry.updated.isoformat(),
            "tags": list(entry.categories),
            "language": feed.language,
        }
        if entry.id in contents:
            item["content_html"] = contents[entry.id]
        else:
            item["content_text"] = entry.summary
        if entry.image is not None:
            item["image"] = entry.image.url
        if entry.authors:
            item["authors"] = [{"name": name} for name in entry.authors]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": feed.url_of("json"),
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.publisher, "url": feed.home}],
        "items": items,
    }
    if feed.hub:
        document["hubs"] = [{"type": "WebSub", "url": feed.hub}]
    if feed.logo:
        document["icon"] = document["favicon"] = feed.logo
    return safe_json(document, indent=1).encode("utf-8") + b"\n"
