"""Reading the content and pages folders into checked articles and pages.

Files are parsed (and their bodies converted) in worker processes; a file whose
size, time and inode match the cache, and whose images (lead and body) do too, is
taken from it without being opened, with the warnings its reading gave. Static
pages are converted here too, so nothing later reads a source file.
"""

from __future__ import annotations

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
from ..words import strings
from . import cached
from .articles import Parsed, parse_article
from .bodies import Body, BodyRenderer, body_words
from .body_images import Place
from .files import Stamp, file_stamp, find_files, read_text, shown_path
from .images import LeadImage, inspect
from .pages import StaticPage, parse_page

Uses = tuple[tuple[str, Stamp | None], ...]  # the files an article read besides itself


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
    uses: Uses = ()


def body_key(body: str, unsafe_html: bool, images: tuple[str, ...] = (), edition: str = "") -> str:
    """Names a converted body: its text, how it was cleaned, the images it shows, and the
    edition whose words it holds (none for the default one)."""
    return digest(
        body, "unsafe" if unsafe_html else "clean", *images, *((edition,) if edition else ())
    )


def reading_fingerprint(config: Config) -> str:
    """What converted bodies depend on besides their text: a change reads every file again."""
    words = body_words(strings(config.theme, config.language))
    parts = [
        config.timezone,
        str(config.unsafe_html),
        str(config.content_dir),
        config.base_path,
        *config.embed_hosts,
        *(f"{k}={v}" for k, v in sorted(words.items())),
    ]
    for edition in config.editions[1:]:  # each other language's dates and words
        words = body_words(strings(config.theme, edition.language))
        parts += [edition.prefix, edition.timezone, *(f"{k}={v}" for k, v in sorted(words.items()))]
    return digest(*parts)


def prepare(config: Config, convert: bool) -> None:
    """What the worker processes read with (their renderer is made on first use): the
    words inside bodies of each edition's language."""
    words = {
        edition.prefix: body_words(strings(config.theme, edition.language)) if convert else {}
        for edition in config.editions
    }
    workers.shared["reading"] = (config, convert, words)


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
    prepare(config, convert)
    for (name, _), outcome in zip(todo, workers.run(_read_one, todo, jobs), strict=True):
        results[name] = _Outcome(outcome.parsed, outcome.problems, None)  # html goes to the pack
        sources.read += 1
        if progress is not None and (sources.read % 200 == 0 or sources.read == len(todo)):
            progress("read", sources.read, len(todo))
        parsed = outcome.parsed
        stored = pack is not None and parsed is not None and parsed.digest in pack
        if parsed is not None and outcome.html is not None and pack is not None and not stored:
            pack.add(parsed.digest, outcome.html)
        # The stamps from before the read: a file changed while it was read is read again.
        stamp = stamps[name]
        if parsed is not None and stamp and convert:
            fresh[name] = ((stamp, outcome.uses), cached.encode(parsed), tuple(outcome.problems))
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


# file → (its stamp and the files it used, with theirs), its cached record, its warnings
Known = dict[str, tuple[tuple[Stamp, Uses], object, tuple[Problem, ...]]]


def _from_cache(
    files: list[Path], known: Known, pack: BodyPack | None, config: Config
) -> tuple[dict[str, _Outcome], Known, dict[str, Stamp | None], list[tuple[str, str]]]:
    """The files the cache has as they are now (their bodies in the store, and the images
    they show unchanged), and the ones to read: (file, shown path)."""
    results: dict[str, _Outcome] = {}
    fresh: Known = {}
    stamps: dict[str, Stamp | None] = {}
    todo: list[tuple[str, str]] = []
    for file in files:
        name = str(file)
        stamp = stamps[name] = file_stamp(file)
        hit = known.get(name)
        if (
            hit
            and stamp
            and hit[0][0] == stamp
            and all(file_stamp(Path(used)) == was for used, was in hit[0][1])
            and (pack is None or hit[1][1] in pack)  # type: ignore[index]
        ):
            results[name] = _Outcome(cached.decode(hit[1]), list(hit[2]), None)  # type: ignore[arg-type]
            fresh[name] = hit
        else:
            todo.append((name, shown_path(file, config)))
    return results, fresh, stamps, todo


_renderers: dict[tuple[object, ...], BodyRenderer] = {}


def _renderer(config: Config, words: dict[str, str]) -> BodyRenderer:
    key = (config.unsafe_html, config.embed_hosts, tuple(sorted(words.items())))
    renderer = _renderers.get(key)
    if renderer is None:
        renderer = _renderers[key] = BodyRenderer(config.unsafe_html, config.embed_hosts, words)
    return renderer


def _read_one(task: tuple[str, str]) -> _Outcome:
    """Read, check and convert one article (runs in a worker process)."""
    config, convert, words = workers.shared["reading"]
    name, shown = task
    file = Path(name)
    edition = config.edition_of(file)
    theme_words = words[edition.prefix]
    text = read_text(file, shown, config.content_dir)
    if isinstance(text, Problem):
        return _Outcome(None, [text], None)
    article, problems = parse_article(text, file, shown, edition.tz)
    if article is None:
        return _Outcome(None, problems, None)
    image: LeadImage | None = None
    uses: Uses = ()
    if article.image:
        line = article.line_of("image")
        found = inspect(article.image, article.image_alt, file, config.content_dir, shown, line)
        if isinstance(found, Problem):
            return _Outcome(None, [*problems, found], None)
        image, stamp = found
        uses = ((str(image.source), stamp),) if image.source else ()
    if not convert:
        key = body_key(article.body, config.unsafe_html, (), edition.prefix)
        bare = Parsed(replace(article, body=""), key, article.summary, image)
        return _Outcome(bare, problems, None, uses)
    place = Place(
        file.parent, config.content_dir, config.content_dir, config.base_path, shown,
        article.body_line,
    )  # fmt: skip
    body = _renderer(config, theme_words).render(article.body, article.summary, place)
    problems += body.problems
    if any(p.level == "error" for p in body.problems):
        return _Outcome(None, problems, None)
    images = tuple(i.digest for i in body.images)
    key = body_key(article.body, config.unsafe_html, images, edition.prefix)
    # The body text is not kept: the store has its HTML, and memory stays flat.
    parsed = Parsed(
        replace(article, body=""),
        key,
        body.summary,
        image,
        words=count_words(body.html),
        toc=body.toc,
        images=body.images,
    )
    return _Outcome(parsed, problems, body.html, uses + body.uses)


def _read_pages(config: Config, sources: Sources, convert: bool) -> None:
    for file in find_files(config.pages_dir):
        shown = shown_path(file, config)
        text = read_text(file, shown, config.pages_dir)
        if isinstance(text, Problem):
            sources.problems.append(text)
            continue
        page, problems = parse_page(text, file, shown)
        sources.problems += problems
        if page is None:
            continue
        if convert:
            place = Place(
                file.parent, config.content_dir, config.pages_dir, config.base_path, shown,
                page.body_line,
            )  # fmt: skip
            words = workers.shared["reading"][2][config.edition_of(file).prefix]
            body: Body = _renderer(config, words).render(page.body, "", place)
            sources.problems += body.problems
            if any(p.level == "error" for p in body.problems):
                continue
            page = replace(page, html=body.html, images=body.images)
        sources.pages.append(page)
