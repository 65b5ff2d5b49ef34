"""Problems found in a site's input: values with a file, a line and advice."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and what to write instead."""

    file: str
    line: int | None
    message: str
    fix: str = ""
    level: Level = "error"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class Problems:
    """Collects problems so a build can report all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        file: str,
        line: int | None,
        message: str,
        fix: str = "",
        level: Level = "error",
    ) -> None:
        self.items.append(Problem(file, line, message, fix, level))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.file, p.line or 0, p.message))


class ProblemsFound(Exception):
    """Raised at a stage boundary when errors stop the build."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
