"""Writing a file in one step: to a temporary name beside it, then renamed over it.

A reader (or a build killed half way) sees the old file or the new one, never a
part; the new file has an inode of its own, so a tree that shares inodes with
the live output never changes the live file.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def write_atomic(destination: Path, data: bytes) -> None:
    """Write `data` at `destination` through a temporary file and a rename."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(destination)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def link_atomic(existing: Path, destination: Path) -> None:
    """Put a hard link to `existing` (a copy where links cannot be made) at
    `destination`, replacing what is there in one step."""
    temporary = _temporary(destination)
    try:
        link_or_copy(existing, temporary)
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def link_or_copy(existing: Path, destination: Path) -> None:
    try:
        os.link(existing, destination)
    except OSError:
        shutil.copy2(existing, destination)


def _temporary(destination: Path) -> Path:
    return destination.with_name(f".{destination.name[:60]}.{secrets.token_hex(4)}.tmp")
