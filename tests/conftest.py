"""Small sites in temporary folders, and the builder run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from site_builder.cli import main

# In CI the property tests run the same examples every time (a red build must be
# the change's doing, never a new random draw); on a developer's machine they roam.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXED_NOW = "1700000000"  # 2023-11-14: the example's 2023 articles are in the past


def article(
    title: str = "خبر", date: str = "2023-08-21", body: str = "نص الخبر.", **keys: object
) -> str:
    """The text of an article file with the given front matter keys."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {date}"]
    for key, value in keys.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n" + textwrap.dedent(body) + "\n"


@dataclass
class SiteFolder:
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add(self, name: str, **kwargs: object) -> Path:
        return self.write(f"content/{name}.md", article(**kwargs))  # type: ignore[arg-type]

    def set_config(self, text: str) -> None:
        self.write("config.yaml", textwrap.dedent(text))

    def build(self, *flags: str) -> int:
        return main(["build", "--config", str(self.config), "--no-search", "--jobs", "1", *flags])

    def check(self, *flags: str) -> int:
        return main(["check", "--config", str(self.config), *flags])

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the output, to compare two builds or prove one untouched."""
        return {
            str(p.relative_to(self.output)): p.read_bytes()
            for p in sorted(self.output.rglob("*"))
            if p.is_file()
        }


BASIC_CONFIG = """\
title: موقع الاختبار
base_url: https://example.org/news/
timezone: Africa/Cairo
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SiteFolder:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_NOW)
    folder = SiteFolder(tmp_path / "site")
    folder.set_config(BASIC_CONFIG)
    (folder.root / "content").mkdir()
    return folder


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The builder as a separate process, as a user or CI starts it."""
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
