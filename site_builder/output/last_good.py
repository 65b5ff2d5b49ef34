"""The last-good record: what the last build published, kept beside the output.

`build --keep-going` puts the version of a broken article that was last published
in its place, so it stays online (and in its tags' lists and other articles'
«اقرأ أيضاً») as it was. The record lives in `.OUTPUT-last-good/` beside the output,
not in the cache: `--clean`, a lost cache or a new builder version keep it. It holds
each article's plain values by field name, one small file an article (a key added
to the builder later takes its default); their converted bodies in a pack; and an
index of the output paths each article owns and of the articles the last build held
back (so `deploy` keeps their files). A build rewrites only the entries that changed.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..cache.bodies import BodyPack, BodyReader
from ..content.articles import Article, Parsed
from ..content.fields import FIELDS
from ..content.images import BodyImage, LeadImage
from ..digests import digest
from ..layout import file_of
from ..model.site import Site

_MAGIC = b"site-builder-last-good 2\n"
_BY_NAME = {f.name: f for f in FIELDS}
_IMAGE = tuple(LeadImage.__dataclass_fields__)


def record_folder(target: Path) -> Path:
    return target.parent / f".{target.name}-last-good"


@dataclass(frozen=True)
class Entry:
    """One published article in the index: its entry's key and the paths it owns."""

    key: str  # names its values' file, and changes whenever they might
    paths: tuple[str, ...]


@dataclass
class Record:
    articles: dict[str, Entry] = field(default_factory=dict)  # by the file's shown path
    bodies: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # the pack's index
    held_back: tuple[str, ...] = ()  # files the last build held back


@dataclass(frozen=True)
class Published:
    """An article as this build published it, for the record."""

    record: Any  # the model's ArticleRecord
    paths: tuple[str, ...]
    key: str


def _read_checked(path: Path) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, rest = data.partition(b"\n\n")
    if head != _MAGIC + digest(rest).encode("ascii"):
        return None  # damaged: as if there were none (the articles are then left out)
    try:
        return pickle.loads(rest)  # noqa: S301 - our own file, checked above
    except Exception:  # noqa: BLE001
        return None


def _write_checked(path: Path, value: object) -> None:
    rest = pickle.dumps(value, protocol=4)
    write_atomic(path, _MAGIC + digest(rest).encode("ascii") + b"\n\n" + rest)


class LastGood:
    """The record of one output folder: read when first needed, updated after a build."""

    def __init__(self, target: Path) -> None:
        self.folder = record_folder(target)
        self._record: Record | None = None

    @property
    def _index(self) -> Path:
        return self.folder / "index.pickle"

    def _entry_file(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / f"{key}.pickle"

    @property
    def record(self) -> Record:
        if self._record is None:
            loaded = _read_checked(self._index)
            self._record = Record()
            if isinstance(loaded, dict):
                self._record = Record(
                    {k: Entry(*v) for k, v in loaded.get("articles", {}).items()},
                    loaded.get("bodies", {}),
                    tuple(loaded.get("held_back", ())),
                )
        return self._record

    def stamp(self) -> tuple[int, int] | None:
        """The index's size and time, to tell it was not touched since."""
        try:
            info = self._index.stat()
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns)

    def version_of(self, shown: str) -> tuple[Parsed, str] | None:
        """The article as last published, and its converted body; None if it never was
        (or it cannot be read back)."""
        entry = self.record.articles.get(shown)
        values = _read_checked(self._entry_file(entry.key)) if entry else None
        if not isinstance(values, dict) or not (self.folder / "bodies.pack").exists():
            return None
        parsed = decode(values)
        reader = BodyReader(self.folder / "bodies.pack", self.record.bodies)
        try:
            html = reader.read(parsed.digest)
        finally:
            reader.close()
        return (parsed, html) if html is not None else None

    def save(
        self, published: list[Published], html_of: Callable[[str], str], held: set[str]
    ) -> None:
        """Record what this build published; `html_of(digest)` gives a body not yet kept."""
        record = self.record
        self.folder.mkdir(parents=True, exist_ok=True)
        # A pack the index does not describe (the index lost or damaged) starts afresh.
        pack = BodyPack(self.folder / "bodies.pack", record.bodies, fresh=not record.bodies)
        try:
            for item in published:
                digest_ = item.record.digest
                if digest_ not in pack:
                    pack.add(digest_, html_of(digest_))
            pack.flush()
        finally:
            pack.close()
        for key in set(record.bodies) - {item.record.digest for item in published}:
            del record.bodies[key]
        pack.compact_if_sparse()
        old = {e.key for e in record.articles.values()}
        for item in published:
            if item.key not in old:  # an entry of the same key is there already
                _write_checked(self._entry_file(item.key), encode(_parsed(item.record)))
        record.articles = {p.record.article.shown: Entry(p.key, p.paths) for p in published}
        record.held_back = tuple(sorted(held))
        plain = {
            "articles": {k: (e.key, e.paths) for k, e in record.articles.items()},
            "bodies": record.bodies,
            "held_back": record.held_back,
        }
        _write_checked(self._index, plain)
        for key in old - {e.key for e in record.articles.values()}:
            self._entry_file(key).unlink(missing_ok=True)


