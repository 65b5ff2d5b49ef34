"""Search: the published articles, in month shards of Pagefind bundles, searched in the browser.

Takes the site model, the theme's words and the body store; gives `pagefind/` in
the tree being built: `records` (what the index holds of an article), `shards`
(which articles share a bundle), `arabic` (the prefixes Pagefind leaves on a word),
`service` (Pagefind's indexer), `bundles` (stable bytes), `indexing` (the step).
"""
