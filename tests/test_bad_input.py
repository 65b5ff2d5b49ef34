"""Broken input: every problem named with file, line and fix; exit 1; output untouched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SiteFolder, article

GOOD = article(title="خبر سليم")

# (file name, content, line, words in the message)
BROKEN_ARTICLES = [
    ("empty.md", "", 1, "empty"),
    ("only-fence.md", "---\n", 1, "never closed"),
    ("no-front-matter.md", "title: x\n\nنص\n", 1, "no front matter"),
    ("unclosed.md", "---\ntitle: x\ndate: 2023-08-21\nنص بلا نهاية\n", 1, "never closed"),
    ("list.md", "---\n- a\n- b\n---\nنص\n", 2, "a list"),
    ("tabs.md", "---\ntitle: x\n\tdate: 2023-08-21\n---\n", 3, "tab"),
    ("broken-yaml.md", "---\ntitle: x: y: [\ndate: 2023-08-21\n---\n", 2, "not valid YAML"),
    ("no-title.md", "---\ndate: 2023-08-21\n---\nنص\n", 1, "no 'title'"),
    ("no-date.md", "---\ntitle: x\n---\nنص\n", 1, "no 'date'"),
    ("bad-date.md", "---\ntitle: x\ndate: 2023-13-45\n---\n", 3, "not a date"),
    ("word-date.md", "---\ntitle: x\ndate: tomorrow\n---\n", 3, "not a date"),
    ("list-title.md", "---\ntitle: [a, b]\ndate: 2023-08-21\n---\n", 2, "must be text"),
    (
        "mapping-tags.md",
        "---\ntitle: x\ndate: 2023-08-21\ntags: {a: 1}\n---\n",
        4,
        "'tags' must be",
    ),
    ("bad-draft.md", "---\ntitle: x\ndate: 2023-08-21\ndraft: maybe\n---\n", 4, "true or false"),
    ("dots.md", "---\ntitle: x\ndate: 2023-08-21\nslug: ..\n---\n", 4, "not one URL segment"),
    (
        "slash.md",
        "---\ntitle: x\ndate: 2023-08-21\nslug: a/../../b\n---\n",
        4,
        "not one URL segment",
    ),
    ("bad-source.md", "---\ntitle: x\ndate: 2023-08-21\nsource: [a]\n---\n", 4, "'source' must be"),
    (
        "unknown-related.md",
        "---\ntitle: x\ndate: 2023-08-21\nrelated: [nowhere]\n---\n",
        4,
        "no article's slug",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "words"), BROKEN_ARTICLES, ids=[case[0] for case in BROKEN_ARTICLES]
)
def test_a_broken_article_stops_the_build_and_leaves_the_output(
    site: SiteFolder,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    line: int,
    words: str,
) -> None:
    site.write("content/good.md", GOOD)
    assert site.build() == 0
    before = site.snapshot()
    site.write(f"content/{name}", text)
    capsys.readouterr()
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"content/{name}:{line}: error:" in err, err
    assert words in err
    assert "fix:" in err
    assert site.snapshot() == before
    beside = {p.name for p in site.root.iterdir() if p.name.startswith(".output")}
    assert beside <= {".output-lock", ".output-last-good"}  # no staging tree left over


def test_a_file_that_is_not_utf8_names_the_line(site: SiteFolder, capsys) -> None:
    site.write(
        "content/latin1.md", "---\ntitle: x\ndate: 2023-08-21\n---\ncaf\xe9\n".encode("latin-1")
    )
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "content/latin1.md:5: error: the file is not UTF-8" in err


def test_two_files_with_one_url(site: SiteFolder, capsys) -> None:
    site.add("a", slug="same")
    site.add("b", title="ب", slug="same")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "two files claim the URL /articles/same/" in err
    assert "content/a.md" in err and "content/b.md" in err


def test_a_link_to_a_file_outside_the_content_folder_is_refused(
    site: SiteFolder, tmp_path: Path, capsys
) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(article(title="سر"), encoding="utf-8")
    os.symlink(outside, site.root / "content" / "linked.md")
    assert site.build() == 1
    assert "outside the content folder" in capsys.readouterr().err
    assert not site.output.exists()


def test_every_broken_article_is_reported_at_once(site: SiteFolder, capsys) -> None:
    for name, text, _line, _words in BROKEN_ARTICLES[:6]:
        site.write(f"content/{name}", text)
    assert site.check() == 1
    err = capsys.readouterr().err
    for name, *_ in BROKEN_ARTICLES[:6]:
        assert f"content/{name}" in err
    assert not site.output.exists()


def test_check_writes_nothing_and_speaks_json(site: SiteFolder, capsys) -> None:
    site.write("content/bad.md", "---\ntitle: x\ndate: 2023-13-45\n---\n")
    site.write("content/odd.md", "---\ntitle: x\ndate: 2023-08-21\ncolour: red\n---\n")
    assert site.check("--format", "json") == 1
    problems = json.loads(capsys.readouterr().out)
    assert {(p["file"], p["line"], p["level"]) for p in problems} == {
        ("content/bad.md", 3, "error"),
        ("content/odd.md", 4, "warning"),
    }
    assert all(set(p) == {"file", "line", "level", "message", "fix"} for p in problems)
    assert not site.output.exists()


def test_an_unknown_key_is_a_warning_and_the_build_goes_on(site: SiteFolder, capsys) -> None:
    site.write("content/odd.md", "---\ntitle: x\ndate: 2023-08-21\ncolour: red\n---\n")
    assert site.build() == 0
    assert "content/odd.md:4: warning: unknown front matter key 'colour'" in capsys.readouterr().err


def test_the_error_shows_the_line_quoted(site: SiteFolder, capsys) -> None:
    site.write("content/bad.md", "---\ntitle: خبر\ndate: ٢٠٢٣-١٣-٤٥\n---\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "3 | «date: ٢٠٢٣-١٣-٤٥»" in err


BROKEN_CONFIGS = [
    ("title: t\nbase_url: https://x.org/\ncolour: red\n", 3, "unknown config key 'colour'"),
    ("title: t\nbase_url: example.org\n", 2, "'base_url' must be an absolute URL"),
    ("title: t\nbase_url: https://x.org/\ntimezone: Mars/Olympus\n", 3, "not an IANA time zone"),
    ("title: t\nbase_url: https://x.org/\nlanguage: ar_EG\n", 3, "not a BCP 47"),
    (
        "title: t\nbase_url: https://x.org/\nper_page: many\n",
        3,
        "'per_page' must be a whole number",
    ),
    ("title: t\nbase_url: https://x.org/\nper_page: 0\n", 3, "'per_page' must be 1 or more"),
    ("title: t\nbase_url: https://x.org/\nfeed_full_content: 1\n", 3, "true or false"),
    ("title: t\nbase_url: https://x.org/\ndirection: up\n", 3, "must be one of rtl, ltr"),
    ("title: t\nbase_url: https://x.org/\ntheme: nowhere\n", 3, "has no templates/ folder"),
    ("title: t\nbase_url: https://x.org/\narticle_url: '{title}/'\n", 3, "must contain {slug}"),
    ("title: t\nbase_url: https://x.org/\nlocale: xx_YY\n", 3, "not a CLDR locale"),
    ("title: t\nbase_url: https://x.org/\noutput_dir: content\n", 3, "overlap"),
    ("base_url: https://x.org/\n", None, "no 'title'"),
    ("- a\n", 1, "a list"),
]


@pytest.mark.parametrize(("text", "line", "words"), BROKEN_CONFIGS)
def test_a_broken_config_names_the_key_and_the_line(
    site: SiteFolder, capsys, text: str, line: int | None, words: str
) -> None:
    site.add("one")
    site.set_config(text)
    assert site.build() == 1
    err = capsys.readouterr().err
    where = f"config.yaml:{line}: error:" if line else "config.yaml: error:"
    assert where in err, err
    assert words in err
    assert not site.output.exists()


def test_a_missing_config_file_says_how_to_make_one(tmp_path: Path, capsys) -> None:
    from site_builder.cli import main

    assert main(["build", "--config", str(tmp_path / "nope.yaml")]) == 1
    assert "site-builder init" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["build", "--jobs", "0"], ["build", "--bogus"], ["frobnicate"], []]
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    from site_builder.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


@pytest.mark.parametrize("where", ["content", ".", "..", "content/inner", ".cache"])
def test_an_output_folder_over_the_sites_own_folders_is_refused(
    site: SiteFolder, capsys, where: str
) -> None:
    site.add("one")
    before = sorted(p.relative_to(site.root.parent) for p in site.root.parent.rglob("*"))
    assert site.build("--output", str(site.root / where)) == 1
    assert "a build replaces" in capsys.readouterr().err
    after = sorted(p.relative_to(site.root.parent) for p in site.root.parent.rglob("*"))
    assert after == before
