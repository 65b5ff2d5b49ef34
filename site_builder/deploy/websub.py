"""Telling a WebSub hub which feeds changed, so readers subscribed through it hear at once.

The publisher's ping is not in the W3C recommendation; hubs (Google's, Superfeedr,
WordPress's plugin) take the PubSubHubbub form: a POST of hub.mode=publish and one
hub.url for each feed. A hub that fails is a warning: the site is already online.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlencode

from .. import __version__


def notify(hub: str, feeds: list[str], timeout: float = 10) -> str:
    """Ping the hub about the feeds' URLs; "" when it took them, else what went wrong."""
    data = urlencode([("hub.mode", "publish")] + [("hub.url", url) for url in feeds])
    request = urllib.request.Request(
        hub,
        data=data.encode("ascii"),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"site-builder/{__version__}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - the config's hub
            return "" if 200 <= answer.status < 300 else f"the hub answered {answer.status}"
    except urllib.error.HTTPError as error:
        return f"the hub answered {error.code} {error.reason}"
    except (urllib.error.URLError, OSError) as error:
        return f"the hub could not be reached: {getattr(error, 'reason', error)}"
