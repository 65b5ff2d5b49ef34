"""An incremental build gives the same bytes as a full one, and redoes only what changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SiteFolder


def make_site(site: SiteFolder, count: int = 12) -> None:
    site.set_config(
        "title: موقع\nbase_url: https://example.org/news/\nper_page: 3\n"
        "timezone: Africa/Cairo\nhijri: true\n"
    )
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص.\n")
    for i in range(count):
        tags = ["روسيا", "أوكرانيا"] if i % 2 else ["مصر", "الاقتصاد"]
        site.add(
            f"a{i:02d}",
            title=f"خبر رقم {i}",
            date=f"2023-{8 + i // 28:02d}-{i % 28 + 1:02d}",
            tags=tags,
            section="سياسة" if i % 3 else "اقتصاد",
            author="منى حسن" if i % 4 else "خالد",
            body=f"فقرة أولى للخبر {i}.\n\n## أولاً\n\nفقرة ثانية.\n\n## ثانياً\n\nفقرة ثالثة.",
        )


def full_build(site: SiteFolder, tmp_path: Path) -> dict[str, bytes]:
    """The output of a build from scratch of the same sources, for comparison."""
    fresh = SiteFolder(tmp_path / "fresh")
    if fresh.root.exists():
        shutil.rmtree(fresh.root)
    shutil.copytree(
        site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache", ".output-*")
    )
    assert fresh.build("--clean") == 0
    return fresh.snapshot()


def edit(site: SiteFolder, name: str, old: str, new: str) -> None:
    path = site.root / "content" / f"{name}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def built(site: SiteFolder) -> SiteFolder:
    make_site(site)
    assert site.build() == 0
    return site


def test_a_build_with_nothing_changed_touches_nothing(built: SiteFolder, capsys) -> None:
    stamps = {p: p.stat().st_mtime_ns for p in built.output.rglob("*") if p.is_file()}
    inode = built.output.stat().st_ino
    capsys.readouterr()
    assert built.build() == 0
    assert "nothing changed" in capsys.readouterr().out
    assert built.output.stat().st_ino == inode
    assert {p: p.stat().st_mtime_ns for p in built.output.rglob("*") if p.is_file()} == stamps


@pytest.mark.parametrize(
    "change",
    [
        lambda s: edit(s, "a05", "فقرة ثانية.", "فقرة ثانية معدلة."),  # a body
        lambda s: edit(s, "a05", "خبر رقم 5", "عنوان جديد"),  # a title shown in lists
        lambda s: edit(s, "a04", '["مصر", "الاقتصاد"]', '["مصر", "السياحة"]'),  # tags
        lambda s: edit(s, "a04", '"سياسة"', '"رياضة"'),  # a section
        lambda s: (s.root / "content" / "a07.md").unlink(),  # a deletion
        lambda s: (s.root / "content" / "a07.md").rename(s.root / "content" / "moved.md"),
        lambda s: s.add("new", title="خبر جديد", date="2023-08-30", tags=["جديد"]),
        lambda s: edit(s, "a03", "date: 2023-08-04", "date: 2023-07-04"),  # another month
        lambda s: s.write("pages/about.md", "---\ntitle: عنا\n---\nنص آخر.\n"),
        lambda s: s.set_config(
            "title: موقع آخر\nbase_url: https://example.org/news/\n"
            "per_page: 3\ntimezone: Africa/Cairo\n"
        ),
    ],
    ids=["body", "title", "tags", "section", "delete", "rename", "add", "month", "page", "config"],
)
def test_an_incremental_build_equals_a_full_build(
    built: SiteFolder, tmp_path: Path, change
) -> None:
    change(built)
    assert built.build() == 0
    assert built.snapshot() == full_build(built, tmp_path)


def test_a_theme_change_rebuilds_every_page(built: SiteFolder, tmp_path: Path) -> None:
    theme = built.root / "theme"
    from site_builder.config import default_theme_dir

    shutil.copytree(default_theme_dir(), theme)
    built.set_config(
        "title: موقع\nbase_url: https://example.org/news/\nper_page: 3\n"
        "timezone: Africa/Cairo\nhijri: true\ntheme: theme\n"
    )
    assert built.build() == 0
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            '<p class="copyright">', '<p class="copyright">جميع الحقوق '
        ),
        encoding="utf-8",
    )
    assert built.build() == 0
    assert "جميع الحقوق" in built.read("articles/a01/index.html")
    assert built.snapshot() == full_build(built, tmp_path)


def test_an_edit_redoes_only_the_pages_that_show_it(built: SiteFolder, capsys) -> None:
    capsys.readouterr()
    edit(built, "a00", "فقرة ثانية.", "فقرة ثانية معدلة.")  # the oldest: on no first page
    assert built.build() == 0
    out = capsys.readouterr().out
    written = int(out.split(" files written")[0].rsplit(" ", 1)[1])
    total = len(built.snapshot())
    assert 0 < written < total // 3, out


def test_a_corrupt_cache_is_ignored(built: SiteFolder, tmp_path: Path) -> None:
    for file in (built.root / ".cache").rglob("*"):
        if file.is_file():
            data = bytearray(file.read_bytes())
            data[len(data) // 2] ^= 0xFF
            file.write_bytes(bytes(data))
    edit(built, "a05", "فقرة ثانية.", "فقرة أخرى.")
    assert built.build() == 0
    assert built.snapshot() == full_build(built, tmp_path)


def test_a_damaged_body_store_is_read_again_from_the_article(
    built: SiteFolder, tmp_path: Path
) -> None:
    pack = next((built.root / ".cache").rglob("bodies.pack"))
    pack.write_bytes(b"\0" * pack.stat().st_size)
    edit(built, "a05", "خبر رقم 5", "عنوان آخر")  # re-renders lists holding other bodies' feeds
    assert built.build() == 0
    assert built.snapshot() == full_build(built, tmp_path)


def test_an_output_file_changed_by_hand_is_made_again(built: SiteFolder, tmp_path: Path) -> None:
    page = built.output / "articles" / "a03" / "index.html"
    page.write_text("changed by hand", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    assert built.build() == 0
    assert built.snapshot() == full_build(built, tmp_path)


def test_several_jobs_give_the_same_bytes_as_one(site: SiteFolder, tmp_path: Path) -> None:
    make_site(site, count=40)
    assert site.build("--clean") == 0
    one = site.snapshot()
    assert site.build("--clean", "--jobs", "2") == 0
    assert site.snapshot() == one


def test_a_chain_of_edits_stays_equal_to_full_builds(built: SiteFolder, tmp_path: Path) -> None:
    """From the third build on, the spare tree is brought up to date and swapped in."""
    edits = [
        lambda s: edit(s, "a05", "فقرة ثانية.", "فقرة ثانية معدلة."),
        lambda s: edit(s, "a06", "خبر رقم 6", "عنوان السادس الجديد"),
        lambda s: (s.root / "content" / "a02.md").unlink(),
        lambda s: s.add("late", title="خبر متأخر", date="2023-09-20", tags=["روسيا"]),
        lambda s: edit(s, "a05", "فقرة ثانية معدلة.", "فقرة ثانية."),
        lambda s: edit(s, "late", '["روسيا"]', '["مصر"]'),
    ]
    for change in edits:
        change(built)
        assert built.build() == 0
        assert built.snapshot() == full_build(built, tmp_path)
    spare = built.root / ".output-spare"
    assert spare.is_dir()


def test_a_spare_tree_changed_by_a_killed_build_is_not_trusted(
    built: SiteFolder, tmp_path: Path
) -> None:
    edit(built, "a05", "فقرة ثانية.", "تعديل أول.")
    assert built.build() == 0
    spare = built.root / ".output-spare"
    (spare / "articles" / "a01" / "index.html").write_text("half-written", encoding="utf-8")
    next(built.root.glob(".cache/*")).joinpath("spare-in-use").write_bytes(b"")
    edit(built, "a05", "تعديل أول.", "تعديل ثان.")
    assert built.build() == 0
    assert built.snapshot() == full_build(built, tmp_path)


# For each front-matter key that reaches the article's page: a line to write, and one
# to write instead. A new page key without a row here fails the first test below.
_PAGE_EDITS = {
    "title": ("title: خبر رقم 5", "title: عنوان جديد للخبر"),
    "date": ("date: 2023-08-06", "date: 2023-08-06T09:30:00+03:00"),
    "slug": ("slug: a05", "slug: khabar-khamsa"),
    "source": ("source: صدى البلد", "source: {name: صدى البلد, url: https://www.elbalad.news/}"),
    "image": ("image: one.png", "image: two.png"),
    "image_alt": ("image_alt: صورة", "image_alt: صورة الوفد"),
    "updated": ("updated: 2023-08-07", "updated: 2023-08-09T10:00:00+03:00"),
    "tags": ("tags: [مصر]", "tags: [مصر, النيل]"),
    "summary": ("summary: ملخص أول", "summary: ملخص ثان"),
    "authors": ("author: خالد", "author: [خالد, منى حسن]"),
    "draft": ("draft: false", "draft: true"),
    "related": ("related: [a01]", "related: [a03]"),
    "section": ("section: سياسة", "section: رياضة"),
    "corrections": (
        "corrections: [{date: 2023-08-07T09:00:00+03:00, text: صُحّح الاسم}]",
        "corrections: [{date: 2023-08-07T09:00:00+03:00, text: صُحّح التاريخ}]",
    ),
    "breaking": ("breaking: false", "breaking: true"),
    "toc": ("toc: false", "toc: true"),
}


def test_every_key_that_reaches_the_page_has_an_edit_below() -> None:
    from site_builder.content.fields import FIELDS

    assert set(_PAGE_EDITS) == {f.name for f in FIELDS if f.page}


@pytest.mark.parametrize("name", sorted(_PAGE_EDITS))
def test_a_change_to_any_key_shown_on_the_page_makes_the_page_again(
    site: SiteFolder, tmp_path: Path, name: str
) -> None:
    from PIL import Image

    make_site(site)
    for file, colour in (("one.png", "red"), ("two.png", "blue")):
        Image.new("RGB", (40, 30), colour).save(site.root / "content" / file)
    before_line, after_line = _PAGE_EDITS[name]
    lines = [edit_line for edit_line, _ in _PAGE_EDITS.values()]
    article = site.root / "content" / "a05.md"
    text = article.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = "\n".join(line for line in head.split("\n") if not line.startswith(("title", "date")))
    article.write_text(f"{head}\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    assert site.build("--drafts") == 0
    page = "articles/khabar-khamsa/index.html" if name == "slug" else "articles/a05/index.html"
    old = (site.output / "articles/a05/index.html").read_bytes()
    text = article.read_text(encoding="utf-8")
    assert before_line in text
    article.write_text(text.replace(before_line, after_line), encoding="utf-8")
    assert site.build("--drafts") == 0
    assert (site.output / page).read_bytes() != old
    fresh = SiteFolder(tmp_path / "fresh")
    shutil.copytree(site.root, fresh.root, ignore=shutil.ignore_patterns("output", ".cache"))
    assert fresh.build("--clean", "--drafts") == 0
    assert site.snapshot() == fresh.snapshot()
