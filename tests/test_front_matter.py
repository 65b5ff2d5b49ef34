"""Splitting a file into front matter and body, as a table of small cases."""

import pytest

from site_builder.content.front_matter import FrontMatter, Split, SplitError, parse, split


@pytest.mark.parametrize(
    ("text", "yaml_text", "body"),
    [
        ("---\ntitle: a\n---\nbody\n", "title: a", "body\n"),
        ("---\ntitle: a\n---", "title: a", ""),  # no trailing newline
        ("\ufeff---\ntitle: a\n---\nbody", "title: a", "body"),  # byte-order mark
        ("---\r\ntitle: a\r\n---\r\nline 1\r\nline 2\r\n", "title: a", "line 1\nline 2\n"),  # CRLF
        (
            "---\ntitle: a\n---\ntext\n---\nmore\n",
            "title: a",
            "text\n---\nmore\n",
        ),  # --- in the body
        ("---  \ntitle: a\n---  \nbody", "title: a", "body"),  # trailing spaces on fences
    ],
)
def test_front_matter_is_split_from_the_body(text: str, yaml_text: str, body: str) -> None:
    part = split(text)
    assert isinstance(part, Split)
    assert (part.yaml_text, part.body) == (yaml_text, body)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("   \n\n", 1, "empty"),
        ("title: a\n", 1, "no front matter"),
        ("----\ntitle: a\n----\n", 1, "too many dashes"),
        ("---\ntitle: a\nbody without a closing fence\n", 1, "never closed"),
        ("---\n", 1, "never closed"),
    ],
)
def test_a_broken_split_says_where_and_what(text: str, line: int, words: str) -> None:
    part = split(text)
    assert isinstance(part, SplitError)
    assert part.line == line
    assert words in part.message
    assert "---" in part.fix


def test_body_line_counts_from_the_top_of_the_file() -> None:
    part = split("---\ntitle: a\ndate: 2023-08-21\n---\nbody")
    assert isinstance(part, Split)
    assert part.body_line == 5


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("- a\n- b", 2, "a list"),
        ("just text", 2, "a str"),
        ("title: a\n\tdate: 2023-08-21", 3, "tab"),
        ('title: "unclosed\ndate: 2023', 2, "not valid YAML"),
        ("title: a\ntitle: [b", 3, "not valid YAML"),
        ("", 2, "empty"),
    ],
)
def test_front_matter_that_is_not_a_mapping_is_an_error_with_its_line(
    yaml_text: str, line: int, words: str
) -> None:
    result = parse(Split(yaml_text, "", 2, 3))
    assert isinstance(result, SplitError), result
    assert result.line == line
    assert words in result.message


def test_dates_stay_text_and_keys_know_their_lines() -> None:
    result = parse(Split("title: a\ndate: 2023-08-21\ntags: [x]", "", 2, 5))
    assert isinstance(result, FrontMatter)
    assert result.data["date"] == "2023-08-21"
    assert result.lines == {"title": 2, "date": 3, "tags": 4}
