"""Characters no page or feed can carry, and line ends made one kind."""

from __future__ import annotations

import re

# Characters no XML document (feeds, sitemaps) may hold: C0 controls but tab, line
# feed and carriage return, and the non-characters U+FFFE and U+FFFF.
_FORBIDDEN = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


_ANY_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_forbidden(text: str) -> str:
    """Text without the characters no page or feed can carry."""
    if _ANY_FORBIDDEN.search(text) is None:  # a scan in C; translate() is per character
        return text
    return text.translate(_FORBIDDEN)


def normalise_text(text: str) -> str:
    """Drop a byte-order mark and control characters; turn CRLF and CR line ends into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return strip_forbidden(text.replace("\r\n", "\n").replace("\r", "\n"))
