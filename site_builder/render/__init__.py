"""Rendering: the site model into files, through the theme.

Takes a `Site`; gives the values of every page (one function a kind of page, in
`views`), their keys for incremental builds, and the files themselves as
`Output`s: HTML pages from the theme's templates and words, feeds, sitemaps,
redirects. Bodies come from the body store; nothing here reads a source file.
"""
