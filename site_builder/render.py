"""Pages from Jinja2 templates: the values of each kind of page, then its HTML.

Values are plain dicts and lists. An article's body stands in them as a BodyRef
(its digest), so the values of a page say everything its bytes depend on: the
incremental build hashes them to know whether the page must be made again.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jinja2
from markupsafe import Markup

from . import dates, seo
from .bodies import BodyRenderer
from .cache import digest
from .output import Output
from .site import Group, Listing, Site

Values = dict[str, Any]


@dataclass(frozen=True)
class BodyRef:
    """An article's converted body, named by its digest; filled in at render time."""

    index: int
    digest: str


def environment(site: Site) -> jinja2.Environment:
    """Templates from the site's theme, compiled once, HTML escaped everywhere."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(site.config.theme / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    listing: Listing
    number: int
    total: int
    items: Sequence[int]

    @property
    def path(self) -> str:
        return page_path(self.listing.folder, self.number)


def page_path(folder: str, number: int) -> str:
    return folder if number == 1 else f"{folder}page/{number}/"


def paginate(listing: Listing, per_page: int) -> Iterator[ListPage]:
    """Split a list into pages; an empty list still has one (empty) page."""
    indices = listing.articles
    total = max(1, -(-len(indices) // per_page))
    for number in range(1, total + 1):
        start = (number - 1) * per_page
        yield ListPage(listing, number, total, indices[start : start + per_page])


class Renderer:
    """Turns the site model into page values and pages; holds what every page shares."""

    def __init__(self, site: Site, search: bool = False) -> None:
        self.site = site
        self.config = site.config
        self.search = search
        self._env: jinja2.Environment | None = None
        self._cards: dict[int, Values] = {}
        self._card_keys: dict[int, str] = {}
        self._listed: dict[int, Values] = {}
        self._links: dict[str, Values] = {}
        self._dates: dict[tuple[int, int, int], Values] = {}
        self.shared = self._shared()

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            self._env = environment(self.site)
        return self._env

    # --- small values ------------------------------------------------------------

    def number(self, value: int | str) -> str:
        return dates.localize_digits(str(value), self.config.numerals)  # type: ignore[arg-type]

    def when(self, moment: datetime) -> Values:
        config = self.config
        local = moment.astimezone(config.tz)
        day = (local.year, local.month, local.day)
        shown = self._dates.get(day)
        if shown is None:
            shown = {
                "text": dates.display_date(
                    moment, locale=config.locale, numerals=config.numerals, tz=config.tz
                ),  # type: ignore[arg-type]
                "hijri": dates.hijri_date(
                    moment,
                    locale=config.locale,
                    numerals=config.numerals,  # type: ignore[arg-type]
                    tz=config.tz,
                )
                if config.hijri
                else "",
                "url": self.site.url(f"archive/{local.year:04d}/{local.month:02d}/"),
            }
            self._dates[day] = shown
        return {"iso": dates.iso(local), **shown}

    def feeds_of(self, folder: str, title: str) -> list[Values]:
        site = self.site
        return [
            {
                "type": "application/rss+xml",
                "title": f"{title} (RSS)",
                "label": "RSS",
                "url": site.url(folder + "feed.xml"),
            },
            {
                "type": "application/atom+xml",
                "title": f"{title} (Atom)",
                "label": "Atom",
                "url": site.url(folder + "atom.xml"),
            },
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
                "archive_url": site.url("archive/"),
                "search_url": site.url("search/") if self.search else "",
                "static": site.url("static/"),
                "feeds": self.feeds_of("", config.title)
                + [
                    {
                        "type": "application/feed+json",
                        "title": f"{config.title} (JSON Feed)",
                        "label": "JSON Feed",
                        "url": site.url("feed.json"),
                    }
                ],
                "sections": [self.group_link(g) for g in site.sections],
                "pages": [{"title": p.title, "url": site.url(p.path)} for p in site.pages],
                "drafts": site.drafts_shown,
            },
        }

    def group_link(self, group: Group) -> Values:
        link = self._links.get(group.path)
        if link is None:
            link = self._links[group.path] = {"name": group.name, "url": self.site.url(group.path)}
        return link

    def image(self, index: int, eager: bool = False) -> Values | None:
        image = self.site.images[index]
        if image is None:
            return None
        if not image.local:
            return {
                "src": image.url,
                "srcset": "",
                "width": 0,
                "height": 0,
                "alt": image.alt,
                "absolute": image.url,
                "eager": eager,
            }
        folder = self.site.paths[index]
        variants = image.variants()
        srcset = ", ".join(f"{self.site.url(folder + name)} {w}w" for name, w, _ in variants)
        if variants:
            srcset += f", {self.site.url(folder + image.name)} {image.width}w"
        return {
            "src": self.site.url(folder + image.name),
            "srcset": srcset,
            "width": image.width,
            "height": image.height,
            "alt": image.alt,
            "absolute": self.site.absolute(folder + image.name),
            "eager": eager,
        }

    def card(self, index: int) -> Values:
        """What a list shows of an article (the same dict every time: made once)."""
        card = self._cards.get(index)
        if card is not None:
            return card
        site = self.site
        article = site.articles[index]
        section = site.article_section[index]
        card = {
            "title": article.title,
            "url": site.url(site.paths[index]),
            "date": self.when(article.date),
            "summary": site.summaries[index],
            "tags": [self.group_link(site.tags[t]) for t in site.article_tags[index]],
            "section": self.group_link(site.sections[section]) if section is not None else None,
            "image": self.image(index),
            "draft": article.draft,
            "future": article.date > site.now,
        }
        self._cards[index] = card
        return card

    def listed_card(self, index: int) -> Values:
        """A card with its HTML made once: an article stands in many lists (home, tags,
        section, writer, archives), and its card is the same in each."""
        listed = self._listed.get(index)
        if listed is None:
            card = self.card(index)
            macro = self.env.get_template("partials/card.html").module.card  # type: ignore[attr-defined]
            listed = self._listed[index] = {**card, "html": Markup(macro(card))}
        return listed

    def card_key(self, index: int) -> str:
        """A digest of an article's card, so a page's key need not hash whole cards."""
        key = self._card_keys.get(index)
        if key is None:
            key = self._card_keys[index] = digest(pickle.dumps(self.card(index), protocol=4))
        return key

    def key(self, values: Values, salt: str) -> str:
        """What a page's bytes depend on: its own values and the cards it shows."""
        cards = [self.card_key(i) for i in values["refs"]]
        return digest(salt, pickle.dumps(values, protocol=4), *cards)

    def pager(self, page: ListPage) -> Values:
        def link(number: int) -> str:
            return self.site.url(page_path(page.listing.folder, number))

        return {
            "number": self.number(page.number),
            "total": self.number(page.total),
            "previous": link(page.number - 1) if page.number > 1 else "",
            "next": link(page.number + 1) if page.number < page.total else "",
            "first": link(1) if page.number > 2 else "",
            "last": link(page.total) if page.number < page.total - 1 else "",
        }

    # --- the values of each kind of page -------------------------------------------

    def article_key(self, index: int, salt: str) -> str:
        """What an article page's bytes depend on, without making its values: its card
        and its related articles' cards, and what of the article the card leaves out."""
        site = self.site
        article = site.articles[index]
        own = (
            site.paths[index],
            site.digests[index],
            article.updated,
            article.source,
            tuple(site.authors[a].path + site.authors[a].name for a in site.article_authors[index]),
            site.images[index],
            site.related[index],
        )
        cards = [self.card_key(i) for i in (index, *site.related[index])]
        return digest(salt, "article", repr(own), *cards)

    def article_values(self, index: int) -> Values:
        site, config = self.site, self.config
        article = site.articles[index]
        card = self.card(index)
        source = None
        if article.source:
            source = {"name": article.source.name, "url": article.source.url}
        authors = [
            {**self.group_link(site.authors[a]), "absolute": site.absolute(site.authors[a].path)}
            for a in site.article_authors[index]
        ]
        image = self.image(index, eager=True)
        updated = article.updated if article.updated and article.updated > article.date else None
        modified = dates.iso(updated or article.date)
        section = card["section"]
        keywords = [t["name"] for t in card["tags"]]
        return {
            "template": "article.html",
            "path": site.paths[index],
            "title": article.title,
            "description": card["summary"],
            "og": {
                "type": "article",
                "locale": seo.og_locale(config.language, config.locale),
                "published": card["date"]["iso"],
                "modified": modified,
                "section": section["name"] if section else "",
                "tags": keywords,
                "image": image,
            },
            "refs": (index, *site.related[index]),
            "article": {
                "card": index,
                "body": BodyRef(index, site.digests[index]),
                "updated": self.when(updated) if updated else None,
                "source": source,
                "authors": authors,
                "image": image,
                "related": list(site.related[index]),
            },
        }

    def list_values(self, page: ListPage) -> Values:
        listing = page.listing
        values: Values = {
            "template": "index.html" if not listing.folder else "list.html",
            "path": page.path,
            "title": listing.title
            if page.number == 1
            else f"{listing.title} — صفحة {self.number(page.number)}",
            "heading": listing.title,
            "label": listing.label,
            "count": self.number(len(listing.articles)),
            "description": self.config.description
            if not listing.folder
            else f"{listing.label}: {listing.title}",
            "feeds": self.feeds_of(listing.folder, f"{self.config.title} — {listing.title}")
            if listing.feeds and listing.folder
            else [],
            "group": None,
            "lead": None,
            "cards": list(page.items),
            "pager": self.pager(page),
        }
        group = listing.group
        if group is not None and group.kind == "authors":
            info = next(
                (
                    v
                    for k, v in self.config.authors.items()
                    if k == group.name or v.name == group.name
                ),
                None,
            )
            if info is not None:
                values["group"] = {"bio": info.bio, "image": info.image}
        if not listing.folder and page.number == 1 and self.site.lead is not None:
            values["lead"] = self.site.lead
            values["cards"] = [i for i in values["cards"] if i != self.site.lead]
        values["refs"] = tuple(values["cards"]) + (
            (values["lead"],) if values["lead"] is not None else ()
        )
        return values

    def tag_index_values(self) -> Values:
        tags = [
            {**self.group_link(t), "count": self.number(len(t.articles))} for t in self.site.tags
        ]
        return {
            "template": "tags.html",
            "path": "tags/",
            "title": "الوسوم",
            "tags": tags,
            "description": f"كل وسوم {self.config.title}",
            "refs": (),
        }

    def archive_values(self) -> Values:
        years = []
        for year, months in self.site.archive().items():
            years.append(
                {
                    "name": self.number(year),
                    "url": self.site.url(f"archive/{year}/"),
                    "count": self.number(sum(len(m) for m in months.values())),
                    "months": [
                        {
                            "name": self.when(self.site.articles[indices[0]].date)["text"].split(
                                " ", 1
                            )[1],
                            "url": self.site.url(f"archive/{year}/{month}/"),
                            "count": self.number(len(indices)),
                        }
                        for month, indices in months.items()
                    ],
                }
            )
        return {
            "template": "archive.html",
            "path": "archive/",
            "title": "الأرشيف",
            "years": years,
            "description": f"أرشيف {self.config.title}",
            "refs": (),
        }

    def page_values(self, page_index: int) -> Values:
        page = self.site.pages[page_index]
        return {
            "template": "page.html",
            "path": page.path,
            "title": page.title,
            "description": "",
            "source": page.body,
            "refs": (),
        }

    def simple_values(self, template: str, path: str, title: str) -> Values:
        return {"template": template, "path": path, "title": title, "description": "", "refs": ()}

    def jsonld(self, article: Values, values: Values) -> str:
        """The page's NewsArticle, made at render time from the values it was keyed by."""
        section, image = article["section"], article["image"]
        return seo.news_article(
            headline=article["title"],
            url=self.site.absolute(values["path"]),
            published=article["date"]["iso"],
            modified=values["og"]["modified"],
            description=article["summary"],
            authors=article["authors"],
            publisher=self.config.title,
            home=self.config.base_url,
            language=self.config.language,
            keywords=[t["name"] for t in article["tags"]],
            section=section["name"] if section else "",
            image=image["absolute"] if image else "",
        )

    # --- HTML ------------------------------------------------------------------------

    def html(self, values: Values, bodies: BodyLookup) -> Output:
        """Render a page's values, its body filled in, with the theme's template."""
        context = dict(self.shared)
        context.update(values)
        context.setdefault("feeds", [])
        context.setdefault("og", None)
        context.setdefault("jsonld", "")
        context["canonical"] = self.site.absolute(values["path"])
        if "cards" in values:
            context["cards"] = [self.listed_card(i) for i in values["cards"]]
        if values.get("lead") is not None:
            lead = values["lead"]
            context["lead"] = {**self.card(lead), "image": self.image(lead, eager=True)}
        if "article" in values:
            extra = values["article"]
            article = {**self.card(extra["card"]), **extra}
            article["body"] = bodies.html(extra["body"])
            article["related"] = [self.card(i) for i in extra["related"]]
            context["article"] = article
            context["jsonld"] = self.jsonld(article, values)
        if "source" in values:
            context["body"] = BodyRenderer(self.config.unsafe_html).render(values["source"]).html
        text = self.env.get_template(values["template"]).render(context)
        path = values["path"]
        return Output(path if path.endswith(".html") else path + "index.html", text.encode("utf-8"))


class BodyLookup:
    """Where converted bodies come from at render time (the body store, or a fallback)."""

    def html(self, ref: BodyRef) -> str:  # pragma: no cover - an interface
        raise NotImplementedError
