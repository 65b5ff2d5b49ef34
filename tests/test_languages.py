"""Editions: one site in several languages (`languages:` in the config), each served
from its own folder with its own lists, feeds and words, linked by hreflang."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import lxml.html
import pytest
import yaml
from conftest import SiteFolder, article

from site_builder.cli import main
from site_builder.config import default_theme_dir

BASE = "title: موقع\nbase_url: https://example.org/news/\ntimezone: Africa/Cairo\n"
TWO = BASE + "languages:\n  ar: {}\n  en:\n    title: Sada News\n    locale: en_GB\n"
ROOT = "https://example.org/news/"


def page(site: SiteFolder, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(relative))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def hreflangs(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's <link rel="alternate" hreflang> links: language → URL."""
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")
    }


def switcher(tree: lxml.html.HtmlElement) -> list[dict[str, str]]:
    """The header's language links, each with its href, hreflang, lang and dir."""
    return [
        {k: a.get(k) for k in ("href", "hreflang", "lang", "dir")}
        for a in tree.xpath("//nav[@class='languages']//a")
    ]


def add_en(site: SiteFolder, name: str, **kwargs: object) -> Path:
    return site.write(f"content/en/{name}.md", article(**kwargs))  # type: ignore[arg-type]


def search_build(site: SiteFolder, *flags: str) -> int:
    return main(["build", "--config", str(site.config), "--jobs", "1", "--quiet", *flags])


@pytest.fixture
def two(site: SiteFolder) -> SiteFolder:
    """An Arabic site with an English edition: one story in both, one in Arabic only,
    and an about page in both."""
    site.set_config(TWO)
    site.add("one", title="وفد يزور موسكو", tags=["روسيا"], translation_key="moscow")
    site.add("solo", title="خبر عربي فقط", date="2023-08-22")
    add_en(
        site,
        "one",
        title="A delegation visits Moscow",
        tags=["Russia"],
        translation_key="moscow",
        body="The first paragraph.",
    )
    site.write("pages/about.md", "---\ntitle: من نحن\n---\n\nنص.\n")
    site.write("pages/en/about.md", "---\ntitle: About us\n---\n\nText.\n")
    return site


# --- the output of each edition ------------------------------------------------------


def test_each_edition_has_its_language_and_direction_on_the_html_element(
    two: SiteFolder,
) -> None:
    assert two.build() == 0
    root = page(two, "index.html")
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    english = page(two, "en/index.html")
    assert (english.get("lang"), english.get("dir")) == ("en", "ltr")
    assert page(two, "en/articles/one/index.html").get("dir") == "ltr"
    assert "Sada News" in texts(english, "//a[@class='site-name']")


def test_an_edition_has_its_own_articles_feeds_lists_and_breaking_file(two: SiteFolder) -> None:
    assert two.build() == 0
    for relative in [
        "en/index.html",
        "en/articles/one/index.html",
        "en/feed.xml",
        "en/atom.xml",
        "en/feed.json",
        "en/tags/index.html",
        "en/archive/index.html",
        "en/breaking.json",
        "en/about/index.html",
    ]:
        assert (two.output / relative).is_file(), relative
    # The Arabic-only story is not in the English edition.
    assert not (two.output / "en/articles/solo").exists()
    english = page(two, "en/index.html")
    assert "/news/en/articles/one/" in english.xpath("//a/@href")
    assert "/news/articles/solo/" not in english.xpath("//a/@href")


def test_the_sites_own_files_are_only_at_the_root(two: SiteFolder) -> None:
    assert two.build() == 0
    for name in ["404.html", "sitemap.xml", "robots.txt", "news-sitemap.xml", "_redirects"]:
        assert (two.output / name).is_file(), name
        assert not (two.output / "en" / name).exists(), name
    assert (two.output / "static/style.css").is_file()
    assert not (two.output / "en/static").exists()
    # The English pages take the theme's files from the root.
    english = page(two, "en/index.html")
    assert "/news/static/style.css" in english.xpath("//link[@rel='stylesheet']/@href")


def test_each_edition_feed_names_its_language_and_holds_only_its_stories(
    two: SiteFolder,
) -> None:
    assert two.build() == 0
    assert "<language>en</language>" in two.read("en/feed.xml")
    assert "<language>ar</language>" in two.read("feed.xml")
    english = feedparser.parse(two.read("en/feed.xml"))
    assert english.bozo == 0
    assert [e.title for e in english.entries] == ["A delegation visits Moscow"]
    assert english.entries[0].link == ROOT + "en/articles/one/"
    arabic = feedparser.parse(two.read("feed.xml"))
    assert sorted(e.title for e in arabic.entries) == ["خبر عربي فقط", "وفد يزور موسكو"]
    items = json.loads(two.read("en/feed.json"))["items"]
    assert [i["url"] for i in items] == [ROOT + "en/articles/one/"]


