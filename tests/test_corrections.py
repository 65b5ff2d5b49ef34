"""Updates, corrections and reading time: what a reader sees on the page, in the feeds
and what search engines read in JSON-LD; and dates with their time of day."""

from __future__ import annotations

import json
import re

import feedparser
import lxml.html
import pytest
from conftest import SiteFolder, run_cli

BASE = "title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n"
CORRECTED = """---
title: خبر مصحح
date: 2023-08-21T10:30:00+03:00
updated: 2023-08-21T18:05:00+03:00
corrections:
  - date: 2023-08-22T09:15:00+03:00
    text: صُحّح اسم الوزير <في> الفقرة الأولى.
  - {date: 2023-08-21T20:00:00+03:00, text: أضيف المصدر.}
---

نص الخبر الأول.
"""


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def jsonld(tree: lxml.html.HtmlElement) -> dict:
    return json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)


def test_updates_and_corrections_are_shown_dated_on_the_page(site: SiteFolder) -> None:
    site.set_config(BASE)
    site.write("content/a.md", CORRECTED)
    assert site.build() == 0
    tree = page(site, "articles/a/index.html")
    assert texts(tree, "//span[@class='updated']") == ["· آخر تحديث: 21 أغسطس 2023، 6:05 م"]
    assert texts(tree, "//p[@class='meta']/a/time") == ["21 أغسطس 2023، 10:30 ص"]
    assert texts(tree, "//section[@class='corrections']/h2") == ["تصحيحات"]
    # In date order, each with its date and time; the text escaped, never markup.
    assert texts(tree, "//section[@class='corrections']//li") == [
        "21 أغسطس 2023، 8:00 م: أضيف المصدر.",
        "22 أغسطس 2023، 9:15 ص: صُحّح اسم الوزير <في> الفقرة الأولى.",
    ]
    assert tree.xpath("//section[@class='corrections']//time/@datetime") == [
        "2023-08-21T20:00:00+03:00",
        "2023-08-22T09:15:00+03:00",
    ]


def test_corrections_reach_json_ld_and_the_feeds_updated_time(site: SiteFolder) -> None:
    site.set_config(BASE)
    site.write("content/a.md", CORRECTED)
    assert site.build() == 0
    data = jsonld(page(site, "articles/a/index.html"))
    assert data["dateModified"] == "2023-08-22T09:15:00+03:00"  # the latest correction
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2023-08-21T20:00:00+03:00",
            "text": "أضيف المصدر.",
        },
        {
            "@type": "CorrectionComment",
            "datePublished": "2023-08-22T09:15:00+03:00",
            "text": "صُحّح اسم الوزير <في> الفقرة الأولى.",
        },
    ]
    atom = feedparser.parse(site.read("atom.xml"))
    assert atom.bozo == 0
    assert atom.entries[0].updated == "2023-08-22T09:15:00+03:00"
    content = atom.entries[0].content[0].value
    notices = lxml.html.fragment_fromstring(content, create_parent="div").xpath("//aside//li")
    assert [" ".join(n.text_content().split()) for n in notices] == [
        "تصحيح (21 أغسطس 2023، 8:00 م): أضيف المصدر.",
        "تصحيح (22 أغسطس 2023، 9:15 ص): صُحّح اسم الوزير <في> الفقرة الأولى.",
    ]
    rss = feedparser.parse(site.read("feed.xml"))
    assert "صُحّح اسم الوزير" in rss.entries[0].content[0].value
    item = json.loads(site.read("feed.json"))["items"][0]
    assert item["date_modified"] == "2023-08-22T09:15:00+03:00"
    assert "صُحّح اسم الوزير &lt;في&gt;" in item["content_html"]


