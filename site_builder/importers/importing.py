"""`site-builder import --from FORMAT`: read the old site, plan the whole migration, write
it all (articles, pages, media, the config's new keys) or nothing, and say what was done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..problems import Problem
from ..text import dates
from . import config_lines, detect
from .migrated import SourceSite
from .migration import Plan, plan, render
from .report import FIRST_PLACES, grouped
from .writing import write_all

Reader = Callable[[list[str], Config, Path | None], SourceSite]  # sources: paths or URLs


def _reader(form: str) -> Reader:
    """The reader of one format (each imported only when used)."""
    from importlib import import_module

    module = {"wordpress": "wordpress", "jekyll": "jekyll", "hugo": "hugo", "feed": "feed"}[form]
    return import_module(f"{__package__}.{module}").read  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Options:
    into: Path
    dry_run: bool = False
    update: bool = False
    media: Path | None = None


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)


def migrate(form: str | None, sources: list[str], config: Config, options: Options) -> Outcome:
    """Import the sources into the site; with any error, or --dry-run, write nothing."""
    told = detect.detect(form, sources)
    if isinstance(told, Problem):
        return Outcome([told])
    form, how = told
    site = _reader(form)(sources, config, options.media)
    site.detected = how
    planned = plan(site, config, options.into, options.update)
    files = [(p.path, render(p)) for p in planned.planned]
    files += _media(planned, config, site)
    feeds = config_lines.old_feeds(site, [p.item for p in planned.planned])
    blocks, config_report = _config_blocks(site, config, feeds, options.dry_run)
    problems = site.notes.errors + site.notes.warnings()
    outcome = Outcome(problems, _report(site, planned, options, files))
    if site.notes.errors:
        outcome.report.append("nothing was written: fix the errors above and import again")
        return outcome
    written_blocks = [b for b, add in blocks if add]
    if written_blocks and not options.dry_run:
        files.append((config.path, config_lines.appended(config.path, written_blocks)))
    outcome.report += config_report
    if options.dry_run:
        outcome.report.append("--dry-run: nothing was written")
        return outcome
    if files:
        outcome.written, errors = write_all(files)
        outcome.problems += errors
    return outcome


def _media(planned: Plan, config: Config, site: SourceSite) -> list[tuple[Path, str | bytes]]:
    copies: dict[Path, bytes] = {}
    for p in planned.planned:
        for media in p.item.media:
            if Path(media.target).is_absolute() or ".." in Path(media.target).parts:
                site.notes.warn(
                    "a media path that leaves its folder ('..'), not copied",
                    p.item.place,
                    "give the file a path inside the old site's folder",
                )
                continue
            base = p.path.parent if media.beside_article else config.content_dir
            target = base / media.target
            if target in copies or target.exists():
                continue
            try:
                copies[target] = media.source.read_bytes()
            except OSError as error:
                site.notes.warn(
                    f"a media file that cannot be read ({error.strerror})",
                    p.item.place,
                    "copy it into the content folder by hand",
                )
    return list(copies.items())


def _config_blocks(
    site: SourceSite, config: Config, feeds: dict[str, str], dry_run: bool
) -> tuple[list[tuple[str, bool]], list[str]]:
    """The config's new keys: appended when the config has no such key, else shown."""
    have = config_lines.config_keys(config.path)
    blocks, report = [], []
    for key, value in (("old_feeds", feeds), ("section_info", config_lines.section_info(site))):
        if not value:
            continue
        text = config_lines.as_yaml(key, value)  # type: ignore[arg-type]
        if key == "old_feeds" and key not in have:
            blocks.append((text, True))
            done = "would be added" if dry_run else "added"
            report.append(f"{config.path.name}: '{key}' {done} ({len(value)} old feeds):")
        else:
            blocks.append((text, False))
            merge = f" (merge with the '{key}' it has)" if key in have else ""
            report.append(f"add to {config.path.name}{merge}:")
        report += ["    " + line for line in text.rstrip("\n").split("\n")]
    return blocks, report


def _report(
    site: SourceSite, planned: Plan, options: Options, files: list[tuple[Path, str | bytes]]
) -> list[str]:
    now = dates.build_now()
    articles = [p.item for p in planned.planned if p.item.kind == "article"]
    pages = sum(p.item.kind == "page" for p in planned.planned)
    drafts = sum(a.draft for a in articles)
    scheduled = sum(not a.draft and isinstance(a.date, datetime) and a.date > now for a in articles)
    media = len(files) - len(planned.planned)
    verb = "would write" if options.dry_run else "written"
    lines = [
        f"format: {site.format} ({site.detected})",
        f"read: {site.files_read} file(s), {len(site.items)} article(s) and page(s) in them",
        f"{verb}: {len(articles)} article(s) ({drafts} draft(s), {scheduled} scheduled), "
        f"{pages} page(s), {media} media file(s)",
    ]
    replaced = [p for p in planned.planned if p.replaces]
    if replaced:
        lines.append(f"overwritten from the source (--update): {len(replaced)}")
    if planned.kept:
        places = ", ".join(str(path) for _, path in planned.kept[:FIRST_PLACES])
        more = ", …" if len(planned.kept) > FIRST_PLACES else ""
        lines.append(
            f"imported before (same id), left as they are: {len(planned.kept)} "
            f"({places}{more}); --update overwrites them"
        )
    lines += grouped("converted", site.notes.converted)
    lines += grouped("dropped or left as they were (warnings)", site.notes.warned)
    return lines
