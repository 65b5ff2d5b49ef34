"""The config's schema: every key with its type, its check and the line to write instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..layout import PER_PAGE_KEYS
from ..text.dates import is_known_locale
from ..text.slugs import is_valid_segment
from ..text.spelling import tag_key

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# --- the schema ---------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns what is wrong, or None


@dataclass(frozen=True)
class Key:
    types: tuple[type, ...]
    required: bool = False
    check: Check | None = None
    fix: str = ""


def _one_of(*choices: str) -> Check:
    return lambda v: None if v in choices else f"must be one of {', '.join(choices)}"


def _positive(v: int) -> str | None:
    return None if v >= 1 else "must be 1 or more"


def _not_negative(v: int) -> str | None:
    return None if v >= 0 else "must be 0 or more"


def _base_url(v: str) -> str | None:
    parts = urlsplit(v)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an absolute URL with a scheme and a host"
    if parts.query or parts.fragment:
        return "must not carry a query or a fragment"
    return None


def _language(v: str) -> str | None:
    if "_" in v:
        return f"is not a BCP 47 tag (feeds reject '{v}')"
    return None if _LANGUAGE.match(v) else "is not a BCP 47 language tag"


def _timezone(v: str) -> str | None:
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        return f"'{v}' is not an IANA time zone name"
    return None


def _locale(v: str) -> str | None:
    return None if is_known_locale(v) else f"'{v}' is not a CLDR locale"


def _article_url(v: str) -> str | None:
    if "{slug}" not in v:
        return "must contain {slug}"
    if not v.endswith("/") or v.startswith("/") or ".." in v or "//" in v:
        return "must be a relative path ending with '/', without '..'"
    unknown = set(re.findall(r"\{(\w*)\}", v)) - {"slug", "year", "month", "day"}
    if unknown:
        return f"has unknown fields {', '.join(sorted(unknown))}"
    return None


def _per_kind(v: dict[Any, Any]) -> str | None:
    for kind, count in v.items():
        if kind not in PER_PAGE_KEYS:
            return f"names '{kind}', which is not a kind of list ({', '.join(PER_PAGE_KEYS)})"
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            return f"gives '{kind}' {count!r}; each must be a whole number, 1 or more"
    return None


def _string_list(v: list[Any]) -> str | None:
    return None if all(isinstance(x, str) for x in v) else "must be a list of strings"


_HOST = re.compile(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"
)


def _hosts(v: list[Any]) -> str | None:
    for host in v:
        if not isinstance(host, str) or not _HOST.match(host):
            return (
                f"names {host!r}, which is not a host name (www.youtube-nocookie.com, no https://)"
            )
    return None


def _authors(v: dict[Any, Any]) -> str | None:
    for name, info in v.items():
        if not isinstance(info, dict) or not set(info) <= {"name", "bio", "image"}:
            return f"entry '{name}' must be a mapping with name, bio and image"
        if not all(isinstance(x, str) for x in info.values()):
            return f"entry '{name}' must have text values"
    return None


def _section_info(v: dict[Any, Any]) -> str | None:
    for name, info in v.items():
        if not isinstance(info, dict) or not set(info) <= {"name", "description"}:
            return f"entry '{name}' must be a mapping with name and description"
        if not all(isinstance(x, str) for x in info.values()):
            return f"entry '{name}' must have text values"
    return None


def _old_feeds(v: dict[Any, Any]) -> str | None:
    for old, new in v.items():
        if not isinstance(old, str) or not isinstance(new, str):
            return f"entry {old!r} must map an old path to a new feed's path, both text"
        parts = old.strip("/").split("/")
        if "://" in old or "?" in old or any(p in ("", ".", "..") for p in parts):
            return f"names {old!r}, which is not a path inside the site (no query, no '..')"
    return None


_CREDENTIALS = ("key", "secret", "token", "password", "credential", "profile")
_DEPLOY_KEYS = ("target", "endpoint", "region")


def _http_url(v: str) -> str | None:
    parts = urlsplit(v)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an absolute http:// or https:// URL"
    return None


def _deploy(v: dict[Any, Any]) -> str | None:
    for name in v:
        if any(word in str(name).lower() for word in _CREDENTIALS):
            return (
                f"has '{name}': credentials never go in the config (it is committed and "
                "shared); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, "
                "or AWS_PROFILE for a profile of ~/.aws/credentials"
            )
        if name not in _DEPLOY_KEYS:
            return f"has '{name}', which is not one of {', '.join(_DEPLOY_KEYS)}"
        if not isinstance(v[name], str):
            return f"gives '{name}' {v[name]!r}; it must be text"
    target = v.get("target")
    if not isinstance(target, str):
        return "has no 'target'"
    if target_problem(target) is not None:
        return f"target {target_problem(target)}"
    if "endpoint" in v and _http_url(v["endpoint"]):
        return f"endpoint {_http_url(v['endpoint'])}"
    return None


def target_problem(target: str) -> str | None:
    """What is wrong with an s3://BUCKET/PREFIX target (None when nothing is)."""
    parts = urlsplit(target)
    if parts.scheme != "s3" or not parts.netloc:
        return f"'{target}' must be s3://BUCKET or s3://BUCKET/PREFIX/"
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", parts.netloc):
        return f"'{parts.netloc}' is not a bucket name (3-63 lower-case letters, digits, '.', '-')"
    if parts.query or parts.fragment or any(p in (".", "..") for p in parts.path.split("/")):
        return f"'{target}' must be s3://BUCKET/PREFIX/, without '..', '?' or '#'"
    return None


