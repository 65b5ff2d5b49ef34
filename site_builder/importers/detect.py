"""Telling which format a migration's source is in, and saying how it was told."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..problems import Problem

FORMATS = ("text", "wordpress", "jekyll", "hugo", "feed")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")
_WP_NAMESPACE = "wordpress.org/export/"


def detect(form: str | None, sources: list[str]) -> tuple[str, str] | Problem:
    """The format and how it was told, or a Problem saying what to pass."""
    if form:
        return form, "--from " + form
    first = sources[0]
    if first.startswith(("http://", "https://")):
        return "feed", "a URL: read as an RSS or Atom feed"
    path = Path(first)
    if path.is_dir():
        return _folder(path)
    if path.suffix.lower() == ".txt":
        return "text", "a .txt file: the plain-text archive format"
    if path.is_file():
        return _xml_file(path)
    return _unknown(first, "it does not exist")


def _folder(path: Path) -> tuple[str, str] | Problem:
    if (path / "_posts").is_dir():
        return "jekyll", "a folder with _posts/: a Jekyll site"
    for name in HUGO_CONFIGS:
        if (path / name).is_file() and (name.startswith("hugo") or (path / "content").is_dir()):
            return "hugo", f"a folder with {name}: a Hugo site"
    if (path / "config" / "_default").is_dir():
        return "hugo", "a folder with config/_default/: a Hugo site"
    return _unknown(str(path), "it is a folder with neither _posts/ nor hugo.toml")


def _xml_file(path: Path) -> tuple[str, str] | Problem:
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True
        ):
            root = etree.QName(element)
            namespaces = set(element.nsmap.values())
            if root.localname == "rss" and any(_WP_NAMESPACE in (n or "") for n in namespaces):
                return "wordpress", "an XML file whose <rss> has the WordPress export namespace"
            if root.localname in ("rss", "feed", "RDF"):
                return "feed", f"an XML file whose root is <{root.localname}>: a feed"
            break
    except (etree.XMLSyntaxError, OSError) as error:
        return _unknown(str(path), f"it is not XML that can be read ({error})")
    return _unknown(str(path), "its root element is neither <rss> nor <feed>")


def _unknown(source: str, why: str) -> Problem:
    return Problem(
        source,
        None,
        f"cannot tell what to import from: {why}",
        "pass --from text|wordpress|jekyll|hugo|feed, and a .txt file, a WordPress export "
        "(.xml), a Jekyll or Hugo site's folder, or a feed's file or URL",
    )
