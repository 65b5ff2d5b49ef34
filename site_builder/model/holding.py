"""`--keep-going`: which broken articles to hold back, so the rest of the site publishes.

An article is broken when one of its errors names its file: it does not read, or
the site cannot take it (a `related` slug that names nothing, a URL or an id
another article has). A broken article is replaced by the version the last build
published, when there is one, else left out; the site is then made again, since
leaving one out can break another (an article whose `related` named it). An error
that names no article (the config, a static page, the theme) still stops the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..content.articles import Parsed
from ..problems import Problem
from .site import Site

ROUNDS = 8  # each round holds back at least one more article, or ends


@dataclass
class Held:
    """The articles held back: kept at their last published version, or left out."""

    kept: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def files(self) -> set[str]:
        return {*self.kept, *self.left_out}


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def hold_back(
    parsed: list[Parsed],
    read_problems: list[Problem],
    article_files: set[str],
    previous: Callable[[str], Parsed | None],
    make: Callable[[list[Parsed]], tuple[list[Site], list[Problem]]],
) -> tuple[list[Site] | None, list[Problem], Held]:
    """The site with every broken article held back, every problem found on the way,
    and which were held (a site per edition); None when an error names no article."""
    problems = list(read_problems)
    broken = {p.file for p in _errors(read_problems) if p.file in article_files}
    if len(broken) < len({p.file for p in _errors(read_problems)}):
        return None, problems, Held()
    substitutes: dict[str, Parsed] = {}
    given_up: set[str] = set()

    def hold(shown: str) -> None:
        broken.add(shown)
        old = previous(shown) if shown not in given_up else None
        if old is not None:
            substitutes[shown] = old
        else:
            substitutes.pop(shown, None)
            given_up.add(shown)

    for shown in sorted(broken):
        hold(shown)
    for _ in range(ROUNDS):
        candidates = [p for p in parsed if p.article.shown not in broken]
        candidates += [substitutes[s] for s in sorted(substitutes)]
        site, found = make(candidates)
        errors = _errors(found)
        problems += [p for p in found if p not in problems]
        if not errors:
            held = Held(sorted(substitutes), sorted(given_up))
            return site, problems, held
        blamed = {p.file for p in errors}
        if not blamed <= article_files:
            return None, problems, Held()
        for shown in sorted(blamed):
            if shown in substitutes:  # the old version no longer fits either
                given_up.add(shown)
            hold(shown)
    return None, problems, Held()
