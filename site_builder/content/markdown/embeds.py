"""A known provider's address alone on its line becomes its embed, as WordPress does.

Videos, audio and maps (YouTube through its no-cookie host, Vimeo with do-not-track,
Dailymotion, SoundCloud, Google Maps embed addresses) become an `<iframe>` marked
with its provider, which the sanitizer checks like any other and `facades` turns
into a click-to-load facade. Social posts (X, Facebook, Instagram, TikTok) become
a blockquote with the link: no third-party script. An address of an unknown
provider, or of one whose host the config's `embed_hosts` leaves out, stays as
written. The address must be its own paragraph (blank lines around it, at most 3
spaces before it: 4 would be code).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qs, quote, urlsplit

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_LINE = re.compile(r"^[ \t]{0,3}<?(https?://[^\s<>]+?)>?[ \t]*$")
_CANDIDATE = re.compile(r"^[ \t]{0,3}<?https?://[^\s<>]+>?[ \t]*$", re.M)
_YT = r"(?P<id>[A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])"
_TAIL = r"/?(?:[?&#]\S*)?$"
_SOUNDCLOUD_RESERVED = (
    "discover|you|search|stream|charts|upload|settings|messages|notifications|pages|people"
    "|tags|popular|terms-of-use"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile("^https?://" + pattern)


PROVIDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "youtube",
        _rx(r"(?:(?:www|m|music)\.)?youtube\.com/watch/?\?(?:[^#\s]*&)?v=" + _YT + r"\S*$"),
    ),
    (
        "youtube",
        _rx(r"(?:(?:www|m)\.)?youtube(?:-nocookie)?\.com/(?:embed|shorts|live|v)/" + _YT + _TAIL),
    ),
    ("youtube", _rx(r"youtu\.be/" + _YT + _TAIL)),
    (
        "vimeo",
        _rx(
            r"(?:www\.)?vimeo\.com/(?:channels/[\w-]+/|groups/[\w-]+/videos/|album/\d+/video/)?"
            r"(?P<id>\d{6,12})(?:/(?P<hash>[0-9a-f]{6,20}))?" + _TAIL
        ),
    ),
    ("vimeo", _rx(r"player\.vimeo\.com/video/(?P<id>\d{6,12})" + _TAIL)),
    (
        "dailymotion",
        _rx(
            r"(?:www\.)?dailymotion\.com/(?:embed/)?video/(?P<id>x[a-z0-9]{4,10})(?:_[\w-]*)?"
            + _TAIL
        ),
    ),
    ("dailymotion", _rx(r"dai\.ly/(?P<id>x[a-z0-9]{4,10})" + _TAIL)),
    (
        "soundcloud",
        _rx(
            rf"(?:www\.|m\.)?soundcloud\.com/(?!(?:{_SOUNDCLOUD_RESERVED})/)"
            r"(?P<path>[\w-]+/(?:sets/)?[\w-]+)/?(?:\?\S*)?$"
        ),
    ),
    ("googlemaps", re.compile(r"^https://(?:www\.)?google\.com/maps/embed\?pb=[^\s&#]+$")),
    (
        "googlemaps",
        re.compile(
            r"^https://www\.google\.com/maps/embed/v1/(?:place|view|directions|search|streetview)"
            r"\?[^\s#]+$"
        ),
    ),
    (
        "x",
        _rx(
            r"(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:\w{1,15}|i/web)/status(?:es)?/\d{5,20}"
            + _TAIL
        ),
    ),
    (
        "facebook",
        _rx(
            r"(?:www\.|m\.|web\.)?facebook\.com/(?:[\w.-]+/(?:posts|videos)/[\w.-]+"
            r"|permalink\.php\?(?:\S*&)?story_fbid=\w+\S*|(?:watch/?\?v=|reel/)\d+"
            r"|share/[pvr]/\w+|photo/?\?fbid=\d+\S*)" + _TAIL
        ),
    ),
    ("facebook", _rx(r"fb\.watch/[\w-]+" + _TAIL)),
    (
        "instagram",
        _rx(r"(?:www\.)?instagram\.com/(?:[\w.]{1,30}/)?(?:p|reel|reels|tv)/[\w-]{5,40}" + _TAIL),
    ),
    ("tiktok", _rx(r"(?:www\.|m\.)?tiktok\.com/@[\w.-]{1,30}/(?:video|photo)/\d{8,25}" + _TAIL)),
    ("tiktok", _rx(r"(?:vm|vt)\.tiktok\.com/\w+/?$")),
    ("tiktok", _rx(r"(?:www\.)?tiktok\.com/t/\w+/?$")),
)
SOCIAL = frozenset({"x", "facebook", "instagram", "tiktok"})
KINDS = {"youtube": "video", "vimeo": "video", "dailymotion": "video"}
KINDS |= {"soundcloud": "audio", "googlemaps": "map"}


@dataclass(frozen=True)
class Embed:
    provider: str
    url: str  # the address as written
    src: str = ""  # the iframe's address; "" for a social post

    @property
    def host(self) -> str:
        return urlsplit(self.src).hostname or ""


def _start(url: str) -> int | None:
    query = parse_qs(urlsplit(url).query)
    value = (query.get("t") or query.get("start") or [""])[0]
    found = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value)
    if not value or found is None or not any(found.groups()):
        return None
    hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _src(provider: str, url: str, found: dict[str, str | None]) -> str:
    if provider == "youtube":
        start = _start(url)
        query = f"?start={start}" if start else ""
        return f"https://www.youtube-nocookie.com/embed/{found['id']}{query}"
    if provider == "vimeo":
        secret = found.get("hash") or (parse_qs(urlsplit(url).query).get("h") or [""])[0]
        secret = secret if re.fullmatch(r"[0-9a-f]{6,20}", secret or "") else ""
        return f"https://player.vimeo.com/video/{found['id']}?dnt=1" + (
            f"&h={secret}" if secret else ""
        )
    if provider == "dailymotion":
        return f"https://www.dailymotion.com/embed/video/{found['id']}"
    if provider == "soundcloud":
        track = quote(f"https://soundcloud.com/{found['path']}", safe="")
        return f"https://w.soundcloud.com/player/?url={track}&visual=false"
    return re.sub(r"^https://google\.com/", "https://www.google.com/", url)  # googlemaps


def match(url: str) -> Embed | None:
    """The embed an address stands for, if its provider is known."""
    for provider, pattern in PROVIDERS:
        found = pattern.match(url)
        if found is None:
            continue
        if provider in SOCIAL:
            return Embed(provider, url)
        return Embed(provider, url, _src(provider, url, found.groupdict()))
    return None


def match_line(line: str) -> Embed | None:
    """The embed of a line that is only an address (or `<address>`)."""
    found = _LINE.match(line)
    return match(found.group(1)) if found else None


def provider_name(provider: str, words: Mapping[str, str]) -> str:
    return words.get(f"provider_{provider}", provider)


def html_of(embed: Embed, words: Mapping[str, str]) -> str:
    """A social post's blockquote, or the marked iframe that becomes a facade."""
    name = provider_name(embed.provider, words)
    if embed.provider in SOCIAL:
        label = escape(words["embed_post"].format(provider=name))
        return (
            f'<blockquote class="embed-post"><p>{label}: <a href="{escape(embed.url)}">'
            f'<bdi dir="ltr">{escape(_shown_address(embed.url))}</bdi></a></p></blockquote>'
        )
    title = escape(words[f"embed_{KINDS[embed.provider]}"].format(provider=name))
    return (
        f'<iframe data-embed="{embed.provider}" src="{escape(embed.src)}" title="{title}"></iframe>'
    )


def _shown_address(url: str) -> str:
    parts = urlsplit(url)
    shown = (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
    return shown if len(shown) <= 60 else shown[:59] + "…"


class _EmbedPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, hosts: Collection[str], words: Mapping[str, str]) -> None:
        super().__init__(md)
        self.hosts = hosts
        self.words = words

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "://" not in text:
            return lines
        out = list(lines)
        for found in _CANDIDATE.finditer(text):
            i = text.count("\n", 0, found.start())
            if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
                continue  # not its own paragraph
            embed = match_line(lines[i])
            if embed is not None and (not embed.src or embed.host in self.hosts):
                out[i] = self.md.htmlStash.store(html_of(embed, self.words))
        return out


class EmbedExtension(Extension):
    """Registers the preprocessor (priority 22: after fenced code, so code stays code)."""

    def __init__(self, hosts: Collection[str], words: Mapping[str, str]) -> None:
        super().__init__()
        self.hosts = hosts
        self.words = words

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_EmbedPreprocessor(md, self.hosts, self.words), "embeds", 22)
