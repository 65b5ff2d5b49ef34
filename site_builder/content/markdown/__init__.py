"""Python-Markdown extensions of our own, one concept a module: list indentation,
heading and footnote ids, kramdown's block attributes, figures, embeds."""
