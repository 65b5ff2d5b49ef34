"""Build the two sites the validator and browser tests look at, once per test process.

Both test modules use the same builds: a cache here (not a conftest fixture) lets
them share one build of each site, which is what takes the time.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from . import REPO

CORPUS_SCRIPT = REPO / "bench" / "make_corpus.py"
CORPUS_ARTICLES = 500
CORPUS_SEED = 7
# After every corpus article (they span 2022-2024), so none is left out as future.
CORPUS_EPOCH = "1735689600"  # 2025-01-01T00:00:00Z


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Site:
    name: str
    output: Path
    base_url: str

    @property
    def base_path(self) -> str:
        """The path pages are served under, e.g. '/news/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def url_path(self, relative: Path | str) -> str:
        """The percent-encoded URL path (after base_path) of a file or folder of the output."""
        return quote(Path(relative).as_posix().removesuffix("index.html").removesuffix("."))


_temp_dirs: list[Path] = []
_cache: dict[str, Site | Exception] = {}


def _remove_temp_dirs() -> None:
    for path in _temp_dirs:
        shutil.rmtree(path, ignore_errors=True)


def _temp_dir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    if not _temp_dirs:
        atexit.register(_remove_temp_dirs)
    _temp_dirs.append(path)
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr)[-1500:]  # the end says what went wrong
        raise BuildFailed(f"{what} exited {proc.returncode}: {' '.join(command)}\n{output}")


def build(name: str, config: Path, env: dict[str, str] | None = None) -> Site:
    """Run the builder as a user would, into a fresh temporary folder."""
    output = _temp_dir(f"site-{name}-") / "output"
    command = [sys.executable, "-m", "site_builder", "build", "--config", str(config)]
    _run([*command, "--output", str(output), "--no-search"], env or dict(os.environ), "build")
    base_url = yaml.safe_load(config.read_text(encoding="utf-8"))["base_url"]
    return Site(name=name, output=output, base_url=base_url)


def _example() -> Site:
    return build("example", REPO / "config.yaml")


def _corpus() -> Site:
    if not CORPUS_SCRIPT.is_file():
        raise BuildFailed(f"{CORPUS_SCRIPT.relative_to(REPO)} is missing: it makes the corpus")
    env = {**os.environ, "SOURCE_DATE_EPOCH": CORPUS_EPOCH}
    corpus = _temp_dir("corpus-")
    _run(
        [
            sys.executable,
            str(CORPUS_SCRIPT),
            str(corpus),
            "--articles",
            str(CORPUS_ARTICLES),
            "--write-config",
            "--seed",
            str(CORPUS_SEED),
        ],
        env,
        "make_corpus",
    )
    return build("corpus", corpus / "config.yaml", env)


_BUILDERS: dict[str, Callable[[], Site]] = {"example": _example, "corpus": _corpus}
SITE_NAMES = tuple(_BUILDERS)


def get_site(name: str) -> Site:
    """The built site, building it on first use; a failed build fails every later use at once."""
    if name not in _cache:
        try:
            _cache[name] = _BUILDERS[name]()
        except Exception as exc:
            # Remembered, so a broken build is neither rerun nor its output
            # repeated in full by every test that uses the site.
            _cache[name] = BuildFailed(f"the {name} site did not build: see its first failure")
            raise BuildFailed(str(exc)) from exc
    found = _cache[name]
    if isinstance(found, Exception):
        raise found
    return found


def sample_pages(site: Site, edition: str = "") -> dict[str, str]:
    """URL paths (under base_path) of the pages the browser tests open; an edition's
    ("en/") from its folder."""
    out = site.output
    top = out / edition
    articles = sorted((top / "articles").rglob("index.html")) if (top / "articles").is_dir() else []
    tags = sorted(p for p in (top / "tags").glob("*/index.html")) if (top / "tags").is_dir() else []
    pages = {"home": edition, "tags": edition + "tags/index.html"}
    if articles:
        pages["article"] = site.url_path(articles[0].relative_to(out))
    if tags:
        pages["tag"] = site.url_path(tags[0].relative_to(out))
    return pages
