"""`site-builder deploy`: upload what changed in the built site to S3-compatible storage."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, DeploySettings
from ..config.schema import target_problem
from ..layout import FEED_FORMATS
from ..output import lock
from ..output.last_good import LastGood
from ..text.slugs import url_quote
from .console import CONTENT_ERROR, OK, USAGE_ERROR, config_flag, load_config

if TYPE_CHECKING:
    from ..deploy.sync import Plan

SHOWN_URLS = 30  # changed URLs printed; the file beside the output has them all


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    deploy_cmd = commands.add_parser("deploy", help="upload what changed to S3-compatible storage")
    deploy_cmd.set_defaults(run=run)
    config_flag(deploy_cmd)
    deploy_cmd.add_argument(
        "--target", help="s3://BUCKET/PREFIX/ instead of the config's (e.g. a drafts preview)"
    )
    deploy_cmd.add_argument(
        "--dry-run", action="store_true", help="say what would change, change nothing"
    )
    deploy_cmd.add_argument(
        "--no-delete", action="store_true", help="keep objects the site no longer has"
    )


def _settings(config: Config, target: str | None) -> DeploySettings | str:
    if target is not None:
        wrong = target_problem(target)
        if wrong:
            return f"--target {wrong}"
        base = config.deploy or DeploySettings(target)
        return replace(base, target=target)
    if config.deploy is None:
        return (
            f"{config.path} has no deploy target; add "
            "'deploy: {target: s3://BUCKET/PREFIX/}' (and endpoint:, region: for storage "
            "other than AWS), or pass --target s3://BUCKET/PREFIX/"
        )
    return config.deploy


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if config is None:
        return CONTENT_ERROR
    settings = _settings(config, args.target)
    if isinstance(settings, str):
        sys.stderr.write(f"error: {settings}\n")
        return USAGE_ERROR if args.target else CONTENT_ERROR
    output = config.output_dir
    if not (output / "index.html").is_file():
        sys.stderr.write(f"error: {output} holds no built site; run 'site-builder build' first\n")
        return CONTENT_ERROR
    with lock.held(output, "a deploy", waiting=_waiting):
        return _deploy(config, settings, output, args)


def _waiting(holder: str) -> None:
    sys.stderr.write(f"waiting for another build or deploy of this site to finish: {holder}\n")
    sys.stderr.flush()


def _deploy(
    config: Config, settings: DeploySettings, output: Path, args: argparse.Namespace
) -> int:
    from ..deploy import bucket as buckets
    from ..deploy import files, sync
    from ..deploy.errors import explained

    record = LastGood(output).record
    sources = {path: shown for shown, entry in record.articles.items() for path in entry.paths}
    local = files.scan(output, config.base_path, sources)
    target = buckets.Target.parse(settings.target)
    try:
        bucket = buckets.Bucket(buckets.client(settings), target)
        todo = sync.plan(local, bucket.remote(), set(record.held_back), delete=not args.no_delete)
        if not args.dry_run:
            sync.carry_out(bucket, output, todo)
    except Exception as error:  # noqa: BLE001 - boto3's errors, said for a person
        found = explained(error)
        if found is None:
            raise
        sys.stderr.write(f"error: {found.args[0]} ({target})\n    fix: {found.fix}\n")
        if not args.dry_run:
            sys.stderr.write("run deploy again once it is fixed: it carries on where it stopped\n")
        return CONTENT_ERROR
    urls = changed_urls(config, todo.changed)
    verb = ("would be uploaded", "would be deleted") if args.dry_run else ("uploaded", "deleted")
    print(
        f"{len(todo.uploads)} {verb[0]}, {len(todo.deletes)} {verb[1]}, "
        f"{todo.unchanged} unchanged → {target}"
    )
    if todo.kept:
        why = "--no-delete" if args.no_delete else "files of articles held back by the last build"
        print(f"{len(todo.kept)} kept in the bucket ({why})")
    for url in urls[:SHOWN_URLS]:
        print(f"  {url}")
    if not args.dry_run:
        listed = output.parent / f".{output.name}-changed-urls.txt"
        listed.write_text("".join(u + "\n" for u in urls), encoding="utf-8")
        if len(urls) > SHOWN_URLS:
            print(f"  … {len(urls) - SHOWN_URLS} more; every changed URL is in {listed}")
        _notify_hub(config, args, todo)
    return OK


def changed_urls(config: Config, paths: list[str]) -> list[str]:
    """The URLs a CDN must forget: each changed file's, and its folder's for an index."""
    urls = []
    for path in paths:
        if path.endswith("index.html"):
            urls.append(config.base_url + url_quote(path.removesuffix("index.html")))
        urls.append(config.base_url + url_quote(path))
    return urls


def _notify_hub(config: Config, args: argparse.Namespace, todo: Plan) -> None:
    from ..deploy.websub import notify

    names = {f.file for f in FEED_FORMATS}
    feeds = [
        config.base_url + url_quote(f.path)
        for f in todo.uploads
        if f.path.rpartition("/")[2] in names
    ]
    if not config.websub_hub or not feeds:
        return
    if args.target:
        print("the WebSub hub was not told: --target is not the site's own address")
        return
    wrong = notify(config.websub_hub, feeds)
    if wrong:
        sys.stderr.write(
            f"warning: {wrong} ({config.websub_hub}); readers hear at their next poll\n"
        )
    else:
        print(f"told the WebSub hub of {len(feeds)} changed feeds")
