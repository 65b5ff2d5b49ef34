"""`site-builder import --from feed`: an RSS or Atom feed becomes articles whose feed ids are
the entries' own, so subscribers see no story twice; and how the format is told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXED_NOW, REPO
from migrations import FIXTURES, feed_ids, new_site

from site_builder.cli import main
from site_builder.importers.detect import detect
from site_builder.problems import Problem

RSS = FIXTURES / "feed" / "rss.xml"
ATOM = FIXTURES / "feed" / "atom.xml"


def test_rss_entries_keep_their_ids_dates_and_old_urls(tmp_path, monkeypatch, capsys):
    site = new_site(tmp_path, monkeypatch, "https://radio.example.com/")
    code, report = site.import_(capsys, str(RSS))
    assert code == 0, report
    assert "format: feed (an XML file whose root is <rss>: a feed)" in report
    weather, body = site.article("طقس")  # the slug is the old URL's last segment, decoded
    assert weather["id"] == "https://radio.example.com/?p=7"
    assert weather["title"] == "خبر & عاجل عن الطقس"
    assert weather["date"] == "2024-02-01T10:00:00+03:00"  # its own offset, not UTC
    assert "updated" not in weather  # feedparser would answer 'updated' with the pubDate
    assert weather["author"] == "ليلى" and weather["tags"] == ["طقس"]
    assert weather["summary"] == "موجة برد قادمة"
    assert weather["image"] == "https://radio.example.com/wp-content/uploads/cloud.jpg"
    assert weather["aliases"] == ["2024/02/01/طقس/"]
    assert "\n\nhttps://www.youtube.com/watch?v=Qq1_weather\n" in body  # the iframe kept
    # A relative image resolves against the feed's own URL; the link to the other entry
    # points at that article's new URL.
    assert "(https://radio.example.com/feed/img/cloud.jpg)" in body
    assert "[موجة برد](/articles/%D8%B4%D8%AA%D8%A7%D8%A1/)" in body
    bulletin, _ = site.article("بلاغ-بلا-رابط")  # a guid that is no URL: no alias
    assert bulletin["id"] == "bulletin-2024-003" and "aliases" not in bulletin
    assert "feed/: feed.xml" in site.config.read_text(encoding="utf-8")
    site.build(capsys)
    assert feed_ids(site.page("feed.xml")) == {
        "https://radio.example.com/?p=7",
        "https://radio.example.com/?p=5",
        "bulletin-2024-003",
    }
    assert (site.output / "2024" / "02" / "01" / "طقس" / "index.html").is_file()


def test_atom_entries_html_titles_authors_and_updates(tmp_path, monkeypatch, capsys):
    site = new_site(tmp_path, monkeypatch, "https://journal.example.org/blog/")
    code, report = site.import_(capsys, str(ATOM))
    assert code == 0, report
    entry, body = site.article("bold")
    assert entry["title"] == "عنوان غامق"
    assert entry["id"] == "tag:journal.example.org,2024-02-01:bold"
    assert entry["date"] == "2024-02-01T10:00:00+02:00"
    assert entry["updated"] == "2024-02-05T09:00:00+02:00"
    assert entry["author"] == "علي"  # the name, without the e-mail address
    assert "(https://journal.example.org/blog/pic.png)" in body  # xml:base resolved
    assert entry["aliases"] == ["2024/02/bold/"]  # under base_url's path
    site.build(capsys)
    assert feed_ids(site.page("atom.xml")) == {"tag:journal.example.org,2024-02-01:bold"}


def test_a_site_built_from_the_example_feed_has_the_example_feed_ids(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_NOW)
    example = tmp_path / "example"
    config = ["build", "--config", str(REPO / "config.yaml"), "--no-search", "--jobs", "1"]
    assert main([*config, "--output", str(example)]) == 0
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(REPO / "config.yaml", moved / "config.yaml")
    code = main(["import", str(example / "feed.xml"), "--config", str(moved / "config.yaml")])
    assert code == 0, capsys.readouterr()
    assert main(["build", "--config", str(moved / "config.yaml"), "--no-search"]) == 0
    for name in ("feed.xml", "atom.xml"):
        old = (example / name).read_text(encoding="utf-8")
        new = (moved / "output" / name).read_text(encoding="utf-8")
        assert feed_ids(new) == feed_ids(old) and len(feed_ids(old)) >= 5
    # The same slugs: every article is at its old URL, so no alias was needed.
    assert sorted(p.name for p in (example / "articles").iterdir()) == sorted(
        p.name for p in (moved / "output" / "articles").iterdir()
    )


def _wxr(path: Path) -> Path:
    path.write_text(
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("make", "form"),
    [
        (lambda d: d / "a.txt", "text"),
        (lambda d: _wxr(d / "export.xml"), "wordpress"),
        (lambda d: RSS, "feed"),
        (lambda d: ATOM, "feed"),
        (lambda d: FIXTURES / "jekyll", "jekyll"),
        (lambda d: FIXTURES / "hugo", "hugo"),
    ],
)
def test_the_format_is_told_from_the_source(tmp_path, make, form):
    told = detect(None, [str(make(tmp_path))])
    assert isinstance(told, tuple) and told[0] == form


def test_an_unknown_source_says_what_to_pass(tmp_path):
    (tmp_path / "notes.xml").write_text("<notes/>", encoding="utf-8")
    told = detect(None, [str(tmp_path / "notes.xml")])
    assert isinstance(told, Problem)
    assert "neither <rss> nor <feed>" in told.message and "--from" in told.fix
    assert isinstance(detect(None, [str(tmp_path)]), Problem)


def test_a_feed_is_read_from_its_url(tmp_path, monkeypatch, capsys):
    import http.server
    import threading
    from functools import partial

    folder = tmp_path / "served" / "feed"
    folder.mkdir(parents=True)
    shutil.copy(RSS, folder / "index.html")  # as old_feeds copies are served: text/html
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "served"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.delenv("http_proxy", raising=False)
        monkeypatch.delenv("HTTP_PROXY", raising=False)
        site = new_site(tmp_path, monkeypatch, "https://radio.example.com/")
        url = f"http://127.0.0.1:{server.server_address[1]}/feed/"
        code, report = site.import_(capsys, url)
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0, report
    assert "format: feed (a URL: read as an RSS or Atom feed)" in report
    assert site.article("طقس")[0]["id"] == "https://radio.example.com/?p=7"
    assert "the feed is not well-formed" not in report  # text/html is no fault of the feed
