"""Importing: another site's articles turned into this site's own Markdown files.

Takes files from elsewhere (today: plain-text archive articles in the seed's
format); gives Markdown articles with front matter in the content folder, and a
report. Every input is read and planned before anything is written; one error
anywhere and nothing is written.
"""
