"""The preview server: build with drafts, serve under base_url's path, rebuild and reload.

Open pages learn of a new build by polling STATE_PATH from a script added to served
HTML only, never to the built files; a build that fails keeps the last good site
served and the script lays the problems over the page until a fix builds.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import signal
import socket
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import jinja2
import watchfiles

from . import config as config_module
from .build import Options, build
from .config import Config
from .problems import Problem
from .report import as_text

STATE_PATH = "/__reload"
SCRIPT_PATH = "/__reload.js"
POLL_MS = 500
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})

# Kept in a file of its own on the server, not inline, so a theme's strict
# Content-Security-Policy ('self' scripts only) still lets it run.
RELOAD_SCRIPT = """(() => {
  const version = document.currentScript.dataset.version;
  let overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "site-builder-errors";
      overlay.setAttribute("role", "alert");
      const style = overlay.style;
      style.position = "fixed";
      style.inset = "0";
      style.zIndex = "2147483647";
      style.overflow = "auto";
      style.padding = "1.5rem";
      style.background = "rgba(40, 0, 0, 0.94)";
      style.color = "#fff";
      style.font = "15px/1.6 ui-monospace, monospace";
      const heading = (text, dir) => {
        const line = document.createElement("p");
        line.dir = dir;
        line.style.fontWeight = "bold";
        line.style.margin = "0 0 0.5rem";
        line.textContent = text;
        return line;
      };
      const details = document.createElement("pre");
      details.dir = "ltr";  // the messages are English with the Arabic line quoted
      details.style.whiteSpace = "pre-wrap";
      overlay.append(
        heading("تعذّر بناء التعديل الأخير؛ الصفحة تعرض آخر نسخة سليمة حتى تصلحه.", "rtl"),
        heading("The last change does not build; this page is the last good build.", "ltr"),
        details);
      document.body.append(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  async function poll() {
    try {
      const response = await fetch("STATE_PATH", {cache: "no-store"});
      const state = await response.json();
      if (state.problems.length) {
        show(state.text);
      } else if (state.version !== version) {
        location.reload();
        return;
      } else {
        hide();
      }
    } catch (error) {
      // The server is restarting or stopped: keep asking quietly.
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
})();
""".replace("STATE_PATH", STATE_PATH).replace("POLL_MS", str(POLL_MS))

# Shown for a missing page before any build has succeeded (the site has no 404.html yet).
_NO_BUILD_YET = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>404</title></head>
<body><p>لا توجد صفحة هنا بعد.</p></body></html>
""".encode()


class LiveState:
    """What open pages poll: a build counter, and the problems of the last failed build."""

    def __init__(self, base_path: str) -> None:
        self._lock = threading.Lock()
        self._run = uuid.uuid4().hex[:8]  # a restarted server never repeats a version
        self._builds = 0
        self._base_path = base_path
        self._problems: list[Problem] = []
        self._text = ""

    @property
    def version(self) -> str:
        with self._lock:
            return f"{self._run}-{self._builds}"

    @property
    def base_path(self) -> str:
        with self._lock:
            return self._base_path

    def succeeded(self, base_path: str, changed: bool = True) -> None:
        with self._lock:
            if changed:
                self._builds += 1
            self._base_path = base_path
            self._problems, self._text = [], ""

    def failed(self, problems: list[Problem], text: str) -> None:
        with self._lock:
            self._problems, self._text = problems, text

    def as_json(self) -> bytes:
        with self._lock:
            state = {
                "version": f"{self._run}-{self._builds}",
                "builds": self._builds,
                "problems": [p.as_dict() for p in self._problems],
                "text": self._text,
            }
        return json.dumps(state, ensure_ascii=False).encode("utf-8")


def inject(html: bytes, version: str) -> bytes:
    """The page with the reload script added before </body> (at the end if there is none)."""
    tag = f'<script src="{SCRIPT_PATH}" data-version="{version}"></script>'.encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at == -1 else html[:at] + tag + html[at:]


class PreviewServer(ThreadingHTTPServer):
    """Serves one output folder under the site's base path, plus the reload endpoints."""

    daemon_threads = True
    block_on_close = False  # Ctrl-C must not wait for a browser's open connection

    def __init__(self, host: str, port: int, state: LiveState, output: Path) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)  # binds: OSError if the port is taken
        self.state = state
        self.output = output
        # Only the names the --host flag allows: a rebinding DNS name pointing at
        # 127.0.0.1 must not let another web site read the drafts.
        self.any_host = host in ANY_ADDRESS
        self.names = LOOPBACK | {host.lower()}

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def allows(self, host_header: str) -> bool:
        if self.any_host:
            return True
        name = host_header.strip().lower()
        if name.startswith("["):
            name = name[1:].partition("]")[0]
        else:
            name = name.rpartition(":")[0] if ":" in name else name
        return name in self.names

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-answer (a reload, a closed tab): nothing to say
        super().handle_error(request, client_address)

    def close(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the build messages in the terminal

    def _answer(self, body: bool) -> None:
        if not self.server.allows(self.headers.get("Host", "")):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host\n", "text/plain", body)
            return
        # Compared decoded: base_url may hold Arabic letters, written either way.
        path = unquote(urlsplit(self.path).path)
        state = self.server.state
        if path == STATE_PATH:
            self._send(HTTPStatus.OK, state.as_json(), "application/json", body)
            return
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, RELOAD_SCRIPT.encode(), "text/javascript", body)
            return
        base = unquote(state.base_path)
        if not path.startswith(base):
            if path in ("", "/") or path + "/" == base:
                self._redirect(quote(base))
            else:
                self._not_found(body)
            return
        file = self._find(path[len(base) :])
        if file is None:
            self._not_found(body)
        elif file.is_dir():
            self._redirect(quote(path) + "/")
        else:
            self._file(file, HTTPStatus.OK, body)

    def _find(self, relative: str) -> Path | None:
        """The file (or a folder to redirect to, without its '/') a URL path names."""
        root = self.server.output.resolve()
        target = (root / relative.lstrip("/")).resolve()
        if target != root and root not in target.parents:
            return None
        if target.is_dir():
            index = target / "index.html"
            if not relative.endswith("/") and relative:
                return target if index.is_file() else None
            target = index
        return target if target.is_file() else None

    def _file(self, file: Path, status: HTTPStatus, body: bool) -> None:
        try:
            data = file.read_bytes()
        except OSError:  # swapped out by a rebuild between finding and reading
            self._not_found(body)
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(status, data, kind, body)

    def _not_found(self, body: bool) -> None:
        page = self.server.output / "404.html"
        try:
            data = page.read_bytes()
        except OSError:
            data = _NO_BUILD_YET
        self._send(HTTPStatus.NOT_FOUND, data, "text/html", body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool) -> None:
        if kind == "text/html":
            data = inject(data, self.server.state.version)
        if kind.startswith("text/") or kind in ("application/json", "application/xml"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the new build
        self.end_headers()
        if body:
            self.wfile.write(data)


def cannot_listen(error: OSError, host: str, port: int) -> str:
    """What to tell the editor when the port or host cannot be had."""
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is in use; try --port {port + 1}"
    if error.errno == errno.EACCES:
        return f"port {port} needs more rights than you have; try --port 8000"
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return f"'{host}' is not an address of this machine; try --host 127.0.0.1"
    return f"cannot listen on {host} port {port}: {error.strerror or error}"


def url_of(server: PreviewServer, host: str, base_path: str) -> str:
    shown = "127.0.0.1" if host in ANY_ADDRESS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{server.port}{quote(unquote(base_path))}"


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
                traceback.print_exc()  # a bug in the builder: its maintainers need the trace
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
