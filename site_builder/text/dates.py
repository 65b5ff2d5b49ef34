"""Dates: parsing front matter values, showing them (CLDR, numerals, Hijri), feeds (RFC 3339)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from hijridate import Gregorian

Numerals = Literal["latin", "arabic"]

_LATIN = "0123456789"
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660-U+0669, the digits of CLDR's "arab" numbering system
_EXTENDED_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0-U+06F9 (Persian, Urdu); read, never written
_TO_ARABIC = str.maketrans(_LATIN, _ARABIC_INDIC)
_TO_LATIN = str.maketrans(_ARABIC_INDIC, _LATIN)
_ANY_TO_LATIN = str.maketrans(_ARABIC_INDIC + _EXTENDED_ARABIC_INDIC, _LATIN * 2)

# Bidi controls: LRM, RLM, ALM, the embeddings/overrides and the isolates. CLDR puts
# RLM into Arabic numeric patterns ("21\u200f/8\u200f/2023"); our patterns are words
# and numbers that the page's dir="rtl" already orders right, and invisible marks
# only get in the way (copy and paste, search, tests comparing text), so we strip them.
_BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)

# The forms authors write: a date, optionally a time (minutes, seconds and a
# fraction optional) after 'T' or a space, optionally an offset ('Z', +03, +0300, +03:00).
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2})"
    r"(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
    r"\s*(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)


def parse_date(value: str, tz: tzinfo) -> datetime | None:
    """An aware datetime from an ISO 8601 date or date-time, or None if it is not one.

    A value without an offset is local time in `tz`; a date alone is midnight there.
    Arabic-Indic digits are read like 0-9.
    """
    match = _ISO.fullmatch(value.strip().translate(_ANY_TO_LATIN))
    if match is None:
        return None
    part = match.groupdict()
    fraction = (part["fraction"] or "").ljust(6, "0")[:6]
    try:
        naive = datetime(
            int(part["year"]),
            int(part["month"]),
            int(part["day"]),
            int(part["hour"] or 0),
            int(part["minute"] or 0),
            int(part["second"] or 0),
            int(fraction),
        )
        offset = _offset(part["offset"])
    except ValueError:
        return None
    if offset is not None:
        return naive.replace(tzinfo=offset)
    # A local time in a DST gap or overlap takes fold=0 (PEP 495): the offset in force
    # before the change. The round trip through UTC then writes a time that exists:
    # Cairo's midnight on its spring-forward Friday (2023-04-28) becomes 01:00+03:00.
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _offset(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text in {"Z", "z"}:
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"offset out of range: {text}")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def localize_digits(text: str, numerals: Numerals) -> str:
    """Write the digits of `text` as 0-9 ('latin') or as ٠-٩ ('arabic')."""
    if numerals == "arabic":
        return text.translate(_TO_ARABIC)
    if numerals == "latin":
        return text.translate(_TO_LATIN)
    raise ValueError(f"numerals must be 'latin' or 'arabic', not {numerals!r}")


def is_known_locale(locale: str) -> bool:
    """Whether Babel has CLDR data for `locale` ('ar', 'ar_EG'; 'ar-EG' is read too)."""
    try:
        _locale(locale)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    return Locale.parse(name.replace("-", "_"))


def _clean(text: str, numerals: Numerals) -> str:
    # Babel writes Latin digits in dates whatever the locale's default numbering
    # system (ar_EG's is "arab"), so the choice is made here, for both directions.
    return localize_digits(text.translate(_BIDI_CONTROLS), numerals)


def display_date(
    dt: datetime,
    locale: str = "ar",
    numerals: Numerals = "latin",
    tz: tzinfo = UTC,
    dual: bool = False,
) -> str:
    """Day, month name and year as CLDR writes them: «21 أغسطس 2023» (ar_EG), «21 آب 2023» (ar_SY).

    The day is the one in `tz`: 23:30 UTC on the 20th shows as the 21st in Cairo. With
    `dual`, the month's other Arabic name follows in brackets, as Asharq Al-Awsat prints
    it: «22 أكتوبر (تشرين الأول) 2023».
    """
    day = _aware(dt).astimezone(tz).date()
    text = format_date(day, "d MMMM y", locale=_locale(locale))
    if dual:
        month = format_date(day, "MMMM", locale=_locale(locale))
        other = other_month_name(day.month, locale)
        if other:
            text = text.replace(month, f"{month} ({other})", 1)
    return _clean(text, numerals)


# The two families of Arabic month names: the Gregorian names of Egypt and the Gulf
# (CLDR's "ar": يناير، أكتوبر) and the Syriac names of the Levant and Iraq (ar_SY:
# كانون الثاني، تشرين الأول). A dual date shows the family the locale does not use.
_WEST, _LEVANT = "ar", "ar_SY"


def other_month_name(month: int, locale: str) -> str:
    """The month's name in the other Arabic family; "" for a locale that is not Arabic."""
    if _locale(locale).language != "ar":
        return ""
    names = {family: _locale(family).months["format"]["wide"][month] for family in (_WEST, _LEVANT)}
    own = _locale(locale).months["format"]["wide"][month]
    return names[_WEST] if own == names[_LEVANT] else names[_LEVANT]


