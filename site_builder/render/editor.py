"""The web editor for editors who do not use git: admin/ with Sveltia CMS.

`cms: sveltia` makes every build write admin/index.html, which loads Sveltia CMS from
its CDN at a pinned version with an integrity hash, and admin/config.yml, generated
from the front-matter table (`content.fields.FIELDS`): a field a key, the widget its
kind asks for, required as the key is. Articles are listed by section (one collection
a section, one for articles without), then the static pages. The interface is Arabic
and right to left: Sveltia has no setting for its language, so a line of script sets
the preference its own Settings page writes, before the CMS starts.
"""

from __future__ import annotations

import os
from typing import Any

import yaml
from markupsafe import Markup

from ..config import Config
from ..content.field_kinds import CORRECTIONS, SOURCE
from ..content.fields import FIELDS, Field
from ..layout import ADMIN_FOLDER
from ..model.groups import Group
from ..model.site import Site
from .files import Output
from .seo import safe_json

SVELTIA_VERSION = "0.221.1"
# sha384 of the package's dist/sveltia-cms.js at that version (a test compares it with
# the file npm installs, so a new version without its new hash fails).
SVELTIA_SRI = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
SVELTIA_SCRIPT = f"https://unpkg.com/@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js"
# Sveltia logs a tip to validate the configuration unless the file names its schema.
_SCHEMA_LINE = (
    "# yaml-language-server: $schema=https://unpkg.com/@sveltia/cms/schema/sveltia-cms.json\n"
)
# The interface languages Sveltia ships under their bare names (its locales/ folder).
_UI_LANGUAGES = {"ar", "bg", "ca", "cs", "da", "de", "el", "fa", "fi", "fr", "hr", "it"}
_UI_LANGUAGES |= {"ja", "ko", "nl", "pl", "ru", "sv", "tr", "uk", "vi"}
MEDIA = "media"  # the media folder, under the content folder: images are /media/NAME


def editor_files(site: Site, render: Any, words: dict[str, str]) -> list[Output]:
    """admin/index.html (through the theme's admin.html) and admin/config.yml.

    `render(template, **values)` renders one of the theme's templates.
    """
    config = site.config
    language = config.language.split("-")[0].lower()
    page = render(
        "admin.html",
        language=config.language,
        direction=config.direction,
        title=config.title,
        script=SVELTIA_SCRIPT,
        integrity=SVELTIA_SRI,
        # Sveltia follows the browser's language unless told otherwise; the site's is
        # set once (a choice made later in its Settings is kept).
        ui_language=Markup(safe_json(language)) if language in _UI_LANGUAGES else "",
    )
    settings = editor_config(site, words)
    text = _SCHEMA_LINE + yaml.safe_dump(
        settings, allow_unicode=True, sort_keys=False, width=1_000_000
    )
    return [
        Output(ADMIN_FOLDER + "index.html", page.encode("utf-8")),
        Output(ADMIN_FOLDER + "config.yml", text.encode("utf-8")),
    ]


def editor_config(site: Site, words: dict[str, str]) -> dict[str, Any]:
    """Sveltia CMS's configuration for the site, as a mapping (config.yml's content)."""
    config = site.config
    content = _in_repository(config, config.content_dir)
    return {
        "backend": {"name": "github", "repo": config.cms_repo},
        "publish_mode": "simple",
        "app_title": config.title,
        "site_url": config.base_url,
        "display_url": config.base_url,
        "media_folder": f"{content}/{MEDIA}",
        "public_folder": f"/{MEDIA}",  # an image path from the content folder
        # File names keep their Arabic letters, as `new` writes them. The folders of the
        # year and month are by the editor's clock (Sveltia knows no other zone than
        # UTC): any layout of the content folder reads the same.
        "slug": {
            "encoding": "unicode",
            "clean_accents": False,
            "timezone": "utc" if config.timezone in ("UTC", "Etc/UTC") else "local",
        },
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            *_article_collections(site, content, words),
            _pages_collection(config, words),
        ],
    }


