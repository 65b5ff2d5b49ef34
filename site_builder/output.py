"""Writing a build into a folder beside the output and swapping it in whole."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


class Staging:
    """A new output tree built beside the old one; nothing is visible until commit()."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        self._made: set[str] = set()

    def write(self, path: str, data: bytes) -> None:
        """Write one file of the new tree (path is relative, '/'-separated)."""
        destination = self.root / path
        parent = os.path.dirname(path)
        if parent not in self._made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        destination.write_bytes(data)

    def copy_tree(self, source: Path, path: str) -> None:
        shutil.copytree(source, self.root / path, dirs_exist_ok=True)

    def commit(self) -> None:
        """Put the new tree in place of the old one in one step, then drop the old."""
        os.chmod(self.root, 0o755)
        if not self.target.exists():
            os.rename(self.root, self.target)
            return
        if _exchange(self.root, self.target):
            shutil.rmtree(self.root, ignore_errors=True)  # now holds the old tree
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-old-", dir=self.target.parent))
        os.rename(self.target, old / "tree")
        os.rename(self.root, self.target)
        shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def remove_leftovers(target: Path) -> None:
    """Drop staging folders left by builds that were killed."""
    for leftover in target.parent.glob(f".{target.name}-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in target.parent.glob(f".{target.name}-old-*"):
        shutil.rmtree(leftover, ignore_errors=True)
