"""Feeds that readers show well: what newsboat, sfeed, rss2email and the `reader`
library showed of our feeds, each as a test on the feed itself (through feedparser
and the structural checks)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import feedparser
import lxml.etree
import lxml.html
import pytest
from checks.feeds import check_feeds
from conftest import SiteFolder
from PIL import Image

BASE = "title: موقع الأخبار\nbase_url: https://example.org/news/\n"
DC = "{http://purl.org/dc/elements/1.1/}creator"


def rss_items(site: SiteFolder, path: str = "feed.xml") -> list[lxml.etree._Element]:
    return lxml.etree.fromstring((site.output / path).read_bytes()).findall("channel/item")


def by_title(parsed: feedparser.FeedParserDict, title: str) -> feedparser.FeedParserDict:
    return next(e for e in parsed.entries if e.title == title)


@pytest.mark.parametrize(
    ("url", "media_type"),
    [
        ("https://cdn.example.com/photos/port.png", "image/png"),
        ("https://cdn.example.com/photos/port.WEBP", "image/webp"),
        ("https://cdn.example.com/photos/port.jpeg?w=800", "image/jpeg"),
        ("https://cdn.example.com/photos/port.gif", "image/gif"),
    ],
)
def test_a_remote_lead_image_gets_the_type_of_its_extension(
    site: SiteFolder, url: str, media_type: str
) -> None:
    site.set_config(BASE)
    site.add("a", title="خبر بصورة", image=url, image_alt="الميناء")
    assert site.build() == 0
    enclosure = feedparser.parse(site.read("feed.xml")).entries[0].enclosures[0]
    assert (enclosure.href, enclosure.type) == (url, media_type)
    atom = feedparser.parse(site.read("atom.xml")).entries[0]
    assert [link.type for link in atom.links if link.rel == "enclosure"] == [media_type]


def test_a_remote_image_of_no_known_type_gets_no_enclosure_but_stays_in_the_content(
    site: SiteFolder,
) -> None:
    site.set_config(BASE)
    site.add("a", image="https://cdn.example.com/image?id=7", image_alt="صورة", body="نص.")
    assert site.build() == 0
    entry = feedparser.parse(site.read("feed.xml")).entries[0]
    assert entry.enclosures == []
    assert 'src="https://cdn.example.com/image?id=7"' in entry.content[0].value


def test_a_local_lead_image_gets_its_real_type_and_length(site: SiteFolder) -> None:
    site.set_config(BASE)
    image = site.root / "content" / "photo.png"
    Image.new("RGB", (600, 400), (10, 120, 40)).save(image)
    site.add("a", image="photo.png", image_alt="صورة خضراء")
    assert site.build() == 0
    enclosure = feedparser.parse(site.read("feed.xml")).entries[0].enclosures[0]
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == image.stat().st_size > 0


def test_the_lead_image_tops_the_items_content(site: SiteFolder) -> None:
    site.set_config(BASE)
    alt = 'ميناء "الإسكندرية"'
    body = "الفقرة الأولى.\n\nالفقرة الثانية."
    site.add("a", title="خبر", image="https://cdn.example.com/p.jpg", image_alt=alt, body=body)
    assert site.build() == 0
    for name in ("feed.xml", "atom.xml"):
        content = feedparser.parse(site.read(name)).entries[0].content[0].value
        first = lxml.html.fragment_fromstring(content, create_parent="div")[0]
        img = first.xpath(".//img")[0]
        assert (img.get("src"), img.get("alt")) == (
            "https://cdn.example.com/p.jpg",
            'ميناء "الإسكندرية"',
        )
    item = json.loads(site.read("feed.json"))["items"][0]
    assert item["content_html"].startswith('<p><img src="https://cdn.example.com/p.jpg"')


def test_several_writers_are_one_dc_creator_and_every_item_has_an_author(
    site: SiteFolder,
) -> None:
    site.set_config(BASE)
    site.add("two", title="خبر مشترك", author=["منى حسن", "Khaled Ali"])
    site.add("none", title="خبر بلا كاتب", date="2023-08-20")
    assert site.build() == 0
    creators = {
        item.findtext("title"): [c.text for c in item.findall(DC)] for item in rss_items(site)
    }
    assert creators == {"خبر مشترك": ["منى حسن، Khaled Ali"], "خبر بلا كاتب": ["موقع الأخبار"]}
    atom = feedparser.parse(site.read("atom.xml"))
    assert [a.name for a in by_title(atom, "خبر مشترك").authors] == ["منى حسن", "Khaled Ali"]
    assert [a.name for a in by_title(atom, "خبر بلا كاتب").authors] == ["موقع الأخبار"]
    items = {i["title"]: i for i in json.loads(site.read("feed.json"))["items"]}
    assert items["خبر بلا كاتب"]["authors"] == [{"name": "موقع الأخبار"}]


def test_tag_and_section_pages_offer_their_own_feed_first(site: SiteFolder) -> None:
    site.set_config(BASE)
    site.add("a", tags=["روسيا"], section="سياسة")
    assert site.build() == 0
    for folder in ("tags/روسيا/", "sections/سياسة/"):
        tree = lxml.html.fromstring(site.read(folder + "index.html"))
        hrefs = tree.xpath("//link[@rel='alternate']/@href")
        own = "/news/" + quote(folder)
        assert hrefs[:2] == [own + "feed.xml", own + "atom.xml"]
        assert hrefs[2:] == ["/news/feed.xml", "/news/atom.xml", "/news/feed.json"]


def test_feeds_carry_the_themes_png_icon(site: SiteFolder) -> None:
    site.set_config(BASE)
    site.add("a", tags=["روسيا"])
    assert site.build() == 0
    icon = "https://example.org/news/static/icon.png"
    with Image.open(site.output / "static" / "icon.png") as png:
        assert png.format == "PNG" and png.size[0] <= 144  # RSS images are 144 px wide at most
    for path in ("feed.xml", "tags/روسيا/feed.xml"):
        channel = feedparser.parse(site.read(path)).feed
        assert channel.image.href == icon and channel.image.link == channel.link
    atom = feedparser.parse(site.read("atom.xml")).feed
    assert (atom.icon, atom.logo) == (icon, icon)
    document = json.loads(site.read("feed.json"))
    assert (document["icon"], document["favicon"]) == (icon, icon)
    assert check_feeds(site.output, "https://example.org/news/") == []
    home = lxml.html.fromstring(site.read("index.html"))
    assert home.xpath("//link[@type='image/png']/@href") == ["/news/static/icon.png"]


def test_the_configs_logo_replaces_the_icon_in_feeds_and_json_ld(site: SiteFolder) -> None:
    Image.new("RGB", (120, 60), (200, 0, 0)).save(site.root / "brand.jpg", "JPEG")
    site.set_config(BASE + "logo: brand.jpg\n")
    site.add("a")
    assert site.build() == 0
    logo = "https://example.org/news/static/site-logo.jpg"
    assert (site.output / "static" / "site-logo.jpg").read_bytes() == (
        site.root / "brand.jpg"
    ).read_bytes()
    assert feedparser.parse(site.read("feed.xml")).feed.image.href == logo
    assert json.loads(site.read("feed.json"))["icon"] == logo
    tree = lxml.html.fromstring(site.read("articles/a/index.html"))
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["publisher"]["logo"] == {"@type": "ImageObject", "url": logo}
    site.set_config(BASE + "logo: https://cdn.example.com/logo.png\n")
    assert site.build() == 0
    assert feedparser.parse(site.read("atom.xml")).feed.logo == "https://cdn.example.com/logo.png"


@pytest.mark.parametrize(
    ("logo", "words"),
    [
        ("missing.png", "does not exist"),
        ("notes.png", "not a picture"),
        ("icon.gif", "feeds take PNG or JPEG"),
        ("https://cdn.example.com/logo.svg", "PNG or JPEG"),
    ],
)
def test_a_logo_feeds_cannot_take_is_an_error(
    site: SiteFolder, capsys: pytest.CaptureFixture[str], logo: str, words: str
) -> None:
    (site.root / "notes.png").write_text("نص", encoding="utf-8")
    Image.new("RGB", (10, 10)).save(site.root / "icon.gif", "GIF")
    site.set_config(BASE + f"logo: {logo}\n")
    site.add("a")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "config.yaml:3: error:" in err and words in err and "fix: logo:" in err


def test_the_example_sites_feeds_are_clean(tmp_path: Path) -> None:
    from conftest import FIXED_NOW, REPO, run_cli

    out = tmp_path / "out"
    env = {"SOURCE_DATE_EPOCH": FIXED_NOW, "PATH": "/usr/bin:/bin"}
    done = run_cli(
        "build", "--config", str(REPO / "config.yaml"), "--output", str(out), "--no-search", env=env
    )
    assert done.returncode == 0, done.stderr
    assert check_feeds(out, "https://example.org/news/") == []
    entry = by_title(
        feedparser.parse((out / "feed.xml").read_bytes()),
        "«الدوما الروسي» يلوح بخيار استهداف عسكري مباشر ضد الغرب لدعم أوكرانيا بأسلحة متطورة",
    )
    assert "أُضيف إلى الخبر اسم القناة" in entry.content[0].value
