"""Deciding what a deploy does, and doing it in a safe order.

Only files whose bytes or headers differ from what the bucket has are uploaded:
assets first, then pages, then what announces them (feeds, sitemaps); deletes
come after every upload succeeded, and never touch the files of an article the
last build held back. The manifest is marked incomplete before the first change
and written whole after the last, so an interrupted deploy is finished by the
next one, which compares against a listing of the bucket.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import kinds
from .bucket import Bucket, Remote
from .files import LocalFile

THREADS = 8  # uploads in flight: S3 answers each in milliseconds, the wait is the network


@dataclass
class Plan:
    uploads: list[LocalFile] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # not deleted: held back, or --no-delete
    manifest: dict[str, list[str]] = field(default_factory=dict)  # as it will be after
    listed: bool = False  # compared against a listing: the manifest is written even if
    # nothing changed, so the next deploy can trust it

    @property
    def changed(self) -> list[str]:
        return sorted([f.path for f in self.uploads] + self.deletes)


def plan(
    local: dict[str, LocalFile],
    remote: Remote,
    held_back: set[str],
    delete: bool = True,
) -> Plan:
    """What to upload, delete and keep, given the local files and the bucket's."""
    done = Plan(listed=not remote.from_manifest)
    for path, file in local.items():
        known = remote.files.get(path)
        same = (
            known == file.entry() if remote.from_manifest else bool(known) and known[0] == file.md5
        )
        if same:
            done.unchanged += 1
        else:
            done.uploads.append(file)
        done.manifest[path] = file.entry()
    for path, entry in sorted(remote.files.items()):
        if path in local:
            continue
        source = entry[4] if len(entry) > 4 else ""
        if not delete or (source and source in held_back):
            done.kept.append(path)
            done.manifest[path] = entry
        else:
            done.deletes.append(path)
    done.uploads.sort(key=lambda f: (kinds.phase(f.path), f.path))
    return done


def carry_out(
    bucket: Bucket, output: Path, todo: Plan, progress: Callable[[int, int], None] | None = None
) -> None:
    """Upload, in phases, then delete, then record the manifest."""
    if not todo.uploads and not todo.deletes:
        if todo.listed:
            bucket.write_manifest(todo.manifest, complete=True)
        return
    bucket.write_manifest({}, complete=False)
    done = 0
    with ThreadPoolExecutor(THREADS) as pool:
        for phase in (kinds.ASSETS, kinds.PAGES, kinds.ANNOUNCEMENTS):
            batch = [f for f in todo.uploads if kinds.phase(f.path) == phase]
            # Every upload of a phase ends (and any failure stops here) before the next.
            for _ in pool.map(lambda f: bucket.upload(f, (output / f.path).read_bytes()), batch):
                done += 1
                if progress is not None:
                    progress(done, len(todo.uploads))
    bucket.delete(todo.deletes)
    bucket.write_manifest(todo.manifest, complete=True)
