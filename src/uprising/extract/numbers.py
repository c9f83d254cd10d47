"""The number layer: find every number in a text, with its bounds, qualifier and kind.

A report's figures come in many spellings ("at least 326", "between 15,000 and 16,000", "a hundred
and twenty", "dozens", "۱۸٬۰۰۰", "1.5 million"). This module reads them all into one shape,
`NumberMention`, so that the claims layer can decide which are counts of what. It also says what
each number is (a count, an age, a year, a duration...) because most numbers in a report are not
claims. Language data lives in `lang/en_numbers.py`; values of number words come from `text2num`.

The work is two passes of compiled regular expressions: one scan of the text for numerals, then
local context checks around each numeral (qualifier phrases before it, units after it).

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

from text_to_num import alpha2digit, text2num

from uprising.extract.lang import en_numbers as en
from uprising.vocab import Qualifier

__all__ = ["NumberKind", "NumberMention", "find_numbers", "number_results"]

LOGGER = logging.getLogger(__name__)

_MAX_DIGITS = 30  # longer digit strings are identifiers, and int() of huge strings is slow


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


# --- word tables ------------------------------------------------------------------------------

_UNIT, _TEEN, _TENS, _HUNDRED, _SCALE, _DOZEN = "unit", "teen", "tens", "hundred", "scale", "dozen"
_A, _AND, _FRAC, _ORD, _DIGITS, _SOLO = "a", "and", "frac", "ord", "digits", "solo"


def _word_table() -> dict[str, tuple[str, int]]:
    """Map each number word to its token type and value; text2num supplies the values."""
    table: dict[str, tuple[str, int]] = {}
    cardinals = {w: int(text2num(w, "en")) for w in en.CARDINAL_WORDS}
    cardinals.update(en.EXTRA_CARDINALS)
    for word, value in cardinals.items():
        if word in en.SCALE_WORDS:
            table[word] = (_SCALE, value)
        elif value == 100:
            table[word] = (_HUNDRED, value)
        else:
            table[word] = (_UNIT if value < 10 else _TEEN if value < 20 else _TENS, value)
    for word in en.DOZEN_WORDS:
        table[word] = (_DOZEN, 12)
    ordinals = {w: int(alpha2digit(w, "en", threshold=0)[:-2]) for w in en.ORDINAL_WORDS}
    ordinals.update(en.EXTRA_ORDINALS)
    for word, value in ordinals.items():
        table[word] = (_ORD, value)
        if value >= 3:  # "three fifths", "two hundredths"; "seconds" is a time unit
            table[word + "s"] = (_FRAC, value)
    for word, denominator in en.FRACTION_WORDS.items():
        table[word] = (_FRAC, denominator)
    return table


_WORDS = _word_table()
_MULTIPLIER_ORDINALS = frozenset(v for t, v in _WORDS.values() if t == _ORD and v >= 100)


def _alt(phrases: object) -> str:
    """A regex alternation of phrases, longest first, any whitespace run standing for a space."""
    items = sorted(set(phrases), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


def _trie(words: object) -> str:
    """A regex for a set of words as a prefix tree: "o(?:ne|ver)" instead of "one|over".

    Python's regex engine tries alternatives one by one; a tree lets it reject a position after
    one character, which makes the scan about ten times faster on ordinary prose.
    """
    tree: dict[str, Any] = {}
    for word in set(words):  # type: ignore[call-overload]
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


# --- the scan -----------------------------------------------------------------------------------

_SEPS = ".,\u060c\u066b\u066c\u00a0\u202f\u2009 "
_ABBR = "|".join(sorted(en.SCALE_ABBREVIATIONS, key=len, reverse=True))
# A numeral may touch letters of other scripts ("ال١٩٢", "۱۲نفر"); Latin letters glued after it
# are read as a suffix ("10k", "4th", "29km"), Latin letters before it make it part of a name.
_NUM = rf"(?:(?<![\w.])\.\d+|(?<![\dA-Za-z_])\d+(?:[{_SEPS}]\d+)*)(?:[A-Za-z]+\b|\s(?:{_ABBR})\b)?"
_WORD = rf"\b(?i:{_trie(_WORDS)})\b"
_WORD_GATE = "".join(
    sorted({w[0] for w in _WORDS} | {w[0].upper() for w in _WORDS} | set("sSmMaA"))
)  # the first letters of number words and of the vague phrases ("several", "many", "a few")
_AFTER_A = "hundred|thousand|million|billion|trillion|lakh|crore|dozen|half|quarter|" + "|".join(
    w for w, (t, v) in _WORDS.items() if t == _ORD and v >= 3 and w != "second"
)
_ARTICLE = rf"\b(?i:an?)(?=(?:\s+|\s*-\s*)(?i:{_AFTER_A})\b)"
_TOKEN = rf"(?:{_NUM}|{_WORD}|{_ARTICLE})"
_JOIN = r"(?:\s*-\s*|\s+(?i:and)\s+|\s+)"
_FEW = _alt(en.FEW_WORDS)
_VAGUE = (
    rf"(?i:\b(?:{_FEW})\s+(?:hundred\s+thousand|dozen|hundred|thousand|million)\b"
    r"|\b(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b"
    r"|\b(?:dozens|hundreds|thousands|millions)\b"
    r"|\bscores(?=\s+(?:of|were|have|had|are|more|\w+ed)\b))"
)
_SCAN = re.compile(
    r"(?=[\d+(.])(?:(?P<iso>(?<![\w/.-])(?:1[3-9]|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?"
    r"(?![\w/-]|\.\d))"
    r"|(?P<sdate>(?<![\w/.-])\d{1,2}(?P<dsep>[/.-])\d{1,2}(?P=dsep)(?:\d{4}|\d{2})(?![\w/]|[.-]\d))"
    r"|(?P<phone>\+\d{1,3}(?:[-.\s]\(?\d{2,5}\)?){2,5}(?:/\d{2,5})?(?!\d)"
    r"|(?<![\w-])\(?\d{3}\)?[-.]\d{3}[-.]\d{4}(?![\w-]))"
    r"|(?P<time>(?<![\w:.])(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?:\s*(?i:[ap]\.?m\b\.?))?"
    r"(?![\w:]))"
    r"|(?P<sci>(?<![\w.])\d+(?:\.\d+)?(?:[eE][+-]?\d{1,3}|\s?[x×]\s?10\^[+-]?\d{1,3})(?![\w.^]))"
    r"|(?P<slash>(?<![\w/.])\d{1,4}/\d{1,4}(?![\w/]|\.\d))"
    rf"|(?P<run>{_TOKEN}(?:{_JOIN}{_TOKEN})*))"
    rf"|\b(?=[{_WORD_GATE}])(?:(?P<vague>{_VAGUE})"
    rf"|(?P<words>{_TOKEN}(?:{_JOIN}{_TOKEN})*))"
)
_RUN_TOKEN = re.compile(
    rf"(?P<num>(?:(?<![\w.])\.\d+|(?<![\dA-Za-z_])\d+(?:[{_SEPS}]\d+)*))"
    rf"(?:(?P<glue>[A-Za-z]+)\b|\s(?P<abbr>{_ABBR})\b)?"
    rf"|(?P<word>{_WORD})|(?P<a>\b(?i:an?)\b)|(?P<and>\b(?i:and)\b)"
)
_DIGIT_GROUP = re.compile(r"\d+")

# --- context patterns -------------------------------------------------------------------------

_MONTH = rf"(?:{'|'.join(sorted(en.MONTHS, key=len, reverse=True))})"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+(?:the\s+)?$")
_MONTH_DAY_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}\b")
_YEAR_BEFORE = re.compile(rf"(?i)\b(?:{_alt(en.YEAR_BEFORE)})\s*-?\s*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_PERCENT_AFTER = re.compile(rf"\s*(?:%|٪|(?i:(?:{_alt(en.PERCENT_WORDS)})\b))")
_PERCENT_BEFORE = re.compile(r"(?i)\bper\s*cents?\s+of\s+$")
_AGE_AFTER = re.compile(rf"(?:\s*-\s*|\s+)?(?i:{_alt(en.AGE_AFTER)})(?![\w])")
_AGE_BEFORE = re.compile(rf"(?i)\b(?:{_alt(en.AGE_BEFORE)})\s+$")
_TIME_AFTER = re.compile(rf"\s*(?i:{_alt(en.TIME_SUFFIXES)})(?!\w)")
_MONEY_BEFORE = re.compile(rf"(?:{_alt(en.CURRENCY_SYMBOLS)})\s*$")
_MONEY_AFTER = re.compile(rf"\s*(?:US\s+)?(?i:{_alt(en.CURRENCY_WORDS)})\b")
_MEASURE_AFTER = re.compile(rf"\s*(?i:{_alt(en.MEASURE_UNITS)})(?![\w])")
_DURATION_AFTER = re.compile(rf"(?:\s*-\s*|\s+)(?:of\s+)?(?i:{_alt(en.TIME_UNITS)})\b")
_SIGN_WORD = re.compile(rf"(?i)\b(?:{_alt(en.SIGN_WORDS)})\s+$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_ONE_PRONOUN_AFTER = re.compile(r"(?i)\s+another\b|['’]s\b|\s+by\s+one\b")
_ONE_PRONOUN_BEFORE = re.compile(r"(?i)\b(?:last|next)\s+but\s+$|\bone\s+by\s+$")
_RANGE_GAP = re.compile(rf"\s*(?:[-–—~]|(?i:{_alt(en.RANGE_WORDS)})\b)\s*$")
_OPENER = re.compile(rf"(?i)\b({_alt(en.RANGE_OPENERS)})\s+$")
_PREFIX_TABLE = {" ".join(p.split()): Qualifier(q) for p, q in en.PREFIX_QUALIFIERS}
_PREFIX = re.compile(rf"(?i)(?<![\w])(?:{_alt(_PREFIX_TABLE)})\s*$")
_SYMBOL = re.compile(rf"(?:{_alt(en.SYMBOL_QUALIFIERS)})\s*$")
_POSTFIX_TABLE = {p: q for p, q in en.POSTFIX_QUALIFIERS}
_POSTFIX = re.compile(
    rf"(?i)(?:\s*,)?\s+(?P<w>{_alt(p for p in _POSTFIX_TABLE if p not in ('plus', 'odd'))})\b"
    r"|(?:-|\s+)(?P<x>plus|odd)\b|(?P<plus>\+)(?![\d+])"
)
_COMPOUND_GAP = re.compile(r"(?i)\s*(?:,\s*)?(?:and|but|,|;)?\s*$")


# --- numerals -------------------------------------------------------------------------------


class _Tok:
    """A token of a numeral run: a number word, a connector or a written number."""

    __slots__ = ("decimal", "end", "kind", "preset", "rule", "scale", "start", "value", "word")

    def __init__(self, kind: str, value: Fraction, start: int, end: int, word: str = "") -> None:
        self.kind, self.value, self.start, self.end, self.word = kind, value, start, end, word
        self.decimal = False
        self.preset: NumberKind | None = None
        self.rule = "digits"
        self.scale = 1


class _Atom:
    """A numeral read from the text before context is applied: value, span and how written."""

    __slots__ = ("decimal", "end", "fraction", "kind", "ordinal", "plain4", "rule", "scale",
                 "start", "vague", "value", "words")  # fmt: skip

    def __init__(self, start: int, end: int, value: Fraction | None, rule: str) -> None:
        self.start, self.end, self.value, self.rule = start, end, value, rule
        self.kind: NumberKind | None = None
        self.scale = 1
        self.decimal = self.fraction = self.ordinal = self.vague = self.plain4 = False
        self.words = False


def _digits_value(digits: str) -> int:
    return int(digits) if len(digits) <= _MAX_DIGITS else -1


def _read_digits(text: str, start: int, end: int) -> list[tuple[int, int, Fraction | None, bool]]:
    """Read a digit numeral into (start, end, value, is_decimal) parts.

    Separators are judged by shape: "1,234" and "15.000" group thousands, "5,00" and "1.5" carry
    decimals, "192.168.1.2" and "22,24,26" are lists of numbers and so become several parts.
    """
    s = text[start:end]
    if s.startswith("."):
        return [(start, end, Fraction(int(s[1:]), 10 ** (len(s) - 1)), True)]
    groups = [(m.start(), m.end()) for m in _DIGIT_GROUP.finditer(s)]
    if any(e - b > _MAX_DIGITS for b, e in groups):
        return [(start, end, None, False)]
    if len(groups) == 1:
        return [(start, end, Fraction(int(s)), False)]
    seps = [s[groups[k][1]] for k in range(len(groups) - 1)]
    lens = [e - b for b, e in groups]
    parts = [s[b:e] for b, e in groups]
    grouped = lens[0] <= 3 and all(n == 3 for n in lens[1:])
    first = seps[0]
    if first == " " and _MONTH_BEFORE.search(text, max(0, start - 12), start):
        grouped = False  # "October 26 150 people": a day, then a count
    seps = ["," if x == "\u060c" else x for x in seps]  # the Arabic comma groups like ","
    first = seps[0]
    if all(x == first for x in seps):
        if len(seps) == 1 and first in ".,\u066b" and not (grouped and first != "\u066b"):
            if first == "," and lens[1] > 2:
                return _split(start, groups, parts)
            return [(start, end, Fraction(int(parts[0])) + _fraction_part(parts[1]), True)]
        if len(seps) == 1 and first == "." and parts[0].startswith("0"):
            return [(start, end, Fraction(int(parts[0])) + _fraction_part(parts[1]), True)]
        if grouped and first != "\u066b":
            return [(start, end, Fraction(int("".join(parts))), False)]
        return _split(start, groups, parts)
    body, last = seps[:-1], seps[-1]
    if (
        last in ".,\u066b"
        and all(x == body[0] for x in body)
        and last != body[0]
        and lens[0] <= 3
        and all(n == 3 for n in lens[1:-1])
    ):
        whole = int("".join(parts[:-1]))
        return [(start, end, Fraction(whole) + _fraction_part(parts[-1]), True)]
    return _split(start, groups, parts)


def _fraction_part(digits: str) -> Fraction:
    return Fraction(int(digits), 10 ** len(digits))


def _split(
    offset: int, groups: list[tuple[int, int]], parts: list[str]
) -> list[tuple[int, int, Fraction | None, bool]]:
    return [
        (offset + b, offset + e, Fraction(int(p)), False)
        for (b, e), p in zip(groups, parts, strict=True)
    ]


def _run_tokens(text: str, start: int, end: int) -> list[_Tok]:
    """Split a numeral run into tokens, reading digit numerals and what is glued to them."""
    toks: list[_Tok] = []
    for m in _RUN_TOKEN.finditer(text, start, end):
        if m.group("word"):
            word = m.group().lower()
            kind, value = _WORDS[word]
            toks.append(_Tok(kind, Fraction(value), m.start(), m.end(), word))
        elif m.group("a"):
            toks.append(_Tok(_A, Fraction(1), m.start(), m.end(), "a"))
        elif m.group("and"):
            toks.append(_Tok(_AND, Fraction(0), m.start(), m.end(), "and"))
        else:
            toks.extend(_digit_tokens(text, m))
    return toks


def _digit_tokens(text: str, m: re.Match[str]) -> list[_Tok]:
    parts = _read_digits(text, m.start("num"), m.end("num"))
    toks = []
    for b, e, value, decimal in parts:
        tok = _Tok(_DIGITS, value if value is not None else Fraction(0), b, e)
        tok.decimal = decimal
        if value is None:
            tok.kind, tok.preset, tok.rule = _SOLO, NumberKind.OTHER, "digits:long"
        toks.append(tok)
    last = toks[-1]
    suffix = m.group("glue") or m.group("abbr")
    if not suffix or last.kind == _SOLO:
        return toks
    last.end = m.end()
    scale = en.SCALE_ABBREVIATIONS.get(suffix)
    money = _MONEY_BEFORE.search(text, max(0, m.start() - 4), m.start())
    if scale is None and suffix == "m" and money:
        scale = 10**6  # "$10m"
    lower = suffix.lower()
    if scale is not None:
        last.value, last.scale, last.rule = last.value * scale, scale, "digits:scaled"
    elif lower in en.ORDINAL_SUFFIXES and not last.decimal:
        last.kind, last.preset, last.rule = _SOLO, NumberKind.ORDINAL, "ordinal:digits"
    elif lower in ("am", "pm"):
        last.kind, last.preset, last.rule = _SOLO, NumberKind.TIME, "time"
    elif lower == "s" and 1000 <= last.value <= 2100:
        last.kind, last.preset, last.rule = _SOLO, NumberKind.YEAR, "year:decade"
    elif lower == "yo":
        last.kind, last.preset, last.rule = _SOLO, NumberKind.AGE, "age"
    else:  # "180ml", "29km", "3D": a measurement or a label
        last.kind, last.preset, last.rule = _SOLO, NumberKind.OTHER, "digits:unit"
    if scale is None:
        last.kind = _SOLO
    return toks


class _Reader:
    """Reads one number from a token sequence, word by word ("three hundred and two dozen").

    `feed` takes the next token and says whether it continues the number; `done` says whether
    the number may end here. The state follows how English builds numbers: a group under a
    hundred, times a hundred, times a scale word, plus fractions ("and a half", "three quarters").
    """

    __slots__ = (
        "abbreviated", "after_and", "and_bound", "decimal", "frac", "fraction", "group", "last",
        "last_scale", "ordinal", "scale", "small", "total", "whole", "words",
    )  # fmt: skip

    def __init__(self) -> None:
        self.total = self.whole = self.group = self.small = Fraction(0)
        self.frac: Fraction | None = None
        self.last: str | None = None
        self.last_scale: int | None = None
        self.after_and = ""
        self.and_bound = 0
        self.ordinal = self.fraction = self.decimal = self.words = self.abbreviated = False
        self.scale = 1

    def done(self) -> bool:
        return self.last not in (None, _AND, _A) and not (self.last == _FRAC and self.frac is None)

    def value(self) -> Fraction:
        rest = self.whole + self.group
        if self.frac is not None:
            if rest == 0 and self.last_scale:
                return self.total + self.frac * self.last_scale
            return self.total + rest + self.frac
        return self.total + rest

    def feed(self, tok: _Tok, nxt: _Tok | None) -> bool:
        kind, value, last = tok.kind, tok.value, self.last
        if self.ordinal or self.abbreviated or last == _DOZEN:
            return False  # these end a number: "first", "10k", "two dozen"
        if kind == _SOLO:
            return False
        if kind in (_UNIT, _TEEN, _TENS):
            fresh = last in (None, _HUNDRED, _SCALE, _AND)
            numerator = last == _AND and self.after_and == "frac"
            if numerator and (nxt is None or nxt.kind not in (_ORD, _FRAC)):
                return False  # "five and three" is two numbers; "five and three quarters" one
            after_tens = last == _TENS and kind == _UNIT and value > 0 and self.small % 10 == 0
            if not (fresh or after_tens) or (value == 0 and last is not None):
                return False
            self.group += value
            self.small = self.small + value if after_tens else value
            self.words = True
        elif kind == _DIGITS:
            if tok.scale > 1:
                if last is not None:
                    return False
                self.scale, self.abbreviated = tok.scale, True
            elif last is not None:
                bound = 100 if last == _HUNDRED else self.last_scale or 0
                if last == _AND:
                    bound = self.and_bound if self.after_and == "mult" else 0
                if not (last in (_HUNDRED, _SCALE, _AND) and 0 < value < bound):
                    return False
            self.group += value
            self.small = value
            self.decimal = self.decimal or tok.decimal
        elif kind == _HUNDRED:
            if last is None:
                if nxt is None or nxt.kind != _SCALE:
                    return False
            elif last in (_UNIT, _TEEN, _TENS, _A):
                if not 0 < self.group < 100 or self.group != self.small:
                    return False
            elif last == _DIGITS:
                if not 0 < self.group < 1000 or self.group != self.small:
                    return False
            else:
                return False
            self.group = (self.group or Fraction(1)) * 100
            self.small = Fraction(0)
            self.scale = 100
        elif kind == _SCALE:
            scale = int(value)
            if last == _SCALE and self.last_scale and scale > self.last_scale and not self.group:
                self.total *= scale  # "three lakh crore", "a thousand million"
                self.last_scale *= scale
                self.scale = self.last_scale
            elif last in (_UNIT, _TEEN, _TENS, _DIGITS, _HUNDRED, _A, _FRAC) and (
                self.last_scale is None or scale < self.last_scale
            ):
                amount = self.whole + self.group + (self.frac or 0)
                if amount <= 0:
                    return False
                self.total += amount * scale
                self.whole = self.group = self.small = Fraction(0)
                self.frac, self.last_scale, self.scale = None, scale, scale
            else:
                return False
        elif kind == _DOZEN:
            if self.frac is not None and not self.group:
                self.group, self.frac = self.frac * 12, None
            elif last in (_UNIT, _TEEN, _TENS, _DIGITS, _A) and self.small > 0:
                self.group += self.small * 11  # the dozen multiplies the last small number
            else:
                return False
            self.scale = 12
        elif kind == _A:
            if last == _FRAC and self.frac is not None and not self.group:
                self.last = _FRAC
                return True  # "half a million": "a" adds nothing
            if last not in (None, _AND):
                return False
            self.group += 1
            self.small = Fraction(1)
        elif kind == _AND:
            if last in (_HUNDRED, _SCALE):
                self.after_and = "mult"
                self.and_bound = 100 if last == _HUNDRED else self.last_scale or 0
            elif (
                last in (_UNIT, _TEEN, _TENS, _DIGITS)
                and nxt is not None
                and (nxt.kind == _A or nxt.kind in (_UNIT, _TEEN))
            ):
                self.after_and = "frac"  # "five and a half", "two and three quarters"
                self.whole += self.group
                self.group = self.small = Fraction(0)
            else:
                return False
        elif kind == _FRAC:
            return self._fraction(tok, last, nxt)
        elif kind == _ORD:
            return self._ordinal(tok, last)
        self.last = kind
        return True

    def _fraction(self, tok: _Tok, last: str | None, nxt: _Tok | None) -> bool:
        """A denominator: "half million", "three quarters", "ninety-five hundred fifths"."""
        if last is None:
            if tok.word not in en.FRACTION_WORDS or nxt is None:
                return False
            if nxt.kind not in (_SCALE, _A, _DOZEN):
                return False
            numerator = Fraction(1)
        elif last == _A or (last in (_UNIT, _TEEN, _TENS, _HUNDRED) and self.words):
            numerator = self.group
        else:
            return False
        if numerator <= 0:
            return False
        self.frac = numerator / int(tok.value)
        self.group = self.small = Fraction(0)
        self.fraction = True
        self.last = _FRAC
        return True

    def _ordinal(self, tok: _Tok, last: str | None) -> bool:
        """An ordinal word ends a number: "twenty-first", "two hundredth"; or it is a fraction."""
        value = int(tok.value)
        lone = last in (_UNIT, _TEEN) and self.group == self.small and not self.total
        if value >= 3 and tok.word != "second" and (last == _A or (lone and value < 100)):
            self.frac = self.group / value  # "a third", "one eighth"
            self.group = self.small = Fraction(0)
            self.fraction = True
            self.last = _FRAC
            return True
        if value in _MULTIPLIER_ORDINALS:
            if last not in (_UNIT, _TEEN, _TENS, _DIGITS, _HUNDRED, None):
                return False
            if value == 100:
                if last == _HUNDRED or self.group >= 100:
                    return False
                self.group = (self.group or Fraction(1)) * 100
            else:
                if self.last_scale is not None and value >= self.last_scale:
                    return False
                self.total += (self.whole + self.group or 1) * value
                self.whole = self.group = Fraction(0)
        elif (
            last is None
            or (last == _TENS and value < 10)
            or (last in (_HUNDRED, _SCALE, _AND) and value < 100 and self.after_and != "frac")
        ):
            self.group += value
        else:
            return False
        self.ordinal = True
        self.last = _ORD
        return True


def _read_run(text: str, start: int, end: int) -> list[_Atom]:
    """Read every number in a numeral run, splitting where the grammar says a new one begins."""
    toks = _run_tokens(text, start, end)
    if len(toks) == 1 and toks[0].kind == _DIGITS:  # the common case: one written number
        reader = _Reader()
        reader.feed(toks[0], None)
        return [_atom_from(text, toks, 0, 0, reader.value(), reader)]
    atoms: list[_Atom] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.kind in (_AND,):
            i += 1
            continue
        if tok.kind == _SOLO:
            atom = _Atom(
                tok.start, tok.end, tok.value if tok.preset != NumberKind.OTHER else None, tok.rule
            )
            atom.kind = tok.preset
            atom.ordinal = tok.preset == NumberKind.ORDINAL
            atoms.append(atom)
            i += 1
            continue
        reader = _Reader()
        best: tuple[int, Fraction, _Reader] | None = None
        before_and: tuple[int, Fraction, _Reader] | None = None
        j = i
        while j < n:
            nxt = toks[j + 1] if j + 1 < n else None
            if toks[j].kind == _AND and best is not None and best[0] == j - 1:
                before_and = best
            if not reader.feed(toks[j], nxt):
                if (
                    toks[j].kind in (_HUNDRED, _DOZEN, _SCALE)
                    and best is not None
                    and best[0] == j - 1
                    and before_and is not None
                ):
                    best = before_and  # "3 hundred and 2 hundred" is two numbers
                break
            if reader.done():
                best = (j, reader.value(), _snapshot(reader))
            j += 1
        if best is None:
            i += 1
            continue
        last_index, value, state = best
        if (
            last_index == i + 1
            and toks[i].kind == _A
            and toks[last_index].kind == _ORD
            and not _OF_AFTER.match(text, toks[last_index].end)
        ):  # "a seventh person" is an ordinal; "a third of them" a fraction
            i, value, state = last_index, toks[last_index].value, _Reader()
            state.ordinal, state.last = True, _ORD
        atoms.append(_atom_from(text, toks, i, last_index, value, state))
        i = last_index + 1
    return atoms


def _snapshot(reader: _Reader) -> _Reader:
    copy = _Reader.__new__(_Reader)
    copy.scale, copy.last = reader.scale, reader.last
    copy.decimal, copy.fraction, copy.ordinal = reader.decimal, reader.fraction, reader.ordinal
    return copy


def _atom_from(
    text: str, toks: list[_Tok], first: int, last: int, value: Fraction, state: _Reader
) -> _Atom:
    begin, stop = toks[first].start, toks[last].end
    written_words = any(t.kind not in (_DIGITS, _AND) for t in toks[first : last + 1])
    rule = "words" if written_words and toks[first].kind != _DIGITS else toks[first].rule
    if written_words and toks[first].kind == _DIGITS:
        rule = "digits+words"
    atom = _Atom(begin, stop, value, rule)
    scaled = state.last in (_SCALE, _HUNDRED, _DOZEN) or toks[last].scale > 1
    atom.scale = state.scale if scaled else 1
    atom.decimal, atom.fraction, atom.ordinal = state.decimal, state.fraction, state.ordinal
    atom.words = written_words
    if state.ordinal:
        atom.kind, atom.rule = NumberKind.ORDINAL, "ordinal:words"
    single = first == last and toks[first].kind == _DIGITS
    atom.plain4 = single and toks[first].end - toks[first].start == 4 and not toks[first].decimal
    atom.plain4 = atom.plain4 and text[begin:stop].isdigit()
    return atom


def _is_pronoun_one(text: str, atom: _Atom) -> bool:
    """Whether a lone "one" is a pronoun ("the one", "no one", "one another"), not the number."""
    if text[atom.start : atom.end].lower() != "one":
        return False
    before = _WORD_BEFORE.search(text, max(0, atom.start - 24), atom.start)
    if before and before.group(1).lower() in en.DETERMINERS_BEFORE_ONE:
        return True
    if _ONE_PRONOUN_BEFORE.search(text, max(0, atom.start - 16), atom.start):
        return True
    return _ONE_PRONOUN_AFTER.match(text, atom.end) is not None


# --- from numerals to mentions ------------------------------------------------------------------


def _scan(text: str) -> list[_Atom]:
    """Find every numeral in the text, in order, as atoms without context."""
    atoms: list[_Atom] = []
    for m in _SCAN.finditer(text):
        group = m.lastgroup
        if group in ("run", "words"):
            found = _read_run(text, m.start(), m.end())
            atoms.extend(a for a in found if not _is_pronoun_one(text, a))
        elif group == "vague":
            atoms.append(_vague_atom(text, m))
        elif group in ("iso", "sdate"):
            atoms.extend(_date_atoms(text, m))
        elif group == "phone":
            atom = _Atom(m.start(), m.end(), None, "phone")
            atom.kind = NumberKind.OTHER
            atoms.append(atom)
        elif group == "time":
            atom = _Atom(m.start(), m.end(), Fraction(int(m.group().split(":")[0])), "time")
            atom.kind = NumberKind.TIME
            atoms.append(atom)
        elif group == "sci":
            atoms.append(_sci_atom(m))
        elif group == "slash":
            top, bottom = (int(x) for x in m.group().split("/"))
            atom = _Atom(m.start(), m.end(), Fraction(top, bottom) if bottom else None, "fraction")
            atom.fraction = True
            atom.kind = None if bottom else NumberKind.OTHER
            atoms.append(atom)
    return atoms


def _vague_atom(text: str, m: re.Match[str]) -> _Atom:
    words = " ".join(m.group().lower().split())
    if words in en.VAGUE:
        value = en.VAGUE[words]
    else:  # "several hundred": the scale after the few-word, as a vague quantity
        tail = next(w for w in sorted(en.VAGUE_SCALES, key=len, reverse=True) if words.endswith(w))
        value = en.VAGUE_SCALES[tail] * (1000 if words.endswith("hundred thousand") else 1)
    atom = _Atom(m.start(), m.end(), Fraction(value), "vague")
    atom.vague = atom.words = True
    return atom


def _date_atoms(text: str, m: re.Match[str]) -> list[_Atom]:
    """A date written in digits: its parts are a year and date parts, never counts."""
    parts = [(g.start(), g.end()) for g in _DIGIT_GROUP.finditer(text, m.start(), m.end())]
    values = [int(text[b:e]) for b, e in parts]
    if m.lastgroup == "sdate":
        day_month = values[:2]
        if not (min(day_month) >= 1 and max(day_month) <= 31 and min(day_month) <= 12):
            return _read_run(text, m.start(), m.end())
    atoms = []
    for (b, e), value in zip(parts, values, strict=True):
        atom = _Atom(b, e, Fraction(value), "date:numeric")
        year = e - b == 4 or (m.lastgroup == "sdate" and (b, e) == parts[-1])
        atom.kind = NumberKind.YEAR if year else NumberKind.DATE_PART
        atoms.append(atom)
    return atoms


def _sci_atom(m: re.Match[str]) -> _Atom:
    raw = m.group().replace("×", "x").replace(" ", "")
    if "^" in raw:
        mantissa, exponent = raw.split("x10^")
    else:
        mantissa, exponent = re.split("[eE]", raw)
    whole, _, part = mantissa.partition(".")
    value = Fraction(int(whole)) + (_fraction_part(part) if part else 0)
    value *= Fraction(10) ** int(exponent)
    atom = _Atom(m.start(), m.end(), value, "digits:sci")
    atom.decimal = True
    atom.scale = 10
    return atom


def _apply_signs(text: str, atoms: list[_Atom]) -> None:
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
        self, first: _Atom, last: _Atom, low: Fraction | None, high: Fraction | None
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


def _rangeable(atom: _Atom) -> bool:
    return atom.kind is None and atom.value is not None and not atom.vague and not atom.fraction


def _range(text: str, a: _Atom, b: _Atom, left: int) -> _Unit | None:
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


def _units(text: str, atoms: list[_Atom]) -> list[_Unit]:
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
    month_near = _MONTH_BEFORE.search(text, lstart, start) or _MONTH_AFTER.match(text, end)
    if first.kind is not None and not unit.is_range:
        if first.kind == NumberKind.ORDINAL and first.rule == "ordinal:digits" and month_near:
            return NumberKind.DATE_PART
        return first.kind
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
    if _MONEY_BEFORE.search(text, max(lstart, start - 6), start) or _MONEY_AFTER.match(text, end):
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
    atoms = _scan(text)
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
