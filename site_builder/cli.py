"""The command line: commands, flags and exit codes (0 ok, 1 content errors, 2 usage)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, scaffold, workers
from . import config as config_module
from .build import Options, build, check
from .dates import build_now
from .problems import Problem
from .progress import Progress
from .report import as_json, as_text
from .search import SearchUnavailable

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder", description="Build an Arabic-first static news site."
    )
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="build the whole site")
    _config_flag(build_cmd)
    build_cmd.add_argument("--output", type=Path, help="output folder (default: the config's)")
    build_cmd.add_argument("--drafts", action="store_true", help="include drafts")
    build_cmd.add_argument("--future", action="store_true", help="include future articles")
    build_cmd.add_argument(
        "--jobs",
        type=_jobs,
        default=workers.default_jobs(),
        help="worker processes (default: the number of cores)",
    )
    build_cmd.add_argument("--clean", action="store_true", help="ignore the cache")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the search index")
    loudness = build_cmd.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="print every step")

    check_cmd = commands.add_parser("check", help="validate config and articles, write nothing")
    _config_flag(check_cmd)
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")

    serve_cmd = commands.add_parser(
        "serve", help="preview with drafts; rebuild and reload on change"
    )
    _config_flag(serve_cmd)
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve_cmd.add_argument("--port", type=_port, default=8000, help="default: 8000")
    serve_cmd.add_argument(
        "--no-drafts", action="store_true", help="hide drafts and future articles, as a build does"
    )

    new_cmd = commands.add_parser("new", help="write a new draft article and print its path")
    new_cmd.add_argument("title", help="the headline")
    _config_flag(new_cmd)
    new_cmd.add_argument(
        "--tags", default="", help='tags split on "," or "،": --tags "اقتصاد، الذهب"'
    )
    new_cmd.add_argument("--slug", help="the URL segment and file name (default: from the title)")

    init_cmd = commands.add_parser("init", help="make a new site in DIR")
    init_cmd.add_argument("dir", type=Path, metavar="DIR")

    import_cmd = commands.add_parser("import", help="turn plain-text articles into Markdown ones")
    import_cmd.add_argument("files", type=Path, nargs="+", metavar="FILE")
    _config_flag(import_cmd)
    import_cmd.add_argument(
        "--into", type=Path, help="folder to write into (default: the config's content folder)"
    )
    import_cmd.add_argument(
        "--with-related",
        action="store_true",
        help="also write the related articles each file lists",
    )
    return parser


def _config_flag(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config",
        type=Path,
        default=Path("config.yaml"),
        help="the site's config file (default: ./config.yaml)",
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port (0-65535)")
    return int(value)


def run() -> None:
    """The console script: main(), then a quick exit (a build's heap need not be freed
    object by object, and the cyclic collector has nothing to find in it)."""
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "new":
        return _new(args)
    if args.command == "init":
        return _init(args)
    if args.command == "import":
        return _import(args)
    return USAGE_ERROR


def _import(args: argparse.Namespace) -> int:
    from .importer import import_files

    config = _config(args.config)
    if config is None:
        return CONTENT_ERROR
    into = args.into.resolve() if args.into else config.content_dir
    result = import_files(list(args.files), into, config.base_url, args.with_related)
    _show(result.problems, Path.cwd())
    if any(p.level == "error" for p in result.problems):
        sys.stderr.write("nothing was written\n")
        return CONTENT_ERROR
    for path in result.written:
        print(path)
    for what, reason in result.skipped:
        print(f"skipped {what}: {reason}", file=sys.stderr)
    return OK


def _show(problems: list[Problem], root: Path, quiet: bool = False) -> None:
    shown = [p for p in problems if not quiet or p.level == "error"]
    if shown:
        sys.stderr.write(as_text(shown, root))


def _config(path: Path) -> config_module.Config | None:
    """The site's config, or None once its problems are shown."""
    config = config_module.load(path)
    if isinstance(config, list):
        _show(config, path.parent)
        return None
    return config


def _build(args: argparse.Namespace) -> int:
    config = _config(args.config)
    if config is None:
        return CONTENT_ERROR
    options = Options(
        output=args.output.resolve() if args.output else None,
        drafts=args.drafts,
        future=args.future,
        jobs=args.jobs,
        clean=args.clean,
        search=not args.no_search,
    )
    progress = Progress(quiet=args.quiet)
    try:
        result = build(config, options, progress=progress)
    except SearchUnavailable as error:
        sys.stderr.write(f"error: {error}\nnothing was written; the previous output is as it was\n")
        return CONTENT_ERROR
    finally:
        progress.close()
    _show(result.problems, config.root, quiet=args.quiet)
    if not result.ok:
        sys.stderr.write("nothing was written; the previous output is as it was\n")
        return CONTENT_ERROR
    if not args.quiet:
        target = options.output or config.output_dir
        if result.notes:  # nothing changed: the model was not even built
            print(
                f"{'; '.join(result.notes)}: {result.articles} articles, "
                f"{result.unchanged} files, in {result.seconds:.2f} s → {target}"
            )
        else:
            print(
                f"{result.articles} articles, {result.tags} tags, {result.feeds} feeds; "
                f"{result.written} files written, {result.unchanged} unchanged, "
                f"in {result.seconds:.2f} s → {target}"
            )
        if args.verbose:
            print(
                f"  {result.read} article files read, the rest from the cache; "
                + ", ".join(f"{k} {v:.2f} s" for k, v in result.steps.items())
            )
    return OK


def _check(args: argparse.Namespace) -> int:
    config = config_module.load(args.config)
    if isinstance(config, list):
        problems = config
        root = args.config.parent
    else:
        _site, problems = check(config, Options())
        root = config.root
    if args.format == "json":
        sys.stdout.write(as_json(problems))
    else:
        _show(problems, root)
        if not problems:
            print("no problems found")
    return CONTENT_ERROR if any(p.level == "error" for p in problems) else OK


def _serve(args: argparse.Namespace) -> int:
    from . import serve  # watchfiles is only needed here

    config = _config(args.config)
    if config is None:
        return CONTENT_ERROR
    try:
        server = serve.PreviewServer(
            args.host,
            args.port,
            serve.LiveState(config.base_path),
            serve.preview_folder(config, args.port),
        )
    except OSError as error:
        sys.stderr.write(serve.cannot_listen(error, args.host, args.port) + "\n")
        return USAGE_ERROR
    serve.run(server, config, drafts=not args.no_drafts)
    return OK


def _new(args: argparse.Namespace) -> int:
    config = _config(args.config)
    if config is None:
        return CONTENT_ERROR
    written = scaffold.new_article(config, args.title, build_now(), args.tags, args.slug)
    if isinstance(written, Problem):
        _show([written], config.root)
        return CONTENT_ERROR
    print(_relative(written))
    return OK


def _init(args: argparse.Namespace) -> int:
    made = scaffold.init_site(args.dir, build_now())
    if isinstance(made, Problem):
        _show([made], args.dir)
        return CONTENT_ERROR
    print(f"a new site in {args.dir}:")
    for path in made:
        print(f"  {_relative(path)}")
    print(f"next: cd {args.dir} && site-builder serve")
    return OK


def _relative(path: Path) -> str:
    """A path as short as it can be told from here."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