@pytest.mark.parametrize(
    ("corrections", "line", "words"),
    [
        ("corrections: تصحيح", 4, "must be a list of {date, text}"),
        ("corrections:\n  - {date: 2023-08-22}", 5, "correction 1 must have a date and a text"),
        ("corrections:\n  - {date: 2023-08-22, text: ok}\n  - {date: أمس, text: x}", 6, "date"),
        ("corrections:\n  - {date: 2023-08-22, text: ''}", 5, "no usable text"),
    ],
)
def test_a_wrong_correction_is_an_error_at_its_line(
    site: SiteFolder,
    capsys: pytest.CaptureFixture[str],
    corrections: str,
    line: int,
    words: str,
) -> None:
    site.write("content/a.md", f"---\ntitle: خبر\ndate: 2023-08-21\n{corrections}\n---\nنص.\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"content/a.md:{line}: error:" in err and words in err
    assert "fix: corrections: [{date:" in err


def test_reading_time_on_the_page_and_the_card_at_the_configured_speed(site: SiteFolder) -> None:
    site.set_config(BASE + "words_per_minute: 100\n")
    words = " ".join(["كلمةٌ"] * 349)  # tashkeel does not split a word: 349 words
    site.add("long", title="خبر طويل", body=f"{words}\n\n## عنوان")
    site.add("short", title="خبر قصير", body="ثلاث كلمات فقط.", date="2023-08-20")
    site.add("empty", title="عنوان فقط", body="", date="2023-08-19")
    assert site.build() == 0
    assert texts(page(site, "articles/long/index.html"), "//span[@class='reading-time']") == [
        "· دقائق القراءة: 4"  # 351 words at 100 a minute
    ]
    cards = page(site, "index.html")
    assert texts(cards, "//article[@class='card']//span[@class='reading-time']") == [
        "دقائق القراءة: 4",
        "دقائق القراءة: 1",  # never less than a minute
    ]
    assert not page(site, "articles/empty/index.html").xpath("//span[@class='reading-time']")


def test_reading_time_follows_the_sites_numerals(site: SiteFolder) -> None:
    site.set_config(BASE + "numerals: arabic\nwords_per_minute: 1\n")
    site.add("a", body="واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة إحدى عشرة اثنتا")
    assert site.build() == 0
    assert texts(page(site, "articles/a/index.html"), "//span[@class='reading-time']") == [
        "· دقائق القراءة: ١٣"  # thirteen words at one a minute
    ]


def test_a_date_without_a_time_shows_no_time(site: SiteFolder) -> None:
    site.set_config(BASE)
    site.add("a", date="2023-08-21", updated="2023-08-22")
    assert site.build() == 0
    tree = page(site, "articles/a/index.html")
    assert texts(tree, "//p[@class='meta']/a/time") == ["21 أغسطس 2023"]
    assert texts(tree, "//span[@class='updated']") == ["· آخر تحديث: 22 أغسطس 2023"]


@pytest.mark.parametrize(
    ("config", "article", "archive"),
    [
        (
            "month_names: dual\n",
            "22 أكتوبر (تشرين الأول) 2023، 7:05 م",
            "أكتوبر (تشرين الأول) 2023 (1)",
        ),
        ("month_names: dual\nlocale: ar_SY\n", "22 تشرين الأول (أكتوبر) 2023، 7:05 م", None),
        ("month_names: single\n", "22 أكتوبر 2023، 7:05 م", "أكتوبر 2023 (1)"),
        (
            "hijri: first\nmonth_names: dual\n",
            "7 ربيع الثاني 1445 هـ، 7:05 م (22 أكتوبر (تشرين الأول) 2023)",
            None,
        ),
    ],
)
def test_dual_month_names_and_the_hijri_date_first(
    site: SiteFolder, config: str, article: str, archive: str | None
) -> None:
    site.set_config(BASE + config)
    site.add("a", date="2023-10-22T19:05:00+03:00", body="")
    assert site.build() == 0
    meta = page(site, "articles/a/index.html").xpath("//p[@class='meta']")[0]
    assert " ".join(meta.text_content().split()) == article
    if archive:
        assert texts(page(site, "archive/index.html"), "//section//li") == [archive]


def test_stories_of_one_day_keep_the_order_of_their_times(site: SiteFolder) -> None:
    site.add("zz", title="الصباح", date="2023-08-21T08:00:00+03:00")
    site.add("aa", title="المساء", date="2023-08-21T20:00:00+03:00")
    site.add("mm", title="الظهر", date="2023-08-21T12:00:00+03:00")
    site.add("bb", title="الظهر أيضاً", date="2023-08-21T12:00:00+03:00")  # a tie: by slug
    assert site.build() == 0
    order = ["المساء", "الظهر", "الظهر أيضاً", "الصباح"]
    assert texts(page(site, "index.html"), "//h2[@class='card-title']") == order
    assert [e.title for e in feedparser.parse(site.read("feed.xml")).entries] == order


def test_new_writes_the_time_of_day_and_a_breaking_story(site: SiteFolder) -> None:
    env = {"SOURCE_DATE_EPOCH": "1692613845", "PATH": "/usr/bin:/bin"}  # 10:30:45 UTC
    done = run_cli("new", "خبر عاجل", "--breaking", "--config", str(site.config), env=env)
    assert done.returncode == 0, done.stderr
    text = (site.root / done.stdout.strip()).read_text(encoding="utf-8")
    assert re.search(r"^date: '2023-08-21T13:30:45\+03:00'$", text, re.MULTILINE)
    assert "\nbreaking: true\n" in text and "\ndraft: true\n" in text
    plain = run_cli("new", "خبر عادي", "--config", str(site.config), env=env)
    assert "breaking" not in (site.root / plain.stdout.strip()).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ("<p>زار وفدٌ عسكريّ إيراني روسيا، اليوم.</p>", 6),  # tashkeel splits no word
        ("<p>فقرة</p>\n<p>أخرى</p>", 2),  # Markdown's blocks end with a line break
        ('<p><a href="https://x.org/a b">رابط</a> و<strong>نص</strong></p>', 2),
        ("<pre><code>x = 1\n</code></pre>", 3),
        ("", 0),
    ],
)
def test_words_are_what_spaces_separate_markup_aside(fragment: str, words: int) -> None:
    from site_builder.text.reading_time import count_words, minutes

    assert count_words(fragment) == words
    assert minutes(words, 138) >= 1
