"""`init` makes a site that builds at once; `new` writes a draft that builds unchanged."""

from __future__ import annotations

import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import yaml
from conftest import SiteFolder

from site_builder.cli import main
from site_builder.content.articles import parse_article
from site_builder.text.slugs import MAX_SLUG, title_slug

# SOURCE_DATE_EPOCH 1700000000 is 2023-11-14 22:13:20 UTC: already the 15th in Cairo.
CAIRO_NOW = "2023-11-15T00:13:20+02:00"


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def new(site: SiteFolder, title: str, *flags: str) -> int:
    # "--" so a title such as "---" or "- …" is not read as a flag
    return main(["new", "--config", str(site.config), *flags, "--", title])


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("TZ", "Asia/Riyadh")  # init takes the machine's zone
    return tmp_path


def test_new_writes_a_draft_in_the_year_and_month_folder(site: SiteFolder, capsys) -> None:
    assert new(site, "الذهب يرتفع لأعلى مستوى", "--tags", "اقتصاد، الذهب, أسواق") == 0
    path = site.root / "content/2023/11/الذهب-يرتفع-لأعلى-مستوى.md"
    assert capsys.readouterr().out.strip().endswith("content/2023/11/الذهب-يرتفع-لأعلى-مستوى.md")
    assert front_matter(path) == {
        "title": "الذهب يرتفع لأعلى مستوى",
        "date": CAIRO_NOW,
        "tags": ["اقتصاد", "الذهب", "أسواق"],
        "draft": True,
        "id": "tag:example.org,2023-11-15:%D8%A7%D9%84%D8%B0%D9%87%D8%A8-%D9%8A%D8%B1%D8%AA"
        "%D9%81%D8%B9-%D9%84%D8%A3%D8%B9%D9%84%D9%89-%D9%85%D8%B3%D8%AA%D9%88%D9%89",
    }


def test_new_draft_builds_unchanged_and_only_with_drafts(site: SiteFolder) -> None:
    assert new(site, "خبر جديد", "--slug", "khabar") == 0
    path = site.root / "content/2023/11/khabar.md"
    before = path.read_bytes()
    assert site.build() == 0
    assert not (site.output / "articles/khabar").exists()
    assert site.build("--drafts") == 0
    tree = lxml.html.fromstring(site.read("articles/khabar/index.html"))
    assert [h.text_content().strip() for h in tree.xpath("//h1")] == ["خبر جديد"]
    assert "مسودة" in tree.text_content()
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "title",
    [
        "عنوان: فيه نقطتان",
        "# ليس تعليقاً",
        "«اقتباس» و'مفرد' و\"مزدوج\"",
        "---",
        "- شرطة",
        "yes",
        "1984",
        "null",
        "[قائمة]",
        "{خريطة}",
        "@بداية",
        "مرحباً بالعالم 😀",
        "a\tb",
    ],
)
def test_any_title_reads_back_the_same(site: SiteFolder, title: str) -> None:
    assert new(site, title, "--slug", "t") == 0
    path = site.root / "content/2023/11/t.md"
    article, problems = parse_article(
        path.read_text(encoding="utf-8"), path, "t.md", ZoneInfo("Africa/Cairo")
    )
    assert problems == []
    assert article is not None and article.title == " ".join(title.split())
    assert article.draft and article.id.startswith("tag:example.org,2023-11-15:")


def test_new_never_overwrites_a_file(site: SiteFolder, capsys) -> None:
    assert new(site, "خبر") == 0
    path = site.root / "content/2023/11/خبر.md"
    path.write_text(path.read_text(encoding="utf-8") + "نص كتبه المحرر.\n", encoding="utf-8")
    written = path.read_bytes()
    capsys.readouterr()
    assert new(site, "خبر") == 1
    assert "content/2023/11/خبر.md" in capsys.readouterr().err
    assert path.read_bytes() == written


def test_new_refuses_a_slug_another_article_already_has(site: SiteFolder, capsys) -> None:
    site.add("gold", title="خبر قديم")
    assert new(site, "خبر جديد", "--slug", "gold") == 1
    assert "content/gold.md" in capsys.readouterr().err
    assert not (site.root / "content/2023").exists()


@pytest.mark.parametrize("slug", ["a/b", "..", "-x", "a b", ""])
def test_new_rejects_a_slug_that_is_not_one_segment(site: SiteFolder, slug: str, capsys) -> None:
    assert new(site, "خبر", f"--slug={slug}") == 1
    assert "--slug" in capsys.readouterr().err
    assert not (site.root / "content/2023").exists()


def test_new_with_an_empty_title_is_an_error(site: SiteFolder, capsys) -> None:
    assert new(site, "   ") == 1
    assert "title is empty" in capsys.readouterr().err


