"""The build's work as jobs: each makes some output files from values with a key.

A job's key digests everything its files depend on, so an incremental build
makes again only the jobs whose key changed and links the other files over.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import feeds, sitemaps
from .bodies import BodyRenderer
from .cache import BodyReader, digest
from .images import resized
from .output import Output
from .redirects import redirect_page, redirects_file
from .render import BodyLookup, BodyRef, Renderer, paginate
from .site import Site


@dataclass(frozen=True)
class Job:
    """One unit of work: a name to find it again, its values, and the files it writes."""

    name: str
    kind: str  # "article", "page", "feed", "image", "file" (bytes already made), "copy"
    values: Any  # for an article: its index (its values are made when it is rendered)
    paths: tuple[str, ...]

    def key(self, salt: str, context: Context) -> str:
        if self.kind == "file":
            return digest(salt, b"".join(o.data for o in self.values))
        if self.kind == "copy":
            return digest(salt, Path(self.values).read_bytes())
        if self.kind == "article":
            return context.renderer.article_key(self.values, salt)
        if self.kind == "page":
            return context.renderer.key(self.values, salt)
        if self.kind == "feed":
            return feeds.key(self.values, context.entries, salt)
        return digest(salt, pickle.dumps(self.values, protocol=4))


@dataclass
class Context:
    """What jobs are keyed and made with: shared by all jobs of one build."""

    renderer: Renderer
    entries: feeds.Entries
    cache_dir: Path
    bodies: BodyLookup | None = None


def jobs(site: Site, context: Context, theme_static: Path | None) -> Iterator[Job]:
    """Every job of the site, in a fixed order."""
    renderer = context.renderer
    for index in range(len(site.articles)):
        yield Job(f"article:{index}", "article", index, (site.paths[index] + "index.html",))
        image = site.images[index]
        if image is not None and image.local:
            folder = site.paths[index]
            names = [image.name] + [name for name, _, _ in image.variants()]
            yield Job(f"image:{index}", "image", image, tuple(folder + n for n in names))
    per_page = site.config.per_page
    for listing in site.listings():
        for page in paginate(listing, per_page):
            values = renderer.list_values(page)
            yield Job(f"list:{page.path}", "page", values, (page.path + "index.html",))
        if listing.feeds:
            feed = feeds.feed_values(site, listing, context.entries)
            yield Job(f"feed:{listing.folder}", "feed", feed, feed.paths())
    for name, values in [
        ("tags", renderer.tag_index_values()),
        ("archive", renderer.archive_values()),
        ("404", renderer.simple_values("404.html", "404.html", "الصفحة غير موجودة")),
        *[(f"page:{i}", renderer.page_values(i)) for i in range(len(site.pages))],
        *(
            [("search", renderer.simple_values("search.html", "search/", "البحث"))]
            if renderer.search
            else []
        ),
    ]:
        path = values["path"]
        yield Job(name, "page", values, (path if path.endswith(".html") else path + "index.html",))
    yield _file_job("crawlers", _crawler_files(site))
    yield _file_job("redirects", _redirect_files(site))
    if theme_static is not None and theme_static.is_dir():
        for file in sorted(p for p in theme_static.rglob("*") if p.is_file()):
            relative = "static/" + file.relative_to(theme_static).as_posix()
            yield Job(f"static:{relative}", "copy", str(file), (relative,))


def _file_job(name: str, outputs: list[Output]) -> Job:
    return Job(name, "file", outputs, tuple(o.path for o in outputs))


def _crawler_files(site: Site) -> list[Output]:
    config = site.config
    made = list(sitemaps.sitemaps(sitemaps.entries(site), config.base_url))
    made.append(sitemaps.news_sitemap(site))
    made.append(sitemaps.robots(config.base_url))
    return made


def _redirect_files(site: Site) -> list[Output]:
    made = []
    rules = []
    for alias, index in site.aliases:
        target = site.absolute(site.paths[index])
        made.append(
            redirect_page(
                alias,
                target,
                site.articles[index].title,
                site.config.language,
                site.config.direction,
            )
        )
        rules.append((site.url(alias), site.url(site.paths[index])))
    made.append(redirects_file(rules))
    return made


class Bodies(BodyLookup):
    """Bodies from the store; a missing or damaged entry is converted again from its file."""

    def __init__(
        self, site: Site, pack: Path | None, index: dict[str, tuple[int, int, str]]
    ) -> None:
        self.site = site
        self.reader = BodyReader(pack, index) if pack is not None and pack.exists() else None
        self._renderer: BodyRenderer | None = None

    def html(self, ref: BodyRef) -> str:  # type: ignore[override]
        if self.reader is not None:
            found = self.reader.read(ref.digest)
            if found is not None:
                return found
        from .articles import parse_article
        from .front_matter import normalise_text

        article = self.site.articles[ref.index]
        text = normalise_text(article.file.read_text(encoding="utf-8"))
        parsed, _ = parse_article(text, article.file, article.shown, self.site.config.tz)
        if self._renderer is None:
            self._renderer = BodyRenderer(self.site.config.unsafe_html)
        return self._renderer.render(parsed.body if parsed else "").html


def make(job: Job, context: Context) -> list[Output]:
    """The files of one job."""
    bodies = context.bodies
    assert bodies is not None
    if job.kind == "article":
        return [context.renderer.html(context.renderer.article_values(job.values), bodies)]
    if job.kind == "page":
        return [context.renderer.html(job.values, bodies)]
    if job.kind == "feed":
        return feeds.outputs(job.values, context.entries, bodies)
    if job.kind == "file":
        return list(job.values)
    if job.kind == "copy":
        return [Output(job.paths[0], Path(job.values).read_bytes())]
    if job.kind == "image":
        image = job.values
        made = [Output(job.paths[0], image.source.read_bytes())]
        for path, (_, width, _) in zip(job.paths[1:], image.variants(), strict=True):
            made.append(Output(path, resized(image, width, context.cache_dir)))
        return made
    raise ValueError(f"unknown job kind {job.kind}")
