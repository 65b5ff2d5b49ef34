"""Where each article is published: its URL path, its feed id, its old URLs, and the
checks that no two files (or the builder itself) claim one URL or one id."""

from __future__ import annotations

from typing import Any

from ..config import Config
from ..content.pages import StaticPage
from ..layout import is_own, own_names
from ..problems import Problem
from ..text.ids import tag_uri


def article_path(config: Config, article: Any) -> str:
    local = article.date.astimezone(config.tz)
    return config.article_url.format(
        slug=article.slug,
        year=f"{local.year:04d}",
        month=f"{local.month:02d}",
        day=f"{local.day:02d}",
    )


def default_id(config: Config, article: Any, path: str) -> str:
    """The tag URI (RFC 4151) of an article: its date and URL path."""
    return tag_uri(config.host, article.date.astimezone(config.tz).date(), config.base_path + path)


def id_clashes(articles: list[Any], ids: list[str]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for article, article_id in zip(articles, ids, strict=True):
        # Default ids repeat only where URLs do, which is reported as a URL clash.
        if article_id in seen and article.id:
            problems.append(
                Problem(
                    article.shown,
                    article.line_of("id"),
                    f"the id {article_id} is also the id of {seen[article_id]}; "
                    "feed readers would drop one of them",
                    "give each article its own 'id:'",
                )
            )
        seen.setdefault(article_id, article.shown)
    return problems


def aliases_of(articles: list[Any]) -> tuple[list[tuple[str, int]], list[Problem]]:
    """Old URL paths, made relative to the site's root ('/old/x/' and 'old/x/' alike)."""
    found: list[tuple[str, int]] = []
    problems = []
    for index, article in enumerate(articles):
        for alias in article.aliases:
            path = alias.strip().lstrip("/")
            parts = path.rstrip("/").split("/")
            if (
                "://" in alias
                or not path
                or any(p in {"", ".", ".."} for p in parts)
                or "?" in path
                or "#" in path
            ):
                problems.append(
                    Problem(
                        article.shown,
                        article.line_of("aliases"),
                        f"the alias {alias!r} is not a path inside the site",
                        "aliases: [/old/khabar-1/] (a path under base_url)",
                    )
                )
                continue
            if not path.endswith((".html", ".htm", "/")):
                path += "/"
            found.append((path, index))
    return found, problems


def url_clashes(
    pages: list[StaticPage], articles: list[Any], paths: list[str], aliases: list[tuple[str, int]]
) -> list[Problem]:
    """Two articles, pages or aliases claiming one URL, or a URL the builder makes itself."""
    claims = [(path, articles[i], "slug") for i, path in enumerate(paths)]
    claims += [(path, articles[i], "aliases") for path, i in aliases]
    problems = []
    owner: dict[str, str] = {page.path: page.shown for page in pages}
    for path, article, key in claims:
        if is_own(path):
            problems.append(
                Problem(
                    article.shown,
                    article.line_of(key),
                    f"the URL /{path} is one the site makes itself",
                    f"choose another '{key}:' (not one of: {own_names()})",
                )
            )
        elif path in owner:
            problems.append(
                Problem(
                    article.shown,
                    article.line_of(key),
                    f"two files claim the URL /{path}: {owner[path]} and this one",
                    f"give one of them another '{key}:'",
                )
            )
        else:
            owner[path] = article.shown
    return problems
