"""A news site's structure and SEO: what readers, crawlers and feed readers meet."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import REPO, SiteFolder, run_cli
from PIL import Image


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def jsonld(tree: lxml.html.HtmlElement) -> dict:
    return json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)


def test_sections_have_pages_feeds_navigation_and_breadcrumbs(site: SiteFolder) -> None:
    site.add("a", title="خبر سياسي", section="سياسة", tags=["روسيا"])
    site.add("b", title="خبر اقتصادي", section="اقتصاد")
    site.add("c", title="خبر سياسي آخر", section="سِياسة")  # a spelling variant
    assert site.build() == 0
    tree = page(site, "sections/سياسة/index.html")
    assert texts(tree, "//h1") == ["سياسة"]
    assert sorted(texts(tree, "//h2[@class='card-title']")) == ["خبر سياسي", "خبر سياسي آخر"]
    home = page(site, "index.html")
    assert texts(home, "//nav[@class='site-nav']//a")[1:3] == ["اقتصاد", "سياسة"]
    article = page(site, "articles/a/index.html")
    assert texts(article, "//nav[@class='breadcrumbs']//a") == ["الرئيسية", "سياسة"]
    assert jsonld(article)["articleSection"] == "سياسة"
    rss = feedparser.parse(site.read("sections/سياسة/feed.xml"))
    assert rss.bozo == 0 and len(rss.entries) == 2
    assert [t.term for t in rss.entries[0].tags][0] == "سياسة"
    assert feedparser.parse(site.read("sections/سياسة/atom.xml")).bozo == 0


def test_writers_have_pages_and_feeds_with_names_from_the_config(site: SiteFolder) -> None:
    site.set_config(
        "title: t\nbase_url: https://example.org/\nauthors:\n"
        "  mona: {name: منى حسن, bio: محررة الشؤون الدولية}\n"
    )
    site.add("a", title="خبر مشترك", author=["mona", "خالد إبراهيم"])
    site.add("b", title="خبر خالد", author="خالد إبراهيم")
    assert site.build() == 0
    mona = page(site, "authors/mona/index.html")
    assert texts(mona, "//h1") == ["منى حسن"]
    assert texts(mona, "//p[@class='bio']") == ["محررة الشؤون الدولية"]
    khaled = page(site, "authors/خالد-ابراهيم/index.html")  # the slug is made from the key
    assert sorted(texts(khaled, "//h2[@class='card-title']")) == ["خبر خالد", "خبر مشترك"]
    article = page(site, "articles/a/index.html")
    assert texts(article, "//span[@class='byline']//a") == ["منى حسن", "خالد إبراهيم"]
    assert [a["name"] for a in jsonld(article)["author"]] == ["منى حسن", "خالد إبراهيم"]
    feed = feedparser.parse(site.read("authors/خالد-ابراهيم/atom.xml"))
    assert feed.bozo == 0 and len(feed.entries) == 2


def test_a_local_lead_image_is_sized_resized_and_announced(site: SiteFolder) -> None:
    image = site.root / "content" / "pics" / "photo.jpg"
    image.parent.mkdir(parents=True)
    Image.new("RGB", (1600, 900), (120, 30, 30)).save(image)
    site.add("a", title="خبر بصورة", image="pics/photo.jpg", image_alt="صورة حمراء")
    site.add("b", title="خبر بلا صورة", date="2023-08-22")
    assert site.build() == 0
    tree = page(site, "articles/a/index.html")
    img = tree.xpath("//figure[@class='lead-image']/img")[0]
    assert (img.get("width"), img.get("height"), img.get("alt")) == ("1600", "900", "صورة حمراء")
    assert img.get("src") == "/news/articles/a/photo.jpg"
    assert "/news/articles/a/photo-480w.jpg 480w" in img.get("srcset")
    with Image.open(site.output / "articles/a/photo-960w.jpg") as small:
        assert small.size == (960, 540)
    assert tree.xpath("//meta[@property='og:image']/@content") == [
        "https://example.org/news/articles/a/photo.jpg"
    ]
    assert jsonld(tree)["image"] == ["https://example.org/news/articles/a/photo.jpg"]
    rss = feedparser.parse(site.read("feed.xml"))
    enclosure = [e for e in rss.entries if e.title == "خبر بصورة"][0].enclosures[0]
    assert enclosure.href == "https://example.org/news/articles/a/photo.jpg"
    assert enclosure.type == "image/jpeg"
    atom = site.read("atom.xml")
    assert 'rel="enclosure"' in atom and "https://example.org/news/articles/a/photo.jpg" in atom
    home = page(site, "index.html")
    card_img = home.xpath("//section[@class='cards']//img")[0]
    assert card_img.get("loading") == "lazy"  # below the fold: the newer story comes first


def test_an_image_without_alt_or_file_is_an_error(site: SiteFolder, capsys) -> None:
    site.add("a", image="missing.jpg", image_alt="وصف")
    site.add("b", title="ب", image="https://example.com/x.jpg")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "content/a.md:4: error: the image file 'missing.jpg' does not exist" in err
    assert "content/b.md:4: error: the lead image has no 'image_alt'" in err


def test_the_newest_pinned_story_leads_the_home_page(site: SiteFolder) -> None:
    site.set_config("title: t\nbase_url: https://example.org/\npinned: [old]\n")
    site.add("old", title="قديم مثبت", date="2023-08-01")
    site.add("pin", title="مثبت", date="2023-08-10", pinned=True)
    site.add("new", title="أحدث خبر", date="2023-08-20")
    assert site.build() == 0
    home = page(site, "index.html")
    assert texts(home, "//section[@class='lead-story']//h2") == ["مثبت"]
    assert texts(home, "//section[@class='cards']//h2") == ["قديم مثبت", "أحدث خبر"]
    assert [e.title for e in feedparser.parse(site.read("feed.xml")).entries] == [
        "أحدث خبر",
        "مثبت",
        "قديم مثبت",
    ]


def test_aliases_become_redirect_pages_and_a_redirects_file(site: SiteFolder, capsys) -> None:
    site.set_config("title: t\nbase_url: https://example.org/news/\n")
    site.add("a", aliases=["/old/khabar-1/", "old/story.html"])
    assert site.build() == 0
    for path in ["old/khabar-1/index.html", "old/story.html"]:
        tree = page(site, path)
        assert tree.xpath("//link[@rel='canonical']/@href") == [
            "https://example.org/news/articles/a/"
        ]
        assert tree.xpath("//meta[@http-equiv='refresh']/@content") == [
            "0; url=https://example.org/news/articles/a/"
        ]
    assert site.read("_redirects").splitlines() == [
        "/news/old/khabar-1/ /news/articles/a/ 301",
        "/news/old/story.html /news/articles/a/ 301",
    ]
    site.add("b", title="ب", aliases=["old/khabar-1"])
    assert site.build() == 1
    assert "claim the URL /old/khabar-1/" in capsys.readouterr().err


def test_date_archives_are_paginated_and_linked_from_the_date(site: SiteFolder) -> None:
    site.set_config("title: t\nbase_url: https://example.org/\nper_page: 2\nlocale: ar_EG\n")
    for day in range(1, 6):
        site.add(f"a{day}", title=f"خبر {day}", date=f"2023-08-0{day}")
    site.add("july", title="يوليو", date="2023-07-15")
    assert site.build() == 0
    article = page(site, "articles/a3/index.html")
    assert article.xpath("//p[@class='meta']/a/@href")[0] == "/archive/2023/08/"
    assert texts(page(site, "archive/2023/08/page/3/index.html"), "//h2[@class='card-title']") == [
        "خبر 1"
    ]
    index = page(site, "archive/index.html")
    assert texts(index, "//section//li") == ["أغسطس 2023 (5)", "يوليو 2023 (1)"]
    assert len(texts(page(site, "archive/2023/index.html"), "//h2[@class='card-title']")) == 2


@pytest.mark.parametrize(
    ("locale", "numerals", "hijri", "shown"),
    [
        ("ar_EG", "latin", "false", "21 أغسطس 2023، 1:00 ص"),
        ("ar_SY", "latin", "false", "21 آب 2023، 1:00 ص"),
        ("ar_EG", "arabic", "false", "٢١ أغسطس ٢٠٢٣، ١:٠٠ ص"),
        ("ar_EG", "latin", "true", "21 أغسطس 2023، 1:00 ص (5 صفر 1445 هـ)"),
        ("ar_EG", "latin", "second", "21 أغسطس 2023، 1:00 ص (5 صفر 1445 هـ)"),
        ("ar_EG", "latin", "first", "5 صفر 1445 هـ، 1:00 ص (21 أغسطس 2023)"),
    ],
)
def test_dates_are_shown_as_arabic_readers_read_them(
    site: SiteFolder, locale: str, numerals: str, hijri: str, shown: str
) -> None:
    site.set_config(
        f"title: t\nbase_url: https://example.org/\nlocale: {locale}\n"
        f"numerals: {numerals}\nhijri: {hijri}\ntimezone: Asia/Riyadh\n"
    )
    site.add("a", date="2023-08-20T22:00:00+00:00")  # the 21st in Riyadh, 1 a.m.
    assert site.build() == 0
    tree = page(site, "articles/a/index.html")
    minutes = texts(tree, "//p[@class='meta']/span[@class='reading-time']")
    assert len(minutes) == 1  # «· دقائق القراءة: 1», after the dates
    meta = tree.xpath("//p[@class='meta']")[0]
    assert " ".join(meta.text_content().split()).removesuffix(" " + minutes[0]) == shown
    assert tree.xpath("//p[@class='meta']//time/@datetime")[0] == "2023-08-21T01:00:00+03:00"
    assert "pubDate>Sun, 20 Aug 2023 22:00:00 +0000<" in site.read("feed.xml")


def test_json_ld_cannot_close_its_script_element(site: SiteFolder) -> None:
    title = "</script><script>alert(1)</script>"
    site.add("a", title=title, tags=["</script>"], author="<b>x</b>")
    assert site.build() == 0
    html = site.read("articles/a/index.html")
    assert "</script><script>" not in html
    data = jsonld(lxml.html.fromstring(html))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == title
    assert data["keywords"] == ["</script>"]
    assert {"datePublished", "dateModified", "author", "publisher", "inLanguage"} <= set(data)


def test_open_graph_and_twitter_cards(site: SiteFolder) -> None:
    site.add("a", title="عنوان", summary="ملخص", tags=["روسيا"])
    assert site.build() == 0
    tree = page(site, "articles/a/index.html")

    def meta(key: str) -> list[str]:
        return tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")

    assert meta("og:title") == ["عنوان"] and meta("og:type") == ["article"]
    assert meta("og:url") == ["https://example.org/news/articles/a/"]
    assert meta("og:description") == ["ملخص"] and meta("article:tag") == ["روسيا"]
    assert meta("twitter:card") == ["summary"]


def test_news_sitemap_holds_the_two_days_before_now(site: SiteFolder, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1692662400")  # 2023-08-22T00:00:00Z
    site.add("today", title="اليوم & غداً", date="2023-08-21T10:00:00+00:00")
    site.add("yesterday", title="أمس", date="2023-08-20T01:00:00+00:00")
    site.add("old", title="قديم", date="2023-08-19T23:00:00+00:00")
    assert site.build() == 0
    tree = lxml.etree.fromstring((site.output / "news-sitemap.xml").read_bytes())
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    assert tree.xpath("//s:loc/text()", namespaces=ns) == [
        "https://example.org/news/articles/today/",
        "https://example.org/news/articles/yesterday/",
    ]
    assert tree.xpath("//n:title/text()", namespaces=ns)[0] == "اليوم & غداً"
    assert set(tree.xpath("//n:language/text()", namespaces=ns)) == {"ar"}
    assert set(tree.xpath("//n:name/text()", namespaces=ns)) == {"موقع الاختبار"}


def test_past_the_limit_the_sitemap_becomes_an_index(site: SiteFolder, monkeypatch) -> None:
    from site_builder.render import sitemaps

    monkeypatch.setattr(sitemaps, "SITEMAP_LIMIT", 4)
    for day in range(1, 6):
        site.add(f"a{day}", date=f"2023-08-0{day}", title=f"خبر {day}")
    assert site.build() == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = lxml.etree.fromstring((site.output / "sitemap.xml").read_bytes())
    parts = index.xpath("//s:sitemap/s:loc/text()", namespaces=ns)
    assert parts[0] == "https://example.org/news/sitemaps/sitemap-1.xml"
    urls = []
    for number in range(1, len(parts) + 1):
        part = lxml.etree.fromstring((site.output / f"sitemaps/sitemap-{number}.xml").read_bytes())
        found = part.xpath("//s:loc/text()", namespaces=ns)
        assert len(found) <= 4
        urls += found
    assert "https://example.org/news/articles/a3/" in urls
    assert len(urls) == len(set(urls))


def test_static_pages_are_in_the_footer_and_sitemap(site: SiteFolder) -> None:
    site.write("pages/privacy.md", "---\ntitle: سياسة الخصوصية\nslug: privacy\n---\nنص.\n")
    site.add("a")
    assert site.build() == 0
    assert texts(page(site, "privacy/index.html"), "//h1") == ["سياسة الخصوصية"]
    assert "https://example.org/news/privacy/" in site.read("sitemap.xml")


def test_importing_the_seed_gives_the_example_sites_article(tmp_path: Path) -> None:
    site = SiteFolder(tmp_path / "imported")
    site.set_config(
        "title: أخبار صدى\nbase_url: https://example.org/news/\n"
        "timezone: Africa/Cairo\nlocale: ar_EG\nhijri: true\n"
    )
    seed = REPO / "tests" / "fixtures" / "seed" / "sada-elbalad-2023-08-21.txt"
    done = run_cli("import", str(seed), "--config", str(site.config), "--with-related")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 5
    again = run_cli("import", str(seed), "--config", str(site.config), "--with-related")
    assert again.returncode == 0 and again.stdout == ""
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"}
    assert run_cli("build", "--config", str(site.config), "--no-search", env=env).returncode == 0
    example = tmp_path / "example"
    assert (
        run_cli(
            "build",
            "--config",
            str(REPO / "config.yaml"),
            "--output",
            str(example),
            "--no-search",
            env=env,
        ).returncode
        == 0
    )
    slug = "وفد-عسكري-إيراني-يزور-موسكو-وسط-الحرب-في-أوكرانيا"
    mine = lxml.html.parse(str(site.output / "articles" / slug / "index.html")).getroot()
    theirs = lxml.html.parse(
        str(example / "articles/iranian-military-delegation-moscow/index.html")
    ).getroot()
    for xpath in [
        "//h1",
        "//p[@class='meta']//time[1]",
        "//div[@class='body']/p",
        "//p[@class='source']",
        "//section[@class='keywords']//a",
        "//section[@class='read-also']//a",
    ]:
        assert texts(mine, xpath) == texts(theirs, xpath), xpath
    assert quote(slug) in (site.output / "sitemap.xml").read_text(encoding="utf-8")
