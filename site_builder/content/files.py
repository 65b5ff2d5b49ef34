"""Finding the Markdown files of a folder and reading one safely (links, size, UTF-8)."""

from __future__ import annotations

import os
from pathlib import Path

from ..config import Config
from ..problems import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024  # past this a file is surely not an article
ARTICLE_SUFFIXES = (".md", ".markdown")
Stamp = tuple[int, int, int]  # mtime_ns, size, inode: a file unchanged since has the same


def file_stamp(file: Path) -> Stamp | None:
    """What tells a file changed, without reading it; None when it is not there."""
    try:
        info = os.stat(file)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def shown_path(file: Path, config: Config) -> str:
    """A file's path as an editor knows it: relative to the site's folder."""
    try:
        return str(file.relative_to(config.root))
    except ValueError:
        return str(file)


def find_files(folder: Path) -> list[Path]:
    """Every Markdown file (.md, .markdown) under a folder, sorted, hidden files left out."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            Path(top) / f for f in files if f.endswith(ARTICLE_SUFFIXES) and not f.startswith(".")
        ]
    return sorted(found)


def read_text(file: Path, shown: str, root: Path) -> str | Problem:
    """The file's text, or why it cannot be an article."""
    try:
        real = file.resolve(strict=True)
    except RuntimeError:  # Python 3.11's pathlib says so for a link that loops
        return Problem(
            shown,
            None,
            "the file is a link that points back to itself (a loop)",
            "replace the link with the article itself",
        )
    except OSError as error:
        return Problem(
            shown,
            None,
            f"the file cannot be opened: {error.strerror}",
            "fix or remove the broken link",
        )
    if root.resolve() not in real.parents:
        return Problem(
            shown,
            None,
            f"the file is a link to {real}, outside the content folder",
            "copy the article into the content folder instead of linking to it",
        )
    try:
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                shown,
                None,
                f"the file is {size // (1024 * 1024)} MB; articles are at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                "split it, or move large data out of the content folder",
            )
        data = real.read_bytes()
    except OSError as error:
        return Problem(
            shown, None, f"the file cannot be read: {error.strerror}", "check its permissions"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            shown,
            line,
            "the file is not UTF-8 text",
            "save it as UTF-8 (in most editors: Save with Encoding → UTF-8)",
        )
