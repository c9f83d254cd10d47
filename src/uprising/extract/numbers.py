"""The number layer: find every number in a text, with its bounds, qualifier and kind.

A report's figures come in many spellings ("at least 326", "between 15,000 and 16,000", "a hundred
and twenty", "dozens", "۱۸٬۰۰۰", "1.5 million"). This module reads them all into one shape,
`NumberMention`, so that the claims layer can decide which are counts of what. It also says what
each number is (a count, an age, a year, a duration...) because most numbers in a report are not
claims. Language data lives in `lang/en_numbers.py`; values of number words come from `text2num`.

The work is two passes of compiled regular expressions: one scan of the text for numerals, then
local context checks around each numeral (qualifier phrases before it, units after it). The scan
and the reading of numerals live in `_numerals.py`; this module holds the public API and the
context rules (signs, ranges, kinds, qualifiers) that turn numerals into mentions.

    >>> [(m.low, m.high, m.qualifier.value) for m in find_numbers("at least 326 were killed")]
    [(326, None, 'at_least')]
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from uprising.extract._number_words import MONTH, MONTH_BEFORE, alt
from uprising.extract._numerals import MONEY_BEFORE, Atom, scan
from uprising.extract.lang import en_numbers as en
from uprising.vocab import Qualifier

__all__ = ["NumberKind", "NumberMention", "find_numbers", "number_results"]

LOGGER = logging.getLogger(__name__)


class NumberKind(StrEnum):
    """What a number is, so the claims layer can skip the ones that are not counts."""

    COUNT = "count"
    ORDINAL = "ordinal"
    PERCENT = "percent"
    AGE = "age"
    YEAR = "year"
    DATE_PART = "date_part"
    TIME = "time"
    DURATION = "duration"
    DECIMAL = "decimal"
    MONEY = "money"
    OTHER = "other"  # measurements, identifiers, phone numbers


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberMention:
    """One number in a text: its span, its bounds and how the words around it set them."""

    start: int  # the whole expression, qualifier words included ("at least 326"); end exclusive
    end: int
    value_start: int  # the numeral(s) alone ("326", "15,000 and 16,000")
    value_end: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    kind: NumberKind
    rule: str  # which rule produced it: "digits", "words", "range:between", "qualifier:about"...


# --- context patterns -------------------------------------------------------------------------

_MONTH_DAY_BEFORE = re.compile(rf"\b{MONTH}\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}\b")
_YEAR_BEFORE = re.compile(rf"(?i)\b(?:{alt(en.YEAR_BEFORE)})\s*-?\s*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_PERCENT_AFTER = re.compile(rf"\s*(?:%|٪|(?i:(?:{alt(en.PERCENT_WORDS)})\b))")
_PERCENT_BEFORE = re.compile(r"(?i)\bper\s*cents?\s+of\s+$")
_AGE_AFTER = re.compile(rf"(?:\s*-\s*|\s+)?(?i:{alt(en.AGE_AFTER)})(?![\w])")
_AGE_BEFORE = re.compile(rf"(?i)\b(?:{alt(en.AGE_BEFORE)})\s+$")
_TIME_AFTER = re.compile(rf"\s*(?i:{alt(en.TIME_SUFFIXES)})(?!\w)")
_MONEY_AFTER = re.compile(rf"\s*(?:US\s+)?(?i:{alt(en.CURRENCY_WORDS)})\b")
_MEASURE_AFTER = re.compile(rf"\s*(?i:{alt(en.MEASURE_UNITS)})(?![\w])")
_DURATION_AFTER = re.compile(rf"(?:\s*-\s*|\s+)(?:of\s+)?(?i:{alt(en.TIME_UNITS)})\b")
_SIGN_WORD = re.compile(rf"(?i)\b(?:{alt(en.SIGN_WORDS)})\s+$")
_RANGE_GAP = re.compile(rf"\s*(?:[-–—~]|(?i:{alt(en.RANGE_WORDS)})\b)\s*$")
_OPENER = re.compile(rf"(?i)\b({alt(en.RANGE_OPENERS)})\s+$")
_PREFIX_TABLE = {" ".join(p.split()): Qualifier(q) for p, q in en.PREFIX_QUALIFIERS}
_PREFIX = re.compile(rf"(?i)(?<![\w])(?:{alt(_PREFIX_TABLE)})\s*$")
_SYMBOL = re.compile(rf"(?:{alt(en.SYMBOL_QUALIFIERS)})\s*$")
_POSTFIX_TABLE = {p: q for p, q in en.POSTFIX_QUALIFIERS}
_POSTFIX = re.compile(
    rf"(?i)(?:\s*,)?\s+(?P<w>{alt(p for p in _POSTFIX_TABLE if p not in ('plus', 'odd'))})\b"
    r"|(?:-|\s+)(?P<x>plus|odd)\b|(?P<plus>\+)(?![\d+])"
)
_COMPOUND_GAP = re.compile(r"(?i)\s*(?:,\s*)?(?:and|but|,|;)?\s*$")


def _apply_signs(text: str, atoms: list[Atom]) -> None:
    """Make "-5", "minus five" and "negative ten" negative, without taking a range's dash."""
    prev_end = 0
    for atom in atoms:
        s = atom.start
        if atom.kind is None and atom.value is not None and not atom.vague:
            if (
                s > 0
                and text[s - 1] in "-−"
                and (s == 1 or text[s - 2] in " \t\n([<>=:")
                and not text[max(prev_end, s - 12) : s - 1].rstrip()[-1:].isdigit()
            ):
                atom.start, atom.value = s - 1, -atom.value
            elif sign := _SIGN_WORD.search(text, max(prev_end, s - 12), s):
                atom.start, atom.value = sign.start(), -atom.value
        prev_end = atom.end


