"""`serve`: the preview an editor keeps open while writing.

It builds with drafts into a folder of its own, serves under base_url's path,
rebuilds on every save and reloads open pages; a broken article keeps the last
good site and lays the problem over the page until a fix builds. The browser test
drives Debian's Chromium (scripts/install-test-deps); without it it fails, never skips.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import REPO, SiteFolder, article, run_cli

from site_builder import config as config_module
from site_builder.cli import main
from site_builder.preview.live import LiveState, inject
from site_builder.preview.server import PreviewServer
from site_builder.preview.watch import Preview

TITLE = "وفد عسكري يزور موسكو"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers and text of a GET that follows no redirect."""
    parts = urlsplit(url)
    connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path, headers={"Host": host} if host else {})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.getheaders()), body


# --- the server in this process ---------------------------------------------------


@contextlib.contextmanager
def serving_folder(output: Path, base_path: str = "/news/") -> Iterator[tuple[str, LiveState]]:
    state = LiveState(base_path)
    server = PreviewServer("127.0.0.1", 0, state, output)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}", state
    finally:
        server.close()


def test_the_reload_script_is_in_served_pages_only_never_in_built_files(site: SiteFolder) -> None:
    site.add("one", title=TITLE)
    assert site.build() == 0
    with serving_folder(site.output) as (root, state):
        status, headers, page = get(f"{root}/news/articles/one/")
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert TITLE in page
        script = f'<script src="/__reload.js" data-version="{state.version}"></script></body>'
        assert script in page
        status, headers, css = get(f"{root}/news/static/style.css")
        assert status == 200 and "__reload" not in css
        status, _, feed = get(f"{root}/news/feed.xml")
        assert status == 200 and "__reload" not in feed
    on_disk = [p for p in site.output.rglob("*") if p.is_file()]
    assert on_disk and not any(b"__reload" in p.read_bytes() for p in on_disk)


def test_the_site_is_served_under_its_base_path(site: SiteFolder) -> None:
    site.add("one", title=TITLE, tags=["موسكو"])
    assert site.build() == 0
    with serving_folder(site.output) as (root, _):
        for bare in ("/", "/news"):
            status, headers, _ = get(root + bare)
            assert status == 302 and headers["Location"] == "/news/"
        assert get(f"{root}/news/")[0] == 200
        status, headers, _ = get(f"{root}/news/articles/one")
        assert status == 302 and headers["Location"] == "/news/articles/one/"
        tag = quote("موسكو")
        assert get(f"{root}/news/tags/{tag}/")[0] == 200
        status, _, missing = get(f"{root}/news/articles/none/")
        assert status == 404 and "/__reload.js" in missing  # reloads once the page exists
        assert get(f"{root}/articles/one/")[0] == 404
        assert get(f"{root}/news/../../../etc/passwd")[0] == 404
        assert get(f"{root}/news/%2e%2e/%2e%2e/etc/passwd")[0] == 404


@pytest.mark.parametrize("base_path", ["/أخبار/", quote("/أخبار/")])
def test_a_base_path_in_arabic_is_served_however_it_is_written(
    tmp_path: Path, base_path: str
) -> None:
    (tmp_path / "index.html").write_text("<body>الرئيسية</body>", encoding="utf-8")
    with serving_folder(tmp_path, base_path) as (root, _):
        status, headers, _ = get(f"{root}/")
        assert status == 302 and headers["Location"] == quote("/أخبار/")
        status, _, page = get(root + quote("/أخبار/"))
        assert status == 200 and "الرئيسية" in page


def test_only_the_hosts_the_flag_names_are_answered(site: SiteFolder) -> None:
    site.add("one")
    assert site.build() == 0
    with serving_folder(site.output) as (root, _):
        port = root.rsplit(":", 1)[1]
        assert get(f"{root}/news/", host=f"localhost:{port}")[0] == 200
        # A DNS name rebound to 127.0.0.1 must not let another site read the drafts.
        assert get(f"{root}/news/", host=f"attacker.example:{port}")[0] == 421


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b"<html><body><p>x</p></body></html>", b"<html><body><p>x</p>TAG</body></html>"),
        (b"<BODY>x</BODY>", b"<BODY>xTAG</BODY>"),
        (b"<p>no body tag</p>", b"<p>no body tag</p>TAG"),
        (b"<p>&lt;/body&gt; in text</p></body>", b"<p>&lt;/body&gt; in text</p>TAG</body>"),
    ],
)
def test_inject_puts_the_script_before_the_last_body_end(html: bytes, expected: bytes) -> None:
    tag = b'<script src="/__reload.js" data-version="v"></script>'
    assert inject(html, "v") == expected.replace(b"TAG", tag)


