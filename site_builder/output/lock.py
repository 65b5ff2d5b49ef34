"""One build of an output folder at a time: a lock file beside it.

The lock is an flock(2) on `.OUTPUT-lock`, which the kernel releases when the
process holding it ends, however it ends: a killed build never leaves a stale
lock behind. The cache folder of an output and its last-good record are only
touched under the same lock. The file says who holds it, for the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock (and we were told not to wait)."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}-lock"


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextmanager
def held(
    target: Path, what: str, wait: bool = True, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the output's lock for the block; wait for it (telling `waiting` who has it),
    or raise Busy at once when `wait` is False."""
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise Busy(holder) from None
            if waiting is not None:
                waiting(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} (pid {os.getpid()}, since {started})\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
