"""Importing: another site's articles turned into this site's own Markdown files.

Takes a WordPress export, a Jekyll or Hugo site's folder, an RSS or Atom feed, or
plain-text archive articles in the seed's format; gives Markdown articles with front
matter in the content folder (their old URLs as aliases, their old feed ids kept),
static pages, media, the config lines for the old feeds, and a report. Every source is
read and planned before anything is written; one error anywhere and nothing is written.
"""