def test_a_broken_article_keeps_the_last_good_site_until_the_fix(site: SiteFolder, capsys) -> None:
    one = site.add("one", title=TITLE)
    config = config_module.load(site.config)
    assert not isinstance(config, list)
    output = site.root / "preview"
    with serving_folder(output) as (root, state):
        preview = Preview(site.config, output, state, drafts=True)
        preview.rebuild()
        good = state.version
        one.write_text("---\ntitle: [غير مغلق\ndate: 2023-08-21\n---\n", encoding="utf-8")
        preview.rebuild()
        assert "content/one.md:" in capsys.readouterr().err
        shown = json.loads(get(f"{root}/__reload")[2])
        assert shown["version"] == good
        assert [p["file"] for p in shown["problems"]] == ["content/one.md"]
        assert "content/one.md:" in shown["text"]
        assert TITLE in get(f"{root}/news/articles/one/")[2]
        one.write_text(article(title="عنوان مصحح"), encoding="utf-8")
        preview.rebuild()
        shown = json.loads(get(f"{root}/__reload")[2])
        assert shown["problems"] == [] and shown["version"] != good
        assert "عنوان مصحح" in get(f"{root}/news/articles/one/")[2]
    assert not site.output.exists()  # the site's own output/ is never touched


def test_a_theme_being_edited_shows_its_template_error(site: SiteFolder) -> None:
    site.add("one", title=TITLE)
    shutil.copytree(REPO / "themes" / "default", site.root / "mytheme")
    site.config.write_text(
        site.config.read_text(encoding="utf-8") + "theme: mytheme\n", encoding="utf-8"
    )
    state = LiveState("/news/")
    preview = Preview(site.config, site.root / "preview", state, drafts=True)
    preview.rebuild()
    template = site.root / "mytheme/templates/article.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}", encoding="utf-8")
    preview.rebuild()
    [problem] = json.loads(state.as_json())["problems"]
    assert problem["file"].endswith("article.html") and "TemplateSyntaxError" in problem["message"]


def test_a_build_that_changes_nothing_does_not_reload_pages(site: SiteFolder) -> None:
    site.add("one", title=TITLE)
    output = site.root / "preview"
    state = LiveState("/news/")
    preview = Preview(site.config, output, state, drafts=True)
    preview.rebuild()
    first = state.version
    preview.rebuild()
    assert state.version == first


