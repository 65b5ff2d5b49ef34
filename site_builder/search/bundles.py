"""A Pagefind bundle as files, the same bytes for the same records, every build.

Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from
one run to the next (fixed upstream after 1.5.2, in #1124), and names the filter
files and the metadata file after those bytes. So we sort each filter's values,
rename the files after their new bytes, and point the metadata and
`pagefind-entry.json` at them. The files are CBOR (cbor2 reads and writes them
byte for byte), gzipped behind Pagefind's signature.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import cbor2

_SIGNATURE = b"pagefind_dcd"
# The main bundle's scripts: the Default UI, the search API and its worker; its
# WebAssembly searches every shard merged into it, so a shard keeps only its index.
# Pagefind's other interfaces are left out.
MAIN_SCRIPTS = frozenset({"pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js"})


class BundleFormatError(Exception):
    """Pagefind wrote files this module does not know (another Pagefind version)."""


def normalised(files: dict[str, bytes], main: bool) -> dict[str, bytes]:
    """The bundle's files to write, with its filters in a stable order and names."""
    files = {path: data for path, data in files.items() if _wanted(path, main)}
    try:
        entry = json.loads(files["pagefind-entry.json"])
        for language, info in entry["languages"].items():
            meta_path = f"pagefind.{info['hash']}.pf_meta"
            meta = _read(files.pop(meta_path))
            renamed = {}
            for path in sorted(p for p in files if p.startswith(f"filter/{language}_")):
                name, values = _read(files.pop(path))
                data = _write([name, sorted(values, key=lambda value: value[0])])
                new = f"{language}_{_name(data, 12)}"
                renamed[path.removeprefix("filter/").removesuffix(".pf_filter")] = new
                files[f"filter/{new}.pf_filter"] = data
            meta[3] = sorted([filter_name, renamed[old]] for filter_name, old in meta[3])
            data = _write(meta)
            info["hash"] = f"{language}_{_name(data, 12)}"
            files[f"pagefind.{info['hash']}.pf_meta"] = data
    except (KeyError, IndexError, TypeError, ValueError, cbor2.CBORError) as error:
        raise BundleFormatError(f"unexpected Pagefind bundle ({error!r})") from error
    files["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    return files


def _wanted(path: str, main: bool) -> bool:
    if path == "pagefind-entry.json" or path.startswith(("index/", "fragment/", "filter/")):
        return True
    if path.startswith("pagefind.") and path.endswith(".pf_meta"):
        return True
    return main and (path in MAIN_SCRIPTS or path.startswith("wasm."))


def _read(data: bytes) -> list:
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise ValueError("no Pagefind signature")
    return cbor2.loads(raw[len(_SIGNATURE) :])


def _write(value: list) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _name(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]
