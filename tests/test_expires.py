"""`expires:` takes an article down everywhere once its time has passed, and `build`
says when the next scheduled or expiring article falls due."""

from __future__ import annotations

import shutil

import pytest
from conftest import SiteFolder

# SOURCE_DATE_EPOCH 1700000000 is 2023-11-14T22:13:20Z.
BEFORE, AFTER = "1700000000", "1700100000"  # the second is past 2023-11-15T12:00Z
EXPIRES = "2023-11-15T14:00:00+02:00"


def notice_site(site: SiteFolder) -> None:
    site.add(
        "notice",
        title="إغلاق مؤقت للطريق",
        date="2023-11-14T08:00:00+02:00",
        tags=["القاهرة"],
        expires=EXPIRES,
    )
    site.add("other", title="خبر آخر", date="2023-11-13", tags=["القاهرة"])


def everywhere(site: SiteFolder) -> dict[str, str]:
    return {
        path: site.read(path)
        for path in (
            "index.html",
            "tags/القاهرة/index.html",
            "feed.xml",
            "atom.xml",
            "feed.json",
            "sitemap.xml",
            "news-sitemap.xml",
            "articles/other/index.html",
            "archive/2023/11/index.html",
        )
    }


def test_an_expired_article_is_gone_from_every_list_feed_and_sitemap(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    notice_site(site)
    assert site.build() == 0
    assert (site.output / "articles/notice/index.html").exists()
    shown = everywhere(site)
    assert [p for p, text in shown.items() if "articles/notice" not in text] == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    assert site.build() == 0  # an incremental build: the files did not change, the time did
    assert not (site.output / "articles/notice").exists()
    for path, text in everywhere(site).items():
        assert "إغلاق مؤقت للطريق" not in text and "articles/notice" not in text, path
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".*"))
    assert fresh.build() == 0
    assert fresh.snapshot() == site.snapshot()


def test_expired_articles_stay_down_even_with_future_and_drafts(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice_site(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    assert site.build("--future", "--drafts") == 0
    assert not (site.output / "articles/notice").exists()


def test_a_related_link_to_an_expired_article_is_skipped(
    site: SiteFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice_site(site)
    site.add("third", title="ثالث", date="2023-11-12", related=["notice"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    assert site.build() == 0
    assert "articles/notice" not in site.read("articles/third/index.html")


def test_expires_before_the_date_is_an_error(site: SiteFolder, capsys) -> None:
    site.add("bad", date="2023-08-21", expires="2023-08-20")
    assert site.build() == 1
    assert "content/bad.md:4: error: 'expires' is not after 'date'" in capsys.readouterr().err


def test_build_says_when_the_next_article_falls_due(site: SiteFolder, capsys) -> None:
    notice_site(site)
    site.add("later", title="لاحقاً", date="2023-11-16T09:00:00+02:00")
    site.add("draft", title="مسودة", date="2023-11-15T00:00:00+02:00", draft=True)
    assert site.build() == 0
    out = capsys.readouterr().out
    assert "next due: 2023-11-15T12:00:00Z, when content/notice.md expires" in out
    (site.root / "content/notice.md").unlink()
    assert site.build() == 0
    out = capsys.readouterr().out
    assert "next due: 2023-11-16T07:00:00Z, when content/later.md is published" in out
    (site.root / "content/later.md").unlink()
    assert site.build() == 0
    assert "next due" not in capsys.readouterr().out
