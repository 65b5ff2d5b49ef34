"""Whole builds of small sites, asserting what a reader and a feed reader meet."""

from __future__ import annotations

import json
from urllib.parse import quote

import feedparser
import lxml.html
from conftest import SiteFolder


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def test_article_page_shows_title_date_source_tags_body_and_read_also(site: SiteFolder) -> None:
    site.add(
        "one",
        title="وفد عسكري يزور موسكو",
        tags=["طهران", "موسكو"],
        source="صدى البلد",
        related=["two"],
        body="الفقرة الأولى.\n\nالفقرة الثانية.",
    )
    site.add("two", title="خبر آخر")
    assert site.build() == 0
    tree = page(site, "articles/one/index.html")
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    assert texts(tree, "//h1") == ["وفد عسكري يزور موسكو"]
    assert tree.xpath("//time/@datetime")[0].startswith("2023-08-21T00:00:00+02:00") or tree.xpath(
        "//time/@datetime"
    )[0].startswith("2023-08-21T00:00:00+03:00")
    assert texts(tree, "//p[@class='source']") == ["المصدر: صدى البلد"]
    assert texts(tree, "//div[@class='body']/p") == ["الفقرة الأولى.", "الفقرة الثانية."]
    assert texts(tree, "//section[@class='keywords']/h2") == ["كلمات دلالية"]
    assert texts(tree, "//section[@class='keywords']//a") == ["طهران", "موسكو"]
    assert texts(tree, "//section[@class='read-also']//a") == ["خبر آخر"]
    assert tree.xpath("//section[@class='read-also']//a/@href") == ["/news/articles/two/"]
    assert tree.xpath("//link[@rel='canonical']/@href") == [
        "https://example.org/news/articles/one/"
    ]
    feeds = tree.xpath("//link[@rel='alternate']/@type")
    assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= set(feeds)


def test_every_output_path_of_the_contract_is_written(site: SiteFolder) -> None:
    site.add("one", tags=["روسيا"])
    assert site.build() == 0
    tag = quote("روسيا")
    for relative in [
        "index.html",
        "articles/one/index.html",
        "tags/index.html",
        "tags/روسيا/index.html",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "tags/روسيا/feed.xml",
        "tags/روسيا/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "static/style.css",
    ]:
        assert (site.output / relative).is_file(), relative
    assert f"/news/tags/{tag}/" in site.read("articles/one/index.html")
    assert "Sitemap: https://example.org/news/sitemap.xml" in site.read("robots.txt")


def test_tag_spelling_variants_share_one_page_named_by_the_most_used(site: SiteFolder) -> None:
    site.add("a", title="أ", tags=["أوكرانيا"])
    site.add("b", title="ب", tags=["اوكرانيا"])
    site.add("c", title="ج", tags=["أوكـرانيا"])
    site.add("d", title="د", tags=["أوكرانيا"])
    assert site.build() == 0
    tag_pages = [p.name for p in (site.output / "tags").iterdir() if p.is_dir()]
    assert tag_pages == ["اوكرانيا"]
    tree = page(site, "tags/اوكرانيا/index.html")
    assert texts(tree, "//h1") == ["أوكرانيا"]
    assert sorted(texts(tree, "//h2[@class='card-title']")) == ["أ", "ب", "ج", "د"]
    index = page(site, "tags/index.html")
    assert texts(index, "//ul[@class='tag-list']/li") == ["أوكرانيا (4)"]


def test_the_tag_slug_does_not_move_when_another_spelling_wins(site: SiteFolder) -> None:
    site.add("a", title="أ", tags=["إيران"])
    assert site.build() == 0
    first = sorted(p.name for p in (site.output / "tags").iterdir() if p.is_dir())
    site.add("b", title="ب", tags=["ايران"])
    site.add("c", title="ج", tags=["ايران"])
    assert site.build() == 0
    second = sorted(p.name for p in (site.output / "tags").iterdir() if p.is_dir())
    assert first == second == ["ايران"]
    assert texts(page(site, "tags/ايران/index.html"), "//h1") == ["ايران"]


def test_two_tags_that_would_share_a_slug_are_an_error_naming_both(
    site: SiteFolder, capsys
) -> None:
    site.add("a", tags=["c++"])
    site.add("b", title="ب", tags=["c--"])
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "'c++'" in err and "'c--'" in err
    assert not site.output.exists()


