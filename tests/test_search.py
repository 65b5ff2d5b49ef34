"""Arabic search: Pagefind indexes the built site and the search page finds a seed word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from checks import or_fail
from checks.browser import WIDTHS, check_page, chromium, serve
from checks.html import check_html_dir
from conftest import FIXED_NOW, REPO, SiteFolder, article

pytestmark = pytest.mark.slow  # Pagefind and Chromium

SEED_WORD = "ساليوكوف"  # the Russian general in the seed article, in no other article


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("search") / "output"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--config",
            str(REPO / "config.yaml"),
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_NOW},
    )
    assert done.returncode == 0, done.stderr
    return output


def test_the_build_indexes_the_articles(searchable: Path) -> None:
    assert (searchable / "pagefind" / "pagefind-ui.js").is_file()
    assert (searchable / "search" / "index.html").is_file()
    assert list((searchable / "pagefind").glob("pagefind.ar*.pf_meta")), "an Arabic index"


def test_the_search_page_is_valid_html(searchable: Path) -> None:
    found = or_fail(lambda: check_html_dir(searchable / "search"))
    assert found == []


def test_searching_a_seed_word_in_a_browser_finds_the_seed_article(searchable: Path) -> None:
    with serve(searchable, "/news/") as base, or_fail(chromium) as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "search/?q=" + SEED_WORD)
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=15000)
        assert result.get_attribute("href").endswith(
            "/articles/iranian-military-delegation-moscow/"
        )
        assert "وفد عسكري إيراني" in result.inner_text()
        # the header's search box leads to the same page
        page.goto(base)
        page.fill("#search-q", "الكرملين")
        page.press("#search-q", "Enter")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        assert page.url.startswith(base + "search/?q=")
        assert errors == []


def test_no_search_skips_the_index(site: SiteFolder) -> None:
    site.add("one")
    assert site.build() == 0  # the fixture's build passes --no-search
    assert not (site.output / "pagefind").exists()
    assert not (site.output / "search").exists()


def test_a_missing_pagefind_binary_is_a_clear_message(
    site: SiteFolder, monkeypatch, capsys
) -> None:
    from site_builder.cli import main

    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # the package is not installed
    monkeypatch.setenv("PATH", "/nonexistent")  # and no pagefind on the PATH
    site.write("content/one.md", article())
    assert main(["build", "--config", str(site.config), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "Pagefind is not installed" in err and "--no-search" in err
    assert not site.output.exists()


# --- Arabic search in the browser, over several month shards -------------------------

ARABIC_ARTICLES = {
    # relevance puts the older, fuller article first; «الأحدث أولاً» the newer one
    "russia-jan": dict(
        title="الحكومة الروسية تعلن خطة جديدة",
        date="2023-01-10",
        section="سياسة",
        tags=["روسيا"],
        body="أعلنت الحكومة الروسية خطة. وقالت الحكومة الروسية إن أوكرانيا تفاوض. "
        "الروسية الروسية الروسية في إسطنبول.",
    ),
    "russia-feb": dict(
        title="تقرير اقتصادي",
        date="2023-02-12",
        section="اقتصاد",
        tags=["اقتصاد"],
        body="ارتفعت الأسعار في السوق والروسية بعد زيارة وفد إلى اوكرانيا ثم اسطنبول.",
    ),
    "weather-mar": dict(
        title="الطقس", date="2023-03-05", section="منوعات", body="الطقس مشمس في القاهرة."
    ),
}


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("arabic")
    (root / "config.yaml").write_text(
        "title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n",
        encoding="utf-8",
    )
    for slug, keys in ARABIC_ARTICLES.items():
        (root / "content").mkdir(exist_ok=True)
        (root / "content" / f"{slug}.md").write_text(article(**keys), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--config", str(root / "config.yaml")],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_NOW},
    )
    assert done.returncode == 0, done.stderr
    assert len(list((root / "output" / "pagefind").glob("2023-0*/pagefind-entry.json"))) == 3
    return root / "output"


@pytest.fixture(scope="module")
def search_page(arabic_site: Path):
    with serve(arabic_site, "/news/") as base, or_fail(chromium) as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/")
        yield page, errors


def found(page, query: str) -> list[str]:
    """The result links' paths for a query typed into the search page, in order."""
    page.fill(".pagefind-ui__search-input", "")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_function(
        "q => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && m.textContent.includes(q) && !m.textContent.includes('جارٍ'); }",
        arg=query,
        timeout=15000,
    )
    page.wait_for_function(
        "() => !document.querySelector('.pagefind-ui__result-title.pagefind-ui__loading')",
        timeout=15000,
    )
    links = page.locator(".pagefind-ui__result-link")
    return [
        href.split("/articles/")[1].strip("/")
        for href in links.evaluate_all("all => all.map(a => a.getAttribute('href'))")
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الروسية", {"russia-jan", "russia-feb"}),  # finds «والروسية»
        ("والروسية", {"russia-jan", "russia-feb"}),  # and the reverse
        ("روسية", {"russia-jan", "russia-feb"}),
        ("أوكرانيا", {"russia-jan", "russia-feb"}),  # hamza finds its bare spelling
        ("اوكرانيا", {"russia-jan", "russia-feb"}),  # and the reverse
        ("وأوكرانيا", {"russia-jan", "russia-feb"}),
        ("إسطنبول", {"russia-jan", "russia-feb"}),
        ("اسطنبول", {"russia-jan", "russia-feb"}),
        ("الطقس", {"weather-mar"}),
    ],
)
def test_arabic_spellings_find_each_other(search_page, query: str, expected: set[str]) -> None:
    page, errors = search_page
    assert set(found(page, query)) == expected
    assert errors == []


