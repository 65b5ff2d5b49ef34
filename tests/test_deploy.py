"""`deploy` against a real S3 server on loopback (rclone serve s3): only what changed
goes up, in a safe order, with the right headers, and an interrupted deploy finishes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config as BotoConfig
from checks.s3 import KEY, SECRET, LoopbackHub, S3Server, environment
from conftest import FIXED_NOW, REPO, SiteFolder, article

from site_builder.cli import main
from site_builder.deploy import kinds
from site_builder.deploy.bucket import MANIFEST

IMAGE = REPO / "content" / "2023" / "08" / "images" / "delegation.jpg"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> S3Server:
    s3 = S3Server(tmp_path_factory.mktemp("s3")).start()
    yield s3
    s3.stop()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in environment().items():
        if name.startswith("AWS_"):
            monkeypatch.setenv(name, value)


@pytest.fixture
def bucket(server: S3Server, request: pytest.FixtureRequest) -> str:
    name = "t-" + hashlib.md5(request.node.name.encode()).hexdigest()[:12]
    client(server).create_bucket(Bucket=name)
    return name


def client(server: S3Server):  # noqa: ANN201
    return boto3.client(
        "s3",
        endpoint_url=server.endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        config=BotoConfig(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def news_site(site: SiteFolder, server: S3Server, bucket: str, extra: str = "") -> SiteFolder:
    site.set_config(
        f"""\
        title: موقع الاختبار
        base_url: https://example.org/news/
        timezone: Africa/Cairo
        deploy:
          target: s3://{bucket}/news/
          endpoint: {server.endpoint}
        """
        + extra
    )
    shutil.copy(IMAGE, site.root / "content" / "delegation.jpg")
    site.add(
        "wafd",
        title="وفد عسكري إيراني يزور موسكو",
        tags=["طهران", "موسكو"],
        image="delegation.jpg",
        image_alt="الوفد في موسكو",
        aliases=["/old/wafd/"],
    )
    site.add("duma", title="الدوما يحذر", date="2023-08-20", tags=["موسكو"])
    site.add("gold", title="الذهب يرتفع", date="2023-08-19", tags=["اقتصاد"])
    return site


def deploy(site: SiteFolder, *flags: str) -> int:
    return main(["deploy", "--config", str(site.config), *flags])


def published(site: SiteFolder) -> dict[str, bytes]:
    return {k.replace(os.sep, "/"): v for k, v in site.snapshot().items()}


def in_bucket(server: S3Server, bucket: str, prefix: str = "news/") -> dict[str, bytes]:
    found = server.objects(bucket)
    return {k[len(prefix) :]: v for k, v in found.items() if k.startswith(prefix)}


def counts(out: str) -> tuple[int, int, int]:
    line = next(x for x in out.splitlines() if " uploaded, " in x)
    words = line.replace(",", "").split()
    return int(words[0]), int(words[2]), int(words[4])


def test_only_what_changed_is_uploaded_and_a_deleted_article_disappears(
    site: SiteFolder, server: S3Server, bucket: str, aws: None, capsys
) -> None:
    news_site(site, server, bucket)
    assert site.build() == 0
    first = published(site)
    assert deploy(site) == 0
    assert counts(capsys.readouterr().out) == (len(first), 0, 0)
    objects = in_bucket(server, bucket)
    assert {k: v for k, v in objects.items() if k != MANIFEST} == first

    assert deploy(site) == 0  # nothing changed
    assert counts(capsys.readouterr().out) == (0, 0, len(first))

    site.add("gold", title="الذهب يرتفع لأعلى مستوى", date="2023-08-19", tags=["اقتصاد"])
    assert site.build() == 0
    second = published(site)
    differ = {k for k in second if first.get(k) != second[k]}
    assert differ and len(differ) < len(second) / 2
    assert deploy(site) == 0
    out = capsys.readouterr().out
    assert counts(out) == (len(differ), 0, len(second) - len(differ))
    assert "https://example.org/news/articles/gold/\n" in out
    assert Path(site.root / ".output-changed-urls.txt").read_text(encoding="utf-8").count("\n") > 0

    (site.root / "content" / "duma.md").unlink()
    assert site.build() == 0
    third = published(site)
    assert deploy(site) == 0
    gone = set(second) - set(third)
    assert "articles/duma/index.html" in gone
    assert counts(capsys.readouterr().out)[1] == len(gone)
    objects = in_bucket(server, bucket)
    assert {k: v for k, v in objects.items() if k != MANIFEST} == third
    manifest = json.loads(objects[MANIFEST])
    assert manifest["complete"] is True and set(manifest["files"]) == set(third)


def test_objects_carry_their_media_type_cache_lifetime_and_redirect(
    site: SiteFolder, server: S3Server, bucket: str, aws: None
) -> None:
    news_site(site, server, bucket)
    assert site.build() == 0
    assert deploy(site) == 0
    s3 = client(server)

    def head(path: str) -> dict:
        return s3.head_object(Bucket=bucket, Key="news/" + path)

    expected = {
        "index.html": ("text/html; charset=utf-8", kinds.SHORT),
        "articles/wafd/index.html": ("text/html; charset=utf-8", kinds.SHORT),
        "feed.xml": ("application/rss+xml; charset=utf-8", kinds.SHORT),
        "atom.xml": ("application/atom+xml; charset=utf-8", kinds.SHORT),
        "feed.json": ("application/feed+json; charset=utf-8", kinds.SHORT),
        "sitemap.xml": ("application/xml; charset=utf-8", kinds.SHORT),
        "robots.txt": ("text/plain; charset=utf-8", kinds.SHORT),
        "static/style.css": ("text/css; charset=utf-8", kinds.ASSET),
        "static/favicon.svg": ("image/svg+xml; charset=utf-8", kinds.LONG),
        "articles/wafd/delegation.jpg": ("image/jpeg", kinds.LONG),
    }
    for path, (media, cache) in expected.items():
        got = head(path)
        assert (got["ContentType"], got["CacheControl"]) == (media, cache), path
        data = (site.output / path).read_bytes()
        assert got["ETag"].strip('"') == hashlib.md5(data).hexdigest(), path
    redirect = head("old/wafd/index.html")
    assert redirect["WebsiteRedirectLocation"] == "/news/articles/wafd/"
    assert "WebsiteRedirectLocation" not in head("articles/wafd/index.html")


def test_uploads_go_assets_first_then_pages_then_feeds() -> None:
    paths = ["feed.xml", "articles/a/index.html", "articles/a/photo.jpg", "static/style.css"]
    paths += ["sitemap.xml", "tags/x/feed.xml", "index.html", "pagefind/pagefind.js"]
    paths += ["pagefind/fragment/ar_1a2b.pf_fragment"]
    phases = {p: kinds.phase(p) for p in paths}
    assert {p for p, n in phases.items() if n == kinds.ASSETS} == {
        "articles/a/photo.jpg",
        "static/style.css",
        "pagefind/fragment/ar_1a2b.pf_fragment",
    }
    assert {p for p, n in phases.items() if n == kinds.PAGES} == {
        "articles/a/index.html",
        "index.html",
    }


def test_dry_run_and_no_delete_leave_the_bucket(
    site: SiteFolder, server: S3Server, bucket: str, aws: None, capsys
) -> None:
    news_site(site, server, bucket)
    assert site.build() == 0
    assert deploy(site, "--dry-run") == 0
    assert "would be uploaded" in capsys.readouterr().out
    assert in_bucket(server, bucket) == {}
    assert deploy(site) == 0
    (site.root / "content" / "gold.md").unlink()
    assert site.build() == 0
    before = in_bucket(server, bucket)
    assert deploy(site, "--no-delete") == 0
    out = capsys.readouterr().out
    assert ", 0 deleted," in out and "kept in the bucket (--no-delete)" in out
    after = in_bucket(server, bucket)
    assert "articles/gold/index.html" in after
    assert {k for k in before if k != MANIFEST} <= set(after)


def _objects_now(server: S3Server, bucket: str) -> int:
    return sum(len(files) for _, _, files in os.walk(server.root / bucket))


@pytest.mark.slow
def test_an_interrupted_deploy_finishes_on_the_next_run(
    site: SiteFolder, server: S3Server, bucket: str, aws: None
) -> None:
    news_site(site, server, bucket)
    for number in range(120):  # enough files that the kill lands half way
        site.add(f"extra-{number}", title=f"خبر {number}", tags=[f"وسم {number % 9}"])
    assert site.build() == 0
    expected = published(site)
    env = {**environment(), "SOURCE_DATE_EPOCH": FIXED_NOW}
    command = [sys.executable, "-m", "site_builder", "deploy", "--config", str(site.config)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _objects_now(server, bucket) < len(expected) // 3 and process.poll() is None:
        assert time.monotonic() < deadline, "the deploy never got going"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the deploy ended before it was killed"
    partial = in_bucket(server, bucket)
    assert 0 < len(partial) < len(expected)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    objects = in_bucket(server, bucket)
    assert {k: v for k, v in objects.items() if k != MANIFEST} == expected
    assert json.loads(objects[MANIFEST])["complete"] is True
    uploaded = int(done.stdout.split()[0])
    assert uploaded < len(expected)  # what the killed run finished was not sent again


def test_a_held_back_article_keeps_its_files_in_the_bucket(
    site: SiteFolder, server: S3Server, bucket: str, aws: None, capsys
) -> None:
    news_site(site, server, bucket)
    assert site.build() == 0
    assert deploy(site) == 0
    site.write("content/duma.md", "---\ntitle: الدوما\ndate: 2023-02-30\n---\nنص\n")
    # As on a fresh CI machine whose cache of the record was lost: the article cannot be
    # kept at its last version, so it is left out of the build, but its files stay online.
    shutil.rmtree(site.root / ".output-last-good")
    assert site.build("--keep-going") == 4
    assert not (site.output / "articles/duma").exists()
    capsys.readouterr()
    assert deploy(site) == 0
    out = capsys.readouterr().out
    assert "kept in the bucket (files of articles held back by the last build)" in out
    assert "articles/duma/index.html" in in_bucket(server, bucket)


def test_a_preview_prefix_is_its_own_and_survives_the_sites_deploy(
    site: SiteFolder, server: S3Server, bucket: str, aws: None, capsys
) -> None:
    news_site(site, server, bucket)
    site.add("draft", title="مسودة", draft=True)
    assert site.build("--drafts") == 0
    assert deploy(site, "--target", f"s3://{bucket}/news/preview/") == 0
    assert "articles/draft/index.html" in in_bucket(server, bucket, "news/preview/")
    assert site.build() == 0
    assert deploy(site) == 0  # the site's first deploy compares with a listing
    assert "articles/draft/index.html" in in_bucket(server, bucket, "news/preview/")
    assert "articles/draft/index.html" not in in_bucket(server, bucket)
    assert deploy(site, "--target", "s3://x/") == 2  # "x" is no bucket name


def test_the_websub_hub_hears_of_the_feeds_that_changed(
    site: SiteFolder, server: S3Server, bucket: str, aws: None
) -> None:
    with LoopbackHub() as hub:
        news_site(site, server, bucket, f"websub_hub: {hub.url}\n")
        assert site.build() == 0
        feed = site.read("feed.xml")
        assert f'<atom:link href="{hub.url}" rel="hub"/>' in feed
        assert f'<link href="{hub.url}" rel="hub"/>' in site.read("atom.xml")
        assert json.loads(site.read("feed.json"))["hubs"] == [{"type": "WebSub", "url": hub.url}]
        assert deploy(site) == 0
        assert len(hub.pings) == 1
        site.add("gold", title="الذهب يهبط", date="2023-08-19", tags=["اقتصاد"])
        assert site.build() == 0
        assert deploy(site) == 0
        assert len(hub.pings) == 2
        told = set(hub.pings[1]["hub.url"])
    base = "https://example.org/news/"
    assert {base + "feed.xml", base + "atom.xml", base + "feed.json"} <= told
    assert base + "tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/feed.xml" in told
    assert base + "tags/%D9%85%D9%88%D8%B3%D9%83%D9%88/feed.xml" not in told  # unchanged


def test_credentials_never_come_from_the_config(site: SiteFolder, capsys) -> None:
    site.set_config(
        """\
        title: موقع
        base_url: https://example.org/
        deploy: {target: "s3://my-bucket/", aws_secret_access_key: abc}
        """
    )
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "credentials never go in the config" in err and "AWS_ACCESS_KEY_ID" in err


def test_missing_credentials_are_said_in_one_line(
    site: SiteFolder, server: S3Server, bucket: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    news_site(site, server, bucket)
    assert site.build() == 0
    assert deploy(site) == 1
    err = capsys.readouterr().err
    assert "no credentials for the storage were found" in err
    assert "AWS_ACCESS_KEY_ID" in err and "Traceback" not in err


def test_deploy_without_a_target_or_a_build_says_what_to_do(site: SiteFolder, capsys) -> None:
    site.write("content/a.md", article())
    assert deploy(site) == 1
    assert "has no deploy target" in capsys.readouterr().err
    site.set_config("title: موقع\nbase_url: https://example.org/\ndeploy: {target: 's3://b-1/'}\n")
    assert deploy(site) == 1
    assert "holds no built site; run 'site-builder build' first" in capsys.readouterr().err
