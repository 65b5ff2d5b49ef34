"""The last-good record: what the last build published, kept beside the output.

`build --keep-going` puts the version of a broken article that was last published
in its place, so it stays online (and in its tags' lists and other articles'
«اقرأ أيضاً») as it was. The record lives in `.OUTPUT-last-good/` beside the output,
not in the cache: `--clean`, a lost cache or a new builder version keep it. It holds
plain values by field name (a key added to the builder later takes its default),
each article's converted body in a pack, the output paths each article owns, and
which articles the last build held back (so `deploy` keeps their files).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..cache.bodies import BodyPack, BodyReader
from ..content.articles import Article, Parsed
from ..content.fields import FIELDS
from ..content.images import LeadImage
from ..digests import digest
from ..layout import file_of
from ..model.site import Site

_MAGIC = b"site-builder-last-good 1\n"
_BY_NAME = {f.name: f for f in FIELDS}
_IMAGE = tuple(LeadImage.__dataclass_fields__)


def record_folder(target: Path) -> Path:
    return target.parent / f".{target.name}-last-good"


@dataclass
class Entry:
    """One published article: its values, where its body is, the paths it owns."""

    values: dict[str, object]
    paths: tuple[str, ...]


@dataclass
class Record:
    articles: dict[str, Entry] = field(default_factory=dict)  # by the file's shown path
    bodies: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # the pack's index
    held_back: tuple[str, ...] = ()  # files the last build held back


class LastGood:
    """The record of one output folder: loaded once, updated after each build."""

    def __init__(self, target: Path) -> None:
        self.folder = record_folder(target)
        self.record = Record()
        self._load()

    @property
    def _file(self) -> Path:
        return self.folder / "record.pickle"

    def _load(self) -> None:
        try:
            data = self._file.read_bytes()
        except OSError:
            return
        head, _, rest = data.partition(b"\n\n")
        if head != _MAGIC + digest(rest).encode("ascii"):
            return  # damaged: as if there were none (the articles are then left out)
        try:
            loaded = pickle.loads(rest)  # noqa: S301 - our own file, checked above
        except Exception:  # noqa: BLE001
            return
        if isinstance(loaded, dict):
            self.record = Record(
                {k: Entry(*v) for k, v in loaded.get("articles", {}).items()},
                loaded.get("bodies", {}),
                tuple(loaded.get("held_back", ())),
            )

    def version_of(self, shown: str) -> tuple[Parsed, str] | None:
        """The article as last published, and its converted body; None if it never was
        (or its body cannot be read back)."""
        entry = self.record.articles.get(shown)
        if entry is None or not (self.folder / "bodies.pack").exists():
            return None
        parsed = decode(entry.values)
        reader = BodyReader(self.folder / "bodies.pack", self.record.bodies)
        try:
            html = reader.read(parsed.digest)
        finally:
            reader.close()
        return (parsed, html) if html is not None else None

    def paths_of(self, shown: str) -> tuple[str, ...]:
        entry = self.record.articles.get(shown)
        return entry.paths if entry else ()

    def save(
        self,
        published: list[tuple[Parsed, tuple[str, ...]]],
        html_of: Callable[[str], str],
        held: set[str],
    ) -> None:
        """Record what this build published; `html_of(digest)` gives a body not yet kept."""
        self.folder.mkdir(parents=True, exist_ok=True)
        articles = {p.article.shown: Entry(encode(p), paths) for p, paths in published}
        wanted = {p.digest for p, _ in published}
        pack = BodyPack(self.folder / "bodies.pack", self.record.bodies, fresh=False)
        try:
            for parsed, _ in published:
                if parsed.digest not in pack:
                    pack.add(parsed.digest, html_of(parsed.digest))
            for key in set(self.record.bodies) - wanted:
                del self.record.bodies[key]
            pack.flush()
        finally:
            pack.close()
        pack.compact_if_sparse()
        self.record.articles, self.record.held_back = articles, tuple(sorted(held))
        plain = {
            "articles": {k: (e.values, e.paths) for k, e in articles.items()},
            "bodies": self.record.bodies,
            "held_back": self.record.held_back,
        }
        rest = pickle.dumps(plain, protocol=4)
        write_atomic(self._file, _MAGIC + digest(rest).encode("ascii") + b"\n\n" + rest)


def published_of(site: Site) -> list[tuple[Parsed, tuple[str, ...]]]:
    """Each published article as the record keeps it, with the output paths it owns:
    its page, its lead image and copies, the redirect pages at its old URLs."""
    aliases: dict[int, list[str]] = {}
    for alias, index in site.aliases:
        aliases.setdefault(index, []).append(file_of(alias))
    published = []
    for index, record in enumerate(site.articles):
        paths = [file_of(record.path), *aliases.get(index, ())]
        if record.image is not None and record.image.local:
            names = [record.image.name] + [n for n, _, _ in record.image.variants()]
            paths += [record.path + name for name in names]
        parsed = Parsed(record.article, record.digest, record.summary, record.image)
        published.append((parsed, tuple(paths)))
    return published


def encode(parsed: Parsed) -> dict[str, object]:
    """An article as plain values by name (text, numbers, tuples)."""
    a, image = parsed.article, parsed.image
    values: dict[str, object] = {
        f"field:{f.name}": f.kind.encode(getattr(a, f.name)) for f in FIELDS
    }
    values |= {
        "file": str(a.file),
        "shown": a.shown,
        "body_line": a.body_line,
        "lines": a.lines,
        "summary": parsed.summary,
        "digest": parsed.digest,
        "image": None
        if image is None
        else {n: (str(v) if isinstance(v, Path) else v) for n, v in vars(image).items()},
    }
    return values


def decode(values: dict[str, object]) -> Parsed:
    fields = {}
    for name, item in _BY_NAME.items():
        stored = values.get(f"field:{name}")
        fields[name] = item.kind.decode(stored) if stored is not None else item.kind.default
    article = Article(
        file=Path(str(values["file"])),
        shown=values["shown"],
        body="",
        body_line=values["body_line"],
        lines=values["lines"],
        **fields,
    )
    image = values.get("image")
    lead = None
    if isinstance(image, dict):
        known = {k: v for k, v in image.items() if k in _IMAGE}
        if known.get("source") is not None:
            known["source"] = Path(known["source"])
        lead = LeadImage(**known)
    return Parsed(article, str(values["digest"]), str(values["summary"]), lead)
