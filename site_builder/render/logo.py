"""The site's logo and icon for feeds and JSON-LD: the config's `logo`, else the PNG
the theme ships beside its SVG favicon (RSS takes GIF, JPEG or PNG, never SVG)."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..model.site import Site

THEME_ICON = "icon.png"  # in the theme's static/ folder, copied to static/icon.png
LOGO_FILE = "static/site-logo"  # where the config's logo file is copied, with its suffix


def logo_file(config: Config) -> tuple[str, Path] | None:
    """The output path and source of the config's logo file (None for a URL or none)."""
    if not isinstance(config.logo, Path):
        return None
    suffix = ".png" if config.logo.suffix.lower() == ".png" else ".jpg"
    return LOGO_FILE + suffix, config.logo


def logo_url(site: Site) -> str:
    """The absolute URL of the site's logo, or "" when the theme has no PNG icon."""
    config = site.config
    if isinstance(config.logo, str):
        return config.logo
    made = logo_file(config)
    if made is not None:
        return config.site_url + made[0]  # at the site's root, whatever the edition
    if (config.theme / "static" / THEME_ICON).is_file():
        return config.site_url + "static/" + THEME_ICON
    return ""