def test_results_show_the_arabic_date_and_section_and_join_the_prefix(search_page) -> None:
    page, _ = search_page
    assert found(page, "الأسعار") == ["russia-feb"]
    result = page.locator(".pagefind-ui__result").first
    tags = result.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert "التاريخ: 12 فبراير 2023" in tags and "القسم: اقتصاد" in tags
    excerpt = result.locator(".pagefind-ui__result-excerpt").inner_text()
    assert "والروسية" in excerpt and "\u200d" not in excerpt


def test_a_search_with_no_results_says_so_in_arabic(search_page) -> None:
    page, _ = search_page
    assert found(page, "كلمةغيرموجودة") == []
    message = page.locator(".pagefind-ui__message").inner_text()
    assert message == "لا توجد نتائج لـ«كلمةغيرموجودة»"


def test_the_filters_have_arabic_names(search_page) -> None:
    page, _ = search_page
    found(page, "الروسية")
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"القسم", "الوسم", "السنة"} <= {n.strip() for n in names}


def test_newest_first_reorders_the_results_by_date(search_page) -> None:
    page, _ = search_page
    assert found(page, "الروسية") == ["russia-jan", "russia-feb"]  # by relevance
    page.check("input[name=search-order][value=newest]")
    page.wait_for_function(
        "() => { const a = document.querySelector('.pagefind-ui__result-link');"
        " return a && a.getAttribute('href').includes('russia-feb'); }",
        timeout=15000,
    )
    assert found(page, "الروسية") == ["russia-feb", "russia-jan"]
    page.check("input[name=search-order][value=relevance]")
    assert found(page, "الروسية") == ["russia-jan", "russia-feb"]


def test_the_python_and_browser_prefix_rules_agree(search_page) -> None:
    from site_builder.search.arabic import query_text

    page, _ = search_page
    text = (REPO / "content").rglob("*.md")
    words = sorted({w for f in text for w in f.read_text(encoding="utf-8").split()})
    words += ["وَالرُّوسِيَّة", "والده", "وكالة", "لأوكرانيا", "وبالأمس"]
    in_browser = page.evaluate("ws => ws.map(w => window.siteSearch.queryText(w))", words)
    assert [w for w, b in zip(words, in_browser, strict=True) if query_text(w) != b] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_page_with_results_reads_right_to_left_and_passes_axe(
    search_page, width: int
) -> None:
    page, _ = search_page  # its browser and server: one Playwright per module
    url = page.url.split("search/")[0] + "search/?q=" + "الروسية"
    report = check_page(page.context.browser, url, width)
    assert report.problems() == []
