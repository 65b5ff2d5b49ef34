"""The site's settings as one typed value: what the rest of the builder trusts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .languages import Language


def default_theme_dir() -> Path:
    """The theme installed with the package (in a clone, themes/default/ links to it)."""
    return Path(__file__).resolve().parent.parent / "themes" / "default"


# Hosts whose players a body may embed (an <iframe>, or an address alone on its line):
# the well-known video, audio and map players, each only under its player's path.
DEFAULT_EMBED_HOSTS = (
    "www.youtube-nocookie.com",
    "www.youtube.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "geo.dailymotion.com",
    "w.soundcloud.com",
    "www.google.com",
)


@dataclass(frozen=True)
class AuthorInfo:
    name: str
    bio: str = ""
    image: str = ""


@dataclass(frozen=True)
class SectionInfo:
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class TagInfo:
    """What the config says of one tag: its display name, slug and description."""

    name: str = ""
    slug: str = ""
    description: str = ""


@dataclass(frozen=True)
class DeploySettings:
    """Where `deploy` uploads: s3://BUCKET/PREFIX, and the storage's endpoint and region."""

    target: str
    endpoint: str = ""  # "" for AWS itself
    region: str = ""  # "" for the environment's (AWS_REGION) or the default


@dataclass(frozen=True)
class Config:
    """Every setting of a site, typed, with paths resolved."""

    path: Path
    title: str
    base_url: str  # always ends with "/"
    description: str = ""
    language: str = "ar"
    direction: str = "rtl"
    timezone: str = "UTC"
    content_dir: Path = Path("content")
    pages_dir: Path = Path("pages")
    output_dir: Path = Path("output")
    theme: Path = field(default_factory=default_theme_dir)
    per_page: int = 20
    list_per_page: dict[str, int] = field(default_factory=dict)  # per kind of list
    feed_items: int = 50
    feed_full_content: bool = True
    numerals: str = "latin"
    article_url: str = "articles/{slug}/"
    locale: str = "ar"
    hijri: str = "off"  # "off", "second" (after the Gregorian date) or "first"
    month_names: str = "single"  # or "dual": «22 أكتوبر (تشرين الأول)»
    related_count: int = 4
    unsafe_html: bool = False
    cache_dir: Path = Path(".cache")
    authors: dict[str, AuthorInfo] = field(default_factory=dict)
    pinned: tuple[str, ...] = ()
    section_info: dict[str, SectionInfo] = field(default_factory=dict)  # by section name
    old_feeds: dict[str, str] = field(default_factory=dict)  # old path → new feed's path
    deploy: DeploySettings | None = None
    websub_hub: str = ""  # the WebSub hub the feeds name and `deploy` notifies
    tags_kept_apart: tuple[str, ...] = ()  # spellings never merged with their variants
    tag_aliases: dict[str, str] = field(default_factory=dict)  # spelling → the tag it means
    tag_info: dict[str, TagInfo] = field(default_factory=dict)
    words_per_minute: int = 138  # Arabic silent reading (IReST, Trauzettel-Klosinski 2012)
    breaking_hours: int = 6  # how long a breaking story stays in the ticker
    logo: Path | str | None = None  # a PNG or JPEG file, or its URL; else the theme's icon
    cms: str = ""  # "sveltia": every build writes the admin/ editor
    cms_repo: str = ""  # OWNER/NAME of the site's GitHub repository, for the editor
    embed_hosts: tuple[str, ...] = DEFAULT_EMBED_HOSTS
    toc: bool = False  # a table of contents on every article (its `toc` decides first)
    menu: tuple[str, ...] = ()  # the sections the header lists, in order (else all of them)
    # Editions: the config's `languages:` (the first is the default, served at the root);
    # an edition's own Config has its language's settings, its `prefix` ('en/') and the
    # site's root URL. A site without `languages:` is one edition with prefix "".
    languages: tuple[Language, ...] = ()
    prefix: str = ""
    shared: tuple[tuple[str, Any], ...] = ()  # the config's values the first language replaced
    root_url: str = ""  # the site's base_url when this is an edition under a prefix

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. '/news/'; pages link under it."""
        return urlsplit(self.base_url).path or "/"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or "localhost"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def site_url(self) -> str:
        """The site's root URL: base_url, or for an edition under /CODE/ the one above it."""
        return self.root_url or self.base_url

    @property
    def site_path(self) -> str:
        """The path part of the site's root URL: the theme's files and the root's own
        files (the sitemap, a body's rooted images) are linked under it."""
        return urlsplit(self.site_url).path or "/"

    @cached_property
    def editions(self) -> tuple[Config, ...]:
        """One Config per language edition, the default one first (just this one for a
        site without `languages:`)."""
        if not self.languages or self.prefix:
            return (self,)
        made = [self]
        config = {
            name: getattr(self, name) for name in ("title", "description", "timezone", "per_page")
        }
        config.update(self.shared)  # as the config says, not as the first language does
        for language in self.languages[1:]:
            code = language.code
            own = {**config, **dict(language.settings)}
            made.append(
                replace(
                    self,
                    language=code,
                    direction=own.get("direction", language.direction),
                    locale=own.get("locale", code.replace("-", "_")),
                    numerals=own.get("numerals", "latin"),
                    hijri=own.get("hijri", "off"),
                    title=own["title"],
                    description=own["description"],
                    timezone=own["timezone"],
                    per_page=own["per_page"],
                    menu=own.get("menu", ()),
                    month_names="single",
                    content_dir=self.content_dir / code,
                    pages_dir=self.pages_dir / code,
                    prefix=code + "/",
                    base_url=self.base_url + code + "/",
                    root_url=self.base_url,
                    section_info={},
                    tag_info={},
                    tag_aliases={},
                    tags_kept_apart=(),
                    pinned=(),
                    old_feeds={},
                    cms="",
                )
            )
        return tuple(made)

    def edition_of(self, file: Path) -> Config:
        """The edition an article or a page file belongs to, by its folder."""
        for edition in self.editions[1:]:
            if edition.content_dir in file.parents or edition.pages_dir in file.parents:
                return edition
        return self.editions[0]

    def per_page_of(self, kind: str) -> int:
        """Articles per page in a kind of list: its `list_per_page`, else `per_page`."""
        return self.list_per_page.get("archive" if kind == "archive_month" else kind, self.per_page)