def _tag_aliases(v: dict[Any, Any]) -> str | None:
    for alias, tag in v.items():
        if not isinstance(alias, str) or not isinstance(tag, str) or not tag.strip():
            return f"entry {alias!r} must map a spelling to the tag it means"
    keys = {tag_key(alias) for alias in v}
    for alias, tag in v.items():
        if tag_key(tag) == tag_key(alias):
            return f"maps '{alias}' to '{tag}', which is the same tag"
        if tag_key(tag) in keys:
            return f"maps '{alias}' to '{tag}', which is itself an alias; name the tag it means"
    return None


_TAG_INFO_KEYS = {"name", "slug", "description"}


def _tag_info(v: dict[Any, Any]) -> str | None:
    for tag, info in v.items():
        if not isinstance(info, dict) or not set(info) <= _TAG_INFO_KEYS:
            return f"entry '{tag}' must be a mapping with name, slug and description"
        if not all(isinstance(x, str) for x in info.values()):
            return f"entry '{tag}' must have text values"
        slug = info.get("slug")
        if slug is not None and not is_valid_segment(slug):
            return f"entry '{tag}' has the slug '{slug}', which is not one URL segment"
    return None


def _logo(v: str) -> str | None:
    if v.startswith(("http://", "https://")):
        if not v.lower().split("?")[0].endswith((".png", ".jpg", ".jpeg")):
            return "must be a PNG or JPEG (feeds take no other kind), ending in .png or .jpg"
        return None
    return None if v.strip() else "must be a file path or an http(s) URL"


def _hijri(v: bool | str) -> str | None:
    if isinstance(v, bool) or v in ("second", "first"):
        return None
    return "must be true or false, or 'second' or 'first'"


def _repo(v: str) -> str | None:
    if re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", v):
        return None
    return "must be the repository's OWNER/NAME, e.g. news-org/site"


