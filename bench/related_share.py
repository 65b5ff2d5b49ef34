#!/usr/bin/env python3
"""How much of a full build is «اقرأ أيضاً» (related articles) selection?

    python3 bench/related_share.py [--articles 100000] [--corpus DIR] [--keep]
    bench/run --articles 1000 --related-share 100000     # the same line under the table

It makes a corpus (bench/make_corpus.py --seed 7 --write-config) unless --corpus names
one, times one full build of it the way the table's `ours` row does (`site-builder build
--no-search --clean`, wall time from wait4), then, in a separate process of the project's
.venv, reads the same sources and calls `site_builder.model.site.make_site` with a timing
wrapper around `select_related` (and around `_related`, which also builds the items and
the memo key). It prints

    related selection: X s of Y s full build (Z%)

and a second line with the model's other numbers. `--clean` empties the build's memo, so
the full build does compute the selection.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import tools  # noqa: E402
from bench.measure import measure  # noqa: E402

SEED = 7
WORK = tools.BENCH / ".work"
LOGS = WORK / "logs"


@dataclass(frozen=True)
class Share:
    """The selection's time next to the full build's, and the model step around it."""

    articles: int
    select_related: float  # seconds in select_related alone
    related: float  # seconds in site._related: items, memo key and select_related
    model: float  # seconds in make_site, which calls _related
    full_build: float  # wall seconds of `site-builder build --no-search --clean`

    def line(self) -> str:
        percent = 100 * self.select_related / self.full_build
        return (
            f"related selection: {self.select_related:.2f} s of {self.full_build:.2f} s "
            f"full build ({percent:.1f}%)"
        )

    def details(self) -> str:
        return (
            f"  {self.articles} articles; with its items and memo key {self.related:.2f} s "
            f"({100 * self.related / self.full_build:.1f}%); whole model (make_site) "
            f"{self.model:.2f} s ({100 * self.model / self.full_build:.1f}%)"
        )


class ShareError(Exception):
    """A step failed; the message says which and where its log is."""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_share(
    articles: int, *, corpus: Path | None = None, keep: bool = False, timeout: float = 3600
) -> Share:
    """Make (or use) a corpus, time a full build and the selection; raise ShareError."""
    site = WORK / f"related-{articles}"
    made = corpus is None
    label = str(articles) if corpus is None else str(corpus)
    if corpus is None:
        shutil.rmtree(site, ignore_errors=True)
        corpus = site / "plain"
        _make_corpus(corpus, articles)
    config = corpus / "config.yaml"
    out = site / "out-ours"
    try:
        full = _full_build(config, out, label, timeout)
        timings = _time_in_process(config, label, timeout)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if made and not keep:
            shutil.rmtree(site, ignore_errors=True)
        elif not made:
            with contextlib.suppress(OSError):
                site.rmdir()  # only the output was ours, and it is gone
    return Share(
        articles=timings["articles"],
        select_related=timings["select_related"],
        related=timings["related"],
        model=timings["model"],
        full_build=full,
    )


def _make_corpus(corpus: Path, articles: int) -> None:
    progress(f"[related {articles}] corpus")
    command = [sys.executable, str(tools.BENCH / "make_corpus.py"), str(corpus)]
    command += ["--articles", str(articles), "--seed", str(SEED), "--write-config"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ShareError(f"corpus generation failed: {_last_line(result.stderr)}")


def _full_build(config: Path, out: Path, label: str, timeout: float) -> float:
    shutil.rmtree(out, ignore_errors=True)
    tools.ensure_ours(LOGS / "setup.log")
    invocation = tools.ours_build(config, out, clean=True)
    log = LOGS / f"related-share-build-{label.strip('/').replace('/', '-')}.log"
    sample = measure(invocation.command, cwd=invocation.cwd, log=log, timeout=timeout)
    progress(
        f"[related {label}] full build: {sample.wall:.2f} s wall, {sample.cpu:.2f} s CPU, "
        f"{sample.rss_kib / 1024:.0f} MiB, exit {sample.exit_code}"
    )
    if sample.exit_code != 0:
        raise ShareError(f"full build exit {sample.exit_code} [log: {log}]")
    return sample.wall


def _time_in_process(config: Path, label: str, timeout: float) -> dict[str, float]:
    """Run this file with --time-related under the project's .venv (site_builder is there)."""
    python = tools.OUR_VENV / "bin" / "python"
    command = [str(python), str(Path(__file__).resolve()), "--time-related", str(config)]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=tools.REPO, timeout=timeout
    )
    if result.returncode != 0:
        raise ShareError(f"in-process timing failed: {_last_line(result.stderr)}")
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    progress(
        f"[related {label}] in process: select_related {timings['select_related']:.2f} s, "
        f"_related {timings['related']:.2f} s, make_site {timings['model']:.2f} s "
        f"(reading {timings['read']:.2f} s, untimed)"
    )
    return timings


def time_related(config_path: Path) -> dict[str, float]:
    """In this process: read the sources as a build does and time make_site's parts.

    Needs site_builder importable, i.e. the project's .venv.
    """
    from site_builder import config as config_module
    from site_builder import workers
    from site_builder.content.reading import read_sources
    from site_builder.model import related, site
    from site_builder.text import dates

    config = config_module.load(config_path)
    if isinstance(config, list):
        raise SystemExit(f"config problems: {config}")
    started = time.perf_counter()
    sources = read_sources(config, None, workers.default_jobs(), convert=False)
    read = time.perf_counter() - started
    if sources.problems:
        print(f"{len(sources.problems)} problems while reading", file=sys.stderr)

    spent: dict[str, float] = {"select_related": 0.0, "related": 0.0}

    def timed(name: str, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - begun

        return wrapper

    # make_site calls related_articles, which calls select_related: both by module name.
    original = (related.select_related, site.related_articles)
    related.select_related = timed("select_related", related.select_related)
    site.related_articles = timed("related", site.related_articles)
    try:
        now = dates.build_now()
        begun = time.perf_counter()
        model, _problems = site.make_site(
            config, sources.parsed, sources.pages, now, memo={}
        )  # an empty memo: the selection is computed, as in a --clean build
        spent["model"] = time.perf_counter() - begun
    finally:
        related.select_related, site.related_articles = original
    return {**spent, "read": read, "articles": len(model.articles)}


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(no output)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/related_share.py",
        description="Time related-article selection against a full build.",
    )
    parser.add_argument("--articles", type=int, default=100_000, help="default 100000")
    parser.add_argument(
        "--corpus", type=Path, help="an existing corpus folder with config.yaml (not deleted)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--time-related", type=Path, metavar="CONFIG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_related:  # the in-process half, under the project's .venv
        print(json.dumps(time_related(args.time_related)))
        return 0
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    try:
        share = measure_share(
            args.articles, corpus=args.corpus, keep=args.keep, timeout=args.timeout
        )
    except (ShareError, OSError, subprocess.SubprocessError, tools.SetupError) as error:
        print(f"related selection: FAILED: {error}")
        return 1
    print(share.line())
    print(share.details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
