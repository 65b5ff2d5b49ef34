"""Check helpers for the test suite: HTML (Nu Html Checker), feeds, browser.

Each helper returns a list of readable problems, so a test asserts `== []` and
pytest prints every problem at once on failure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[2]
JS_DIR = REPO / "tests" / "js"
INSTALL_HINT = "run scripts/install-test-deps (installs Chromium, Java, fonts, vnu-jar, axe-core)"


class MissingTool(RuntimeError):
    """A checker this suite needs is not installed: the tests fail, never skip."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} is missing: {INSTALL_HINT}")


T = TypeVar("T")


def or_fail(call: Callable[[], T]) -> T:
    """call(), turning a missing tool or a failed build into a plain pytest failure.

    Failing (not skipping) keeps CI from going green without having checked anything;
    pytest.fail outside the except block keeps the report to the one useful message.
    """
    import pytest

    try:
        return call()
    except RuntimeError as exc:  # MissingTool, BuildFailed, vnu without a report
        message = str(exc)
    pytest.fail(message, pytrace=False)
