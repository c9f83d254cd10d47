"""The Solar Hijri calendar: Persian words for dates and exact conversion to Gregorian.

Persian reports date events as «۲۵ آبان ۱۴۰۱»; English reports from Iran sometimes keep the
transliteration ("25 Aban 1401"). Conversion is left to `jdatetime`, which implements the
calendar's leap rule, rather than to a hand-written approximation that drifts at Nowruz.
This module also holds the Persian words the finder reads (weekdays, relative days) and the
length-preserving normalisation of Persian and Arabic-Indic digits and letters.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Final

import jdatetime  # the package ships no type information

from uprising.dates.values import DateValue, Precision, Resolver, day_value, fixed, span_value

__all__ = [
    "MONTHS",
    "MONTH_PARTS",
    "NORMALISE",
    "PARTS_OF_DAY",
    "RELATIVE_DAYS",
    "RELATIVE_PERIODS",
    "SINCE_SUFFIXES",
    "TRANSLITERATED_MONTHS",
    "WEEKDAYS",
    "earliest_jalali_day",
    "jalali_day_resolver",
    "jalali_days_resolver",
    "jalali_month",
    "jalali_month_resolver",
    "latest_jalali_day",
    "latest_jalali_month",
    "to_gregorian",
]

LOGGER = logging.getLogger(__name__)

MONTHS: Final[dict[str, int]] = {
    "فروردین": 1,
    "اردیبهشت": 2,
    "خرداد": 3,
    "تیر": 4,
    "مرداد": 5,
    "امرداد": 5,
    "شهریور": 6,
    "مهر": 7,
    "آبان": 8,
    "آذر": 9,
    "دی": 10,
    "بهمن": 11,
    "اسفند": 12,
}

# Latin spellings; read only beside a day number or a Solar Hijri year, since several of them
# are also given names ("Azar", "Bahman", "Mehr").
TRANSLITERATED_MONTHS: Final[dict[str, int]] = {
    "farvardin": 1,
    "ordibehesht": 2,
    "khordad": 3,
    "tir": 4,
    "mordad": 5,
    "amordad": 5,
    "shahrivar": 6,
    "mehr": 7,
    "aban": 8,
    "azar": 9,
    "dey": 10,
    "dei": 10,
    "bahman": 11,
    "esfand": 12,
    "isfand": 12,
}

# Monday is 0, as in `datetime`. Compound names are written with a ZWNJ, a space or nothing
# before «شنبه»; the finder accepts all three.
WEEKDAYS: Final[dict[str, int]] = {
    "شنبه": 5,
    "یکشنبه": 6,
    "دوشنبه": 0,
    "سه شنبه": 1,
    "چهارشنبه": 2,
    "پنجشنبه": 3,
    "جمعه": 4,
}

# «اوایل آبان», «اواسط آذر», «اواخر مهر»: parts of a month as (first day, last day).
MONTH_PARTS: Final[dict[str, tuple[int, int]]] = {
    "اوایل": (1, 10),
    "اواسط": (11, 20),
    "اواخر": (21, 31),
}

# Words that put a bare weekday in a date: «روز دوشنبه», «شامگاه یکشنبه».
PARTS_OF_DAY: Final[tuple[str, ...]] = (
    "روز",
    "شامگاه",
    "عصر",
    "صبح",
    "بامداد",
    "شب",
    "ظهر",
    "غروب",
    "سحرگاه",
    "نیمه شب",
)

RELATIVE_DAYS: Final[dict[str, int]] = {
    "پریروز": -2,
    "دیروز": -1,
    "دیشب": -1,
    "روز گذشته": -1,
    "شب گذشته": -1,
    "امروز": 0,
    "امشب": 0,
    "فردا": 1,
}

# The values name the same arithmetic as `lang_en.RELATIVE_PERIODS`.
RELATIVE_PERIODS: Final[dict[str, str]] = {
    "هفته گذشته": "previous_week",
    "هفته پیش": "previous_week",
    "این هفته": "this_week",
    "ماه گذشته": "previous_month",
    "ماه پیش": "previous_month",
    "این ماه": "this_month",
    "سال گذشته": "previous_year",
}

# «از ۲۶ شهریور تاکنون»: "since", the Persian way.
SINCE_SUFFIXES: Final[tuple[str, ...]] = ("تاکنون", "تا کنون", "تا به حال", "تا امروز", "به این سو")

_DIGITS = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")})
# One character for one, so that offsets into the normalised text are offsets into the original.
NORMALISE: Final[dict[int, str]] = {
    **_DIGITS,
    ord("ي"): "ی",  # Arabic yeh
    ord("ى"): "ی",  # alef maksura, written for yeh at a word's end
    ord("ك"): "ک",  # Arabic kaf
    ord("\u00a0"): " ",
}


def to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a Solar Hijri date; None when no such day exists (31 Mehr)."""
    try:
        result: dt.date = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return result


