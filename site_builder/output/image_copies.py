"""The smaller copies of a local image (a lead image, or one in a body) for srcset, kept
in the cache between builds."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PIL import Image

from ..atomic import write_atomic
from ..content.images import BodyImage, LeadImage


def resized(image: LeadImage | BodyImage, width: int, cache_dir: Path) -> bytes:
    """A smaller copy of a local image, kept in the cache so a rebuild does not redo it."""
    assert image.source is not None
    cached = cache_dir / "images" / f"{image.digest}-{width}w"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    with Image.open(image.source) as opened:
        height = round(image.height * width / image.width)
        copy = opened.convert("RGB") if opened.mode not in ("RGB", "RGBA", "L") else opened
        small = copy.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        kind = opened.format or "JPEG"
        if kind == "JPEG" and small.mode == "RGBA":
            small = small.convert("RGB")
        small.save(
            buffer, format=kind, **({"quality": 82, "optimize": True} if kind == "JPEG" else {})
        )
    data = buffer.getvalue()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        write_atomic(cached, data)
    return data
