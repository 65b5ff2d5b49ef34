"""Markdown as newsrooms write it (Jekyll, Hugo, kramdown, CommonMark habits) reads as
its authors meant, on the built page: lists nest at 2 spaces, headings and footnotes
have ids their links reach, a table of contents lists the headings."""

from __future__ import annotations

from collections import Counter

import lxml.html
import pytest
from conftest import SiteFolder

from site_builder.content.bodies import BodyRenderer
from site_builder.content.markdown.anchors import heading_slug
from site_builder.content.markdown.lists import normalize_lists

SAFE = BodyRenderer(unsafe_html=False)


def built_page(site: SiteFolder, body: str, **keys: object) -> lxml.html.HtmlElement:
    site.add("one", body=body, **keys)
    assert site.build() == 0
    return lxml.html.fromstring(site.read("articles/one/index.html"))


def in_page_links_resolve(tree: lxml.html.HtmlElement) -> list[str]:
    """Every '#…' link of the page, each checked to name exactly one element's id."""
    ids = Counter(tree.xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == [], "duplicate ids"
    links = [h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")]
    assert [link for link in links if link not in ids] == []
    return links


def test_footnote_links_and_their_way_back_resolve_inside_the_page(site: SiteFolder) -> None:
    tree = built_page(
        site,
        "نص[^1] ونص آخر[^ملاحظة] ونص ثالث[^1].\n\n[^1]: الأولى.\n[^ملاحظة]: الثانية.\n",
    )
    links = in_page_links_resolve(tree)
    assert {"fn-1", "fn-ملاحظة", "fnref-1", "fnref2-1", "fnref-ملاحظة"} <= set(links)
    back = tree.xpath("//div[@class='footnote']//a[@class='footnote-backref']/@title")
    assert back and all("العودة إلى موضع الحاشية" in title for title in back)


def test_heading_ids_keep_arabic_letters_and_are_unique_and_stable(site: SiteFolder) -> None:
    body = (
        "## مُقَدِّمَة الـ«خبر»؟\n\nنص.\n\n## مقدمة الخبر\n\nنص.\n\n"
        "## Main\n\n[إلى الثانية](#h-مقدمة-الخبر_1)\n"
    )
    tree = built_page(site, body)
    ids = tree.xpath("//div[@class='body']//h2/@id")
    assert ids == ["h-مقدمة-الخبر", "h-مقدمة-الخبر_1", "h-main"]
    in_page_links_resolve(tree)
    first = site.read("articles/one/index.html")
    assert site.build("--clean") == 0
    assert site.read("articles/one/index.html") == first


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("مُقَدِّمَة الخبر", "h-مقدمة-الخبر"),
        ("الاقتصـــاد المصري", "h-الاقتصاد-المصري"),  # tatweel
        ("أرقام ١٢٣", "h-أرقام-١٢٣"),
        ("؟!", "h-section"),  # nothing left: never an empty id
        ("Gold & Oil", "h-gold-oil"),
    ],
)
def test_a_heading_slug_keeps_letters_and_digits(heading: str, slug: str) -> None:
    assert heading_slug(heading, "-") == slug


def test_ids_an_author_sets_cannot_clobber_the_pages_own(site: SiteFolder) -> None:
    body = (
        '## عنوان {#main}\n\n[أعلى](#main)\n\n<p id="search-q">نص</p>\n\n'
        '<a href="#keywords-title">وسوم</a>\n'
    )
    tree = built_page(site, body, tags=["مصر"])
    assert tree.xpath("//main/@id") == ["main"]
    assert tree.xpath("//div[@class='body']//h2/@id") == ["u-main"]
    assert tree.xpath("//div[@class='body']//p[@id='u-search-q']")
    links = tree.xpath("//div[@class='body']//a/@href")
    assert links == ["#u-main", "#u-keywords-title"]  # an author's link follows their ids
    assert len(tree.xpath("//*[@id='main'] | //*[@id='keywords-title']")) == 2


def test_two_space_nested_lists_nest(site: SiteFolder) -> None:
    tree = built_page(site, "- أ\n  - ب\n    - ج\n  - د\n- هـ\n")
    outer = tree.xpath("//div[@class='body']/ul")
    assert len(outer) == 1
    assert [" ".join(li.xpath("text()")).strip() for li in outer[0].xpath("./li")] == ["أ", "هـ"]
    assert tree.xpath("//div[@class='body']/ul/li/ul/li/ul/li/text()") == ["ج"]


@pytest.mark.parametrize(
    ("source", "nested", "lists"),
    [
        ("1. الأول\n\n   فقرة تابعة.\n\n2. الثاني\n", "//ol/li/p[2]", 1),  # 3-space continuation
        ("فقرة قبل القائمة:\n- أ\n- ب\n", "//ul/li", 1),  # a list right after a paragraph
        ("- أ\n    - ب\n        - ج\n", "//ul/li/ul/li/ul/li", 1),  # 4 spaces still nest
        ("1. خطوة\n   - فرعي\n2. خطوة ثانية\n", "//ol/li/ul/li", 1),
        ("> - أ\n>   - ب\n", "//blockquote/ul/li/ul/li", 1),
        ("1) أ\n2) ب\n", "//ol/li", 1),
        ("- عنصر\n\n  ```python\n  x = 1\n  ```\n\n- عنصر ثان\n", "//ul/li/div[@class]", 1),
    ],
    ids=["continuation", "after-paragraph", "four-spaces", "ol-ul", "quote", "paren", "fence"],
)
def test_lists_read_as_commonmark_writes_them(source: str, nested: str, lists: int) -> None:
    tree = lxml.html.fromstring("<div>" + SAFE.render(source).html + "</div>")
    assert tree.xpath(nested), SAFE.render(source).html
    assert len(tree.xpath("./ul | ./ol | ./blockquote")) == lists


