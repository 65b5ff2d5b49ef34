"""The built site as deploy sees it: each file's key, content hash and headers."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..layout import file_of
from . import kinds


@dataclass(frozen=True)
class LocalFile:
    """One file of the output, with what its object in the bucket should carry."""

    path: str  # relative to the output folder, '/'-separated: the key under the prefix
    md5: str
    size: int
    content_type: str
    cache_control: str
    redirect: str = ""  # WebsiteRedirectLocation: an alias's 301 on S3
    source: str = ""  # the article file it belongs to, when it belongs to one

    def entry(self) -> list[str]:
        """What the manifest keeps of it: a change in any of these uploads it again."""
        return [self.md5, self.content_type, self.cache_control, self.redirect, self.source]


def _md5(path: Path) -> str:
    hasher = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def redirects(output: Path, base_path: str) -> dict[str, str]:
    """Output path of each alias's page → where it sends readers, from `_redirects`."""
    try:
        text = (output / "_redirects").read_text(encoding="utf-8")
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(base_path):
            found[file_of(unquote(parts[0][len(base_path) :]))] = parts[1]
    return found


def scan(output: Path, base_path: str, sources: dict[str, str]) -> dict[str, LocalFile]:
    """Every file of the output (hidden ones left out), by path, in a fixed order."""
    moved = redirects(output, base_path)
    found: dict[str, LocalFile] = {}
    for top, folders, files in os.walk(output):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = Path(top) / name
            path = full.relative_to(output).as_posix()
            found[path] = LocalFile(
                path,
                _md5(full),
                full.stat().st_size,
                kinds.media_type(path),
                kinds.cache_control(path),
                moved.get(path, ""),
                sources.get(path, ""),
            )
    return found
