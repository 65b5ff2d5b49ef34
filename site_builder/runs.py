"""What a build is asked to do (`Options`) and what it did (`Result`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .model.holding import Held
from .problems import Problem


@dataclass(frozen=True)
class Options:
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    jobs: int = 1
    clean: bool = False
    search: bool = True
    now: datetime | None = None
    wait: bool = True  # for another build of the same output to end (else output.lock.Busy)
    keep_going: bool = False  # publish the valid articles, hold the broken ones back


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    tags: int = 0
    feeds: int = 0
    written: int = 0  # files made by this build
    unchanged: int = 0  # files carried over from the previous build
    read: int = 0  # article files opened (the rest came from the cache)
    indexed: int = 0  # search bundles indexed again (the rest were carried over)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    held: Held = field(default_factory=Held)  # broken articles held back (--keep-going)
    due: tuple[datetime, Any, str] | None = None  # the next article to publish or expire

    @property
    def ok(self) -> bool:
        """Published: no error, or only errors of the articles held back."""
        held = self.held.files
        return not any(p.level == "error" and p.file not in held for p in self.problems)