class _Unit:
    """A single number or a range, with the context read around it."""

    __slots__ = ("end", "first", "high", "kind", "last", "low", "qualifier", "rule", "start",
                 "value_end", "value_start")  # fmt: skip

    def __init__(
        self, first: Atom, last: Atom, low: Fraction | None, high: Fraction | None
    ) -> None:
        self.first, self.last = first, last
        self.start, self.end = first.start, last.end
        self.value_start, self.value_end = first.start, last.end
        self.low, self.high = low, high
        self.rule = first.rule
        self.kind: NumberKind = NumberKind.COUNT
        self.qualifier = Qualifier.EXACT

    @property
    def is_range(self) -> bool:
        return self.first is not self.last


def _rangeable(atom: Atom) -> bool:
    return atom.kind is None and atom.value is not None and not atom.vague and not atom.fraction


def _range(text: str, a: Atom, b: Atom, left: int) -> _Unit | None:
    """Join two numerals into a range: "1,200-1,500", "between 15 and 16 thousand"."""
    if not (_rangeable(a) and _rangeable(b)) or b.start - a.end > 12:
        return None
    gap = text[a.end : b.start]
    opener = _OPENER.search(text, max(left, a.start - 12), a.start)
    if opener:
        closers = en.RANGE_OPENERS[opener.group(1).lower()]
        if gap.strip().lower() not in closers:
            opener = None
    if opener is None and not _RANGE_GAP.match(gap):
        return None
    assert a.value is not None and b.value is not None
    low, high = a.value, b.value
    if b.scale > 1 and a.scale == 1 and abs(low) < b.scale and low * b.scale <= high:
        low *= b.scale  # "between 15 and 16 thousand" is 15000..16000
    if not (low < high and (opener is not None or low > 0)):
        return None
    if low.denominator != 1 or high.denominator != 1:
        return None
    unit = _Unit(a, b, low, high)
    unit.qualifier = Qualifier.RANGE
    if opener is not None:
        unit.start = opener.start()
        unit.rule = f"range:{opener.group(1).lower()}"
    else:
        unit.rule = "range:to" if gap.strip().isalpha() else "range:dash"
    return unit


def _units(text: str, atoms: list[Atom]) -> list[_Unit]:
    units: list[_Unit] = []
    i, left = 0, 0
    while i < len(atoms):
        a = atoms[i]
        joined = _range(text, a, atoms[i + 1], left) if i + 1 < len(atoms) else None
        if joined is not None:
            units.append(joined)
            i += 2
        else:
            units.append(_Unit(a, a, a.value, a.value))
            i += 1
        left = units[-1].end
    return units


