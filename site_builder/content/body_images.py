"""Images in a body: each local file found, read, and given what the lead image has.

An `<img>` whose address is a file (Markdown's `![…](images/a.jpg)` or raw HTML)
is looked up relative to the article's own folder, or, when it starts with `/`
(`/assets/img/a.jpg`, as Jekyll sites write), under the content folder. A file
beside the article (or below its folder) is copied under the article's URL at the
same relative path, so the address works on the page as written; any other file
of the content folder is copied once, at its path from the content folder's root,
so an old site's rooted URLs keep working (and the link gets the site's path).
The tag gets the file's width and height, smaller copies in `srcset`, lazy
loading and async decoding. A file that is not there is an error with the line
that names it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import unquote

from ..layout import is_own
from ..problems import Problem
from ..text.slugs import url_quote
from .facades import attributes
from .files import Stamp
from .images import BodyImage, read_picture

# The article column's width (the theme's .article max-inline-size, 42rem) past 48rem.
SIZES = "(min-width: 48rem) 42rem, 100vw"
_IMG = re.compile(r"<img\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)\s*/?>", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


@dataclass(frozen=True)
class Place:
    """Where a body's images are found, and how the page links them."""

    folder: Path  # the article's own folder: relative addresses start here
    content_dir: Path  # rooted addresses (/assets/a.jpg) start here
    root: Path  # no image may come from outside this folder (or the content folder)
    base_path: str  # the site's path ('/news/'): rooted images are linked under it
    shown: str  # the article's file, as messages show it
    first_line: int  # the file's line of the body's first line


@dataclass
class Found:
    html: str
    images: list[BodyImage]
    uses: list[tuple[str, Stamp | None]]  # the files read, with their stamps
    problems: list[Problem]


def place_images(html: str, source: str, place: Place) -> Found:
    """The body with each local image sized and linked, the images to copy, the files
    read, and a problem for each image that cannot be used."""
    found = Found(html, [], [], [])
    if "<img" not in html:
        return found
    known: dict[str, BodyImage | None] = {}

    def replace(match: re.Match[str]) -> str:
        tag = attributes(match.group(1))
        src = tag.get("src", "")
        if not src or _SCHEME.match(src):
            return match.group(0)  # a remote image (or one the sanitizer emptied)
        if src not in known:
            known[src] = _image(src, source, place, found)
        image = known[src]
        return _tag(tag, image, place) if image is not None else match.group(0)

    found.html = _IMG.sub(replace, html)
    return found


def _path_of(src: str, place: Place) -> tuple[Path | None, bool]:
    """The file an address names, and whether it was written from the site's root. None:
    a path the builder makes itself (/static/…, also written with the site's path
    /news/static/…), which is no file of the content folder."""
    address = unquote(src.split("#", 1)[0].split("?", 1)[0])
    rooted = address.startswith("/")
    if rooted and place.base_path != "/" and address.startswith(place.base_path):
        address = "/" + address[len(place.base_path) :]
    relative = posixpath.normpath(address.lstrip("/"))
    path = ((place.content_dir if rooted else place.folder) / relative).resolve()
    if rooted and is_own(relative) and not path.is_file():
        return None, rooted
    return path, rooted


def _image(src: str, source: str, place: Place, found: Found) -> BodyImage | None:
    path, rooted = _path_of(src, place)
    if path is None:
        return None
    line = _line_of(src, source) + place.first_line - 1

    def problem(message: str, fix: str) -> None:
        found.problems.append(Problem(place.shown, line, message, fix))

    if not any(r in path.parents for r in (place.content_dir.resolve(), place.root.resolve())):
        problem(
            f"the image {src!r} is outside the content folder",
            "put the image inside the content folder, beside the article or in a folder of it",
        )
        return None
    if not path.is_file():
        where = "the content folder" if rooted else "the article's folder"
        problem(
            f"the image file {src!r} does not exist ({path})",
            f"check the path: it is relative to {where}, and names are case-sensitive",
        )
        return None
    read = read_picture(path, svg=True)
    if isinstance(read, str):
        problem(f"the image {src!r} {read}", "use a JPEG, PNG, WebP, GIF or SVG file")
        return None
    picture, stamp = read
    found.uses.append((str(path), stamp))
    folder = place.folder.resolve()
    beside = not rooted and folder in path.parents
    name = path.relative_to(folder if beside else place.content_dir.resolve()).as_posix()
    if not beside and is_own(name):
        problem(
            f"the image {src!r} would be copied to /{name}, a path the site uses itself",
            "move it to a folder of its own in the content folder, e.g. /assets/",
        )
        return None
    image = BodyImage(
        path,
        name,
        not beside,
        picture.width,
        picture.height,
        picture.media_type,
        picture.size,
        picture.digest,
    )
    found.images.append(image)
    return image


def _line_of(src: str, source: str) -> int:
    """The body's line naming the image (the first one, from 1)."""
    for number, line in enumerate(source.split("\n"), 1):
        if src in line or unquote(src) in line:
            return number
    return 1


def _url(name: str, rooted: bool, place: Place) -> str:
    return (place.base_path if rooted else "") + url_quote(name)


def _tag(tag: dict[str, str], image: BodyImage, place: Place) -> str:
    """The img tag again, linked to the copy, with its size, srcset and lazy loading."""
    values = dict(tag)
    values["src"] = _url(image.name, image.rooted, place)
    variants = image.variants()
    if variants and "srcset" not in tag:
        candidates = [f"{_url(n, image.rooted, place)} {w}w" for n, w, _ in variants]
        candidates.append(f"{values['src']} {image.width}w")
        values["srcset"] = ", ".join(candidates)
        values.setdefault("sizes", SIZES)
    if image.width and "width" not in tag and "height" not in tag:
        values["width"], values["height"] = str(image.width), str(image.height)
    values.setdefault("alt", "")
    values.setdefault("loading", "lazy")
    values.setdefault("decoding", "async")
    return "<img" + "".join(f' {k}="{escape(v)}"' for k, v in values.items()) + ">"
