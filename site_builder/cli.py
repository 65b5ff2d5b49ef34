"""The command line: one subcommand per module of `commands`, and the exit codes
(0 ok, 1 content errors, 2 usage, 3 internal error, 4 published with articles held
back, 5 another build of the site is running)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from . import __version__, crash
from .commands import build, deploy, imports, init, new, serve
from .commands.console import USAGE_ERROR

COMMANDS = (build, serve, deploy, new, init, imports)  # in the order `--help` lists them


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder", description="Build an Arabic-first static news site."
    )
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parsers(commands)
    return parser


def run() -> None:
    """The console script: main(), then a quick exit (a build's heap need not be freed
    object by object, and the cyclic collector has nothing to find in it)."""
    gc.disable()
    try:
        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    except Exception as error:  # noqa: BLE001 - a bug: one line for the user, the trace kept
        code = crash.report(error, sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    runner = getattr(args, "run", None)
    return runner(args) if runner is not None else USAGE_ERROR
