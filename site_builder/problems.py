"""Problems found in a site's input: values with a file, a line and advice."""

from __future__ import annotations

from dataclasses import dataclass
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
    # Problems with one group are told on one line, with their count and first places
    # (a class removed from 300 articles); "" for a problem told on its own.
    group: str = ""

    def as_dict(self) -> dict[str, object]:
        """As `check --format json` gives it (one object per problem)."""
        return {
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "fix": self.fix,
            "level": self.level,
        }