def test_new_with_a_broken_config_names_it(site: SiteFolder, capsys) -> None:
    site.set_config("title: x\n")
    assert new(site, "خبر") == 1
    assert "base_url" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("وفد عسكري إيراني يزور موسكو", "وفد-عسكري-إيراني-يزور-موسكو"),
        ("خبرٌ مُشَكَّل", "خبر-مشكل"),
        ("Gold: Up 2%", "gold-up-2"),
        ("كلمة " * 30, "-".join(["كلمة"] * 12)),
    ],
)
def test_title_slug_keeps_arabic_letters_and_cuts_at_a_word(title: str, slug: str) -> None:
    assert title_slug(title) == slug
    assert len(title_slug(title)) <= MAX_SLUG


def test_init_makes_a_site_that_builds_at_once(in_tmp: Path, capsys) -> None:
    assert main(["init", "mysite"]) == 0
    out = capsys.readouterr().out
    site = SiteFolder(in_tmp / "mysite")
    config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
    assert config == {
        "title": "موقعي الإخباري",
        "description": "",
        "base_url": "https://example.org/",
        "language": "ar",
        "direction": "rtl",
        "timezone": "Asia/Riyadh",
        "locale": "ar",
    }
    [sample] = (site.root / "content").rglob("*.md")
    assert sample.parent == site.root / "content/2023/11"
    assert "mysite/config.yaml" in out and "site-builder serve" in out
    assert site.build() == 0
    tree = lxml.html.fromstring(site.read(f"articles/{sample.stem}/index.html"))
    assert "site-builder new" in tree.text_content()
    about = lxml.html.fromstring(site.read("about/index.html"))
    assert [h.text_content().strip() for h in about.xpath("//h1")] == ["من نحن"]


def test_init_refuses_a_folder_that_has_a_site(in_tmp: Path, capsys) -> None:
    folder = in_tmp / "old"
    folder.mkdir()
    (folder / "config.yaml").write_text("title: قديم\n", encoding="utf-8")
    assert main(["init", "old"]) == 1
    assert "config.yaml" in capsys.readouterr().err
    assert (folder / "config.yaml").read_text(encoding="utf-8") == "title: قديم\n"
    assert sorted(p.name for p in folder.iterdir()) == ["config.yaml"]


def test_init_then_new_then_build_with_drafts_has_the_new_article(in_tmp: Path) -> None:
    assert main(["init", "s"]) == 0
    site = SiteFolder(in_tmp / "s")
    assert new(site, "خبر عاجل", "--tags", "عاجل") == 0
    assert site.build("--drafts") == 0
    tree = lxml.html.fromstring(site.read("articles/خبر-عاجل/index.html"))
    assert [h.text_content().strip() for h in tree.xpath("//h1")] == ["خبر عاجل"]
    assert "عاجل" in site.read("tags/عاجل/index.html")


def test_init_writes_a_workflow_that_builds_and_deploys_on_push_and_on_a_schedule(
    in_tmp: Path,
) -> None:
    """GitHub Actions cannot run here: the file is read as YAML and its steps checked."""
    from site_builder import __version__

    assert main(["init", "news"]) == 0
    flow = yaml.safe_load((in_tmp / "news/.github/workflows/publish.yml").read_text("utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "workflow_dispatch" in triggers
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    assert flow["concurrency"]["cancel-in-progress"] is False
    assert flow["env"]["SITE_BUILDER"] == f"site-builder=={__version__}"
    assert flow["env"]["AWS_ACCESS_KEY_ID"] == "${{ secrets.AWS_ACCESS_KEY_ID }}"
    steps = flow["jobs"]["publish"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    runs = [s.get("run", "") for s in steps]
    restore = steps[uses.index("actions/cache/restore@v4")]
    save = steps[uses.index("actions/cache/save@v4")]
    for cache in (restore, save):
        assert cache["with"]["path"].split() == [".cache", ".output-last-good"]
    assert save["if"] == "always()"  # kept even when a step after the build fails
    install = next(r for r in runs if "pip install" in r)
    build = next(r for r in runs if "site-builder build" in r)
    assert install.strip() == 'python -m pip install "$SITE_BUILDER"'
    assert "--keep-going" in build and '"$code" -eq 4' in build and "::warning::" in build
    assert runs.index(install) < runs.index(build) < runs.index("site-builder deploy")
    assert (
        uses.index("actions/cache/restore@v4")
        < runs.index(build)
        < uses.index("actions/cache/save@v4")
    )
    # The build step's shell, as the runner runs it (bash -e), with a builder that exits
    # as a real one would: 4 publishes with a warning, 1 stops the job before deploy.
    for code, step_exit in ((0, 0), (4, 0), (1, 1)):
        fake = in_tmp / f"bin-{code}"
        fake.mkdir()
        (fake / "site-builder").write_text(f"#!/bin/sh\nexit {code}\n", encoding="utf-8")
        (fake / "site-builder").chmod(0o755)
        output = in_tmp / f"github-output-{code}"
        done = subprocess.run(
            ["bash", "-e", "-c", build],
            env={"PATH": f"{fake}:/usr/bin:/bin", "GITHUB_OUTPUT": str(output)},
            capture_output=True,
            text=True,
        )
        assert done.returncode == step_exit, done.stderr
        assert output.read_text() == f"code={code}\n"
        assert ("::warning::" in done.stdout) == (code == 4)
