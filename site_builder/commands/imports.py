"""`site-builder import`: other sites' articles into this site's content folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config
from .console import CONTENT_ERROR, OK, USAGE_ERROR, config_flag, load_config, show


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ..importers.detect import FORMATS

    import_cmd = commands.add_parser(
        "import", help="migrate a site: WordPress, Jekyll, Hugo, a feed, or plain-text articles"
    )
    import_cmd.set_defaults(run=run)
    import_cmd.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a WordPress export (.xml), a Jekyll or Hugo site's folder, a feed's file or URL, "
        "or plain-text articles (.txt)",
    )
    import_cmd.add_argument(
        "--from",
        dest="form",
        choices=FORMATS,
        help="the source's format (default: told from the source, and named in the report)",
    )
    config_flag(import_cmd)
    import_cmd.add_argument(
        "--into", type=Path, help="folder to write into (default: the config's content folder)"
    )
    import_cmd.add_argument(
        "--dry-run", action="store_true", help="print the report only; write nothing"
    )
    import_cmd.add_argument(
        "--update",
        action="store_true",
        help="overwrite articles imported before (same id) from the source",
    )
    import_cmd.add_argument(
        "--media",
        type=Path,
        help="a copy of the old site's media (WordPress: wp-content/uploads) to copy images from",
    )
    import_cmd.add_argument(
        "--with-related",
        action="store_true",
        help="plain-text articles: also write the related articles each file lists",
    )


def run(args: argparse.Namespace) -> int:
    from ..importers.detect import detect

    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    into = args.into.resolve() if args.into else config.content_dir
    told = detect(args.form, args.sources)
    if not isinstance(told, tuple):
        show([told], Path.cwd())
        return USAGE_ERROR
    if told[0] == "text":
        return _plain_text(args, config, into)
    return _migration(args, config, into)


def _migration(args: argparse.Namespace, config: Config, into: Path) -> int:
    from ..importers.importing import Options, migrate

    media = args.media.resolve() if args.media else None
    options = Options(into, args.dry_run, args.update, media)
    outcome = migrate(args.form, list(args.sources), config, options)
    show([p for p in outcome.problems if p.level == "error"], Path.cwd())
    print("\n".join(outcome.report))
    if not outcome.ok:
        return CONTENT_ERROR
    return OK


def _plain_text(args: argparse.Namespace, config: Config, into: Path) -> int:
    from ..importers.text_import import import_files

    if args.dry_run or args.update or args.media:
        sys.stderr.write("--dry-run, --update and --media are for the other formats\n")
        return USAGE_ERROR
    files = [Path(s) for s in args.sources]
    result = import_files(files, into, config.base_url, args.with_related)
    show(result.problems, Path.cwd())
    if any(p.level == "error" for p in result.problems):
        sys.stderr.write("nothing was written\n")
        return CONTENT_ERROR
    print("format: text (plain-text archive articles)", file=sys.stderr)
    for path in result.written:
        print(path)
    for what, reason in result.skipped:
        print(f"skipped {what}: {reason}", file=sys.stderr)
    return OK
