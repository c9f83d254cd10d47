"""Find date expressions in a report and resolve them against its publication date.

One compiled pattern, tried only at words that can start a date, finds date *atoms*: a day
("26 October", "Oct 3", "2022-11-12", «۲۵ آبان ۱۴۰۱»), a month or part of one ("mid-November"),
a weekday, a relative word ("yesterday", «هفته گذشته»), a shift ("two days earlier"), a bare
year. Cheap anchored checks then
look at the few characters around each atom: a prefix ("on", "since", "as of", "by", "in",
"between", «از», «در») and a connector to the next atom ("to", a dash, «تا») turn atoms into the
composite expressions the contract cares about (as-of days, since-periods, ranges). English and
Persian share the machinery; their words live in `lang_en` and `jalali`, and the patterns built
from them in `patterns`, so that this module holds only reading, composing and resolving.

Resolution rules (shared/spec/extraction.md):
- a day or month without a year is the latest such one on or before publication;
- a weekday is the latest such day on or before publication, the day itself included, unless the
  tense points ahead ("will ... on Monday", "on Monday will") or it says "next"; "last Friday" is
  strictly before publication; "Thursday evening" is the Thursday;
- "last week" is the previous Monday..Sunday week, "earlier this month" the 1st..publication,
  "over the weekend" the latest Saturday..Sunday that has begun (cut at publication);
- "N days earlier/later", "the next day" are anchored to some event; they are resolved against
  publication and the claims layer may re-anchor them;
- a range resolves its start first, then its end as the earliest match on or after the start,
  so "28 November to 4 December" and "from Monday to Wednesday" never run backwards.
Without a publication date, relative, weekday and year-less expressions are skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from uprising.dates import jalali, lang_en
from uprising.dates.patterns import (
    ALTERNATIVES,
    CONNECTOR_RE,
    FA_MONTH_BY_KEY,
    FA_SINCE_RE,
    FA_WEEKDAY_BY_KEY,
    FUTURE_AFTER_RE,
    FUTURE_BEFORE_RE,
    MONTHS_BY_KEY,
    NORMALISE_RE,
    PREFIX_RE,
    atom_matches,
    fold,
)
from uprising.dates.values import (
    DateKind,
    DateMention,
    DateValue,
    Resolver,
    day_resolver,
    day_value,
    days_resolver,
    fixed,
    from_published,
    month_resolver,
    named_period,
    span_value,
    weekday_resolver,
)

__all__ = ["find_dates"]

LOGGER = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Atoms


@dataclass(frozen=True, slots=True, kw_only=True)
class _Atom:
    """One date expression before prefixes and ranges are considered."""

    start: int
    end: int
    rule: str
    category: str  # day, range, month, year, weekday, relative
    kind: DateKind
    bare: bool  # needs a prefix or a range partner to count ("November", "2022", «دوشنبه»)
    floating: bool  # resolved against a reference day (publication, or a range's start)
    resolve: Resolver


def _number(word: str) -> int:
    return int(word) if word.isdigit() else lang_en.NUMBER_WORDS[word.lower()]


def _year(text: str | None) -> int | None:
    return int(text) if text else None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Reading:
    """What a reader makes of one alternative; `_atom` adds the span and the rule."""

    resolve: Resolver
    category: str = "day"
    kind: DateKind = DateKind.ABSOLUTE
    bare: bool = False
    floating: bool = False


_Reader = Callable[[re.Match[str], dt.date | None], _Reading]


def _phrase_key(words: str) -> str:
    """A lookup key for a phrase, whatever its case, spacing, ZWNJ and Persian ezafe."""
    words = re.sub(r"\u200c?ی(?=[\s\u200c])", "", words)  # «هفته‌ی گذشته» -> «هفته گذشته»
    return " ".join(words.lower().replace("\u200c", " ").split())


_RELATIVE_DAYS = {
    _phrase_key(k): v for k, v in {**lang_en.RELATIVE_DAYS, **jalali.RELATIVE_DAYS}.items()
}
_RELATIVE_PERIODS = {
    _phrase_key(k): v for k, v in {**lang_en.RELATIVE_PERIODS, **jalali.RELATIVE_PERIODS}.items()
}


def _read_day_range(m: re.Match[str], _published: dt.date | None) -> _Reading:
    suffix = "" if m.lastgroup == "range_dmy" else "2"
    month = MONTHS_BY_KEY[fold(m.group("rm" + suffix))]
    first, last = int(m.group("ra" + suffix)), int(m.group("rb" + suffix))
    resolve, floating = days_resolver(month, first, last, _year(m.group("ry" + suffix)))
    return _Reading(resolve=resolve, floating=floating, category="range", kind=DateKind.PERIOD)


def _read_jalali_range(m: re.Match[str], _published: dt.date | None) -> _Reading:
    month = _jalali_month_number(m.group("rm3"))
    first, last = int(m.group("ra3")), int(m.group("rb3"))
    resolve, floating = jalali.jalali_days_resolver(month, first, last, _year(m.group("ry3")))
    return _Reading(resolve=resolve, floating=floating, category="range", kind=DateKind.PERIOD)


def _read_iso(m: re.Match[str], _published: dt.date | None) -> _Reading:
    resolve, _ = day_resolver(int(m.group("im")), int(m.group("id")), int(m.group("iy")))
    return _Reading(resolve=resolve)


def _read_jalali_numeric(m: re.Match[str], _published: dt.date | None) -> _Reading:
    resolve, _ = jalali.jalali_day_resolver(
        int(m.group("nm")), int(m.group("nd")), int(m.group("ny"))
    )
    return _Reading(resolve=resolve)


def _read_day(m: re.Match[str], _published: dt.date | None) -> _Reading:
    suffix = "1" if m.lastgroup == "dmy" else "2"
    month = MONTHS_BY_KEY[fold(m.group("m" + suffix))]
    day, year = int(m.group("d" + suffix)), _year(m.group("y" + suffix))
    resolve, floating = day_resolver(month, day, year)
    return _Reading(resolve=resolve, floating=floating)


def _read_jalali_day(m: re.Match[str], _published: dt.date | None) -> _Reading:
    month = _jalali_month_number(m.group("jm"))
    resolve, floating = jalali.jalali_day_resolver(month, int(m.group("jd")), _year(m.group("jy")))
    return _Reading(resolve=resolve, floating=floating)


def _read_jalali_month(m: re.Match[str], _published: dt.date | None) -> _Reading:
    month = _jalali_month_number(m.group("jm2") or m.group("jt2"))
    part = jalali.MONTH_PARTS.get(m.group("jp") or "", (1, 31))
    year = _year(m.group("jy2"))
    resolve, floating = jalali.jalali_month_resolver(month, part, year)
    bare = not m.group("jp") and year is None
    return _Reading(
        resolve=resolve, floating=floating, category="month", kind=DateKind.PERIOD, bare=bare
    )


def _read_month(m: re.Match[str], _published: dt.date | None) -> _Reading:
    month = MONTHS_BY_KEY[fold(m.group("m3") or m.group("m3a"))]
    part_words = _phrase_key(m.group("mp") or "")
    year = _year(m.group("y3"))
    part = lang_en.MONTH_PARTS.get(part_words, (1, 31))
    resolve, floating = month_resolver(month, part, year)
    bare = not part_words and year is None
    return _Reading(
        resolve=resolve, floating=floating, category="month", kind=DateKind.PERIOD, bare=bare
    )


def _read_year(m: re.Match[str], _published: dt.date | None) -> _Reading:
    year = int(m.group("yr"))
    value = span_value(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return _Reading(resolve=fixed(value), category="year", kind=DateKind.PERIOD, bare=True)


def _read_relative(m: re.Match[str], published: dt.date | None) -> _Reading:
    """Named days and periods: "yesterday", "last week", «عصر دیروز», «هفته‌ی گذشته»."""
    period_words = m.group("rp") or m.group("fp")
    if period_words:
        name = _RELATIVE_PERIODS[_phrase_key(period_words)]
        kind = DateKind.PERIOD if "weekend" in name else DateKind.RELATIVE
        resolve = from_published(published, lambda p: named_period(name, p))
        return _Reading(resolve=resolve, category="relative", kind=kind)
    shift = _RELATIVE_DAYS[_phrase_key(m.group("rd") or m.group("fd"))]
    resolve = from_published(published, lambda p: day_value(p + dt.timedelta(days=shift)))
    return _Reading(resolve=resolve, category="relative", kind=DateKind.RELATIVE)


def _read_shift(m: re.Match[str], published: dt.date | None) -> _Reading:
    sign = lang_en.SHIFT_DIRECTIONS[(m.group("sd") or m.group("sd2")).lower()]
    days = sign * _number(m.group("sn")) * lang_en.SHIFT_UNITS[m.group("su").lower()]
    resolve = from_published(published, lambda p: day_value(p + dt.timedelta(days=days)))
    return _Reading(resolve=resolve, category="relative", kind=DateKind.RELATIVE)


def _read_past(m: re.Match[str], published: dt.date | None) -> _Reading:
    unit = m.group("pu").lower().rstrip("s")
    count = _number(m.group("pn")) if m.group("pn") else 1
    days = math.ceil(count / 24) if unit == "hour" else count * (7 if unit == "week" else 1)
    resolve = from_published(published, lambda p: span_value(p - dt.timedelta(days=days), p))
    return _Reading(resolve=resolve, category="relative", kind=DateKind.RELATIVE)


def _read_weekday(m: re.Match[str], published: dt.date | None) -> _Reading:
    words = _phrase_key(m.group("wm") or "")
    modifier = lang_en.WEEKDAY_MODIFIERS.get(words)
    resolve = weekday_resolver(lang_en.WEEKDAYS[m.group("wd").lower()], modifier, published)
    # "the previous Sunday", "the following Tuesday" are anchored to an event named nearby.
    anchored = modifier == "following" or words == "the previous"
    return _Reading(
        resolve=resolve,
        floating=modifier is None,
        category="weekday" if modifier is None else "weekday_fixed",
        kind=DateKind.RELATIVE if anchored else DateKind.WEEKDAY,
    )


def _read_fa_weekday(m: re.Match[str], published: dt.date | None) -> _Reading:
    modifier = "previous" if m.group("fwl") else None
    resolve = weekday_resolver(FA_WEEKDAY_BY_KEY[fold(m.group("fw"))], modifier, published)
    return _Reading(
        resolve=resolve,
        floating=modifier is None,
        category="weekday" if modifier is None else "weekday_fixed",
        kind=DateKind.WEEKDAY,
        bare=not m.group("fwp") and not m.group("fwl"),
    )


_READERS: dict[str, _Reader] = {
    "range_dmy": _read_day_range,
    "range_mdy": _read_day_range,
    "range_jalali": _read_jalali_range,
    "iso": _read_iso,
    "jalali_numeric": _read_jalali_numeric,
    "dmy": _read_day,
    "mdy": _read_day,
    "jalali_dmy": _read_jalali_day,
    "jalali_month": _read_jalali_month,
    "month": _read_month,
    "relative_period": _read_relative,
    "relative_day": _read_relative,
    "shift": _read_shift,
    "past": _read_past,
    "weekday": _read_weekday,
    "fa_relative": _read_relative,
    "fa_weekday": _read_fa_weekday,
    "year": _read_year,
}
assert set(_READERS) == {name for name, _ in ALTERNATIVES}  # every alternative has a reader


def _atom(m: re.Match[str], published: dt.date | None) -> _Atom:
    """Read one match of the atom pattern."""
    rule = m.lastgroup or ""
    reading = _READERS[rule](m, published)
    return _Atom(
        start=m.start(),
        end=m.end(),
        rule=rule,
        category=reading.category,
        kind=reading.kind,
        bare=reading.bare,
        floating=reading.floating,
        resolve=reading.resolve,
    )


def _jalali_month_number(word: str) -> int:
    key = fold(word)
    if key not in FA_MONTH_BY_KEY and key.endswith("ماه"):
        key = key.removesuffix("ماه")  # «آبان‌ماه»
    return FA_MONTH_BY_KEY.get(key) or jalali.TRANSLITERATED_MONTHS[key]


# ---------------------------------------------------------------------------------------------
# Composition


def _future(norm: str, start: int, end: int) -> bool:
    """Whether the clause around a weekday points ahead ("will ... on Monday", "Monday will")."""
    if FUTURE_BEFORE_RE.search(norm, max(0, start - 40), start):
        return True
    return FUTURE_AFTER_RE.match(norm, end) is not None


def _mention(
    start: int, end: int, value: DateValue | None, kind: DateKind, rule: str
) -> DateMention | None:
    if value is None:
        return None
    return DateMention(start=start, end=end, value=value, kind=kind, rule=rule)


_PLANNED = re.compile(r"\b(?:planned|plans?|scheduled|called|calls|calling|announced|set|due|"
                      r"expected|will|would)\b[^.;]{0,40}$", re.IGNORECASE)


def _pair(a: _Atom, b: _Atom, published: dt.date | None, norm: str = "") -> DateValue | None:
    """The period from `a` to `b`: the start first, then the end on or after it."""
    if a.floating and not b.floating:
        end = b.resolve(None, False)
        start = a.resolve(end.end if end else None, False)
    else:
        start = a.resolve(published, False)
        end = b.resolve(start.start if start else None, True)
    if start is None or end is None:
        return None
    if (published is not None and end.end > published and a.category.startswith("weekday")
            and b.category.startswith("weekday") and not _future(norm, a.start, b.end)
            and not _PLANNED.search(norm, max(0, a.start - 60), a.start)):
        # "a strike from Monday to Wednesday was heeded", read on Monday: last week's days
        week = dt.timedelta(days=7)
        return span_value(start.start - week, end.end - week)
    return span_value(start.start, end.end)


def _range_allowed(a: _Atom, b: _Atom, both: bool, prefix: str | None) -> bool:
    if "range" in (a.category, b.category):
        return False
    weekdays = a.category.startswith("weekday") and b.category.startswith("weekday")
    opened = prefix in ("between", "fa_between", "from", "fa_from")
    if both and not (weekdays or prefix in ("between", "fa_between")):
        return False  # "on 12 October and 14 October" are two days, not a period
    return opened or weekdays or not (a.bare or b.bare)


def _compose(norm: str, atoms: list[_Atom], published: dt.date | None) -> list[DateMention]:
    mentions: list[DateMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        pre = PREFIX_RE.search(norm, max(0, a.start - 16), a.start)
        prefix = pre.lastgroup if pre else None
        pre_start = pre.start() if pre else a.start
        found: DateMention | None = None
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            conn = CONNECTOR_RE.fullmatch(norm, a.end, b.start)
            if conn and _range_allowed(a, b, conn.group("both") is not None, prefix):
                value = _pair(a, b, published, norm)
                if value is not None:
                    keep = prefix in ("between", "from", "fa_between", "fa_from", "on")
                    found = _mention(
                        pre_start if keep else a.start,
                        b.end,
                        value,
                        DateKind.PERIOD,
                        f"range:{a.rule}+{b.rule}",
                    )
                    if found is not None:
                        mentions.append(found)
                        i += 2
                        continue
        found = _single(norm, a, prefix, pre_start, published)
        if found is not None:
            mentions.append(found)
        i += 1
    return mentions


def _single(
    norm: str, a: _Atom, prefix: str | None, pre_start: int, published: dt.date | None
) -> DateMention | None:
    """One atom with what stands before it ("since", "as of", "on", "in", «از ... تاکنون»)."""
    end = a.end
    if prefix == "fa_from":
        suffix = FA_SINCE_RE.match(norm, a.end)
        if suffix:
            prefix, end = "since", suffix.end()
    if prefix == "since":
        value = a.resolve(published, False)
        if value is not None and published is not None and published >= value.start:
            value = span_value(value.start, published)
        return _mention(pre_start, end, value, DateKind.SINCE, f"since:{a.rule}")
    if prefix == "asof":
        value = a.resolve(published, False)
        as_of = day_value(value.end) if value is not None else None
        return _mention(pre_start, end, as_of, DateKind.AS_OF, f"as_of:{a.rule}")
    if prefix in ("inside", "fa_in") and a.category in ("month", "year"):
        return _mention(pre_start, end, a.resolve(published, False), DateKind.PERIOD, a.rule)
    if a.bare:
        return None
    forward = a.category == "weekday" and _future(norm, a.start, a.end)
    value = a.resolve(published, forward)
    opened = prefix in ("between", "from", "fa_between", "fa_from") and a.category == "range"
    keep = opened or (prefix == "on" and a.category != "month")
    start = pre_start if keep else a.start
    return _mention(start, a.end, value, a.kind, a.rule + (":future" if forward else ""))


def _normalise(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII, Arabic letters to Persian; same length."""
    return NORMALISE_RE.sub(lambda m: jalali.NORMALISE[ord(m.group())], text)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Date expressions in `text`, resolved against the publication day.

    Returns mentions sorted by start and never overlapping; offsets index `text` itself.

        >>> [m.value.to_contract() for m in find_dates("on 26 October", dt.date(2022, 11, 21))]
        ['2022-10-26']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()  # a datetime would not compare with the dates below
    elif published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a date or None, not {type(published).__name__}")
    norm = text if text.isascii() else _normalise(text)
    atoms: list[_Atom] = []
    for m in atom_matches(norm):
        try:
            atom = _atom(m, published)
        except (KeyError, ValueError, OverflowError):
            LOGGER.debug("date atom at %d..%d not read", m.start(), m.end())
            continue
        atoms.append(atom)
    try:
        mentions = _compose(norm, atoms, published)
    except (ValueError, OverflowError):
        # Arithmetic past year 1 or 9999 from a corrupt publication date: resolve atom by atom.
        mentions = []
        for atom in atoms:
            try:
                mentions.extend(_compose(norm, [atom], published))
            except (ValueError, OverflowError):
                continue
    return _without_overlaps(mentions)


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
