"""The state an incremental build keeps: parsed files, the body store's index, output keys.

Everything lives in one folder per output folder under the config's cache_dir:
`state.pickle` (checked by a digest, versioned, ignored when it does not match)
and `bodies.pack` (converted bodies, appended, each entry checked when read).
A cache that is missing, corrupt or from another builder version is ignored,
never trusted: the build then does everything from scratch.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..atomic import write_atomic
from ..digests import digest
from .bodies import BodyPack

FORMAT = 6  # bump when what is stored changes shape
_MAGIC = b"site-builder-cache\n"


@dataclass
class State:
    fingerprint: str = ""
    # file → its stamp and those of the images it uses, its record, its warnings
    files: dict[str, tuple[object, object, tuple[object, ...]]] = field(default_factory=dict)
    bodies: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # offset, length, check
    outputs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # key, size, mtime
    inputs: str = ""  # a digest of everything the last build read, to see nothing changed
    spare: tuple[int, frozenset[str]] | None = None  # the spare tree's inode, stale paths
    memo: dict[str, object] = field(default_factory=dict)  # decisions kept between builds
    # the search index: bundle folder → its key, and its files with their stamps
    search: dict[str, tuple[str, dict[str, tuple[int, int]]]] = field(default_factory=dict)


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
        write_atomic(self.state_file, _MAGIC + digest(rest).encode("ascii") + b"\n\n" + rest)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The builder's own version: its release and the bytes of its modules, so that a
    changed builder never trusts what an older one cached."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(package.rglob("*.py"))
    names = [p.relative_to(package).as_posix() for p in files]
    return digest(__version__, *names, *(p.read_bytes() for p in files))


def fingerprint(*parts: str) -> str:
    return digest(code_digest(), str(FORMAT), *parts)
