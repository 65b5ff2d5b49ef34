"""Pages from Jinja2 templates: one method per kind of page, plain values in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jinja2

from . import dates
from .bodies import Body
from .site import Site

Values = dict[str, Any]


@dataclass(frozen=True)
class Output:
    """One file to write: its path under the output folder and its bytes."""

    path: str
    data: bytes


def environment(site: Site) -> jinja2.Environment:
    """Templates from the site's theme, compiled once, HTML escaped everywhere."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(site.config.theme / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return env


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    number: int
    total: int
    items: Sequence[int]
    folder: str  # the list's first page, e.g. 'tags/x/'

    @property
    def path(self) -> str:
        return self.folder if self.number == 1 else f"{self.folder}page/{self.number}/"


def paginate(indices: Sequence[int], per_page: int, folder: str) -> Iterator[ListPage]:
    """Split a list into pages; an empty list still has one (empty) page."""
    total = max(1, -(-len(indices) // per_page))
    for number in range(1, total + 1):
        start = (number - 1) * per_page
        yield ListPage(number, total, indices[start : start + per_page], folder)


class Renderer:
    """Turns the site model into pages; holds what every page shares."""

    def __init__(self, site: Site, bodies: Sequence[Body]) -> None:
        self.site = site
        self.bodies = bodies
        self.config = site.config
        self.env = environment(site)
        self.shared = self._shared()

    # --- values ------------------------------------------------------------

    def number(self, value: int) -> str:
        return dates.localize_digits(str(value), self.config.numerals)

    def when(self, moment: datetime) -> Values:
        config = self.config
        values = {
            "iso": dates.iso(moment),
            "text": dates.display_date(moment, locale=config.locale,
                                       numerals=config.numerals, tz=config.tz),
            "hijri": "",
        }
        if config.hijri:
            values["hijri"] = dates.hijri_date(moment, locale=config.locale,
                                               numerals=config.numerals, tz=config.tz)
        return values

    def _feeds(self, folder: str, title: str) -> list[Values]:
        site = self.site
        return [
            {"type": "application/rss+xml", "title": f"{title} (RSS)",
             "url": site.url(folder + "feed.xml")},
            {"type": "application/atom+xml", "title": f"{title} (Atom)",
             "url": site.url(folder + "atom.xml")},
        ]

    def _shared(self) -> Values:
        site, config = self.site, self.config
        return {
            "site": {
                "title": config.title,
                "description": config.description,
                "language": config.language,
                "direction": config.direction,
                "home": site.url(""),
                "tags_url": site.url("tags/"),
                "static": site.url("static/"),
                "feeds": self._feeds("", config.title)
                + [{"type": "application/feed+json", "title": f"{config.title} (JSON Feed)",
                    "url": site.url("feed.json")}],
                "pages": [{"title": p.title, "url": site.url(p.path)} for p in site.pages],
            },
        }

    def card(self, index: int) -> Values:
        site = self.site
        article = site.articles[index]
        return {
            "title": article.title,
            "url": site.url(site.paths[index]),
            "date": self.when(article.date),
            "summary": self.bodies[index].summary,
            "tags": [self.tag_link(t) for t in site.article_tags[index]],
            "draft": article.draft,
            "future": article.date > site.now,
        }

    def tag_link(self, tag_index: int) -> Values:
        tag = self.site.tags[tag_index]
        return {"name": tag.name, "url": self.site.url(tag.path)}

    def pager(self, page: ListPage) -> Values:
        site = self.site

        def link(number: int) -> str:
            return site.url(page.folder if number == 1 else f"{page.folder}page/{number}/")

        return {
            "number": self.number(page.number),
            "total": self.number(page.total),
            "previous": link(page.number - 1) if page.number > 1 else "",
            "next": link(page.number + 1) if page.number < page.total else "",
            "first": link(1) if page.number > 2 else "",
            "last": link(page.total) if page.number < page.total - 1 else "",
        }

    def page(self, template: str, path: str, values: Values, status: str = "") -> Output:
        context = dict(self.shared)
        context.update(values)
        context["canonical"] = self.site.absolute(path)
        context.setdefault("feeds", [])
        text = self.env.get_template(template).render(context)
        return Output(path + "index.html" if not status else status, text.encode("utf-8"))

    # --- pages ---------------------------------------------------------------

    def article(self, index: int) -> Output:
        site = self.site
        article = site.articles[index]
        source = None
        if article.source:
            source = {"name": article.source.name, "url": article.source.url}
        return self.page("article.html", site.paths[index], {
            "title": article.title,
            "article": {
                **self.card(index),
                "body": self.bodies[index].html,
                "updated": self.when(article.updated) if article.updated else None,
                "source": source,
                "authors": list(article.authors),
                "related": [self.card(i) for i in site.related[index]],
            },
            "description": self.bodies[index].summary,
        })

    def article_list(self, page: ListPage, template: str, values: Values) -> Output:
        values = dict(values)
        values["cards"] = [self.card(i) for i in page.items]
        values["pager"] = self.pager(page)
        if page.number > 1:
            values["title"] = f"{values['title']} — صفحة {self.number(page.number)}"
        return self.page(template, page.path, values)

    def home_pages(self) -> Iterator[Output]:
        site = self.site
        for page in paginate(range(len(site.articles)), self.config.per_page, ""):
            yield self.article_list(page, "index.html", {
                "title": self.config.title, "heading": self.config.title,
                "description": self.config.description,
            })

    def tag_index(self) -> Output:
        tags = [{**self.tag_link(i), "count": self.number(len(t.articles))}
                for i, t in enumerate(self.site.tags)]
        return self.page("tags.html", "tags/", {"title": "الوسوم", "tags": tags,
                                                 "description": ""})

    def tag_pages(self, tag_index: int) -> Iterator[Output]:
        tag = self.site.tags[tag_index]
        for page in paginate(tag.articles, self.config.per_page, tag.path):
            yield self.article_list(page, "list.html", {
                "title": tag.name, "heading": tag.name, "kind": "وسم",
                "count": self.number(len(tag.articles)),
                "feeds": self._feeds(tag.path, f"{self.config.title} — {tag.name}"),
                "description": f"أخبار {tag.name}",
            })

    def static_page(self, page_index: int, body: Body) -> Output:
        page = self.site.pages[page_index]
        return self.page("page.html", page.path, {"title": page.title, "body": body.html,
                                                  "description": body.summary})

    def not_found(self) -> Output:
        return self.page("404.html", "404.html", {"title": "الصفحة غير موجودة",
                                                  "description": ""}, status="404.html")
