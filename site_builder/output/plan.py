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
    edition: int = 0  # the language edition whose pages and feeds it makes

    def key(self, salt: str, context: Context) -> str:
        if self.kind == "file":
            return digest(salt, b"".join(o.data for o in self.values))
        if self.kind == "copy":
            return digest(salt, Path(self.values).read_bytes())
        edition = context.editions[self.edition]
        if self.kind == "article":
            parts = edition.pages.parts
            return views.page_key(views.article_view(parts, self.values), parts, salt)
        if self.kind == "page":
            return views.page_key(self.values, edition.pages.parts, salt)
        if self.kind == "feed":
            return feeds.key(self.values, edition.entries, salt)
        return digest(salt, pickle.dumps(self.values, protocol=4))


@dataclass(frozen=True)
class Edition:
    """What one language edition's jobs are keyed and made with."""

    pages: Pages
    entries: feeds.Entries
    prefix: str  # its folder in the output: "" for the default one, "en/"


@dataclass
class Context:
    """What jobs are keyed and made with: shared by all jobs of one build."""

    editions: list[Edition]
    cache_dir: Path
    bodies: BodyLookup | None = None

    @property
    def pages(self) -> Pages:
        """The default edition's pages (the site's root files are made with them)."""
        return self.editions[0].pages


def context_of(sites: list[Site], search: bool, cache_dir: Path) -> Context:
    editions = []
    for site in sites:
        pages = Pages(site, search=search)
        editions.append(Edition(pages, feeds.Entries(site, pages.parts), site.config.prefix))
    return Context(editions, cache_dir)


def jobs(sites: list[Site], context: Context, theme_static: Path | None) -> Iterator[Job]:
    """Every job of the site, in a fixed order: each edition's, then the root's."""
    rooted: dict[str, Job] = {}  # one copy of each image a body links from the site's root
    for number, (site, edition) in enumerate(zip(sites, context.editions, strict=True)):
        prefix = edition.prefix
        own = [
            *_article_jobs(site, rooted),
            *_list_jobs(site, edition),
            *_single_pages(site, edition.pages, root=number == 0),
            _file_job("breaking", [breaking_file(edition.pages.parts)]),
        ]
        yield from (_in_folder(prefix, job, number) if prefix else job for job in own)
    yield from (rooted[name] for name in sorted(rooted))
    site = sites[0]
    yield _file_job("crawlers", _crawler_files(sites))
    yield _file_job("redirects", _redirect_files(sites, context.editions))
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


def _in_folder(prefix: str, job: Job, edition: int) -> Job:
    """An edition's job, its files in the edition's folder (a "file" job's made bytes too)."""
    values = job.values
    if job.kind == "file":
        values = [Output(prefix + o.path, o.data) for o in values]
    paths = tuple(prefix + path for path in job.paths)
    return replace(job, name=prefix + job.name, values=values, paths=paths, edition=edition)


def _article_jobs(site: Site, rooted: dict[str, Job]) -> Iterator[Job]:
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


def _list_jobs(site: Site, edition: Edition) -> Iterator[Job]:
    config, parts, entries = site.config, edition.pages.parts, edition.entries
    copies = old_feed_copies(site)
    for listing in site.listings:
        for page in paginate(listing, config.per_page_of(listing.kind.name)):
            values = views.list_view(parts, page)
            yield Job(f"list:{page.path}", "page", values, (file_of(page.path),))
        if listing.kind.feeds:
            title = config.title
            if listing.folder:
                title = parts.t["list_feed_title"].format(site=config.title, title=listing.title)
            feed = feeds.feed_values(site, listing, entries, title)
            own = zip(feed.formats, feed.paths(), strict=False)
            feed_copies = [(c, name) for name, path in own for c in copies.get(path, ())]
            if feed_copies:
                feed = replace(feed, copies=tuple(feed_copies))
            yield Job(f"feed:{listing.folder}", "feed", feed, feed.paths())


def _single_pages(site: Site, pages: Pages, root: bool = True) -> Iterator[Job]:
    """The indexes, the static pages and search; the 404 page once, at the root."""
    parts, t = pages.parts, pages.t
    singles = [
        ("tags", views.tag_index_view(parts)),
        ("archive", views.archive_view(parts)),
        *[(f"page:{i}", views.static_page_view(site, i)) for i in range(len(site.pages))],
    ]
    if root:
        singles.insert(2, ("404", views.simple_view("404.html", "404.html", t["not_found_title"])))
    if pages.search:
        singles.append(("search", views.simple_view("search.html", SEARCH_PAGE, t["search_title"])))
    for name, values in singles:
        yield Job(name, "page", values, (file_of(values["path"]),))


def _file_job(name: str, outputs: list[Output]) -> Job:
    return Job(name, "file", outputs, tuple(o.path for o in outputs))


def _crawler_files(sites: list[Site]) -> list[Output]:
    """One sitemap for every edition (each page with its versions in the others), the
    news sitemap and robots.txt, at the site's root."""
    config = sites[0].config
    found = [entry for site in sites for entry in sitemaps.entries(site)]
    made = list(sitemaps.sitemaps(found, config.base_url))
    made.append(sitemaps.news_sitemap(sites))
    made.append(sitemaps.robots(config.base_url))
    return made


def _redirect_files(sites: list[Site], editions: list[Edition]) -> list[Output]:
    """The pages at old URLs (an article's aliases, from the site's root; a tag's old
    page, in its edition) and the one _redirects file of the host's rules."""
    made = []
    rules = []
    feed_files = [FORMATS_BY_NAME[name].file for name in LIST_KINDS["tag"].feeds]
    for site, edition in zip(sites, editions, strict=True):
        pages, prefix = edition.pages, edition.prefix
        for alias, index in site.aliases:
            record = site.articles[index]
            made.append(pages.redirect(alias, site.absolute(record.path), record.article.title))
            rules.append((site.at_root(alias), site.url(record.path)))
        # A tag's old page (an alias's own, or the one before tag_info gave it a slug), and
        # its feeds, for the readers subscribed to them.
        for moved in site.moved_tags:
            group = site.tags[moved.group]
            page = pages.redirect(moved.old, site.absolute(group.path), group.name)
            made.append(Output(prefix + page.path, page.data))
            rules.append((site.url(moved.old), site.url(group.path)))
            rules += [(site.url(moved.old + f), site.url(group.path + f)) for f in feed_files]
    made.append(redirects_file(rules))
    return made


def make(job: Job, context: Context) -> list[Output]:
    """The files of one job."""
    bodies = context.bodies
    assert bodies is not None
    edition = context.editions[job.edition]
    if job.kind in ("article", "page", "feed"):
        if job.kind == "article":
            values = views.article_view(edition.pages.parts, job.values)
            made = [edition.pages.html(values, bodies)]
        elif job.kind == "page":
            made = [edition.pages.html(job.values, bodies)]
        else:
            made = feeds.outputs(job.values, edition.entries, bodies)
        if edition.prefix:
            made = [Output(edition.prefix + o.path, o.data) for o in made]
        return made
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