def test_a_latin_tag_gets_a_lower_case_slug_in_its_editions_tags_folder(
    two: SiteFolder,
) -> None:
    assert two.build() == 0
    assert (two.output / "en/tags/russia/index.html").is_file()
    assert (two.output / "en/tags/russia/feed.xml").is_file()
    assert not (two.output / "en/tags/Russia").exists()
    index = page(two, "en/tags/index.html")
    hrefs = index.xpath("//main//a/@href")
    assert "/news/en/tags/russia/" in hrefs
    assert not any("روسيا" in h or "%D8" in h for h in hrefs)
    assert texts(page(two, "en/tags/russia/index.html"), "//h1") == ["Russia"]


def test_english_pages_use_the_english_strings_and_dates(two: SiteFolder) -> None:
    assert two.build() == 0
    tree = page(two, "en/articles/one/index.html")
    nav = texts(tree, "//nav[@class='site-nav']//a")
    assert nav[0] == "Home" and "Tags" in nav and "Archive" in nav
    assert "21 August 2023" in texts(tree, "//time")
    # The Arabic pages keep the Arabic words.
    arabic = texts(page(two, "articles/one/index.html"), "//nav[@class='site-nav']//a")
    assert arabic[0] == "الرئيسية" and "الوسوم" in arabic


def test_a_french_edition_is_in_french(site: SiteFolder) -> None:
    site.set_config(BASE + "languages: {ar: {}, fr: {title: Actualités}}\n")
    site.add("a")
    site.write("content/fr/a.md", article(title="Une nouvelle", body="Le texte."))
    assert site.build() == 0
    tree = page(site, "fr/index.html")
    assert (tree.get("lang"), tree.get("dir")) == ("fr", "ltr")
    assert texts(tree, "//nav[@class='site-nav']//a")[0] == "Accueil"
    assert "Actualités" in texts(tree, "//a[@class='site-name']")
    assert "Une nouvelle" in texts(page(site, "fr/articles/a/index.html"), "//h1")
    assert "21 août 2023" in texts(page(site, "fr/articles/a/index.html"), "//time")


def test_a_right_to_left_language_is_rtl_by_default_and_a_direction_overrides_it(
    site: SiteFolder,
) -> None:
    site.set_config(BASE + "languages:\n  ar: {}\n  fa: {}\n  en: {direction: rtl}\n")
    site.add("a")
    assert site.build() == 0
    assert page(site, "fa/index.html").get("dir") == "rtl"
    assert page(site, "fa/index.html").get("lang") == "fa"
    assert page(site, "en/index.html").get("dir") == "rtl"


def test_each_language_sets_its_own_numerals_and_menu(site: SiteFolder) -> None:
    site.set_config(
        BASE + "languages:\n  ar: {numerals: arabic}\n  en: {locale: en_GB, menu: [Economy]}\n"
    )
    site.add("a", section="سياسة")
    add_en(site, "p", title="Politics story", section="Politics")
    add_en(site, "e", title="Economy story", section="Economy", date="2023-08-22")
    assert site.build() == 0
    arabic = page(site, "articles/a/index.html")
    assert any("٢١" in t for t in texts(arabic, "//time"))
    english = page(site, "en/articles/p/index.html")
    assert "21 August 2023" in texts(english, "//time")
    nav = texts(english, "//nav[@class='site-nav']//a")
    assert "Economy" in nav and "Politics" not in nav
    # The Arabic edition does not take the English menu.
    assert "سياسة" in texts(arabic, "//nav[@class='site-nav']//a")


def test_the_per_page_of_a_language_is_its_own(site: SiteFolder) -> None:
    site.set_config(BASE + "per_page: 20\nlanguages:\n  ar: {}\n  en: {per_page: 1}\n")
    for i in range(3):
        site.add(f"a{i}", title=f"خبر {i}", date=f"2023-08-{10 + i}")
        add_en(site, f"e{i}", title=f"Story {i}", date=f"2023-08-{10 + i}")
    assert site.build() == 0
    # Three English stories at one a page; the Arabic home holds its three.
    assert (site.output / "en/page/3/index.html").is_file()
    assert not (site.output / "en/page/4").exists()
    assert not (site.output / "page").exists()


