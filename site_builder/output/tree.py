"""Writing a build into a folder beside the output and swapping it in whole.

The new tree is made beside the output folder and put in its place in one step
(Linux renameat2 RENAME_EXCHANGE), so readers and a killed build only ever see
the old tree or the new one. The tree swapped out is kept as the *spare*: it
differs from the live tree only in the files the last build changed, so the
next build brings it up to date with those few files instead of making a whole
tree again, then swaps it in.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..atomic import link_atomic, link_or_copy

_RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


def spare_path(target: Path) -> Path:
    return target.parent / f".{target.name}-spare"


class Staging:
    """A new output tree beside the old one; nothing is visible until commit()."""

    def __init__(self, target: Path, reuse: Path | None = None) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.reused = reuse is not None
        if reuse is not None:
            self.root = reuse
        else:
            self.root = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        self._made: set[str] = set()

    def link(self, existing: Path, path: str) -> None:
        """Carry a file of the live tree over unchanged (a hard link: no copy)."""
        destination = self.root / path
        parent = os.path.dirname(path)
        if parent not in self._made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        self.carry(existing, destination, self.reused)

    @staticmethod
    def carry(existing: Path, destination: Path, shared: bool) -> None:
        """Link a live file into a tree (through a temporary name where inodes are shared)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        if shared:
            try:
                if os.path.samefile(existing, destination):
                    return  # already the live file (and rename(2) would do nothing)
            except OSError:
                pass
            link_atomic(existing, destination)
        else:
            link_or_copy(existing, destination)

    def remove(self, path: str) -> None:
        """Drop a file from the tree, and the folders it leaves empty."""
        file = self.root / path
        try:
            file.unlink()
        except FileNotFoundError:
            return
        folder = file.parent
        while folder != self.root:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent

    def remove_tree(self, path: str) -> None:
        shutil.rmtree(self.root / path, ignore_errors=True)

    def commit(self) -> Path | None:
        """Put the new tree in place of the old one in one step; return the old tree,
        kept as the spare for the next build (None when there was no old tree)."""
        os.chmod(self.root, 0o755)
        if not self.target.exists():
            os.rename(self.root, self.target)
            return None
        spare = spare_path(self.target)
        if spare.exists() and spare != self.root:
            remove_later(spare)
        if _exchange(self.root, self.target):
            if self.root != spare:
                os.rename(self.root, spare)  # the staging folder now holds the old tree
            return spare
        old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-old-", dir=self.target.parent))
        os.rename(self.target, old / "tree")
        os.rename(self.root, self.target)
        remove_later(old)
        return None

    def abandon(self) -> None:
        remove_later(self.root)


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


def remove_later(folder: Path) -> None:
    """Delete a tree in the background: it is out of the way already, under a new name."""
    if not folder.exists():
        return
    doomed = Path(tempfile.mkdtemp(prefix=f".{folder.name.lstrip('.')}-old-", dir=folder.parent))
    os.rename(folder, doomed / "tree")
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(doomed)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        shutil.rmtree(doomed, ignore_errors=True)


def remove_leftovers(target: Path) -> None:
    """Drop staging folders left by builds that were killed."""
    for pattern in (f".{target.name}-new-*", f".{target.name}-*old-*"):
        for leftover in target.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
