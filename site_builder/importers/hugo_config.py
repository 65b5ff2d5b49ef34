"""A Hugo site's config: hugo.toml (or .yaml, .json, or the older config.*) and the files
of config/_default/, merged, with every key lowercased (Hugo's keys are case-insensitive)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from .detect import HUGO_CONFIGS
from .foreign_front_matter import lower_keys


def site_config(root: Path) -> dict[str, Any]:
    """The site's config (keys lowercased), from hugo.toml or config/_default/."""
    found: dict[str, Any] = {}
    files = [root / name for name in HUGO_CONFIGS if (root / name).is_file()][:1]
    default = root / "config" / "_default"
    if default.is_dir():
        files += sorted(p for p in default.iterdir() if p.suffix in (".toml", ".yaml", ".json"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = (
            tomllib.loads(text)
            if path.suffix == ".toml"
            else json.loads(text)
            if path.suffix == ".json"
            else yaml.safe_load(text) or {}
        )
        data = lower_keys(data)
        if path.parent == default and path.stem not in ("hugo", "config"):
            data = {path.stem.lower(): data.get(path.stem.lower(), data)}
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(found.get(key), dict):
                found[key] = {**found[key], **value}
            else:
                found[key] = value
    return found
