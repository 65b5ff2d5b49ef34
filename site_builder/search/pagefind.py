"""Arabic search: Pagefind indexes the built pages; the theme has the search page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class SearchUnavailable(Exception):
    """Pagefind's binary is not installed, or it failed; the message says what to do."""


def executable() -> Path:
    """Pagefind's binary, from the `pagefind[bin]` package or the PATH."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError, OSError):
        pass
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return Path(found)
    raise SearchUnavailable(
        "Pagefind is not installed, so the search index cannot be built. "
        "Install it with: pip install 'pagefind[bin]' — or build with --no-search"
    )


def index(site_dir: Path) -> None:
    """Index the articles of a built site into site_dir/pagefind/."""
    binary = executable()
    done = subprocess.run(
        [str(binary), "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SearchUnavailable(
            f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}"
        )
