"""A WordPress post's raw content (as the export holds it) made Markdown: block comments
dropped, classic posts' paragraphs made (wpautop), shortcodes converted — [caption] to a
figure, [embed]/[youtube]/bare URLs to embeds, [gallery] to its images — and unknown
shortcodes left as text with a warning naming the post and the line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from . import embeds
from .html_markdown import Stash, to_markdown
from .migrated import Place
from .report import Notes

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?")
_MORE = re.compile(r"<!--more(?:\s[^>]*)?-->|<!--nextpage-->")
_SHORTCODE = re.compile(
    r"\[(?P<name>[a-zA-Z][\w-]*)(?P<eq>=)?(?P<attrs>[^\]]*)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.DOTALL,
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_BLOCK_TAG = re.compile(
    r"^<(?:table|ul|ol|dl|blockquote|pre|div|figure|h[1-6]|hr|p|section|iframe|form|"
    r"address|details|video|audio|\ue000)",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_WP_IMAGE = re.compile(r"wp-image-(\d+)")


@dataclass(frozen=True)
class Attachment:
    url: str
    alt: str
    caption: str
    parent: str  # the post it was uploaded to


@dataclass
class _Post:
    """What converting one post needs: where it is, its attachments, the report."""

    place: Place
    post_id: str
    attachments: dict[str, Attachment]
    notes: Notes
    stash: Stash

    def at(self, text: str, offset: int) -> Place:
        line = (self.place.line or 1) + text.count("\n", 0, offset)
        return Place(self.place.file, line)


_REUSABLE = re.compile(r'<!--\s*wp:block\s+\{[^}]*"ref"\s*:\s*(\d+)[^}]*\}\s*/-->')


def inline_reusable(content: str, blocks: dict[str, str], place: Place, notes: Notes) -> str:
    """Reusable blocks (synced patterns) put in where a post refers to them."""

    def replace(match: re.Match[str]) -> str:
        found = blocks.get(match.group(1))
        if found is None:
            notes.warn(
                "a reusable block not in the export, left out",
                place,
                "export with 'All content' so the blocks come along",
            )
            return ""
        notes.convert("a reusable block → its content", place)
        return found

    return _REUSABLE.sub(replace, content)


def split_more(content: str) -> tuple[str, str]:
    """The teaser before <!--more--> (as the excerpt when there is none), and the whole."""
    match = _MORE.search(content)
    teaser = content[: match.start()] if match else ""
    return teaser, _MORE.sub("", content)


def attributes(text: str) -> dict[str, str]:
    found = {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in _ATTR.finditer(text)
    }
    positional = _ATTR.sub("", text).split()
    if positional:
        found.setdefault("0", positional[0])
    return found


def convert(
    content: str, place: Place, post_id: str, attachments: dict[str, Attachment], notes: Notes
) -> str:
    """A post's content as Markdown."""
    post = _Post(place, post_id, attachments, notes, Stash())
    blocks = "<!-- wp:" in content
    html = _BLOCK_COMMENT.sub("", content)
    if blocks:
        notes.convert("block editor comments dropped", place)
    html = _shortcodes(html, post)
    html = _URL_LINE.sub(lambda m: _bare_url(m, post), html)
    if not blocks:
        html = autop(html)
    return to_markdown(html, notes, place, post.stash)


def _bare_url(match: re.Match[str], post: _Post) -> str:
    url = match.group(1)
    if not embeds.provider(url):
        return match.group(0)
    post.notes.convert("a URL alone on a line → an embed", post.place)
    return "\n\n" + post.stash.hold(url) + "\n\n"


