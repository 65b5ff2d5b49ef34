"""Making the files of the jobs that changed, in worker processes, into the new tree.

A file made again with the bytes it already has in the live tree is carried
over (a hard link) instead of written, so an unchanged page keeps its inode.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .. import workers
from ..atomic import write_atomic
from ..cache.bodies import BodyReader
from ..render.pages import BodyLookup
from ..render.views import BodyRef
from . import plan
from .tree import Staging

Stamp = tuple[int, int]  # size, mtime_ns


class BodyStoreDamaged(Exception):
    """A converted body is missing from the body store, or fails its check."""


class StoredBodies(BodyLookup):
    """Bodies from the body store (read once per worker process)."""

    def __init__(self, pack: Path, index: dict[str, tuple[int, int, str]]) -> None:
        self.reader = BodyReader(pack, index) if pack.exists() else None

    def html(self, ref: BodyRef) -> str:  # type: ignore[override]
        found = self.reader.read(ref.digest) if self.reader is not None else None
        if found is None:
            raise BodyStoreDamaged(ref.digest)
        return found


def render_jobs(
    all_jobs: list[plan.Job],
    todo: list[int],
    context: plan.Context,
    staging: Staging,
    target: Path,
    pack: tuple[Path, dict[str, tuple[int, int, str]]],
    jobs: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[dict[str, Stamp], int]:
    """Make the files of the jobs in `todo`; return the files written, with their
    stamps, and how many were carried over unchanged."""
    _bodies.clear()  # a lookup belongs to one build's site and store
    workers.shared["jobs"] = all_jobs
    workers.shared["render"] = (context, staging.root, pack, staging.reused, target)
    tasks = workers.batches(todo, 16)
    made: dict[str, Stamp] = {}
    kept = 0
    for number, (written, carried) in enumerate(workers.run(_render_batch, tasks, jobs), 1):
        made.update(written)
        kept += carried
        if progress:
            progress("render", number, len(tasks))
    return made, kept


_bodies: dict[int, StoredBodies] = {}


def _render_batch(indices: list[int]) -> tuple[dict[str, Stamp], int]:
    """Make some jobs' files and write those whose bytes changed (in a worker process)."""
    context, root, (pack_path, pack_index), shared_inodes, target = workers.shared["render"]
    all_jobs = workers.shared["jobs"]
    bodies = _bodies.get(os.getpid())
    if bodies is None:
        bodies = _bodies[os.getpid()] = StoredBodies(pack_path, pack_index)
    context.bodies = bodies
    written = {}
    kept = 0
    for index in indices:
        for output in plan.make(all_jobs[index], context):
            live = target / output.path
            if _same_bytes(live, output.data):
                Staging.carry(live, root / output.path, shared_inodes)
                kept += 1
                continue
            if shared_inodes:
                write_atomic(root / output.path, output.data)
            else:
                _write_new(root, output.path, output.data)
            written[output.path] = stat(root / output.path) or (0, 0)
    return written, kept


def stat(path: Path) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


_folders: set[str] = set()


def _write_new(root: Path, path: str, data: bytes) -> None:
    """Write into a tree made by this build (no inode is shared with the live one)."""
    folder = path.rpartition("/")[0]
    key = f"{root}/{folder}"
    if key not in _folders:
        os.makedirs(key, exist_ok=True)
        _folders.add(key)
    with open(f"{root}/{path}", "wb") as handle:
        handle.write(data)
