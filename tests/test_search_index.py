"""The search index: the builder's records in month shards, re-indexed only where they
changed, the same bytes every build, never a draft, never half-written."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import SiteFolder

from site_builder.cli import main
from site_builder.search import arabic, indexing
from site_builder.search.records import SearchRecord
from site_builder.search.service import SearchUnavailable
from site_builder.search.shards import make_shards


def build(site: SiteFolder, *flags: str) -> int:
    return main(["build", "--config", str(site.config), "--jobs", "1", "--quiet", *flags])


def fragments(output: Path) -> str:
    """Every fragment's text (what Pagefind shows as results), decompressed."""
    texts = [
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in sorted((output / "pagefind").rglob("*.pf_fragment"))
    ]
    return "\n".join(texts)


def make_site(site: SiteFolder) -> None:
    site.set_config("title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n")
    for i in range(9):
        site.add(
            f"a{i}",
            title=f"خبر رقم {i}",
            date=f"2023-{1 + i // 3:02d}-{10 + i:02d}",
            tags=["روسيا", "أوكرانيا"] if i % 2 else ["مصر"],
            section="سياسة" if i % 3 else "اقتصاد",
            author="منى حسن",
            body=f"فقرة أولى للخبر {i} عن الحكومة والروسية.\n\nفقرة ثانية.",
        )


@pytest.fixture
def built(site: SiteFolder) -> SiteFolder:
    make_site(site)
    assert build(site) == 0
    return site


def copy_and_build_clean(site: SiteFolder, tmp_path: Path) -> dict[str, bytes]:
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.rmtree(fresh.root, ignore_errors=True)
    shutil.copytree(
        site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache", ".output-*")
    )
    assert build(fresh, "--clean") == 0
    return fresh.snapshot()


# --- the Arabic rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "indexed", "query"),
    [
        ("والروسية", "و\u200d الروسية", "الروسية"),
        ("فالحكومة", "ف\u200d الحكومة", "الحكومة"),
        ("وأوكرانيا", "و\u200d أوكرانيا", "أوكرانيا"),
        ("لأوكرانيا", "ل\u200d أوكرانيا", "أوكرانيا"),
        ("وبالأمس", "وب\u200d الأمس", "الأمس"),
        ("والدولة", "و\u200d الدولة", "الدولة"),
        ("وَالرُّوسِيَّة", "وَ\u200d الرُّوسِيَّة", "الرُّوسِيَّة"),
        # the و or ف is part of the word: left whole
        ("وكالة", "وكالة", "وكالة"),
        ("والده", "والده", "والده"),
        ("والي", "والي", "والي"),
        ("واشنطن", "واشنطن", "واشنطن"),
        ("وقال", "وقال", "وقال"),  # the stemmer takes this و off itself
        ("كأس", "كأس", "كأس"),
        ("بأن", "بأن", "بأن"),
        ("الروسية", "الروسية", "الروسية"),
        ("Russia", "Russia", "Russia"),
    ],
)
def test_a_conjunction_pagefind_keeps_is_split_off(word: str, indexed: str, query: str) -> None:
    assert arabic.index_text(word) == indexed
    assert arabic.query_text(word) == query


def test_joiners_in_the_text_cannot_pass_for_a_split_prefix() -> None:
    assert arabic.index_text("كلمة\u200dأخرى \u200f") == "كلمةأخرى "


# --- shards ----------------------------------------------------------------------------


def record(month: int, day: int, n: int = 0) -> SearchRecord:
    return SearchRecord(
        url=f"/a/{month}-{day}-{n}/",
        title="خبر",
        shown_date="",
        sort_date="",
        month=(2024, month),
        day=day,
        section="",
        tags=(),
        authors=(),
        year="2024",
        body="x",
    )


def test_a_month_is_one_shard_until_it_is_big_then_runs_of_whole_days() -> None:
    records = [record(1, d) for d in (3, 3, 9)]
    records += [record(2, d, n) for d in (1, 2, 2, 5, 5, 5, 28) for n in range(1)]
    records += [record(3, 7, n) for n in range(7)]  # one day bigger than a shard
    shards = make_shards(sorted(records, key=lambda r: (r.month, r.day)), size=3)
    assert [(s.name, len(s.records)) for s in shards] == [
        ("2024-03-07-3", 1),
        ("2024-03-07-2", 3),
        ("2024-03-07", 3),
        ("2024-02-28", 1),
        ("2024-02-05", 3),
        ("2024-02-01", 3),
        ("2024-01", 3),
    ]


# --- what a build writes ------------------------------------------------------------


