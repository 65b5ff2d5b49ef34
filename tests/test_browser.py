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
from checks.sites import SITE_NAMES, Site, build, get_site, sample_pages

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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_an_english_page_reads_well_left_to_right(
    browser: Any, example_served: tuple[Site, str], page: str, width: int
) -> None:
    # The example's English edition: ltr, its headline from the left, no sideways
    # scroll, axe clean; the same theme and checks as the Arabic pages.
    site, root_url = example_served
    paths = sample_pages(site, "en/")
    assert page in paths, f"no English {page} page in {site.output / 'en'}"
    report = check_page(browser, root_url + paths[page], width, direction="ltr")
    assert report.problems() == [], "\n".join(report.problems())
    if page == "article":
        assert report.headline_gap is not None


@pytest.mark.parametrize("width", WIDTHS)
def test_an_arabic_article_starts_its_headline_on_the_right(
    browser: Any, example_served: tuple[Site, str], width: int
) -> None:
    _, root_url = example_served
    report = check_page(browser, root_url + "articles/gold-rises/", width)
    assert report.headline_gap is not None and report.problems() == [], report.problems()


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


MIXED_CONFIG = """\
title: أخبار
base_url: https://example.org/news/
timezone: Africa/Cairo
languages:
  ar: {}
  en: {title: News}
"""


@pytest.fixture(scope="module")
def mixed_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    """An English name opening an Arabic headline, and an Arabic name opening an English one."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "config.yaml").write_text(MIXED_CONFIG, encoding="utf-8")
    stories = {
        "content/iphone.md": ("iPhone 15 Pro يصل إلى الأسواق المصرية الأسبوع المقبل", "iphone"),
        "content/en/ahram.md": ("«الأهرام» reports a record gold price in Cairo", "ahram"),
    }
    for relative, (title, key) in stories.items():
        file = root / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(
            f'---\ntitle: "{title}"\ndate: 2023-08-21\nauthor: John Smith\n'
            f"translation_key: {key}\n---\n\nنص الخبر.\n",
            encoding="utf-8",
        )
    site = build("mixed", root / "config.yaml")
    with serve(site.output, site.base_path) as root_url:
        yield site, root_url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("path", "direction"), (("articles/iphone/", "rtl"), ("en/articles/ahram/", "ltr"))
)
def test_a_headline_opening_with_the_other_script_keeps_its_page_direction(
    browser: Any, mixed_served: tuple[Site, str], path: str, direction: str, width: int
) -> None:
    # «iPhone 15 Pro يصل…» starts at the right of an Arabic page (dir=auto would turn it
    # left-to-right), «الأهرام» reports… at the left of an English one.
    site, root_url = mixed_served
    report = check_page(browser, root_url + path, width, direction=direction)
    assert report.headline_gap is not None and report.problems() == [], report.problems()
    html = (site.output / path / "index.html").read_text(encoding="utf-8")
    assert "<bdi>John Smith</bdi>" in html  # a name is data: isolated from the line around it
