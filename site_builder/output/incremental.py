"""What a build can skip: it compares this build's inputs and keys with the last one's.

Before the model is built, a digest of every input (file stamps, config, theme,
flags, the builder's own code) tells whether anything changed at all. After
planning, each job's key against the key it had says which files to make again;
the spare tree (the one swapped out last time) is brought up to date and reused.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from ..cache.state import Cache
from ..config import Config
from ..content.reading import Sources
from ..digests import digest
from ..model.site import is_fresh_breaking
from . import plan
from .tree import Staging, remove_later, spare_path
from .writing import Stamp, stat


def inputs_digest(
    config: Config, flags: str, target: Path, sources: Sources, now: datetime, theme: str, code: str
) -> str:
    """Everything a build reads, in short: equal digests mean equal outputs."""
    parts: list[bytes | str] = [config.path.read_bytes(), theme, code, str(target), flags]
    since = now - timedelta(days=2)
    for parsed in sources.parsed:
        article = parsed.article
        stamp = stat(article.file)
        # What the clock changes: published yet, in the news sitemap, gone, in the ticker.
        gone = article.expires is not None and article.expires <= now
        fresh = is_fresh_breaking(article, now, config.breaking_hours)
        parts.append(
            f"{article.file}\0{stamp}\0{article.date <= now}\0{since <= article.date}"
            f"\0{gone}\0{fresh}"
        )
        # The images it shows: a changed picture changes these, the article file unchanged.
        lead = parsed.image.digest if parsed.image is not None else ""
        parts.append(f"{parsed.digest}\0{lead}")
    for page in sources.pages:
        parts.append(f"{page.file}\0{page.title}\0{page.slug}\0{page.html}")
        parts += [image.digest for image in page.images]
    if sources.problems:
        parts.append(repr(sources.problems))
    return digest(*parts)


def theme_digest(theme: Path) -> str:
    parts: list[str | bytes] = []
    for file in sorted(p for p in theme.rglob("*") if p.is_file()):
        parts += [file.relative_to(theme).as_posix(), file.read_bytes()]
    return digest(*parts)


def output_intact(target: Path, cache: Cache, search_on: bool) -> bool:
    """Whether the output is exactly as the last build left it (sizes and times)."""
    if not cache.state.outputs or not target.is_dir():
        return False
    if search_on != (target / "pagefind").is_dir() or search_on != bool(cache.state.search):
        return False
    if not all(stat(target / path) == known[1:] for path, known in cache.state.outputs.items()):
        return False
    bundles = cache.state.search.values() if search_on else ()
    return all(stat(target / p) == stamp for _, files in bundles for p, stamp in files.items())


def to_make(
    target: Path,
    all_jobs: list[plan.Job],
    keys: list[str],
    previous: dict[str, tuple[str, int, int]],
) -> list[int]:
    """The jobs whose files are not in the output as the previous build left them."""
    return [
        i
        for i, (job, key) in enumerate(zip(all_jobs, keys, strict=True))
        if not _still_there(target, job.paths, key, previous)
    ]


def _still_there(
    target: Path, paths: tuple[str, ...], key: str, previous: dict[str, tuple[str, int, int]]
) -> bool:
    for path in paths:
        known = previous.get(path)
        if known is None or known[0] != key or stat(target / path) != known[1:]:
            return False
    return True


def staging(
    target: Path,
    cache: Cache,
    previous: dict[str, tuple[str, int, int]],
    paths: set[str],
    redo: set[str],
) -> tuple[Staging, int]:
    """The tree to build into: the spare brought up to date, else a new tree of links to
    the live files that need not be made again; and how many files are carried over."""
    keep = [path for path in sorted(paths) if path not in redo]
    spare = spare_path(target)
    known = cache.state.spare
    cache.state.spare = None
    if (
        known is not None
        and previous
        and not cache.spare_marker.exists()
        and spare.is_dir()
        and os.stat(spare).st_ino == known[0]
    ):
        cache.folder.mkdir(parents=True, exist_ok=True)
        cache.spare_marker.write_bytes(b"")
        tree = Staging(target, reuse=spare)
        _, stale = known
        for path in sorted(stale | (set(previous) - paths)):
            if path in paths and path not in redo:
                tree.link(target / path, path)  # changed by the last build: take the live one
            elif path not in paths:
                tree.remove(path)
        return tree, len(keep)
    if spare.exists():
        remove_later(spare)  # a spare we cannot vouch for is not used
    tree = Staging(target)
    for path in keep:
        tree.link(target / path, path)
    return tree, len(keep)


def remember(
    cache: Cache,
    target: Path,
    all_jobs: list[plan.Job],
    keys: list[str],
    made: dict[str, Stamp],
    previous: dict[str, tuple[str, int, int]],
    spare: Path | None,
) -> None:
    """Keep each output file's key and stamp, and what the spare tree lacks, for next time."""
    outputs = {}
    paths = set()
    for job, key in zip(all_jobs, keys, strict=True):
        for path in job.paths:
            paths.add(path)
            stamp = made.get(path) or stat(target / path)
            if stamp:
                outputs[path] = (key, *stamp)
    cache.state.outputs = outputs
    # The spare now holds the previous tree: it differs from the live one in the files
    # this build wrote, and in the files one of the two trees has and the other lacks.
    stale = frozenset(made) | (set(previous) ^ paths)
    cache.state.spare = (os.stat(spare).st_ino, stale) if spare is not None else None
