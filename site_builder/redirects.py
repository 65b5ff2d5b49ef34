"""Old URLs sent on to new ones: small redirect pages and a _redirects file."""

from __future__ import annotations

from html import escape

from .output import Output


def redirect_page(alias: str, target: str, title: str, language: str, direction: str) -> Output:
    """A page that sends readers (meta refresh) and crawlers (canonical) to `target`."""
    path = alias if alias.endswith((".html", ".htm")) else alias + "index.html"
    url = escape(target, quote=True)
    text = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}" dir="{escape(direction)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        "</head>\n<body>\n"
        f'<p>نُقلت هذه الصفحة إلى <a href="{url}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )
    return Output(path, text.encode("utf-8"))


def redirects_file(rules: list[tuple[str, str]]) -> Output:
    """Netlify and Cloudflare Pages' format: 'FROM TO 301', one rule a line."""
    lines = [f"{old} {new} 301" for old, new in rules]
    return Output("_redirects", ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
