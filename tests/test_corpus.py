"""A generated Arabic corpus with tag spelling variants builds, one page per tag."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SiteFolder

from site_builder.content.front_matter import parse, split
from site_builder.text.spelling import tag_key, tag_slug

pytestmark = pytest.mark.slow  # a generated corpus


def test_a_corpus_builds_and_each_tag_variant_lands_on_one_page(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # after every generated date
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "make_corpus.py"),
            str(tmp_path),
            "--articles",
            "300",
            "--write-config",
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
    )
    site = SiteFolder(tmp_path)
    assert site.build() == 0
    spellings: dict[str, set[str]] = {}
    for file in (tmp_path / "content").rglob("*.md"):
        data = parse(split(file.read_text(encoding="utf-8")))
        if data.data.get("draft"):  # type: ignore[union-attr]
            continue
        for tag in data.data["tags"]:  # type: ignore[union-attr]
            spellings.setdefault(tag_key(tag), set()).add(tag)
    assert any(len(variants) > 1 for variants in spellings.values()), "the corpus has variants"
    pages = {p.name for p in (site.output / "tags").iterdir() if p.is_dir()}
    assert pages == {tag_slug(key) for key in spellings}
    config = yaml.safe_load((tmp_path / "config.yaml").read_text(encoding="utf-8"))
    assert config["base_url"] == "https://example.org/news/"
