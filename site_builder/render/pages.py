"""HTML pages from the theme's templates: a page's values, its cards and body filled in."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from ..layout import ARCHIVE_INDEX, BREAKING_FILE, SEARCH_PAGE, TAG_INDEX, file_of
from ..model.site import Site
from . import seo
from .files import Output
from .logo import logo_url
from .parts import Parts, Values
from .templates import environment, strings
from .views import BodyRef


def menu_sections(site: Site) -> list[Any]:
    """The sections the header lists: the config's `menu` in its order (by name, as the
    articles write them), else every section."""
    if not site.config.menu:
        return site.sections
    by_name = {name: g for g in site.sections for name in (*g.spellings, g.name)}
    return [by_name[name] for name in site.config.menu if name in by_name]


class BodyLookup:
    """Where converted bodies come from at render time: the body store."""

    def html(self, ref: BodyRef) -> str:  # pragma: no cover - an interface
        raise NotImplementedError


class Pages:
    """Turns page values into HTML; holds what every page of the site shares."""

    def __init__(self, site: Site, search: bool = False) -> None:
        self.site = site
        self.config = site.config
        self.search = search
        self.t = strings(self.config.theme, self.config.language)
        self.parts = Parts(site, self.t)
        self._env: jinja2.Environment | None = None
        self._listed: dict[int, Values] = {}
        self.logo = logo_url(site)
        self.shared = self._shared()
        self.og_locale = seo.og_locale(self.config.language, self.config.locale)

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            self._env = environment(self.config.theme, self.t)
        return self._env

    def _shared(self) -> Values:
        site, config = self.site, self.config
        return {
            "site": {
                "title": config.title,
                "description": config.description,
                "language": config.language,
                "direction": config.direction,
                "home": site.url(""),
                "tags_url": site.url(TAG_INDEX),
                "archive_url": site.url(ARCHIVE_INDEX),
                "search_url": site.url(SEARCH_PAGE) if self.search else "",
                "static": site.at_root("static/"),
                "feeds": self.parts.feeds_of("", config.title, ("rss", "atom", "json")),
                "breaking_url": site.url(BREAKING_FILE),
                "sections": [self.parts.group_link(g) for g in menu_sections(site)],
                "pages": [{"title": p.title, "url": site.url(p.path)} for p in site.pages],
                "drafts": site.drafts_shown,
            },
        }

    def listed_card(self, index: int) -> Values:
        """A card with its HTML made once: an article stands in many lists (home, tags,
        section, writer, archives), and its card is the same in each."""
        listed = self._listed.get(index)
        if listed is None:
            card = self.parts.card(index)
            macro = self.env.get_template("partials/card.html").module.card  # type: ignore[attr-defined]
            listed = self._listed[index] = {**card, "html": Markup(macro(card))}
        return listed

    def open_graph(self, article: Values) -> Values:
        """An article page's Open Graph values, made from the values it was keyed by."""
        section = article["section"]
        return {
            "type": "article",
            "locale": self.og_locale,
            "published": article["date"]["iso"],
            "modified": article["modified"],
            "section": section["name"] if section else "",
            "tags": [t["name"] for t in article["tags"]],
            "image": article["image"],
        }

    def jsonld(self, article: Values, values: Values) -> str:
        """The page's NewsArticle, made at render time from the values it was keyed by."""
        section, image = article["section"], article["image"]
        return seo.news_article(
            headline=article["title"],
            url=self.site.absolute(values["path"]),
            published=article["date"]["iso"],
            modified=article["modified"],
            description=article["summary"],
            authors=article["authors"],
            publisher=self.config.title,
            home=self.config.base_url,
            language=self.config.language,
            keywords=[t["name"] for t in article["tags"]],
            section=section["name"] if section else "",
            image=image["absolute"] if image else "",
            corrections=tuple((c["date"]["iso"], c["text"]) for c in article["corrections"]),
            logo=self.logo,
        )

    def html(self, values: Values, bodies: BodyLookup) -> Output:
        """Render a page's values, its body filled in, with the theme's template."""
        parts = self.parts
        context: dict[str, Any] = dict(self.shared)
        context.update(values)
        context.setdefault("feeds", [])
        context.setdefault("og", None)
        context.setdefault("jsonld", "")
        context["canonical"] = self.site.absolute(values["path"])
        context["languages"] = parts.languages(values["path"])
        if "cards" in values:
            context["cards"] = [self.listed_card(i) for i in values["cards"]]
        if values.get("lead") is not None:
            lead = values["lead"]
            context["lead"] = {**parts.card(lead), "image": parts.image(lead, eager=True)}
        if "article" in values:
            extra = values["article"]
            article = {**parts.card(extra["card"]), **extra}
            article["body"] = bodies.html(extra["body"])
            article["related"] = [parts.card(i) for i in extra["related"]]
            context["article"] = article
            context["title"] = article["title"]
            context["description"] = article["summary"]
            context["og"] = self.open_graph(article)
            context["jsonld"] = self.jsonld(article, values)
        text = self.env.get_template(values["template"]).render(context)
        return Output(file_of(values["path"]), text.encode("utf-8"))

    def render(self, template: str, **values: Any) -> str:
        """One of the theme's templates with the given values (and the theme's words)."""
        return self.env.get_template(template).render(**values)

    def redirect(self, alias: str, target: str, title: str) -> Output:
        """A page at an old URL that sends readers (meta refresh) and crawlers
        (canonical) on to `target`."""
        text = self.env.get_template("redirect.html").render(
            language=self.config.language,
            direction=self.config.direction,
            title=title,
            url=target,
        )
        return Output(file_of(alias), text.encode("utf-8"))
