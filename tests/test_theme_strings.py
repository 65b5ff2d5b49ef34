"""Every word a reader sees comes from the theme's strings, so a theme can change them."""

from __future__ import annotations

import re
import shutil

from conftest import SiteFolder

from site_builder.config import default_theme_dir

_TEMPLATE_WORD = re.compile(r"[\u0600-\u06ff]")


def test_the_default_templates_hold_no_arabic_words_of_their_own() -> None:
    for template in (default_theme_dir() / "templates").rglob("*.html"):
        assert not _TEMPLATE_WORD.search(template.read_text(encoding="utf-8")), template


def _theme_site(site: SiteFolder, strings: str) -> None:
    theme = site.root / "theme"
    shutil.copytree(default_theme_dir(), theme)
    (theme / "strings" / "ar.yaml").write_text(strings, encoding="utf-8")
    site.set_config("title: موقع\nbase_url: https://example.org/\ntheme: theme\n")
    site.add("a", title="خبر", tags=["مصر"], related=["b"], aliases=["/old/a/"])
    site.add("b", title="خبر آخر", date="2023-08-20", tags=["مصر"])


def test_a_theme_changes_the_words_of_every_page(site: SiteFolder) -> None:
    _theme_site(
        site,
        "read_also: طالع كذلك\ntags_title: الكلمات\nhome: الصفحة الأولى\n"
        'moved_to: "انتقل الخبر إلى {link}."\n',
    )
    assert site.build() == 0
    article = site.read("articles/a/index.html")
    assert "طالع كذلك" in article and "اقرأ أيضاً" not in article
    assert "الصفحة الأولى" in site.read("index.html")
    assert "<title>الكلمات | موقع</title>" in site.read("tags/index.html")
    assert "انتقل الخبر إلى" in site.read("old/a/index.html")
    # Words the theme does not give come from the default theme.
    assert "كلمات دلالية" in article


def test_a_strings_file_that_does_not_read_is_an_error_not_a_crash(
    site: SiteFolder, capsys
) -> None:
    _theme_site(site, "read_also: [غير, نص]\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "strings" in err and "ar.yaml" in err and "fix:" in err
