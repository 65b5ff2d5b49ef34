"""The site's paginated lists of articles, one per kind of list page (see layout.LIST_KINDS)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..layout import LIST_KINDS, ListKind, list_folder, page_path
from .groups import Group
from .records import ArticleRecord

Archive = dict[str, dict[str, tuple[int, ...]]]  # year → month → articles, newest first


@dataclass(frozen=True)
class Listing:
    """One paginated list of articles: the home page, a group, a year or a month."""

    kind: ListKind
    folder: str
    title: str
    articles: tuple[int, ...]
    group: Group | None = None


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


def paginate(listing: Listing, per_page: int) -> Iterator[ListPage]:
    """Split a list into pages; an empty list still has one (empty) page."""
    indices = listing.articles
    total = max(1, -(-len(indices) // per_page))
    for number in range(1, total + 1):
        start = (number - 1) * per_page
        yield ListPage(listing, number, total, indices[start : start + per_page])


def archive_of(articles: list[ArticleRecord], tz: ZoneInfo) -> Archive:
    """Articles by year and month in the site's timezone, newest first."""
    years: dict[str, dict[str, list[int]]] = {}
    for index, record in enumerate(articles):
        local = record.article.date.astimezone(tz)
        months = years.setdefault(f"{local.year:04d}", {})
        months.setdefault(f"{local.month:02d}", []).append(index)
    return {y: {m: tuple(i) for m, i in months.items()} for y, months in years.items()}


def make_listings(
    title: str,
    home: tuple[int, ...],
    groups: list[list[Group]],
    archive: Archive,
) -> list[Listing]:
    """Every paginated list of the site, the home page first."""
    lists = [Listing(LIST_KINDS["home"], "", title, home)]
    for kind_groups in groups:
        lists += [Listing(LIST_KINDS[g.kind], g.path, g.name, g.articles, g) for g in kind_groups]
    year_kind, month_kind = LIST_KINDS["archive"], LIST_KINDS["archive_month"]
    for year, months in archive.items():
        in_year = tuple(i for m in months.values() for i in m)
        lists.append(Listing(year_kind, list_folder("archive", year=year), year, in_year))
        for month, indices in months.items():
            folder = list_folder("archive_month", year=year, month=month)
            lists.append(Listing(month_kind, folder, f"{year}/{month}", indices))
    return lists