def test_the_first_languages_settings_are_the_roots(site: SiteFolder) -> None:
    site.set_config(BASE + "language: ar\nlanguages:\n  ar: {title: أخبار صدى}\n  en: {}\n")
    site.add("a")
    assert site.build() == 0
    assert texts(page(site, "index.html"), "//a[@class='site-name']") == ["أخبار صدى"]


def test_a_language_without_a_title_takes_the_configs_not_the_first_languages(
    site: SiteFolder,
) -> None:
    site.set_config(BASE + "languages:\n  ar: {title: أخبار صدى}\n  en: {}\n")
    site.add("a")
    add_en(site, "a", title="Story")
    assert site.build() == 0
    assert texts(page(site, "en/index.html"), "//a[@class='site-name']") == ["موقع"]


def test_an_edition_without_articles_still_has_its_home_and_indexes(site: SiteFolder) -> None:
    site.set_config(TWO)
    site.add("a")
    assert site.build() == 0
    for relative in ["en/index.html", "en/tags/index.html", "en/archive/index.html"]:
        assert page(site, relative).get("lang") == "en", relative
    assert switcher(page(site, "articles/a/index.html"))[0]["href"] == "/news/en/"


def test_the_news_sitemap_names_each_editions_language(site: SiteFolder) -> None:
    site.set_config(TWO)
    site.add("a", date="2023-11-14T10:00:00+02:00")
    add_en(site, "b", title="Fresh story", date="2023-11-14T10:00:00+02:00")
    assert site.build() == 0
    news = site.read("news-sitemap.xml")
    entries = re.findall(r"<url>.*?</url>", news)
    english = [e for e in entries if f"<loc>{ROOT}en/articles/b/</loc>" in e]
    arabic = [e for e in entries if f"<loc>{ROOT}articles/a/</loc>" in e]
    assert len(english) == 1 and "<news:language>en</news:language>" in english[0]
    assert "<news:name>Sada News</news:name>" in english[0]
    assert len(arabic) == 1 and "<news:language>ar</news:language>" in arabic[0]


def test_an_incremental_build_of_two_editions_equals_a_full_build(
    two: SiteFolder, tmp_path: Path
) -> None:
    assert two.build() == 0
    add_en(two, "two", title="Second story", date="2023-08-23", tags=["Russia"])
    two.write("pages/en/about.md", "---\ntitle: About\n---\n\nOther text.\n")
    assert two.build() == 0
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(
        two.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache", ".output-*")
    )
    assert fresh.build("--clean") == 0
    assert two.snapshot() == fresh.snapshot()


def test_removing_a_language_removes_its_folder_from_the_output(two: SiteFolder) -> None:
    assert two.build() == 0
    assert (two.output / "en/index.html").is_file()
    shutil.rmtree(two.root / "content/en")
    shutil.rmtree(two.root / "pages/en")
    two.set_config(BASE)
    assert two.build() == 0
    assert not (two.output / "en").exists()
    assert hreflangs(page(two, "articles/one/index.html")) == {}


# --- the links between languages -------------------------------------------------------


def test_translations_link_each_other_with_hreflang_and_x_default(two: SiteFolder) -> None:
    assert two.build() == 0
    both = {
        "ar": ROOT + "articles/one/",
        "en": ROOT + "en/articles/one/",
        "x-default": ROOT + "articles/one/",
    }
    assert hreflangs(page(two, "articles/one/index.html")) == both
    assert hreflangs(page(two, "en/articles/one/index.html")) == both


def test_a_page_without_a_translation_has_no_hreflang_links(two: SiteFolder) -> None:
    assert two.build() == 0
    assert hreflangs(page(two, "articles/solo/index.html")) == {}


def test_static_pages_of_one_slug_are_translations(two: SiteFolder) -> None:
    assert two.build() == 0
    expected = {"ar": ROOT + "about/", "en": ROOT + "en/about/", "x-default": ROOT + "about/"}
    assert hreflangs(page(two, "about/index.html")) == expected
    assert hreflangs(page(two, "en/about/index.html")) == expected


@pytest.mark.parametrize(
    ("arabic", "english"),
    [("index.html", "en/index.html"), ("tags/index.html", "en/tags/index.html")]
    + [("archive/index.html", "en/archive/index.html")],
)
def test_every_editions_home_and_indexes_are_translations(
    two: SiteFolder, arabic: str, english: str
) -> None:
    assert two.build() == 0
    folder = arabic.removesuffix("index.html")
    expected = {
        "ar": ROOT + folder,
        "en": ROOT + "en/" + folder,
        "x-default": ROOT + folder,
    }
    assert hreflangs(page(two, arabic)) == expected
    assert hreflangs(page(two, english)) == expected


