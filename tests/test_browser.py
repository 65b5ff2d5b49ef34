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
