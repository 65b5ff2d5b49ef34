"""Breaking news: «عاجل» on the card and the page, the ticker on the home and section
pages while the story is fresh, and breaking.json, which article pages show by script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from checks import or_fail
from checks.browser import check_page, chromium, require_browser, serve
from checks.html import check_html_dir, require_vnu
from conftest import SiteFolder

BASE = "title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n"
NOW = 1692612000  # 2023-08-21T10:00:00Z, 13:00 in Cairo


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def ticker(site: SiteFolder, relative: str) -> list[str]:
    return texts(page(site, relative), "//section[@class='ticker']//li/a")


def newsroom(site: SiteFolder, monkeypatch: pytest.MonkeyPatch, hours: int = 6) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW))
    site.set_config(BASE + f"breaking_hours: {hours}\n")
    fresh = {"date": "2023-08-21T12:00:00+03:00", "breaking": True, "section": "محليات"}
    site.add("fresh", title="انفجار في الميناء", **fresh)
    site.add("older", title="زلزال أمس", date="2023-08-20T09:00:00+03:00", breaking=True)
    site.add("calm", title="خبر عادي", date="2023-08-21T11:00:00+03:00", section="محليات")
    site.add("later", title="عاجل مجدول", date="2023-08-21T15:00:00+03:00", breaking=True)


def test_breaking_stories_are_marked_on_their_cards_and_pages(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom(site, monkeypatch)
    assert site.build() == 0
    home = page(site, "index.html")
    marked = home.xpath("//article[.//span[@class='badge breaking']]//h2")
    assert [" ".join(h.text_content().split()) for h in marked] == [
        "انفجار في الميناء",
        "زلزال أمس",
    ]
    assert texts(page(site, "articles/older/index.html"), "//span[@class='badge breaking']") == [
        "عاجل"
    ]
    assert not page(site, "articles/calm/index.html").xpath("//span[@class='badge breaking']")


def test_the_ticker_holds_fresh_breaking_stories_on_home_and_section_pages(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom(site, monkeypatch)
    assert site.build() == 0
    # The scheduled one is not out yet; yesterday's is past breaking_hours.
    assert ticker(site, "index.html") == ["انفجار في الميناء"]
    assert ticker(site, "sections/محليات/index.html") == ["انفجار في الميناء"]
    home = page(site, "index.html")
    assert texts(home, "//section[@class='ticker']/h2") == ["عاجل"]
    assert home.xpath("//section[@class='ticker']//time/@datetime") == ["2023-08-21T12:00:00+03:00"]
    assert texts(home, "//section[@class='ticker']//time") == ["21 أغسطس 2023، 12:00 م"]
    # Article pages have an empty, hidden strip that their script fills in.
    slot = page(site, "articles/calm/index.html").xpath("//section[@data-breaking]")[0]
    assert slot.get("hidden") is not None and slot.get("data-breaking") == "/news/breaking.json"
    assert not slot.xpath(".//li")
    data = json.loads(site.read("breaking.json"))
    assert data == {
        "items": [
            {
                "title": "انفجار في الميناء",
                "url": "/news/articles/fresh/",
                "date": "2023-08-21T12:00:00+03:00",
                "shown": "21 أغسطس 2023، 12:00 م",
                "until": "2023-08-21T18:00:00+03:00",
            }
        ]
    }


def test_breaking_hours_sets_how_long_a_story_stays(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom(site, monkeypatch, hours=48)
    assert site.build() == 0
    assert ticker(site, "index.html") == ["انفجار في الميناء", "زلزال أمس"]
    site.set_config(BASE + "breaking_hours: 0\n")
    assert site.build() == 0
    assert not page(site, "index.html").xpath("//section[@class='ticker']")
    assert json.loads(site.read("breaking.json")) == {"items": []}


def test_a_breaking_story_rewrites_no_article_page(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW))
    site.set_config(BASE)
    site.add("calm", title="خبر عادي", date="2023-08-21T11:00:00+03:00")
    site.add("other", title="خبر آخر", date="2023-08-20T11:00:00+03:00")
    assert site.build() == 0
    before = site.snapshot()
    site.add("fresh", title="عاجل جديد", date="2023-08-21T12:30:00+03:00", breaking=True)
    assert site.build() == 0
    after = site.snapshot()
    for name in ("articles/calm/index.html", "articles/other/index.html"):
        assert after[name] == before[name]
    assert after["breaking.json"] != before["breaking.json"]
    assert ticker(site, "index.html") == ["عاجل جديد"]
    # Hours later the story leaves the ticker: a build with nothing else changed sees
    # it, and gives what a full build gives.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW + 8 * 3600))
    assert site.build() == 0
    assert ticker(site, "index.html") == []
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache"))
    assert fresh.build("--clean") == 0
    assert site.snapshot() == fresh.snapshot()


# --- in the browser and the validator ---------------------------------------------------


def _built(site: SiteFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    newsroom(site, monkeypatch)
    site.write(
        "content/corrected.md",
        "---\ntitle: خبر مصحح\ndate: 2023-08-21T08:00:00+03:00\n"
        "updated: 2023-08-21T09:00:00+03:00\n"
        "corrections: [{date: 2023-08-21T09:30:00+03:00, text: صُحّح العنوان.}]\n---\n\nنص.\n",
    )
    assert site.build() == 0


@pytest.mark.slow  # Chromium
def test_article_pages_show_the_strip_from_breaking_json_and_motion_is_optional(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    or_fail(require_browser)
    _built(site, monkeypatch)
    with serve(site.output, "/news/") as root, chromium() as browser:
        for width in (360, 1280):
            for path in ("articles/calm/", "", "articles/corrected/"):
                problems = check_page(browser, root + path, width).problems()
                assert problems == [], "\n".join(problems)

        def strip(path: str, motion: str, clock: int = NOW + 60) -> Any:
            context = browser.new_context(reduced_motion=motion)
            try:
                # The reader's clock at the build's now: breaking.js drops what is past.
                context.clock.set_fixed_time(clock)
                view = context.new_page()
                view.goto(root + path, wait_until="networkidle")
                found = view.evaluate(
                    """() => {
                      const s = document.querySelector('section.ticker');
                      const list = s.querySelector('ul');
                      return {hidden: s.hidden, items: [...s.querySelectorAll('li a')]
                        .map(a => [a.textContent, a.getAttribute('href')]),
                        animation: getComputedStyle(list).animationName};
                    }"""
                )
                return found
            finally:
                context.close()

        filled = strip("articles/calm/", "reduce")
        assert filled["hidden"] is False
        assert filled["items"] == [["انفجار في الميناء", "/news/articles/fresh/"]]
        assert filled["animation"] == "none"  # a reader who asks for no motion gets none
        # The breaking story's own page does not list itself.
        assert strip("articles/fresh/", "reduce")["hidden"] is True
        assert strip("", "no-preference")["animation"] == "ticker-rtl"
        assert strip("", "reduce")["animation"] == "none"
        # Once past breaking_hours, the script shows nothing even before the next build.
        assert strip("articles/calm/", "reduce", clock=NOW + 7 * 3600)["hidden"] is True


@pytest.mark.slow  # the Nu Html Checker
def test_the_newsroom_pages_are_valid_html(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    or_fail(require_vnu)
    _built(site, monkeypatch)
    messages = or_fail(lambda: check_html_dir(site.output))
    assert [str(m) for m in messages] == []