def _in_repository(config: Config, folder: Any) -> str:
    """A folder as a path from the repository's root (the config's folder)."""
    return os.path.relpath(folder, config.root).replace(os.sep, "/")


def _article_collections(site: Site, content: str, words: dict[str, str]) -> list[dict[str, Any]]:
    """One collection a section (its articles, drafts too), then the articles without one."""
    sections = site.editor_sections
    # A section's display name (section_info) labels its list; new articles are filed
    # under its most used spelling.
    shown = {g.key: g.name for g in site.sections}
    made = [
        _articles(
            f"section-{number}",
            shown.get(section.key, section.name),
            content,
            words,
            site.config,
            section=section,
        )
        for number, section in enumerate(sections, start=1)
    ]
    label = words["cms_unsectioned"] if sections else words["cms_articles"]
    made.append(
        _articles("articles", label, content, words, site.config, unsectioned=bool(sections))
    )
    return made


def _articles(
    name: str,
    label: str,
    content: str,
    words: dict[str, str],
    config: Config,
    section: Group | None = None,
    unsectioned: bool = False,
) -> dict[str, Any]:
    collection: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": words["cms_article"],
        "folder": content,
        "path": "{{year}}/{{month}}/{{slug}}",  # as `site-builder new` files them
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [{"label": words["cms_drafts"], "field": "draft", "pattern": True}],
    }
    if section is not None:
        collection["filter"] = {"field": "section", "value": list(section.spellings)}
    elif unsectioned:
        collection["filter"] = {"field": "section", "value": None}
    collection["fields"] = [
        *(_field(f, words, config, section) for f in FIELDS),
        {"name": "body", "label": words["cms_body"], "widget": "markdown"},
    ]
    return collection


def _pages_collection(config: Config, words: dict[str, str]) -> dict[str, Any]:
    return {
        "name": "pages",
        "label": words["cms_pages"],
        "label_singular": words["cms_page"],
        "folder": _in_repository(config, config.pages_dir),
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "fields": [
            {"name": "title", "label": words["cms_title"], "widget": "string"},
            {"name": "slug", "label": words["cms_slug"], "widget": "string", "required": False},
            {"name": "body", "label": words["cms_page_body"], "widget": "markdown"},
        ],
    }


def _field(field: Field, words: dict[str, str], config: Config, section: Group | None) -> Any:
    """One front-matter key as an editor field: its widget, and required as the key is."""
    made: dict[str, Any] = {
        "name": field.key,
        "label": words[f"cms_{field.key}"],
        "widget": field.editor_widget,
        "required": field.required,
    }
    widget = field.editor_widget
    if field.key == "section" and section is not None:
        # In a section's collection the section is that collection's: new articles get it.
        return {"name": "section", "widget": "hidden", "default": section.name}
    if widget == "datetime":
        made["input_timezone"] = config.timezone  # the stored value keeps the site's offset
        if field.required:
            made["default"] = "{{now}}"
    if field.key == "draft":
        made["default"] = True  # as `site-builder new` writes it: published when unticked
        made["hint"] = words["cms_draft_hint"]
    if widget == "uuid":
        made["prefix"] = "urn:uuid:"  # a permanent feed id, an absolute URI
    if field.kind is SOURCE:
        made["fields"] = [
            {"name": "name", "label": words["cms_source_name"], "widget": "string"},
            {
                "name": "url",
                "label": words["cms_source_url"],
                "widget": "string",
                "type": "url",
                "required": False,
            },
        ]
    if field.kind is CORRECTIONS:
        made["fields"] = [
            {
                "name": "date",
                "label": words["cms_correction_date"],
                "widget": "datetime",
                "input_timezone": config.timezone,
                "default": "{{now}}",
            },
            {"name": "text", "label": words["cms_correction_text"], "widget": "text"},
        ]
    return made
