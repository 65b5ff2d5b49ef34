"""Importing plain-text archive articles (the seed's format) into the content folder:
every file planned before one is written, and nothing written if any has an error."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from ..text.slugs import title_slug
from ..text.spelling import title_key
from .archive_text import ParsedImport, parse_plaintext
from .writing import Content, Draft, read_content, render_article, write_all


@dataclass(frozen=True)
class ImportResult:
    """What an import did: files written, things left alone (with why), problems."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path | str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Plan:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[Path | str, str]] = field(default_factory=list)


def _plan(
    parsed: list[tuple[Path, ParsedImport]], content: Content, into: Path, with_related: bool
) -> _Plan:
    """Decide every file before writing one: new articles first, then their related ones."""
    plan = _Plan()
    mains: list[tuple[ParsedImport, str]] = []
    for path, article in parsed:
        key = title_key(article.title)
        if key in content.slugs:
            plan.skipped.append((path, f"«{article.title}» is already in {content.files[key]}"))
            continue
        slug = content.free_slug(title_slug(article.title))
        content.add(article.title, slug, str(into / f"{slug}.md"), planned=True)
        mains.append((article, slug))
    stubs = _plan_related(parsed, content, into, plan) if with_related else []
    for article, slug in mains:
        related = tuple(
            dict.fromkeys(
                content.slugs[title_key(r.title)]
                for r in article.related
                if title_key(r.title) in content.slugs and content.slugs[title_key(r.title)] != slug
            )
        )
        plan.drafts.append(
            Draft(
                article.title,
                article.date,
                article.paragraphs,
                article.source,
                article.source_url,
                article.tags,
                slug,
                related,
            )
        )
    plan.drafts.extend(stubs)
    if not with_related:
        missing = dict.fromkeys(
            r.title
            for article, _ in mains
            for r in article.related
            if title_key(r.title) not in content.slugs
        )
        plan.skipped.extend(
            (
                title,
                "no article with this title in the content folder, so it "
                "is not listed as related; --with-related imports it",
            )
            for title in missing
        )
    return plan


def _plan_related(
    parsed: list[tuple[Path, ParsedImport]], content: Content, into: Path, plan: _Plan
) -> list[Draft]:
    """Related stories as articles of their own, dated and sourced like the article."""
    drafts: list[Draft] = []
    for _, article in parsed:
        for story in article.related:
            key = title_key(story.title)
            if key in content.slugs:
                if key not in content.planned:
                    plan.skipped.append(
                        (
                            story.title,
                            f"already in {content.files[key]}; "
                            "listed as related, not written again",
                        )
                    )
                continue
            slug = content.free_slug(title_slug(story.title))
            content.add(story.title, slug, str(into / f"{slug}.md"), planned=True)
            drafts.append(
                Draft(
                    story.title,
                    article.date,
                    story.paragraphs,
                    article.source,
                    article.source_url,
                    (),
                    slug,
                )
            )
    return drafts


def _read_inputs(paths: Iterable[Path]) -> tuple[list[tuple[Path, ParsedImport]], list[Problem]]:
    parsed: list[tuple[Path, ParsedImport]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"cannot read the file: {error.strerror}",
                    "check the path and that the file is readable",
                )
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            problems.append(
                Problem(
                    str(path),
                    line,
                    "the file is not UTF-8 text",
                    "save it as UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)",
                )
            )
            continue
        result = parse_plaintext(text, str(path))
        if isinstance(result, ParsedImport):
            parsed.append((path, result))
        else:
            problems.extend(result)
    return parsed, problems


def import_files(paths: list[Path], into: Path, base_url: str, with_related: bool) -> ImportResult:
    """Import archive files into the folder `into`; write nothing if any file has an error."""
    parsed, problems = _read_inputs(paths)
    if any(p.level == "error" for p in problems):
        return ImportResult(problems=problems)
    plan = _plan(parsed, read_content(into), into, with_related)
    files = [(into / f"{d.slug}.md", render_article(d, base_url)) for d in plan.drafts]
    written, write_problems = write_all(files) if files else ([], [])
    return ImportResult(written, plan.skipped, problems + write_problems)
