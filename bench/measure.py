"""Run one command and measure it: wall time, CPU time and peak memory."""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    wall: float  # seconds, start to exit
    cpu: float  # user + system seconds of the command and every child it waited for
    rss_kib: int  # peak resident set size of the command or any one of its children
    exit_code: int  # negative: killed by that signal (-9 after a timeout)


def measure(
    command: Sequence[str],
    *,
    cwd: Path,
    log: Path,
    timeout: float,
    env: Mapping[str, str] | None = None,
) -> Sample:
    """Run `command` once with its output in `log`; raise OSError if it cannot start."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        # A session of its own, so a timeout can kill the command's children too.
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, args=(process.pid,))
        timer.start()
        try:
            # wait4 gives this one child's usage (with the grandchildren it reaped),
            # where getrusage(RUSAGE_CHILDREN) would mix all our runs together:
            # its ru_maxrss is a maximum over every child we ever had.
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_kib=_maxrss_kib(usage.ru_maxrss),
        exit_code=process.returncode,
    )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended as the timer fired
        os.killpg(pid, signal.SIGKILL)


def _maxrss_kib(maxrss: int) -> int:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


@dataclass(frozen=True)
class Summary:
    """The numbers one table row shows, from several samples."""

    wall: float  # median
    cpu: float  # median
    peak_mib: float  # highest of all runs: memory is a limit, not an average

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Summary:
        return cls(
            wall=statistics.median(s.wall for s in samples),
            cpu=statistics.median(s.cpu for s in samples),
            peak_mib=max(s.rss_kib for s in samples) / 1024,
        )
