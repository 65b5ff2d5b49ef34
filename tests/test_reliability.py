"""Reliability: a killed or failed build leaves the output as it was, broken input is
named with its file, line and fix, and a build writes nothing outside its folders."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO, SiteFolder, article

# --- killing a real build ----------------------------------------------------------

CORPUS_NOW = "1767225600"  # 2026-01-01: every generated article is in the past
CORPUS_ARTICLES = 400
Tree = dict[str, bytes]


def _tree(folder: Path) -> Tree:
    """Every file under a folder and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _difference(actual: Tree, expected: Tree) -> str:
    """'' when the trees are equal, else a short account of how they differ."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(k for k in set(actual) & set(expected) if actual[k] != expected[k])
    if not (missing or extra or changed):
        return ""
    return (
        f"{len(missing)} missing {missing[:5]}, {len(extra)} extra {extra[:5]}, "
        f"{len(changed)} changed {changed[:5]}"
    )


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": CORPUS_NOW}


def _command(site: SiteFolder, *flags: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "site_builder",
        "build",
        "--config",
        str(site.config),
        "--jobs",
        "2",
        "--no-search",
        *flags,
    ]


def _build(site: SiteFolder, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(site, *flags), env=_env(), capture_output=True, text=True, timeout=300
    )


def _edit(root: Path, round_: int = 1) -> None:
    """Change the corpus the way a newsroom does between builds: corrections to some
    articles, a new story, and every file touched so that all of them are read again."""
    files = sorted((root / "content").rglob("*.md"))
    for number, file in enumerate(files):
        if number % 7 == round_ % 7:
            with file.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\nتصحيح رقم {round_}: أضيفت هذه الفقرة بعد النشر.\n")
        stamp = 1_760_000_000_000_000_000 + round_ * 1_000_000_000 + number
        os.utime(file, ns=(stamp, stamp))
    (root / "content" / f"extra-{round_}.md").write_text(
        article(
            title=f"خبر عاجل {round_}", date="2025-12-30T10:00:00+03:00", tags=["عاجل", "القاهرة"]
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "site"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "make_corpus.py"),
            str(root),
            "--articles",
            str(CORPUS_ARTICLES),
            "--write-config",
        ],
        check=True,
        capture_output=True,
    )
    return root


def _clean_build(site: SiteFolder, folder: Path) -> Tree:
    """What a clean build of the site as it is now makes (in another output folder)."""
    done = _build(site, "--clean", "--output", str(folder))
    assert done.returncode == 0, done.stderr
    return _tree(folder)


class References:
    """Clean builds of the corpus after some rounds of edits, made once per module."""

    def __init__(self, corpus: Path, folder: Path) -> None:
        self.corpus, self.folder, self.made = corpus, folder, {}

    def __call__(self, rounds: int) -> Tree:
        if rounds not in self.made:
            site = SiteFolder(self.folder / f"after-{rounds}")
            shutil.copytree(self.corpus, site.root)
            for round_ in range(1, rounds + 1):
                _edit(site.root, round_)
            self.made[rounds] = _clean_build(site, site.output)
        return self.made[rounds]


@pytest.fixture(scope="module")
def references(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> References:
    return References(corpus, tmp_path_factory.mktemp("references"))


@pytest.fixture
def big_site(corpus: Path, tmp_path: Path) -> SiteFolder:
    site = SiteFolder(tmp_path / "site")
    shutil.copytree(corpus, site.root)
    return site


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _group_alive(group: int) -> list[int]:
    """Processes of a process group that still run (zombies left out)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            alive.append(int(entry.name))
    return alive


def _staging(site: SiteFolder) -> list[Path]:
    return sorted(site.root.glob(f".{site.output.name}-new-*"))


def _count_files(folder: Path, enough: int) -> int:
    count = 0
    for _top, _dirs, files in os.walk(folder):
        count += len(files)
        if count >= enough:
            break
    return count


def _staged_at_least(share: float) -> Callable[[int, SiteFolder, int], bool]:
    def moment(pid: int, site: SiteFolder, expected: int) -> bool:
        enough = max(1, int(expected * share))
        return any(_count_files(s, enough) >= enough for s in _staging(site))

    return moment


