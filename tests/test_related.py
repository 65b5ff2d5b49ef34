"""«اقرأ أيضاً»: the author's picks first, then the articles sharing the rarest tags."""

from site_builder.related import RelatedItem, select_related


def item(*tags: str, date: float = 0, eligible: bool = True, explicit: tuple[int, ...] = ()) -> RelatedItem:
    return RelatedItem(tags=tags, date=date, eligible=eligible, explicit=explicit)


def test_explicit_picks_come_first_in_the_authors_order() -> None:
    items = [item("a", explicit=(2, 1)), item("a", date=1), item("b", date=2), item("a", date=3)]
    assert select_related(items, 3)[0] == [2, 1, 3]


def test_a_rare_shared_tag_beats_a_common_one() -> None:
    common = [item("common", date=10 + i) for i in range(20)]
    items = [item("common", "rare", date=0), item("rare", date=1), *common]
    assert select_related(items, 1)[0] == [1]


def test_newer_first_on_ties_and_never_itself() -> None:
    items = [item("x", date=5), item("x", date=1), item("x", date=9), item("x", date=3)]
    assert select_related(items, 3)[0] == [2, 3, 1]


def test_drafts_and_future_articles_are_never_chosen() -> None:
    items = [item("x", date=0, explicit=(1,)), item("x", date=9, eligible=False), item("x", date=1)]
    assert select_related(items, 4)[0] == [2]


def test_more_shared_tags_score_higher() -> None:
    filler = [item(f"t{i}", "a", "b", date=i) for i in range(10)]
    items = [item("a", "b", "c", date=0), item("a", date=100), item("a", "c", date=1), *filler]
    assert select_related(items, 1)[0] == [2]


def test_the_choice_is_deterministic() -> None:
    items = [item("a", "b", date=i % 3) for i in range(50)]
    assert select_related(items, 4) == select_related(list(items), 4)


def test_related_count_zero_shows_none() -> None:
    assert select_related([item("a", explicit=(1,)), item("a")], 0) == [[], []]
