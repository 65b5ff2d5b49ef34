"""The example site in the repository, built as the README's first command builds it."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import FIXED_NOW, REPO, run_cli

SEED = REPO / "tests" / "fixtures" / "seed" / "sada-elbalad-2023-08-21.txt"
MAIN = "articles/iranian-military-delegation-moscow/index.html"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "output"
    env = {"SOURCE_DATE_EPOCH": FIXED_NOW, "PATH": "/usr/bin:/bin"}
    done = run_cli(
        "build", "--config", str(REPO / "config.yaml"), "--output", str(out), "--no-search", env=env
    )
    assert done.returncode == 0, done.stderr
    return out


def seed_body() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("المصدر:"))
    return lines[2:end]


def test_the_seed_article_has_every_paragraph_in_order(output: Path) -> None:
    tree = lxml.html.parse(str(output / MAIN)).getroot()
    paragraphs = [p.text_content().strip() for p in tree.xpath("//div[@class='body']/p")]
    assert paragraphs == seed_body()
    assert len(paragraphs) == 9
    assert (
        tree.xpath("//h1")[0].text_content() == "وفد عسكري إيراني يزور موسكو وسط الحرب في أوكرانيا"
    )
    assert "المصدر: صدى البلد" in " ".join(
        tree.xpath("//p[@class='source']")[0].text_content().split()
    )
    assert tree.xpath("//time/@datetime")[0].startswith("2023-08-21")


def test_the_seed_article_links_its_four_tags_and_its_read_also_list(output: Path) -> None:
    tree = lxml.html.parse(str(output / MAIN)).getroot()
    tags = [a.text_content() for a in tree.xpath("//section[@class='keywords']//a")]
    assert tags == ["طهران", "موسكو", "أوكرانيا", "روسيا"]
    for href in tree.xpath("//section[@class='keywords']//a/@href"):
        assert (output / _local(href) / "index.html").is_file()
    related = [a.text_content() for a in tree.xpath("//section[@class='read-also']//a")]
    assert related[0].startswith("«الدوما الروسي»")
    assert len(related) == 4


def _local(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href.removeprefix("/news/"))


def test_the_example_feeds_parse(output: Path) -> None:
    for feed in [
        "feed.xml",
        "atom.xml",
        *[str(p.relative_to(output)) for p in output.glob("tags/*/*.xml")],
    ]:
        parsed = feedparser.parse((output / feed).read_bytes())
        assert parsed.bozo == 0, feed
        assert parsed.entries, feed
    # The seed's four tags, and the style guide's «دليل التحرير».
    assert len(list(output.glob("tags/*/feed.xml"))) == 5


def test_the_example_shows_a_breaking_updated_and_corrected_story(output: Path) -> None:
    tree = lxml.html.parse(str(output / "articles/duma-threat/index.html")).getroot()

    def shown(xpath: str) -> list[str]:
        return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]

    assert shown("//span[@class='badge breaking']") == ["عاجل"]
    assert shown("//span[@class='updated']") == ["· آخر تحديث: 21 أغسطس 2023، 5:45 م"]
    assert shown("//section[@class='corrections']//li") == [
        "22 أغسطس 2023، 9:10 ص: أُضيف إلى الخبر اسم القناة التي نقلت تصريح مجلس الدوما."
    ]
    assert shown("//span[@class='reading-time']") == ["· دقائق القراءة: 1"]
    main = lxml.html.parse(str(output / MAIN)).getroot()
    assert [" ".join(e.text_content().split()) for e in main.xpath("//span[@class='reading-time']")]
