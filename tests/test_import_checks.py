"""Sites made by an import pass the outside validators, as the example site does: every page
through the Nu Html Checker, every feed through feedparser and the feed specs.

Needs Java and tests/js/node_modules (scripts/install-test-deps); without them these tests
fail, never skip."""

from __future__ import annotations

import shutil

import pytest
import yaml
from checks import or_fail
from checks.feeds import check_feeds
from checks.html import check_html_dir, require_vnu
from migrations import FIXTURES, new_site

from site_builder.layout import old_feed_file

pytestmark = pytest.mark.slow  # the Nu Html Checker over three sites

SOURCES = {
    "wordpress": (FIXTURES / "wordpress" / "export.xml", "https://old.example.com/"),
    "hugo": (FIXTURES / "hugo", "https://blog.example.net/"),
    "jekyll": (FIXTURES / "jekyll", "https://news.example.org/"),
}


@pytest.mark.parametrize("form", sorted(SOURCES))
def test_an_imported_site_passes_the_validators(form, tmp_path, monkeypatch, capsys):
    or_fail(require_vnu)
    source, base_url = SOURCES[form]
    site = new_site(tmp_path, monkeypatch, base_url)
    code, report = site.import_(capsys, str(source))
    assert code == 0, report
    site.build(capsys)
    assert check_feeds(site.output, base_url) == []
    # The pages as HTML; the copies of feeds at the old feed URLs are feeds, not pages.
    pages = tmp_path / "pages"
    shutil.copytree(site.output, pages)
    old_feeds = yaml.safe_load(site.config.read_text(encoding="utf-8"))["old_feeds"]
    assert old_feeds
    for old in old_feeds:
        (pages / old_feed_file(old)).unlink()
    assert [str(m) for m in check_html_dir(pages)] == []
