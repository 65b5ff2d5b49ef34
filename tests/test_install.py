"""Install anywhere: the wheel `python -m build` makes carries the theme and every file
the builder needs; installed into a fresh venv, `init` + `build` work and the example
site comes out byte for byte as from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXED_NOW, REPO


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
def test_the_wheel_in_a_fresh_venv_builds_a_new_site_and_the_example(tmp_path: Path) -> None:
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(REPO)])
    (wheel,) = (tmp_path / "dist").glob("site_builder-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)])
    builder = str(venv / "bin" / "site-builder")
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_NOW, "PYTHONPATH": ""}
    outside = tmp_path / "elsewhere"  # not the clone: nothing of the source tree is found
    outside.mkdir()
    _run([builder, "init", "news"], cwd=outside, env=env)
    _run([builder, "build", "--no-search"], cwd=outside / "news", env=env)
    assert (outside / "news" / "output" / "index.html").is_file()
    assert (outside / "news" / ".github" / "workflows" / "publish.yml").is_file()

    config = str(REPO / "config.yaml")
    _run(
        [
            builder,
            "build",
            "--config",
            config,
            "--output",
            str(tmp_path / "wheel-out"),
            "--no-search",
        ],
        cwd=outside,
        env=env,
    )
    _run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--config",
            config,
            "--output",
            str(tmp_path / "tree-out"),
            "--no-search",
        ],
        env=env,
    )
    assert _tree(tmp_path / "wheel-out") == _tree(tmp_path / "tree-out")
