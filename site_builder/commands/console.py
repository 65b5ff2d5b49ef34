"""What the commands share: the config loaded for a command, and problems and paths
printed for a person."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import config as config_module
from ..problems import Problem
from ..report import as_text

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2
HELD_BACK = 4  # published, with broken articles kept at their last version (--keep-going)
BUSY = 5  # another build of the site holds its lock (--no-wait)


def show(problems: list[Problem], root: Path, quiet: bool = False) -> None:
    shown = [p for p in problems if not quiet or p.level == "error"]
    if shown:
        sys.stderr.write(as_text(shown, root))


def load_config(path: Path) -> config_module.Config | None:
    """The site's config, or None once its problems are shown."""
    config = config_module.load(path)
    if isinstance(config, list):
        show(config, path.parent)
        return None
    return config


def relative(path: Path) -> str:
    """A path as short as it can be told from here."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def config_flag(command: object) -> None:
    command.add_argument(  # type: ignore[attr-defined]
        "--config",
        type=Path,
        default=Path("config.yaml"),
        help="the site's config file (default: ./config.yaml)",
    )