def test_the_language_switcher_goes_to_the_translation_or_else_the_home(
    two: SiteFolder,
) -> None:
    assert two.build() == 0
    assert switcher(page(two, "en/articles/one/index.html")) == [
        {"href": "/news/articles/one/", "hreflang": "ar", "lang": "ar", "dir": "rtl"}
    ]
    assert switcher(page(two, "articles/one/index.html")) == [
        {"href": "/news/en/articles/one/", "hreflang": "en", "lang": "en", "dir": "ltr"}
    ]
    assert switcher(page(two, "articles/solo/index.html")) == [
        {"href": "/news/en/", "hreflang": "en", "lang": "en", "dir": "ltr"}
    ]
    # Each language is named in itself.
    assert texts(page(two, "index.html"), "//nav[@class='languages']//a") == ["English"]
    assert texts(page(two, "en/index.html"), "//nav[@class='languages']//a") == ["العربية"]


def test_the_sitemap_lists_every_edition_with_its_alternates(two: SiteFolder) -> None:
    assert two.build() == 0
    sitemap = two.read("sitemap.xml")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    urls = re.findall(r"<url>.*?</url>", sitemap)
    by_loc = {re.search(r"<loc>(.*?)</loc>", u).group(1): u for u in urls}  # type: ignore[union-attr]
    assert ROOT + "en/articles/one/" in by_loc
    entry = by_loc[ROOT + "articles/one/"]
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{ROOT}en/articles/one/"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{ROOT}articles/one/"/>' in (
        entry
    )
    assert "xhtml:link" not in by_loc[ROOT + "articles/solo/"]


def test_a_site_without_languages_has_no_switcher_hreflang_or_xhtml_sitemap(
    site: SiteFolder,
) -> None:
    site.add("a", tags=["روسيا"])
    site.write("pages/about.md", "---\ntitle: من نحن\n---\n\nنص.\n")
    assert site.build() == 0
    for relative in ["index.html", "articles/a/index.html", "about/index.html"]:
        tree = page(site, relative)
        assert hreflangs(tree) == {}, relative
        assert tree.xpath("//nav[@class='languages']") == [], relative
    assert "xhtml" not in site.read("sitemap.xml")
    assert not (site.output / "en").exists()


# --- translation_key -------------------------------------------------------------------


