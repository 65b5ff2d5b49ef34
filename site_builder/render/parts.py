"""The small values pages are made of: dates, numbers, links, images and article cards.

Each is made once per build (per worker) and reused by every page that shows it;
an article's card, the same dict every time, stands in many lists.
"""

from __future__ import annotations

import pickle
from datetime import datetime
from typing import Any

from ..digests import digest
from ..layout import FORMATS_BY_NAME, list_folder
from ..model.groups import Group
from ..model.site import Site
from ..text import dates, reading_time

Values = dict[str, Any]


class Parts:
    """Makes and remembers the small values of one site's pages."""

    def __init__(self, site: Site, strings: dict[str, str]) -> None:
        self.site = site
        self.config = site.config
        self.t = strings
        self._cards: dict[int, Values] = {}
        self._card_keys: dict[int, str] = {}
        self._links: dict[str, Values] = {}
        self._languages: dict[str, Values] = {}  # a page's versions, by its path
        self._dates: dict[tuple[int, int, int], Values] = {}
        self._images: dict[tuple[int, bool], Values] = {}

    def number(self, value: int | str) -> str:
        return dates.localize_digits(str(value), self.config.numerals)  # type: ignore[arg-type]

    def when(self, moment: datetime, with_time: bool = False) -> Values:
        """A date as readers read it: «21 أغسطس 2023» (with `month_names: dual`, «21 أغسطس
        (آب) 2023»), the other calendar's date when `hijri` asks for it, and with
        `with_time` the time of day, «21 أغسطس 2023، 10:30 ص», unless only a day was given."""
        config = self.config
        local = moment.astimezone(config.tz)
        day = self._day(local)
        text = day["text"]
        if with_time and dates.has_time(local, config.tz):
            clock = dates.display_time(local, config.locale, config.numerals, config.tz)  # type: ignore[arg-type]
            text = self.t["date_at_time"].format(date=text, time=clock)
        return {"iso": dates.iso(local), "text": text, "second": day["second"], "url": day["url"]}

    def _day(self, local: datetime) -> Values:
        key = (local.year, local.month, local.day)
        shown = self._dates.get(key)
        if shown is None:
            config = self.config
            numerals, tz = config.numerals, config.tz
            gregorian = dates.display_date(
                local,
                config.locale,
                numerals,
                tz,
                config.month_names == "dual",  # type: ignore[arg-type]
            )
            hijri = ""
            if config.hijri != "off":
                hijri = dates.hijri_date(local, config.locale, numerals, tz)  # type: ignore[arg-type]
            first, second = (
                (hijri, gregorian)
                if config.hijri == "first" and hijri
                else (
                    gregorian,
                    hijri,
                )
            )
            shown = self._dates[key] = {
                "text": first,
                "second": second,
                "url": self.site.url(
                    list_folder(
                        "archive_month", year=f"{local.year:04d}", month=f"{local.month:02d}"
                    )
                ),
            }
        return shown

    def languages(self, path: str) -> Values | None:
        """A page's other languages (None on a site of one language): its versions for
        <link hreflang> (with x-default, the default edition's), and the switcher's links,
        to the translation where there is one and else to that language's home."""
        site = self.site
        if not site.homes:
            return None
        known = self._languages.get(path)
        if known is not None:
            return known
        versions = site.versions.get(path, ())
        by_code = {v.code: v for v in versions}
        own = self.config.language
        switch = [
            {
                "code": home.code,
                "name": home.name,
                "direction": home.direction,
                "url": by_code.get(home.code, home).link,
                "translated": home.code in by_code,
            }
            for home in site.homes
            if home.code != own
        ]
        alternates = [{"code": v.code, "url": v.url} for v in versions]
        if versions:
            alternates.append({"code": "x-default", "url": versions[0].url})
        value = self._languages[path] = {"alternates": alternates, "switch": switch}
        return value

    def minutes(self, index: int) -> str:
        """An article's reading time in whole minutes, as the site writes numbers ("" for
        an article with no words to read)."""
        words = self.site.articles[index].words
        if not words:
            return ""
        return self.number(reading_time.minutes(words, self.config.words_per_minute))

    def feeds_of(self, folder: str, title: str, formats: tuple[str, ...]) -> list[Values]:
        """The links to a list's feeds, for <link rel="alternate"> and the page itself."""
        return [
            {
                "type": FORMATS_BY_NAME[name].media_type,
                "title": self.t["feed_title"].format(
                    title=title, format=FORMATS_BY_NAME[name].label
                ),
                "label": FORMATS_BY_NAME[name].label,
                "url": self.site.url(folder + FORMATS_BY_NAME[name].file),
            }
            for name in formats
        ]

    def group_link(self, group: Group) -> Values:
        link = self._links.get(group.path)
        if link is None:
            link = self._links[group.path] = {"name": group.name, "url": self.site.url(group.path)}
        return link

    def author_link(self, index: int) -> Values:
        """A writer's link on an article page, with its absolute URL for JSON-LD."""
        group = self.site.authors[index]
        key = "@" + group.path
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = {
                **self.group_link(group),
                "absolute": self.site.absolute(group.path),
            }
        return link

    def image(self, index: int, eager: bool = False) -> Values | None:
        known = self._images.get((index, eager))
        if known is None:
            known = self._images[(index, eager)] = {"value": self._image(index, eager)}
        return known["value"]

    def _image(self, index: int, eager: bool) -> Values | None:
        record = self.site.articles[index]
        image = record.image
        if image is None:
            return None
        if not image.local:
            return {
                "src": image.url,
                "srcset": "",
                "width": 0,
                "height": 0,
                "alt": image.alt,
                "absolute": image.url,
                "eager": eager,
            }
        folder = record.path
        variants = image.variants()
        srcset = ", ".join(f"{self.site.url(folder + name)} {w}w" for name, w, _ in variants)
        if variants:
            srcset += f", {self.site.url(folder + image.name)} {image.width}w"
        return {
            "src": self.site.url(folder + image.name),
            "srcset": srcset,
            "width": image.width,
            "height": image.height,
            "alt": image.alt,
            "absolute": self.site.absolute(folder + image.name),
            "eager": eager,
        }

    def card(self, index: int) -> Values:
        """What a list shows of an article (the same dict every time: made once)."""
        card = self._cards.get(index)
        if card is not None:
            return card
        site = self.site
        record = site.articles[index]
        article = record.article
        section = record.section
        card = self._cards[index] = {
            "title": article.title,
            "url": site.url(record.path),
            "date": self.when(article.date),
            "summary": record.summary,
            "tags": [self.group_link(site.tags[t]) for t in record.tags],
            "section": self.group_link(site.sections[section]) if section is not None else None,
            "image": self.image(index),
            "draft": article.draft,
            "future": article.date > site.now,
            "breaking": article.breaking,
            "minutes": self.minutes(index),
        }
        return card

    def card_key(self, index: int) -> str:
        """A digest of an article's card, so a page's key need not hash whole cards."""
        key = self._card_keys.get(index)
        if key is None:
            key = self._card_keys[index] = digest(pickle.dumps(self.card(index), protocol=4))
        return key