def test_text_that_only_looks_like_a_list_stays_text() -> None:
    assert normalize_lists(["في عام", "2024. كان"]) == ["في عام", "2024. كان"]
    assert "<ol" not in SAFE.render("في عام\n2024. كان\n").html
    assert "<pre><span></span><code>- ليس قائمة" in SAFE.render("```\n- ليس قائمة\n```\n").html


def test_a_table_of_contents_lists_the_headings_and_links_to_them(site: SiteFolder) -> None:
    body = "## أولاً\n\nنص.\n\n### تفصيل\n\nنص.\n\n## ثانياً\n{: .no_toc}\n\nنص.\n\n## ثالثاً\n"
    tree = built_page(site, body, toc=True)
    toc = tree.xpath("//nav[@class='toc']")[0]
    assert toc.xpath("h2/text()") == ["المحتويات"]
    assert toc.xpath(".//a/text()") == ["أولاً", "تفصيل", "ثالثاً"]  # .no_toc is left out
    assert toc.xpath("ol/li/ol/li/a/text()") == ["تفصيل"]
    in_page_links_resolve(tree)
    assert not tree.xpath("//*[contains(@class, 'no_toc')]")


def test_the_config_gives_every_article_a_table_of_contents_unless_one_says_no(
    site: SiteFolder,
) -> None:
    site.set_config("title: م\nbase_url: https://example.org/\ntoc: true\n")
    body = "## أولاً\n\nنص.\n\n## ثانياً\n\nنص.\n"
    site.add("one", body=body)
    site.add("two", body=body, toc=False)
    site.add("three", body="## واحد فقط\n\nنص.\n")
    assert site.build() == 0
    assert '<nav class="toc"' in site.read("articles/one/index.html")
    assert '<nav class="toc"' not in site.read("articles/two/index.html")
    assert '<nav class="toc"' not in site.read("articles/three/index.html")  # one heading


def test_kramdown_block_attributes_are_read() -> None:
    html = SAFE.render("## عنوان\n{: #intro}\n\nفقرة\n{: #lead}\n\n* TOC\n{:toc}\n").html
    assert '<h2 id="u-intro">' in html and '<p id="u-lead">' in html
    assert '<div class="toc">' in html and "{:" not in html
    assert SAFE.render('{::options parse_block_html="true" /}\n\nنص\n').html == "<p>نص</p>"
    assert "تعليق" not in SAFE.render("{::comment}\nتعليق\n{:/comment}\n\nنص\n").html


def test_code_is_highlighted_with_its_language_kept_and_reads_left_to_right(
    site: SiteFolder,
) -> None:
    tree = built_page(site, "```python\nx = 1  # تعليق\n```\n")
    block = tree.xpath("//div[contains(@class, 'highlight')]")[0]
    assert "language-python" in block.get("class")
    assert block.xpath(".//pre/code/span[@class='n']/text()") == ["x"]
    assert tree.xpath("//link[@rel='stylesheet']/@href")[-1].endswith("static/highlight.css")
    assert (site.output / "static" / "highlight.css").is_file()


def test_the_themes_highlight_colours_are_pygments_own() -> None:
    from site_builder.config import default_theme_dir
    from site_builder.content.markdown.highlight import stylesheet

    theme_css = default_theme_dir() / "static" / "highlight.css"
    assert theme_css.read_text(encoding="utf-8") == stylesheet()
    assert "@media (prefers-color-scheme: dark)" in stylesheet()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("| أ | ب |\n|:--|--:|\n| 1 | 2 |\n", 'style="text-align: left;"'),
        ("| أ | [ب](https://x.org) |\n|:--|--:|\n| 1 | 2 |\n", 'style="text-align:right"'),
        ("مصطلح\n:   تعريفه\n", "<dl>\n<dt>مصطلح</dt>\n<dd>تعريفه</dd>\n</dl>"),
        ("تقرير WHO\n\n*[WHO]: منظمة الصحة العالمية\n", '<abbr title="منظمة الصحة العالمية">'),
        ("[رابط](https://x.org){: hreflang=en }", 'hreflang="en"'),
    ],
    ids=[
        "table-alignment",
        "table-alignment-cleaned",
        "definition-list",
        "abbreviation",
        "attr-list",
    ],
)
def test_tables_definitions_abbreviations_and_attributes(source: str, expected: str) -> None:
    assert expected in SAFE.render(source).html


def test_markdown_files_of_either_suffix_are_articles(site: SiteFolder) -> None:
    site.write("content/a.markdown", "---\ntitle: أ\ndate: 2023-08-21\n---\n\nنص.\n")
    site.add("b", title="ب")
    assert site.build() == 0
    assert (site.output / "articles/a/index.html").is_file()
    assert (site.output / "articles/b/index.html").is_file()


def test_an_article_in_a_folder_of_its_own_takes_the_folders_name(site: SiteFolder) -> None:
    site.write("content/2023/wafd/index.md", "---\ntitle: أ\ndate: 2023-08-21\n---\n\nنص.\n")
    assert site.build() == 0
    assert (site.output / "articles/wafd/index.html").is_file()
