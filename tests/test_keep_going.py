"""`build --keep-going`: a broken article never holds the rest of the site back; it
stays online as it was last published, from the record kept beside the output."""

from __future__ import annotations

import shutil

import lxml.html
from conftest import SiteFolder, article

BROKEN_DATE = "---\ntitle: الدوما يحذر\ndate: 2023-02-30\n---\nنص\n"


def related_titles(site: SiteFolder, slug: str) -> list[str]:
    tree = lxml.html.fromstring(site.read(f"articles/{slug}/index.html"))
    return [a.text_content().strip() for a in tree.xpath("//section[@class='read-also']//a")]


def three(site: SiteFolder) -> None:
    site.add("wafd", title="وفد إيراني في موسكو", tags=["موسكو", "طهران"], related=["duma"])
    site.add("duma", title="الدوما يحذر", date="2023-08-20", tags=["موسكو"])
    site.add("gold", title="الذهب يرتفع", date="2023-08-19", tags=["اقتصاد"])


def test_a_broken_article_keeps_its_last_published_version(site: SiteFolder, capsys) -> None:
    three(site)
    assert site.build() == 0
    before = site.snapshot()
    site.write("content/duma.md", BROKEN_DATE)
    site.add("gold", title="الذهب يرتفع لأعلى مستوى", date="2023-08-19", tags=["اقتصاد"])
    assert site.build() == 1  # without the flag: all or nothing
    assert site.snapshot() == before
    capsys.readouterr()

    assert site.build("--keep-going") == 4
    err = capsys.readouterr().err
    assert "content/duma.md:3: error: 'date' is not a date" in err
    assert "content/duma.md: its last published version stays online" in err
    after = site.snapshot()
    assert after["articles/duma/index.html"] == before["articles/duma/index.html"]
    assert "الذهب يرتفع لأعلى مستوى" in site.read("articles/gold/index.html")
    assert "الدوما يحذر" in related_titles(site, "wafd")
    assert "articles/duma/" in site.read("tags/موسكو/index.html")
    assert "الدوما يحذر" in site.read("feed.xml")


def test_an_article_never_published_is_left_out(site: SiteFolder, capsys) -> None:
    three(site)
    assert site.build() == 0
    site.write("content/new.md", "---\ntitle: [\n---\nنص\n")
    assert site.build("--keep-going") == 4
    assert "content/new.md: left out (it was never published)" in capsys.readouterr().err
    assert site.build("--keep-going") == 4  # and again: still held back, still said
    assert "content/new.md" in capsys.readouterr().err


def test_the_record_survives_a_clean_build_and_a_lost_cache(site: SiteFolder) -> None:
    three(site)
    assert site.build() == 0
    page = site.read("articles/duma/index.html")
    site.write("content/duma.md", BROKEN_DATE)
    shutil.rmtree(site.root / ".cache")
    assert site.build("--keep-going", "--clean") == 4
    assert site.read("articles/duma/index.html") == page


def test_an_article_the_site_cannot_take_is_held_back_too(site: SiteFolder, capsys) -> None:
    three(site)
    assert site.build() == 0
    page = site.read("articles/wafd/index.html")
    site.add("wafd", title="وفد إيراني", tags=["موسكو"], related=["no-such-article"])
    assert site.build("--keep-going") == 4
    err = capsys.readouterr().err
    assert "'related' names 'no-such-article'" in err
    assert site.read("articles/wafd/index.html") == page


def test_a_broken_config_still_stops_the_build(site: SiteFolder) -> None:
    three(site)
    assert site.build() == 0
    before = site.snapshot()
    site.write("content/duma.md", BROKEN_DATE)
    site.set_config("title: موقع\nbase_url: https://example.org/\nper_page: 0\n")
    assert site.build("--keep-going") == 1
    assert site.snapshot() == before


def test_once_fixed_the_article_is_published_anew_and_the_exit_is_0(site: SiteFolder) -> None:
    three(site)
    assert site.build() == 0
    site.write("content/duma.md", BROKEN_DATE)
    assert site.build("--keep-going") == 4
    site.add("duma", title="الدوما يحذر من جديد", date="2023-08-20", tags=["موسكو"])
    assert site.build("--keep-going") == 0
    assert "الدوما يحذر من جديد" in site.read("articles/duma/index.html")


def test_a_held_back_build_equals_a_clean_one_with_the_same_record(
    site: SiteFolder, tmp_path
) -> None:
    three(site)
    assert site.build() == 0
    site.write("content/duma.md", BROKEN_DATE)
    site.write("content/new.md", article(title="خبر جديد", tags=["اقتصاد"]))
    assert site.build("--keep-going") == 4
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache"))
    assert fresh.build("--keep-going", "--clean") == 4
    assert fresh.snapshot() == site.snapshot()
