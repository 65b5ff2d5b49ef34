"""Showing problems to a person (text) or to an editor's tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem


def source_line(problem: Problem, root: Path) -> str | None:
    """The text of the line a problem points at, when the file can be read."""
    if not problem.line:
        return None
    path = Path(problem.file)
    if not path.is_absolute():
        path = root / path
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if number == problem.line:
                    return line.rstrip("\r\n")
    except OSError:
        return None
    return None


def as_text(problems: Sequence[Problem], root: Path) -> str:
    """One block per problem: where, what, the line itself quoted, and the fix."""
    blocks = []
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        lines = [f"{where}: {problem.level}: {problem.message}"]
        text = source_line(problem, root)
        if text is not None:
            # Quoted and marked, so a right-to-left line stays legible in a terminal.
            lines.append(f"    {problem.line} | «{text.strip()}»")
            lines.append("      ^")
        if problem.fix:
            lines.append(f"    fix: {problem.fix}")
        blocks.append("\n".join(lines))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    summary = f"{errors} error(s), {warnings} warning(s)"
    return "\n\n".join([*blocks, summary]) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"
