"""What an incremental build remembers: parsed files, converted bodies, output keys.

Everything lives in one folder per output folder under the config's cache_dir:
`state.pickle` (checked by a digest, versioned, ignored when it does not match)
and `bodies.pack` (converted bodies, appended, each entry checked when read).
A cache that is missing, corrupt or from another builder version is ignored,
never trusted: the build then does everything from scratch.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__

FORMAT = 5  # bump when what is stored changes shape
_MAGIC = b"site-builder-cache\n"


def digest(*parts: bytes | str) -> str:
    """A short stable digest of some text or bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


@dataclass
class State:
    fingerprint: str = ""
    files: dict[str, tuple[tuple[int, int, int], object]] = field(default_factory=dict)
    bodies: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # offset, length, check
    outputs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # key, size, mtime
    inputs: str = ""  # a digest of everything the last build read, to see nothing changed
    spare: tuple[int, frozenset[str]] | None = None  # the spare tree's inode, stale paths
    memo: dict[str, object] = field(default_factory=dict)  # decisions kept between builds


class Cache:
    """The cache of one output folder; `fresh` ignores (and then replaces) what is there."""

    def __init__(
        self, cache_dir: Path, output: Path, fingerprint: str, fresh: bool = False
    ) -> None:
        self.folder = cache_dir / digest(str(output.resolve()))[:12]
        self.fingerprint = fingerprint
        self.state = State(fingerprint=fingerprint)
        self.loaded = False
        if not fresh:
            self._load()
        self._pack: BodyPack | None = None

    @property
    def state_file(self) -> Path:
        return self.folder / "state.pickle"

    @property
    def spare_marker(self) -> Path:
        """Present while a build changes the spare tree: a killed build leaves it behind."""
        return self.folder / "spare-in-use"

    def _load(self) -> None:
        try:
            data = self.state_file.read_bytes()
        except OSError:
            return
        head, _, rest = data.partition(b"\n\n")
        check = head.removeprefix(_MAGIC).decode("ascii", "replace")
        if not head.startswith(_MAGIC) or check != digest(rest) or not rest:
            return  # corrupt: ignored
        try:
            state = pickle.loads(rest)  # noqa: S301 - our own file, checked above
        except Exception:  # noqa: BLE001 - any failure to unpickle means: start over
            return
        if not isinstance(state, State) or state.fingerprint != self.fingerprint:
            return  # another builder version, config or theme
        self.state = state
        self.loaded = True

    def pack(self) -> BodyPack:
        if self._pack is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._pack = BodyPack(
                self.folder / "bodies.pack", self.state.bodies, fresh=not self.loaded
            )
        return self._pack

    def save(self) -> None:
        """Write the state next to the pack, in one step (a crash leaves the old one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._pack is not None:
            self._pack.close()
            self._pack.compact_if_sparse()
        rest = pickle.dumps(self.state, protocol=pickle.HIGHEST_PROTOCOL)
        temporary = self.state_file.with_suffix(".tmp")
        temporary.write_bytes(_MAGIC + digest(rest).encode("ascii") + b"\n\n" + rest)
        temporary.replace(self.state_file)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The builder's own version: its release and the bytes of its modules, so that a
    changed builder never trusts what an older one cached."""
    package = Path(__file__).resolve().parent
    return digest(__version__, *(p.read_bytes() for p in sorted(package.glob("*.py"))))


def fingerprint(*parts: str) -> str:
    return digest(code_digest(), str(FORMAT), *parts)


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
