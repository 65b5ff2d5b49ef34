"""Progress and the closing summary, as a person at a terminal or a CI log sees them."""

import io

from conftest import SiteFolder

from site_builder.progress import Progress


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress.started -= 2  # a long build
    for done in range(1, 11):
        progress("render", done, 10)
    assert stream.getvalue().splitlines()[-1] == "render: 10/10"


def test_quiet_shows_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(stream, quiet=True)
    progress.started -= 2
    progress("render", 10, 10)
    assert stream.getvalue() == ""


def test_the_summary_counts_articles_tags_feeds_and_files(site: SiteFolder, capsys) -> None:
    site.add("a", tags=["روسيا", "مصر"])
    site.add("b", title="ب", tags=["روسيا"])
    assert site.build() == 0
    out = capsys.readouterr().out
    assert "2 articles, 2 tags, 7 feeds;" in out and "files written, 0 unchanged" in out
    assert site.build("--verbose") == 0
    out = capsys.readouterr().out
    assert "nothing changed" in out
    assert site.build("--quiet") == 0
    assert capsys.readouterr().out == ""
