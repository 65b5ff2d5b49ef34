"""Text work that every stage shares, pure functions without I/O: URL slugs that keep
Arabic letters, the spelling key of a tag, dates read from and written for people."""
