"""Spelling for Arabic: one normalised key per tag (or headline), a stable slug, the
shown spelling."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .slugs import slugify, strip_marks

_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_SPACES = re.compile(r"\s+")
_SPLIT = re.compile(r"[,،]")


@lru_cache(maxsize=65536)
def tag_key(tag: str) -> str:
    """The normalised form that spelling variants of one tag share."""
    text = unicodedata.normalize("NFC", tag)
    text = strip_marks(text).translate(_ALEFS).casefold()
    return _SPACES.sub(" ", text).strip()


def tag_slug(key: str) -> str:
    """The URL segment of a tag, made from its key so it never moves."""
    return slugify(key)


def clean_spelling(tag: str) -> str:
    """The spelling as shown: NFC, spaces trimmed and collapsed, marks kept."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", tag)).strip()


def split_tags(value: str) -> list[str]:
    """One front matter string of tags, split on ',' and the Arabic comma '،'."""
    return [t for t in (clean_spelling(p) for p in _SPLIT.split(value)) if t]


def title_key(title: str) -> str:
    """The form two spellings of one headline share (the tag key, with ى read as ي)."""
    return tag_key(title).replace("ى", "ي")
