"""The build's work as jobs: each makes some output files from values with a key.

A job's key digests everything its files depend on, so an incremental build
makes again only the jobs whose key changed and links the other files over.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..digests import digest
from ..layout import FORMATS_BY_NAME, LIST_KINDS, SEARCH_PAGE, file_of, old_feed_file
from ..model.lists import paginate
from ..model.site import Site
from ..problems import Problem
from ..render import feeds, sitemaps, views
from ..render.breaking import breaking_file
from ..render.editor import editor_files
from ..render.files import Output
from ..render.logo import logo_file
from ..render.pages import BodyLookup, Pages
from ..render.redirects import redirects_file
from .image_copies import resized


@dataclass(frozen=True)
class Job:
    """One unit of work: a name to find it again, its values, and the files it writes."""

    name: str
    kind: str  # "article", "page", "feed", "image", "file" (bytes already made), "copy"
    values: Any  # for an article: its index (its values are made again when rendered)
    paths: tuple[str, ...]

    def key(self, salt: str, context: Context) -> str:
        if self.kind == "file":
            return digest(salt, b"".join(o.data for o in self.values))
        if self.kind == "copy":
            return digest(salt, Path(self.values).read_bytes())
        if self.kind == "article":
            parts = context.pages.parts
            return views.page_key(views.article_view(parts, self.values), parts, salt)
        if self.kind == "page":
            return views.page_key(self.values, context.pages.parts, salt)
        if self.kind == "feed":
            return feeds.key(self.values, context.entries, salt)
        return digest(salt, pickle.dumps(self.values, protocol=4))


@dataclass
class Context:
    """What jobs are keyed and made with: shared by all jobs of one build."""

    pages: Pages
    entries: feeds.Entries
    cache_dir: Path
    bodies: BodyLookup | None = None


def jobs(site: Site, context: Context, theme_static: Path | None) -> Iterator[Job]:
    """Every job of the site, in a fixed order."""
    yield from _article_jobs(site)
    yield from _list_jobs(site, context)
    yield from _single_pages(site, context.pages)
    yield _file_job("crawlers", _crawler_files(site))
    yield _file_job("redirects", _redirect_files(site, context.pages))
    yield _file_job("breaking", [breaking_file(context.pages.parts)])
    if site.config.cms:
        pages = context.pages
        yield _file_job("editor", editor_files(site, pages.render, pages.t))
    logo = logo_file(site.config)
    if logo is not None:
        yield Job("logo", "copy", str(logo[1]), (logo[0],))
    if theme_static is not None and theme_static.is_dir():
        for file in sorted(p for p in theme_static.rglob("*") if p.is_file()):
            relative = "static/" + file.relative_to(theme_static).as_posix()
            yield Job(f"static:{relative}", "copy", str(file), (relative,))


def _article_jobs(site: Site) -> Iterator[Job]:
    rooted: dict[str, Job] = {}  # one copy of each image a body links from the site's root
    for index, record in enumerate(site.articles):
        yield Job(f"article:{index}", "article", index, (file_of(record.path),))
        own: dict[str, Job] = {}  # the images under the article's folder, each copied once
        image = record.image
        if image is not None and image.local:
            own[image.name] = _image_job(f"image:{index}", image, record.path)
        yield from _body_image_jobs(f"image:{index}:", record.images, record.path, own, rooted)
        yield from own.values()
    for index, page in enumerate(site.pages):
        own = {}
        yield from _body_image_jobs(f"image:page:{index}:", page.images, page.path, own, rooted)
        yield from own.values()
    yield from (rooted[name] for name in sorted(rooted))


def _body_image_jobs(
    prefix: str, images: tuple[Any, ...], folder: str, own: dict[str, Job], rooted: dict[str, Job]
) -> Iterator[Job]:
    """Adds a body's images to the jobs of its folder or of the root; yields only a second
    file for a path another file has (path_clashes then tells)."""
    for image in images:
        jobs, base = (rooted, "") if image.rooted else (own, folder)
        name = f"image:/{image.name}" if image.rooted else prefix + image.name
        known = jobs.get(image.name)
        if known is None:
            jobs[image.name] = _image_job(name, image, base)
        elif known.values.source != image.source:
            yield _image_job(name, image, base)


def _image_job(name: str, image: Any, folder: str) -> Job:
    """Copy a local image and make its smaller copies: the lead image's, or a body's."""
    names = [image.name] + [variant for variant, _, _ in image.variants()]
    return Job(name, "image", image, tuple(folder + n for n in names))


def old_feed_copies(site: Site) -> dict[str, list[str]]:
    """New feed path → the files of its copies at the old site's feed URLs."""
    copies: dict[str, list[str]] = {}
    for old, new in site.config.old_feeds.items():
        copies.setdefault(new.lstrip("/"), []).append(old_feed_file(old))
    return copies


