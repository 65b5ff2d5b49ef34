"""Properties that hold for any input: front matter splitting, tag keys, slugs, and
whole builds of articles made of hostile Arabic and Latin text."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.content import front_matter
from site_builder.text.slugs import is_valid_segment, slugify
from site_builder.text.spelling import tag_key, tag_slug

# --- front matter ---------------------------------------------------------------

KEY = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
SCALAR = (
    # Text a UTF-8 file can hold; NEL is left out, as PyYAML itself writes it raw and
    # reads it back as a space.
    # Control characters are dropped on reading (no page or feed may carry them).
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\ufffe\uffff"
        ),
        max_size=30,
    )
    | st.integers(-(10**6), 10**6)
    | st.booleans()
    | st.sampled_from(["2023-08-21", "12:30", "null", "---", "a: b", "# x", "«خبر»"])
)
MAPPING = st.dictionaries(KEY, SCALAR | st.lists(SCALAR, max_size=4), min_size=1, max_size=6)
# A body is any text but CR (the split turns CR and CRLF into LF, as the contract says)
# and the control characters reading drops.
BODY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.just("\n"),
    max_size=200,
) | st.sampled_from(["", "\n", "---\n", "---\ntitle: x\n---\n", "نص\n\n---\n\nنص آخر", "\ufeffنص"])


def _dump(mapping: dict[str, object]) -> str:
    return yaml.safe_dump(mapping, allow_unicode=True, default_flow_style=False)


def _file(mapping: dict[str, object], body: str) -> str:
    return f"---\n{_dump(mapping)}---\n{body}"


@settings(max_examples=60, deadline=None)
@given(MAPPING, BODY)
def test_split_gives_back_the_body_and_the_mapping(mapping: dict[str, object], body: str) -> None:
    part = front_matter.split(_file(mapping, body))
    assert isinstance(part, front_matter.Split), part
    assert part.body == body
    assert part.yaml_text + "\n" == _dump(mapping)
    parsed = front_matter.parse(part)
    assert isinstance(parsed, front_matter.FrontMatter), parsed
    assert parsed.data == _as_written(mapping)


def _as_written(value: object) -> object:
    """What an author reads back: numbers stay the text they were written as."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


@settings(max_examples=60, deadline=None)
@given(MAPPING, BODY, st.booleans(), st.booleans())
def test_split_reads_a_bom_and_crlf_alike(
    mapping: dict[str, object], body: str, bom: bool, crlf: bool
) -> None:
    text = _file(mapping, body)
    variant = ("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)
    assert front_matter.split(variant) == front_matter.split(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_a_text_without_a_leading_fence_never_splits(text: str) -> None:
    assume(front_matter.normalise_text(text).split("\n")[0].rstrip() != "---")
    assert isinstance(front_matter.split(text), front_matter.SplitError)


# --- tag keys and slugs -------------------------------------------------------------

TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]  # fathatan … sukun, dagger alef
TATWEEL = "\u0640"
ALEFS = "اأإآٱ"
ARABIC_LETTERS = "".join(chr(c) for c in range(0x0621, 0x064B) if c != 0x0640)
# Text as editors type it: letters of both scripts, digits, spaces and punctuation;
# no combining marks of its own, so inserting tashkeel cannot compose with them.
PLAIN = st.text(
    alphabet=ARABIC_LETTERS + ALEFS + "abcXYZéß0123456789٠١٢ -_.,،/+&?#'\"«»",
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_tag_key_is_idempotent(text: str) -> None:
    assert tag_key(tag_key(text)) == tag_key(text)


@st.composite
def _spelling_variant(draw: st.DrawFn) -> tuple[str, str]:
    """A text and the same text with tashkeel and tatweel added and alef forms swapped."""
    text = draw(PLAIN)
    out = []
    for char in text:
        if char in ALEFS:
            char = draw(st.sampled_from(ALEFS))
        out.append(char)
        if char.strip() and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from([*TASHKEEL, TATWEEL])))
    return text, "".join(out)


