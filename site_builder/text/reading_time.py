"""How long an article takes to read: its words over a reading speed.

Arabic is read more slowly than the Latin-script languages: the IReST study of
standardized texts (Trauzettel-Klosinski and Dietz, 2012) measured 138 ± 20 words a
minute for Arabic against 228 for English, so the default speed is 138.
"""

from __future__ import annotations

import html
import re

from .slugs import strip_marks

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")  # letters and digits of any script


def count_words(fragment: str) -> int:
    """The words a reader reads in an HTML fragment (markup and entities aside)."""
    # Tashkeel is not \w: without it, مُحمّد is one word, not three.
    return len(_WORD.findall(strip_marks(html.unescape(_TAG.sub(" ", fragment)))))


def minutes(words: int, per_minute: int) -> int:
    """Whole minutes, at least one: «دقائق القراءة: 3»."""
    return max(1, round(words / per_minute))