def _kind(text: str, unit: _Unit, left: int) -> NumberKind:
    """What the number is, from how it is written and the words around it."""
    first, start, end = unit.first, unit.start, unit.end
    lstart = max(left, start - 40)
    month_near = MONTH_BEFORE.search(text, lstart, start) or _MONTH_AFTER.match(text, end)
    if first.kind is not None and not unit.is_range:
        preset = NumberKind(first.kind)
        if preset == NumberKind.ORDINAL and first.rule == "ordinal:digits" and month_near:
            return NumberKind.DATE_PART
        return preset
    if unit.low is None and unit.high is None:
        return NumberKind.OTHER
    if _PERCENT_AFTER.match(text, end) or _PERCENT_BEFORE.search(text, lstart, start):
        return NumberKind.PERCENT
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(text, lstart, start):
        return NumberKind.AGE
    value = unit.high if unit.high is not None else unit.low
    assert value is not None
    if value.denominator != 1 or first.rule == "fraction":
        return NumberKind.DECIMAL
    if _TIME_AFTER.match(text, end) and 0 <= value <= 24:
        return NumberKind.TIME
    if MONEY_BEFORE.search(text, max(lstart, start - 6), start) or _MONEY_AFTER.match(text, end):
        return NumberKind.MONEY
    if _MEASURE_AFTER.match(text, end):
        return NumberKind.OTHER
    if _DURATION_AFTER.match(text, end):
        return NumberKind.DURATION
    if first.vague:
        return NumberKind.COUNT
    if not first.words and 1 <= value <= 31 and month_near and not unit.is_range:
        return NumberKind.DATE_PART
    if first.plain4 and unit.last.plain4 and _is_year(text, unit, lstart, int(value)):
        return NumberKind.YEAR
    if first.decimal and first.scale == 1 and not unit.is_range:
        return NumberKind.DECIMAL
    return NumberKind.COUNT


def _is_year(text: str, unit: _Unit, lstart: int, value: int) -> bool:
    """A bare 2022 or 1401 is a year unless a counted noun follows it ("2000 protesters")."""
    solar, gregorian = 1300 <= value <= 1450, 1900 <= value <= 2100
    if not (solar or gregorian):
        return False
    if _MONTH_DAY_BEFORE.search(text, lstart, unit.start):
        return True
    after_preposition = _YEAR_BEFORE.search(text, lstart, unit.start) is not None
    if solar and not after_preposition:
        return False
    word = _NEXT_WORD.match(text, unit.end)
    if word is None or word.group(1)[0].isupper() or word.group(1).lower() in en.YEAR_FOLLOWERS:
        return True
    # "in 2022 continued" is a year, "in 2000 cities" a count: after a preposition only a plural
    # noun makes the number a count
    return after_preposition and not word.group(1).lower().endswith("s")


_SYMBOLS = {"".join(k.split()): v for k, v in en.SYMBOL_QUALIFIERS.items()}
_NOT_OVER = frozenset({NumberKind.DURATION, NumberKind.TIME, NumberKind.YEAR, NumberKind.DATE_PART})
_LOWER_BOUNDS = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})
_UPPER_BOUNDS = frozenset({Qualifier.AT_MOST, Qualifier.LESS_THAN})


def _qualify(text: str, unit: _Unit, left: int, next_start: int | None) -> None:
    """Set the qualifier from the words before ("at least") and after ("or more") the number."""
    if unit.first.vague:
        unit.qualifier, unit.high, unit.rule = Qualifier.VAGUE, None, "vague"
        return
    if unit.is_range or unit.kind == NumberKind.OTHER:
        return
    qualifier: Qualifier | None = None
    symbol = _SYMBOL.search(text, max(left, unit.start - 4), unit.start)
    if symbol:
        name = _SYMBOLS.get("".join(symbol.group().split()))
        if name == "other":  # "<>30" compares; it is not a figure
            unit.kind, unit.low, unit.high = NumberKind.OTHER, None, None
            return
        if name:
            qualifier, unit.start, unit.rule = Qualifier(name), symbol.start(), f"qualifier:{name}"
    else:
        prefix = _PREFIX.search(text, max(left, unit.start - 48), unit.start)
        if prefix:
            phrase = " ".join(prefix.group().lower().split())
            found = _PREFIX_TABLE[phrase]
            if not (phrase == "over" and unit.kind in _NOT_OVER):
                qualifier, unit.start = found, prefix.start()
                unit.rule = f"qualifier:{found.value}"
    post = _POSTFIX.match(text, unit.end)
    if post:
        phrase = " ".join((post.group("w") or post.group("x") or "plus").lower().split())
        ahead = next_start is not None and not text[post.end() : next_start].strip()
        if not ahead:
            name = _POSTFIX_TABLE[phrase]
            if name != "equal":
                qualifier, unit.start, unit.end = Qualifier(name), unit.value_start, post.end()
                unit.rule = f"postfix:{name}"
            elif qualifier in (Qualifier.MORE_THAN, Qualifier.LESS_THAN):
                widened = "at_least" if qualifier == Qualifier.MORE_THAN else "at_most"
                qualifier, unit.end = Qualifier(widened), post.end()
                unit.rule = f"qualifier:{widened}"
    if qualifier is None:
        return
    unit.qualifier = qualifier
    if qualifier in _LOWER_BOUNDS:
        unit.high = None
    elif qualifier in _UPPER_BOUNDS:
        unit.low = None


