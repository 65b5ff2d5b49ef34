"""Nothing an author wrote is lost without a word: template syntax left as text and
whatever the sanitizer removed are warnings with the file and the line, grouped so
that hundreds of them never bury an error, and `check` sees them too."""

from __future__ import annotations

import json

import pytest
from conftest import SiteFolder

from site_builder.content.markdown.foreign_syntax import advice, find, mask_code


def test_a_hugo_shortcode_outside_code_is_a_warning_saying_what_to_write(
    site: SiteFolder, capsys
) -> None:
    site.add("one", body="مقدمة.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n`{{< in_code >}}`\n")
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "content/one.md:8: warning: the Hugo shortcode 'youtube' is shown as text" in err
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in err  # the fix: the address
    assert "in_code" not in err


SOURCE = """\
{{< figure src="a.jpg" caption="الوفد" >}}
{{% notice info %}}تنبيه{{% /notice %}}
{% include figure.html src="/a.jpg" %} و{{ site.title | escape }}.
{% raw %}{{ not.rendered }}{% endraw %}
{:refdef: .note}
{::nomarkdown}<b>x</b>{:/}

```liquid
{% include in_fence.html %}
```

    {{ indented.code }}
"""


def test_template_syntax_is_found_outside_code_only() -> None:
    found = [(f.kind, f.name, f.line) for f in find(SOURCE)]
    assert found == [
        ("hugo-shortcode", "figure", 1),
        ("hugo-shortcode", "notice", 2),
        ("hugo-shortcode", "/notice", 2),
        ("liquid-tag", "include", 3),
        ("liquid-output", "site.title | escape", 3),
        ("liquid-raw", "raw", 4),
        ("kramdown-ald", "refdef", 5),
        ("kramdown-extension", "nomarkdown", 6),
        ("kramdown-extension-end", "", 6),
    ]
    masked = mask_code(SOURCE)
    assert len(masked) == len(SOURCE) and "in_fence" not in masked and "indented" not in masked
    figure = advice(find(SOURCE)[0])
    assert figure is not None and figure.fix == 'write the image in Markdown: ![](a.jpg "الوفد")'


@pytest.mark.parametrize(
    ("body", "warned"),
    [
        ("فقرة\n{: .lead}\n", False),  # attr_list reads it (the class is then reported)
        ("فقرة\n\n{: .lead}\n", True),  # a stray one: shown as text
        ('{::options parse_block_html="true" /}\n\nنص\n', False),
    ],
)
def test_kramdown_attributes_are_told_only_when_left_as_text(
    site: SiteFolder, capsys, body: str, warned: bool
) -> None:
    site.add("one", body=body)
    assert site.build() == 0
    assert ("kramdown's {: …} where it is not read" in capsys.readouterr().err) == warned


def test_many_warnings_are_grouped_and_errors_come_last_with_their_count(
    site: SiteFolder, capsys
) -> None:
    for i in range(7):
        site.add(f"a{i}", title=f"خبر {i}", layout="post", body="فقرة\n{: .center}\n")
    site.add("bad", title="خبر", date="2023-13-45")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert err.count("unknown front matter key 'layout'") == 1
    assert (
        "warning: unknown front matter key 'layout' (ignored) (7 times): "
        "content/a0.md:4, content/a1.md:4, content/a2.md:4 and 4 more"
    ) in err
    assert "warning: the class 'center' removed (7 times): content/a0.md:8," in err
    last = err.strip().split("\n\n")
    assert last[-2].startswith("content/bad.md:3: error: 'date' is not a date")
    assert last[-1].startswith("1 error(s), 14 warning(s)\nnothing was written")


def test_json_keeps_one_object_per_problem(site: SiteFolder, capsys) -> None:
    for i in range(3):
        site.add(f"a{i}", title=f"خبر {i}", layout="post")
    assert site.check("--format", "json") == 0
    problems = json.loads(capsys.readouterr().out)
    assert len(problems) == 3
    assert all(set(p) == {"file", "line", "message", "fix", "level"} for p in problems)


def test_check_tells_what_conversion_finds(site: SiteFolder, capsys) -> None:
    site.add("one", body='<p onclick="x()">نص</p>\n\n![](images/none.png)\n')
    assert site.check() == 1
    err = capsys.readouterr().err
    assert "content/one.md:6: warning: the onclick attribute of <p> was removed" in err
    assert "content/one.md:8: error: the image file 'images/none.png' does not exist" in err


def test_a_rebuild_from_the_cache_tells_the_warnings_again(site: SiteFolder, capsys) -> None:
    site.add("one", body="<script>x()</script>\n\nنص.\n")
    assert site.build() == 0
    assert "<script> was removed" in capsys.readouterr().err
    assert site.build() == 0
    captured = capsys.readouterr()
    assert "nothing changed" in captured.out
    assert "content/one.md:6: warning: <script> was removed" in captured.err