def test_two_articles_of_one_language_with_one_key_is_an_error(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.set_config(TWO)
    site.add("a", translation_key="k")
    site.add("b", title="آخر", translation_key="k")
    add_en(site, "a", title="A", translation_key="k")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "content/b.md:4: error:" in err, err
    assert "translation_key 'k'" in err
    assert not site.output.exists()


def test_a_key_without_a_translation_is_a_warning_and_the_build_goes_on(
    two: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    two.add("lonely", title="وحيد", translation_key="nowhere")
    assert two.build() == 0
    err = capsys.readouterr().err
    assert "content/lonely.md:4: warning:" in err, err
    assert "translation_key 'nowhere'" in err and "(en)" in err
    assert "moscow" not in err
    assert (two.output / "articles/lonely/index.html").is_file()


# --- what the config may not say ---------------------------------------------------------


@pytest.mark.parametrize(
    ("languages", "line", "words"),
    [
        ("languages:\n  ar: {}\n  xx: {}\n", 6, "'xx'"),
        ("languages:\n  ar: {}\n  en:\n    title: News\n    direction: up\n", 8, "direction"),
        ("languages:\n  ar: {}\n  en:\n    colour: red\n", 7, "'colour'"),
        ("languages:\n  ar: {}\n  tags: {}\n", 6, "'tags'"),
        ("language: fr\nlanguages:\n  ar: {}\n  en: {}\n", 4, "language: fr"),
    ],
    ids=["unknown-code", "direction", "unknown-key", "own-folder", "language-contradicts"],
)
def test_a_wrong_languages_entry_is_an_error_at_its_line_and_the_output_stays(
    site: SiteFolder, capsys: pytest.CaptureFixture[str], languages: str, line: int, words: str
) -> None:
    site.add("one")
    assert site.build() == 0
    before = site.snapshot()
    site.set_config(BASE + languages)
    capsys.readouterr()
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"config.yaml:{line}: error:" in err, err
    assert words in err
    assert site.snapshot() == before
    assert site.check() == 1
    assert f"config.yaml:{line}: error:" in capsys.readouterr().err


def test_a_page_whose_slug_is_an_edition_folder_is_an_error(
    two: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    two.write("pages/en.md", "---\ntitle: بالإنجليزية\n---\n\nنص.\n")
    assert two.build() == 1
    err = capsys.readouterr().err
    assert "pages/en.md" in err and "error:" in err, err
    assert not two.output.exists()


def test_an_article_whose_url_would_be_in_an_edition_folder_is_an_error(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.set_config(TWO + 'article_url: "{slug}/"\n')
    site.add("english", slug="en")
    assert site.check() == 1
    err = capsys.readouterr().err
    assert "content/english.md:4: error:" in err, err
    assert "/en/" in err


# --- incremental builds and search -------------------------------------------------------


def test_editing_an_english_article_leaves_the_arabic_articles_untouched(
    two: SiteFolder,
) -> None:
    assert two.build() == 0
    arabic = [two.output / "articles/solo/index.html", two.output / "articles/one/index.html"]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in arabic}
    path = two.root / "content/en/one.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("The first paragraph.", "A new paragraph."),
        encoding="utf-8",
    )
    assert two.build() == 0
    assert "A new paragraph." in two.read("en/articles/one/index.html")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in arabic} == before


def test_each_edition_has_its_own_search_index_and_no_search_removes_both(
    two: SiteFolder,
) -> None:
    assert search_build(two) == 0
    for folder in ["pagefind", "en/pagefind"]:
        assert (two.output / folder / "pagefind-entry.json").is_file(), folder
    entry = json.loads(two.read("en/pagefind/pagefind-entry.json"))
    assert "en" in entry["languages"]
    assert "ar" in json.loads(two.read("pagefind/pagefind-entry.json"))["languages"]
    assert search_build(two, "--no-search") == 0
    assert not (two.output / "pagefind").exists()
    assert not (two.output / "en/pagefind").exists()


# --- the commands ----------------------------------------------------------------------


def test_new_with_lang_writes_the_article_in_the_editions_folder(
    two: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    argv = ["new", "--config", str(two.config), "--lang", "en", "--slug", "gold", "--", "Gold"]
    assert main(argv) == 0
    path = two.root / "content/en/2023/11/gold.md"
    assert path.is_file()
    assert capsys.readouterr().out.strip().endswith("content/en/2023/11/gold.md")
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["title"] == "Gold"
    assert not (two.root / "content/2023/11/gold.md").exists()


def test_new_with_a_language_the_site_has_not_is_an_error(
    two: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--config", str(two.config), "--lang", "de", "--", "Gold"]) == 1
    assert "'de'" in capsys.readouterr().err
    assert not (two.root / "content/de").exists()


def test_init_writes_a_commented_languages_example_that_works_uncommented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["init", "made"]) == 0
    config = tmp_path / "made/config.yaml"
    text = config.read_text(encoding="utf-8")
    assert "# languages:" in text
    lines = text.splitlines()
    start = lines.index("# languages:")
    for i in range(start, len(lines)):
        if i > start and not lines[i].startswith("#  "):
            break
        lines[i] = lines[i].removeprefix("# ")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "en" in yaml.safe_load(config.read_text(encoding="utf-8"))["languages"]
    assert main(["check", "--config", str(config)]) == 0


# --- the theme's words -------------------------------------------------------------------


def test_every_strings_file_has_the_arabic_keys_and_placeholders() -> None:
    folder = default_theme_dir() / "strings"
    arabic = yaml.safe_load((folder / "ar.yaml").read_text(encoding="utf-8"))
    assert {"en.yaml", "fr.yaml"} <= {p.name for p in folder.glob("*.yaml")}
    for path in sorted(folder.glob("*.yaml")):
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(other) == set(arabic), path.name
        for key, value in arabic.items():
            found = set(re.findall(r"\{(\w+)\}", str(other[key])))
            assert found == set(re.findall(r"\{(\w+)\}", str(value))), (path.name, key)


def test_a_menu_name_no_section_has_is_a_warning(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.set_config(
        """\
        title: أخبار
        base_url: https://example.org/news/
        languages:
          ar: {menu: [سياسة, رياضة]}
          en: {menu: [Politics]}
        """
    )
    site.add("a", section="سياسة")
    site.write("content/en/b.md", article(title="B", section="Politics"))
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "languages: ar menu names 'رياضة'" in err
    assert "'Politics'" not in err
    assert 'href="/news/sections/' in site.read("index.html")
