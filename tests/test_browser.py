"""Built pages in a real browser (Debian's Chromium): right-to-left, no sideways
scroll on a phone or a desktop, no console errors or broken requests, and no
serious or critical axe-core accessibility violations.

Needs /usr/bin/chromium and tests/js/node_modules (scripts/install-test-deps);
without them these tests fail, never skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from checks import or_fail
from checks.browser import WIDTHS, check_page, chromium, require_browser, serve
from checks.sites import SITE_NAMES, Site, get_site, sample_pages

pytestmark = pytest.mark.slow  # Chromium

PAGES = ("home", "article", "tags", "tag")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    or_fail(require_browser)
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=SITE_NAMES)
def served(request: pytest.FixtureRequest) -> Iterator[tuple[Site, str]]:
    """A built site on loopback under its base path; yields (site, URL of its root)."""
    site = or_fail(lambda: get_site(request.param))
    with serve(site.output, site.base_path) as root_url:
        yield site, root_url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_page_reads_well(browser: Any, served: tuple[Site, str], page: str, width: int) -> None:
    site, root_url = served
    paths = sample_pages(site)
    assert page in paths, f"{site.name}: no {page} page found in {site.output}"
    problems = check_page(browser, root_url + paths[page], width).problems()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", ("home", "article"))
def test_dark_scheme_reads_well(browser: Any, served: tuple[Site, str], page: str) -> None:
    # DESIGN.md asks for a prefers-color-scheme dark mode with AA contrast too.
    site, root_url = served
    paths = sample_pages(site)
    assert page in paths, f"{site.name}: no {page} page found in {site.output}"
    problems = check_page(browser, root_url + paths[page], 1280, color_scheme="dark").problems()
    assert problems == [], "\n".join(problems)


GUIDE = "articles/style-guide/"  # the example article with an image, a video, notes, a toc


@pytest.fixture(scope="module")
def example_served() -> Iterator[tuple[Site, str]]:
    site = or_fail(lambda: get_site("example"))
    with serve(site.output, site.base_path) as root_url:
        yield site, root_url


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", WIDTHS)
def test_the_article_with_an_image_a_video_and_notes_reads_well(
    browser: Any, example_served: tuple[Site, str], width: int, scheme: str
) -> None:
    _, root_url = example_served
    problems = check_page(browser, root_url + GUIDE, width, color_scheme=scheme).problems()
    assert problems == [], "\n".join(problems)


def test_an_embed_asks_its_host_for_nothing_until_the_reader_clicks(
    browser: Any, example_served: tuple[Site, str]
) -> None:
    _, root_url = example_served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        outside: list[str] = []

        def refuse(route: Any) -> None:
            outside.append(route.request.url)
            route.abort()

        page.route(lambda url: not url.startswith(root_url.split("/news/")[0]), refuse)
        page.goto(root_url + GUIDE, wait_until="networkidle")
        assert outside == []
        assert page.locator(".body iframe").count() == 0
        page.click("a.embed-open")
        frame = page.locator(".embed iframe")
        frame.wait_for()
        assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
        assert frame.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
        assert "allow-scripts" in (frame.get_attribute("sandbox") or "")
        assert page.locator("a.embed-open").count() == 0
        page.wait_for_timeout(200)
        assert {url.split("?")[0] for url in outside} <= {
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
        }
    finally:
        context.close()


def test_with_scripts_blocked_an_embed_is_a_link_to_the_original(
    browser: Any, example_served: tuple[Site, str]
) -> None:
    _, root_url = example_served
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(root_url + GUIDE, wait_until="networkidle")
        link = page.locator("a.embed-open")
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
        assert link.is_visible() and "يوتيوب" in link.inner_text()
    finally:
        context.close()
