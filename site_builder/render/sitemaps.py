"""sitemap.xml (an index past 50,000 URLs), the Google News sitemap and robots.txt."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from xml.sax.saxutils import escape

from ..layout import ARCHIVE_INDEX, TAG_INDEX, list_folder
from ..model.site import Site
from ..text import dates
from .files import Output

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit of URLs per file
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{}>\n'
_NEWS = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
)

_XHTML = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'

# A page's URL, when it last changed, and its versions in every language (hreflang, URL)
Entry = tuple[str, datetime | None, tuple[tuple[str, str], ...]]


def entries(site: Site) -> list[Entry]:
    """Every page worth a crawler's visit, with when it last changed."""
    newest = site.articles[0].article.date if site.articles else None
    found: list[tuple[str, datetime | None]] = [("", newest)]
    for record in site.articles:
        article = record.article
        found.append((record.path, max(article.updated or article.date, article.date)))
    found.append((TAG_INDEX, newest))
    for group in (*site.tags, *site.sections, *site.authors):
        found.append((group.path, site.articles[group.articles[0]].article.date))
    found.append((ARCHIVE_INDEX, newest))
    for year, months in site.archive.items():
        found.append((list_folder("archive", year=year), None))
        for month in months:
            found.append((list_folder("archive_month", year=year, month=month), None))
    for page in site.pages:
        found.append((page.path, None))
    return [(site.absolute(path), when, _alternates(site, path)) for path, when in found]


def _alternates(site: Site, path: str) -> tuple[tuple[str, str], ...]:
    versions = site.versions.get(path, ())
    if not versions:
        return ()
    return (*((v.code, v.url) for v in versions), ("x-default", versions[0].url))


def _urlset(items: Iterable[Entry]) -> bytes:
    items = list(items)
    xhtml = any(alternates for _, _, alternates in items)  # only a site with editions
    parts = [_HEAD, _URLSET.format(_XHTML if xhtml else "")]
    for url, modified, alternates in items:
        lastmod = f"<lastmod>{dates.iso(modified)}</lastmod>" if modified else ""
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}"/>'
            for code, href in alternates
        )
        parts.append(f"<url><loc>{escape(url)}</loc>{lastmod}{links}</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def sitemaps(items: list[Entry], base_url: str) -> Iterator[Output]:
    """One sitemap.xml, or an index over sitemaps/sitemap-N.xml past the limit."""
    if len(items) <= SITEMAP_LIMIT:
        yield Output("sitemap.xml", _urlset(items))
        return
    index = [_HEAD, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for number, start in enumerate(range(0, len(items), SITEMAP_LIMIT), start=1):
        path = f"sitemaps/sitemap-{number}.xml"
        yield Output(path, _urlset(items[start : start + SITEMAP_LIMIT]))
        index.append(f"<sitemap><loc>{escape(base_url + path)}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    yield Output("sitemap.xml", "".join(index).encode("utf-8"))


def news_sitemap(sites: list[Site]) -> Output:
    """Google News: the articles of the two days before the build's now, each edition's
    with its own name and language."""
    parts = [_HEAD, _NEWS]
    for site in sites:
        parts += _news_entries(site)
    parts.append("</urlset>\n")
    return Output("news-sitemap.xml", "".join(parts).encode("utf-8"))


def _news_entries(site: Site) -> Iterator[str]:
    name = escape(site.config.title)
    language = escape(site.config.language.split("-")[0].lower())
    for index in site.news():
        record = site.articles[index]
        article = record.article
        yield (
            f"<url><loc>{escape(site.absolute(record.path))}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name>"
            f"<news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{dates.iso(article.date)}</news:publication_date>"
            f"<news:title>{escape(article.title)}</news:title></news:news></url>\n"
        )


def robots(base_url: str) -> Output:
    text = (
        f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
        f"Sitemap: {base_url}news-sitemap.xml\n"
    )
    return Output("robots.txt", text.encode("utf-8"))
