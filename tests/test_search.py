"""Arabic search: Pagefind indexes the built site and the search page finds a seed word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from checks import or_fail
from checks.browser import chromium, serve
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
