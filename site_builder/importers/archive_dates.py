"""Dates as news archives write them: «21st, August 2023 GMT», «21 آب/أغسطس 2023»,
«٢١ أغسطس ٢٠٢٣ 10:30 م», in any of the Arab world's month names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from ..text.slugs import strip_marks
from ..text.spelling import title_key

_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_AR_MONTHS = {
    # Egypt and the Gulf; the Levant and Iraq; the Maghreb.
    1: ("يناير", "كانون الثاني", "جانفي"),
    2: ("فبراير", "شباط", "فيفري"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "دجنبر"),
}
_MONTHS = {
    **{name: n for n, name in enumerate(_EN_MONTHS, 1)},
    **{name[:3]: n for n, name in enumerate(_EN_MONTHS, 1)},
    "sept": 9,
    **{title_key(name): n for n, names in _AR_MONTHS.items() for name in names},
}
_IGNORED_WORDS = {
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    *(
        title_key(w)
        for w in (
            "الأحد",
            "الإثنين",
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "يوم",
            "م",
            "ميلادي",
            "ميلادية",
        )
    ),
}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}\S*)?$")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*"
    r"(?P<half>[ap]\.?\s?m\.?(?!\w)|ص(?:باحا)?(?!\w)|م(?:ساء)?(?!\w))?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"(?:\bGMT|\bUTC|\bZ\b|بتوقيت\s+[غج]رينتش)\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def parse_archive_date(value: str) -> date | None:
    """A date as archives write it, or None: '21st, August 2023 GMT', '21 آب/أغسطس 2023',
    '٢١ أغسطس ٢٠٢٣ 10:30 م', '2023-08-21'. With a time, a datetime (UTC for GMT)."""
    text = strip_marks(unicodedata.normalize("NFC", value)).translate(_DIGITS).strip()
    if _ISO.match(text):
        try:
            return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            return None
    clock = _CLOCK.search(text)
    zone = _ZONE.search(text)
    for found in (clock, zone):
        if found:
            text = text.replace(found.group(0), " ")
    day = _day_of(_TOKEN.findall(_ORDINAL.sub(r"\1", text)))
    if day is None or clock is None:
        return day
    return _with_clock(day, clock, _zone_of(zone))


def _day_of(tokens: list[str]) -> date | None:
    """The date named by words and numbers: one month (names may repeat it), a day, a year."""
    months: set[int] = set()
    numbers: list[str] = []
    index = 0
    while index < len(tokens):
        pair = title_key(" ".join(tokens[index : index + 2]))
        word = title_key(tokens[index])
        if len(tokens) > index + 1 and pair in _MONTHS:
            months.add(_MONTHS[pair])
            index += 1
        elif word.isdigit():
            numbers.append(word)
        elif word in _MONTHS:
            months.add(_MONTHS[word])
        elif word not in _IGNORED_WORDS:
            return None  # an unknown word: maybe a Hijri month; never guess
        index += 1
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) != 1 or len(numbers) != 2:
        return None
    try:
        return date(int(years[0]), months.pop(), int(days[0]))
    except ValueError:
        return None


def _zone_of(zone: re.Match[str] | None) -> timezone | None:
    if zone is None:
        return None
    offset = (zone.group("offset") or "+0").replace(":", "")
    hours, minutes = (offset[:-2], offset[-2:]) if len(offset) > 3 else (offset, "0")
    sign = -1 if hours.startswith("-") else 1
    return timezone(sign * timedelta(hours=abs(int(hours)), minutes=int(minutes)))


def _with_clock(day: date, clock: re.Match[str], zone: timezone | None) -> datetime | None:
    hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
    half = (clock["half"] or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith(("p", "م")) else 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
