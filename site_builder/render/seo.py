"""What search engines and social sites read: JSON-LD NewsArticle, Open Graph, Twitter."""

from __future__ import annotations

import json
from typing import Any

Values = dict[str, Any]


def safe_json(value: object, indent: int | None = None) -> str:
    """JSON whose text can never open or close markup, even inside a <script> element."""
    text = json.dumps(
        value, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def news_article(
    *,
    headline: str,
    url: str,
    published: str,
    modified: str,
    description: str,
    authors: list[Values],
    publisher: str,
    home: str,
    language: str,
    keywords: list[str],
    section: str,
    image: str,
    corrections: tuple[tuple[str, str], ...] = (),
    logo: str = "",
) -> str:
    """schema.org NewsArticle as JSON-LD text, safe to put in a <script> element.

    Corrections are schema.org CorrectionComments (their date and text); `modified` is
    the latest of the article's date, its update and its corrections.
    """
    organization: Values = {"@type": "Organization", "name": publisher, "url": home}
    if logo:
        organization["logo"] = {"@type": "ImageObject", "url": logo}
    data: Values = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified,
        "description": description,
        "inLanguage": language,
        "author": [{"@type": "Person", "name": a["name"], "url": a["absolute"]} for a in authors]
        or [{"@type": "Organization", "name": publisher, "url": home}],
        "publisher": organization,
    }
    if keywords:
        data["keywords"] = keywords
    if section:
        data["articleSection"] = section
    if image:
        data["image"] = [image]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": when, "text": text}
            for when, text in corrections
        ]
    return safe_json(data)


def og_locale(language: str, locale: str) -> str:
    """Open Graph wants language_TERRITORY: the config's locale when it has one."""
    if "_" in locale:
        return locale
    return {"ar": "ar_AR"}.get(language.split("-")[0], language.replace("-", "_"))
