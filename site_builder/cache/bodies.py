"""The body store: converted article bodies in one append-only file, each read checked."""

from __future__ import annotations

import os
from pathlib import Path

from ..digests import digest


class BodyPack:
    """Converted bodies in one append-only file; each read is checked against its digest."""

    def __init__(self, path: Path, index: dict[str, tuple[int, int, str]], fresh: bool) -> None:
        self.path = path
        self.index = index
        if fresh:
            index.clear()
            path.unlink(missing_ok=True)
        self._writer = open(path, "ab")  # noqa: SIM115 - kept open for the build
        self._size = self._writer.seek(0, os.SEEK_END)

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def add(self, key: str, html: str) -> None:
        data = html.encode("utf-8")
        self.index[key] = (self._size, len(data), digest(data))
        self._writer.write(data)
        self._size += len(data)

    def flush(self) -> None:
        self._writer.flush()

    def close(self) -> None:
        if not self._writer.closed:
            self._writer.close()

    def compact_if_sparse(self) -> None:
        """Rewrite the pack without dead entries once they outweigh the live ones."""
        live = sum(length for _, length, _ in self.index.values())
        if self._size <= 2 * live + (1 << 20):
            return
        reader = BodyReader(self.path, self.index)
        temporary = self.path.with_suffix(".tmp")
        new_index: dict[str, tuple[int, int, str]] = {}
        with open(temporary, "wb") as out:
            for key, (_, length, check) in sorted(self.index.items(), key=lambda kv: kv[1][0]):
                data = reader.read_bytes(key)
                if data is None:
                    continue
                new_index[key] = (out.tell(), length, check)
                out.write(data)
        reader.close()
        temporary.replace(self.path)
        self.index.clear()
        self.index.update(new_index)


class BodyReader:
    """Reads converted bodies from a pack (one per process: file handles don't fork well)."""

    def __init__(self, path: Path, index: dict[str, tuple[int, int, str]]) -> None:
        self.index = index
        self._fd = os.open(path, os.O_RDONLY)

    def read_bytes(self, key: str) -> bytes | None:
        entry = self.index.get(key)
        if entry is None:
            return None
        offset, length, check = entry
        data = os.pread(self._fd, length, offset)
        return data if len(data) == length and digest(data) == check else None

    def read(self, key: str) -> str | None:
        data = self.read_bytes(key)
        return data.decode("utf-8") if data is not None else None

    def close(self) -> None:
        os.close(self._fd)
