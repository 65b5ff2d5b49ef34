"""Time our builder, Pelican and Hugo on the same generated Arabic news sites.

Progress goes to stderr; stdout gets only the header and the table, ready to
paste into a README. A row that fails says why and the others still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from bench import related_share, tools
from bench.measure import Sample, Summary, measure

TOOLS = ("ours", "pelican", "hugo")
FLAVORS = {"ours": "plain", "pelican": "pelican", "hugo": "hugo"}
SEED = 7
WORK = tools.BENCH / ".work"  # git-ignored: corpora, outputs and logs
LOGS = WORK / "logs"


@dataclass(frozen=True)
class Row:
    """One line of the table: numbers, or why there are none."""

    tool: str
    articles: int
    summary: Summary | None = None
    error: str | None = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run", description="Benchmark site-builder against Pelican and Hugo."
    )
    parser.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=[1000],
        metavar="N",
        help="corpus sizes (default 1000); incremental rows use the largest",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per row (default 3)")
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help="comma-separated subset of ours,pelican,hugo"
    )
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before one run is killed"
    )
    parser.add_argument(
        "--related-share",
        type=int,
        default=0,
        metavar="N",
        help="also time related-article selection against a full build of N articles",
    )
    parser.add_argument(
        "--deploy",
        type=int,
        default=0,
        metavar="N",
        help="also time deploy to a loopback S3 server: N articles, first and after one edit",
    )
    args = parser.parse_args(argv)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = sorted(set(args.tools) - set(TOOLS))
    if unknown or not args.tools:
        parser.error(f"--tools takes names from {', '.join(TOOLS)}, not {unknown}")
    if args.runs < 1 or min(args.articles) < 1:
        parser.error("--runs and --articles must be at least 1")
    if args.related_share < 0 or args.deploy < 0:
        parser.error("--related-share and --deploy must be 0 (off) or a number of articles")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now().astimezone()
    setup_errors = set_up(args.tools)
    sizes = sorted(set(args.articles))
    rows: list[Row] = []
    for articles in sizes:
        rows += bench_size(articles, args, setup_errors, incremental=articles == sizes[-1])
    share = related_line(args, setup_errors) if args.related_share else None
    deployed = deploy_lines(args, setup_errors) if args.deploy else None
    print(header(started, args, setup_errors))
    print()
    print(format_table(rows))
    extras = [line for line in (share, deployed) if line is not None]
    for extra in extras:
        print()
        print(extra)
    failed = any(row.error for row in rows) or any("FAILED" in extra for extra in extras)
    return 1 if failed else 0


def deploy_lines(args: argparse.Namespace, setup_errors: dict[str, str]) -> str:
    """bench/deploy.py's rows: deploy of N articles to rclone serve s3, first and one edit."""
    if "ours" in setup_errors:
        return f"deploy: FAILED: not run: {setup_errors['ours']}"
    from bench import deploy

    try:
        return deploy.lines(
            deploy.measure_deploy(args.deploy, keep=args.keep, timeout=args.timeout)
        )
    except Exception as error:  # like a failed row: the table still prints
        return f"deploy: FAILED: {type(error).__name__}: {error}"


def related_line(args: argparse.Namespace, setup_errors: dict[str, str]) -> str:
    """bench/related_share.py's lines: selection time against one full build."""
    if "ours" in setup_errors:
        return f"related selection: FAILED: not run: {setup_errors['ours']}"
    try:
        share = related_share.measure_share(
            args.related_share, keep=args.keep, timeout=args.timeout
        )
    except Exception as error:  # like a failed row: the table still prints
        return f"related selection: FAILED: {type(error).__name__}: {error}"
    return f"{share.line()}\n{share.details()}"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- setting up -------------------------------------------------------------------


