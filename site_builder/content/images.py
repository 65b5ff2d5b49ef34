"""Images: reading a local picture file, and an article's lead image (a file or a URL)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from ..problems import Problem
from .files import Stamp, file_stamp

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
        return variants_of(self.name, self.width, self.height, self.media_type)


_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Picture:
    """A local image file as read: its size in pixels, type, bytes and digest."""

    source: Path
    width: int
    height: int
    media_type: str
    extension: str
    size: int
    digest: str


def variants_of(name: str, width: int, height: int, media_type: str) -> list[tuple[str, int, int]]:
    """(name, width, height) of each smaller copy of an image, narrowest first."""
    if media_type == SVG or not width:
        return []
    stem, _, ext = name.rpartition(".")
    return [(f"{stem}-{w}w.{ext}", w, round(height * w / width)) for w in WIDTHS if w < width]


@dataclass(frozen=True)
class BodyImage:
    """A local image a body shows, and where its copies go."""

    source: Path
    name: str  # its output path: from the article's folder, or from the site's root if rooted
    rooted: bool
    width: int
    height: int
    media_type: str
    size: int
    digest: str

    def variants(self) -> list[tuple[str, int, int]]:
        """(name, width, height) of each smaller copy, narrowest first (none for a GIF,
        whose frames a copy would lose, or an SVG)."""
        if self.media_type == "image/gif":
            return []
        return variants_of(self.name, self.width, self.height, self.media_type)


def read_picture(path: Path, svg: bool = False) -> tuple[Picture, Stamp | None] | str:
    """The picture at path and its stamp (taken before the read), or what is wrong with
    it. An SVG file (when `svg`) has no size in pixels and no smaller copies."""
    stamp = file_stamp(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read: {error.strerror}"
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if svg and path.suffix.lower() == ".svg":
        return Picture(path, 0, 0, SVG, "svg", len(data), digest), stamp
    try:
        with Image.open(io.BytesIO(data)) as opened:
            kind, (width, height) = opened.format, opened.size
    except (UnidentifiedImageError, OSError):
        return "is not a picture Pillow can read"
    if kind not in _TYPES:
        return f"is a {kind} file"
    media_type, ext = _TYPES[kind]
    return Picture(path, width, height, media_type, ext, len(data), digest), stamp


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
) -> tuple[LeadImage, Stamp | None] | Problem:
    """Check an article's `image` and read a local file's size and type (with its stamp,
    None for a URL)."""
    if image.startswith(("https://", "http://")):
        return LeadImage(alt=alt, url=image), None
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
    read = read_picture(path)
    if isinstance(read, str):
        return Problem(
            shown, line, f"the image {image!r} {read}", "use a JPEG, PNG, WebP or GIF file"
        )
    picture, stamp = read
    name = path.name if path.suffix else f"{path.name}.{picture.extension}"
    lead = LeadImage(
        alt=alt,
        source=path,
        name=name,
        width=picture.width,
        height=picture.height,
        media_type=picture.media_type,
        size=picture.size,
        digest=picture.digest,
    )
    return lead, stamp
