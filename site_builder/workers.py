"""A pool of worker processes that inherit the build's state instead of receiving it.

Workers are forked after the state they need is in place (`shared`), so a task
is a few small values, never the whole site pickled again for every page.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

shared: dict[str, Any] = {}  # set before forking; read by the tasks in the workers


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(
    function: Callable[[Task], Result], tasks: Sequence[Task], jobs: int, chunk: int = 0
) -> Iterator[Result]:
    """Results of `function` over `tasks`, in order; in this process when one job will do."""
    if jobs <= 1 or len(tasks) < 2 * jobs or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, tasks)
        return
    chunk = chunk or max(1, min(64, len(tasks) // (jobs * 8)))
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        yield from pool.imap(function, tasks, chunk)


def batches(items: Iterable[Task], size: int) -> list[list[Task]]:
    batch: list[Task] = []
    out = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            out.append(batch)
            batch = []
    if batch:
        out.append(batch)
    return out
