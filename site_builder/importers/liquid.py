"""Liquid and kramdown in a Jekyll post made plain Markdown: {% raw %} unwrapped,
{{ site.baseurl }} / {% post_url %} / {% link %} resolved to the old URLs (rewritten to new
ones with the other links), {% highlight %} made a fence, the includes that embed a video
or show a figure converted, kramdown's {: …} attributes dropped; any other Liquid left as
code with a warning naming the file and the line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import embeds
from .html_markdown import Stash
from .migrated import Place
from .report import Notes
from .wordpress_body import attributes

_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([\w+#-]+)[^%]*%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}", re.DOTALL
)
_SITE_VALUE = re.compile(r"\{\{-?\s*site\.(baseurl|url)\s*-?\}\}")
_URL_FILTER = re.compile(
    r"""\{\{-?\s*["']([^"']*)["']\s*\|\s*(relative_url|absolute_url)\s*-?\}\}"""
)
_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.DOTALL)
_OUTPUT = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_IAL_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*\n?", re.MULTILINE)
_IAL_SPAN = re.compile(r"(?<=[)\]*_`])\{:[^}\n]*\}")
_TOC = re.compile(r"^[ \t]*(?:[*-]|1\.)\s+TOC\s*$\n?", re.MULTILINE)
_MARKDOWN_ATTR = re.compile(r'\s+markdown="(?:1|block|span)"')


@dataclass
class Context:
    place: Place  # the file, and the line its body starts on
    notes: Notes
    base: str  # the old site's url + baseurl
    baseurl: str
    post_url: Callable[[str], str | None]  # '2024-01-02-name' → the post's old URL
    link: Callable[[str], str | None]  # a file's path from the site's root → its old URL

    def at(self, text: str, offset: int) -> Place:
        return Place(self.place.file, (self.place.line or 1) + text.count("\n", 0, offset))


def convert(body: str, context: Context) -> str:
    """A Jekyll post's body as Markdown the builder reads."""
    stash = Stash()
    text = _RAW.sub(lambda m: stash.hold(m.group(1)), body)
    text = _HIGHLIGHT.sub(lambda m: _fence(m, context, body), text)
    text = _SITE_VALUE.sub(
        lambda m: context.baseurl if m.group(1) == "baseurl" else context.base, text
    )
    text = _URL_FILTER.sub(
        lambda m: (context.baseurl if m.group(2) == "relative_url" else context.base) + m.group(1),
        text,
    )
    text = _TAG.sub(lambda m: _tag(m, context, text, stash), text)
    text = _OUTPUT.sub(
        lambda m: _unknown(m.group(0), context, context.at(text, m.start()), stash), text
    )
    text = _kramdown(text, context)
    return stash.put_back(text)


def _fence(match: re.Match[str], context: Context, body: str) -> str:
    context.notes.convert("{% highlight %} → a fenced code block", context.place)
    return f"```{match.group(1)}\n{match.group(2).rstrip()}\n```"


def _tag(match: re.Match[str], context: Context, text: str, stash: Stash) -> str:
    name, args = match.group(1), match.group(2).strip()
    where = context.at(text, match.start())
    if name == "post_url":
        found = context.post_url(args.strip("/").rsplit("/", 1)[-1])
        return _resolved(found, "{% post_url %}", match.group(0), where, context, stash)
    if name == "link":
        found = context.link(args.strip().lstrip("/"))
        return _resolved(found, "{% link %}", match.group(0), where, context, stash)
    if name == "include":
        return _include(args, match.group(0), where, context, stash)
    return _unknown(match.group(0), context, where, stash)


def _resolved(
    found: str | None, what: str, original: str, where: Place, context: Context, stash: Stash
) -> str:
    if found is None:
        context.notes.warn(f"a {what} naming no file of the site, left as code", where)
        return stash.hold(f"`{original}`")
    context.notes.convert(f"{what} → the page's URL", where)
    return found


def _include(args: str, original: str, where: Place, context: Context, stash: Stash) -> str:
    name, _, rest = args.partition(" ")
    values = attributes(rest)
    base = name.removesuffix(".html").lower()
    url = ""
    if base in ("youtube", "video", "vimeo", "youtube-player", "youtubeplayer"):
        video = values.get("id") or values.get("0", "")
        provider = values.get("provider", "vimeo" if base == "vimeo" else "youtube")
        url = embeds.vimeo(video) if provider == "vimeo" else embeds.youtube(video) if video else ""
    if url:
        context.notes.convert(f"{{% include {name} %}} → an embed", where)
        return stash.hold(embeds.as_block(url))
    if base in ("figure", "image") and (values.get("image_path") or values.get("file")):
        src = values.get("image_path") or values.get("file", "")
        caption = values.get("caption", "").replace('"', "”")
        title = f' "{caption}"' if caption else ""
        context.notes.convert(f"{{% include {name} %}} → an image with its caption", where)
        return stash.hold(f"\n\n![{values.get('alt', '')}]({src}{title})\n\n")
    return _unknown(original, context, where, stash)


def _unknown(original: str, context: Context, where: Place, stash: Stash) -> str:
    context.notes.warn(
        "Liquid that has no Markdown form, left as code",
        where,
        "replace it with what it showed on the old site",
    )
    return stash.hold("`" + " ".join(original.split()) + "`")


def _kramdown(text: str, context: Context) -> str:
    """kramdown's attribute lists and TOC marker dropped (noted once per file)."""
    count = len(_IAL_LINE.findall(text)) + len(_IAL_SPAN.findall(text)) + len(_TOC.findall(text))
    text = _TOC.sub("", text)
    text = _IAL_LINE.sub("", text)
    text = _IAL_SPAN.sub("", text)
    text = _MARKDOWN_ATTR.sub("", text)
    for _ in range(count):
        context.notes.warn("a kramdown attribute list ({: …}) dropped", context.place)
    return text
