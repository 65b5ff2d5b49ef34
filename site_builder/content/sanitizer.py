"""The allow-list a body passes through, and what it removed, said with the line.

nh3 (ammonia) keeps only safe tags, attributes and link schemes (never script,
style, event attributes, javascript: or data: links). On top of its defaults:
- ids stay in the body's families (`h-`, `fn-`, `fnref…`, `u-`; see anchors), and
  `#…` links follow them;
- classes are those the builder itself writes (footnotes, the table of contents,
  highlighted code, embedded posts); any other class is dropped and reported;
- an `<iframe>` is kept only on an allowed host (the config's `embed_hosts`; the
  well-known ones only under their player paths), with https and no user or port;
  its sandbox, lazy loading and referrer policy are forced;
- a table cell keeps its `text-align`, an image its `srcset` and `sizes`.

nh3 says nothing of what it drops, so a census of tag and attribute names before
and after tells (a value changed, such as an id moved to `u-`, is no removal).
`attribute_filter`'s return value is not checked again by nh3: it only ever
returns the value, a part of it, or a constant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from pygments.token import STANDARD_TYPES

from . import facades
from .markdown.anchors import namespaced
from .markdown.embeds import KINDS

# The players of the well-known hosts live under these paths; another path on the same
# host (google.com/search…) is not an embed.
PLAYER_PATHS = {
    "www.youtube-nocookie.com": "/embed/",
    "www.youtube.com": "/embed/",
    "player.vimeo.com": "/video/",
    "www.dailymotion.com": "/embed/video/",
    "geo.dailymotion.com": "/player",
    "w.soundcloud.com": "/player/",
    "www.google.com": "/maps/embed",
}
_CLASSES = {
    "a": {"footnote-ref", "footnote-backref", "toclink"},
    "div": {"footnote", "toc", "highlight"},
    "span": {"toctitle"},
    "blockquote": {"embed-post"},
}
_LANGUAGE = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,32}$")
_PYGMENTS = frozenset(STANDARD_TYPES.values()) - {""}
_ALLOW = {"autoplay", "encrypted-media", "picture-in-picture", "fullscreen", "clipboard-write"}
_SIZE = re.compile(r"^\d{1,4}%?$")
_SIZES = re.compile(r"^[\w\s(),:.%-]{1,200}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ATTRIBUTES = {
    "*": {"dir", "lang", "title", "id", "class"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "time": {"datetime"},
    "iframe": {"src", "title", "allow", "allowfullscreen", "width", "height", "data-embed"},
}
_FORCED = {
    "sandbox": facades.SANDBOX,
    "loading": "lazy",
    "referrerpolicy": facades.REFERRER,
}
# What the cleaner adds, which the census must not count as the author's.
_ADDED = {("a", "rel"), *(("iframe", name) for name in _FORCED)}


@dataclass(frozen=True)
class Removed:
    """One thing the sanitizer took out of a body."""

    what: str  # e.g. "<script>", "the onclick attribute of <p>", "the class 'center'"
    line: int  # in the body, from 1
    fix: str


def _srcset(value: str) -> str | None:
    """Only the candidates with an http(s) or relative address (no javascript:, data:)."""
    kept = []
    for candidate in value.split(","):
        address = candidate.strip().split(" ", 1)[0]
        if address and (address.startswith(("https://", "http://")) or not _SCHEME.match(address)):
            kept.append(candidate.strip())
    return ", ".join(kept) or None


class Sanitizer:
    """One cleaner for a site's allowed embed hosts; `clean` also says what it removed."""

    def __init__(self, embed_hosts: Collection[str]) -> None:
        self.hosts = frozenset(h.lower() for h in embed_hosts)
        self._dropped: Counter[str] = Counter()  # classes dropped during one clean()
        self.cleaner = nh3.Cleaner(
            tags=nh3.ALLOWED_TAGS | {"iframe"},
            attributes=_ATTRIBUTES,
            attribute_filter=self._filter,
            link_rel="noopener noreferrer",
            filter_style_properties={"text-align"},
            set_tag_attribute_values={"iframe": _FORCED},
        )

    def src_allowed(self, value: str) -> bool:
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        path = PLAYER_PATHS.get(host, "/")
        return (
            parts.scheme == "https"
            and host in self.hosts
            and parts.path.startswith(path)
            and not parts.username
            and port is None
        )

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return namespaced(value) if value.strip() else None
        if attribute == "href" and value.startswith("#") and len(value) > 1:
            return "#" + namespaced(value[1:])
        if attribute == "class":
            return self._classes(tag, value)
        if tag == "img" and attribute == "srcset":
            return _srcset(value)
        if tag == "img" and attribute == "sizes":
            return value if _SIZES.match(value) else None
        if tag == "iframe":
            return self._iframe(attribute, value)
        return value

    def _classes(self, tag: str, value: str) -> str | None:
        kept = []
        for name in value.split():
            if (
                name in _CLASSES.get(tag, ())
                or (tag in ("div", "code") and _LANGUAGE.match(name))
                or (tag == "span" and name in _PYGMENTS)
            ):
                kept.append(name)
            else:
                self._dropped[name] += 1
        return " ".join(kept) or None

    def _iframe(self, attribute: str, value: str) -> str | None:
        if attribute == "src":
            return value if self.src_allowed(value) else None
        if attribute == "allow":
            kept = [t.strip() for t in value.split(";") if t.strip() in _ALLOW]
            return "; ".join(kept) or None
        if attribute in ("width", "height"):
            return value if _SIZE.match(value) else None
        if attribute == "data-embed":
            return value if value in KINDS else None
        return value

    def clean(self, html: str, source: str) -> tuple[str, list[Removed]]:
        """The body kept to the allow-list, and each removal with its line in `source`."""
        self._dropped.clear()
        cleaned = _SRCLESS_IFRAME.sub("", self.cleaner.clean(html))
        removed = census(html) - census(cleaned)
        for added in _ADDED:
            removed.pop(added, None)
        dropped = Counter(self._dropped)
        for kind in [k for k in removed if isinstance(k, tuple) and k[1] == "class"]:
            del removed[kind]  # told class by class
        if not removed and not dropped:
            return cleaned, []
        return cleaned, _report(removed, dropped, html, source, self)


