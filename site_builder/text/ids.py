"""Permanent feed ids: tag URIs (RFC 4151) on the site's host, dated and named."""

from __future__ import annotations

from datetime import date

from .slugs import url_quote


def tag_uri(host: str, day: date, name: str) -> str:
    """`tag:HOST,YYYY-MM-DD:NAME`, the name percent-encoded as the scheme requires."""
    return f"tag:{host},{day.isoformat()[:10]}:{url_quote(name)}"
