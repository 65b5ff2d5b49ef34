"""What a user sees when the builder itself fails: one line, the trace in a file.

A bug must never bury the newsroom under a Python traceback: the line says what
failed and where, the full trace goes to a file for the report, and the exit
code (3) tells a scheduler it was the builder, not the content.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

INTERNAL_ERROR = 3


def trace_file() -> Path:
    """A new file for one crash's trace, in the system's temporary folder."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    folder = Path(os.environ.get("SITE_BUILDER_CRASH_DIR") or tempfile.gettempdir())
    return folder / f"site-builder-crash-{stamp}-{os.getpid()}.txt"


def where(error: BaseException) -> str:
    """The innermost frame of the builder's own code the error passed through."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}site_builder{os.sep}" in f.filename] or frames
    if not ours:
        return "an unknown place"
    frame = ours[-1]
    shown = frame.filename.split(f"{os.sep}site_builder{os.sep}", 1)[-1]
    return f"site_builder/{shown}:{frame.lineno} ({frame.name})"


def report(error: BaseException, argv: list[str]) -> int:
    """Write the trace to a file and say, in one line, what failed and where it is."""
    sys.stderr.write(line(error, argv) + "\n")
    return INTERNAL_ERROR


def line(error: BaseException, argv: list[str]) -> str:
    """The one line a user sees of a bug, once its trace is kept in a file."""
    text = "".join(traceback.format_exception(error))
    detail = f"{type(error).__name__}: {error}".splitlines()[0][:200]
    try:
        path = trace_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"site-builder {' '.join(argv)}\n\n{text}", encoding="utf-8")
        kept = f"the full trace is in {path}"
    except OSError as failure:
        kept = f"the trace could not be written ({failure.strerror})"
    return (
        f"site-builder: internal error in {where(error)}: {detail}; {kept} "
        "(please attach it to a bug report)"
    )