def test_each_month_is_a_bundle_merged_by_the_search_page(built: SiteFolder) -> None:
    pagefind = built.output / "pagefind"
    assert json.loads((pagefind / "shards.json").read_text()) == [
        "2023-03/",
        "2023-02/",
        "2023-01/",
    ]
    for month in ("2023-01", "2023-02", "2023-03"):
        entry = json.loads((pagefind / month / "pagefind-entry.json").read_text())
        assert entry["languages"]["ar"]["page_count"] == 3
        assert not list((pagefind / month).glob("*.js")), "a shard needs no scripts"
    assert (pagefind / "pagefind-ui.js").is_file() and (pagefind / "wasm.ar.pagefind").is_file()
    text = fragments(built.output)
    assert "و\u200d الروسية" in text  # the prefix split, for the index
    assert "سياسة" in text and "2023" in text  # section and year filters
    assert "<p>" not in text and "نص" not in text  # plain text of bodies, not pages


def test_drafts_never_reach_the_index(site: SiteFolder) -> None:
    make_site(site)
    site.add("secret", title="مسودة", date="2023-02-01", draft=True, body="كلمةسرية للمسودة.")
    assert build(site, "--drafts") == 0
    assert (site.output / "articles" / "secret" / "index.html").is_file()
    assert "كلمةسرية" not in fragments(site.output)


def test_two_builds_give_the_same_index_byte_for_byte(site: SiteFolder, tmp_path: Path) -> None:
    make_site(site)
    assert build(site, "--clean") == 0
    one = site.snapshot()
    assert build(site, "--clean", "--jobs", "2") == 0
    assert site.snapshot() == one
    assert copy_and_build_clean(site, tmp_path) == one


def test_an_edit_re_indexes_its_month_only_and_equals_a_full_build(
    built: SiteFolder, tmp_path: Path
) -> None:
    pagefind = built.output / "pagefind"
    january = {p: p.stat().st_ino for p in (pagefind / "2023-01").rglob("*") if p.is_file()}
    path = built.root / "content" / "a7.md"
    path.write_text(path.read_text().replace("فقرة ثانية.", "فقرة ثانية عن أوكرانيا."))
    assert build(built) == 0
    assert {p: p.stat().st_ino for p in (pagefind / "2023-01").rglob("*") if p.is_file()} == (
        january
    ), "the unchanged month was carried over"
    assert "عن أوكرانيا" in fragments(built.output)
    assert built.snapshot() == copy_and_build_clean(built, tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        lambda s: (s.root / "content" / "a4.md").unlink(),  # a month loses an article
        lambda s: s.add("new", title="خبر جديد", date="2023-04-02", body="جديد."),  # a new month
        lambda s: s.add("old", title="قديم", date="2022-12-31", body="قديم."),  # an older one
        lambda s: (s.root / "content" / "a0.md").write_text(
            (s.root / "content" / "a0.md").read_text().replace("2023-01-10", "2023-03-30")
        ),  # an article moves to another month
    ],
    ids=["delete", "new-month", "older-month", "move"],
)
def test_a_chain_of_changes_keeps_the_index_equal_to_a_full_build(
    built: SiteFolder, tmp_path: Path, change
) -> None:
    change(built)
    assert build(built) == 0
    assert built.snapshot() == copy_and_build_clean(built, tmp_path)
    path = built.root / "content" / "a5.md"  # and once more, on the spare tree
    path.write_text(path.read_text().replace("فقرة ثانية.", "فقرة معدلة."))
    assert build(built) == 0
    assert built.snapshot() == copy_and_build_clean(built, tmp_path)


def test_a_search_file_changed_by_hand_is_made_again(built: SiteFolder, tmp_path: Path) -> None:
    entry = built.output / "pagefind" / "2023-02" / "pagefind-entry.json"
    entry.write_text("{}")
    assert build(built) == 0
    assert built.snapshot() == copy_and_build_clean(built, tmp_path)


def test_a_failed_index_leaves_the_previous_output(built: SiteFolder, monkeypatch) -> None:
    before = built.snapshot()
    path = built.root / "content" / "a7.md"
    path.write_text(path.read_text().replace("فقرة ثانية.", "فقرة تالية."))

    def broken(self, index: int) -> dict[str, bytes]:
        raise SearchUnavailable("Pagefind failed (it stopped)")

    monkeypatch.setattr(indexing.Service, "files", broken)
    assert build(built) == 1
    assert built.snapshot() == before
    monkeypatch.undo()
    assert build(built) == 0
    assert "فقرة تالية" in fragments(built.output)


def test_no_search_removes_the_index_and_search_brings_it_back(built: SiteFolder) -> None:
    assert build(built, "--no-search") == 0
    assert not (built.output / "pagefind").exists()
    assert build(built) == 0
    assert (built.output / "pagefind" / "2023-02" / "pagefind-entry.json").is_file()
