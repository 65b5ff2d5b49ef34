"""Reading the content and pages folders into checked articles and pages.

Files are parsed (and their bodies converted) in worker processes; a file whose
size, time and inode match the cache is taken from it without being opened.
Static pages are converted here too, so nothing later reads a source file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import workers
from ..cache.bodies import BodyPack
from ..cache.state import Cache
from ..config import Config
from ..digests import digest
from ..problems import Problem
from ..text.reading_time import count_words
from . import cached
from .articles import Parsed, parse_article
from .bodies import BodyRenderer
from .files import find_files, read_text, shown_path
from .images import LeadImage, inspect
from .pages import StaticPage, parse_page


@dataclass
class Sources:
    parsed: list[Parsed] = field(default_factory=list)
    pages: list[StaticPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # files opened (not taken from the cache)
    articles: set[str] = field(default_factory=set)  # every article file, as shown


@dataclass(frozen=True)
class _Outcome:
    parsed: Parsed | None
    problems: list[Problem]
    html: str | None  # the converted body, when it was converted here


def body_key(body: str, unsafe_html: bool) -> str:
    return digest(body, "unsafe" if unsafe_html else "clean")


def read_sources(
    config: Config,
    cache: Cache | None = None,
    jobs: int = 1,
    convert: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> Sources:
    """Every article and static page, with every problem found on the way."""
    sources = Sources()
    if not config.content_dir.is_dir():
        sources.problems.append(
            Problem(
                str(config.path),
                None,
                f"the content folder {config.content_dir} does not exist",
                "create it, or set content_dir in the config",
            )
        )
        return sources
    files = find_files(config.content_dir)
    pack = cache.pack() if cache and convert else None
    known = cache.state.files if cache else {}
    results, fresh, stamps, todo = _from_cache(files, known, pack, config)
    workers.shared["reading"] = (config, convert)
    for (name, _), outcome in zip(todo, workers.run(_read_one, todo, jobs), strict=True):
        results[name] = _Outcome(outcome.parsed, outcome.problems, None)  # html goes to the pack
        sources.read += 1
        if progress is not None and (sources.read % 200 == 0 or sources.read == len(todo)):
            progress("read", sources.read, len(todo))
        if (
            outcome.parsed is not None
            and outcome.html is not None
            and pack is not None
            and outcome.parsed.digest not in pack
        ):
            pack.add(outcome.parsed.digest, outcome.html)
        # The stamp from before the read: a file changed while it was read is read again.
        stamp = stamps[name]
        if outcome.parsed is not None and not outcome.problems and stamp and convert:
            fresh[name] = (stamp, cached.encode(outcome.parsed))
    if pack is not None:
        pack.flush()
    for file in files:
        outcome = results[str(file)]
        if outcome.parsed is not None:
            sources.articles.add(outcome.parsed.article.shown)
        else:
            sources.articles.update(p.file for p in outcome.problems)
        sources.problems += outcome.problems
        if outcome.parsed is not None:
            sources.parsed.append(outcome.parsed)
    if cache is not None and convert:
        cache.state.files = fresh
    _read_pages(config, sources, convert)
    return sources


Stamp = tuple[int, int, int]  # mtime_ns, size, inode
Known = dict[str, tuple[Stamp, object]]  # file → its stamp and cached record


def _from_cache(
    files: list[Path], known: Known, pack: BodyPack | None, config: Config
) -> tuple[dict[str, _Outcome], Known, dict[str, Stamp | None], list[tuple[str, str]]]:
    """The files the cache has as they are now (their bodies in the store, too), and the
    ones to read: (file, shown path)."""
    results: dict[str, _Outcome] = {}
    fresh: Known = {}
    stamps: dict[str, Stamp | None] = {}
    todo: list[tuple[str, str]] = []
    for file in files:
        name = str(file)
        stamp = stamps[name] = _stamp(file)
        hit = known.get(name)
        if hit and stamp and hit[0] == stamp and (pack is None or hit[1][1] in pack):  # type: ignore[index]
            results[name] = _Outcome(cached.decode(hit[1]), [], None)  # type: ignore[arg-type]
            fresh[name] = hit
        else:
            todo.append((name, shown_path(file, config)))
    return results, fresh, stamps, todo


def _stamp(file: Path) -> Stamp | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


_renderers: dict[bool, BodyRenderer] = {}


def _renderer(unsafe_html: bool) -> BodyRenderer:
    renderer = _renderers.get(unsafe_html)
    if renderer is None:
        renderer = _renderers[unsafe_html] = BodyRenderer(unsafe_html)
    return renderer


def _read_one(task: tuple[str, str]) -> _Outcome:
    """Read, check and convert one article (runs in a worker process)."""
    config, convert = workers.shared["reading"]
    name, shown = task
    file = Path(name)
    text = read_text(file, shown, config.content_dir)
    if isinstance(text, Problem):
        return _Outcome(None, [text], None)
    article, problems = parse_article(text, file, shown, config.tz)
    if article is None:
        return _Outcome(None, problems, None)
    image: LeadImage | None = None
    if article.image:
        found = inspect(
            article.image,
            article.image_alt,
            file,
            config.content_dir,
            shown,
            article.line_of("image"),
        )
        if isinstance(found, Problem):
            return _Outcome(None, [*problems, found], None)
        image = found
    key = body_key(article.body, config.unsafe_html)
    html, summary, words = None, article.summary, 0
    if convert:
        body = _renderer(config.unsafe_html).render(article.body, article.summary)
        html, summary, words = body.html, body.summary, count_words(body.html)
    # The body text is not kept: the store has its HTML, and memory stays flat.
    parsed = Parsed(replace(article, body=""), key, summary, image, words)
    return _Outcome(parsed, problems, html)


def _read_pages(config: Config, sources: Sources, convert: bool) -> None:
    for file in find_files(config.pages_dir):
        shown = shown_path(file, config)
        text = read_text(file, shown, config.pages_dir)
        if isinstance(text, Problem):
            sources.problems.append(text)
            continue
        page, problems = parse_page(text, file, shown)
        sources.problems += problems
        if page:
            if convert:
                page = replace(page, html=_renderer(config.unsafe_html).render(page.body).html)
            sources.pages.append(page)
