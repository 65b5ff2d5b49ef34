"""Old URLs sent on to new ones: a _redirects file for hosts that read one (the
redirect pages themselves come from the theme's redirect.html)."""

from __future__ import annotations

from .files import Output


def redirects_file(rules: list[tuple[str, str]]) -> Output:
    """Netlify and Cloudflare Pages' format: 'FROM TO 301', one rule a line."""
    lines = [f"{old} {new} 301" for old, new in rules]
    return Output("_redirects", ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
