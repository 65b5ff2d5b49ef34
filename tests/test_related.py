"""«اقرأ أيضاً»: the author's picks first, then the articles sharing the rarest tags."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.model import related
from site_builder.model.related import RelatedItem, select_related


def item(
    *tags: str, date: float = 0, eligible: bool = True, explicit: tuple[int, ...] = ()
) -> RelatedItem:
    return RelatedItem(tags=tags, date=date, eligible=eligible, explicit=explicit)


def test_explicit_picks_come_first_in_the_authors_order() -> None:
    items = [item("a", explicit=(2, 1)), item("a", date=1), item("b", date=2), item("a", date=3)]
    assert select_related(items, 3)[0] == [2, 1, 3]


@pytest.mark.parametrize(
    ("explicit", "expected"),
    [
        ((3, 1), [3, 1, 2, 4]),  # the author's order, then by tags
        ((1, 1, 3, 1), [1, 3, 2, 4]),  # deduplicated
        ((0, 1), [1, 2, 4]),  # never itself
        ((5, 1), [1, 2, 4]),  # a draft or a future article is skipped
        ((4, 3, 2, 1, 4), [4, 3, 2, 1]),  # more picks than room: the first ones
        ((), [2, 4, 1]),  # 3 shares no tag: only an explicit pick brings it in
    ],
)
def test_explicit_picks(explicit: tuple[int, ...], expected: list[int]) -> None:
    items = [
        item("a", explicit=explicit),
        item("a", date=1),
        item("a", date=4),
        item("b", date=2),
        item("a", date=3),
        item("a", date=9, eligible=False),
    ]
    assert select_related(items, 4)[0] == expected


def test_a_rare_shared_tag_beats_a_common_one() -> None:
    common = [item("common", date=10 + i) for i in range(20)]
    items = [item("common", "rare", date=0), item("rare", date=1), *common]
    assert select_related(items, 1)[0] == [1]


def test_the_score_is_the_idf_of_the_shared_tags() -> None:
    # N = 10 eligible articles. 'x' is on 2 (idf log 5), 'y' and 'z' on 4 each
    # (log 2.5 each): sharing y and z (1.83) beats sharing x (1.61), which beats y alone.
    items = [
        item("x", "y", "z", date=0),
        item("x", date=1),
        item("y", "z", date=2),
        item("y", date=3),
        item("z", date=4),
        *[item("w", date=10 + i) for i in range(5)],
    ]
    assert math.log(10 / 4) * 2 > math.log(10 / 2) > math.log(10 / 4)
    assert select_related(items, 4)[0] == [2, 1, 4, 3]


def test_newer_first_on_ties_and_never_itself() -> None:
    items = [item("x", date=5), item("x", date=1), item("x", date=9), item("x", date=3)]
    assert select_related(items, 3)[0] == [2, 3, 1]


def test_the_lower_index_first_when_the_dates_are_equal() -> None:
    items = [item("x", date=5), item("x", date=7), item("x", date=7), item("x", date=7)]
    assert select_related(items, 4)[0] == [1, 2, 3]
    assert select_related(items, 4)[2] == [1, 3, 0]


def test_drafts_and_future_articles_are_never_chosen() -> None:
    items = [item("x", date=0, explicit=(1,)), item("x", date=9, eligible=False), item("x", date=1)]
    assert select_related(items, 4)[0] == [2]


def test_a_draft_gets_related_articles_of_its_own() -> None:
    # `serve` shows drafts, and they show «اقرأ أيضاً» like any article.
    items = [item("x", date=1), item("x", date=99, eligible=False), item("x", date=2)]
    assert select_related(items, 4)[1] == [2, 0]


def test_tags_only_drafts_have_count_for_nothing() -> None:
    items = [item("only-in-drafts", "x", date=0), item("only-in-drafts", eligible=False)]
    assert select_related(items, 4) == [[], [0]]


def test_more_shared_tags_score_higher() -> None:
    filler = [item(f"t{i}", "a", "b", date=i) for i in range(10)]
    items = [item("a", "b", "c", date=0), item("a", date=100), item("a", "c", date=1), *filler]
    assert select_related(items, 1)[0] == [2]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], []),
        ([item()], [[]]),
        ([item("a"), item()], [[], []]),  # no tags: nothing shared
        ([item("a", "a"), item("a", "a")], [[1], [0]]),  # a repeated tag counts once
        ([item("a", explicit=(1,)), item()], [[1], []]),  # explicit picks need no tag
    ],
)
def test_small_sites(items: list[RelatedItem], expected: list[list[int]]) -> None:
    assert select_related(items, 4) == expected


def test_the_choice_is_deterministic() -> None:
    items = [item("a", "b", date=i % 3) for i in range(50)]
    assert select_related(items, 4) == select_related(list(items), 4)


def test_related_count_zero_shows_none() -> None:
    assert select_related([item("a", explicit=(1,)), item("a")], 0) == [[], []]


@pytest.mark.parametrize("count", [-1, -4])
def test_a_negative_count_is_a_bug(count: int) -> None:
    with pytest.raises(ValueError, match="count"):
        select_related([item("a")], count)


@pytest.mark.parametrize("explicit", [(2,), (-1,)])
def test_an_explicit_index_out_of_range_is_a_bug(explicit: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="out of range"):
        select_related([item("a", explicit=explicit), item("a")], 4)


# --- a large tag: only a window around the article's date is read -------------------


def test_a_common_tag_gives_the_articles_near_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "WINDOW", 2)
    items = [item("common", date=d) for d in range(20)]
    # The article of date 10 sees dates 8, 9, 11, 12 through 'common', newer first.
    assert select_related(items, 4)[10] == [12, 11, 9, 8]
    assert select_related(items, 4)[19] == [18, 17]  # the newest: only older neighbours
    assert select_related(items, 4)[0] == [2, 1]


def test_a_rare_tag_is_read_whole_however_far_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "WINDOW", 2)
    common = [item("common", date=d) for d in range(100)]
    items = [*common, item("common", "rare", date=1000), item("rare", "common", date=-1000)]
    assert select_related(items, 1)[100] == [101]
    assert select_related(items, 1)[101] == [100]


# --- against a plain reading of the rule, on sites small enough to read every tag whole ---

TAGS = ["سياسة", "اقتصاد", "مصر", "غزة", "رياضة", "طقس"]


@st.composite
def sites(draw: st.DrawFn) -> list[RelatedItem]:
    size = draw(st.integers(0, 30))
    items = []
    for _ in range(size):
        tags = draw(st.lists(st.sampled_from(TAGS), max_size=4))
        date = draw(st.integers(0, 8))  # few dates: many ties
        eligible = draw(st.booleans() | st.just(True))
        explicit = draw(st.lists(st.integers(0, size - 1), max_size=3)) if size else []
        items.append(RelatedItem(tuple(tags), float(date), eligible, tuple(explicit)))
    return items


def reference(items: list[RelatedItem], count: int) -> list[list[int]]:
    """Compare every pair: what select_related must equal while no tag is windowed."""
    eligible = [i for i, it in enumerate(items) if it.eligible]
    df: dict[str, int] = {}
    for i in eligible:
        for tag in set(items[i].tags):
            df[tag] = df.get(tag, 0) + 1
    # The same fixed-point idf as the module, so exact ties are ties in both.
    idf = {t: round(math.log(len(eligible) / n) * related._SCALE) for t, n in df.items()}
    out = []
    for i, it in enumerate(items):
        chosen: list[int] = []
        for j in it.explicit:
            if j != i and items[j].eligible and j not in chosen:
                chosen.append(j)
        chosen = chosen[:count]
        scored = []
        for j in eligible:
            shared = set(it.tags) & set(items[j].tags)
            if j != i and j not in chosen and shared:
                scored.append((-sum(idf[t] for t in shared), -items[j].date, j))
        chosen += [j for *_, j in sorted(scored)][: count - len(chosen)]
        out.append(chosen)
    return out


@pytest.mark.slow
@settings(max_examples=300)
@given(sites(), st.integers(0, 5))
def test_the_selection_is_the_rule_read_plainly(items: list[RelatedItem], count: int) -> None:
    assert select_related(items, count) == reference(items, count)


@settings(max_examples=200)
@given(sites(), st.integers(0, 5))
def test_never_itself_never_ineligible_never_twice(items: list[RelatedItem], count: int) -> None:
    for i, shown in enumerate(select_related(items, count)):
        assert len(shown) <= count
        assert i not in shown
        assert len(set(shown)) == len(shown)
        assert all(items[j].eligible for j in shown)
