#!/usr/bin/env python3
"""How long reading one article takes, and how much of it is Markdown conversion.

    python3 bench/bodies.py SITE_DIR [--sample N] [--rounds R]

SITE_DIR is a site made by `bench/make_corpus.py DIR --articles N --write-config`.
Each article of an evenly spread sample is read the way a build's worker reads
it (file, front matter, lead image, body), once converting its body and once
not, `--rounds` times each; the fastest of each article's rounds counts. The
difference is the conversion. Prints one table, in milliseconds per article and
in seconds for 10,000 articles on one core.

Run it with another checkout's code to compare (`PYTHONPATH=/path/to/checkout`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from site_builder import config as config_module
from site_builder import workers
from site_builder.content import reading
from site_builder.content.files import find_files, shown_path


def _prepare(config: config_module.Config, convert: bool) -> None:
    if hasattr(reading, "prepare"):
        reading.prepare(config, convert)
    else:  # a builder from before reading.prepare
        workers.shared["reading"] = (config, convert)


def _times(
    config: config_module.Config, tasks: list[tuple[str, str]], convert: bool
) -> list[float]:
    _prepare(config, convert)
    reading._read_one(tasks[0])  # builds the renderer outside the timings
    times = []
    for task in tasks:
        started = time.perf_counter()
        outcome = reading._read_one(task)
        times.append(time.perf_counter() - started)
        if outcome.parsed is None:
            sys.exit(f"{task[1]} did not read: {outcome.problems}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    config = config_module.load(args.site / "config.yaml")
    if isinstance(config, list):
        sys.exit(f"the config does not load: {config}")
    files = find_files(config.content_dir)
    step = max(1, len(files) // args.sample)
    tasks = [(str(f), shown_path(f, config)) for f in files[::step][: args.sample]]
    best = {True: [float("inf")] * len(tasks), False: [float("inf")] * len(tasks)}
    for _ in range(args.rounds):
        for convert in (True, False):
            for i, t in enumerate(_times(config, tasks, convert)):
                best[convert][i] = min(best[convert][i], t)
    converting = [c - r for c, r in zip(best[True], best[False], strict=True)]
    rows = [
        ("read + convert", best[True]),
        ("read only", best[False]),
        ("conversion", converting),
    ]
    print(f"{len(tasks)} articles of {len(files)}, best of {args.rounds} rounds, one process")
    print(f"{'':16} {'median ms':>10} {'mean ms':>10} {'p95 ms':>10} {'×10k s':>8}")
    for name, values in rows:
        ordered = sorted(values)
        mean = statistics.fmean(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"{name:16} {statistics.median(values) * 1e3:10.3f} {mean * 1e3:10.3f} "
            f"{p95 * 1e3:10.3f} {mean * 1e4:8.1f}"
        )


if __name__ == "__main__":
    main()
