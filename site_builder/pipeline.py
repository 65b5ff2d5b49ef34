"""The build as a sequence of named steps: read → model → plan → render → write → search.

Each step calls into its stage's package; the bookkeeping that makes a rebuild
proportional to the change lives in `output.incremental`.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import config as config_module
from .cache.state import Cache, fingerprint
from .config import Config
from .content.articles import Parsed
from .content.reading import Sources, read_sources, reading_fingerprint
from .digests import digest
from .model.editions import make_editions
from .model.holding import hold_back
from .model.site import Site, is_published, next_due
from .output import incremental, lock, plan
from .output.last_good import LastGood, published_key, published_of
from .output.tree import Staging, remove_leftovers
from .output.writing import BodyStoreDamaged, StoredBodies, render_jobs
from .problems import Problem
from .render.views import BodyRef
from .runs import Options, Result
from .search import indexing
from .text import dates
from .words import ThemeError

Progress = Callable[[str, int, int], None]  # step, done, total


NOTHING_CHANGED = "nothing changed; the output was left as it was"


def check(config: Config, options: Options) -> tuple[list[Site] | None, list[Problem]]:
    """Read and convert everything and build the model (so that what conversion finds,
    a missing image or what the sanitizer removed, is told too); write nothing."""
    try:
        sources = read_sources(config, None, options.jobs)
    except ThemeError as error:
        return None, [Problem(str(config.theme), None, str(error), error.fix)]
    now = options.now or dates.build_now()
    sites, problems = make_editions(
        config, sources.parsed, sources.pages, now, drafts=options.drafts, future=options.future
    )
    return sites, sources.problems + problems


def target_of(config: Config, options: Options) -> Path:
    return (options.output or config.output_dir).resolve()


def build(
    config: Config,
    options: Options,
    progress: Progress | None = None,
    waiting: Callable[[str], None] | None = None,
) -> Result:
    """Build the site into a new folder beside the output and swap it in only on success.

    One build of an output at a time: another one is waited for (`waiting` is told who
    holds it), or `output.lock.Busy` raised when `options.wait` is False. A body store
    found damaged while rendering is dropped, and the build done again from scratch.
    """
    clash = output_clash(config, options)
    if clash is not None:
        return Result(problems=[clash])  # checked first: not even a lock file is made there
    with lock.held(target_of(config, options), "a build", options.wait, waiting):
        try:
            return _Build(config, options, progress).run()
        except BodyStoreDamaged:
            return _Build(config, replace(options, clean=True), progress).run()


def output_clash(config: Config, options: Options) -> Problem | None:
    """An output folder that would replace the site's own folders."""
    folders = {"content_dir": config.content_dir, "pages_dir": config.pages_dir}
    folders |= {"cache_dir": config.cache_dir, "theme": config.theme}
    clash = config_module.output_clash(target_of(config, options), config.root, folders)
    return Problem("--output", None, clash, "--output a folder of its own") if clash else None


