"""`site-builder serve`: the live preview's flags and exit codes."""

from __future__ import annotations

import argparse
import sys

from .console import CONTENT_ERROR, OK, USAGE_ERROR, config_flag, load_config


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve_cmd = commands.add_parser(
        "serve", help="preview with drafts; rebuild and reload on change"
    )
    serve_cmd.set_defaults(run=run)
    config_flag(serve_cmd)
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve_cmd.add_argument("--port", type=_port, default=8000, help="default: 8000")
    serve_cmd.add_argument(
        "--no-drafts", action="store_true", help="hide drafts and future articles, as a build does"
    )


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port (0-65535)")
    return int(value)


def run(args: argparse.Namespace) -> int:
    from ..preview import live, server, watch  # watchfiles is only needed here

    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    try:
        preview = server.PreviewServer(
            args.host,
            args.port,
            live.LiveState(config.base_path),
            watch.preview_folder(config, args.port),
        )
    except OSError as error:
        sys.stderr.write(server.cannot_listen(error, args.host, args.port) + "\n")
        return USAGE_ERROR
    watch.run(preview, config, drafts=not args.no_drafts)
    return OK