def test_tag_index_sorts_alphabetically_so_alef_forms_sit_together(site: SiteFolder) -> None:
    site.add("a", tags=["إيران", "بغداد", "أبوظبي", "اليمن", "آسيا", "Apple"])
    assert site.build() == 0
    names = texts(page(site, "tags/index.html"), "//ul[@class='tag-list']//a")
    # CLDR's Arabic order: أ إ ا are one letter, آ reads as ءا (two alefs, as
    # dictionaries sort it), and Latin comes after Arabic on an Arabic site.
    assert names == ["آسيا", "أبوظبي", "اليمن", "إيران", "بغداد", "Apple"]


def test_feeds_parse_with_absolute_links_and_stable_ids(site: SiteFolder) -> None:
    site.add(
        "one",
        title="خبر",
        tags=["روسيا"],
        body="[رابط](../two/) و![صورة](/news/static/x.png) و[خارجي](https://example.com/a)",
    )
    site.add("two", title="خبر ثان", date="2023-08-22")
    assert site.build() == 0
    first = {}
    for name in ["feed.xml", "atom.xml", "tags/روسيا/feed.xml", "tags/روسيا/atom.xml"]:
        parsed = feedparser.parse(site.read(name))
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        first[name] = [e.id for e in parsed.entries]
        for entry in parsed.entries:
            assert entry.link.startswith("https://example.org/news/articles/")
            for content in entry.get("content", []):
                assert 'href="../' not in content.value and 'src="/' not in content.value
    rss = feedparser.parse(site.read("feed.xml"))
    assert rss.feed.language == "ar"
    body = rss.entries[1].content[0].value
    assert 'href="https://example.org/news/articles/two/"' in body
    assert 'src="https://example.org/news/static/x.png"' in body
    assert 'href="https://example.com/a"' in body
    json_items = json.loads(site.read("feed.json"))["items"]
    assert all(item["url"].startswith("https://example.org/news/") for item in json_items)
    assert site.build() == 0
    for name, ids in first.items():
        assert [e.id for e in feedparser.parse(site.read(name)).entries] == ids
    assert first["feed.xml"] == first["atom.xml"] == [item["id"] for item in json_items]


