"""Kinds of list page are declared once: each kind's URL, its page size and its feeds."""

from __future__ import annotations

from conftest import SiteFolder

from site_builder.layout import FEED_FORMATS, LIST_KINDS, OWN_FILES


def _site(site: SiteFolder, extra: str = "") -> None:
    site.set_config(
        "title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n"
        "per_page: 4\n" + extra
    )
    for i in range(9):
        site.add(
            f"a{i}", title=f"خبر {i}", date=f"2023-08-{i + 1:02d}", tags=["مصر"], section="سياسة"
        )


def _pages(site: SiteFolder, folder: str) -> int:
    return 1 + len(list((site.output / folder / "page").glob("*/index.html")))


def test_per_page_is_the_size_of_every_list_by_default(site: SiteFolder) -> None:
    _site(site)
    assert site.build() == 0
    for folder in ("", "tags/مصر/", "sections/سياسة/", "archive/2023/", "archive/2023/08/"):
        assert _pages(site, folder) == 3, folder


def test_list_per_page_sets_one_kind_of_list(site: SiteFolder) -> None:
    _site(site, "list_per_page: {tag: 2, archive: 9}\n")
    assert site.build() == 0
    assert _pages(site, "") == 3  # the home page keeps per_page
    assert _pages(site, "tags/مصر/") == 5
    assert _pages(site, "sections/سياسة/") == 3
    assert _pages(site, "archive/2023/") == 1  # "archive" sets the years and the months
    assert _pages(site, "archive/2023/08/") == 1


def test_a_list_per_page_that_names_no_kind_says_which_kinds_there_are(
    site: SiteFolder, capsys
) -> None:
    _site(site, "list_per_page: {tags: 2}\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "config.yaml:5" in err and "'tags'" in err and "tag, section, author, archive" in err


def test_each_kind_gets_the_feeds_it_declares(site: SiteFolder) -> None:
    _site(site)
    assert site.build() == 0
    files = {f.name: f.file for f in FEED_FORMATS}
    for kind, folder in (("home", ""), ("tag", "tags/مصر/"), ("archive", "archive/2023/")):
        made = {name for name, file in files.items() if (site.output / folder / file).is_file()}
        assert made == set(LIST_KINDS[kind].feeds), kind


def test_feed_files_are_the_builders_own_urls() -> None:
    assert {f.file for f in FEED_FORMATS} <= OWN_FILES
