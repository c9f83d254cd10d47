"""Date values with their precision, the mentions that carry them, and calendar arithmetic.

A report rarely names a single day: it says "in November", "since mid-September" or "last week".
A `DateValue` is therefore always an interval with a precision, the way dateparser keeps a `period`;
one day is the interval whose start is its end. The helpers below resolve year-less and relative
expressions against a reference day (normally the publication date) and never look at text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DateKind",
    "DateMention",
    "DateValue",
    "Precision",
    "Resolver",
    "day_resolver",
    "day_value",
    "days_resolver",
    "earliest_day",
    "fixed",
    "from_published",
    "latest_day",
    "month_resolver",
    "month_value",
    "named_period",
    "next_weekday",
    "previous_weekday",
    "span_value",
    "week_of",
    "weekday_resolver",
]

LOGGER = logging.getLogger(__name__)

# A 29 February can lie up to eight years back (1900 and 2100 are not leap years).
_YEARS_TO_TRY = 9


class Precision(StrEnum):
    """How much of the calendar a value covers."""

    DAY = "day"
    PERIOD = "period"  # any interval that is not one day or one whole month
    MONTH = "month"


class DateKind(StrEnum):
    """What kind of expression a date was read from; the claims layer treats them differently."""

    ABSOLUTE = "absolute"  # "26 October", "Oct 3", "2022-11-12", "25 Aban 1401"
    RELATIVE = "relative"  # "yesterday", "last week", "two days earlier"
    WEEKDAY = "weekday"  # "on Tuesday", "Thursday evening", "last Friday"
    PERIOD = "period"  # "between 14 and 16 November", "in November", "over the weekend"
    AS_OF = "as_of"  # "as of 12 November", "by Saturday": the day a running total is valid for
    SINCE = "since"  # "since September 17": its start up to the publication day


@dataclass(frozen=True, slots=True, kw_only=True)
class DateValue:
    """A day or an interval of days, both ends included."""

    start: dt.date
    end: dt.date
    precision: Precision

    def to_contract(self) -> str:
        """The contract's spelling: "YYYY-MM-DD" for a day, "YYYY-MM-DD/YYYY-MM-DD" otherwise."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date expression found in a text, with the span that holds the whole expression."""

    start: int  # offsets into the original text, end exclusive
    end: int
    value: DateValue
    kind: DateKind
    rule: str  # short rule name, shown by `explain`


def day_value(day: dt.date) -> DateValue:
    """One day as a value."""
    return DateValue(start=day, end=day, precision=Precision.DAY)


def span_value(start: dt.date, end: dt.date) -> DateValue | None:
    """An interval, with its precision read off its ends; None when the ends are reversed."""
    if end < start:
        return None
    if start == end:
        return day_value(start)
    whole_month = (
        start.day == 1
        and start.year == end.year
        and start.month == end.month
        and end.day == calendar.monthrange(end.year, end.month)[1]
    )
    return DateValue(
        start=start, end=end, precision=Precision.MONTH if whole_month else Precision.PERIOD
    )


def month_value(year: int, month: int, first: int = 1, last: int = 31) -> DateValue:
    """A calendar month, or the days `first`..`last` of it (clipped to the month's length)."""
    length = calendar.monthrange(year, month)[1]
    value = span_value(
        dt.date(year, month, min(first, length)), dt.date(year, month, min(last, length))
    )
    assert value is not None  # first <= last for every caller
    return value


def latest_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The latest `day` of `month` on or before `ref` (a year-less date in a report)."""
    for year in range(ref.year, ref.year - _YEARS_TO_TRY, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref:
            return candidate
    return None


def earliest_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The earliest `day` of `month` on or after `ref` (the end of a range that starts at `ref`)."""
    for year in range(ref.year, ref.year + _YEARS_TO_TRY):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref:
            return candidate
    return None


def latest_month_year(month: int, ref: dt.date) -> int:
    """The year of the latest `month` that has begun by `ref`."""
    return ref.year if month <= ref.month else ref.year - 1


def earliest_month_year(month: int, ref: dt.date) -> int:
    """The year of the earliest `month` that has not ended before `ref`."""
    return ref.year if month >= ref.month else ref.year + 1


