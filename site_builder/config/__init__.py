"""The site's settings: config.yaml read once, checked against a declared schema, typed.

Takes a config file; gives a `Config` (or every problem with it). The rest of the
builder reads settings only from that value.
"""

from .loading import load, output_clash, validate
from .schema import SCHEMA
from .settings import (
    DEFAULT_EMBED_HOSTS,
    AuthorInfo,
    Config,
    DeploySettings,
    TagInfo,
    default_theme_dir,
)

__all__ = [
    "DEFAULT_EMBED_HOSTS",
    "SCHEMA",
    "AuthorInfo",
    "Config",
    "DeploySettings",
    "TagInfo",
    "default_theme_dir",
    "load",
    "output_clash",
    "validate",
]
