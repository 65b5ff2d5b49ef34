"""No Python traceback ever reaches a user: a bug prints one line, keeps the trace in a
file and exits 3."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from conftest import REPO, SiteFolder, run_cli

# A bug, planted where the model is made: the handler is what is tested, not the bug.
PLANTED = """\
import site_builder.pipeline as pipeline

def make_editions(*args, **kwargs):
    return {}["no such key"]

pipeline.make_editions = make_editions
"""


def test_an_internal_error_is_one_line_and_a_trace_file(site: SiteFolder, tmp_path: Path) -> None:
    site.add("one")
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(PLANTED, encoding="utf-8")
    traces = tmp_path / "traces"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(planted), str(REPO)]),
        "SITE_BUILDER_CRASH_DIR": str(traces),
    }
    done = run_cli("build", "--config", str(site.config), "--no-search", env=env)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("site-builder: internal error in site_builder/pipeline.py:")
    assert "KeyError: 'no such key'" in lines[0]
    (trace,) = traces.glob("site-builder-crash-*.txt")
    assert f"the full trace is in {trace}" in lines[0]
    text = trace.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "KeyError" in text
    assert not site.output.exists()  # nothing half-made was left


def test_ctrl_c_is_a_word_not_a_traceback() -> None:
    import signal
    import subprocess

    waits = "import time, site_builder.cli as c\n"
    waits += "c.main = lambda: print('ready', flush=True) or time.sleep(30)\nc.run()\n"
    process = subprocess.Popen(
        [sys.executable, "-c", waits], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert err.strip() == "interrupted"
