"""Structural checks of RSS 2.0, Atom 1.0 and JSON Feed 1.1 files, by their specs.

Each check returns a list of readable problems ("feed.xml: item 3: ..."); an empty
list means the feed passed. These catch what readers trip on (see PITFALLS.md):
relative links in content, missing or repeated ids, localized dates, `ar_EG`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import feedparser
import lxml.html
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")

# RFC 5646 language tag, without the grandfathered irregular forms nobody uses.
_BCP47 = re.compile(
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?"
    r"(-([a-z\d]{5,8}|\d[a-z\d]{3}))*(-[\da-wy-z](-[a-z\d]{2,8})+)*(-x(-[a-z\d]{1,8})+)?$",
    re.IGNORECASE,
)
# RFC 822 as RSS 2.0 uses it, with the 4-digit year every validator asks for.
_RFC822 = re.compile(
    r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|[ECMP][SD]T|Z)$"
)
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# Characters allowed in a URI (RFC 3986): anything else must be percent-encoded.
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
# RFC 4151 tag URI: tag:authority,date:specific (specific already percent-encoded).
_TAG_URI = re.compile(
    r"^tag:([a-z0-9\-._]+@)?[a-z0-9.\-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]*"
    r"(#[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]*)?$"
)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Schemes a link inside feed content may use; everything else (relative paths,
# "#fragment", javascript:) breaks or misleads in a reader.
_CONTENT_SCHEMES = ("http", "https", "mailto", "tel")


def find_feeds(root: Path) -> list[Path]:
    """Every feed file in an output folder: the site's, and each tag's, section's, author's."""
    return sorted(p for name in FEED_NAMES for p in root.rglob(name) if "pagefind" not in p.parts)


def check_feed(path: Path, root: Path | None = None, base_url: str | None = None) -> list[str]:
    """Structural problems plus feedparser's complaints for one feed file.

    With root and base_url, the feed's self URL must be base_url + its path under root.
    """
    name = str(path.relative_to(root)) if root else path.name
    self_url = base_url + quote(path.relative_to(root).as_posix()) if root and base_url else None
    data = path.read_bytes()
    if path.suffix == ".json":
        # feedparser 6.0 reads no JSON Feed; the structural check is all there is.
        return check_json_feed(data, name, self_url)
    return check_xml_feed(data, name, self_url) + feedparser_problems(data, name)


def check_feeds(root: Path, base_url: str | None = None) -> list[str]:
    """All problems of all feeds under root; a site without any feed is a problem too."""
    feeds = find_feeds(root)
    if not feeds:
        return [f"{root}: no feed.xml, atom.xml or feed.json found"]
    return [problem for path in feeds for problem in check_feed(path, root, base_url)]


def feedparser_problems(data: bytes, name: str) -> list[str]:
    parsed = feedparser.parse(data)
    if parsed.get("bozo"):
        return [f"{name}: feedparser: {parsed.get('bozo_exception')!r}"]
    return []


# --- shared value checks ----------------------------------------------------


def is_absolute_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def url_problem(url: str | None, what: str) -> str | None:
    """Why url is not an absolute, percent-encoded http(s) URL, or None."""
    if url is None or not url.strip():
        return f"{what} is missing or empty"
    if not is_absolute_url(url):
        return f"{what} {url!r} is not an absolute http(s) URL"
    if url != url.strip() or not _URI_CHARS.match(url):
        return f"{what} {url!r} has characters that must be percent-encoded"
    return None


def id_problem(value: str, what: str) -> str | None:
    """Ids must be absolute IRIs; tag: ids must follow RFC 4151."""
    if value.startswith("tag:"):
        return None if _TAG_URI.match(value) else f"{what} {value!r} is not a valid tag: URI"
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value):
        return f"{what} {value!r} is not an absolute URI"
    return None


def language_problem(tag: str | None, what: str) -> str | None:
    if tag is None or not tag.strip():
        return f"{what} is missing"
    if not _BCP47.match(tag.strip()):
        return f"{what} {tag!r} is not a BCP 47 tag (write e.g. 'ar' or 'ar-EG', never 'ar_EG')"
    return None


def rfc822_problem(value: str | None, what: str) -> str | None:
    if value is None:
        return f"{what} is missing"
    value = value.strip()
    if not value.isascii() or not _RFC822.match(value):
        example = "Mon, 05 Aug 2024 09:30:00 +0000"
        return f"{what} {value!r} is not an RFC 822 date in English (e.g. {example!r})"
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return f"{what} {value!r} is not a real date"
    day = value.split(",")[0] if "," in value else None
    if day and day != _DAYS[parsed.weekday()]:
        return f"{what} {value!r}: {parsed.date()} is a {_DAYS[parsed.weekday()]}, not a {day}"
    return None


def rfc3339_problem(value: str | None, what: str) -> str | None:
    if value is None or not value.strip():
        return f"{what} is missing"
    if not _RFC3339.match(value.strip()):
        return f"{what} {value!r} is not an RFC 3339 date-time (e.g. '2024-08-05T09:30:00+03:00')"
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return f"{what} {value!r} is not a real date-time"
    return None


def html_url_problems(html: str | None, what: str) -> Iterator[str]:
    """Links and media inside feed content must be absolute: readers have no base URL."""
    if not html or not html.strip():
        return
    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        yield f"{what}: content does not parse as HTML: {exc}"
        return
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("href", "src", "poster"):
            value = element.get(attribute)
            if value is not None and urlsplit(value.strip()).scheme not in _CONTENT_SCHEMES:
                yield f"{what}: <{element.tag} {attribute}={value!r}> is not an absolute URL"
        srcset = element.get("srcset")
        for candidate in (srcset or "").split(","):
            url = candidate.strip().split(" ")[0]
            if url and not is_absolute_url(url):
                yield f"{what}: <{element.tag} srcset> has {url!r}, not an absolute URL"


def duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _text(element: etree._Element | None) -> str | None:
    return None if element is None else (element.text or "")


def _present(problems: list[str], value: str | None, what: str) -> None:
    if value is None or not value.strip():
        problems.append(f"{what} is missing or empty")


def _add(problems: list[str], problem: str | None) -> None:
    if problem:
        problems.append(problem)


def _self_matches(problems: list[str], found: str | None, expected: str | None, what: str) -> None:
    # Readers and validators use the self URL to tell where the feed lives.
    if expected and found and found.strip() != expected:
        problems.append(f"{what} is {found!r}, but the feed is served at {expected!r}")


# --- XML feeds --------------------------------------------------------------


def check_xml_feed(data: bytes, name: str, self_url: str | None = None) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [f"{name}: not well-formed XML: {exc}"]
    if root.tag == "rss":
        return check_rss(root, name, self_url)
    if root.tag == f"{{{ATOM}}}feed":
        return check_atom(root, name, self_url)
    return [f"{name}: root element <{root.tag}> is neither <rss> nor Atom <feed>"]


def check_rss(rss: etree._Element, name: str, self_url: str | None = None) -> list[str]:
    problems: list[str] = []
    if rss.get("version") != "2.0":
        problems.append(f"{name}: <rss version={rss.get('version')!r}>, expected '2.0'")
    channels = rss.findall("channel")
    if len(channels) != 1:
        return [*problems, f"{name}: {len(channels)} <channel> elements, expected 1"]
    channel = channels[0]
    at = f"{name}: channel"
    _present(problems, _text(channel.find("title")), f"{at} <title>")
    _add(problems, url_problem(_text(channel.find("link")), f"{at} <link>"))
    # RSS 2.0 requires the element; blank is allowed (the W3C validator only warns).
    if channel.find("description") is None:
        problems.append(f"{at} has no <description>")
    _add(problems, language_problem(_text(channel.find("language")), f"{at} <language>"))
    for tag in ("pubDate", "lastBuildDate"):
        if channel.find(tag) is not None:
            _add(problems, rfc822_problem(_text(channel.find(tag)), f"{at} <{tag}>"))
    selfs = [link for link in channel.findall(f"{{{ATOM}}}link") if link.get("rel") == "self"]
    if len(selfs) != 1:
        problems.append(f'{at}: {len(selfs)} <atom:link rel="self">, expected 1')
    for link in selfs:
        _add(problems, url_problem(link.get("href"), f'{at} <atom:link rel="self"> href'))
        _self_matches(problems, link.get("href"), self_url, f'{at} <atom:link rel="self"> href')
        if link.get("type") not in (None, "application/rss+xml"):
            problems.append(f"{at} <atom:link rel=\"self\"> type should be 'application/rss+xml'")
    image = channel.find("image")
    if image is not None:
        _add(problems, url_problem(_text(image.find("url")), f"{at} <image><url>"))

    guids: list[str] = []
    for number, item in enumerate(channel.findall("item"), start=1):
        at = f"{name}: item {number}"
        title, description = _text(item.find("title")), _text(item.find("description"))
        if not (title or "").strip() and not (description or "").strip():
            problems.append(f"{at} has neither <title> nor <description>")
        if item.find("link") is not None:
            _add(problems, url_problem(_text(item.find("link")), f"{at} <link>"))
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            problems.append(f"{at} has no <guid>")
        else:
            guids.append(guid.text or "")
            if guid.get("isPermaLink", "true") == "true":
                _add(
                    problems,
                    url_problem(guid.text, f'{at} <guid> (a permalink unless isPermaLink="false")'),
                )
            else:
                _add(problems, id_problem((guid.text or "").strip(), f"{at} <guid>"))
        _add(problems, rfc822_problem(_text(item.find("pubDate")), f"{at} <pubDate>"))
        for enclosure in item.findall("enclosure"):
            _add(problems, url_problem(enclosure.get("url"), f"{at} <enclosure> url"))
        problems.extend(html_url_problems(description, f"{at} <description>"))
        problems.extend(
            html_url_problems(_text(item.find(f"{{{CONTENT}}}encoded")), f"{at} <content:encoded>")
        )
    problems.extend(
        f"{name}: <guid> {guid!r} is used by more than one item" for guid in duplicates(guids)
    )
    return problems


def _atom_links(problems: list[str], parent: etree._Element, at: str) -> dict[str, list[str]]:
    """Check every <link> of a feed or entry; return hrefs by rel."""
    by_rel: dict[str, list[str]] = {}
    for link in parent.findall(f"{{{ATOM}}}link"):
        rel = link.get("rel", "alternate")
        by_rel.setdefault(rel, []).append(link.get("href") or "")
        _add(problems, url_problem(link.get("href"), f'{at} <link rel="{rel}"> href'))
    return by_rel


def _has_author(element: etree._Element) -> bool:
    return any(
        (_text(author.find(f"{{{ATOM}}}name")) or "").strip()
        for author in element.findall(f"{{{ATOM}}}author")
    )


def _atom_text_html(element: etree._Element | None) -> str | None:
    """The HTML inside an Atom text construct (type html is escaped, xhtml is inline)."""
    if element is None:
        return None
    kind = element.get("type", "text")
    if kind == "html":
        return element.text or ""
    if kind == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in element)
    return None


def check_atom(feed: etree._Element, name: str, self_url: str | None = None) -> list[str]:
    problems: list[str] = []
    atom = f"{{{ATOM}}}"
    at = f"{name}: feed"
    id_ = _text(feed.find(f"{atom}id"))
    _present(problems, id_, f"{at} <id>")
    if id_:
        _add(problems, id_problem(id_.strip(), f"{at} <id>"))
    _present(problems, _text(feed.find(f"{atom}title")), f"{at} <title>")
    _add(problems, rfc3339_problem(_text(feed.find(f"{atom}updated")), f"{at} <updated>"))
    links = _atom_links(problems, feed, at)
    if len(links.get("self", [])) != 1:
        problems.append(f'{at}: {len(links.get("self", []))} <link rel="self">, expected 1')
    for href in links.get("self", []):
        _self_matches(problems, href, self_url, f'{at} <link rel="self"> href')
    language = feed.get("{http://www.w3.org/XML/1998/namespace}lang")
    if language is not None:
        _add(problems, language_problem(language, f"{at} xml:lang"))
    feed_has_author = _has_author(feed)

    ids: list[str] = []
    for number, entry in enumerate(feed.findall(f"{atom}entry"), start=1):
        at = f"{name}: entry {number}"
        entry_id = _text(entry.find(f"{atom}id"))
        _present(problems, entry_id, f"{at} <id>")
        if entry_id and entry_id.strip():
            ids.append(entry_id.strip())
            _add(problems, id_problem(entry_id.strip(), f"{at} <id>"))
        _present(problems, _text(entry.find(f"{atom}title")), f"{at} <title>")
        _add(problems, rfc3339_problem(_text(entry.find(f"{atom}updated")), f"{at} <updated>"))
        if entry.find(f"{atom}published") is not None:
            _add(
                problems,
                rfc3339_problem(_text(entry.find(f"{atom}published")), f"{at} <published>"),
            )
        entry_links = _atom_links(problems, entry, at)
        content = entry.find(f"{atom}content")
        # RFC 4287 4.1.2: an entry without <content> must link to it (rel=alternate).
        if content is None and not entry_links.get("alternate"):
            problems.append(f'{at} has neither <content> nor <link rel="alternate">')
        if not feed_has_author and not _has_author(entry):
            problems.append(f"{at} has no <author><name>, and neither has the feed")
        problems.extend(html_url_problems(_atom_text_html(content), f"{at} <content>"))
        problems.extend(
            html_url_problems(_atom_text_html(entry.find(f"{atom}summary")), f"{at} <summary>")
        )
    problems.extend(
        f"{name}: entry <id> {i!r} is used by more than one entry" for i in duplicates(ids)
    )
    return problems


# --- JSON Feed --------------------------------------------------------------


def _json_url(
    problems: list[str], obj: dict[str, Any], key: str, at: str, required: bool = False
) -> None:
    if key in obj or required:
        value = obj.get(key)
        _add(problems, url_problem(value if isinstance(value, str) else None, f"{at} {key!r}"))


def check_json_feed(data: bytes, name: str, self_url: str | None = None) -> list[str]:
    try:
        feed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{name}: not UTF-8 JSON: {exc}"]
    if not isinstance(feed, dict):
        return [f"{name}: top level is not a JSON object"]
    problems: list[str] = []
    at = f"{name}:"
    if feed.get("version") != JSON_FEED_VERSION:
        problems.append(
            f"{at} 'version' is {feed.get('version')!r}, expected {JSON_FEED_VERSION!r}"
        )
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.append(f"{at} 'title' is missing or empty")
    _json_url(problems, feed, "home_page_url", at, required=True)
    _json_url(problems, feed, "feed_url", at, required=True)
    if isinstance(feed.get("feed_url"), str):
        _self_matches(problems, feed["feed_url"], self_url, f"{at} 'feed_url'")
    for key in ("icon", "favicon", "next_url"):
        _json_url(problems, feed, key, at)
    if "language" in feed:
        _add(problems, language_problem(feed.get("language"), f"{at} 'language'"))
    items = feed.get("items")
    if not isinstance(items, list):
        return [*problems, f"{at} 'items' is missing or not a list"]
    ids: list[str] = []
    for number, item in enumerate(items, start=1):
        at = f"{name}: item {number}"
        if not isinstance(item, dict):
            problems.append(f"{at} is not an object")
            continue
        item_id = item.get("id")
        # JSON Feed 1.1: id is a string (numbers "should" be coerced, we do not).
        if not isinstance(item_id, str) or not item_id.strip():
            problems.append(f"{at} 'id' is missing or not a non-empty string")
        else:
            ids.append(item_id)
            if item_id.startswith("tag:"):
                _add(problems, id_problem(item_id, f"{at} 'id'"))
        html, text = item.get("content_html"), item.get("content_text")
        if not (isinstance(html, str) and html.strip()) and not (
            isinstance(text, str) and text.strip()
        ):
            # JSON Feed 1.1 needs one of them; an empty one shows readers a blank story.
            problems.append(f"{at} has no non-empty 'content_html' or 'content_text'")
        for key in ("url", "external_url", "image", "banner_image"):
            _json_url(problems, item, key, at)
        for key in ("date_published", "date_modified"):
            if key in item:
                _add(problems, rfc3339_problem(item.get(key), f"{at} {key!r}"))
        if isinstance(html, str):
            problems.extend(html_url_problems(html, f"{at} 'content_html'"))
        if "language" in item:
            _add(problems, language_problem(item.get("language"), f"{at} 'language'"))
    problems.extend(
        f"{name}: item 'id' {i!r} is used by more than one item" for i in duplicates(ids)
    )
    return problems
