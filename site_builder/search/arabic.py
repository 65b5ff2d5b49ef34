"""Arabic words made findable: the conjunctions Pagefind's stemmer leaves on a word.

Pagefind folds hamza and alef forms, ta marbuta, alef maqsura and tashkeel, and
its Snowball stemmer takes off «ال» and «بال»; it leaves «و» and «ف» on a word
when «ال» or a hamza-alef follows («والروسية», «فالحكومة», «وأوكرانيا»,
«لأوكرانيا»), so those words are found only as typed. We split such a prefix
off in the text Pagefind indexes, marked with a zero-width joiner (ZWJ) so the
search page can join it again in excerpts, and the search page drops the same
prefix from what a reader types (`static/search.js` holds the same rules: a
test compares the two on every word of the example site).
"""

from __future__ import annotations

import re

ZWJ = "\u200d"
RULES_VERSION = "1"  # part of every shard's key: change it when the rules change

_WORD = re.compile("[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")
# و/ف (+ ب/ك/ل) before «ال» or «لل»; و/ف/ل/ب/ك (و/ف + ل/ب/ك) before أ إ آ
_PREFIX = re.compile("^(?:([وف][بكل]?)(?=ال|لل)|([وف]?[لبك]|[وف])(?=[أإآ]))")
# words whose «و» is a root letter: والد (father) and its forms, والي (governor)
_KEEP = re.compile("^(?:والد(?:ه|ة|ي|ها|هم|هما|يه|يها|ين|ان|اه|ته|تي|تها)?|والي|والى)$")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_CONTROLS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def prefix(word: str) -> int:
    """How many characters of an Arabic word are a conjunction (and preposition) to
    split off: 0 for none. Tashkeel does not hide one («وَالرُّوسِيَّة»)."""
    bare = _MARKS.sub("", word)
    found = _PREFIX.match(bare)
    if found is None or _KEEP.match(bare):
        return 0
    before_article = found.group(1)
    head = len(before_article or found.group(2))
    # After «ال» at least three letters (وكالة, والي stay whole); after a hamza-alef,
    # the word itself is at least three letters (بأن, كأس stay whole).
    if len(bare) - head < (5 if before_article else 3):
        return 0
    end = 0
    for _ in range(head):  # the prefix's letters in the word as written, with their marks
        end += 1
        while end < len(word) and _MARKS.match(word[end]):
            end += 1
    return end


def index_text(text: str) -> str:
    """Text for Pagefind: prefixes split off as «و‍ الروسية», stray joiners removed."""

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        end = prefix(word)
        return f"{word[:end]}{ZWJ} {word[end:]}" if end else word

    return _WORD.sub(split, _CONTROLS.sub("", text))


def query_text(query: str) -> str:
    """What a reader typed, as the index holds it: «والروسية» → «الروسية»."""
    return _WORD.sub(
        lambda match: match.group(0)[prefix(match.group(0)) :], _CONTROLS.sub("", query)
    )
