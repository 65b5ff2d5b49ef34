"""One build of an output at a time: a second one waits (saying so) or, with
--no-wait, fails at once with exit 5; the lock goes with the process that held it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from conftest import FIXED_NOW, SiteFolder

from site_builder.output import lock


def _command(site: SiteFolder, *flags: str) -> list[str]:
    return [sys.executable, "-m", "site_builder", "build", "--config", str(site.config)]


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": FIXED_NOW}


def test_no_wait_fails_at_once_while_another_build_runs(site: SiteFolder) -> None:
    site.add("one")
    with lock.held(site.output.resolve(), "a build in a test"):
        done = subprocess.run(
            [*_command(site), "--no-search", "--no-wait"],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 5, done.stderr
    assert "another build of this site is running: a build in a test (pid" in done.stderr
    assert "nothing was written" in done.stderr
    assert not site.output.exists()


def test_a_second_build_waits_saying_so_and_then_builds(site: SiteFolder, tmp_path) -> None:
    site.add("one")
    err = tmp_path / "err"
    with lock.held(site.output.resolve(), "a build in a test"), err.open("w") as stderr:
        process = subprocess.Popen(
            [*_command(site), "--no-search"], env=_env(), stderr=stderr, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while "waiting for another build" not in err.read_text(encoding="utf-8"):
            assert process.poll() is None, err.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the build never said it was waiting"
            time.sleep(0.05)
        time.sleep(0.3)
        assert process.poll() is None and not site.output.exists()  # it really waits
    assert process.wait(60) == 0, err.read_text(encoding="utf-8")
    assert "a build in a test (pid" in err.read_text(encoding="utf-8")
    assert (site.output / "index.html").is_file()


def test_the_lock_of_a_killed_process_is_free(site: SiteFolder) -> None:
    site.add("one")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from site_builder.output import lock\n"
            "with lock.held(Path(sys.argv[1]), 'a doomed build'):\n"
            "    print('held', flush=True); time.sleep(60)\n",
            str(site.output.resolve()),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert site.build("--no-wait") == 0
