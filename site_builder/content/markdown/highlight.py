"""Code blocks: highlighted by Pygments (through pymdownx.highlight) at build time, and
the theme's colours for them, light and dark.

The colours are those of two Pygments styles whose every token keeps WCAG AA
contrast (4.5:1) on the style's own background: xcode (light) and monokai (dark,
under prefers-color-scheme). Only their token and background rules are taken:
Pygments' whole sheet also sets `pre` and line-number rules for every page. The
theme's `static/highlight.css` is this module's `stylesheet()`, written by
`python -m site_builder.content.markdown.highlight > themes/default/static/highlight.css`
(a test compares them).
"""

from __future__ import annotations

from pygments.formatters import HtmlFormatter

LIGHT, DARK = "xcode", "monokai"
SCOPE = ".highlight"
# pymdownx.highlight's settings: never guess a language (a guess colours prose as code),
# and keep the language as a class (`language-python`) beside `highlight`.
SETTINGS = {"css_class": "highlight", "guess_lang": False, "pygments_lang_class": True}


def _rules(style: str) -> list[str]:
    formatter = HtmlFormatter(style=style)
    return formatter.get_background_style_defs(SCOPE) + formatter.get_token_style_defs(SCOPE)


def stylesheet() -> str:
    """The theme's highlight.css: light rules, then the dark ones for a dark scheme."""
    dark = "\n".join("  " + rule for rule in _rules(DARK))
    return (
        "/* Made by site_builder/content/markdown/highlight.py: do not edit by hand. */\n"
        + "\n".join(_rules(LIGHT))
        + f"\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )


if __name__ == "__main__":
    print(stylesheet(), end="")
