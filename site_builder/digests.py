"""Short stable digests: what every stage uses to tell whether two inputs are the same."""

from __future__ import annotations

import hashlib


def digest(*parts: bytes | str) -> str:
    """A short stable digest of some text or bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()
