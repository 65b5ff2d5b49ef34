"""The built pages and feeds pass outside validators: the Nu Html Checker and the feed specs.

Needs Java and tests/js/node_modules (scripts/install-test-deps); without them
these tests fail, never skip, so CI cannot go green without checking anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest
from checks import or_fail
from checks.feeds import check_feeds
from checks.html import HtmlMessage, check_html_dir, require_vnu
from checks.sites import SITE_NAMES, Site, get_site

pytestmark = pytest.mark.slow  # the Nu Html Checker over whole sites

SHOWN = 60


def report(problems: Iterable[str], what: str) -> str:
    listed = list(problems)
    shown = "\n".join(listed[:SHOWN])
    more = f"\n… and {len(listed) - SHOWN} more" if len(listed) > SHOWN else ""
    return f"{len(listed)} {what}:\n{shown}{more}"


def grouped(messages: list[HtmlMessage]) -> list[str]:
    """One line per distinct message: a template bug repeats on every page."""
    files: dict[str, list[str]] = defaultdict(list)
    for m in messages:
        files[m.message].append(f"{m.file}:{m.line}" if m.line else m.file)
    return [
        f"[{len(where)} × e.g. {', '.join(where[:3])}] {message}"
        for message, where in sorted(files.items(), key=lambda kv: -len(kv[1]))
    ]


@pytest.fixture(scope="module", params=SITE_NAMES)
def site(request: pytest.FixtureRequest) -> Site:
    return or_fail(lambda: get_site(request.param))


_vnu_runs: dict[Path, list[HtmlMessage]] = {}


@pytest.fixture(scope="module")
def vnu_tool() -> None:
    or_fail(require_vnu)


def test_every_page_is_valid_html(site: Site, vnu_tool: None) -> None:
    # One JVM for the whole site: starting vnu per page would take minutes.
    if site.output not in _vnu_runs:
        _vnu_runs[site.output] = or_fail(lambda: check_html_dir(site.output))
    messages = _vnu_runs[site.output]
    pages = sum(1 for _ in site.output.rglob("*.html"))
    assert pages > 0, f"{site.name}: no HTML pages in {site.output}"
    assert not messages, report(
        grouped(messages),
        f"distinct Nu Html Checker errors ({len(messages)} in all) in {site.name}",
    )


def test_every_feed_passes_the_structural_checks(site: Site) -> None:
    problems = check_feeds(site.output, site.base_url)
    assert problems == [], report(problems, f"feed problems in {site.name}")


def test_site_and_every_tag_section_and_author_have_their_feeds(site: Site) -> None:
    out = site.output
    missing = [name for name in ("feed.xml", "atom.xml", "feed.json") if not (out / name).is_file()]
    # jekyll-feed skips feeds of non-Latin tags without a word (PITFALLS.md): not here.
    assert list(out.glob("tags/*/index.html")), f"{site.name}: no tags/TAG/index.html pages"
    for kind in ("tags", "sections", "authors"):
        for page in out.glob(f"{kind}/*/index.html"):
            missing += [
                str((page.parent / name).relative_to(out))
                for name in ("feed.xml", "atom.xml")
                if not (page.parent / name).is_file()
            ]
    assert missing == [], report(missing, f"missing feeds in {site.name}")