def _compound(text: str, units: list[_Unit]) -> list[_Unit]:
    """Join "more than 10 and less than 20" into one range."""
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        a = units[i]
        b = units[i + 1] if i + 1 < len(units) else None
        if b is not None and _bounds_pair(text, a, b):
            lower, upper = (a, b) if a.qualifier in _LOWER_BOUNDS else (b, a)
            a.low, a.high = lower.low, upper.high
            a.end, a.value_end, a.last = b.end, b.value_end, b.last
            a.qualifier, a.rule = Qualifier.RANGE, "range:compound"
            out.append(a)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _bounds_pair(text: str, a: _Unit, b: _Unit) -> bool:
    pair = {a.qualifier, b.qualifier}
    if not (pair & _LOWER_BOUNDS and pair & _UPPER_BOUNDS) or a.kind != b.kind:
        return False
    if a.is_range or b.is_range or not _COMPOUND_GAP.fullmatch(text, a.end, b.start):
        return False
    lower, upper = (a, b) if a.qualifier in _LOWER_BOUNDS else (b, a)
    return lower.low is not None and upper.high is not None and lower.low < upper.high


def _whole(value: Fraction | None) -> int | None:
    return int(value) if value is not None and value.denominator == 1 else None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in `text` with its bounds, qualifier and kind, sorted and non-overlapping.

    Offsets index `text` itself. Numbers that are not counts (ages, years, ordinals...) are
    returned too, with their kind, so that callers can tell them apart from counts.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numbers() takes a str, not {type(text).__name__}")
    atoms = scan(text)
    _apply_signs(text, atoms)
    units = _units(text, atoms)
    left = 0
    for index, unit in enumerate(units):
        unit.kind = _kind(text, unit, left)
        following = units[index + 1].start if index + 1 < len(units) else None
        _qualify(text, unit, left, following)
        left = unit.end
    mentions: list[NumberMention] = []
    end = 0
    for unit in _compound(text, units):
        if unit.start < end:  # never expected; keeps the non-overlap promise regardless
            LOGGER.debug("dropped an overlapping number mention at %d", unit.start)
            continue
        low, high = _whole(unit.low), _whole(unit.high)
        kind = unit.kind
        lost = (unit.low is not None and low is None) or (unit.high is not None and high is None)
        if kind == NumberKind.COUNT and lost:
            kind = NumberKind.DECIMAL
        mentions.append(
            NumberMention(
                start=unit.start,
                end=unit.end,
                value_start=unit.value_start,
                value_end=unit.value_end,
                low=low,
                high=high,
                qualifier=unit.qualifier,
                kind=kind,
                rule=unit.rule,
            )
        )
        end = unit.end
    return mentions


_NOT_NUMBERS = frozenset({NumberKind.ORDINAL, NumberKind.OTHER})


def number_results(text: str) -> list[dict[str, Any]]:
    """The numbers of `text` as `uprising numbers` prints them, for comparison with peer specs.

    Ordinals, measurements and identifiers ("May 4th", "29km", phone numbers) are left out, as
    are numbers without whole-number bounds ("2.5"): Recognizers-Text's number model does not
    report the former, and the contract has no place for the latter.
    """
    return [
        {
            "text": text[m.start : m.end],
            "start": m.start,
            "end": m.end,
            "low": m.low,
            "high": m.high,
            "qualifier": m.qualifier.value,
        }
        for m in find_numbers(text)
        if m.kind not in _NOT_NUMBERS
        and not m.rule.startswith("ordinal")
        and (m.low is not None or m.high is not None)
    ]
