"""Tags editors control: spellings kept apart, aliases, a tag's own name, slug and
description, and tag lists in Arabic alphabetical order."""

from __future__ import annotations

from urllib.parse import quote

import feedparser
import lxml.html
import pytest
from conftest import SiteFolder

from site_builder.config import Config, TagInfo
from site_builder.model.naming import TagNaming

BASE = "title: موقع\nbase_url: https://example.org/news/\n"


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def tag_dirs(site: SiteFolder) -> set[str]:
    """The tag pages (not the redirects at old tag pages)."""
    return {
        p.name
        for p in (site.output / "tags").iterdir()
        if (p / "index.html").is_file()
        and 'http-equiv="refresh"' not in (p / "index.html").read_text(encoding="utf-8")
    }


def test_oman_and_amman_are_kept_apart_and_the_bare_spelling_warns(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.set_config(BASE + "tags_kept_apart: [عُمان, عمّان]\n")
    site.add("muscat", title="مسقط", tags=["عُمان"])
    site.add("amman", title="عمّان العاصمة", tags=["عمّان"], date="2023-08-22")
    site.add("bare1", title="بلا تشكيل", tags=["عمان"], date="2023-08-23")
    site.add("bare2", title="بلا تشكيل ثان", tags=["عمان"], date="2023-08-24")
    assert site.build() == 0
    # Three pages, three slugs: the kept spellings keep their marks.
    assert tag_dirs(site) == {"عُمان", "عمّان", "عمان"}
    assert texts(page(site, "tags/عُمان/index.html"), "//h2[@class='card-title']") == ["مسقط"]
    assert texts(page(site, "tags/عمّان/index.html"), "//h2[@class='card-title']") == [
        "عمّان العاصمة"
    ]
    assert len(texts(page(site, "tags/عمان/index.html"), "//h2[@class='card-title']")) == 2
    article = page(site, "articles/muscat/index.html")
    assert article.xpath("//section[@class='keywords']//a/@href") == [
        "/news/tags/" + quote("عُمان") + "/"
    ]
    err = capsys.readouterr().err
    # One warning for the bare tag, with its count, naming the spellings kept apart.
    assert err.count("warning: the tag 'عمان'") == 1
    assert "(2 articles)" in err and "'عمّان' and 'عُمان'" in err
    assert "content/bare2.md:4: warning" in err  # at the newest article that has it


def test_variants_of_a_bare_spelling_still_merge(site: SiteFolder) -> None:
    site.set_config(BASE + "tags_kept_apart: [عُمان]\n")
    site.add("a", tags=["عمان"])
    site.add("b", title="ب", tags=["عمـان"])  # tatweel: a variant of the bare spelling
    assert site.build() == 0
    assert tag_dirs(site) == {"عمان"}


def test_an_alias_joins_its_tag_and_its_old_page_and_feeds_redirect(site: SiteFolder) -> None:
    site.set_config(BASE + "tag_aliases: {امريكا: الولايات المتحدة}\n")
    site.add("a", title="خبر أمريكي", tags=["أمريكا"])  # a variant of the alias
    site.add("b", title="خبر آخر", tags=["الولايات المتحدة"], date="2023-08-22")
    site.add("c", title="خبر ثالث", tags=["امريكا"], date="2023-08-23")
    assert site.build() == 0
    target = "الولايات-المتحدة"
    assert tag_dirs(site) == {target}
    tree = page(site, f"tags/{target}/index.html")
    assert texts(tree, "//h1") == ["الولايات المتحدة"]  # the tag's name, not the alias
    assert len(texts(tree, "//h2[@class='card-title']")) == 3
    assert texts(page(site, "articles/a/index.html"), "//section[@class='keywords']//a") == [
        "الولايات المتحدة"
    ]
    old = page(site, "tags/امريكا/index.html")
    new_url = f"https://example.org/news/tags/{quote(target)}/"
    assert old.xpath("//link[@rel='canonical']/@href") == [new_url]
    assert old.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={new_url}"]
    rules = site.read("_redirects").splitlines()
    old_path, new_path = "/news/tags/" + quote("امريكا") + "/", f"/news/tags/{quote(target)}/"
    assert f"{old_path} {new_path} 301" in rules
    assert f"{old_path}feed.xml {new_path}feed.xml 301" in rules
    assert f"{old_path}atom.xml {new_path}atom.xml 301" in rules
    assert f"https://example.org/news/tags/{quote(target)}/" in site.read("sitemap.xml")
    assert quote("امريكا") not in site.read("sitemap.xml")


def test_tag_info_names_slugs_and_describes_a_tag_and_its_feeds_follow(
    site: SiteFolder,
) -> None:
    site.set_config(
        BASE + "tags_kept_apart: [عُمان]\n"
        "tag_info:\n"
        "  عُمان: {name: سلطنة عُمان, slug: oman, description: أخبار السلطنة & جيرانها}\n"
        "  روسيا: {description: كل ما يخص روسيا}\n"
    )
    site.add("a", tags=["عُمان", "روسيا"])
    assert site.build() == 0
    assert tag_dirs(site) == {"oman", "روسيا"}
    tree = page(site, "tags/oman/index.html")
    assert texts(tree, "//h1") == ["سلطنة عُمان"]
    assert texts(tree, "//p[@class='description']") == ["أخبار السلطنة & جيرانها"]
    assert tree.xpath("//meta[@name='description']/@content") == ["أخبار السلطنة & جيرانها"]
    # The page's own feeds are at its slug, and say what it is about.
    assert tree.xpath("//link[@rel='alternate']/@href")[0] == "/news/tags/oman/feed.xml"
    rss = feedparser.parse(site.read("tags/oman/feed.xml"))
    assert rss.bozo == 0 and rss.feed.subtitle == "أخبار السلطنة & جيرانها"
    assert rss.feed.title == "موقع — سلطنة عُمان"
    assert "https://example.org/news/tags/oman/" in site.read("sitemap.xml")
    # The default page of the kept spelling sends readers on to the slug given.
    moved = page(site, "tags/عُمان/index.html")
    assert moved.xpath("//link[@rel='canonical']/@href") == ["https://example.org/news/tags/oman/"]
    assert texts(page(site, "articles/a/index.html"), "//section[@class='keywords']//a") == [
        "سلطنة عُمان",
        "روسيا",
    ]


def test_config_words_about_tags_no_article_has_are_warnings(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.set_config(
        BASE + "tag_info: {مصر: {name: جمهورية مصر}}\ntag_aliases: {امريكا: أمريكا الشمالية}\n"
    )
    site.add("a", tags=["روسيا"])
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "warning: tag_info names 'مصر'" in err
    assert "warning: tag_aliases sends 'امريكا' to 'أمريكا الشمالية'" in err


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("tag_aliases: {امريكا: أمريكا}\n", "the same tag"),
        ("tag_aliases: {امريكا: امريكا الشمالية, امريكا الشمالية: الولايات المتحدة}\n", "alias"),
        ("tag_info: {مصر: {slug: a/b}}\n", "not one URL segment"),
        ("tag_info: {مصر: {title: x}}\n", "name, slug and description"),
        ("tags_kept_apart: عمان\n", "must be a list"),
    ],
)
def test_wrong_tag_rules_are_errors_naming_the_key(
    site: SiteFolder, capsys: pytest.CaptureFixture[str], config: str, words: str
) -> None:
    site.set_config(BASE + config)
    site.add("a", tags=["مصر"])
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "config.yaml:3: error:" in err and words in err and "fix:" in err