# --- the command, as an editor starts it ------------------------------------------


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    root: str  # e.g. http://127.0.0.1:PORT
    out: Path
    err: Path

    def logs(self) -> str:
        return (
            f"stdout:\n{self.out.read_text(encoding='utf-8', errors='replace')}\n"
            f"stderr:\n{self.err.read_text(encoding='utf-8', errors='replace')}"
        )

    def stop(self) -> int:
        """Ctrl-C, as an editor stops it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("serve did not stop on Ctrl-C\n" + self.logs()) from None


@contextlib.contextmanager
def serve_command(config: Path, *flags: str) -> Iterator[Served]:
    port = free_port()
    logs = config.parent.parent / f"serve-{port}"
    out, err = logs.with_suffix(".out"), logs.with_suffix(".err")
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "site_builder",
                "serve",
                "--config",
                str(config),
                "--port",
                str(port),
                *flags,
            ],
            stdout=stdout,
            stderr=stderr,
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    served = Served(process, f"http://127.0.0.1:{port}", out, err)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "serve exited early\n" + served.logs()
            with contextlib.suppress(OSError):
                state = json.loads(get(f"{served.root}/__reload")[2])
                assert not state["problems"], "the first build failed\n" + served.logs()
                if state["builds"] >= 1:
                    break
            assert time.monotonic() < deadline, (
                "serve never finished its first build\n" + served.logs()
            )
            time.sleep(0.1)
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from checks.browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-test-deps", pytrace=False)
    with chromium() as launched:
        yield launched


@pytest.mark.slow
def test_an_open_page_follows_edits_shows_errors_and_clears_them(site: SiteFolder, browser) -> None:
    from playwright.sync_api import expect

    one = site.add("one", title=TITLE)
    with serve_command(site.config) as served:
        page = browser.new_page()
        page.goto(f"{served.root}/news/articles/one/")
        expect(page.locator("h1")).to_have_text(TITLE)

        one.write_text(article(title="عنوان جديد بعد التعديل"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text("عنوان جديد بعد التعديل", timeout=10_000)

        one.write_text("---\ntitle: [غير مغلق\ndate: 2023-08-21\n---\n", encoding="utf-8")
        overlay = page.locator("#site-builder-errors")
        expect(overlay).to_be_visible(timeout=10_000)
        expect(overlay).to_contain_text("content/one.md:")
        expect(page.locator("h1")).to_have_text("عنوان جديد بعد التعديل")  # the last good build

        one.write_text(article(title="عنوان مصحح"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text("عنوان مصحح", timeout=10_000)
        expect(overlay).to_have_count(0)
        page.close()
        assert served.stop() == 0, served.logs()
    assert "Traceback" not in served.logs()
    assert "content/one.md:" in served.err.read_text(encoding="utf-8")  # also in the terminal
    assert not site.output.exists()


@pytest.mark.slow
def test_init_new_then_serve_shows_the_draft_unless_no_drafts(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    assert main(["init", str(folder)]) == 0
    config = folder / "config.yaml"
    assert main(["new", "خبر لم يُنشر بعد", "--config", str(config), "--slug", "draft-one"]) == 0
    with serve_command(config) as served:
        status, _, page = get(f"{served.root}/articles/draft-one/")
        assert status == 200 and "خبر لم يُنشر بعد" in page and "مسودة" in page
    with serve_command(config, "--no-drafts") as served:
        assert get(f"{served.root}/articles/draft-one/")[0] == 404
        assert get(f"{served.root}/")[0] == 200


def test_a_busy_port_is_a_clear_message(site: SiteFolder) -> None:
    site.add("one")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--config", str(site.config), "--port", str(port))
    assert done.returncode == 2
    assert done.stderr.strip() == f"port {port} is in use; try --port {port + 1}"
    assert not site.output.exists()


def test_a_broken_config_stops_serve_before_it_listens(site: SiteFolder) -> None:
    site.set_config("title: x\n")
    done = run_cli("serve", "--config", str(site.config), "--port", str(free_port()))
    assert done.returncode == 1 and "base_url" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_serve_and_build_on_one_site_never_corrupt_each_other(
    site: SiteFolder, tmp_path: Path
) -> None:
    """An editor previews while the scheduled build runs: each edit is rebuilt by both,
    at the same moment, and each ends whole."""
    for number in range(40):
        site.add(f"story-{number}", title=f"خبر {number}", tags=["القاهرة", f"وسم {number % 5}"])
    with serve_command(site.config) as served:
        for round_ in range(4):
            builds = json.loads(get(f"{served.root}/__reload")[2])["builds"]
            site.add("story-1", title=f"خبر معدل {round_}", tags=["القاهرة"])
            done = run_cli("build", "--config", str(site.config), "--no-search")
            assert done.returncode == 0, done.stderr
            deadline = time.monotonic() + 30
            while json.loads(get(f"{served.root}/__reload")[2])["builds"] <= builds:
                assert time.monotonic() < deadline, served.logs()
                time.sleep(0.05)
            state = json.loads(get(f"{served.root}/__reload")[2])
            assert not state["problems"], served.logs()
        page = get(f"{served.root}/news/articles/story-1/")[2]
        assert "خبر معدل 3" in page
    clean = tmp_path / "clean"
    done = run_cli(
        "build", "--config", str(site.config), "--no-search", "--clean", "--output", str(clean)
    )
    assert done.returncode == 0, done.stderr
    assert site.snapshot() == {
        str(p.relative_to(clean)): p.read_bytes() for p in sorted(clean.rglob("*")) if p.is_file()
    }