def autop(html: str) -> str:
    """WordPress's wpautop, enough for exports: blank lines make paragraphs, a single
    newline a <br>, block-level HTML (and held Markdown) left unwrapped."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", html.replace("\r\n", "\n")) if c.strip()]
    made = []
    for chunk in chunks:
        if _BLOCK_TAG.match(chunk):
            made.append(chunk)
        else:
            made.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(made)


def _shortcodes(html: str, post: _Post) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        handler = _HANDLERS.get(name)
        if handler is None:
            bare = match.group("attrs") == "" and not match.group("inner")
            if bare and name not in _KNOWN_UNCONVERTED:
                # '[text]' in prose, not a shortcode: WordPress would leave it too.
                return match.group(0)
            post.notes.warn(
                f"an unknown shortcode [{name}] left as text",
                post.at(html, match.start()),
                "replace it with what it showed (an image, a link, an embed's URL on a line)",
            )
            return escape(match.group(0), quote=False)
        attrs = attributes(match.group("attrs"))
        if match.group("eq"):  # [youtube=URL&w=640]
            attrs["0"] = match.group("attrs").strip()
        converted = handler(attrs, match.group("inner") or "", post)
        post.notes.convert(f"[{name}] → {_MADE[name]}", post.at(html, match.start()))
        return converted

    return _SHORTCODE.sub(replace, html)


def _caption(attrs: dict[str, str], inner: str, post: _Post) -> str:
    image = _IMG.search(inner)
    caption = attrs.get("caption") or (_IMG.sub("", inner) if image else inner)
    caption = re.sub(r"</?a\b[^>]*>", "", caption).strip()
    img = image.group(0) if image else ""
    return f"\n\n<figure>{img}<figcaption>{caption}</figcaption></figure>\n\n"


def _embed_url(url: str, post: _Post) -> str:
    url = url.strip()
    if embeds.provider(url):
        return "\n\n" + post.stash.hold(url) + "\n\n"
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


def _embed(attrs: dict[str, str], inner: str, post: _Post) -> str:
    return _embed_url(inner or attrs.get("url", "") or attrs.get("0", ""), post)


def _youtube(attrs: dict[str, str], inner: str, post: _Post) -> str:
    given = (inner or attrs.get("0", "")).split("&", 1)[0].strip()
    return _embed_url(embeds.youtube(given) if given else "", post)


def _vimeo(attrs: dict[str, str], inner: str, post: _Post) -> str:
    return _embed_url(embeds.vimeo((inner or attrs.get("0", "")).strip()), post)


def _by_url(attrs: dict[str, str], inner: str, post: _Post) -> str:
    return _embed_url(inner or attrs.get("url") or attrs.get("0", ""), post)


def _gallery(attrs: dict[str, str], inner: str, post: _Post) -> str:
    ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
    if not ids:
        ids = [k for k, a in post.attachments.items() if a.parent == post.post_id]
    images = []
    for attachment_id in ids:
        found = post.attachments.get(attachment_id)
        if found is None:
            post.notes.warn("a [gallery] image not in the export, left out", post.place)
            continue
        title = f' title="{escape(found.caption)}"' if found.caption else ""
        images.append(
            f'<figure><img src="{escape(found.url)}" alt="{escape(found.alt)}"{title}>'
            + (f"<figcaption>{escape(found.caption)}</figcaption>" if found.caption else "")
            + "</figure>"
        )
    return "\n\n" + "\n\n".join(images) + "\n\n"


_HANDLERS: dict[str, Callable[[dict[str, str], str, _Post], str]] = {
    "caption": _caption,
    "wp_caption": _caption,
    "embed": _embed,
    "youtube": _youtube,
    "vimeo": _vimeo,
    "tweet": _by_url,
    "instagram": _by_url,
    "gallery": _gallery,
}
_MADE = {
    "caption": "figure",
    "wp_caption": "figure",
    "embed": "embed",
    "youtube": "embed",
    "vimeo": "embed",
    "tweet": "embed",
    "instagram": "embed",
    "gallery": "its images",
}
# Shortcodes WordPress and Jetpack ship that have no counterpart here: always reported.
_KNOWN_UNCONVERTED = {"audio", "video", "playlist", "videopress", "googlemaps", "contact-form"}