KILL_MOMENTS: dict[str, Callable[[int, SiteFolder, int], bool]] = {
    "right-after-start": lambda pid, site, expected: True,
    # Workers are forked to read the articles; nothing is staged yet.
    "while-reading": lambda pid, site, expected: bool(_children(pid)) and not _staging(site),
    "while-rendering": _staged_at_least(0.05),
    "nearly-done": _staged_at_least(0.9),
}


def _kill_build(
    site: SiteFolder,
    moment: Callable[[int, SiteFolder, int], bool],
    expected: int,
    *flags: str,
    whole_group: bool = True,
) -> subprocess.Popen[bytes]:
    """Start a build and SIGKILL it when the moment comes (returncode -9 if it was killed)."""
    process = subprocess.Popen(
        _command(site, *flags),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while not moment(process.pid, site, expected) and process.poll() is None:
            assert time.monotonic() < deadline, "the build never reached the moment"
            time.sleep(0.001)
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have ended by itself
            if whole_group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return process


def _after(seconds: float) -> Callable[[int, SiteFolder, int], bool]:
    start = time.monotonic()
    return lambda pid, site, expected: time.monotonic() - start > seconds


def _wait_for_group(group: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := _group_alive(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _assert_whole(site: SiteFolder, references: References, rounds: int, folder: Path) -> None:
    """The site's output is what a clean build of the same input makes."""
    difference = _difference(site.snapshot(), references(rounds))
    if difference:  # made before the builder or its theme last changed? Build it again.
        difference = _difference(site.snapshot(), _clean_build(site, folder))
    assert not difference, difference


@pytest.mark.slow
@pytest.mark.parametrize(
    ("when", "flags"),
    [
        *[(when, ()) for when in KILL_MOMENTS],
        # --clean starts the body store afresh: killed, it leaves a store that the
        # state on disk does not describe.
        ("while-reading", ("--clean",)),
        ("while-rendering", ("--clean",)),
    ],
    ids=[*KILL_MOMENTS, "while-reading-clean", "while-rendering-clean"],
)
def test_a_killed_build_leaves_the_output_and_the_next_build_is_whole(
    big_site: SiteFolder,
    references: References,
    tmp_path: Path,
    when: str,
    flags: tuple[str, ...],
) -> None:
    first = _build(big_site)
    assert first.returncode == 0, first.stderr
    before = big_site.snapshot()
    _edit(big_site.root)

    status = _kill_build(big_site, KILL_MOMENTS[when], len(before), *flags).returncode
    assert status == -signal.SIGKILL, f"the build ended ({status}) before it was killed {when}"
    after_kill = big_site.snapshot()
    following = _build(big_site)
    assert following.returncode == 0, following.stderr
    _assert_whole(big_site, references, 1, tmp_path / "reference")
    assert _staging(big_site) == []
    if when == "nearly-done" and _difference(after_kill, before):
        # The swap may just have happened: the new tree whole is as good as the old one.
        assert not _difference(after_kill, big_site.snapshot()), _difference(after_kill, before)
    else:
        assert not _difference(after_kill, before), _difference(after_kill, before)


@pytest.mark.slow
def test_builds_killed_again_and_again_while_bringing_the_spare_up_to_date(
    big_site: SiteFolder,
    references: References,
    tmp_path: Path,
) -> None:
    """Two builds leave a spare tree beside the output; builds killed while reusing it,
    at several moments in a row, never show in the output, and the next one is whole."""
    assert _build(big_site).returncode == 0
    _edit(big_site.root, 1)
    started = time.monotonic()
    second = _build(big_site)
    took = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    before = big_site.snapshot()
    _edit(big_site.root, 2)
    seen = []
    for share in (0.2, 0.4, 0.6, 0.8):
        _kill_build(big_site, _after(took * share), len(before))
        seen.append(big_site.snapshot())
    following = _build(big_site)
    assert following.returncode == 0, following.stderr
    _assert_whole(big_site, references, 2, tmp_path / "reference")
    new = big_site.snapshot()
    for share, tree in zip((0.2, 0.4, 0.6, 0.8), seen, strict=True):
        assert not _difference(tree, before) or not _difference(tree, new), (
            f"killed at {share:.0%}: {_difference(tree, before)}"
        )


@pytest.mark.slow
def test_workers_of_a_killed_build_do_not_live_on(
    big_site: SiteFolder, references: References, tmp_path: Path
) -> None:
    """Only the main process is killed (as the OOM killer does): its workers must stop
    too, and whatever they still write must not reach the output or the next build."""
    assert _build(big_site).returncode == 0
    before = big_site.snapshot()
    _edit(big_site.root)
    process = _kill_build(big_site, KILL_MOMENTS["while-rendering"], len(before), whole_group=False)
    assert process.returncode == -signal.SIGKILL
    try:
        assert _wait_for_group(process.pid, 20) == [], "workers still run 20 s later"
    finally:
        for pid in _group_alive(process.pid):
            os.kill(pid, signal.SIGKILL)
    assert not _difference(big_site.snapshot(), before), _difference(big_site.snapshot(), before)
    following = _build(big_site)
    assert following.returncode == 0, following.stderr
    _assert_whole(big_site, references, 1, tmp_path / "reference")
    assert _staging(big_site) == []


@pytest.mark.slow
def test_builds_started_together_take_turns_and_the_output_is_whole(
    big_site: SiteFolder, references: References, tmp_path: Path
) -> None:
    """An editor's build while the scheduled one runs: each waits for the other, neither
    fails, and what is left is what a clean build makes."""
    assert _build(big_site).returncode == 0
    _edit(big_site.root)
    started = [
        subprocess.Popen(
            _command(big_site), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    ended = [(p.wait(300), p.stderr.read().decode()) for p in started]  # type: ignore[union-attr]
    assert [code for code, _ in ended] == [0, 0, 0], [err for _, err in ended]
    assert sum("waiting for another build" in err for _, err in ended) >= 1
    assert not any("Traceback" in err for _, err in ended)
    _assert_whole(big_site, references, 1, tmp_path / "reference")
    assert _staging(big_site) == []


@pytest.mark.slow
def test_a_killed_build_leaves_no_lock_behind(
    big_site: SiteFolder, references: References, tmp_path: Path
) -> None:
    assert _build(big_site).returncode == 0
    before = big_site.snapshot()
    _edit(big_site.root)
    killed = _kill_build(big_site, KILL_MOMENTS["while-rendering"], len(before))
    assert killed.returncode == -signal.SIGKILL
    following = _build(big_site, "--no-wait")  # would exit 5 if the lock were still held
    assert following.returncode == 0, following.stderr
    _assert_whole(big_site, references, 1, tmp_path / "reference")


@pytest.mark.slow
def test_a_failing_build_of_a_big_site_leaves_the_output(big_site: SiteFolder) -> None:
    assert _build(big_site).returncode == 0
    before = big_site.snapshot()
    _edit(big_site.root)
    big_site.write("content/2023/broken.md", "---\ntitle: خبر\ndate: 2023-02-30\n---\nنص\n")
    failed = _build(big_site)
    assert failed.returncode == 1
    assert "content/2023/broken.md:3: error: 'date' is not a date" in failed.stderr
    assert "nothing was written" in failed.stderr
    assert not _difference(big_site.snapshot(), before), _difference(big_site.snapshot(), before)
    assert _staging(big_site) == []


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_cache_is_ignored(
    big_site: SiteFolder, references: References, tmp_path: Path, damage: str
) -> None:
    assert _build(big_site).returncode == 0
    _edit(big_site.root)
    for file in sorted((big_site.root / ".cache").rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            file.write_bytes(
                {
                    "garbage": b"\x80not a cache\n" * 100,
                    "truncated": data[: len(data) // 2],
                    "empty": b"",
                }[damage]
            )
    done = _build(big_site)
    assert done.returncode == 0, done.stderr
    _assert_whole(big_site, references, 1, tmp_path / "reference")


# --- broken input: one table -------------------------------------------------------

GOOD = article(title="خبر سليم")
Setup = Callable[[SiteFolder], object]


def _md(front: str, body: str = "نص الخبر.\n") -> str:
    return f"---\n{front}\n---\n{body}"


def bad_article(
    name: str,
    front: str,
    line: int | None,
    words: str,
    body: str = "نص الخبر.\n",
    also: Setup | None = None,
) -> object:
    """A case: content/NAME.md with this front matter; the error is at LINE."""

    def setup(site: SiteFolder) -> None:
        if also:
            also(site)
        site.write(f"content/{name}.md", _md(front, body))

    where = f"content/{name}.md" + (f":{line}" if line else "")
    return pytest.param(setup, where, words, id=name)


def bad_config(name: str, text: str | bytes, line: int | None, words: str) -> object:
    where = "config.yaml" + (f":{line}" if line else "")
    return pytest.param(lambda site: site.write("config.yaml", text), where, words, id=name)


def bad_files(name: str, setup: Setup, where: str, words: str) -> object:
    return pytest.param(setup, where, words, id=name)


def _symlink(target: str, link: str) -> Setup:
    return lambda site: os.symlink(target, site.root / link)


def _symlink_loop(site: SiteFolder) -> None:
    os.symlink("loop-b.md", site.root / "content" / "loop-a.md")
    os.symlink("loop-a.md", site.root / "content" / "loop-b.md")


def _sparse(size: int, name: str) -> Setup:
    def setup(site: SiteFolder) -> None:
        with (site.root / name).open("wb") as handle:
            handle.write(_md("title: x\ndate: 2023-08-21").encode())
            handle.truncate(size)

    return setup


def _theme_as_output(site: SiteFolder) -> None:
    shutil.copytree(REPO / "themes" / "default", site.root / "mytheme")
    site.write(
        "config.yaml", "title: t\nbase_url: https://x.org/\ntheme: mytheme\noutput_dir: mytheme\n"
    )


_URL_ONLY_SLUG = lambda site: site.write(  # noqa: E731
    "config.yaml", "title: t\nbase_url: https://x.org/\narticle_url: '{slug}/'\n"
)
_CONFIG = "title: t\nbase_url: https://x.org/\n"
_D = "title: x\ndate: 2023-08-21"  # a valid start of front matter, lines 2-3

BROKEN = [
    # titles
    bad_article("title-without-value", "title:\ndate: 2023-08-21", 2, "'title'"),
    bad_article("title-empty-string", 'title: ""\ndate: 2023-08-21', 2, "the title is empty"),
    bad_article("title-blank", 'title: "   "\ndate: 2023-08-21', 2, "the title is empty"),
    bad_article("title-mapping", "title: {ar: x}\ndate: 2023-08-21", 2, "'title' must be text"),
    bad_article(
        "title-python-tag",
        "title: !!python/object/apply:os.system [echo]\ndate: 2023-08-21",
        2,
        "not valid YAML",
    ),
    bad_article("title-unclosed-bracket", "title: [غزة\ndate: 2023-08-21", 2, "not valid YAML"),
    # dates
    bad_article("date-february-30", "title: x\ndate: 2023-02-30", 3, "not a date"),
    bad_article("date-hour-24", "title: x\ndate: 2023-08-21T24:12:00", 3, "not a date"),
    bad_article("date-minute-60", "title: x\ndate: 2023-08-21T10:60", 3, "not a date"),
    bad_article("date-offset-25h", "title: x\ndate: 2023-08-21T10:00:00+25:00", 3, "not a date"),
    bad_article("date-number", "title: x\ndate: 20230821", 3, "not a date"),
    bad_article("date-year-only", "title: x\ndate: 2023", 3, "not a date"),
    bad_article("date-list", "title: x\ndate: [2023-08-21]", 3, "not a date"),
    bad_article("date-empty", 'title: x\ndate: ""', 3, "not a date"),
    bad_article("updated-word", f"{_D}\nupdated: yesterday", 4, "'updated' is not a date"),
    bad_article("updated-mapping", f"{_D}\nupdated: {{at: 1}}", 4, "'updated' is not a date"),
    # names
    bad_article("tags-nested-list", f"{_D}\ntags: [a, [b, c]]", 4, "'tags' must be"),
    bad_article("tags-true", f"{_D}\ntags: [true]", 4, "'tags' must be"),
    bad_article("author-mapping", f"{_D}\nauthor: {{name: x}}", 4, "'author' must be"),
    bad_article("section-list", f"{_D}\nsection: [a, b]", 4, "'section' must be text"),
    bad_article("summary-list", f"{_D}\nsummary: [a]", 4, "'summary' must be text"),
    bad_article("id-list", f"{_D}\nid: [a]", 4, "'id' must be text"),
    bad_article("related-number", f"{_D}\nrelated: [1]", 4, "no article's slug"),
    bad_article("pinned-one", f"{_D}\npinned: 1", 4, "true or false"),
    bad_article(
        "source-javascript",
        f'{_D}\nsource: {{name: x, url: "javascript:alert(1)"}}',
        4,
        "must start with http:// or https://",
    ),
    # the shape of the file
    bad_article("front-matter-scalar", "just words", 2, "not a set of 'key: value' lines"),
    bad_article("unhashable-key", f"{_D}\n? [a, b]\n: c", 4, "not valid YAML"),
    bad_files(
        "four-dash-fences",
        lambda site: site.write(
            "content/dashes.md", "----\ntitle: x\ndate: 2023-08-21\n----\nنص\n"
        ),
        "content/dashes.md:1",
        "too many dashes",
    ),
    bad_files(
        "utf16-file",
        lambda site: site.write("content/utf16.md", _md(_D).encode("utf-16")),
        "content/utf16.md:1",
        "not UTF-8",
    ),
    bad_files(
        "file-of-50-mb", _sparse(50 * 1024 * 1024, "content/huge.md"), "content/huge.md", "50 MB"
    ),
    bad_files("symlink-loop", _symlink_loop, "content/loop-a.md", "link"),
    bad_files(
        "dangling-symlink",
        _symlink("nowhere.md", "content/dangling.md"),
        "content/dangling.md",
        "cannot be opened",
    ),
    # slugs and URLs
    bad_article("slug-with-space", f'{_D}\nslug: "a b"', 4, "not one URL segment"),
    bad_article("slug-dot", f'{_D}\nslug: "."', 4, "not one URL segment"),
    bad_article("slug-backslash", f'{_D}\nslug: "..\\\\x"', 4, "not one URL segment"),
    bad_article(
        "slug-of-another-file",
        "title: x\ndate: 2023-08-20\nslug: good",
        4,
        "two files claim the URL",
    ),
    bad_article("alias-parent", f"{_D}\naliases: [../x]", 4, "not a path inside the site"),
    bad_article("alias-url", f'{_D}\naliases: ["https://evil/"]', 4, "not a path inside the site"),
    bad_article("alias-query", f'{_D}\naliases: ["/old/?p=1"]', 4, "not a path inside the site"),
    bad_article("alias-mapping", f"{_D}\naliases: {{a: b}}", 4, "'aliases' must be a list"),
    bad_article("alias-of-the-home-page", f"{_D}\naliases: [index.html]", 4, "index.html"),
    bad_article("alias-of-the-feed", f"{_D}\naliases: [feed.xml]", 4, "feed.xml"),
    bad_article(
        "alias-of-a-theme-file", f"{_D}\naliases: [static/style.css]", 4, "static/style.css"
    ),
    bad_article(
        "slug-of-the-tag-index", f"{_D}\nslug: tags\ntags: [a]", 4, "tags", also=_URL_ONLY_SLUG
    ),
    bad_article("slug-of-the-archive", f"{_D}\nslug: archive", 4, "archive", also=_URL_ONLY_SLUG),
    bad_files(
        "page-slug-of-the-feed",
        lambda site: site.write("pages/feed.md", "---\ntitle: x\nslug: feed.xml\n---\nنص\n"),
        "pages/feed.md:3",
        "feed.xml",
    ),
    bad_files(
        "page-slug-reserved",
        lambda site: site.write("pages/t.md", "---\ntitle: x\nslug: tags\n---\nنص\n"),
        "pages/t.md:3",
        "not a free URL segment",
    ),
    bad_files(
        "page-without-title",
        lambda site: site.write("pages/p.md", "---\nslug: p\n---\nنص\n"),
        "pages/p.md:1",
        "needs a 'title'",
    ),
    # lead images
    bad_article(
        "image-etc-passwd",
        f"{_D}\nimage: ../../etc/passwd\nimage_alt: x",
        4,
        "outside the content folder",
    ),
    bad_article("image-root-path", f"{_D}\nimage: /etc/passwd\nimage_alt: x", 4, "does not exist"),
    bad_article(
        "image-javascript",
        f'{_D}\nimage: "javascript:alert(1)"\nimage_alt: x',
        4,
        "neither a file nor",
    ),
    bad_article(
        "image-file-url", f"{_D}\nimage: file:///etc/passwd\nimage_alt: x", 4, "neither a file nor"
    ),
    bad_article(
        "image-link-outside",
        f"{_D}\nimage: photo.png\nimage_alt: x",
        4,
        "outside the content folder",
        also=_symlink("/etc/passwd", "content/photo.png"),
    ),
    bad_article(
        "image-not-a-picture",
        f"{_D}\nimage: notes.jpg\nimage_alt: x",
        4,
        "not a picture",
        also=lambda site: site.write("content/notes.jpg", "نص"),
    ),
    bad_article("image-without-alt", f"{_D}\nimage: https://x.org/a.jpg", 4, "image_alt"),
    # the config
    bad_config("config-empty", "", 1, "empty"),
    bad_config("config-only-a-comment", "# nothing yet\n", 1, "empty"),
    bad_config(
        "config-latin1",
        "title: caf\xe9\nbase_url: https://x.org/\n".encode("latin-1"),
        None,
        "cannot be read",
    ),
    bad_config("config-utf16", _CONFIG.encode("utf-16"), None, "cannot be read"),
    bad_config("config-tab", "title: t\n\tbase_url: https://x.org/\n", 2, "tab"),
    bad_config(
        "config-unclosed-bracket", "title: [\nbase_url: https://x.org/\n", 1, "not valid YAML"
    ),
    bad_config(
        "config-title-list", "title: [a]\nbase_url: https://x.org/\n", 1, "'title' must be text"
    ),
    bad_config("config-title-null", "title: null\nbase_url: https://x.org/\n", 1, "'title'"),
    bad_config("config-no-base-url", "title: t\n", None, "no 'base_url'"),
    bad_config("base-url-query", "title: t\nbase_url: https://x.org/?a=1\n", 2, "query"),
    bad_config("base-url-fragment", "title: t\nbase_url: https://x.org/#top\n", 2, "fragment"),
    bad_config("base-url-ftp", "title: t\nbase_url: ftp://x.org/\n", 2, "absolute URL"),
    bad_config("base-url-no-host", "title: t\nbase_url: https:///news/\n", 2, "absolute URL"),
    bad_config("base-url-no-scheme", "title: t\nbase_url: //x.org/news/\n", 2, "absolute URL"),
    bad_config(
        "base-url-javascript",
        "title: t\nbase_url: javascript:alert(1)//x.org/\n",
        2,
        "absolute URL",
    ),
    bad_config("per-page-negative", f"{_CONFIG}per_page: -1\n", 3, "must be 1 or more"),
    bad_config("per-page-fraction", f"{_CONFIG}per_page: 2.5\n", 3, "whole number"),
    bad_config("per-page-true", f"{_CONFIG}per_page: true\n", 3, "whole number"),
    bad_config("feed-items-quoted", f'{_CONFIG}feed_items: "10"\n', 3, "whole number"),
    bad_config("related-count-negative", f"{_CONFIG}related_count: -1\n", 3, "0 or more"),
    bad_config("timezone-empty", f'{_CONFIG}timezone: ""\n', 3, "IANA"),
    bad_config("timezone-path", f"{_CONFIG}timezone: ../../../etc/passwd\n", 3, "IANA"),
    bad_config("timezone-offset", f"{_CONFIG}timezone: +03:00\n", 3, "IANA"),
    bad_config("hijri-quoted", f'{_CONFIG}hijri: "yes"\n', 3, "true or false"),
    bad_config("pinned-one-slug", f"{_CONFIG}pinned: khabar\n", 3, "must be a list"),
    bad_config("authors-number", f"{_CONFIG}authors: {{x: 5}}\n", 3, "'authors'"),
    bad_config("numerals-hindi", f"{_CONFIG}numerals: hindi\n", 3, "must be one of"),
    bad_config("language-empty", f'{_CONFIG}language: ""\n', 3, "BCP 47"),
    bad_config("content-dir-list", f"{_CONFIG}content_dir: [a]\n", 3, "'content_dir' must be"),
    bad_config("article-url-parent", f"{_CONFIG}article_url: '../{{slug}}/'\n", 3, "'..'"),
    bad_config("article-url-absolute", f"{_CONFIG}article_url: '/a/{{slug}}/'\n", 3, "relative"),
    bad_config(
        "article-url-unknown-field",
        f"{_CONFIG}article_url: '{{slug}}/{{hour}}/'\n",
        3,
        "unknown fields",
    ),
    bad_config("article-url-file", f"{_CONFIG}article_url: '{{slug}}.html'\n", 3, "ending with"),
    bad_config("output-is-the-parent", f"{_CONFIG}output_dir: ..\n", 3, "output"),
    bad_config("output-is-the-site", f"{_CONFIG}output_dir: .\n", 3, "output"),
    bad_config("output-is-the-disk", f"{_CONFIG}output_dir: /\n", 3, "output"),
    bad_files("output-is-the-theme", _theme_as_output, "config.yaml:4", "output"),
    bad_config("theme-is-a-file", f"{_CONFIG}theme: config.yaml\n", 3, "no templates/"),
]


@pytest.mark.parametrize(("setup", "where", "words"), BROKEN)
def test_broken_input_is_named_and_the_output_stays(
    site: SiteFolder,
    capsys: pytest.CaptureFixture[str],
    setup: Setup,
    where: str,
    words: str,
) -> None:
    site.write("content/good.md", GOOD)
    assert site.build() == 0
    before = site.snapshot()
    setup(site)
    capsys.readouterr()
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{where}: error:" in err, err
    assert words in err, err
    assert "fix:" in err, err
    assert site.snapshot() == before
    assert _staging(site) == []


def test_there_are_well_over_thirty_broken_inputs() -> None:
    from test_bad_input import BROKEN_ARTICLES, BROKEN_CONFIGS

    assert len(BROKEN) + len(BROKEN_ARTICLES) + len(BROKEN_CONFIGS) > 60


def _heading(site: SiteFolder, relative: str) -> list[str]:
    tree = lxml.html.fromstring(site.read(relative))
    return [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]


def test_a_title_that_is_a_number_is_quoted_for_the_author(site: SiteFolder) -> None:
    site.write("content/year.md", "---\ntitle: 1984\ndate: 2023-08-21\n---\nنص\n")
    assert site.build() == 0
    assert _heading(site, "articles/year/index.html") == ["1984"]


def test_a_title_or_tag_yaml_reads_as_a_number_is_shown_as_written_or_refused(
    site: SiteFolder,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """YAML 1.1 reads 12:30 as 750 (base 60) and 010 as 8 (octal): quoting the number
    back would change what the author wrote, so show it as written or ask for quotes."""
    site.write("content/time.md", "---\ntitle: 12:30\ndate: 2023-08-21\ntags: [010]\n---\nنص\n")
    if site.build() == 1:
        assert "content/time.md:2: error:" in capsys.readouterr().err
        return
    assert _heading(site, "articles/time/index.html") == ["12:30"]
    assert [p.name for p in (site.output / "tags").iterdir() if p.is_dir()] == ["010"]


@pytest.mark.parametrize("folder", ["content", "."], ids=["content", "site"])
def test_the_output_flag_never_replaces_the_sites_own_folders(
    site: SiteFolder,
    capsys: pytest.CaptureFixture[str],
    folder: str,
) -> None:
    site.write("content/good.md", GOOD)
    before = {p.relative_to(site.root): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    try:
        status = site.build("--output", str((site.root / folder).resolve()))
    except SystemExit as stop:
        status = stop.code
    assert status in (1, 2)
    assert "output" in capsys.readouterr().err
    after = {
        p.relative_to(site.root): p.read_bytes()
        for p in site.root.rglob("*")
        if p.is_file() and ".cache" not in p.parts
    }
    assert after == before


def test_a_yaml_alias_bomb_is_refused_in_a_moment(tmp_path: Path) -> None:
    """A 1 KB front matter whose aliases unfold into 387 million strings."""
    site = SiteFolder(tmp_path / "site")
    site.write("config.yaml", "title: t\nbase_url: https://x.org/\n")
    lines = ["title: x", "l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    site.write("content/bomb.md", _md("\n".join([*lines, "date: *l9", "draft: *l9"])))
    done = _measured_build(site, limit=768 * 1024 * 1024, timeout=60)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "content/bomb.md:13: error: 'date' is not a date" in done.stderr
    assert len(done.stderr) < 100_000


def _measured_build(
    site: SiteFolder, limit: int, timeout: float
) -> subprocess.CompletedProcess[str]:
    """A build in a process with at most `limit` bytes of memory; its peak RSS (bytes) is
    printed by the wrapper as the last line of stdout."""
    wrapper = (
        "import resource, subprocess, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
        "sys.exit(done.returncode)\n"
    )
    command = [
        sys.executable,
        "-c",
        wrapper,
        sys.executable,
        "-m",
        "site_builder",
        "build",
        "--config",
        str(site.config),
        "--no-search",
        "--jobs",
        "1",
    ]
    return subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=timeout)


def test_a_50_mb_article_is_refused_without_reading_it_into_memory(tmp_path: Path) -> None:
    site = SiteFolder(tmp_path / "site")
    site.write("config.yaml", "title: t\nbase_url: https://x.org/\n")
    site.write("content/good.md", GOOD)
    paragraph = ("نص طويل جداً من تقرير مطول عن الاقتصاد والسياسة. " * 40 + "\n\n").encode()
    with (site.root / "content" / "huge.md").open("wb") as handle:
        handle.write(_md("title: تقرير\ndate: 2023-08-21").encode())
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph)
    done = _measured_build(site, limit=4 * 1024 * 1024 * 1024, timeout=120)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "content/huge.md: error: the file is 50 MB" in done.stderr
    assert "fix:" in done.stderr
    peak = int(done.stdout.split()[-1])
    assert peak < 1536 * 1024 * 1024, f"peak RSS {peak / 2**20:.0f} MB"


# --- nothing written outside the site's folders ---------------------------------------


def _listing(folder: Path, output: Path, cache: Path) -> dict[str, tuple[int, int]]:
    """Every path under a folder but the output, its builder-managed siblings and the
    cache, with size and modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path in (output, cache) or output in path.parents or cache in path.parents:
            continue
        if path.parent == output.parent and path.name.startswith(f".{output.name}-"):
            continue  # the builder's staging and spare trees beside the output
        if any(p.name.startswith(f".{output.name}-") for p in path.parents):
            continue
        info = path.lstat()
        # A folder's own time changes as the output and the cache come and go beside it.
        found[str(path.relative_to(folder))] = (
            (-1, -1) if path.is_dir() else (info.st_size, info.st_mtime_ns)
        )
    return found


HOSTILE_REFUSED = {
    "slug-up": "slug: ../../../escaped",
    "slug-absolute": "slug: /tmp/escaped",
    "alias-up": "aliases: [../../../escaped/]",
    "alias-deep-up": "aliases: [a/../../../../escaped.html]",
    "alias-url": "aliases: ['https://evil.example/x/']",
    "image-up": "image: ../../../escaped.png\nimage_alt: x",
    "image-passwd": "image: /../../../../etc/passwd\nimage_alt: x",
}

HOSTILE_ALLOWED = {
    "tags": "tags: ['../../escaped', '..', '/', '\\\\', '%2e%2e', '.']",
    "section": "section: ../../escaped",
    "author": "author: ['..', '../../../escaped', '~root']",
    "alias-odd": "aliases: ['a/..x/', '%2e%2e/%2e%2e/escaped/', 'b\\\\..\\\\..\\\\escaped/']",
    "slug-odd": "slug: a.b~c",
    "title": "title: ../../../escaped/index.html",
}


def test_a_hostile_site_writes_nothing_outside_its_output_and_cache(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    home = tmp_path / "home"
    site = SiteFolder(home / "site")
    site.write("config.yaml", "title: t\nbase_url: https://example.org/news/\n")
    site.write("pages/about.md", "---\ntitle: من نحن\nslug: about\n---\nنحن.\n")
    for number, (name, front) in enumerate(HOSTILE_ALLOWED.items()):
        lines = ["title: x", f"date: 2023-08-{number + 1:02d}"]
        lines = [line for line in lines if line.split(":")[0] != front.split(":")[0]]
        site.write(f"content/{name}.md", _md("\n".join([*lines, front])))
    output, cache = site.output, site.root / ".cache"

    before = _listing(tmp_path, output, cache)
    assert site.build() == 0
    assert site.build("--clean") == 0  # a second build swaps the trees and keeps a spare
    assert _listing(tmp_path, output, cache) == before
    for path in output.rglob("*"):
        assert output.resolve() in path.resolve().parents, path

    for name, front in HOSTILE_REFUSED.items():
        site.write(f"content/{name}.md", _md(f"title: x\ndate: 2023-08-21\n{front}"))
    before = _listing(tmp_path, output, cache)
    tree = site.snapshot()
    assert site.build() == 1
    assert _listing(tmp_path, output, cache) == before
    assert site.snapshot() == tree
    assert [p for p in tmp_path.rglob("escaped*") if site.root not in p.parents] == []