class _Build:
    """One build: each step a method, in the order they run."""

    def __init__(self, config: Config, options: Options, progress: Progress | None) -> None:
        self.config = config
        self.options = options
        self.progress = progress
        self.result = Result()
        self.target = target_of(config, options)
        self.started = self.last = time.perf_counter()
        self.now = options.now or dates.build_now()

    def run(self) -> Result:
        try:
            sources = self.read()
        except ThemeError as error:
            self.result.problems.append(
                Problem(str(self.config.theme), None, str(error), error.fix)
            )
            return self.result
        self.result.due = next_due(
            [p.article for p in sources.parsed], self.now, self.options.future
        )
        if self.nothing_changed(sources):
            return self.done(NOTHING_CHANGED)
        sites = self.model(sources)
        if sites is None:
            return self.result
        planned = self.plan(sites)
        if planned is None:
            return self.result
        if not self.write(sites, *planned):
            self.remember_published(sites)
            self.cache.state.inputs = self.inputs
            self.cache.save()
            return self.done(NOTHING_CHANGED)
        return self.done()

    def step(self, name: str) -> None:
        now = time.perf_counter()
        self.result.steps[name] = now - self.last
        self.last = now

    def done(self, note: str = "") -> Result:
        if note:
            self.result.notes.append(note)
        self.result.seconds = time.perf_counter() - self.started
        return self.result

    def read(self) -> Sources:
        config = self.config
        key = fingerprint(reading_fingerprint(config))
        self.cache = Cache(config.cache_dir, self.target, key, fresh=self.options.clean)
        sources = read_sources(config, self.cache, self.options.jobs, progress=self.progress)
        self.result.read = sources.read
        self.step("read")
        return sources

    def nothing_changed(self, sources: Sources) -> bool:
        """Whether the inputs and the output are exactly as the last build left them."""
        options = self.options
        self.theme = incremental.theme_digest(self.config.theme)
        self.flags = str((options.drafts, options.future, options.search))
        self.inputs = incremental.inputs_digest(
            self.config,
            self.flags,
            self.target,
            sources,
            self.now,
            self.theme,
            self.cache.fingerprint,
        )
        if (
            any(p.level == "error" for p in sources.problems)
            or self.cache.state.inputs != self.inputs
            or not incremental.output_intact(self.target, self.cache, options.search)
        ):
            return False
        self.result.articles = sum(
            is_published(p.article, self.now, options.drafts, options.future)
            for p in sources.parsed
        )
        self.result.unchanged = len(self.cache.state.outputs)
        self.result.problems = list(sources.problems)  # the warnings, told again
        return True

    def model(self, sources: Sources) -> list[Site] | None:
        """One Site an edition (just one without `languages:`), the default one first."""
        options = self.options

        def make(parsed: list[Parsed]) -> tuple[list[Site], list[Problem]]:
            return make_editions(
                self.config,
                parsed,
                sources.pages,
                self.now,
                drafts=options.drafts,
                future=options.future,
                memo=self.cache.state.memo,
            )

        self.last_good = LastGood(self.target)
        if options.keep_going:
            sites, self.result.problems, self.result.held = hold_back(
                sources.parsed, sources.problems, sources.articles, self.previous, make
            )
        else:
            sites, problems = make(sources.parsed)
            self.result.problems = sources.problems + problems
        self.step("model")
        return sites if sites is not None and self.result.ok else None

    def previous(self, shown: str) -> Parsed | None:
        """The version of an article the last build published, its body put in the store."""
        found = self.last_good.version_of(shown)
        if found is None:
            return None
        parsed, html = found
        pack = self.cache.pack()
        if parsed.digest not in pack:
            pack.add(parsed.digest, html)
            pack.flush()
        return parsed

    def remember_published(self, sites: list[Site]) -> None:
        """Update the last-good record beside the output with what is now published
        (unless it holds that already: its key is kept in the cache's memo)."""
        memo, held = self.cache.state.memo, self.result.held.files
        stamps = {name: known[0] for name, known in self.cache.state.files.items()}
        published = [
            p for site in sites for p in published_of(site, stamps, self.cache.fingerprint)
        ]
        key = published_key(published, held)
        if memo.get("last_good") == (key, self.last_good.stamp()):
            return
        reader = StoredBodies(self.cache.pack().path, self.cache.state.bodies)
        self.last_good.save(published, lambda digest: reader.html(BodyRef(digest)), held)
        memo["last_good"] = (key, self.last_good.stamp())
        self.step("record")

    def plan(self, sites: list[Site]) -> tuple[plan.Context, list[plan.Job], list[str]] | None:
        try:
            context = plan.context_of(sites, self.options.search, self.config.cache_dir)
        except ThemeError as error:
            self.result.problems.append(
                Problem(str(self.config.theme), None, str(error), error.fix)
            )
            return None
        salt = digest(
            self.config.path.read_bytes(),
            self.theme,
            self.flags,
            *(pickle.dumps(e.pages.shared, protocol=4) for e in context.editions),
            self.cache.fingerprint,
        )
        all_jobs = list(plan.jobs(sites, context, self.config.theme / "static"))
        self.result.problems += plan.missing_old_feeds(sites[0], all_jobs)
        clashes = plan.path_clashes(all_jobs)
        if clashes:
            self.result.problems += clashes
            return None
        keys = [job.key(salt, context) for job in all_jobs]
        self.result.articles = sum(len(site.articles) for site in sites)
        self.result.tags = sum(len(site.tags) for site in sites)
        self.result.feeds = sum(len(job.paths) for job in all_jobs if job.kind == "feed")
        self.step("plan")
        return context, all_jobs, keys

    def search(
        self,
        sites: list[Site],
        context: plan.Context,
        tree: Staging,
        pack: tuple[Path, dict[str, tuple[int, int, str]]],
    ) -> None:
        """Each edition's search index, in its own folder (pagefind/, en/pagefind/)."""
        known: indexing.Known = {}
        indexed = 0
        for site, edition in zip(sites, context.editions, strict=True):
            made, count = indexing.update_index(
                site, edition.pages.t, tree, self.target, self.cache.state.search, pack,
                self.options.jobs,
            )  # fmt: skip
            known.update(made)
            indexed += count
        self.cache.state.search, self.result.indexed = known, indexed
        self.step("search")

    def write(
        self, sites: list[Site], context: plan.Context, all_jobs: list[plan.Job], keys: list[str]
    ) -> bool:
        """Make what changed into a tree beside the output and swap it in; False when
        there was nothing to do."""
        target, cache, options = self.target, self.cache, self.options
        previous = cache.state.outputs if target.is_dir() else {}
        todo = incremental.to_make(target, all_jobs, keys, previous)
        paths = {path for job in all_jobs for path in job.paths}
        search_missing = options.search and not (
            (target / "pagefind").is_dir() and cache.state.search
        )
        if not todo and paths == set(previous) and not search_missing:
            self.result.unchanged = len(paths)
            return False
        remove_leftovers(target)
        redo = {path for i in todo for path in all_jobs[i].paths}
        tree, self.result.unchanged = incremental.staging(target, cache, previous, paths, redo)
        self.step("link")
        try:
            pack = cache.pack()
            pack.flush()
            made, kept = render_jobs(
                all_jobs,
                todo,
                context,
                tree,
                target,
                (pack.path, pack.index),
                options.jobs,
                self.progress,
            )
            self.result.written, self.result.unchanged = len(made), self.result.unchanged + kept
            self.step("render")
            if options.search:
                self.search(sites, context, tree, (pack.path, pack.index))
            else:
                for site in sites:
                    tree.remove_tree(site.config.prefix + "pagefind")
                cache.state.search = {}
            spare = tree.commit()
        except BaseException:
            tree.abandon()
            raise
        incremental.remember(cache, target, all_jobs, keys, made, previous, spare)
        self.remember_published(sites)
        cache.state.inputs = self.inputs
        cache.save()
        cache.spare_marker.unlink(missing_ok=True)
        self.step("save")
        return True
