"""Front-matter keys are declared once: the table makes the reading, the cache record,
the page's values and the README's table, so a new key is one line of code."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from conftest import REPO, SiteFolder, run_cli

from site_builder.content.fields import FIELDS, readme_table


def test_the_readme_lists_every_key_as_the_table_declares_it() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme


def test_every_key_has_a_fix_and_a_meaning() -> None:
    for field in FIELDS:
        assert field.doc and field.fix.startswith(field.key + ":"), field.key
    assert len({f.key for f in FIELDS}) == len(FIELDS)


# A builder with one more key, added to the table and nowhere else; its theme shows it.
_WITH_SUBTITLE = """
import sys
from site_builder.content import fields
from site_builder.content.field_kinds import TEXT

fields.FIELDS += (fields.Field("subtitle", TEXT, "a line under the headline", "subtitle: …"),)
from site_builder.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_key_added_to_the_table_is_read_cached_and_shown(site: SiteFolder) -> None:
    from site_builder.config import default_theme_dir

    script = site.write("with_subtitle.py", _WITH_SUBTITLE)
    theme = site.root / "theme"
    for path in default_theme_dir().rglob("*"):
        if path.is_file():
            site.write(f"theme/{path.relative_to(default_theme_dir())}", path.read_bytes())
    article_html = theme / "templates" / "article.html"
    article_html.write_text(
        article_html.read_text(encoding="utf-8").replace(
            "<h1>{{ article.title }}</h1>",
            '<h1>{{ article.title }}</h1>\n<p class="subtitle">{{ article.subtitle }}</p>',
        ),
        encoding="utf-8",
    )
    site.set_config(
        textwrap.dedent(
            """\
            title: موقع
            base_url: https://example.org/news/
            theme: theme
            """
        )
    )
    site.add("a", title="خبر", subtitle="سطر تحت العنوان")
    site.add("b", title="خبر آخر", date="2023-08-20")

    def build() -> str:
        proc = subprocess.run(
            [sys.executable, str(script), "build", "--config", str(site.config)]
            + ["--no-search", "--verbose", "--jobs", "1"],
            capture_output=True,
            text=True,
            cwd=site.root,
        )
        assert proc.returncode == 0, proc.stderr
        assert "unknown front matter key" not in proc.stderr
        return proc.stdout

    first = build()
    assert "2 article files read" in first
    assert '<p class="subtitle">سطر تحت العنوان</p>' in site.read("articles/a/index.html")
    site.write("content/b.md", (site.root / "content/b.md").read_text(encoding="utf-8") + "\n")
    second = build()  # a.md comes from the cache: its subtitle was kept in the record
    assert "1 article files read" in second
    assert '<p class="subtitle">سطر تحت العنوان</p>' in site.read("articles/a/index.html")
    site.add("a", title="خبر", subtitle="سطر آخر")
    build()
    assert '<p class="subtitle">سطر آخر</p>' in site.read("articles/a/index.html")


def test_the_builder_without_the_key_warns_of_it(site: SiteFolder) -> None:
    site.add("a", subtitle="سطر")
    proc = run_cli("check", "--config", str(site.config))
    assert re.search(
        r"content/a\.md:\d+: warning: unknown front matter key 'subtitle'", proc.stderr
    )