@settings(max_examples=60, deadline=None)
@given(_spelling_variant())
def test_tag_key_ignores_tashkeel_tatweel_and_alef_forms(pair: tuple[str, str]) -> None:
    text, variant = pair
    assert tag_key(variant) == tag_key(text)
    assert tag_slug(tag_key(variant)) == tag_slug(tag_key(text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_tag_key_has_no_marks_and_one_alef(text: str) -> None:
    key = tag_key(text)
    assert not set(key) & {*TASHKEEL, TATWEEL, *"أإآٱ"}, key
    assert key == key.strip() and "  " not in key


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_tag_slug_is_one_stable_segment(text: str) -> None:
    slug = tag_slug(tag_key(text))
    assert slug and "/" not in slug and slug not in {".", ".."}
    assert is_valid_segment(slug), slug
    assert tag_slug(tag_key(text)) == slug


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_slugify_is_idempotent_and_always_one_segment(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert is_valid_segment(slug), slug
    assert "/" not in slug and ".." not in slug


# --- whole builds of hostile text -----------------------------------------------------

FIXED_NOW = "1700000000"
FRAGMENTS = [
    "<script>alert(1)</script>",
    "</p>",
    "<p onclick=x>",
    "&",
    "&amp;",
    "&lt;script&gt;",
    '"',
    "'",
    "`",
    "{: onclick=x}",
    "[x](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<a href='data:text/html,x'>d</a>",
    "<svg onload=alert(1)>",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "{{ config }}",
    "{% raw %}",
    "${x}",
    "%s",
    "\\",
    "*",
    "_",
    "#",
    "\u200e",
    "\u200f",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2069",
    "😀",
    "🇪🇬",
    "👍🏽",
    "ب" * 300,
    "x" * 400,
    "مُحَمَّد",
    "الـــقاهرة",
    "إيران",
    "Ünïcödé",
]
WORD = st.sampled_from(FRAGMENTS) | st.text(
    alphabet=ARABIC_LETTERS + "abcdefXYZ0123456789٠١٢.,،!؟:;()-", min_size=1, max_size=12
)
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
TAGS = st.lists(LINE.map(lambda s: s[:40]), max_size=3)
BLOCK = LINE | st.sampled_from(
    [
        "# عنوان {: onclick=x}",
        "> اقتباس",
        "- بند\n- بند آخر",
        "```\n<script>alert(1)</script>\n```",
        "<div markdown=1>*نص*</div>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<style>body{display:none}</style>",
        "[ref]: javascript:alert(1)\n\n[رابط][ref]",
        "| a | b |\n|---|---|\n| <b>x</b> | & |",
        "---",
        "نص[^1]\n\n[^1]: حاشية <script>x</script>",
    ]
)
BODY_TEXT = st.lists(BLOCK, min_size=1, max_size=6).map("\n\n".join)


@st.composite
def _articles(draw: st.DrawFn) -> list[dict[str, object]]:
    count = draw(st.integers(1, 3))
    return [
        {
            "title": draw(LINE),
            "tags": draw(TAGS),
            "body": draw(BODY_TEXT),
            "summary": draw(st.none() | LINE),
            "author": draw(st.none() | LINE.map(lambda s: s[:40])),
            "section": draw(st.none() | LINE.map(lambda s: s[:40])),
        }
        for _ in range(count)
    ]


def _write_site(root: Path, articles: list[dict[str, object]]) -> Path:
    (root / "content").mkdir(parents=True)
    config = root / "config.yaml"
    config.write_text(
        "title: «موقع» <b>&</b>\nbase_url: https://example.org/news/\ntimezone: Asia/Riyadh\n",
        encoding="utf-8",
    )
    for number, values in enumerate(articles):
        lines = ["---", f"date: 2023-08-{number + 1:02d}T10:00:00"]
        for key in ("title", "tags", "summary", "author", "section"):
            if values[key] is not None:
                lines.append(f"{key}: {json.dumps(values[key], ensure_ascii=False)}")
        text = "\n".join(lines) + f"\n---\n\n{values['body']}\n"
        (root / "content" / f"khabar-{number}.md").write_text(text, encoding="utf-8")
    return config


_counter = itertools.count()


@pytest.fixture(scope="module")
def fixed_now():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_NOW)
        yield


def _build(config: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["build", "--config", str(config), "--no-search", "--jobs", "1"])
    return status, err.getvalue()


def _check_html(page: Path, base_path: str) -> None:
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.tag == "html", page
    assert len(tree.xpath("/html/head")) == len(tree.xpath("/html/body")) == 1, page
    for script in tree.iter("script"):
        src = script.get("src")
        if src is None:
            assert script.get("type") == "application/ld+json", lxml.html.tostring(script)
            json.loads(script.text or "")
        else:
            assert src.startswith((base_path + "static/", base_path + "pagefind/")), src
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (page, name, value)
            if name in {"href", "src", "action", "formaction"}:
                scheme = "".join(value.split()).lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), value
    for element in tree.iter("iframe", "style", "object", "embed", "form"):
        raise AssertionError(f"{page}: <{element.tag}> in the output")


def _check_output(output: Path, articles: list[dict[str, object]]) -> None:
    pages = list(output.rglob("*.html"))
    assert pages
    for page in pages:
        _check_html(page, "/news/")
    for feed in list(output.rglob("feed.xml")) + list(output.rglob("atom.xml")):
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
    for sitemap in output.rglob("*sitemap*.xml"):
        lxml.etree.fromstring(sitemap.read_bytes())
    document = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    titles = sorted(item["title"] for item in document["items"])
    assert titles == sorted(str(a["title"]).strip() for a in articles)
    for number, values in enumerate(articles):
        tree = lxml.html.fromstring((output / f"articles/khabar-{number}/index.html").read_bytes())
        heading = "//h1[not(ancestor::div[@class='body'])]"  # the body may have its own
        headings = [" ".join(h.text_content().split()) for h in tree.xpath(heading)]
        assert headings == [" ".join(str(values["title"]).split())]


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(articles=_articles())
def test_a_build_of_hostile_text_never_crashes_and_stays_well_formed(
    tmp_path_factory: pytest.TempPathFactory, fixed_now: None, articles: list[dict[str, object]]
) -> None:
    root = tmp_path_factory.mktemp(f"hostile-{next(_counter)}")
    status, err = _build(_write_site(root, articles))
    if status == 1:  # input the contract refuses, e.g. two tags that would share a slug
        assert "content/khabar-" in err and ": error:" in err and "fix:" in err, err
        assert not (root / "output").exists()
        return
    assert status == 0, err
    _check_output(root / "output", articles)


CONTROL = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"]
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    char=CONTROL, where=st.sampled_from(["title", "body", "summary", "tags", "author", "section"])
)
def test_control_characters_never_crash_a_build(
    tmp_path_factory: pytest.TempPathFactory, fixed_now: None, char: str, where: str
) -> None:
    """Text pasted from a word processor carries control characters: the build either
    drops them or names the file; it never stops with a traceback or writes bad XML."""
    values: dict[str, object] = {
        "title": "خبر",
        "tags": ["وسم"],
        "body": "نص الخبر.",
        "summary": None,
        "author": None,
        "section": None,
    }
    values[where] = [f"و{char}سم"] if where == "tags" else f"نص{char}آخر"
    root = tmp_path_factory.mktemp(f"control-{next(_counter)}")
    status, err = _build(_write_site(root, [values]))
    if status == 1:
        assert "content/khabar-0.md" in err and "fix:" in err, err
        return
    assert status == 0, err
    for feed in list((root / "output").rglob("feed.xml")) + list(
        (root / "output").rglob("atom.xml")
    ):
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
    json.loads((root / "output" / "feed.json").read_text(encoding="utf-8"))
