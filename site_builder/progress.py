"""Progress of a long build: a bar on a terminal, plain lines elsewhere (CI, pipes)."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

# Latin labels: a terminal lays right-to-left text out backwards more often than not.
_LABELS = {"read": "reading articles", "render": "writing pages"}


class Progress:
    """Called as progress(step, done, total); shows nothing for builds under a second."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bar = (
            not quiet
            and self.stream.isatty()
            and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb"
        )
        self.started = time.monotonic()
        self._rich = None
        self._tasks: dict[str, object] = {}
        self._last_line = 0.0

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.quiet or time.monotonic() - self.started < 1.0:
            return  # a short build needs no progress
        if self.bar:
            self._draw(step, done, total)
        elif done == total or time.monotonic() - self._last_line > 5:
            self._last_line = time.monotonic()
            self.stream.write(f"{step}: {done}/{total}\n")

    def _draw(self, step: str, done: int, total: int) -> None:
        if self._rich is None:
            from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self._rich = Bar(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self._rich.start()
        if step not in self._tasks:
            self._tasks[step] = self._rich.add_task(_LABELS.get(step, step), total=total)
        self._rich.update(self._tasks[step], completed=done, total=total)

    def close(self) -> None:
        if self._rich is not None:
            self._rich.stop()