def set_up(wanted: list[str]) -> dict[str, str]:
    """Install what is missing; map each tool that could not be set up to why."""
    errors: dict[str, str] = {}
    for tool in wanted:
        where = tools.OUR_VENV if tool == "ours" else tools.PEERS_VENV
        progress(f"setup: {tool} in {where.relative_to(tools.REPO)}")
        try:
            if tool == "ours":
                tools.ensure_ours(LOGS / "setup.log")
            else:
                tools.ensure_peer(tool, LOGS / "setup.log")
        except tools.SetupError as error:
            errors[tool] = f"setup failed: {error}"
            progress(f"setup: {tool} FAILED: {error}")
    return errors


# --- one corpus size ---------------------------------------------------------------


def bench_size(
    articles: int, args: argparse.Namespace, setup_errors: dict[str, str], *, incremental: bool
) -> list[Row]:
    """Generate the corpora for one size, time each tool, then clean up."""
    site = WORK / str(articles)
    # Always regenerate: the incremental rows edit the corpus, and a kept corpus
    # from an earlier run could be from an older generator.
    shutil.rmtree(site, ignore_errors=True)
    rows = []
    for tool in args.tools:
        error = setup_errors.get(tool) or make_corpus(FLAVORS[tool], articles, site)
        if error:
            rows.append(Row(tool, articles, error=error))
            continue
        out = site / f"out-{tool}"
        rows.append(
            time_row(
                tool,
                articles,
                partial(build_invocation, tool, site, out),
                args,
                before_each=partial(remove_output, out),
            )
        )
    if incremental and "ours" in args.tools:
        ours = next(row for row in rows if row.tool == "ours")
        rows += incremental_rows(articles, site, args, ours.error)
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    return rows


def remove_output(out: Path, _run: int) -> None:
    shutil.rmtree(out, ignore_errors=True)


def make_corpus(flavor: str, articles: int, site: Path) -> str | None:
    """Write one flavor of the corpus under `site`; return an error message or None."""
    command = [sys.executable, str(tools.BENCH / "make_corpus.py"), str(site / flavor)]
    command += ["--articles", str(articles), "--seed", str(SEED), "--flavor", flavor]
    if flavor == "plain":
        command.append("--write-config")
    progress(f"[{articles}] corpus: {flavor}")
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        return f"corpus generation failed: {error}"
    if result.returncode != 0:
        return f"corpus generation failed: {last_line(result.stderr)}"
    return None


def build_invocation(tool: str, site: Path, out: Path) -> tools.Invocation:
    if tool == "ours":
        return tools.ours_build(site / "plain" / "config.yaml", out, clean=True)
    if tool == "pelican":
        return tools.pelican_build(site / "pelican", out)
    return tools.hugo_build(site / "hugo", out)


# --- timing a row ------------------------------------------------------------------


def time_row(
    label: str,
    articles: int,
    invocation: Callable[[], tools.Invocation],
    args: argparse.Namespace,
    *,
    before_each: Callable[[int], object],
    runs: int | None = None,
) -> Row:
    """Run a command `runs` times (args.runs by default), `before_each` untimed."""
    samples: list[Sample] = []
    runs = args.runs if runs is None else runs
    try:
        command = invocation()
        for run in range(runs):
            before_each(run)
            log = LOGS / f"{label.replace(' ', '-').replace(':', '')}-{articles}-{run + 1}.log"
            sample = measure(command.command, cwd=command.cwd, log=log, timeout=args.timeout)
            progress(
                f"[{articles}] {label} {run + 1}/{runs}: {sample.wall:.2f} s wall, "
                f"{sample.cpu:.2f} s CPU, {sample.rss_kib / 1024:.0f} MiB, exit {sample.exit_code}"
            )
            if sample.exit_code != 0:
                return Row(label, articles, error=failure(sample, log, args.timeout))
            samples.append(sample)
    except Exception as error:  # one broken row must not take the whole table down
        return Row(label, articles, error=f"{type(error).__name__}: {error}")
    return Row(label, articles, summary=Summary.of(samples))


