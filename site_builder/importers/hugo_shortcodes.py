"""Hugo's built-in shortcodes made Markdown: figure → an image with its caption, youtube,
vimeo, x/tweet and instagram → the embed's URL on a line, gist → a link, highlight → a
fenced block, ref/relref → the page's old URL (rewritten to its new one with the other
links), param → its value; escaped ones ({{</* x */>}}) made literal; others left with a
warning naming the file and the line."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import embeds
from .migrated import Place
from .report import Notes

_ESCAPED = re.compile(r"\{\{([<%])/\*\s*(.*?)\s*\*/([>%])\}\}", re.DOTALL)
_SHORTCODE = re.compile(
    r"\{\{(?P<open>[<%])\s*(?P<name>/?[\w.-]+)(?P<args>.*?)\s*/?[>%]\}\}", re.DOTALL
)
_CLOSING = "{{{{{o}\\s*/{name}\\s*[>%]}}}}"
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)


@dataclass
class Context:
    """What converting one file's shortcodes needs."""

    place: Place  # the file, and the line its body starts on
    notes: Notes
    resolve: Callable[[str], str | None]  # a ref's path → the page's old URL
    params: dict[str, Any]

    def at(self, text: str, offset: int) -> Place:
        return Place(self.place.file, (self.place.line or 1) + text.count("\n", 0, offset))


def arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """Positional and named arguments ('a b' or key="v" key2=v2, backquotes as quotes)."""
    try:
        words = shlex.split(text.replace("`", '"'), posix=True)
    except ValueError:
        words = text.split()
    named = dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("="))
    return [w for w in words if "=" not in w], named


def convert(body: str, context: Context) -> str:
    """Every shortcode outside code fences converted; escaped ones made literal."""
    parts, last = [], 0
    for fence in _FENCE.finditer(body):
        parts.append(_convert_text(body[last : fence.start()], body, last, context))
        parts.append(_ESCAPED.sub(_literal, fence.group(0)))
        last = fence.end()
    parts.append(_convert_text(body[last:], body, last, context))
    return "".join(parts)


def _literal(match: re.Match[str]) -> str:
    return "{{" + match.group(1) + " " + match.group(2) + " " + match.group(3) + "}}"


def _convert_text(text: str, whole: str, start: int, context: Context) -> str:
    escaped: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escaped.append(_literal(match))
        return f"\ue010{len(escaped) - 1}\ue011"

    text = _ESCAPED.sub(hold, text)
    out, position = [], 0
    while True:
        match = _SHORTCODE.search(text, position)
        if match is None:
            break
        out.append(text[position : match.start()])
        name = match.group("name")
        inner, end = "", match.end()
        closing = re.compile(
            _CLOSING.format(o=re.escape(match.group("open")), name=re.escape(name))
        )
        closed = closing.search(text, match.end())
        if name in _WITH_INNER and closed:
            inner, end = text[match.end() : closed.start()], closed.end()
        if name.startswith("/"):
            out.append("")
            position = end
            continue
        where = context.at(whole, start + match.start())
        out.append(_one(name, match.group("args"), inner, where, context))
        position = end
    out.append(text[position:])
    result = re.sub(r"\n{3,}", "\n\n", "".join(out))
    return re.sub("\ue010(\\d+)\ue011", lambda m: escaped[int(m.group(1))], result)


def _one(name: str, args: str, inner: str, where: Place, context: Context) -> str:
    positional, named = arguments(args)
    handler = _HANDLERS.get(name.lower())
    if handler is None:
        context.notes.warn(
            f"a shortcode {{{{< {name} >}}}} left as text",
            where,
            "replace it with what it showed (an image, a link, an embed's URL on a line)",
        )
        return "`{{< " + name + args + " >}}`"
    converted = handler(positional, named, inner, context)
    if converted is None:
        context.notes.warn(f"a {{{{< {name} >}}}} that could not be read, dropped", where)
        return ""
    context.notes.convert(f"{{{{< {name} >}}}} → {_MADE.get(name.lower(), 'Markdown')}", where)
    return converted


def _first(positional: list[str], named: dict[str, str], *keys: str) -> str:
    for key in keys:
        if named.get(key):
            return named[key]
    return positional[0] if positional else ""


def _figure(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    src = n.get("src", "")
    if not src:
        return None
    caption = " ".join(x for x in (n.get("title", ""), n.get("caption", "")) if x)
    title = ' "{}"'.format(caption.replace('"', "”")) if caption else ""
    image = f"![{n.get('alt', '')}]({src}{title})"
    return f"\n\n[{image}]({n['link']})\n\n" if n.get("link") else f"\n\n{image}\n\n"


def _youtube(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    video = _first(p, n, "id")
    return embeds.as_block(embeds.youtube(video)) if video else None


def _vimeo(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    video = _first(p, n, "id")
    return embeds.as_block(embeds.vimeo(video)) if video else None


def _x(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    status = n.get("id") or (p[-1] if p else "")
    user = n.get("user") or (p[0] if len(p) > 1 else "")
    return embeds.as_block(embeds.post_on_x(user, status)) if status else None


def _instagram(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    post = _first(p, n, "id")
    return embeds.as_block(embeds.instagram(post)) if post else None


def _gist(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    if len(p) < 2:
        return None
    url = f"https://gist.github.com/{p[0]}/{p[1]}"
    name = f"{p[0]}/{p[1]}" + (f" ({p[2]})" if len(p) > 2 else "")
    return f"\n\n[gist {name}]({url})\n\n"


def _highlight(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    language = p[0] if p else ""
    return f"\n\n```{language}\n{inner.strip(chr(10))}\n```\n\n"


def _ref(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    return c.resolve(_first(p, n, "path"))


def _param(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    value: Any = c.params
    for part in _first(p, n, "name").lower().split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return None if value is None or isinstance(value, dict | list) else str(value)


def _details(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    summary = n.get("summary", "")
    return f"\n\n<details><summary>{summary}</summary>\n\n{inner.strip()}\n\n</details>\n\n"


def _comment(p: list[str], n: dict[str, str], inner: str, c: Context) -> str | None:
    return ""


_HANDLERS: dict[str, Callable[[list[str], dict[str, str], str, Context], str | None]] = {
    "figure": _figure,
    "youtube": _youtube,
    "youtube_simple": _youtube,
    "vimeo": _vimeo,
    "vimeo_simple": _vimeo,
    "x": _x,
    "x_simple": _x,
    "twitter": _x,
    "twitter_simple": _x,
    "tweet": _x,
    "instagram": _instagram,
    "instagram_simple": _instagram,
    "gist": _gist,
    "highlight": _highlight,
    "ref": _ref,
    "relref": _ref,
    "param": _param,
    "details": _details,
    "comment": _comment,
}
_WITH_INNER = {"highlight", "details", "comment"}
_MADE = {
    "figure": "image with its caption",
    "gist": "a link",
    "highlight": "a fenced code block",
    "ref": "a link to the page",
    "relref": "a link to the page",
    "param": "its value",
    "details": "<details>",
    "comment": "nothing",
}
_MADE |= {name: "embed" for name in _HANDLERS if name not in _MADE}
