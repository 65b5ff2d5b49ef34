"""The site model: what is published, where, and in which lists.

Takes the reading stage's articles and pages; gives a `Site`: one record per
published article (its URL, feed id, tags, section, writers, related articles),
the groups (tags, sections, writers), the home page's order, the archive, the
old URLs and every paginated list, with the problems (clashing URLs, ids or
slugs, related slugs that name no article). Nothing here makes HTML or XML.
"""