def _parsed(record: Any) -> Parsed:
    return Parsed(
        record.article,
        record.digest,
        record.summary,
        record.image,
        record.words,
        record.toc,
        record.images,
    )


def published_of(site: Site, stamps: dict[str, object], salt: str) -> list[Published]:
    """Each published article with the output paths it owns (its page, its lead image
    and copies, the redirect pages at its old URLs) and its entry's key: its file as
    the cache last read it (its stamp) with what the reading depends on (`salt`: the
    builder and the settings of the parse), or its values when the cache has no stamp."""
    aliases: dict[int, list[str]] = {}
    for alias, index in site.aliases:
        aliases.setdefault(index, []).append(file_of(alias))
    published = []
    prefix = site.config.prefix  # an edition's folder: its pages and their images are in it
    for index, record in enumerate(site.articles):
        paths = [prefix + file_of(record.path), *aliases.get(index, ())]
        if record.image is not None and record.image.local:
            names = [record.image.name] + [n for n, _, _ in record.image.variants()]
            paths += [prefix + record.path + name for name in names]
        for shown in record.images:  # its body's images (a rooted one from the site's root)
            folder = "" if shown.rooted else prefix + record.path
            paths += [folder + n for n in [shown.name] + [v for v, _, _ in shown.variants()]]
        article = record.article
        stamp = stamps.get(str(article.file))
        known = repr(stamp) if stamp is not None else repr(encode(_parsed(record)))
        key = digest(salt, article.shown, record.path, record.digest, known)
        published.append(Published(record, tuple(paths), key))
    return published


def published_key(published: list[Published], held: set[str]) -> str:
    """The whole record in short: equal keys, and the record on disk needs no rewriting."""
    return digest(repr(sorted(held)), *(p.key + repr(p.paths) for p in published))


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
        "words": parsed.words,
        "image": None if image is None else _plain(image),
        "toc": parsed.toc,
        "images": [_plain(i) for i in parsed.images],
    }
    return values


def _plain(image: object) -> dict[str, object]:
    return {n: (str(v) if isinstance(v, Path) else v) for n, v in vars(image).items()}


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
    words = values.get("words", 0)
    shown = tuple(
        BodyImage(**{**i, "source": Path(i["source"])})  # type: ignore[arg-type]
        for i in values.get("images", ())  # type: ignore[attr-defined]
    )
    return Parsed(
        article,
        str(values["digest"]),
        str(values["summary"]),
        lead,
        words if isinstance(words, int) else 0,
        values.get("toc", ()),  # type: ignore[arg-type]
        shown,
    )