def test_tags_sort_in_arabic_alphabetical_order_latin_after_and_ties_by_key(
    site: SiteFolder,
) -> None:
    site.set_config(BASE + "tags_kept_apart: [عُمان, عمّان]\n")
    site.add("a", tags=["ياسر", "Zeta", "إيران", "بغداد", "عمان", "اقتصاد", "alpha", "ثقافة"])
    site.add("b", title="ب", tags=["عُمان", "عمّان", "تونس"])
    assert site.build() == 0
    names = texts(page(site, "tags/index.html"), "//ul[@class='tag-list']//a")
    assert names == [
        "اقتصاد",
        "إيران",
        "بغداد",
        "تونس",
        "ثقافة",
        "عمان",
        "عمّان",
        "عُمان",
        "ياسر",
        "alpha",
        "Zeta",
    ]


def test_the_naming_of_tags_as_a_table() -> None:
    from pathlib import Path

    config = Config(
        path=Path("/x/config.yaml"),
        title="t",
        base_url="https://x.org/",
        tags_kept_apart=("عُمان",),
        tag_aliases={"امريكا": "الولايات المتحدة", "عُمان القديمة": "عُمان"},
        tag_info={"مصر": TagInfo(slug="egypt")},
    )
    naming = TagNaming.of(config)
    assert naming.key("عُمان") == "عُمان" and naming.key("عمان") == "عمان"
    assert naming.key("أمريكا") == naming.key("الولايات المتحدة") == "الولايات المتحدة"
    assert naming.shown("امريكا") == "الولايات المتحدة"
    assert naming.key("عُمان القديمة") == "عُمان"
    assert naming.slug("مصر") == "egypt" and naming.slug("عُمان") == "عُمان"
    assert naming.kept_apart_from("عمان") == ("عُمان",)
    assert naming.kept_apart_from("عُمان") == ()
