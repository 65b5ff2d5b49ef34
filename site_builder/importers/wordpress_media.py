"""WordPress uploads with --media: the files the posts use, found in a copy of
wp-content/uploads, copied to the same path under the content folder (so their old URLs
keep working) and linked there; the others stay absolute URLs, with a warning."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .migrated import Imported, Media, SourceSite

UPLOADS = "/wp-content/uploads/"


def local_media(found: Imported, media: Path, site: SourceSite) -> str:
    """Uploads found in the --media copy: copied to /wp-content/uploads/… and linked there."""
    copies: list[Media] = []
    body = found.body
    urls = [found.image] if found.image else []
    urls += [u for u in _upload_urls(body) if u not in urls]
    for url in urls:
        path = urlsplit(url).path
        relative = unquote(path.split(UPLOADS, 1)[1])
        source = media / relative
        if not source.is_file():
            site.notes.warn(
                "an upload not in the --media folder, kept as its URL",
                found.place,
                f"copy {relative} into {media}, then import again with --update",
            )
            continue
        copies.append(Media(source, "wp-content/uploads/" + relative))
        rooted = UPLOADS + relative
        body = body.replace(url, rooted)
        if found.image == url:
            found.image = rooted
    found.media = tuple(copies)
    return body


_UPLOAD_URL = re.compile(r"https?://[^\s)\"'<>]*" + UPLOADS + r"[^\s)\"'<>]+")


def _upload_urls(body: str) -> list[str]:
    return list(dict.fromkeys(_UPLOAD_URL.findall(body)))
