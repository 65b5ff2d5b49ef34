"""Pagefind's indexer as a subprocess (`pagefind --service`), spoken to over its pipes.

The protocol is Pagefind's own: each message is base64 of a JSON object, followed
by a comma, in both directions. Pagefind's Python package speaks it too, but
waits 0.1 s before reading every answer (250 articles: 26 s instead of 1.5 s),
reads at most 2 MiB at once (one shard's files are more) and answers WriteFiles
before its files are on disk. So this client sends a shard's records without
waiting, reads the answers on a thread of its own, and takes the files over the
pipe (GetFiles) to write them itself.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

PAGEFIND_VERSION = "1.5.2"  # the file layout `bundles` relies on; pyproject pins it


class SearchUnavailable(Exception):
    """Pagefind's binary is not installed, or it failed; the message says what to do."""


def executable() -> Path:
    """Pagefind's binary, from the `pagefind[bin]` package or the PATH."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError, OSError):
        pass
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return Path(found)
    raise SearchUnavailable(
        "Pagefind is not installed, so the search index cannot be built. "
        f"Install it with: pip install 'pagefind[bin]=={PAGEFIND_VERSION}' — or build with "
        "--no-search"
    )


class Service:
    """One `pagefind --service` process; indexes are made in it one after another."""

    def __init__(self, binary: Path) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._process = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )
        self._next = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._ended = False
        self._ready = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            with self._ready:
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    if answer is not None:
                        self._answers[answer.get("message_id") or 0] = answer["payload"]
                self._ready.notify_all()
        with self._ready:
            self._ended = True
            self._ready.notify_all()

    def _send(self, payload: dict[str, Any]) -> int:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(message) + b",")
        except BrokenPipeError:
            raise self._failure("it stopped") from None
        return self._next

    def _answer(self, message_id: int) -> dict[str, Any]:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.flush()
        except BrokenPipeError:
            raise self._failure("it stopped") from None
        with self._ready:
            while message_id not in self._answers and 0 not in self._answers:
                if self._ended:
                    raise self._failure("it stopped")
                self._ready.wait()
            answer = self._answers.pop(message_id, None) or self._answers.pop(0)
        if answer["type"] == "Error":
            raise self._failure(answer.get("message", "an error"))
        return answer

    def _failure(self, what: str) -> SearchUnavailable:
        self._errors.seek(0)
        said = self._errors.read()[-2000:].decode("utf-8", "replace").strip()
        return SearchUnavailable(f"Pagefind failed ({what}){': ' + said if said else ''}")

    def new_index(self, include_characters: str) -> int:
        config = {"include_characters": include_characters}
        return self._answer(self._send({"type": "NewIndex", "config": config}))["index_id"]

    def add_records(self, index: int, records: list[dict[str, Any]]) -> None:
        """Add custom records, all sent before the first answer is awaited."""
        sent = [self._send({"type": "AddRecord", "index_id": index, **r}) for r in records]
        for message_id in sent:
            self._answer(message_id)

    def files(self, index: int) -> dict[str, bytes]:
        """The index's bundle: path inside it → bytes."""
        answer = self._answer(self._send({"type": "GetFiles", "index_id": index}))
        return {f["path"]: base64.b64decode(f["content"]) for f in answer["files"]}

    def delete(self, index: int) -> None:
        self._answer(self._send({"type": "DeleteIndex", "index_id": index}))

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()  # Pagefind exits at the end of its input
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        self._errors.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
