"""Showing problems to a person (text) or to an editor's tools (JSON).

In text, warnings come first and errors last, so the errors are what a terminal
shows at the end; warnings of one group (a class removed from 300 articles, one
unknown key in every file) are told once, with their count and first places.
JSON keeps one object per problem.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem

PLACES = 3  # the places a grouped line names before "and N more"


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


def _where(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}" if problem.line else problem.file


def _block(problem: Problem, root: Path) -> str:
    """One problem: where, what, the line itself quoted, and the fix."""
    lines = [f"{_where(problem)}: {problem.level}: {problem.message}"]
    text = source_line(problem, root)
    if text is not None:
        # Quoted and marked, so a right-to-left line stays legible in a terminal.
        lines.append(f"    {problem.line} | «{text.strip()}»")
        lines.append("      ^")
    if problem.fix:
        lines.append(f"    fix: {problem.fix}")
    return "\n".join(lines)


def _grouped(group: list[Problem]) -> str:
    """Problems of one group: the count, the first places, one fix."""
    first = group[0]
    places = ", ".join(_where(p) for p in group[:PLACES])
    if len(group) > PLACES:
        places += f" and {len(group) - PLACES} more"
    lines = [f"{first.level}: {first.group} ({len(group)} times): {places}"]
    if first.fix:
        lines.append(f"    fix: {first.fix}")
    return "\n".join(lines)


def as_text(problems: Sequence[Problem], root: Path) -> str:
    """Warnings (grouped where they share a group), then errors, then the counts."""
    blocks = []
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.level != "error" and problem.group:
            groups.setdefault(problem.group, []).append(problem)
    told: set[str] = set()
    for problem in problems:
        if problem.level == "error":
            continue
        group = groups.get(problem.group) if problem.group else None
        if group is None or len(group) == 1:
            blocks.append(_block(problem, root))
        elif problem.group not in told:
            told.add(problem.group)
            blocks.append(_grouped(group))
    blocks += [_block(p, root) for p in problems if p.level == "error"]
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    summary = f"{errors} error(s), {warnings} warning(s)"
    return "\n\n".join([*blocks, summary]) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"