def test_rss_has_self_link_language_and_guid_from_the_id(site: SiteFolder) -> None:
    site.add("one", id="urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    assert site.build() == 0
    rss = site.read("feed.xml")
    assert '<atom:link href="https://example.org/news/feed.xml" rel="self"/>' in rss
    assert "<language>ar</language>" in rss
    assert '<guid isPermaLink="false">urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301</guid>' in rss


def test_default_id_is_a_tag_uri_from_date_and_path(site: SiteFolder) -> None:
    site.add("روسيا-اليوم")
    assert site.build() == 0
    entry = json.loads(site.read("feed.json"))["items"][0]
    assert entry["id"] == f"tag:example.org,2023-08-21:/news/articles/{quote('روسيا-اليوم')}/"


def test_json_feed_is_version_1_1(site: SiteFolder) -> None:
    site.add("one", title="عنوان", author="منى حسن")
    assert site.build() == 0
    document = json.loads(site.read("feed.json"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://example.org/news/feed.json"
    item = document["items"][0]
    assert item["url"] == "https://example.org/news/articles/one/"
    assert item["authors"] == [{"name": "منى حسن"}]
    assert "content_html" in item


def test_feeds_hold_the_summary_when_full_content_is_off(site: SiteFolder) -> None:
    site.set_config("title: t\nbase_url: https://example.org/\nfeed_full_content: false\n")
    site.add("one", summary="ملخص قصير", body="نص طويل لا يظهر في الخلاصة.")
    assert site.build() == 0
    entry = feedparser.parse(site.read("atom.xml")).entries[0]
    assert entry.summary == "ملخص قصير"
    assert "content" not in entry
    assert "نص طويل" not in site.read("feed.xml")


def test_feeds_hold_the_newest_feed_items_articles(site: SiteFolder) -> None:
    site.set_config("title: t\nbase_url: https://example.org/\nfeed_items: 3\n")
    for day in range(1, 8):
        site.add(f"a{day}", title=f"خبر {day}", date=f"2023-08-0{day}")
    assert site.build() == 0
    titles = [e.title for e in feedparser.parse(site.read("feed.xml")).entries]
    assert titles == ["خبر 7", "خبر 6", "خبر 5"]


def test_a_title_that_looks_like_markup_is_text_everywhere(site: SiteFolder) -> None:
    evil = '<script>alert(1)</script> & "quotes"'
    site.add(
        "evil",
        title=evil,
        tags=["<b>وسم</b>"],
        source="<i>src</i>",
        author="<img src=x>",
        summary="</p><script>x</script>",
    )
    assert site.build() == 0
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert "<script>" not in text, path
            assert "<img src=x>" not in text, path
    tree = page(site, "articles/evil/index.html")
    assert texts(tree, "//h1") == [evil]
    assert feedparser.parse(site.read("feed.xml")).entries[0].title == evil
    assert json.loads(site.read("feed.json"))["items"][0]["title"] == evil


def test_raw_html_in_bodies_is_sanitized_unless_authors_are_trusted(site: SiteFolder) -> None:
    body = (
        '<script>alert(1)</script>\n\n<p onclick="x()">نص</p>\n\n'
        '[رابط](javascript:alert(1)) <a href="data:text/html,x">بيانات</a>'
    )
    site.add("one", body=body)
    assert site.build() == 0
    html = site.read("articles/one/index.html")
    assert "<script>alert" not in html and "onclick" not in html
    assert "javascript:" not in html and "data:text" not in html
    assert "نص" in html
    site.set_config("title: t\nbase_url: https://example.org/\nunsafe_html: true\n")
    assert site.build() == 0
    assert "<script>alert(1)</script>" in site.read("articles/one/index.html")


def test_home_and_tag_pages_paginate(site: SiteFolder) -> None:
    site.set_config("title: t\nbase_url: https://example.org/\nper_page: 2\n")
    for day in range(1, 6):
        site.add(f"a{day}", title=f"خبر {day}", date=f"2023-08-0{day}", tags=["وسم"])
    assert site.build() == 0
    assert texts(page(site, "index.html"), "//h2[@class='card-title']") == ["خبر 5", "خبر 4"]
    assert texts(page(site, "page/3/index.html"), "//h2[@class='card-title']") == ["خبر 1"]
    assert texts(page(site, "tags/وسم/page/2/index.html"), "//h2[@class='card-title']") == [
        "خبر 3",
        "خبر 2",
    ]
    first = page(site, "index.html")
    assert first.xpath("//a[@rel='next']/@href") == ["/page/2/"]
    assert not (site.output / "page/4").exists()


def test_drafts_and_future_articles_are_left_out_unless_asked(site: SiteFolder) -> None:
    site.add("draft", title="مسودة", draft=True)
    site.add("future", title="لاحقاً", date="2099-01-01")
    site.add("now", title="الآن")
    assert site.build() == 0
    assert not (site.output / "articles/draft").exists()
    assert not (site.output / "articles/future").exists()
    assert site.build("--drafts", "--future") == 0
    assert (site.output / "articles/draft/index.html").is_file()
    assert (site.output / "articles/future/index.html").is_file()


def test_a_base_url_path_prefixes_every_link(site: SiteFolder) -> None:
    site.add("one", tags=["روسيا"])
    assert site.build() == 0
    tree = page(site, "index.html")
    for href in tree.xpath("//a/@href | //link/@href"):
        assert href.startswith(("/news/", "https://example.org/news/", "#")), href


def test_article_url_pattern_with_date_fields(site: SiteFolder) -> None:
    site.set_config(
        "title: t\nbase_url: https://example.org/\n"
        "article_url: '{year}/{month}/{day}/{slug}/'\ntimezone: Asia/Riyadh\n"
    )
    site.add("one", date="2023-08-20T22:30:00+00:00")  # already the 21st in Riyadh
    assert site.build() == 0
    assert (site.output / "2023/08/21/one/index.html").is_file()


def test_static_pages_are_built_and_linked_from_the_footer_but_not_listed(site: SiteFolder) -> None:
    site.write("pages/about.md", "---\ntitle: من نحن\n---\n\nنحن غرفة أخبار.\n")
    site.add("one")
    assert site.build() == 0
    about = page(site, "about/index.html")
    assert texts(about, "//h1") == ["من نحن"]
    home = page(site, "index.html")
    assert texts(home, "//footer//a[@href='/news/about/']") == ["من نحن"]
    assert "من نحن" not in site.read("feed.xml")
    assert "https://example.org/news/about/" in site.read("sitemap.xml")


def test_two_builds_of_one_input_are_identical(site: SiteFolder) -> None:
    site.add("one", tags=["روسيا"], updated="2023-08-22T10:00:00")
    site.add("two", title="ثان", tags=["روسيا", "طهران"])
    assert site.build() == 0
    first = site.snapshot()
    assert site.build() == 0
    assert site.snapshot() == first