SCHEMA: dict[str, Key] = {
    "title": Key((str,), required=True, fix="title: اسم الموقع"),
    "base_url": Key(
        (str,), required=True, check=_base_url, fix="base_url: https://example.org/news/"
    ),
    "description": Key((str,), fix="description: نشرة أخبار يومية"),
    "language": Key((str,), check=_language, fix="language: ar (or ar-EG)"),
    "direction": Key((str,), check=_one_of("rtl", "ltr"), fix="direction: rtl"),
    "timezone": Key((str,), check=_timezone, fix="timezone: Africa/Cairo"),
    "content_dir": Key((str,), fix="content_dir: content (a folder, relative to the config)"),
    "pages_dir": Key((str,), fix="pages_dir: pages (a folder, relative to the config)"),
    "output_dir": Key((str,), fix="output_dir: output (a folder, relative to the config)"),
    "theme": Key((str,), fix="theme: themes/my-theme (a folder with templates/ and static/)"),
    "per_page": Key((int,), check=_positive, fix="per_page: 20"),
    "list_per_page": Key(
        (dict,),
        check=_per_kind,
        fix="list_per_page: {tag: 30, section: 20, author: 20, archive: 50}",
    ),
    "feed_items": Key((int,), check=_positive, fix="feed_items: 50"),
    "feed_full_content": Key((bool,), fix="feed_full_content: true"),
    "numerals": Key((str,), check=_one_of("latin", "arabic"), fix="numerals: latin"),
    "article_url": Key((str,), check=_article_url, fix="article_url: articles/{slug}/"),
    "locale": Key((str,), check=_locale, fix="locale: ar_EG"),
    "hijri": Key(
        (bool, str), check=_hijri, fix="hijri: true (the Hijri date second), or hijri: first"
    ),
    "month_names": Key((str,), check=_one_of("single", "dual"), fix="month_names: dual"),
    "related_count": Key((int,), check=_not_negative, fix="related_count: 4"),
    "unsafe_html": Key((bool,), fix="unsafe_html: false"),
    "cache_dir": Key((str,), fix="cache_dir: .cache (a folder, relative to the config)"),
    "authors": Key(
        (dict,), check=_authors, fix="authors: {اسم الكاتب: {name: …, bio: …, image: …}}"
    ),
    "pinned": Key((list,), check=_string_list, fix="pinned: [slug-1, slug-2]"),
    "section_info": Key(
        (dict,),
        check=_section_info,
        fix="section_info: {سياسة: {name: السياسة, description: أخبار السياسة}}",
    ),
    "old_feeds": Key(
        (dict,), check=_old_feeds, fix="old_feeds: {feed/: feed.xml, index.xml: feed.xml}"
    ),
    "deploy": Key(
        (dict,),
        check=_deploy,
        fix="deploy: {target: s3://my-bucket/news/, endpoint: https://…, region: auto}",
    ),
    "websub_hub": Key((str,), check=_http_url, fix="websub_hub: https://pubsubhubbub.appspot.com/"),
    "tags_kept_apart": Key((list,), check=_string_list, fix="tags_kept_apart: [عُمان, عمّان]"),
    "tag_aliases": Key((dict,), check=_tag_aliases, fix="tag_aliases: {امريكا: الولايات المتحدة}"),
    "tag_info": Key(
        (dict,),
        check=_tag_info,
        fix="tag_info: {عُمان: {name: سلطنة عُمان, slug: oman, description: أخبار السلطنة}}",
    ),
    "words_per_minute": Key((int,), check=_positive, fix="words_per_minute: 138"),
    "breaking_hours": Key((int,), check=_not_negative, fix="breaking_hours: 6"),
    "logo": Key((str,), check=_logo, fix="logo: images/logo.png (a PNG or JPEG file, or its URL)"),
    "cms": Key((str,), check=_one_of("sveltia"), fix="cms: sveltia"),
    "cms_repo": Key((str,), check=_repo, fix="cms_repo: news-org/site (on GitHub)"),
    "embed_hosts": Key(
        (list,), check=_hosts, fix="embed_hosts: [www.youtube-nocookie.com, player.vimeo.com]"
    ),
    "toc": Key((bool,), fix="toc: true"),
    "menu": Key((list,), check=_string_list, fix="menu: [سياسة, اقتصاد] (section names, in order)"),
    # Checked whole by config/languages.py, with the line of each language's settings.
    "languages": Key((dict,), fix="languages: {ar: {title: أخبار صدى}, en: {title: Sada News}}"),
}

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
}
