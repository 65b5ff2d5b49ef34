"""«اقرأ أيضاً»: the author's own picks first, then articles sharing the rarest tags."""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..digests import digest
from ..problems import Problem

# Candidates come from a window of each shared tag's posting list around the
# article's own place in time: WINDOW articles on either side. A tag with at most
# 2 * WINDOW articles (every rare, informative tag) is read whole, so everything
# sharing it is considered. Only from a common tag are far-off articles left out;
# such a tag weighs little (low idf), and a news desk would pick the stories of the
# same days anyway. The work per article is bounded by its tag count times
# 2 * WINDOW, never by the size of the archive: it stays cheap at 100,000 articles.
WINDOW = 24

# idf weights are fixed-point integers, so sums are exact and the same set of shared
# tags always gives the same score whatever order they are added in. 2**20 keeps
# tags of different df apart: log(df+1) - log(df) > 1e-5 for df <= 100,000.
_SCALE = 1 << 20


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """One article as related selection sees it; its index is its position in the list.

    `date` sorts newer as larger; an item not `eligible` (a draft, a future article) is
    never chosen; `explicit` are the author's `related` picks as indices, in order.
    """

    tags: tuple[str, ...]
    date: float
    eligible: bool = True
    explicit: tuple[int, ...] = ()


def select_related(items: Sequence[RelatedItem], count: int = 4) -> list[list[int]]:
    """Up to `count` indices per item: explicit picks, then by shared tags' idf, newer, index."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    n = len(items)
    for index, item in enumerate(items):
        for pick in item.explicit:
            if not 0 <= pick < n:
                raise ValueError(f"item {index}: explicit related index {pick} is out of range")

    # Rank every eligible item, newest first and then by index: rank order is the
    # tie-break, and one integer per item is cheaper to carry than (date, index).
    by_rank = sorted((i for i in range(n) if items[i].eligible), key=lambda i: (-items[i].date, i))
    total = len(by_rank)
    rank_of = {index: rank for rank, index in enumerate(by_rank)}
    dates = [-items[i].date for i in by_rank]  # ascending, for placing an ineligible item

    postings: dict[str, list[int]] = {}
    for rank, index in enumerate(by_rank):
        for tag in dict.fromkeys(items[index].tags):
            postings.setdefault(tag, []).append(rank)  # ranks ascend: newest first

    # A candidate's key is score * total - rank: higher score first, then lower rank
    # (newer). Keys are distinct per candidate, and the rank can be read back from one.
    weight = {
        tag: round(math.log(total / len(ranks)) * _SCALE) * total for tag, ranks in postings.items()
    }

    result: list[list[int]] = []
    for index, item in enumerate(items):
        chosen = _explicit(index, item.explicit, items, count)
        room = count - len(chosen)
        tags = [tag for tag in dict.fromkeys(item.tags) if tag in postings]
        if room > 0 and tags:
            place = rank_of.get(index)
            if place is None:
                place = bisect.bisect_left(dates, -item.date)
            keys: dict[int, int] = {}
            for tag in tags:
                add = weight[tag]
                ranks = postings[tag]
                if len(ranks) > 2 * WINDOW:
                    middle = bisect.bisect_left(ranks, place)
                    ranks = ranks[max(0, middle - WINDOW) : middle + WINDOW + 1]
                for rank in ranks:
                    keys[rank] = keys.get(rank, -rank) + add
            skip = {index, *chosen}
            # At most len(skip) of the best are skipped, so that many extra suffice.
            for key in heapq.nlargest(room + len(skip), keys.values()):
                pick = by_rank[-key % total]
                if pick not in skip:
                    chosen.append(pick)
                    if len(chosen) == count:
                        break
        result.append(chosen)
    return result


def _explicit(
    index: int, picks: tuple[int, ...], items: Sequence[RelatedItem], count: int
) -> list[int]:
    chosen: list[int] = []
    for pick in picks:
        if len(chosen) == count:
            break
        if pick != index and items[pick].eligible and pick not in chosen:
            chosen.append(pick)
    return chosen


def explicit_related(
    articles: list[Any], hidden: set[str]
) -> tuple[list[tuple[int, ...]], list[Problem]]:
    """The author's own «اقرأ أيضاً» slugs, resolved; unknown slugs are errors."""
    index = {a.slug: i for i, a in enumerate(articles)}
    problems = []
    related = []
    for article in articles:
        chosen: list[int] = []
        for slug in article.related:
            if slug in index:
                chosen.append(index[slug])
            elif slug not in hidden:  # a draft's or a future article's slug is skipped
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("related"),
                        f"'related' names '{slug}', which is no article's slug",
                        "use the slug of an article in the content folder",
                    )
                )
        related.append(tuple(chosen))
    return related, problems


def related_articles(
    articles: list[Any],
    tag_keys: list[tuple[str, ...]],
    explicit: list[tuple[int, ...]],
    now: datetime,
    count: int,
    memo: dict[str, object],
) -> list[list[int]]:
    """Explicit picks first, then the articles sharing the most informative tags.

    `memo` keeps the choice from one build to the next, keyed by all it depends on.
    """
    items = [
        RelatedItem(
            tags=tags,
            date=a.date.timestamp(),
            eligible=not a.draft and a.date <= now,
            explicit=picks,
        )
        for a, tags, picks in zip(articles, tag_keys, explicit, strict=True)
    ]
    key = digest(repr(items), str(count))
    known = memo.get("related")
    if isinstance(known, tuple) and known[0] == key:
        return known[1]
    chosen = select_related(items, count)
    memo["related"] = (key, chosen)
    return chosen
