"""The preview's loop: build with drafts into a folder of its own, watch the site's
files, rebuild on every change and tell the open pages."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import watchfiles

from .. import config as config_module
from .. import crash
from ..config import Config
from ..pipeline import Options, build
from ..problems import Problem
from ..report import as_text
from .live import LiveState
from .server import LOOPBACK, PreviewServer, url_of


class Preview:
    """Rebuilds the site into a folder of its own and tells the open pages."""

    def __init__(self, config_path: Path, output: Path, state: LiveState, drafts: bool) -> None:
        self.config_path = config_path
        self.output = output
        self.state = state
        self.drafts = drafts

    def rebuild(self) -> Config | None:
        """Build once; return the config read (None if it is broken)."""
        started = time.perf_counter()
        config = config_module.load(self.config_path)
        if isinstance(config, list):
            self._failed(config, self.config_path.parent)
            return None
        options = Options(output=self.output, drafts=self.drafts, future=self.drafts, search=False)
        before = _identity(self.output)
        try:
            result = build(config, options)
        except Exception as error:  # a theme being edited raises (TemplateSyntaxError…)
            if not isinstance(error, jinja2.TemplateError):
                # A bug in the builder: one line here, the trace in a file for its maintainers.
                sys.stderr.write(crash.line(error, sys.argv[1:]) + "\n")
            self._failed([_crash(error)], config.root)
            return config
        problems = result.problems
        if any(p.level == "error" for p in problems):
            self._failed(problems, config.root)
            return config
        if problems:
            sys.stderr.write(as_text(problems, config.root))
        # A build that changes nothing leaves the folder in place: no reload then,
        # but an overlay still clears when a fix restores the last good text.
        self.state.succeeded(config.base_path, changed=_identity(self.output) != before)
        print(
            f"built {result.articles} articles in {time.perf_counter() - started:.2f} s", flush=True
        )
        return config

    def _failed(self, problems: list[Problem], root: Path) -> None:
        text = as_text(problems, root)
        self.state.failed(problems, text)
        sys.stderr.write(text + "the last good build is still served; fix and save to rebuild\n")
        sys.stderr.flush()


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is there: every build that writes swaps in a new one."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _crash(error: Exception) -> Problem:
    where = getattr(error, "filename", None) or "the build"
    line = getattr(error, "lineno", None)
    return Problem(
        str(where),
        line if isinstance(line, int) else None,
        f"{type(error).__name__}: {error}",
        "fix it and save to rebuild",
    )


def watched(config: Config) -> list[Path]:
    """What to watch: content, pages, theme and config (those that exist)."""
    paths = [config.content_dir, config.pages_dir, config.theme, config.path]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def run(server: PreviewServer, config: Config, drafts: bool) -> None:
    """Build, serve and rebuild on every change until Ctrl-C (or SIGTERM)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    restore = _stop_on_sigterm()
    try:
        preview = Preview(config.path, server.output, server.state, drafts)
        config = preview.rebuild() or config
        host = str(server.server_address[0])
        shown = "shown" if drafts else "hidden"
        print(
            f"serving {url_of(server, host, server.state.base_path)} "
            f"(drafts and future articles {shown}); Ctrl-C to stop",
            flush=True,
        )
        if server.names - LOOPBACK or server.any_host:
            print("note: other machines can reach this server, drafts included", flush=True)
        _watch(preview, config)
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        server.close()
    print("stopped", flush=True)


def _watch(preview: Preview, config: Config) -> None:
    while True:
        paths = watched(config)
        for changes in watchfiles.watch(*paths, raise_interrupt=True):
            sys.stdout.write(_changed(changes, config.root))
            config = preview.rebuild() or config
            # A new config may move the folders, and an editor that saves by
            # renaming leaves the old file's watch behind: watch afresh.
            touched = {Path(p) for _, p in changes}
            if config.path in touched or watched(config) != paths:
                break


def _changed(changes: Iterable[tuple[Any, str]], root: Path) -> str:
    paths = sorted({p for _, p in changes})
    first = Path(paths[0])
    shown = first.relative_to(root) if first.is_relative_to(root) else first
    more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
    return f"changed: {shown}{more}\n"


def _stop_on_sigterm() -> Callable[[], object]:
    """Let SIGTERM stop the server like Ctrl-C; return what undoes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def preview_folder(config: Config, port: int) -> Path:
    """Where serve builds: in the cache, so output/ is never touched and restarts are quick.

    One folder a port, so two previews of one site (on two ports) never share one.
    """
    return config.cache_dir / f"preview-{port}"
