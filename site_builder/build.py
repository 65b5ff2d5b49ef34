"""The build as a sequence of named steps: read → model → plan → render → write."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from . import dates, feeds, plan, search, workers
from .cache import Cache, digest, fingerprint
from .config import Config, output_clash
from .output import Staging, remove_leftovers, spare_path, write_file
from .problems import Problem
from .reading import Sources, read_sources
from .render import Renderer
from .site import Site, make_site

Progress = Callable[[str, int, int], None]  # step, done, total


@dataclass(frozen=True)
class Options:
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    jobs: int = 1
    clean: bool = False
    search: bool = True
    now: datetime | None = None


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    tags: int = 0
    feeds: int = 0
    written: int = 0  # files made by this build
    unchanged: int = 0  # files carried over from the previous build
    read: int = 0  # article files opened (the rest came from the cache)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)


def check(config: Config, options: Options) -> tuple[Site | None, list[Problem]]:
    """Read everything and build the model; convert and write nothing."""
    sources = read_sources(config, None, options.jobs, convert=False)
    now = options.now or dates.build_now()
    site, problems = make_site(
        config, sources.parsed, sources.pages, now, drafts=options.drafts, future=options.future
    )
    return site, sources.problems + problems


def theme_digest(theme: Path) -> str:
    parts: list[str | bytes] = []
    for file in sorted(p for p in theme.rglob("*") if p.is_file()):
        parts += [file.relative_to(theme).as_posix(), file.read_bytes()]
    return digest(*parts)


def build(config: Config, options: Options, progress: Progress | None = None) -> Result:
    """Build the site into a new folder beside the output and swap it in only on success."""
    started = time.perf_counter()
    result = Result()
    target = target_of(config, options)
    step = _Stopwatch(result)
    clash = output_clash(
        target,
        config.root,
        {
            "content_dir": config.content_dir,
            "pages_dir": config.pages_dir,
            "cache_dir": config.cache_dir,
            "theme": config.theme,
        },
    )
    if clash:
        result.problems.append(Problem("--output", None, clash, "--output a folder of its own"))
        return result

    reading_key = fingerprint(config.timezone, str(config.unsafe_html), str(config.content_dir))
    cache = Cache(config.cache_dir, target, reading_key, fresh=options.clean)
    sources = read_sources(config, cache, options.jobs, progress=progress)
    result.read = sources.read
    step("read")
    now = options.now or dates.build_now()
    theme = theme_digest(config.theme)
    inputs = _inputs_digest(config, options, sources, now, theme, cache.fingerprint)
    if (
        not sources.problems
        and cache.state.inputs == inputs
        and _output_intact(target, cache, options.search)
    ):
        result.articles = sum(
            1
            for p in sources.parsed
            if (options.future or p.article.date <= now) and (options.drafts or not p.article.draft)
        )
        result.unchanged = len(cache.state.outputs)
        result.notes.append("nothing changed; the output was left as it was")
        result.seconds = time.perf_counter() - started
        return result
    site, problems = make_site(
        config,
        sources.parsed,
        sources.pages,
        now,
        drafts=options.drafts,
        future=options.future,
        memo=cache.state.memo,
    )
    result.problems = sources.problems + problems
    if not result.ok:
        return result
    step("model")

    renderer = Renderer(site, search=options.search)
    salt = digest(
        config.path.read_bytes(),
        theme,
        str((options.drafts, options.future, options.search)),
        pickle.dumps(renderer.shared, protocol=4),
        cache.fingerprint,
    )
    context = plan.Context(renderer, feeds.Entries(site), config.cache_dir)
    all_jobs = list(plan.jobs(site, context, config.theme / "static"))
    clashes = _path_clashes(all_jobs)
    if clashes:
        result.problems += clashes
        return result
    keys = [job.key(salt, context) for job in all_jobs]
    result.articles, result.tags = len(site.articles), len(site.tags)
    result.feeds = sum(len(job.paths) for job in all_jobs if job.kind == "feed")
    step("plan")

    previous = cache.state.outputs if target.is_dir() else {}
    todo = [
        i
        for i, (job, key) in enumerate(zip(all_jobs, keys, strict=True))
        if not _still_there(target, job.paths, key, previous)
    ]
    paths = {path for job in all_jobs for path in job.paths}
    search_missing = options.search and not (target / "pagefind").is_dir()
    if not todo and paths == set(previous) and not search_missing:
        result.unchanged = len(paths)
        result.notes.append("nothing changed; the output was left as it was")
        cache.state.inputs = inputs
        cache.save()
        result.seconds = time.perf_counter() - started
        return result

    remove_leftovers(target)
    staging = _staging(target, cache, previous, paths, todo, all_jobs, result)
    step("link")
    try:
        pack = cache.pack()
        pack.flush()
        _bodies.clear()  # a lookup belongs to one build's site and store
        workers.shared["jobs"] = all_jobs
        workers.shared["render"] = (
            site,
            context,
            staging.root,
            pack.path,
            pack.index,
            staging.reused,
            target,
        )
        tasks = workers.batches(todo, 16)
        made: dict[str, tuple[int, int]] = {}
        for number, (written, kept) in enumerate(
            workers.run(_render_batch, tasks, options.jobs), 1
        ):
            made.update(written)
            result.unchanged += kept
            if progress:
                progress("render", number, len(tasks))
        result.written = len(made)
        step("render")
        staging.remove_tree("pagefind")  # Pagefind's index is made whole every time
        if options.search:
            search.index(staging.root)
            step("search")
        spare = staging.commit()
    except BaseException:
        staging.abandon()
        raise
    outputs = {}
    for job, key in zip(all_jobs, keys, strict=True):
        for path in job.paths:
            stamp = made.get(path) or _stat(target / path)
            if stamp:
                outputs[path] = (key, *stamp)
    cache.state.outputs = outputs
    cache.state.inputs = inputs
    # The spare now holds the previous tree: it differs from the live one in the files
    # this build wrote, and in the files one of the two trees has and the other lacks.
    stale = frozenset(made) | (set(previous) ^ paths)
    cache.state.spare = (os.stat(spare).st_ino, stale) if spare is not None else None
    cache.save()
    cache.spare_marker.unlink(missing_ok=True)
    step("save")
    result.seconds = time.perf_counter() - started
    return result


def _staging(
    target: Path,
    cache: Cache,
    previous: dict[str, tuple[str, int, int]],
    paths: set[str],
    todo: list[int],
    all_jobs: list[plan.Job],
    result: Result,
) -> Staging:
    """The tree to build into: the spare brought up to date, else a new tree of links."""
    redo = {path for i in todo for path in all_jobs[i].paths}
    keep = [path for path in sorted(paths) if path not in redo]
    result.unchanged = len(keep)
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
        staging = Staging(target, reuse=spare)
        _, stale = known
        for path in sorted(stale | (set(previous) - paths)):
            if path in paths and path not in redo:
                staging.link(target / path, path)  # changed by the last build: take the live one
            elif path not in paths:
                staging.remove(path)
        return staging
    if spare.exists():
        from .output import _remove_later

        _remove_later(spare)  # a spare we cannot vouch for is not used
    staging = Staging(target)
    for path in keep:
        staging.link(target / path, path)
    return staging


def _inputs_digest(
    config: Config, options: Options, sources: Sources, now: datetime, theme: str, code: str
) -> str:
    """Everything a build reads, in short: equal digests mean equal outputs."""
    parts: list[bytes | str] = [
        config.path.read_bytes(),
        theme,
        code,
        str(target_of(config, options)),
        str((options.drafts, options.future, options.search)),
    ]
    since = now - timedelta(days=2)
    for parsed in sources.parsed:
        article = parsed.article
        stamp = _stat(article.file)
        parts.append(f"{article.file}\0{stamp}\0{article.date <= now}\0{since <= article.date}")
    for page in sources.pages:
        parts.append(f"{page.file}\0{page.title}\0{page.slug}\0{page.body}")
    if sources.problems:
        parts.append(repr(sources.problems))
    return digest(*parts)


def target_of(config: Config, options: Options) -> Path:
    return (options.output or config.output_dir).resolve()


def _output_intact(target: Path, cache: Cache, search_on: bool) -> bool:
    """Whether the output is exactly as the last build left it (sizes and times)."""
    if not cache.state.outputs or not target.is_dir():
        return False
    if search_on != (target / "pagefind").is_dir():
        return False
    return all(_stat(target / path) == known[1:] for path, known in cache.state.outputs.items())


def _path_clashes(all_jobs: list[plan.Job]) -> list[Problem]:
    """Two outputs with one path (a safety net under the model's own URL checks)."""
    owner: dict[str, str] = {}
    problems = []
    for job in all_jobs:
        for path in job.paths:
            if path in owner:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"two outputs would be written at {path}: {owner[path]} and {job.name}",
                        "change the slug or alias that makes one of them",
                    )
                )
            owner.setdefault(path, job.name)
    return problems


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _still_there(
    target: Path, paths: tuple[str, ...], key: str, previous: dict[str, tuple[str, int, int]]
) -> bool:
    """Whether every file of a job is in the output as the previous build left it."""
    for path in paths:
        known = previous.get(path)
        if known is None or known[0] != key or _stat(target / path) != known[1:]:
            return False
    return True


_bodies: dict[int, plan.Bodies] = {}


def _render_batch(indices: list[int]) -> tuple[dict[str, tuple[int, int]], int]:
    """Make some jobs' files and write those whose bytes changed (in a worker process);
    a file made again with the bytes it had is carried over from the live tree."""
    site, context, root, pack_path, pack_index, shared_inodes, target = workers.shared["render"]
    jobs = workers.shared["jobs"]
    bodies = _bodies.get(os.getpid())
    if bodies is None:
        bodies = _bodies[os.getpid()] = plan.Bodies(site, pack_path, pack_index)
    context.bodies = bodies
    written = {}
    kept = 0
    for index in indices:
        for output in plan.make(jobs[index], context):
            live = target / output.path
            if _same_bytes(live, output.data):
                Staging.carry(live, root / output.path, shared_inodes)
                kept += 1
                continue
            if shared_inodes:
                write_file(root, output.path, output.data)
            else:
                _write_new(root, output.path, output.data)
            written[output.path] = _stat(root / output.path) or (0, 0)
    return written, kept


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


class _Stopwatch:
    """Times the named steps of a build (shown with --verbose)."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.result.steps[name] = now - self.last
        self.last = now