def _jalali_year(day: dt.date) -> int | None:
    try:
        year: int = jdatetime.date.fromgregorian(date=day).year
    except ValueError:
        return None
    return year


def _month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def jalali_month(year: int, month: int, first: int = 1, last: int = 31) -> DateValue | None:
    """A Solar Hijri month, or the days `first`..`last` of it, as a Gregorian interval."""
    try:
        length = _month_length(year, month)
    except ValueError:
        return None
    start = to_gregorian(year, month, min(first, length))
    end = to_gregorian(year, month, min(last, length))
    if start is None or end is None:
        return None
    if end < start:
        return None
    # A whole Solar Hijri month straddles two Gregorian ones; it is still a month.
    if first <= 1 and last >= length:
        return DateValue(start=start, end=end, precision=Precision.MONTH)
    return span_value(start, end)


def latest_jalali_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The latest Solar Hijri `day` of `month` on or before `ref`."""
    year = _jalali_year(ref)
    if year is None:
        return None
    for candidate_year in range(year, year - 5, -1):
        candidate = to_gregorian(candidate_year, month, day)
        if candidate is not None and candidate <= ref:
            return candidate
    return None


def earliest_jalali_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The earliest Solar Hijri `day` of `month` on or after `ref`."""
    year = _jalali_year(ref)
    if year is None:
        return None
    for candidate_year in range(year, year + 5):
        candidate = to_gregorian(candidate_year, month, day)
        if candidate is not None and candidate >= ref:
            return candidate
    return None


def latest_jalali_month(month: int, ref: dt.date, *, forward: bool = False) -> int | None:
    """The Solar Hijri year of the latest `month` begun by `ref` (or earliest not ended)."""
    year = _jalali_year(ref)
    if year is None:
        return None
    for candidate_year in range(year - 1, year + 2) if forward else range(year, year - 3, -1):
        value = jalali_month(candidate_year, month)
        if value is None:
            continue
        if (forward and value.end >= ref) or (not forward and value.start <= ref):
            return candidate_year
    return None


def jalali_day_resolver(month: int, day: int, year: int | None) -> tuple[Resolver, bool]:
    """A Solar Hijri day; floating (second item True) when the year is not given."""
    if year is not None:
        found = to_gregorian(year, month, day)
        return fixed(day_value(found) if found else None), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        if forward:
            found = earliest_jalali_day(month, day, ref)
        else:
            found = latest_jalali_day(month, day, ref)
        return day_value(found) if found else None

    return resolve, True


def jalali_days_resolver(
    month: int, first: int, last: int, year: int | None
) -> tuple[Resolver, bool]:
    """Days `first`..`last` of one Solar Hijri month («۱۴ تا ۱۶ آذر»)."""
    if first > last:
        return fixed(None), False
    if year is not None:
        return fixed(jalali_month(year, month, first, last)), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        start_resolver, _ = jalali_day_resolver(month, first, None)
        start = start_resolver(ref, forward)
        if start is None:
            return None
        end = earliest_jalali_day(month, last, start.start)
        return span_value(start.start, end) if end else None

    return resolve, True


def jalali_month_resolver(
    month: int, part: tuple[int, int], year: int | None
) -> tuple[Resolver, bool]:
    """A Solar Hijri month, or the days `part` of it («اواخر آبان»)."""
    if year is not None:
        return fixed(jalali_month(year, month, *part)), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        found = latest_jalali_month(month, ref, forward=forward)
        return jalali_month(found, month, *part) if found is not None else None

    return resolve, True
