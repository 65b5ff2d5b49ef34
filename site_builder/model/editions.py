"""The site's editions: one Site a language, and what links them (translations of one
story by `translation_key`, of a page by its slug, and every edition's home and
indexes), with the checks of keys and of paths that would take an edition's folder."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..config import Config
from ..content.articles import Parsed
from ..content.pages import StaticPage
from ..layout import ARCHIVE_INDEX, SEARCH_PAGE, TAG_INDEX
from ..problems import Problem
from .site import Site, is_published, make_site


@dataclass(frozen=True)
class Version:
    """One language's version of a page: for hreflang links and the language switcher."""

    code: str  # BCP 47, as hreflang takes it
    name: str  # the language's name in itself: «العربية», "English"
    direction: str
    url: str  # absolute
    link: str  # under the site's path, for links


def make_editions(
    config: Config,
    parsed: list[Parsed],
    pages: list[StaticPage],
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    memo: dict[str, object] | None = None,
) -> tuple[list[Site], list[Problem]]:
    """A Site for each edition, the default one first, linked to each other."""
    editions = config.editions
    if len(editions) == 1:
        site, problems = make_site(config, parsed, pages, now, drafts, future, memo)
        return [site], problems + _key_problems([site], [parsed], config, drafts, future)
    own_parsed: list[list[Parsed]] = [[] for _ in editions]
    own_pages: list[list[StaticPage]] = [[] for _ in editions]
    position = {edition.prefix: i for i, edition in enumerate(editions)}
    for item in parsed:
        own_parsed[position[config.edition_of(item.article.file).prefix]].append(item)
    for page in pages:
        own_pages[position[config.edition_of(page.file).prefix]].append(page)
    sites: list[Site] = []
    problems: list[Problem] = []
    for i, edition in enumerate(editions):
        own_memo = memo if memo is None or i == 0 else memo.setdefault(f"edition:{i}", {})
        site, found = make_site(
            edition,
            own_parsed[i],
            own_pages[i],
            now,
            drafts,
            future,
            own_memo,  # type: ignore[arg-type]
        )
        sites.append(site)
        problems += found
    problems += _folder_clashes(sites[0], [e.prefix.rstrip("/") for e in editions[1:]])
    problems += _key_problems(sites, own_parsed, config, drafts, future)
    return _linked(sites), problems


def _linked(sites: list[Site]) -> list[Site]:
    """Each site with the versions of its pages in every language, and every home."""
    names = {language.code: language.name for language in sites[0].config.languages}

    def version(site: Site, path: str) -> Version:
        code = site.config.language
        return Version(
            code, names[code], site.config.direction, site.absolute(path), site.url(path)
        )

    shared = ["", TAG_INDEX, ARCHIVE_INDEX, SEARCH_PAGE]
    by_key: dict[str, list[tuple[int, str]]] = {}
    by_slug: dict[str, list[tuple[int, str]]] = {}
    for i, site in enumerate(sites):
        for record in site.articles:
            if record.article.translation_key:
                by_key.setdefault(record.article.translation_key, []).append((i, record.path))
        for page in site.pages:
            by_slug.setdefault(page.slug, []).append((i, page.path))
    groups = [[(i, path) for i in range(len(sites))] for path in shared]
    groups += [g for g in (*by_key.values(), *by_slug.values()) if len(g) > 1]
    versions: list[dict[str, tuple[Version, ...]]] = [{} for _ in sites]  # each site's, by path
    for group in groups:
        found = tuple(version(sites[i], path) for i, path in group)
        for i, path in group:
            versions[i][path] = found
    homes = tuple(version(site, "") for site in sites)
    linked = [replace(site, versions=versions[i], homes=homes) for i, site in enumerate(sites)]
    return linked


def _folder_clashes(site: Site, codes: list[str]) -> list[Problem]:
    """A default-edition page or article whose URL would take an edition's folder."""
    problems = []
    fix_page = "give the page another slug (slug: about-us), or move it to pages/{code}/"
    for page in site.pages:
        if page.slug in codes:
            problems.append(
                Problem(
                    page.shown,
                    1,
                    f"the page's slug '{page.slug}' is the folder of the '{page.slug}' edition "
                    f"(/{page.slug}/), which the languages: of the config serve there",
                    fix_page.format(code=page.slug),
                )
            )
    for record in site.articles:
        first = record.path.split("/", 1)[0]
        if first in codes:
            article = record.article
            problems.append(
                Problem(
                    article.shown,
                    article.line_of("slug"),
                    f"the article's URL /{record.path} is inside the '{first}' edition's folder "
                    f"(/{first}/)",
                    f"give it another slug, or move the file to content/{first}/ "
                    "if it belongs to that edition",
                )
            )
    return problems


def _key_problems(
    sites: list[Site], parsed: list[list[Parsed]], config: Config, drafts: bool, future: bool
) -> list[Problem]:
    """Two articles of one language with one translation_key (an error: which is the
    translation?), and a key no article of another language has (a warning)."""
    problems = []
    languages: dict[str, set[int]] = {}
    for i, items in enumerate(parsed):
        seen: dict[str, str] = {}
        for item in items:
            article = item.article
            key = article.translation_key
            if not key:
                continue
            languages.setdefault(key, set()).add(i)
            if key in seen and is_published(article, sites[i].now, drafts, future):
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("translation_key"),
                        f"translation_key '{key}' is also the key of {seen[key]}, in the same "
                        "language; a key links one article of each language",
                        "give one of them another translation_key, or remove it",
                    )
                )
            seen.setdefault(key, article.shown)
    for i, items in enumerate(parsed):
        others = ", ".join(e.language for e in config.editions if e is not config.editions[i])
        for item in items:
            article = item.article
            key = article.translation_key
            if key and len(languages[key]) == 1:
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("translation_key"),
                        f"translation_key '{key}' names no article in another language"
                        + (f" ({others})" if others else " (the site has one language)"),
                        "give its translation the same translation_key, or check the spelling",
                        "warning",
                    )
                )
    return problems
