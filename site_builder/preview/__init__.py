"""The live preview (`site-builder serve`): build with drafts, serve under base_url's
path, rebuild on every change and reload the open pages.

Open pages learn of a new build by polling the server from a script added to
served HTML only, never to the built files; a build that fails keeps the last
good site served and the script lays the problems over the page until a fix builds.
"""
