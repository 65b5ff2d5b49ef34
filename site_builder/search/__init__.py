"""Search: the articles of a built site indexed for Pagefind, searched in the browser."""
