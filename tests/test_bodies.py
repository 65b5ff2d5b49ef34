"""Article bodies: Markdown to HTML, sanitized by an allow-list unless authors are trusted."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.content.bodies import BodyRenderer, clean, may_carry_markup, summarize

SAFE = BodyRenderer(unsafe_html=False)


@pytest.mark.parametrize(
    ("source", "kept", "dropped"),
    [
        ("<script>alert(1)</script>", "", "<script"),
        ('<a href="javascript:alert(1)">x</a>', ">x</a>", "javascript:"),
        ("[x](javascript:alert(1))", ">x</a>", "javascript:"),
        ("[x][r]\n\n[r]: javascript:alert(1)", ">x</a>", "javascript:"),
        ('<img src="data:image/png;base64,AAA" alt="صورة">', 'alt="صورة"', "data:"),
        ('فقرة\n{: onclick="alert(1)" }', "فقرة", "onclick"),
        ('<p style="color:red" onmouseover="x()">نص</p>', "نص", "onmouseover"),
        ("<iframe src='https://evil.example'></iframe>", "", "iframe"),
        ("[رابط](https://example.org/a)", 'href="https://example.org/a"', "javascript"),
    ],
)
def test_raw_html_and_dangerous_links_are_cleaned(source: str, kept: str, dropped: str) -> None:
    html = SAFE.render(source).html
    assert kept in html
    assert dropped not in html


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("نصعربي abc123*_`#-.>\n!&\\[]()\"'")), max_size=200))
def test_text_without_markup_triggers_needs_no_cleaning(text: str) -> None:
    """The sanitizer is skipped only where it could not change anything."""
    if may_carry_markup(text):
        return
    html = SAFE.markdown.reset().convert(text)
    assert clean(html) == html or _same_markup(clean(html), html)


def _same_markup(a: str, b: str) -> bool:
    import lxml.html

    if not a.strip() and not b.strip():
        return True
    return lxml.html.tostring(
        lxml.html.fragment_fromstring(a, create_parent="div")
    ) == lxml.html.tostring(lxml.html.fragment_fromstring(b, create_parent="div"))


def test_plain_paragraphs_skip_inline_patterns_but_keep_markdown() -> None:
    html = SAFE.render("نص **غامق** و`كود` و[رابط](https://x.org)\n\nفقرة بسيطة").html
    assert "<strong>غامق</strong>" in html and "<code>كود</code>" in html
    assert '<a href="https://x.org"' in html and "<p>فقرة بسيطة</p>" in html


@pytest.mark.parametrize(
    ("html", "summary"),
    [
        ("<p>جملة قصيرة.</p><p>ثانية</p>", "جملة قصيرة."),
        ("<p>" + "كلمة " * 100 + "</p>", ("كلمة " * 44).strip() + "…"),
        ("<p>A &amp; B <em>x</em></p>", "A & B x"),
    ],
)
def test_the_summary_is_the_first_paragraph_shortened(html: str, summary: str) -> None:
    assert summarize(html) == summary


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/embed/x",
        "//www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://user@www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com:8443/embed/dQw4w9WgXcQ",
        "http://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.google.com/search?q=x",
        "javascript:alert(1)",
    ],
)
def test_an_iframe_stays_only_on_an_allowed_host_and_player_path(src: str) -> None:
    body = SAFE.render(f'<iframe src="{src}" sandbox="allow-top-navigation"></iframe>\n')
    assert "<iframe" not in body.html and "<template" not in body.html
    assert body.problems and all("<iframe>" in p.message for p in body.problems)


def test_the_sanitizer_forces_the_sandbox_an_author_cannot_loosen() -> None:
    html = SAFE.render(
        '<iframe src="https://player.vimeo.com/video/76979871" sandbox="allow-top-navigation" '
        'referrerpolicy="unsafe-url"></iframe>\n'
    ).html
    assert "allow-top-navigation" not in html and "unsafe-url" not in html
    assert 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"' in html


@pytest.mark.parametrize(
    ("source", "kept", "dropped"),
    [
        ('<img src="a.png" srcset="javascript:x 1x, b.png 2x" alt="">', "b.png 2x", "javascript"),
        ('<code class="language-python evil">x</code>', 'class="language-python"', "evil"),
        ('<div class="footnote x">ن</div>', 'class="footnote"', '"footnote x"'),
        ('<p id="main">ن</p>', 'id="u-main"', 'id="main"'),
        ('<a href="#main">ن</a>', 'href="#u-main"', 'href="#main"'),
        (
            '<table><tr><td style="text-align: right; color: red">x</td></tr></table>',
            "text-align:right",
            "color",
        ),
    ],
)
def test_the_sanitizer_keeps_what_the_builder_writes_and_nothing_else(
    source: str, kept: str, dropped: str
) -> None:
    html = clean(source)
    assert kept in html and dropped not in html


def test_every_removal_is_told_with_its_line() -> None:
    body = SAFE.render('نص.\n\n<p onclick="x()" class="lead">أ</p>\n\n<style>p{}</style>\n')
    told = [(p.line, p.message, p.level) for p in body.problems]
    assert told == [
        (3, "the onclick attribute of <p> was removed (not allowed in an article)", "warning"),
        (3, "the class 'lead' was removed (not allowed in an article)", "warning"),
        (5, "<style> was removed (not allowed in an article)", "warning"),
    ]
    assert all(p.fix for p in body.problems)