def month_name(
    dt: datetime,
    locale: str = "ar",
    numerals: Numerals = "latin",
    tz: tzinfo = UTC,
    dual: bool = False,
) -> str:
    """The month and year of a date as CLDR writes them: «أغسطس 2023», «أغسطس (آب) 2023»."""
    return display_date(dt, locale, numerals, tz, dual).split(" ", 1)[1]


def display_time(
    dt: datetime, locale: str = "ar", numerals: Numerals = "latin", tz: tzinfo = UTC
) -> str:
    """Hour and minute on the 12-hour clock with CLDR's day period, in the site's
    timezone: «10:30 ص», «8:45 م»."""
    local = _aware(dt).astimezone(tz)
    return _clean(format_time(local.time(), "h:mm a", locale=_locale(locale)), numerals)


def has_time(dt: datetime, tz: tzinfo) -> bool:
    """Whether a moment says a time of day: a date written alone is midnight in the
    site's zone, and a story dated so shows no time."""
    return _aware(dt).astimezone(tz).time() != time()


_HIJRI_LANGUAGES = {"ar", "en", "bn", "tr"}  # the languages hijridate names months in


def hijri_date(
    dt: datetime, locale: str = "ar", numerals: Numerals = "latin", tz: tzinfo = UTC
) -> str:
    """The Umm al-Qura date of the day in the site's timezone, «5 صفر 1445 هـ»; "" out of range.

    hijridate's table covers 1343-1500 AH (1924-08-01 to 2077-11-16). Month names
    come from hijridate in the locale's language, English for languages it lacks.
    """
    day = _aware(dt).astimezone(tz).date()
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    language = _locale(locale).language
    language = language if language in _HIJRI_LANGUAGES else "en"
    text = f"{hijri.day} {hijri.month_name(language)} {hijri.year} {hijri.notation(language)}"
    return localize_digits(text, numerals)


def iso(dt: datetime) -> str:
    """RFC 3339 with the datetime's own offset, to the second: 2023-08-21T10:30:00+03:00."""
    # Equal datetimes are one instant; the offset tells how it is written.
    return _iso(dt, _aware(dt).utcoffset())


@lru_cache(maxsize=1 << 16)
def _iso(dt: datetime, _offset: timedelta | None) -> str:
    return _feed_time(dt).isoformat()


def build_now(environ: Mapping[str, str] | None = None) -> datetime:
    """The build's "now" in UTC: SOURCE_DATE_EPOCH (seconds) when set, else the clock.

    An empty value counts as unset; anything but a non-negative integer raises ValueError.
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(UTC)
    if not value.isascii() or not value.isdigit():
        raise ValueError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC "
            f"(e.g. 1692613800), not {value!r}; unset it to use the clock"
        )
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise ValueError(f"SOURCE_DATE_EPOCH={value} is too far in the future: {error}") from None


def _feed_time(dt: datetime) -> datetime:
    dt = _aware(dt).replace(microsecond=0)
    # Before standard time zones, tz data gives local mean time (Riyadh's +03:06:52);
    # neither RFC 3339 nor RFC 822 can write an offset in seconds, so such a time goes as UTC.
    offset = dt.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        return dt.astimezone(UTC)
    return dt


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"a naive datetime ({dt.isoformat()}) has no timezone; use parse_date")
    return dt
