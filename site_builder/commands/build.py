"""`site-builder build` and `site-builder check`: the flags, what they print, exit codes."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC
from pathlib import Path

from .. import config as config_module
from .. import workers
from ..config import Config
from ..output.lock import Busy
from ..pipeline import Options, build, check
from ..progress import Progress
from ..report import as_json
from ..runs import Result
from ..search.service import SearchUnavailable
from .console import BUSY, CONTENT_ERROR, HELD_BACK, OK, config_flag, load_config, show


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    build_cmd = commands.add_parser("build", help="build the whole site")
    build_cmd.set_defaults(run=run_build)
    config_flag(build_cmd)
    build_cmd.add_argument("--output", type=Path, help="output folder (default: the config's)")
    build_cmd.add_argument("--drafts", action="store_true", help="include drafts")
    build_cmd.add_argument("--future", action="store_true", help="include future articles")
    build_cmd.add_argument(
        "--jobs",
        type=_jobs,
        default=workers.default_jobs(),
        help="worker processes (default: the number of cores)",
    )
    build_cmd.add_argument("--clean", action="store_true", help="ignore the cache")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the search index")
    build_cmd.add_argument(
        "--keep-going",
        action="store_true",
        help="publish the valid articles; a broken one keeps its last published version (exit 4)",
    )
    build_cmd.add_argument(
        "--no-wait",
        action="store_true",
        help="fail at once (exit 5) when another build of the site is running",
    )
    loudness = build_cmd.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="print every step")

    check_cmd = commands.add_parser("check", help="validate config and articles, write nothing")
    check_cmd.set_defaults(run=run_check)
    config_flag(check_cmd)
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def run_build(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    options = Options(
        output=args.output.resolve() if args.output else None,
        drafts=args.drafts,
        future=args.future,
        jobs=args.jobs,
        clean=args.clean,
        search=not args.no_search,
        wait=not args.no_wait,
        keep_going=args.keep_going,
    )
    progress = Progress(quiet=args.quiet)
    try:
        result = build(config, options, progress=progress, waiting=_waiting)
    except SearchUnavailable as error:
        sys.stderr.write(f"error: {error}\nnothing was written; the previous output is as it was\n")
        return CONTENT_ERROR
    except Busy as busy:
        sys.stderr.write(
            f"error: another build of this site is running: {busy.holder}\n"
            "nothing was written; run again when it is done, or without --no-wait to wait\n"
        )
        return BUSY
    finally:
        progress.close()
    show(result.problems, config.root, quiet=args.quiet)
    if not result.ok:
        sys.stderr.write("nothing was written; the previous output is as it was\n")
        return CONTENT_ERROR
    if not args.quiet:
        _summary(args, options, config, result)
    if result.held.files:
        sys.stderr.write(held_back(result))
        return HELD_BACK
    return OK


def _waiting(holder: str) -> None:
    sys.stderr.write(f"waiting for another build of this site to finish: {holder}\n")
    sys.stderr.flush()


def held_back(result: Result) -> str:
    """What --keep-going did with each broken article."""
    lines = [f"published, with {len(result.held.files)} broken article(s) held back:"]
    lines += [f"  {shown}: its last published version stays online" for shown in result.held.kept]
    lines += [f"  {shown}: left out (it was never published)" for shown in result.held.left_out]
    return "\n".join(lines) + "\n"


def due(result: Result) -> str:
    """When the next scheduled article is published, or the next one expires."""
    when, article, what = result.due  # type: ignore[misc]
    moment = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    event = "is published" if what == "published" else "expires"
    return f"next due: {moment}, when {article.shown} {event}"


def _summary(args: argparse.Namespace, options: Options, config: Config, result: Result) -> None:
    target = options.output or config.output_dir
    if result.notes:  # nothing changed: the model was not even built
        print(
            f"{'; '.join(result.notes)}: {result.articles} articles, "
            f"{result.unchanged} files, in {result.seconds:.2f} s → {target}"
        )
    else:
        print(
            f"{result.articles} articles, {result.tags} tags, {result.feeds} feeds; "
            f"{result.written} files written, {result.unchanged} unchanged, "
            f"in {result.seconds:.2f} s → {target}"
        )
    if args.verbose:
        print(
            f"  {result.read} article files read, the rest from the cache; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in result.steps.items())
        )
    if result.due is not None:
        print(due(result))


def run_check(args: argparse.Namespace) -> int:
    config = config_module.load(args.config)
    if isinstance(config, list):
        problems = config
        root = args.config.parent
    else:
        _site, problems = check(config, Options(jobs=workers.default_jobs()))
        root = config.root
    if args.format == "json":
        sys.stdout.write(as_json(problems))
    else:
        show(problems, root)
        if not problems:
            print("no problems found")
    return CONTENT_ERROR if any(p.level == "error" for p in problems) else OK
