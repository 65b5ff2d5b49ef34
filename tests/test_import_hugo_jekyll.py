"""`site-builder import --from hugo|jekyll`: a site folder becomes articles with their old
URLs as redirects, their feed ids, sections, tags, bundles, images and converted shortcodes.

`expires` (Hugo's expiryDate) is asserted in the front matter only: the build's handling of
it belongs to the publishing issue."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest
from migrations import FIXTURES, feed_ids, new_site

HUGO = FIXTURES / "hugo"
JEKYLL = FIXTURES / "jekyll"
HUGO_POST = HUGO / "content" / "posts" / "first-post.md"
BRIDGE = "خبر-الافتتاح"


@pytest.fixture
def hugo(tmp_path, monkeypatch):
    return new_site(tmp_path, monkeypatch, "https://blog.example.net/")


@pytest.fixture
def jekyll(tmp_path, monkeypatch):
    return new_site(tmp_path, monkeypatch, "https://news.example.org/")


def test_hugo_site_builds_with_old_permalinks_ids_and_bundles(hugo, capsys):
    code, report = hugo.import_(capsys, str(HUGO))
    assert code == 0, report
    assert "format: hugo (a folder with hugo.toml: a Hugo site)" in report
    assert "4 article(s) (1 draft(s), 1 scheduled), 1 page(s), 2 media file(s)" in report
    hugo.build(capsys)
    # The ids are the old permalinks ([permalinks] posts = "/:year/:month/:slug/").
    assert feed_ids(hugo.page("feed.xml")) == {
        "https://blog.example.net/2024/03/first-post/",
        "https://blog.example.net/2024/03/ground-water/",
    }
    assert quote("/articles/first-post/") in hugo.page("2024/03/first-post/index.html")
    assert "/2024/03/solar-old/ /articles/first-post/ 301" in hugo.page("_redirects")
    # The bundle: its folder and its resources, its lead image from beside it.
    assert (hugo.root / "content" / "ground-water" / "index.md").is_file()
    assert (hugo.output / "articles" / "ground-water" / "cover.png").is_file()
    assert (hugo.output / "sections" / "posts" / "index.html").is_file()
    assert (hugo.output / "tags" / "بيئة" / "index.html").is_file()
    assert (hugo.output / "about" / "index.html").is_file()  # a top-level file: a page
    assert hugo.page("index.xml") == hugo.page("feed.xml")  # the old feed's URL
    assert hugo.page("tags/بيئة/index.xml") == hugo.page("tags/بيئة/feed.xml")


def test_hugo_front_matter_in_toml_json_and_yaml(hugo, capsys):
    assert hugo.import_(capsys, str(HUGO))[0] == 0
    first, _ = hugo.article("first-post")  # TOML, an unquoted date-time
    assert first["date"] == "2024-03-10T10:00:00+03:00"
    assert first["updated"] == "2024-03-12T08:00:00+03:00"
    assert first["expires"] == "2030-01-01T00:00:00+03:00"  # expiryDate
    assert first["aliases"] == ["2024/03/first-post/", "2024/03/solar-old/"]  # relative one
    assert first["tags"] == ["طاقة", "بيئة", "اقتصاد"] and first["section"] == "posts"
    assert first["summary"] == "تتوسع مشاريع الطاقة الشمسية في المنطقة."  # before <!--more-->
    draft, _ = hugo.article("c")  # JSON front matter
    assert draft["draft"] is True and draft["date"] == "2024-03-20T09:00:00+00:00"
    scheduled, _ = hugo.article("d")  # publishDate in the future: scheduled
    assert scheduled["date"] == "2099-05-01T09:00:00+03:00"
    bundle, _ = hugo.article("ground-water")
    assert bundle["image"] == "cover.png"


def test_hugo_shortcodes_become_markdown(hugo, capsys):
    code, report = hugo.import_(capsys, str(HUGO))
    _, body = hugo.article("first-post")
    assert '![ألواح شمسية](/images/panel.png "ألواح في الصحراء")' in body
    assert (hugo.root / "content" / "images" / "panel.png").is_file()  # from static/
    assert "\n\nhttps://www.youtube.com/watch?v=w7Ft2ymGmfc\n" in body
    assert "\n\nhttps://x.com/i/status/877500564405444608\n" in body  # {{< tweet ID >}}
    assert "\n\nhttps://x.com/SanDiegoZoo/status/1453110110599868418\n" in body
    assert "(https://gist.github.com/spf13/7896402)" in body
    assert "```go\nfunc main() {}\n```" in body
    assert "[المقال الثاني](/articles/ground-water/)" in body  # {{< ref >}}, then rewritten
    assert "اللون: أحمر" in body  # {{% param %}}
    assert "```text\n{{< youtube w7Ft2ymGmfc >}}\n```" in body  # the escaped form, literal
    assert "a shortcode {{< chart >}} left as text: 1" in report
    assert f"{HUGO_POST}:36" in report
    assert "a .html content file not imported" in report
    assert "section_info:\n      posts:\n        name: المقالات" in report


def test_jekyll_site_builds_with_file_name_dates_and_jekyll_feed_ids(jekyll, capsys):
    code, report = jekyll.import_(capsys, str(JEKYLL))
    assert code == 0, report
    assert "format: jekyll (a folder with _posts/: a Jekyll site)" in report
    assert "4 article(s) (2 draft(s), 0 scheduled)" in report
    jekyll.build(capsys)
    bridge_id = "https://news.example.org/blog/" + quote(
        f"الشرق الأوسط/2024/01/02/{BRIDGE}", safe="/"
    )
    assert feed_ids(jekyll.page("feed.xml")) == {
        bridge_id,
        "https://news.example.org/blog/news/2024/01/03/market",
    }
    old = f"blog/الشرق الأوسط/2024/01/02/{BRIDGE}/index.html"
    assert quote(f"/articles/{BRIDGE}/") in jekyll.page(old)
    assert (jekyll.output / "blog" / "old" / "bridge" / "index.html").is_file()  # redirect_from
    assert (jekyll.output / "sections" / "news" / "index.html").is_file()  # news/_posts/
    assert (jekyll.output / "articles" / BRIDGE / "bridge.png").is_file()  # from assets/
    assert jekyll.page("feed/news.xml") == jekyll.page("sections/news/feed.xml")


def test_jekyll_front_matter_and_liquid(jekyll, capsys):
    code, report = jekyll.import_(capsys, str(JEKYLL))
    bridge, body = jekyll.article(BRIDGE)
    assert bridge["date"] == "2024-01-02T10:00:00+03:00"  # '+0300', which YAML leaves as text
    assert bridge["tags"] == ["نقل", "مدن"]  # 'tags: نقل مدن' is two tags
    assert bridge["section"] == "الشرق الأوسط"  # 'category:' is one name, never split
    assert bridge["summary"] == "الجسر يربط ضفتي النهر"
    assert bridge["image"] == "/assets/img/bridge.png"
    assert (jekyll.root / "content" / "assets" / "img" / "bridge.png").is_file()
    market, _ = jekyll.article("market")  # a .markdown file, dated by its name
    assert market["date"] == "2024-01-03" and market["tags"] == ["اقتصاد", "الأسهم المحلية"]
    assert jekyll.article("hidden")[0]["draft"] is True  # published: false
    assert jekyll.article("next-story")[0]["draft"] is True  # _drafts/
    assert "](/assets/img/bridge.png)" in body  # {{ site.baseurl }} resolved
    assert "\n\nhttps://www.youtube.com/watch?v=Xy7_abc-123\n" in body  # {% include youtube %}
    assert '![الجسر ليلا](/assets/img/bridge.png "الجسر في الليل")' in body
    assert "[الخبر التالي](/articles/market/)" in body  # {% post_url %}
    assert '```ruby\nputs "hi"\n```' in body
    assert "النص {{ هذا }} كما هو" in body  # {% raw %} unwrapped
    assert "{:" not in body and "TOC" not in body
    assert "Liquid that has no Markdown form, left as code: 2" in report


def test_a_file_that_is_not_utf8_is_an_error_and_nothing_is_written(jekyll, capsys, tmp_path):
    source = tmp_path / "jekyll"
    shutil.copytree(JEKYLL, source)
    bad = source / "_posts" / "2024-01-05-cp1256.md"
    bad.write_bytes("---\ntitle: خبر\n---\n".encode("cp1256"))
    before = jekyll.snapshot()
    code, report = jekyll.import_(capsys, str(source))
    assert code == 1
    assert f"{bad}:2: error: the file is not UTF-8 text" in report
    assert jekyll.snapshot() == before


def test_a_media_path_leaving_the_site_is_not_copied(jekyll, capsys, tmp_path):
    source = tmp_path / "jekyll"
    shutil.copytree(JEKYLL, source)
    (tmp_path / "secret.png").write_bytes(b"not for the site")
    post = source / "news" / "_posts" / "2024-01-03-market.markdown"
    post.write_text(
        post.read_text(encoding="utf-8") + "\n![x](/assets/../../secret.png)\n", encoding="utf-8"
    )
    code, report = jekyll.import_(capsys, str(source))
    assert code == 0, report
    assert "a media path that leaves its folder ('..'), not copied" in report
    assert not any(p.name == "secret.png" for p in jekyll.root.rglob("*"))


def test_a_source_of_no_known_format_is_a_usage_error(jekyll, capsys, tmp_path):
    code, report = jekyll.import_(capsys, str(tmp_path))
    assert code == 2
    assert "cannot tell what to import from" in report and "--from" in report
