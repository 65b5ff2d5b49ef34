"""URL segments that keep Arabic letters: made from titles, tag keys and names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

# Tashkeel (U+064B-U+065F), superscript alef (U+0670) and tatweel (U+0640).
_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])
MARKS_RUN = "[\u064b-\u065f\u0670\u0640]*"  # a pattern: any marks that may follow a letter
_NOT_WORD = re.compile(r"[^\w]+")
_UNDERSCORES = re.compile(r"_+")


def strip_marks(text: str) -> str:
    """Remove tashkeel and tatweel by code point (hamza letters stay)."""
    return text.translate(_MARKS)


_NOT_WORD_OR_MARK = re.compile(r"[^\w\u064b-\u065f\u0670]+")


def slugify(text: str, keep_marks: bool = False) -> str:
    """A lower-case URL segment: letters and digits of any script, joined by '-'.

    Never contains '/', never '.' or '..', never empty (a hash stands in when the
    text has no letters or digits at all). With `keep_marks`, tashkeel stays (the
    slug of a spelling kept apart from its bare form: عُمان, not عمان).
    """
    text = unicodedata.normalize("NFC", text)
    text = (text if keep_marks else strip_marks(text)).casefold()
    slug = (_NOT_WORD_OR_MARK if keep_marks else _NOT_WORD).sub("-", text)
    slug = _UNDERSCORES.sub("-", slug).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    if not slug:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = f"x-{digest}"
    return slug


MAX_SLUG = 60  # characters; a whole headline makes a URL too long to read or share


def title_slug(title: str) -> str:
    """The slug made from a title, cut at a word to at most MAX_SLUG characters."""
    slug = slugify(title)
    if len(slug) <= MAX_SLUG:
        return slug
    head = slug[: MAX_SLUG + 1]
    cut = head.rsplit("-", 1)[0] if "-" in head else head[:MAX_SLUG]
    return cut.strip("-")


_SEGMENT = re.compile(r"^[\w][\w.~-]*$")


def is_valid_segment(slug: str) -> bool:
    """Whether a slug given by an author is one safe URL segment."""
    return bool(_SEGMENT.match(slug)) and slug not in {".", ".."} and ".." not in slug


_URL_SAFE = re.compile(r"^[A-Za-z0-9/_.~-]*$")


@lru_cache(maxsize=1 << 17)
def url_quote(path: str) -> str:
    """Percent-encode a URL path (Arabic letters as UTF-8), keeping '/'."""
    if _URL_SAFE.match(path):
        return path
    return quote(path, safe="/-_.~")
