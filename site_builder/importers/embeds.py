"""Embeds: the providers a newsroom embeds from, told by their URL (never by the name a
plugin wrote beside it), and the one form an imported embed takes: the URL alone on a
line, which the builder makes into the provider's embed."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

# Host (without "www." or "m.") → provider, for the hosts whose URLs the builder embeds.
PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
    "player.vimeo.com": "Vimeo",
    "dailymotion.com": "Dailymotion",
    "dai.ly": "Dailymotion",
    "soundcloud.com": "SoundCloud",
    "twitter.com": "X",
    "x.com": "X",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
    "instagram.com": "Instagram",
    "tiktok.com": "TikTok",
    "google.com": "Google Maps",  # only its /maps/ URLs (see provider())
    "maps.google.com": "Google Maps",
    "goo.gl": "Google Maps",  # only goo.gl/maps/
}
_YOUTUBE_ID = re.compile(r"^[\w-]{6,20}$")


def provider(url: str) -> str | None:
    """The embed provider of a URL, or None when the builder would not embed it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    found = PROVIDERS.get(host)
    if found == "Google Maps" and host != "maps.google.com":
        return found if parts.path.startswith("/maps") else None
    return found


def page_url(url: str) -> str:
    """The provider's page for a player URL (an iframe's src), so the builder embeds it
    its own way: youtube.com/embed/ID → youtube.com/watch?v=ID; others as they are."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path
    if host in ("youtube.com", "youtube-nocookie.com") and path.startswith("/embed/"):
        return youtube(path.removeprefix("/embed/").split("/")[0])
    if host == "player.vimeo.com" and path.startswith("/video/"):
        return vimeo(path.removeprefix("/video/").split("/")[0])
    if host == "dailymotion.com" and path.startswith("/embed/video/"):
        return "https://www.dailymotion.com/video/" + path.removeprefix("/embed/video/")
    if url.startswith("//"):
        return "https:" + url
    return url.strip()


def youtube(video: str) -> str:
    """The watch page of a YouTube id, or of a URL given where an id was expected."""
    if "/" in video:
        parts = urlsplit(video)
        if "v" in parse_qs(parts.query):
            video = parse_qs(parts.query)["v"][0]
        else:
            video = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"https://www.youtube.com/watch?v={video}"


def is_youtube_id(text: str) -> bool:
    return bool(_YOUTUBE_ID.match(text))


def vimeo(video: str) -> str:
    return video if "/" in video else f"https://vimeo.com/{video}"


def post_on_x(user: str, status: str) -> str:
    return f"https://x.com/{user or 'i'}/status/{status}"


def instagram(post: str) -> str:
    return post if "/" in post else f"https://www.instagram.com/p/{post}/"


def as_block(url: str) -> str:
    """An embed in Markdown: the URL alone, blank lines around it."""
    return f"\n\n{url}\n\n"
