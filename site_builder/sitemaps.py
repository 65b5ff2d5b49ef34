"""sitemap.xml (an index past 50,000 URLs) and robots.txt, for crawlers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from xml.sax.saxutils import escape

from . import dates
from .render import Output

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit of URLs per file
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _urlset(entries: Iterable[tuple[str, datetime | None]]) -> bytes:
    parts = [_HEAD, _URLSET]
    for url, modified in entries:
        lastmod = f"<lastmod>{dates.iso(modified)}</lastmod>" if modified else ""
        parts.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def sitemaps(entries: list[tuple[str, datetime | None]], base_url: str) -> Iterator[Output]:
    """One sitemap.xml, or an index over sitemaps/sitemap-N.xml past the limit."""
    if len(entries) <= SITEMAP_LIMIT:
        yield Output("sitemap.xml", _urlset(entries))
        return
    index = [_HEAD, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for number, start in enumerate(range(0, len(entries), SITEMAP_LIMIT), start=1):
        path = f"sitemaps/sitemap-{number}.xml"
        yield Output(path, _urlset(entries[start : start + SITEMAP_LIMIT]))
        index.append(f"<sitemap><loc>{escape(base_url + path)}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    yield Output("sitemap.xml", "".join(index).encode("utf-8"))


def robots(base_url: str) -> Output:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
    return Output("robots.txt", text.encode("utf-8"))
