"""Reading the content and pages folders into checked articles and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, find_files, parse_article, read_text
from .config import Config
from .pages import StaticPage, parse_page
from .problems import Problem


@dataclass
class Sources:
    articles: list[Article] = field(default_factory=list)
    pages: list[StaticPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def shown_path(file: Path, config: Config) -> str:
    """A file's path as an editor knows it: relative to the site's folder."""
    try:
        return str(file.relative_to(config.root))
    except ValueError:
        return str(file)


def read_sources(config: Config) -> Sources:
    """Every article and static page, with every problem found on the way."""
    sources = Sources()
    if not config.content_dir.is_dir():
        sources.problems.append(Problem(str(config.path), None,
                                        f"the content folder {config.content_dir} does not exist",
                                        "create it, or set content_dir in the config"))
        return sources
    for file in find_files(config.content_dir):
        shown = shown_path(file, config)
        text = read_text(file, shown, config.content_dir)
        if isinstance(text, Problem):
            sources.problems.append(text)
            continue
        article, problems = parse_article(text, file, shown, config.tz)
        sources.problems += problems
        if article:
            sources.articles.append(article)
    for file in find_files(config.pages_dir):
        shown = shown_path(file, config)
        text = read_text(file, shown, config.pages_dir)
        if isinstance(text, Problem):
            sources.problems.append(text)
            continue
        page, problems = parse_page(text, file, shown)
        sources.problems += problems
        if page:
            sources.pages.append(page)
    return sources
