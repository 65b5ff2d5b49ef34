"""Lead images: a file inside the content folder (sized, with smaller copies) or a URL."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from ..problems import Problem

WIDTHS = (480, 960)  # the copies for srcset, for phones and for wide screens


@dataclass(frozen=True)
class LeadImage:
    """What a page and a feed need to know of an article's lead image."""

    alt: str
    url: str = ""  # an absolute URL given by the author, else ""
    source: Path | None = None  # the local file, else None
    name: str = ""  # the file name under the article's folder
    width: int = 0
    height: int = 0
    media_type: str = ""
    size: int = 0  # bytes, for the RSS enclosure
    digest: str = ""

    @property
    def local(self) -> bool:
        return self.source is not None

    def variants(self) -> list[tuple[str, int, int]]:
        """(name, width, height) of each smaller copy, narrowest first."""
        stem, _, ext = self.name.rpartition(".")
        return [
            (f"{stem}-{w}w.{ext}", w, round(self.height * w / self.width))
            for w in WIDTHS
            if w < self.width
        ]


_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}


# The image types feeds announce, by the extension of a remote file's URL (a fixed
# table: the platform's mimetypes would make the output depend on the machine).
_TYPES_BY_EXTENSION = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "svg": "image/svg+xml",
}


def type_of_url(url: str) -> str:
    """The media type an image URL's extension names ("" when it names none)."""
    path = urlsplit(url).path
    extension = path.rsplit(".", 1)[1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return _TYPES_BY_EXTENSION.get(extension, "")


def inspect(
    image: str, alt: str, article_file: Path, content_dir: Path, shown: str, line: int
) -> LeadImage | Problem:
    """Check an article's `image` and read a local file's size and type."""
    if image.startswith(("https://", "http://")):
        return LeadImage(alt=alt, url=image)
    if "://" in image or image.startswith(("data:", "javascript:")):
        return Problem(
            shown,
            line,
            f"the image {image!r} is neither a file nor an http(s) URL",
            "image: images/photo.jpg (inside the content folder) or https://…",
        )
    base = content_dir if image.startswith("/") else article_file.parent
    path = (base / image.lstrip("/")).resolve()
    if content_dir.resolve() not in path.parents:
        return Problem(
            shown,
            line,
            f"the image {image!r} is outside the content folder",
            "put the image inside the content folder and give its path from the article",
        )
    if not path.is_file():
        return Problem(
            shown,
            line,
            f"the image file {image!r} does not exist ({path})",
            "check the path: it is relative to the article's own folder",
        )
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as opened:
            kind, (width, height) = opened.format, opened.size
    except (UnidentifiedImageError, OSError):
        return Problem(
            shown,
            line,
            f"the image {image!r} is not a picture Pillow can read",
            "use a JPEG, PNG, WebP or GIF file",
        )
    if kind not in _TYPES:
        return Problem(
            shown,
            line,
            f"the image {image!r} is a {kind} file",
            "use a JPEG, PNG, WebP or GIF file",
        )
    media_type, ext = _TYPES[kind]
    name = path.name if path.suffix else f"{path.name}.{ext}"
    return LeadImage(
        alt=alt,
        source=path,
        name=name,
        width=width,
        height=height,
        media_type=media_type,
        size=len(data),
        digest=hashlib.blake2b(data, digest_size=16).hexdigest(),
    )
