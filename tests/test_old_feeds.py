"""The config keys a migration fills: `old_feeds` (a copy of a new feed at each old feed URL)
and `section_info` (a section's name and description on its page), in full and
incremental builds, and their mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SiteFolder

CONFIG = """\
title: موقع
base_url: https://example.org/
timezone: Africa/Cairo
old_feeds:
  feed/: feed.xml
  index.xml: feed.xml
  category/سياسة/feed/: sections/سياسة/feed.xml
section_info:
  سياسة: {name: السياسة والعالم, description: ما يجري في العالم}
"""


def make(site: SiteFolder, config: str = CONFIG) -> None:
    site.set_config(config)
    for i in range(4):
        site.add(f"a{i}", title=f"خبر {i}", date=f"2023-08-0{i + 1}", section="سياسة")


def test_each_old_feed_url_gets_the_new_feeds_bytes(site: SiteFolder) -> None:
    make(site)
    assert site.build() == 0
    rss = (site.output / "feed.xml").read_bytes()
    assert (site.output / "feed" / "index.html").read_bytes() == rss
    assert (site.output / "index.xml").read_bytes() == rss
    section = (site.output / "sections" / "سياسة" / "feed.xml").read_bytes()
    assert (site.output / "category" / "سياسة" / "feed" / "index.html").read_bytes() == section
    page = site.read("sections/سياسة/index.html")
    assert "<h1>السياسة والعالم</h1>" in page
    assert '<p class="description">ما يجري في العالم</p>' in page


def test_an_incremental_build_equals_a_full_one(site: SiteFolder, tmp_path: Path) -> None:
    make(site)
    assert site.build() == 0
    site.add("a9", title="خبر جديد", date="2023-08-09", section="سياسة")
    site.set_config(CONFIG.replace("ما يجري في العالم", "أخبار العالم"))
    assert site.build() == 0
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(
        site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache", ".output-*")
    )
    assert fresh.build("--clean") == 0
    assert site.snapshot() == fresh.snapshot()
    assert (
        b"\xd8\xae\xd8\xa8\xd8\xb1 \xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf"
        in site.snapshot()["feed/index.html"]
    )


def test_an_old_feed_whose_new_feed_is_not_made_is_a_warning(site: SiteFolder, capsys) -> None:
    make(site, CONFIG.replace("sections/سياسة/feed.xml", "sections/رياضة/feed.xml"))
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "old_feeds sends /category/سياسة/feed/ to sections/رياضة/feed.xml" in err
    assert not (site.output / "category").exists()


def test_an_old_feed_at_a_path_the_site_makes_is_an_error(site: SiteFolder, capsys) -> None:
    make(site, CONFIG.replace("index.xml: feed.xml", "atom.xml: feed.xml"))
    before = site.snapshot() if site.output.exists() else {}
    assert site.build() == 1
    assert "two outputs would be written at atom.xml" in capsys.readouterr().err
    assert not site.output.exists() or site.snapshot() == before


def test_mistakes_in_the_keys_name_the_key(site: SiteFolder, capsys) -> None:
    site.set_config(
        "title: موقع\nbase_url: https://example.org/\n"
        "old_feeds: {'?feed=rss2': feed.xml}\n"
        "section_info: {سياسة: {title: السياسة}}\n"
    )
    assert site.check() == 1
    err = capsys.readouterr().err
    assert "config key 'old_feeds' names '?feed=rss2', which is not a path inside the site" in err
    assert (
        "config key 'section_info' entry 'سياسة' must be a mapping with name and description" in err
    )
