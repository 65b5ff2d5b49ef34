"""Writing a build into a folder beside the output and swapping it in whole."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


@dataclass(frozen=True)
class Output:
    """One file to write: its path under the output folder and its bytes."""

    path: str
    data: bytes


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

    def link(self, existing: Path, path: str) -> None:
        """Carry a file of the previous build over unchanged (a hard link: no copy)."""
        destination = self.root / path
        parent = os.path.dirname(path)
        if parent not in self._made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        try:
            os.link(existing, destination)
        except OSError:
            shutil.copy2(existing, destination)

    def commit(self) -> None:
        """Put the new tree in place of the old one in one step, then drop the old."""
        os.chmod(self.root, 0o755)
        if not self.target.exists():
            os.rename(self.root, self.target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-old-", dir=self.target.parent))
        if _exchange(self.root, self.target):
            os.rename(self.root, old / "tree")  # the staging folder now holds the old tree
        else:
            os.rename(self.target, old / "tree")
            os.rename(self.root, self.target)
        _remove_later(old)

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


def _remove_later(folder: Path) -> None:
    """Delete the old tree in the background: the new one is already in place."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(target: Path) -> None:
    """Drop staging folders left by builds that were killed."""
    for leftover in target.parent.glob(f".{target.name}-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in target.parent.glob(f".{target.name}-old-*"):
        shutil.rmtree(leftover, ignore_errors=True)
