"""The tags of an archive's keyword line («كلمات دلالية: …»), split as an editor meant them."""

from __future__ import annotations

import re

from ..text.slugs import MARKS_RUN
from ..text.spelling import clean_spelling, tag_key

_M = MARKS_RUN  # tashkeel and tatweel may sit after any letter

_LIST_SEPARATOR = re.compile(r"[,،؛;]")
_LONE_AND = re.compile(rf"^و{_M}(?:\s+|$)")


def split_keywords(line: str) -> list[str]:
    """The tags of a 'كلمات دلالية:' line, in order, each once.

    An archive's keyword line is written for readers, not machines. When it holds a
    comma (',' or the Arabic '،', or a semicolon '؛' ';'), the editor separated the
    tags on purpose, so we split there and keep the spaces inside a tag (كوريا
    الشمالية). With no comma the space is the only separator, so every word is a
    tag: a two-word tag cannot be told from two tags, and splitting is the reading
    that loses least — the article is still found under each word, while a wrong
    join would invent a tag nobody uses. In both forms a lone 'و', written apart
    from the next word as in 'أوكرانيا و روسيا', is the conjunction "and" before the
    last item, not a tag: it is dropped, and 'و روسيا' in a comma list becomes
    'روسيا'. A 'و' joined to its word (وروسيا) is kept, since it cannot be told from
    a word that begins with و (وزارة، ولاية). Tags that are one tag to the builder
    (same tag key: hamza, tashkeel, spacing variants) are kept once, as first spelt.
    """
    parts = _LIST_SEPARATOR.split(line) if _LIST_SEPARATOR.search(line) else line.split()
    tags: dict[str, str] = {}
    for part in parts:
        tag = _LONE_AND.sub("", clean_spelling(part))
        if tag:
            tags.setdefault(tag_key(tag), tag)
    return list(tags.values())