def failure(sample: Sample, log: Path, timeout: float) -> str:
    if sample.exit_code < 0 and sample.wall >= timeout:
        reason = f"timed out after {timeout:g} s"
    else:
        text = log.read_bytes()[-4000:].decode("utf-8", "replace")
        reason = f"exit {sample.exit_code}: {last_line(text) or '(no output)'}"
    return f"{reason} [log: {log.relative_to(tools.REPO)}]"


def last_line(text: str) -> str:
    """The last non-blank line: for a Python traceback, the exception itself."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


# --- our incremental rebuilds and the search index -------------------------------------


def incremental_rows(
    articles: int, site: Path, args: argparse.Namespace, full_build_error: str | None
) -> list[Row]:
    """Rebuilds after no change, one edit and one tag change; then the same site with
    search: a full build and one edit, to compare with the rows without it."""
    labels = ("ours: no change", "ours: one edit", "ours: tag change")
    if full_build_error:
        rows = [Row(label, articles, error="not run: our full build failed") for label in labels]
        return rows + [Row(label, articles, error="not run") for label in SEARCH_LABELS]
    config = site / "plain" / "config.yaml"
    try:
        rows = rebuild_rows(labels, articles, config, site / "out-ours", args)
    except Exception as error:  # e.g. a corpus too small to pick two articles from
        rows = [Row(label, articles, error=f"{type(error).__name__}: {error}") for label in labels]
    return rows + search_rows(articles, config, site / "out-search", args)


SEARCH_LABELS = ("ours + search", "ours + search: one edit")
# Each row with search is compared with the row without it, from the same run.
WITHOUT_SEARCH = {"ours + search": "ours", "ours + search: one edit": "ours: one edit"}


def search_rows(articles: int, config: Path, out: Path, args: argparse.Namespace) -> list[Row]:
    """The default build, with the search index: from scratch, then one edited article."""
    full = time_row(
        SEARCH_LABELS[0],
        articles,
        partial(tools.ours_build, config, out, clean=True, search=True),
        args,
        before_each=partial(remove_output, out),
    )
    if full.error:
        return [full, Row(SEARCH_LABELS[1], articles, error="not run: the full build failed")]
    rebuild = partial(tools.ours_build, config, out, clean=False, search=True)
    edited, _ = articles_to_edit(config.parent / "content")
    original = edited.read_text(encoding="utf-8")
    try:
        warm = time_row("search: warm-up", articles, rebuild, args, before_each=noop, runs=1)
        if warm.error:
            return [full, Row(SEARCH_LABELS[1], articles, error=f"warm-up build: {warm.error}")]
        edit = partial(append_sentence, edited, original)
        return [full, time_row(SEARCH_LABELS[1], articles, rebuild, args, before_each=edit)]
    finally:
        edited.write_text(original, encoding="utf-8")


def rebuild_rows(
    labels: tuple[str, str, str], articles: int, config: Path, out: Path, args: argparse.Namespace
) -> list[Row]:
    rebuild = partial(tools.ours_build, config, out, clean=False)
    # Untimed: whatever the full builds left behind, the timed rows start warm.
    warm = time_row("ours: warm-up", articles, rebuild, args, before_each=noop, runs=1)
    if warm.error:
        return [Row(label, articles, error=f"warm-up build: {warm.error}") for label in labels]
    edited, retagged = articles_to_edit(config.parent / "content")
    originals = {path: path.read_text(encoding="utf-8") for path in (edited, retagged)}
    try:
        return [
            time_row(labels[0], articles, rebuild, args, before_each=noop),
            time_row(
                labels[1],
                articles,
                rebuild,
                args,
                before_each=partial(append_sentence, edited, originals[edited]),
            ),
            time_row(
                labels[2],
                articles,
                rebuild,
                args,
                before_each=partial(add_tag, retagged, originals[retagged]),
            ),
        ]
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")


def noop(_run: int) -> None:
    return None


def articles_to_edit(content: Path) -> tuple[Path, Path]:
    """Two published articles from the newest month: the ones editors touch."""
    paths = [
        path
        for path in sorted(content.rglob("*.md"))
        if "\ndraft: true\n" not in path.read_text(encoding="utf-8")
    ]
    return paths[-1], paths[-2]


def append_sentence(path: Path, original: str, run: int) -> None:
    # A different sentence each run, so every rebuild sees a real change.
    sentence = f"وأضاف المصدر أن التحقيقات ما زالت جارية (تحديث رقم {run + 1})."
    path.write_text(original.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def add_tag(path: Path, original: str, run: int) -> None:
    # Run N drops the tag of run N-1 and adds its own: a tag page goes, one comes.
    if "\ntags:\n" not in original:
        raise ValueError(f"{path} has no block list of tags to change")
    tag = f'  - "وسم تجريبي {run + 1}"\n'
    path.write_text(original.replace("\ntags:\n", f"\ntags:\n{tag}", 1), encoding="utf-8")


# --- printing ----------------------------------------------------------------------------


def header(started: datetime, args: argparse.Namespace, setup_errors: dict[str, str]) -> str:
    versions = [
        f"{'site-builder' if tool == 'ours' else tool} {tools.version_of(tool)}"
        for tool in args.tools
        if tool not in setup_errors
    ]
    python = f"python {platform.python_version()} (bench, Pelican)"
    if "ours" in args.tools and "ours" not in setup_errors:
        python += f", {tools.our_python_version()} (ours)"
    return "\n".join(
        [
            f"date:    {started:%Y-%m-%d %H:%M %Z}",
            f"machine: {cpu_count()} CPUs, {cpu_model()}, {memory_gib():.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}",
            f"python:  {python}",
            f"tools:   {', '.join(versions) or 'none'}",
            f"corpus:  bench/make_corpus.py --seed {SEED}; median of {args.runs} run(s), "
            "each on a clean output",
        ]
    )


def cpu_count() -> int:
    # What `nproc` prints: the CPUs this process may run on, not all in the box.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Model", "Hardware") and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


COLUMNS = ("tool", "articles", "median wall s", "median CPU s", "peak MiB", "ours÷tool")


def format_table(rows: list[Row]) -> str:
    """Aligned plain text; a failed row shows its reason where its numbers would be."""
    lines = [list(COLUMNS)] + [row_cells(row, rows) for row in rows]
    complete = [line for line in lines if len(line) == len(COLUMNS)]
    widths = [max(len(line[i]) for line in complete) for i in range(len(COLUMNS))]
    widths[:2] = [max(len(line[i]) for line in lines) for i in range(2)]
    return "\n".join(format_line(line, widths) for line in lines)


def format_line(cells: list[str], widths: list[int]) -> str:
    # A failed row has three cells: its message starts where the numbers would.
    padded = [cells[0].ljust(widths[0])]
    padded += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=False)]
    return "  ".join(padded).rstrip()


def row_cells(row: Row, rows: list[Row]) -> list[str]:
    if row.summary is None:
        return [row.tool, str(row.articles), f"FAILED: {row.error}"]
    s = row.summary
    numbers = [f"{s.wall:.2f}", f"{s.cpu:.2f}", f"{s.peak_mib:.0f}", ratio(row, rows)]
    return [row.tool, str(row.articles), *numbers]


def ratio(row: Row, rows: list[Row]) -> str:
    """Our median wall time over this peer's, at the same size ("0.25": 4x faster);
    for a row with search, its time over the same build's without ("×1.40")."""
    if row.tool in WITHOUT_SEARCH and row.summary is not None:
        plain = next(
            (r for r in rows if r.tool == WITHOUT_SEARCH[row.tool] and r.articles == row.articles),
            None,
        )
        if plain is None or plain.summary is None:
            return "—"
        return f"×{row.summary.wall / plain.summary.wall:.2f}"
    if row.tool not in ("pelican", "hugo") or row.summary is None:
        return "—"
    ours = next((r for r in rows if r.tool == "ours" and r.articles == row.articles), None)
    if ours is None or ours.summary is None:
        return "—"
    return f"{ours.summary.wall / row.summary.wall:.2f}"