_SRCLESS_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def census(html: str) -> Counter[str | tuple[str, str]]:
    """How many of each tag, and of each (tag, attribute), a fragment has."""
    counted: Counter[str | tuple[str, str]] = Counter()
    html = _SCRIPT_TEXT.sub(r"\1\3", _COMMENT.sub("", html))
    for match in _TAG.finditer(html):
        tag = match.group(1).lower()
        counted[tag] += 1
        for attribute in _ATTRIBUTE.finditer(match.group(2)):
            counted[(tag, attribute.group(1).lower())] += 1
    return counted


_SCRIPT_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\ssrc\s*=\s*[\"']?([^\"'\s>]*)", re.I)
_TAG_FIXES = {
    "script": "scripts in articles are not run: for a post or a video, put its address "
    "alone on its line",
    "style": "the theme styles the page: remove the <style>",
    "video": "put the video on YouTube, Vimeo or Dailymotion and its address alone on its line",
    "audio": "put the audio on SoundCloud and its address alone on its line",
}
_ATTRIBUTE_FIXES = {
    "style": "the theme styles the page: remove style=",
    "href": "link to an http(s) or mailto address (javascript: and data: links are removed)",
    "src": "use an image file beside the article (data: and javascript: addresses are removed)",
}
_GENERAL_FIX = (
    "write it in Markdown, or remove it; set unsafe_html: true only if every author is trusted"
)


def _lines(source: str, pattern: str, fallback: int = 1) -> list[int]:
    """The lines of the body that match, from 1 (the fallback when none does)."""
    found = re.compile(pattern, re.I)
    lines = [n for n, line in enumerate(source.split("\n"), 1) if found.search(line)]
    return lines or [fallback]


def _each(what: str, count: int, lines: list[int], fix: str) -> list[Removed]:
    return [Removed(what, lines[min(i, len(lines) - 1)], fix) for i in range(count)]


def _report(
    removed: Counter[str | tuple[str, str]],
    dropped: Counter[str],
    html: str,
    source: str,
    sanitizer: Sanitizer,
) -> list[Removed]:
    found: list[Removed] = []
    if removed.pop("iframe", 0):
        for src in _IFRAME_SRC.findall(html):
            if not sanitizer.src_allowed(src):
                host = urlsplit(src).hostname or src or "?"
                fix = (
                    f"add {host} to the config's embed_hosts if you trust it; for a video, "
                    "put its address alone on its line"
                )
                found.append(
                    Removed(f"an <iframe> from {host}", _lines(source, re.escape(src))[0], fix)
                )
    tags = {k for k in removed if isinstance(k, str)} | {"iframe"}
    for kind, count in sorted(removed.items(), key=str):
        if isinstance(kind, str):
            fix = _TAG_FIXES.get(kind, _GENERAL_FIX)
            found += _each(f"<{kind}>", count, _lines(source, rf"<{kind}\b"), fix)
        elif kind[0] not in tags:
            tag, attribute = kind
            fix = _ATTRIBUTE_FIXES.get(attribute, _GENERAL_FIX)
            if attribute.startswith("on"):
                fix = "scripts in articles are not run: remove " + attribute + "="
            lines = _lines(source, rf"(?<![\w-]){re.escape(attribute)}\s*=")
            found += _each(f"the {attribute} attribute of <{tag}>", count, lines, fix)
    for name, count in sorted(dropped.items()):
        lines = _lines(source, rf"(?:\.|class\s*=.*)(?<![\w-]){re.escape(name)}(?![\w-])")
        fix = f'the theme has no style for it: remove it ({{: .{name}}} or class="{name}")'
        found += _each(f"the class '{name}'", count, lines, fix)
    return found
