"""Where the default theme lives, whether run from a clone or an installed package."""

from __future__ import annotations

from pathlib import Path


def default_theme_dir() -> Path:
    """The theme installed with the package (a clone's themes/default/)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_themes" / "default", here.parent / "themes" / "default"):
        if (candidate / "templates").is_dir():
            return candidate
    return here.parent / "themes" / "default"
