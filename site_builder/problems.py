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
