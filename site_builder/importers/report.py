"""What an import noticed, grouped: what it converted, what it dropped or left with a
warning (one line a kind, with a count and the first places), and its errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..problems import Problem

FIRST_PLACES = 3  # places shown for each kind of note


class _Where(Protocol):
    file: str
    line: int | None


@dataclass
class _Group:
    fix: str = ""
    places: list[str] = field(default_factory=list)
    first: tuple[str, int | None] = ("", None)
    count: int = 0


@dataclass
class Notes:
    """Everything an import tells its user, collected while it reads."""

    converted: dict[str, _Group] = field(default_factory=dict)
    warned: dict[str, _Group] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)

    def convert(self, what: str, where: _Where) -> None:
        """Something of the old site's markup made into this site's: '[caption] → figure'."""
        _add(self.converted, what, where, "")

    def warn(self, what: str, where: _Where, fix: str = "") -> None:
        """Something dropped or left as it was, with what an editor can do about it."""
        _add(self.warned, what, where, fix)

    def error(self, where: _Where, message: str, fix: str) -> None:
        self.errors.append(Problem(where.file, where.line, message, fix))

    def warnings(self) -> list[Problem]:
        """One warning a kind, at its first place, with the count in the message."""
        return [
            Problem(g.first[0], g.first[1], _counted(what, g.count), g.fix, "warning")
            for what, g in self.warned.items()
        ]


def _add(groups: dict[str, _Group], what: str, where: _Where, fix: str) -> None:
    group = groups.setdefault(what, _Group(fix=fix, first=(where.file, where.line)))
    group.count += 1
    if len(group.places) < FIRST_PLACES:
        place = f"{where.file}:{where.line}" if where.line else where.file
        if place not in group.places:
            group.places.append(place)


def _counted(what: str, count: int) -> str:
    return what if count == 1 else f"{what} ({count} times)"


def grouped(title: str, groups: dict[str, _Group]) -> Iterable[str]:
    """A section of the report: one line a kind, with its count and first places."""
    if not groups:
        return
    yield f"{title}:"
    for what, group in groups.items():
        more = ", …" if group.count > len(group.places) else ""
        yield f"  {what}: {group.count} (at {', '.join(group.places)}{more})"
        if group.fix:
            yield f"      fix: {group.fix}"
