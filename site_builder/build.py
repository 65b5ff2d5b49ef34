"""The build as a sequence of named steps: read → model → render → write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import dates, sitemaps
from .bodies import Body, BodyRenderer
from .config import Config
from .feeds import FeedSpec, atom, json_feed, rss
from .output import Staging, remove_leftovers
from .problems import Problem
from .reading import read_sources
from .render import Output, Renderer
from .site import Site, make_site


@dataclass(frozen=True)
class Options:
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    jobs: int = 1
    clean: bool = False
    search: bool = True
    now: datetime | None = None


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    tags: int = 0
    files: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)


def check(config: Config, options: Options) -> tuple[Site | None, list[Problem]]:
    """Read everything and build the model; write nothing."""
    sources = read_sources(config)
    now = options.now or dates.build_now()
    site, problems = make_site(config, sources.articles, sources.pages, now,
                               drafts=options.drafts, future=options.future)
    return site, sources.problems + problems


def build(config: Config, options: Options) -> Result:
    """Build the whole site into a new folder and swap it in only on success."""
    started = time.perf_counter()
    site, problems = check(config, options)
    result = Result(problems=problems)
    if not result.ok or site is None:
        return result
    target = options.output or config.output_dir
    remove_leftovers(target)
    staging = Staging(target)
    try:
        bodies = convert_bodies(site)
        for output in outputs(site, bodies):
            staging.write(output.path, output.data)
            result.files += 1
        static = config.theme / "static"
        if static.is_dir():
            staging.copy_tree(static, "static")
        staging.commit()
    except BaseException:
        staging.abandon()
        raise
    result.articles = len(site.articles)
    result.tags = len(site.tags)
    result.seconds = time.perf_counter() - started
    return result


def convert_bodies(site: Site) -> list[Body]:
    renderer = BodyRenderer(site.config.unsafe_html)
    return [renderer.render(a.body, a.summary) for a in site.articles]


def outputs(site: Site, bodies: list[Body]) -> Iterator[Output]:
    """Every file of the site but the theme's static files."""
    renderer = Renderer(site, bodies)
    for index in range(len(site.articles)):
        yield renderer.article(index)
    yield from renderer.home_pages()
    yield renderer.tag_index()
    for index in range(len(site.tags)):
        yield from renderer.tag_pages(index)
    page_bodies = BodyRenderer(site.config.unsafe_html)
    for index, page in enumerate(site.pages):
        yield renderer.static_page(index, page_bodies.render(page.body))
    yield renderer.not_found()
    yield from feed_outputs(site, bodies)
    yield from sitemaps.sitemaps(sitemap_entries(site), site.config.base_url)
    yield sitemaps.robots(site.config.base_url)


def feed_specs(site: Site) -> Iterator[FeedSpec]:
    yield FeedSpec("", site.config.title, range(len(site.articles)))
    for tag in site.tags:
        yield FeedSpec(tag.path, f"{site.config.title} — {tag.name}", tag.articles)


def feed_outputs(site: Site, bodies: list[Body]) -> Iterator[Output]:
    for spec in feed_specs(site):
        yield Output(spec.folder + "feed.xml", rss(site, bodies, spec))
        yield Output(spec.folder + "atom.xml", atom(site, bodies, spec))
        if not spec.folder:
            yield Output("feed.json", json_feed(site, bodies, spec))


def sitemap_entries(site: Site) -> list[tuple[str, datetime | None]]:
    newest = site.articles[0].date if site.articles else None
    entries: list[tuple[str, datetime | None]] = [(site.absolute(""), newest)]
    for index, article in enumerate(site.articles):
        entries.append((site.absolute(site.paths[index]), article.updated or article.date))
    entries.append((site.absolute("tags/"), newest))
    for tag in site.tags:
        entries.append((site.absolute(tag.path), site.articles[tag.articles[0]].date))
    for page in site.pages:
        entries.append((site.absolute(page.path), None))
    return entries
