"""The search step: the output's pagefind/ brought up to date, one shard at a time.

`pagefind/` is the main bundle (Pagefind's scripts and an index holding no
article, which every shard is merged into in the browser); `pagefind/NAME/` is
one shard's bundle. A shard whose key is the one it had in the live output is
carried over as it is (hard links); the others are indexed again through
`pagefind --service`, two at a time on two cores, and written into the tree
beside the output, so a failed or killed build leaves the live index as it was.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cache.bodies import BodyReader
from ..digests import digest
from ..layout import SEARCH_PAGE
from ..model.site import Site
from ..output.tree import Staging
from ..output.writing import BodyStoreDamaged, Stamp, stat
from . import bundles
from .arabic import RULES_VERSION, ZWJ
from .records import SearchRecord, filter_names, plain_text, search_records
from .service import PAGEFIND_VERSION, Service, executable
from .shards import make_shards

FOLDER = "pagefind/"
# The main bundle's folder (an edition's under its own: en/pagefind/); a shard's is
# that folder + its name + "/".
SHARD_LIST = "shards.json"  # in the main bundle: the shards' folders, newest first
BUNDLE_FORMAT = "1"  # change it when what a bundle is made of changes
Known = dict[str, tuple[str, dict[str, Stamp]]]  # folder → key, files and their stamps


def update_index(
    site: Site,
    strings: dict[str, str],
    tree: Staging,
    target: Path,
    known: Known,
    pack: tuple[Path, dict[str, tuple[int, int, str]]],
    jobs: int,
) -> tuple[Known, int]:
    """Make the tree's pagefind/ match the site (an edition's own under its folder,
    en/pagefind/); return what to remember and how many bundles were indexed again."""
    main = site.config.prefix + FOLDER
    language = site.config.language.lower()
    names = filter_names(strings)
    salt = digest(PAGEFIND_VERSION, RULES_VERSION, BUNDLE_FORMAT, language, json.dumps(names))
    shards = make_shards(search_records(site))
    listed = json.dumps([f"{s.name}/" for s in shards]).encode("ascii")  # newest first
    wanted: list[tuple[str, tuple[SearchRecord, ...], str]] = [(main, (), digest(salt, listed))]
    wanted += [(f"{main}{s.name}/", s.records, s.key(salt)) for s in shards]
    kept: Known = {}
    todo = []
    for folder, records, key in wanted:
        old = known.get(folder)
        if old is not None and old[0] == key and _intact(target, old[1]):
            kept[folder] = old
        else:
            todo.append((folder, records, key))
    _keep_only(tree.root, main, {path for _, files in kept.values() for path in files})
    for _, files in kept.values():
        for path in files:
            tree.link(target / path, path)
    make = _Maker(site, language, names, tree, pack, listed, main)
    made = _in_services(make, todo, max(1, min(jobs, 2)))
    return {**kept, **made}, len(todo)


def _intact(target: Path, files: dict[str, Stamp]) -> bool:
    return all(stat(target / path) == stamp for path, stamp in files.items())


def _keep_only(root: Path, main: str, keep: set[str]) -> None:
    """Remove every file under the tree's pagefind/ (`main`) that is not in `keep`, and
    the folders left empty."""
    top = root / main
    for folder, _subfolders, files in os.walk(top, topdown=False):
        relative = os.path.relpath(folder, root)
        for name in files:
            if f"{relative}/{name}" not in keep:
                os.unlink(os.path.join(folder, name))
        if folder != str(top) and not os.listdir(folder):
            os.rmdir(folder)


class _Maker:
    """Indexes one bundle in a Pagefind service and writes its files into the tree."""

    def __init__(
        self,
        site: Site,
        language: str,
        names: dict[str, str],
        tree: Staging,
        pack: tuple[Path, dict[str, tuple[int, int, str]]],
        listed: bytes,
        main: str,
    ) -> None:
        self.site, self.language, self.names, self.tree = site, language, names, tree
        self.pack = pack
        self.main = main
        self.listed = listed  # the shards, for the search page to merge

    def __call__(
        self, service: Service, reader: BodyReader, folder: str, records: tuple[SearchRecord, ...]
    ) -> dict[str, Stamp]:
        index = service.new_index(include_characters=ZWJ)
        if records:
            service.add_records(index, [self._payload(reader, r) for r in records])
        else:  # the main bundle: one record no query can match, so Pagefind writes it
            stub = {"url": self.site.url(SEARCH_PAGE), "content": ZWJ, "language": self.language}
            service.add_records(index, [{**stub, "meta": {}, "filters": {}, "sort": {}}])
        files = bundles.normalised(service.files(index), main=folder == self.main)
        service.delete(index)
        if folder == self.main:
            files[SHARD_LIST] = self.listed
        return self._write(folder, files)

    def _payload(self, reader: BodyReader, record: SearchRecord) -> dict[str, Any]:
        body = reader.read(record.body)
        if body is None:
            raise BodyStoreDamaged(record.body)
        return record.payload(plain_text(body), self.language, self.names)

    def _write(self, folder: str, files: dict[str, bytes]) -> dict[str, Stamp]:
        stamps = {}
        root = self.tree.root
        for name in sorted(files):
            path = folder + name
            destination = root / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            # A fresh inode: in a reused tree the old name may be a link to a live file.
            destination.unlink(missing_ok=True)
            destination.write_bytes(files[name])
            stamps[path] = stat(destination) or (0, 0)
        return stamps


def _in_services(
    make: Callable[..., dict[str, Stamp]],
    todo: list[tuple[str, tuple[SearchRecord, ...], str]],
    services: int,
) -> Known:
    """Index the bundles in `todo`, `services` Pagefind processes side by side."""
    if not todo:
        return {}
    work: queue.SimpleQueue[tuple[str, tuple[SearchRecord, ...], str]] = queue.SimpleQueue()
    for item in todo:
        work.put(item)
    made: Known = {}
    failures: list[BaseException] = []
    binary = executable()

    def run() -> None:
        try:
            with Service(binary) as service:
                reader = BodyReader(*make.pack) if make.pack[0].exists() else None
                while not failures:
                    try:
                        folder, records, key = work.get_nowait()
                    except queue.Empty:
                        break
                    if records and reader is None:
                        raise BodyStoreDamaged(records[0].body)
                    made[folder] = (key, make(service, reader, folder, records))
                if reader is not None:
                    reader.close()
        except BaseException as error:  # noqa: BLE001 - raised again in the build's thread
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(min(services, len(todo)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return made
