"""`site-builder import --from wordpress`: a WXR export becomes a site whose articles keep
their old URLs (as redirects) and their feed ids, sections, tags and embeds."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from migrations import FIXTURES, feed_ids, new_site
from PIL import Image

EXPORT = FIXTURES / "wordpress" / "export.xml"
OPENING = "افتتاح-المعرض"
MARKETS = "الأسواق"


@pytest.fixture
def wp(tmp_path, monkeypatch):
    return new_site(tmp_path, monkeypatch, "https://old.example.com/")


def test_export_builds_with_old_ids_urls_sections_and_tags(wp, capsys):
    code, report = wp.import_(capsys, str(EXPORT))
    assert code == 0, report
    assert (
        "format: wordpress (an XML file whose <rss> has the WordPress export namespace)" in report
    )
    assert "5 article(s) (2 draft(s), 1 scheduled), 1 page(s)" in report
    wp.build(capsys)
    # Published articles only: the draft, the private post and the scheduled one are held back.
    assert feed_ids(wp.page("feed.xml")) == {
        "http://old-host.example.net/?p=42",
        "https://old.example.com/?p=43",
    }
    assert feed_ids(wp.page("atom.xml")) == feed_ids(wp.page("feed.xml"))
    opening = wp.page(f"articles/{OPENING}/index.html")
    assert "افتتاح المعرض الدولي للكتاب" in opening
    assert "سارة أحمد" in opening  # the display name, not the login
    assert "Ab3_def-12" in opening  # the embed (its URL alone on a line in the Markdown)
    assert "hall.png" in opening  # the image with its caption
    # The old permalink (percent-encoded in the export) redirects to the new URL.
    redirect = wp.page(f"2024/01/02/{OPENING}/index.html")
    assert quote(f"/articles/{OPENING}/") in redirect
    assert f"/2024/01/02/{quote(OPENING)}/ /articles/{quote(OPENING)}/ 301" in wp.page("_redirects")
    assert (wp.output / "sections" / "سياسة" / "index.html").is_file()
    assert (wp.output / "sections" / "اقتصاد" / "index.html").is_file()
    # The first category is the section; the others and the tags are tags.
    assert (wp.output / "tags" / "تقنية" / "index.html").is_file()
    assert (wp.output / "tags" / "سياسة" / "index.html").is_file()
    assert (wp.output / "about" / "index.html").is_file()


def test_front_matter_of_each_kind_of_post(wp, capsys):
    assert wp.import_(capsys, str(EXPORT))[0] == 0
    meta, body = wp.article(OPENING)
    assert meta["date"] == "2024-01-02T10:00:00+03:00"  # post_date_gmt, at the site's offset
    assert meta["updated"] == "2024-01-03T09:15:00+03:00"
    assert meta["pinned"] is True
    assert meta["section"] == "سياسة" and meta["tags"] == ["تقنية"]
    assert meta["summary"] == "معرض الكتاب يفتح أبوابه"
    assert meta["image"] == "https://old.example.com/wp-content/uploads/2024/01/hall.png"
    assert meta["image_alt"] == "قاعة المعرض من الداخل"
    assert meta["id"] == "http://old-host.example.net/?p=42"
    assert "<!--" not in body
    assert "تابعونا على مدار الساعة." in body  # the reusable block it refers to
    # A caption is an image title; an embed block is its URL alone on a line.
    hall = "https://old.example.com/wp-content/uploads/2024/01/hall.png"
    assert f'![قاعة المعرض]({hall} "القاعة الرئيسية للمعرض")' in body
    assert "\n\nhttps://www.youtube.com/watch?v=Ab3_def-12\n" in body
    draft, _ = wp.article("مسودة-عن-الانتخابات")  # no post_name: the slug is the title's
    assert draft["draft"] is True and draft["date"] == "2024-02-01T08:00:00+03:00"
    scheduled, _ = wp.article("summit")  # its link is ?p=51: no alias, and a word about it
    assert scheduled["date"] == "2099-03-01T10:00:00+03:00" and "draft" not in scheduled
    private, _ = wp.article("internal")
    assert private["draft"] is True


def test_classic_post_shortcodes_and_links(wp, capsys):
    code, report = wp.import_(capsys, str(EXPORT))
    assert code == 0
    meta, body = wp.article(MARKETS)
    assert meta["title"] == "الأسواق تترقب قرار الفائدة & التضخم"
    assert meta["summary"].startswith("تترقب الأسواق")  # the text before <!--more-->
    assert '"قاعة التداول في البورصة")' in body  # [caption] with the caption inside
    assert '"مؤشر الأسهم اليوم")' in body  # [caption caption="…"]
    assert body.count("chart.png") == 2  # the caption's image and the gallery's
    assert "\n\nhttps://www.youtube.com/watch?v=Zx9_kLm-34\n" in body  # [youtube=…&w=640]
    assert "\n\nhttps://vimeo.com/123456789\n" in body  # a bare URL on its own line
    # The link to the other post (its old URL, upper-case escapes) now points at its new URL.
    assert f"[افتتاح المعرض](/articles/{quote(OPENING)}/)" in body
    assert "an unknown shortcode [audio] left as text: 1 (at " in report
    assert f"{EXPORT}:104" in report
    assert "a 'nav_menu_item' item skipped" in report
    assert "an old URL with a query (?p=12) that a static site cannot redirect: 1" in report


def test_old_feeds_are_served_a_copy_of_the_new_ones(wp, capsys):
    code, report = wp.import_(capsys, str(EXPORT))
    assert code == 0
    assert "'old_feeds' added" in report
    config = wp.config.read_text(encoding="utf-8")
    assert "feed/: feed.xml" in config
    assert "category/سياسة/feed/: sections/سياسة/feed.xml" in config
    wp.build(capsys)
    assert (wp.output / "feed" / "index.html").read_bytes() == (wp.output / "feed.xml").read_bytes()
    section_feed = wp.output / "sections" / "سياسة" / "feed.xml"
    copy = wp.output / "category" / "سياسة" / "feed" / "index.html"
    assert copy.read_bytes() == section_feed.read_bytes()


def test_section_info_lines_are_printed_and_shown_on_the_section_page(wp, capsys):
    code, report = wp.import_(capsys, str(EXPORT))
    assert "section_info:" in report and "أخبار السياسة المحلية والدولية" in report
    assert "section_info" not in wp.config.read_text(encoding="utf-8")
    wp.add_config(
        "section_info:\n  سياسة: {name: السياسة, description: أخبار السياسة المحلية والدولية}\n"
    )
    wp.build(capsys)
    page = wp.page("sections/سياسة/index.html")
    assert "<h1>السياسة</h1>" in page
    assert '<p class="description">أخبار السياسة المحلية والدولية</p>' in page
    assert 'content="أخبار السياسة المحلية والدولية"' in page


def test_importing_again_duplicates_nothing_and_update_overwrites(wp, capsys):
    assert wp.import_(capsys, str(EXPORT))[0] == 0
    path = next(p for p in (wp.root / "content").glob("*.md") if p.stem == OPENING)
    edited = path.read_text(encoding="utf-8").replace("أبوابه صباح اليوم", "أبوابه (حرره محرر)")
    path.write_text(edited, encoding="utf-8")
    files = sorted(p.name for p in (wp.root / "content").rglob("*"))
    code, report = wp.import_(capsys, str(EXPORT))
    assert code == 0
    assert "imported before (same id), left as they are: 6" in report
    assert sorted(p.name for p in (wp.root / "content").rglob("*")) == files
    assert path.read_text(encoding="utf-8") == edited
    code, report = wp.import_(capsys, str(EXPORT), "--update")
    assert "overwritten from the source (--update): 6" in report
    assert "حرره محرر" not in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in (wp.root / "content").rglob("*")) == files


def test_dry_run_writes_nothing(wp, capsys):
    before = wp.snapshot()
    code, report = wp.import_(capsys, str(EXPORT), "--dry-run")
    assert code == 0
    assert "would write: 5 article(s)" in report and "--dry-run: nothing was written" in report
    assert "config.yaml: 'old_feeds' would be added (4 old feeds)" in report
    assert wp.snapshot() == before


def test_an_error_in_any_source_writes_nothing(wp, capsys, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><nochannel/></rss>', encoding="utf-8"
    )
    before = wp.snapshot()
    code, report = wp.import_(capsys, "--from", "wordpress", str(EXPORT), str(broken))
    assert code == 1
    assert f"{broken}:1: error: the export has no <channel>" in report
    assert "nothing was written" in report
    assert wp.snapshot() == before


@pytest.mark.parametrize(
    "namespace", ["https://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/"]
)
def test_other_export_versions_and_values_without_cdata(wp, capsys, tmp_path, namespace):
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace("http://wordpress.org/export/1.2/", namespace)
    text = text.replace("<![CDATA[", "").replace("]]>", "").replace(" & ", " &amp; ")
    variant = tmp_path / "variant.xml"
    variant.write_text(text, encoding="utf-8")
    code, report = wp.import_(capsys, str(variant))
    assert code == 0, report
    assert wp.article(OPENING)[0]["id"] == "http://old-host.example.net/?p=42"
    assert wp.article(MARKETS)[0]["section"] == "اقتصاد"


def test_media_folder_copies_the_uploads(wp, capsys, tmp_path):
    uploads = tmp_path / "uploads" / "2024" / "01"
    uploads.mkdir(parents=True)
    Image.new("RGB", (64, 48), (0, 90, 160)).save(uploads / "hall.png")
    code, report = wp.import_(capsys, str(EXPORT), "--media", str(tmp_path / "uploads"))
    assert code == 0, report
    assert "an upload not in the --media folder, kept as its URL" in report  # chart.png
    meta, body = wp.article(OPENING)
    assert meta["image"] == "/wp-content/uploads/2024/01/hall.png"
    assert "](/wp-content/uploads/2024/01/hall.png" in body
    copied = wp.root / "content" / "wp-content" / "uploads" / "2024" / "01" / "hall.png"
    assert copied.read_bytes() == (uploads / "hall.png").read_bytes()
    wp.build(capsys)
    assert (wp.output / "articles" / OPENING / "hall.png").is_file()


def test_a_broken_export_is_read_as_far_as_it_goes_with_a_warning(wp, capsys, tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    cut = text.index("<item>", text.index("<wp:post_id>43</wp:post_id>"))
    broken = tmp_path / "broken.xml"
    broken.write_text(text[:cut] + "<item><title>نص مقطوع", encoding="utf-8")
    code, report = wp.import_(capsys, "--from", "wordpress", str(broken))
    assert code == 0, report
    assert "the export is broken XML" in report
    assert wp.article(OPENING)[0]["id"] == "http://old-host.example.net/?p=42"


def test_into_another_folder_and_what_bodies_cannot_keep(wp, capsys, tmp_path):
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<p>افتتح",
        '<script>alert("x")</script><iframe src="https://ads.example.net/x"></iframe><p>افتتح',
    )
    export = tmp_path / "scripted.xml"
    export.write_text(text, encoding="utf-8")
    code, report = wp.import_(capsys, str(export), "--into", str(wp.root / "content" / "old"))
    assert code == 0, report
    assert (wp.root / "content" / "old" / f"{OPENING}.md").is_file()
    assert "a <script> dropped: 1" in report
    assert "an <iframe> of an unknown host kept as HTML: 1" in report
    _, body = wp.article(OPENING)
    assert "<script" not in body and "alert" not in body
    wp.build(capsys)
    page = wp.page(f"articles/{OPENING}/index.html")
    assert "ads.example.net" not in page  # the builder's sanitizer, not the import, decides
