"""Alphabetical order as readers expect it: CLDR collation through ICU.

Code-point order puts أ, إ and آ far from ا and Latin before Arabic; CLDR's Arabic
collation keeps the alef forms together, ignores tashkeel until nothing else tells
two names apart, and puts Arabic before Latin on an Arabic site. ICU comes from the
`pyicu-wheels` package (PyICU with the ICU library inside; PyICU alone needs the
ICU C library and a compiler), and its version is pinned, so one input always
sorts the same.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import icu


@lru_cache(maxsize=8)
def _collator(locale: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(locale.replace("-", "_")))


def sort_key(locale: str) -> Callable[[str], bytes]:
    """A key function that orders text alphabetically in `locale` ('ar', 'ar_EG')."""
    return _collator(locale).getSortKey
