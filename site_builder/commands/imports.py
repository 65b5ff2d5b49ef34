"""`site-builder import`: other sites' articles into this site's content folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .console import CONTENT_ERROR, OK, config_flag, load_config, show


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import_cmd = commands.add_parser("import", help="turn plain-text articles into Markdown ones")
    import_cmd.set_defaults(run=run)
    import_cmd.add_argument("files", type=Path, nargs="+", metavar="FILE")
    config_flag(import_cmd)
    import_cmd.add_argument(
        "--into", type=Path, help="folder to write into (default: the config's content folder)"
    )
    import_cmd.add_argument(
        "--with-related",
        action="store_true",
        help="also write the related articles each file lists",
    )


def run(args: argparse.Namespace) -> int:
    from ..importers.text_import import import_files

    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    into = args.into.resolve() if args.into else config.content_dir
    result = import_files(list(args.files), into, config.base_url, args.with_related)
    show(result.problems, Path.cwd())
    if any(p.level == "error" for p in result.problems):
        sys.stderr.write("nothing was written\n")
        return CONTENT_ERROR
    for path in result.written:
        print(path)
    for what, reason in result.skipped:
        print(f"skipped {what}: {reason}", file=sys.stderr)
    return OK
