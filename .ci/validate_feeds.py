#!/usr/bin/env python3
"""Run the W3C Feed Validator over every RSS and Atom feed of a built site (CI only).

    python .ci/validate_feeds.py OUTPUT_DIR BASE_URL [--tarball PATH] [--jobs N]

The validator is not on PyPI: CI has it in ../shared/tools beside the clone, so it
is extracted to a temporary folder here and never copied into the project.
Errors fail the run (exit 1); warnings are printed only.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TARBALL = REPO.parent / "shared" / "tools" / "feedvalidator-43dabeb.tar.gz"
FEED_NAMES = ("feed.xml", "atom.xml")
# Import name -> PyPI name of what the validator needs.
NEEDS = {"lxml": "lxml", "html5lib": "html5lib", "rdflib": "rdflib"}


def ensure_dependencies() -> None:
    missing = [pypi for module, pypi in NEEDS.items() if importlib.util.find_spec(module) is None]
    if missing:
        print(f"validate_feeds: pip install {' '.join(missing)}", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)


def extract(tarball: Path, into: Path) -> Path:
    with tarfile.open(tarball) as archive:
        archive.extractall(into, filter="data")
    sources = [p.parent.parent for p in into.rglob("feedvalidator/__init__.py")]
    if not sources:
        raise SystemExit(f"validate_feeds: no feedvalidator package inside {tarball}")
    return sources[0]


def validate(args: tuple[str, Path, str]) -> tuple[list[str], list[str]]:
    """(errors, warnings) of one feed, each 'name:line: message'."""
    source, path, url = args
    if source not in sys.path:
        sys.path.insert(0, source)
    import feedvalidator
    from feedvalidator.formatter.base import BaseFormatter
    from feedvalidator.logging import Error, Warning

    try:
        events = feedvalidator.validateString(path.read_bytes(), firstOccurrenceOnly=1, base=url)[
            "loggedEvents"
        ]
    except feedvalidator.logging.ValidationFailure as failure:
        events = [failure.event]
    formatter = BaseFormatter([])

    def show(event: object) -> str:
        line = event.params.get("line", "?")  # type: ignore[attr-defined]
        return f"{url}:{line}: {formatter.getMessage(event)}"

    errors = [show(e) for e in events if isinstance(e, Error)]
    warnings = [show(e) for e in events if isinstance(e, Warning)]
    return errors, warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site's folder")
    parser.add_argument("base_url", help="the site's base_url, e.g. https://example.org/news/")
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2: CI's cores)")
    args = parser.parse_args()
    if not args.tarball.is_file():
        parser.error(f"no feed validator at {args.tarball}")
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    feeds = sorted(
        p for name in FEED_NAMES for p in args.output.rglob(name) if "pagefind" not in p.parts
    )
    if not feeds:
        print(f"validate_feeds: no feed.xml or atom.xml under {args.output}")
        return 1
    ensure_dependencies()
    with tempfile.TemporaryDirectory(prefix="feedvalidator-") as tmp:
        source = str(extract(args.tarball, Path(tmp)))
        # base= is each feed's own URL (percent-encoded, as the feed's rel="self"
        # must be): the validator checks the self link against it.
        jobs = [(source, p, base + quote(p.relative_to(args.output).as_posix())) for p in feeds]
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(validate, jobs, chunksize=8))
    errors = [e for errs, _ in results for e in errs]
    warnings = [w for _, warns in results for w in warns]
    for warning in warnings:
        print(f"warning: {warning}")
    for error in errors:
        print(f"error: {error}")
    print(f"validate_feeds: {len(feeds)} feeds, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
