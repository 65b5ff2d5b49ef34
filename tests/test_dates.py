"""Dates: front matter values read, shown in CLDR Arabic (and Hijri), written for feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.text.dates import (
    build_now,
    display_date,
    display_time,
    hijri_date,
    is_known_locale,
    iso,
    localize_digits,
    parse_date,
)

CAIRO = ZoneInfo("Africa/Cairo")  # UTC+3 in August 2023 (Egypt's summer time)
RIYADH = ZoneInfo("Asia/Riyadh")  # UTC+3 all year
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- parse_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-08-21", "2023-08-21T00:00:00+03:00"),  # a date alone: midnight in the site's tz
        ("2023-08-21T10:30", "2023-08-21T10:30:00+03:00"),
        ("2023-08-21 10:30:00", "2023-08-21T10:30:00+03:00"),
        ("2023-08-21T10:30:00Z", "2023-08-21T10:30:00+00:00"),
        ("2023-08-21t10:30:00z", "2023-08-21T10:30:00+00:00"),
        ("2023-08-21T10:30:00+03:00", "2023-08-21T10:30:00+03:00"),
        ("2023-08-21T10:30+0530", "2023-08-21T10:30:00+05:30"),
        ("2023-08-21T10:30:00-04", "2023-08-21T10:30:00-04:00"),
        ("2023-08-21 10:30 +01:00", "2023-08-21T10:30:00+01:00"),
        ("2023-08-21T10:30:00.250Z", "2023-08-21T10:30:00.250000+00:00"),
        ("  2023-08-21  ", "2023-08-21T00:00:00+03:00"),
        ("٢٠٢٣-٠٨-٢١", "2023-08-21T00:00:00+03:00"),  # Arabic-Indic digits
        ("۲۰۲۳-۰۸-۲۱ ۱۰:۳۰", "2023-08-21T10:30:00+03:00"),  # Persian digits
        ("2023-01-15", "2023-01-15T00:00:00+02:00"),  # Cairo's winter time
        # Cairo's clocks jump from 00:00 to 01:00 on 2023-04-28: midnight does not exist.
        ("2023-04-28", "2023-04-28T01:00:00+03:00"),
    ],
)
def test_parse_date_reads_iso_dates_and_times(value: str, expected: str) -> None:
    parsed = parse_date(value, CAIRO)
    assert parsed is not None
    assert parsed.utcoffset() is not None
    assert parsed == at(expected)
    assert parsed.utcoffset() == at(expected).utcoffset()


@pytest.mark.parametrize(
    "value",
    [
        "2023-13-45",
        "2023-02-30",
        "tomorrow",
        "",
        "2023",
        "2023-8-21",
        "21/08/2023",
        "2023-08-21T25:00",
        "2023-08-21T24:00",
        "2023-08-21T10:60",
        "2023-08-21T10:30:61",
        "2023-08-21T10:30+24:00",
        "2023-08-21T10:30 Cairo",
        "2023-08-21+03:00",  # an offset needs a time
        "0000-01-01",
    ],
)
def test_parse_date_gives_none_for_what_is_not_a_date(value: str) -> None:
    assert parse_date(value, CAIRO) is None


@given(
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, CAIRO, RIYADH, timezone(timedelta(hours=-5, minutes=-30))]),
    )
)
def test_parse_date_reads_back_what_iso_writes(moment: datetime) -> None:
    parsed = parse_date(iso(moment), CAIRO)
    assert parsed is not None
    assert parsed.astimezone(UTC) == moment.replace(microsecond=0).astimezone(UTC)


# --- display_date, display_time --------------------------------------------------------

AUG_21 = at("2023-08-21T10:30:00+03:00")


@pytest.mark.parametrize(
    ("locale", "numerals", "expected"),
    [
        ("ar", "latin", "21 أغسطس 2023"),
        ("ar_EG", "latin", "21 أغسطس 2023"),  # CLDR's ar_EG counts in Arabic-Indic digits
        ("ar_EG", "arabic", "٢١ أغسطس ٢٠٢٣"),
        ("ar_SY", "latin", "21 آب 2023"),
        ("ar_SY", "arabic", "٢١ آب ٢٠٢٣"),
        ("ar_LB", "latin", "21 آب 2023"),
        ("ar_MA", "latin", "21 غشت 2023"),
        ("ar_DZ", "latin", "21 أوت 2023"),
        ("ar-SY", "latin", "21 آب 2023"),  # BCP 47 spelling
        ("ar", "arabic", "٢١ أغسطس ٢٠٢٣"),
        ("en", "latin", "21 August 2023"),
        ("fr", "latin", "21 août 2023"),
    ],
)
def test_display_date_writes_day_month_name_and_year(
    locale: str, numerals: str, expected: str
) -> None:
    assert display_date(AUG_21, locale, numerals, CAIRO) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        ("2023-08-20T23:30:00+00:00", CAIRO, "21 أغسطس 2023"),  # 02:30 on the 21st in Cairo
        ("2023-08-20T23:30:00+00:00", UTC, "20 أغسطس 2023"),
        ("2023-08-20T20:59:59+00:00", CAIRO, "20 أغسطس 2023"),
        ("2023-08-20T21:00:00+00:00", CAIRO, "21 أغسطس 2023"),
        ("2024-01-01T01:00:00+03:00", UTC, "31 ديسمبر 2023"),
    ],
)
def test_display_date_shows_the_day_in_the_sites_timezone(
    moment: str, tz: ZoneInfo, expected: str
) -> None:
    assert display_date(at(moment), "ar_EG", "latin", tz) == expected


@given(
    st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
    st.sampled_from(["ar", "ar_EG", "ar_SA", "ar_SY", "ar_IQ", "ar_MA", "en"]),
)
def test_displayed_dates_have_no_bidi_marks_and_only_the_chosen_digits(
    moment: datetime, locale: str
) -> None:
    latin = display_date(moment, locale, "latin", CAIRO)
    arabic = display_date(moment, locale, "arabic", CAIRO)
    assert not set(latin + arabic) & set(BIDI_CONTROLS)
    assert not set(latin) & set("٠١٢٣٤٥٦٧٨٩")
    assert not set(arabic) & set("0123456789")
    assert localize_digits(arabic, "latin") == latin


@pytest.mark.parametrize(
    ("moment", "numerals", "expected"),
    [
        ("2023-08-21T10:30:00+03:00", "latin", "10:30 ص"),
        ("2023-08-21T10:30:00+03:00", "arabic", "١٠:٣٠ ص"),
        ("2023-08-21T07:05:00+00:00", "latin", "10:05 ص"),  # shown in Cairo time
        ("2023-08-20T21:00:00+00:00", "latin", "12:00 ص"),  # midnight
        ("2023-08-21T12:10:00+03:00", "latin", "12:10 م"),  # noon
        ("2023-08-21T20:45:00+03:00", "latin", "8:45 م"),  # the 12-hour clock with ص/م
    ],
)
def test_display_time_writes_hour_and_minute(moment: str, numerals: str, expected: str) -> None:
    assert display_time(at(moment), "ar_EG", numerals, CAIRO) == expected  # type: ignore[arg-type]


def test_a_naive_datetime_is_a_bug_not_a_guess() -> None:
    with pytest.raises(ValueError, match="naive"):
        display_date(datetime(2023, 8, 21), "ar", "latin", CAIRO)


def test_known_locales() -> None:
    assert is_known_locale("ar_EG")
    assert is_known_locale("ar-SY")
    assert not is_known_locale("xx")
    assert not is_known_locale("not a locale")


# --- hijri_date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "locale", "numerals", "expected"),
    [
        ("2023-08-21T10:30:00+03:00", "ar", "latin", "5 صفر 1445 هـ"),
        ("2023-08-21T10:30:00+03:00", "ar_EG", "arabic", "٥ صفر ١٤٤٥ هـ"),
        ("2023-08-21T10:30:00+03:00", "en", "latin", "5 Safar 1445 AH"),
        ("2023-08-21T10:30:00+03:00", "fr", "latin", "5 Safar 1445 AH"),  # no French names
        ("2023-08-20T23:30:00+00:00", "ar", "latin", "5 صفر 1445 هـ"),  # the 21st in Cairo
        ("2023-03-23T12:00:00+03:00", "ar", "latin", "1 رمضان 1444 هـ"),
        ("2024-06-16T12:00:00+03:00", "ar", "latin", "10 ذو الحجة 1445 هـ"),
        ("2023-10-17T12:00:00+03:00", "ar", "latin", "2 ربيع الثاني 1445 هـ"),
        ("1924-08-01T12:00:00+03:00", "ar", "latin", "1 محرم 1343 هـ"),  # the table's first day
        ("2077-11-16T12:00:00+03:00", "ar", "latin", "30 ذو الحجة 1500 هـ"),  # and its last
        ("1924-07-31T12:00:00+03:00", "ar", "latin", ""),  # out of range: nothing, no error
        ("2077-11-17T12:00:00+03:00", "ar", "latin", ""),
        ("1800-01-01T12:00:00+03:00", "ar", "latin", ""),
    ],
)
def test_hijri_date_is_the_umm_al_qura_date(
    moment: str, locale: str, numerals: str, expected: str
) -> None:
    assert hijri_date(at(moment), locale, numerals, CAIRO) == expected  # type: ignore[arg-type]


# --- localize_digits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numerals", "expected"),
    [
        ("2023", "arabic", "٢٠٢٣"),
        ("0123456789", "arabic", "٠١٢٣٤٥٦٧٨٩"),
        ("٠١٢٣٤٥٦٧٨٩", "latin", "0123456789"),
        ("صفحة 3 من 12", "arabic", "صفحة ٣ من ١٢"),
        ("صفحة ٣ من ١٢", "latin", "صفحة 3 من 12"),
        ("٢٠٢٣", "arabic", "٢٠٢٣"),
        ("2023", "latin", "2023"),
        ("", "arabic", ""),
        ("۲۰۲۳", "latin", "۲۰۲۳"),  # Persian digits are another script's: left alone
    ],
)
def test_localize_digits(text: str, numerals: str, expected: str) -> None:
    assert localize_digits(text, numerals) == expected  # type: ignore[arg-type]


def test_localize_digits_refuses_an_unknown_numbering() -> None:
    with pytest.raises(ValueError, match="latin"):
        localize_digits("12", "hindi")  # type: ignore[arg-type]


@given(st.text())
def test_localize_digits_round_trips(text: str) -> None:
    arabic = localize_digits(text, "arabic")
    latin = localize_digits(text, "latin")
    assert localize_digits(arabic, "latin") == latin
    assert localize_digits(latin, "arabic") == arabic
    assert not set(arabic) & set("0123456789")
    assert not set(latin) & set("٠١٢٣٤٥٦٧٨٩")
    assert len(arabic) == len(latin) == len(text)


@given(st.text(alphabet=st.characters(blacklist_characters="٠١٢٣٤٥٦٧٨٩")))
def test_latin_text_survives_the_trip_through_arabic_digits(text: str) -> None:
    assert localize_digits(localize_digits(text, "arabic"), "latin") == text


# --- iso ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2023-08-21T10:30:00+03:00", "2023-08-21T10:30:00+03:00"),
        ("2023-08-21T10:30:00.999999+03:00", "2023-08-21T10:30:00+03:00"),
        ("2023-08-21T10:30:00+00:00", "2023-08-21T10:30:00+00:00"),
        ("2023-08-21T10:30:00-05:30", "2023-08-21T10:30:00-05:30"),
        ("1930-01-01T12:00:00+03:06:52", "1930-01-01T08:53:08+00:00"),  # Riyadh's mean time
    ],
)
def test_iso_is_rfc_3339_to_the_second(moment: str, expected: str) -> None:
    assert iso(at(moment)) == expected


# --- build_now -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1692613800", "2023-08-21T10:30:00+00:00"),
        ("0", "1970-01-01T00:00:00+00:00"),
        (" 1692613800\n", "2023-08-21T10:30:00+00:00"),
    ],
)
def test_build_now_is_source_date_epoch_when_set(value: str, expected: str) -> None:
    now = build_now({"SOURCE_DATE_EPOCH": value})
    assert now == at(expected)
    assert now.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e9", "+5", "1_000", "١٢٣", "9" * 30])
def test_build_now_refuses_a_bad_source_date_epoch(value: str) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_now({"SOURCE_DATE_EPOCH": value})


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}, {"OTHER": "1"}])
def test_build_now_is_the_clock_otherwise(environ: dict[str, str]) -> None:
    before = datetime.now(UTC)
    now = build_now(environ)
    assert before <= now <= datetime.now(UTC)


def test_build_now_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1692613800")
    assert build_now() == at("2023-08-21T10:30:00+00:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="whole number of seconds"):
        build_now()
