"""An Arabic-first static news-site builder."""

__version__ = "0.1.0"
