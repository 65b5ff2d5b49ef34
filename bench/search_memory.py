#!/usr/bin/env python3
"""A full build with search of a big corpus, and the peak memory of all its processes.

    python3 bench/search_memory.py                      # 100,000 articles
    python3 bench/search_memory.py --articles 10000
    python3 bench/search_memory.py --corpus DIR         # an existing corpus with DIR/config.yaml

Every 0.2 s it adds up the memory of the build and every process under it (the
render workers, the Pagefind services): PSS, which counts a page shared by
several processes once, and RSS, which counts it in each. It prints one line
with the peaks, the wall time and the number of search shards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OURS = REPO / ".venv" / "bin" / "site-builder"
NOW = "1735689600"  # 2025-01-01: every article of the corpus is in the past


def tree_of(root: int) -> list[int]:
    """The process and all its descendants (from /proc/PID/task/*/children)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """A process's (PSS, RSS) in KiB; zeros once it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(line.split(":", 1) for line in text.splitlines()[1:] if ":" in line)
    return int(values["Pss"].split()[0]), int(values["Rss"].split()[0])


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.pss = self.rss = self.largest = 0

    def run(self) -> None:
        while not self.done.is_set():
            each = [memory_kib(p) for p in tree_of(self.pid)]
            self.pss = max(self.pss, sum(p for p, _ in each))
            self.rss = max(self.rss, sum(r for _, r in each))
            self.largest = max(self.largest, max((r for _, r in each), default=0))
            self.done.wait(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus (DIR/config.yaml)")
    args = parser.parse_args(argv)
    (BENCH / ".work").mkdir(exist_ok=True)  # git-ignored
    work = Path(tempfile.mkdtemp(prefix="search-memory-", dir=BENCH / ".work"))
    corpus = args.corpus or work / "corpus"
    if args.corpus is None:
        print(f"corpus: {args.articles} articles in {corpus}", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(BENCH / "make_corpus.py"), str(corpus), "--seed", "7",
             "--articles", str(args.articles), "--write-config"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    out = work / "out"
    command = [str(OURS), "build", "--config", str(corpus / "config.yaml"), "--output", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--clean", "--quiet"],
        env={**os.environ, "SOURCE_DATE_EPOCH": NOW},
        cwd=corpus,
    )
    sampler = Sampler(process.pid)
    sampler.start()
    code = process.wait()
    sampler.done.set()
    sampler.join()
    wall = time.perf_counter() - started
    shards = len(json.loads((out / "pagefind" / "shards.json").read_text())) if code == 0 else 0
    print(
        f"{args.articles if args.corpus is None else corpus} articles with search: exit {code}, "
        f"{wall:.1f} s wall, {shards} shards; peak memory of all processes: "
        f"{sampler.pss / 1024:.0f} MiB PSS ({sampler.rss / 1024:.0f} MiB RSS added up), "
        f"largest process {sampler.largest / 1024:.0f} MiB"
    )
    subprocess.run(["rm", "-rf", str(work)], check=False)
    return code


if __name__ == "__main__":
    sys.exit(main())