def previous_weekday(ref: dt.date, weekday: int, *, strict: bool = False) -> dt.date:
    """The latest `weekday` (Monday 0) on or before `ref`, or strictly before it."""
    delta = (ref.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def next_weekday(ref: dt.date, weekday: int, *, strict: bool = False) -> dt.date:
    """The earliest `weekday` (Monday 0) on or after `ref`, or strictly after it."""
    delta = (weekday - ref.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return ref + dt.timedelta(days=delta)


def week_of(ref: dt.date, offset: int = 0) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of the week holding `ref`, moved by `offset` weeks."""
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)


# ---------------------------------------------------------------------------------------------
# Resolvers: how an expression becomes a value once a reference day is known. The reference is
# the publication day, or the start of a range for its end; `forward` asks for the earliest match
# on or after the reference instead of the latest on or before it.

Resolver = Callable[[dt.date | None, bool], DateValue | None]


def fixed(value: DateValue | None) -> Resolver:
    """A resolver for a value that depends on nothing (it has its year)."""
    return lambda _ref, _forward: value


def from_published(
    published: dt.date | None, make: Callable[[dt.date], DateValue | None]
) -> Resolver:
    """A resolver counted from publication whatever the reference ("yesterday", "last Friday")."""
    return lambda _ref, _forward: make(published) if published is not None else None


def day_resolver(month: int, day: int, year: int | None) -> tuple[Resolver, bool]:
    """A day of a month; floating (second item True) when the year is not given."""
    if year is not None:
        try:
            return fixed(day_value(dt.date(year, month, day))), False
        except ValueError:
            return fixed(None), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        found = earliest_day(month, day, ref) if forward else latest_day(month, day, ref)
        return day_value(found) if found else None

    return resolve, True


def days_resolver(month: int, first: int, last: int, year: int | None) -> tuple[Resolver, bool]:
    """Days `first`..`last` of one month ("14-16 November")."""
    if first > last:
        return fixed(None), False
    if year is not None:
        try:
            return fixed(span_value(dt.date(year, month, first), dt.date(year, month, last))), False
        except ValueError:
            return fixed(None), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        start = earliest_day(month, first, ref) if forward else latest_day(month, first, ref)
        if start is None:
            return None
        try:
            return span_value(start, dt.date(start.year, month, last))
        except ValueError:
            return None

    return resolve, True


def month_resolver(month: int, part: tuple[int, int], year: int | None) -> tuple[Resolver, bool]:
    """A month, or the days `part` of it ("mid-November" is 11..20)."""
    if year is not None:
        return fixed(month_value(year, month, *part)), False

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        found = earliest_month_year(month, ref) if forward else latest_month_year(month, ref)
        return month_value(found, month, *part)

    return resolve, True


def weekday_resolver(weekday: int, modifier: str | None, published: dt.date | None) -> Resolver:
    """A weekday (Monday 0); `modifier` is None or a value of `lang_en.WEEKDAY_MODIFIERS`."""
    if modifier == "previous":
        return from_published(
            published, lambda p: day_value(previous_weekday(p, weekday, strict=True))
        )
    if modifier in ("next", "following"):
        return from_published(published, lambda p: day_value(next_weekday(p, weekday, strict=True)))
    if modifier == "this":
        return from_published(
            published, lambda p: day_value(week_of(p)[0] + dt.timedelta(days=weekday))
        )

    def resolve(ref: dt.date | None, forward: bool) -> DateValue | None:
        if ref is None:
            return None
        found = next_weekday(ref, weekday) if forward else previous_weekday(ref, weekday)
        return day_value(found)

    return resolve


def named_period(name: str, published: dt.date) -> DateValue | None:
    """A named period around publication (the values of `lang_en.RELATIVE_PERIODS`)."""
    p = published
    if name == "previous_week":
        return span_value(*week_of(p, -1))
    if name == "this_week":
        return span_value(week_of(p)[0], p)  # what a report can speak of: the week to date
    if name == "week_to_date":
        return span_value(week_of(p)[0], p)
    if name == "rest_of_week":
        return span_value(p, week_of(p)[1])
    if name == "next_week":
        return span_value(*week_of(p, 1))
    if name == "previous_month":
        last = p.replace(day=1) - dt.timedelta(days=1)
        return month_value(last.year, last.month)
    if name == "this_month":
        return month_value(p.year, p.month)
    if name == "month_to_date":
        return span_value(p.replace(day=1), p)
    if name == "previous_year":
        return span_value(dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31))
    if name == "this_year":
        return span_value(dt.date(p.year, 1, 1), dt.date(p.year, 12, 31))
    if name == "year_to_date":
        return span_value(dt.date(p.year, 1, 1), p)
    if name == "weekend":
        saturday = previous_weekday(p, 5)
        return span_value(saturday, min(saturday + dt.timedelta(days=1), p))
    if name == "previous_weekend":
        sunday = previous_weekday(p, 6, strict=True)
        return span_value(sunday - dt.timedelta(days=1), sunday)
    raise KeyError(f"unknown relative period {name!r}")  # a bug in the language data