def missing_old_feeds(site: Site, all_jobs: list[Job]) -> list[Problem]:
    """Old feed URLs whose new feed this build does not make (a list with no article)."""
    made = {path for job in all_jobs if job.kind == "feed" for path in job.paths}
    return [
        Problem(
            str(site.config.path),
            None,
            f"old_feeds sends /{old} to {new}, which this build does not make "
            "(no published article in that list), so its readers get nothing",
            "point it at a feed the site has (feed.xml, sections/SLUG/feed.xml, …) or remove it",
            "warning",
        )
        for old, new in site.config.old_feeds.items()
        if new.lstrip("/") not in made
    ]


def _list_jobs(site: Site, context: Context) -> Iterator[Job]:
    config, parts = site.config, context.pages.parts
    copies = old_feed_copies(site)
    for listing in site.listings:
        for page in paginate(listing, config.per_page_of(listing.kind.name)):
            values = views.list_view(parts, page)
            yield Job(f"list:{page.path}", "page", values, (file_of(page.path),))
        if listing.kind.feeds:
            title = config.title
            if listing.folder:
                title = parts.t["list_feed_title"].format(site=config.title, title=listing.title)
            feed = feeds.feed_values(site, listing, context.entries, title)
            own = zip(feed.formats, feed.paths(), strict=False)
            feed_copies = [(c, name) for name, path in own for c in copies.get(path, ())]
            if feed_copies:
                feed = replace(feed, copies=tuple(feed_copies))
            yield Job(f"feed:{listing.folder}", "feed", feed, feed.paths())


def _single_pages(site: Site, pages: Pages) -> Iterator[Job]:
    parts, t = pages.parts, pages.t
    singles = [
        ("tags", views.tag_index_view(parts)),
        ("archive", views.archive_view(parts)),
        ("404", views.simple_view("404.html", "404.html", t["not_found_title"])),
        *[(f"page:{i}", views.static_page_view(site, i)) for i in range(len(site.pages))],
    ]
    if pages.search:
        singles.append(("search", views.simple_view("search.html", SEARCH_PAGE, t["search_title"])))
    for name, values in singles:
        yield Job(name, "page", values, (file_of(values["path"]),))


def _file_job(name: str, outputs: list[Output]) -> Job:
    return Job(name, "file", outputs, tuple(o.path for o in outputs))


def _crawler_files(site: Site) -> list[Output]:
    config = site.config
    made = list(sitemaps.sitemaps(sitemaps.entries(site), config.base_url))
    made.append(sitemaps.news_sitemap(site))
    made.append(sitemaps.robots(config.base_url))
    return made


def _redirect_files(site: Site, pages: Pages) -> list[Output]:
    made = []
    rules = []
    for alias, index in site.aliases:
        record = site.articles[index]
        made.append(pages.redirect(alias, site.absolute(record.path), record.article.title))
        rules.append((site.url(alias), site.url(record.path)))
    # A tag's old page (an alias's own, or the one before tag_info gave it a slug), and
    # its feeds, for the readers subscribed to them.
    feed_files = [FORMATS_BY_NAME[name].file for name in LIST_KINDS["tag"].feeds]
    for moved in site.moved_tags:
        group = site.tags[moved.group]
        made.append(pages.redirect(moved.old, site.absolute(group.path), group.name))
        rules.append((site.url(moved.old), site.url(group.path)))
        rules += [(site.url(moved.old + f), site.url(group.path + f)) for f in feed_files]
    made.append(redirects_file(rules))
    return made


def make(job: Job, context: Context) -> list[Output]:
    """The files of one job."""
    bodies = context.bodies
    assert bodies is not None
    if job.kind == "article":
        values = views.article_view(context.pages.parts, job.values)
        return [context.pages.html(values, bodies)]
    if job.kind == "page":
        return [context.pages.html(job.values, bodies)]
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


def path_clashes(all_jobs: list[Job]) -> list[Problem]:
    """Two outputs with one path (a safety net under the model's own URL checks)."""
    owner: dict[str, str] = {}
    problems = []
    for job in all_jobs:
        for path in job.paths:
            if path in owner:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"two outputs would be written at {path}: {owner[path]} and {job.name}",
                        "change the slug or alias that makes one of them",
                    )
                )
            owner.setdefault(path, job.name)
    return problems
