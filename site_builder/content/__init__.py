"""Reading: the site's files into checked values.

Takes the config's content and pages folders; gives each article as a `Parsed`
(its front matter typed and checked, its body converted to safe HTML and kept
in the body store), each static page with its HTML, and every problem found,
with file, line and the fix. Nothing here decides what is published or where.
"""
