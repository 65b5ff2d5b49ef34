"""The preview's HTTP server: one output folder under the site's base path, plus the
reload endpoints, on loopback unless told otherwise."""

from __future__ import annotations

import errno
import mimetypes
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .live import RELOAD_SCRIPT, SCRIPT_PATH, STATE_PATH, LiveState, inject

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})

# Shown for a missing page before any build has succeeded (the site has no 404.html yet).
_NO_BUILD_YET = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>404</title></head>
<body><p>لا توجد صفحة هنا بعد.</p></body></html>
""".encode()

# Types the platform may not know: the web editor's admin/config.yml.
_TYPES = {".yml": "application/yaml"}


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
        kind = mimetypes.guess_type(file.name)[0] or _TYPES.get(
            file.suffix, "application/octet-stream"
        )
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
