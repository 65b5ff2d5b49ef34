"""Embeds that load on click: each iframe of a body becomes a facade.

A page with a YouTube player asks YouTube for scripts, fonts and cookies the
moment it opens. A facade asks nothing: the provider's name, the title and a
link to the original, with the player's iframe inert inside a `<template>`; the
theme's `embeds.js` puts the iframe in its place when the reader clicks. With
scripts blocked, or offline, the link still leads to the original. The iframe is
written with lazy loading, a sandbox, the referrer policy YouTube needs
(strict-origin-when-cross-origin: without a referrer it refuses to play) and a
title; YouTube's own host becomes its no-cookie one.

Runs on a body after the sanitizer (which kept only iframes on the config's
`embed_hosts`); with `unsafe_html`, only the embeds made from an address alone on
its line become facades, and iframes written by hand stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from urllib.parse import parse_qs, unquote, urlsplit

from .markdown.embeds import KINDS, provider_name

SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups"
REFERRER = "strict-origin-when-cross-origin"
ALLOW = "autoplay; encrypted-media; picture-in-picture; fullscreen"

_IFRAME = re.compile(r"<iframe\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</iframe\s*>", re.I | re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_HOSTS = {
    "www.youtube-nocookie.com": "youtube",
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "player.vimeo.com": "vimeo",
    "www.dailymotion.com": "dailymotion",
    "geo.dailymotion.com": "dailymotion",
    "w.soundcloud.com": "soundcloud",
}


_P_OPEN = re.compile(r"<p[\s>]")


def _in_paragraph(html: str, position: int) -> bool:
    opened = max((m.start() for m in _P_OPEN.finditer(html, 0, position)), default=-1)
    return opened > html.rfind("</p>", 0, position)


def attributes(text: str) -> dict[str, str]:
    """A tag's attributes, their values unescaped (quoted either way, or not at all)."""
    found = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(match.group(1).lower(), unescape(value))
    return found


def _provider(host: str, path: str) -> str:
    if host == "www.google.com" and path.startswith("/maps/embed"):
        return "googlemaps"
    return _HOSTS.get(host, "")


def _original(provider: str, src: str) -> str:
    """Where the reader finds the embed itself: the video's page rather than the player."""
    parts = urlsplit(src)
    query = parse_qs(parts.query)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if provider == "youtube":
        start = query.get("start", [""])[0]
        return f"https://www.youtube.com/watch?v={last}" + (f"&t={start}s" if start else "")
    if provider == "vimeo":
        secret = query.get("h", [""])[0]
        return f"https://vimeo.com/{last}" + (f"/{secret}" if secret else "")
    if provider == "dailymotion" and parts.hostname == "www.dailymotion.com":
        return f"https://www.dailymotion.com/video/{last}"
    if provider == "soundcloud" and query.get("url", [""])[0].startswith("https://"):
        return unquote(query["url"][0])
    return src


def facade(found: dict[str, str], words: Mapping[str, str], inline: bool = False) -> str:
    """The facade of one iframe, from its (sanitized) attributes; `inline` inside a
    paragraph, where a figure may not stand."""
    src = found.get("src", "")
    parts = urlsplit(src)
    host = (parts.hostname or "").lower()
    provider = found.get("data-embed") or _provider(host, parts.path)
    if provider == "youtube":
        src = re.sub(r"^https://(?:www\.)?youtube\.com/", "https://www.youtube-nocookie.com/", src)
        host = "www.youtube-nocookie.com"
    name = provider_name(provider, words) if provider else host
    kind = KINDS.get(provider, "other")
    title = found.get("title", "").strip() or words[f"embed_{kind}"].format(provider=name)
    allowed = found.get("allow", ALLOW if kind in ("video", "audio") else "")
    frame = (
        f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" '
        f'referrerpolicy="{REFERRER}" sandbox="{SANDBOX}"'
        + (f' allow="{escape(allowed)}"' if allowed else "")
        + "></iframe>"
    )
    note = escape(words["embed_note"]).replace("{host}", f'<bdi dir="ltr">{escape(host)}</bdi>')
    outer, caption = ("span", "span") if inline else ("figure", "figcaption")
    return (
        f'<{outer} class="embed embed-{kind}"><template>{frame}</template>'
        f'<a class="embed-open" href="{escape(_original(provider, src))}">'
        f'<span class="embed-provider">{escape(name)}</span> '
        f'<span class="embed-title">{escape(title)}</span></a>'
        f' <{caption} class="embed-note">{note}</{caption}></{outer}>'
    )


def with_facades(html: str, words: Mapping[str, str], every_iframe: bool) -> str:
    """The body with its iframes (or, when not every_iframe, those made from an address
    alone on its line) as facades."""
    if "<iframe" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        found = attributes(match.group(1))
        if not every_iframe and "data-embed" not in found:
            return match.group(0)
        if not found.get("src", "").startswith("https://"):
            return match.group(0) if not every_iframe else ""
        return facade(found, words, _in_paragraph(html, match.start()))

    return _IFRAME.sub(replace, html)
