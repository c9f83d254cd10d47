"""Reading numerals: the scanner and word reader behind `uprising.extract.numbers`.

This module exists to keep the low-level work apart from the context rules: it finds every
numeral in a text (digits, number words, vague quantities, dates, times, phone numbers) and reads
its value, but decides nothing from the words around it beyond what a numeral's own spelling
says ("4th", "10k", "2022-11-03"). `numbers.py` turns the atoms it returns into number mentions
(signs, ranges, kinds, qualifiers). It imports nothing from `numbers.py`, so kinds are set here
as `ScanKind` strings, the values of the matching `NumberKind` members.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Literal

from uprising.extract._number_digits import fraction_part as _fraction_part
from uprising.extract._number_digits import read_digits as _read_digits
from uprising.extract._number_words import (
    AND as _AND,
)
from uprising.extract._number_words import (
    DIGITS as _DIGITS,
)
from uprising.extract._number_words import (
    DOZEN as _DOZEN,
)
from uprising.extract._number_words import (
    FRAC as _FRAC,
)
from uprising.extract._number_words import (
    HUNDRED as _HUNDRED,
)
from uprising.extract._number_words import (
    MULTIPLIER_ORDINALS as _MULTIPLIER_ORDINALS,
)
from uprising.extract._number_words import (
    ORD as _ORD,
)
from uprising.extract._number_words import (
    SCALE as _SCALE,
)
from uprising.extract._number_words import (
    SOLO as _SOLO,
)
from uprising.extract._number_words import (
    TEEN as _TEEN,
)
from uprising.extract._number_words import (
    TENS as _TENS,
)
from uprising.extract._number_words import (
    UNIT as _UNIT,
)
from uprising.extract._number_words import (
    WORDS as _WORDS,
)
from uprising.extract._number_words import (
    A as _A,
)
from uprising.extract._number_words import (
    alt,
)
from uprising.extract.lang import en_numbers as en
from uprising.extract.phrases import trie_regex as _trie

ScanKind = Literal["ordinal", "time", "year", "age", "date_part", "other"]
"""The kinds a numeral's spelling settles by itself; each is the value of a `NumberKind`."""


_DIGIT_GROUP = re.compile(r"\d+")

# --- the scan pattern --------------------------------------------------------------------------

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
_FEW = alt(en.FEW_WORDS)
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

# --- context the reader needs -------------------------------------------------------------------

MONEY_BEFORE = re.compile(rf"(?:{alt(en.CURRENCY_SYMBOLS)})\s*$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_ONE_PRONOUN_AFTER = re.compile(r"(?i)\s+another\b|['’]s\b|\s+by\s+one\b")
_ONE_PRONOUN_BEFORE = re.compile(r"(?i)\b(?:last|next)\s+but\s+$|\bone\s+by\s+$")


# --- numerals -------------------------------------------------------------------------------


class _Tok:
    """A token of a numeral run: a number word, a connector or a written number."""

    __slots__ = ("decimal", "end", "kind", "preset", "rule", "scale", "start", "value", "word")

    def __init__(self, kind: str, value: Fraction, start: int, end: int, word: str = "") -> None:
        self.kind, self.value, self.start, self.end, self.word = kind, value, start, end, word
        self.decimal = False
        self.preset: ScanKind | None = None
        self.rule = "digits"
        self.scale = 1


class Atom:
    """A numeral read from the text before context is applied: value, span and how written."""

    __slots__ = ("decimal", "end", "fraction", "kind", "ordinal", "plain4", "rule", "scale",
                 "start", "vague", "value", "words")  # fmt: skip

    def __init__(self, start: int, end: int, value: Fraction | None, rule: str) -> None:
        self.start, self.end, self.value, self.rule = start, end, value, rule
        self.kind: ScanKind | None = None
        self.scale = 1
        self.decimal = self.fraction = self.ordinal = self.vague = self.plain4 = False
        self.words = False


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
            tok.kind, tok.preset, tok.rule = _SOLO, "other", "digits:long"
        toks.append(tok)
    last = toks[-1]
    suffix = m.group("glue") or m.group("abbr")
    if not suffix or last.kind == _SOLO:
        return toks
    last.end = m.end()
    scale = en.SCALE_ABBREVIATIONS.get(suffix)
    money = MONEY_BEFORE.search(text, max(0, m.start() - 4), m.start())
    if scale is None and suffix == "m" and money:
        scale = 10**6  # "$10m"
    lower = suffix.lower()
    if scale is not None:
        last.value, last.scale, last.rule = last.value * scale, scale, "digits:scaled"
    elif lower in en.ORDINAL_SUFFIXES and not last.decimal:
        last.kind, last.preset, last.rule = _SOLO, "ordinal", "ordinal:digits"
    elif lower in ("am", "pm"):
        last.kind, last.preset, last.rule = _SOLO, "time", "time"
    elif lower == "s" and 1000 <= last.value <= 2100:
        last.kind, last.preset, last.rule = _SOLO, "year", "year:decade"
    elif lower == "yo":
        last.kind, last.preset, last.rule = _SOLO, "age", "age"
    else:  # "180ml", "29km", "3D": a measurement or a label
        last.kind, last.preset, last.rule = _SOLO, "other", "digits:unit"
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


def _read_run(text: str, start: int, end: int) -> list[Atom]:
    """Read every number in a numeral run, splitting where the grammar says a new one begins."""
    toks = _run_tokens(text, start, end)
    if len(toks) == 1 and toks[0].kind == _DIGITS:  # the common case: one written number
        reader = _Reader()
        reader.feed(toks[0], None)
        return [_atom_from(text, toks, 0, 0, reader.value(), reader)]
    atoms: list[Atom] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.kind in (_AND,):
            i += 1
            continue
        if tok.kind == _SOLO:
            atom = Atom(tok.start, tok.end, tok.value if tok.preset != "other" else None, tok.rule)
            atom.kind = tok.preset
            atom.ordinal = tok.preset == "ordinal"
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
) -> Atom:
    begin, stop = toks[first].start, toks[last].end
    written_words = any(t.kind not in (_DIGITS, _AND) for t in toks[first : last + 1])
    rule = "words" if written_words and toks[first].kind != _DIGITS else toks[first].rule
    if written_words and toks[first].kind == _DIGITS:
        rule = "digits+words"
    atom = Atom(begin, stop, value, rule)
    scaled = state.last in (_SCALE, _HUNDRED, _DOZEN) or toks[last].scale > 1
    atom.scale = state.scale if scaled else 1
    atom.decimal, atom.fraction, atom.ordinal = state.decimal, state.fraction, state.ordinal
    atom.words = written_words
    if state.ordinal:
        atom.kind, atom.rule = "ordinal", "ordinal:words"
    single = first == last and toks[first].kind == _DIGITS
    atom.plain4 = single and toks[first].end - toks[first].start == 4 and not toks[first].decimal
    atom.plain4 = atom.plain4 and text[begin:stop].isdigit()
    return atom


def _is_pronoun_one(text: str, atom: Atom) -> bool:
    """Whether a lone "one" is a pronoun ("the one", "no one", "one another"), not the number."""
    if text[atom.start : atom.end].lower() != "one":
        return False
    before = _WORD_BEFORE.search(text, max(0, atom.start - 24), atom.start)
    if before and before.group(1).lower() in en.DETERMINERS_BEFORE_ONE:
        return True
    if _ONE_PRONOUN_BEFORE.search(text, max(0, atom.start - 16), atom.start):
        return True
    return _ONE_PRONOUN_AFTER.match(text, atom.end) is not None


# --- scanning a text ---------------------------------------------------------------------------


def scan(text: str) -> list[Atom]:
    """Find every numeral in the text, in order, as atoms without context."""
    atoms: list[Atom] = []
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
            atom = Atom(m.start(), m.end(), None, "phone")
            atom.kind = "other"
            atoms.append(atom)
        elif group == "time":
            atom = Atom(m.start(), m.end(), Fraction(int(m.group().split(":")[0])), "time")
            atom.kind = "time"
            atoms.append(atom)
        elif group == "sci":
            atoms.append(_sci_atom(m))
        elif group == "slash":
            top, bottom = (int(x) for x in m.group().split("/"))
            atom = Atom(m.start(), m.end(), Fraction(top, bottom) if bottom else None, "fraction")
            atom.fraction = True
            atom.kind = None if bottom else "other"
            atoms.append(atom)
    return atoms


def _vague_atom(text: str, m: re.Match[str]) -> Atom:
    words = " ".join(m.group().lower().split())
    if words in en.VAGUE:
        value = en.VAGUE[words]
    else:  # "several hundred": the scale after the few-word, as a vague quantity
        tail = next(w for w in sorted(en.VAGUE_SCALES, key=len, reverse=True) if words.endswith(w))
        value = en.VAGUE_SCALES[tail] * (1000 if words.endswith("hundred thousand") else 1)
    atom = Atom(m.start(), m.end(), Fraction(value), "vague")
    atom.vague = atom.words = True
    return atom


def _date_atoms(text: str, m: re.Match[str]) -> list[Atom]:
    """A date written in digits: its parts are a year and date parts, never counts."""
    parts = [(g.start(), g.end()) for g in _DIGIT_GROUP.finditer(text, m.start(), m.end())]
    values = [int(text[b:e]) for b, e in parts]
    if m.lastgroup == "sdate":
        day_month = values[:2]
        if not (min(day_month) >= 1 and max(day_month) <= 31 and min(day_month) <= 12):
            return _read_run(text, m.start(), m.end())
    atoms = []
    for (b, e), value in zip(parts, values, strict=True):
        atom = Atom(b, e, Fraction(value), "date:numeric")
        year = e - b == 4 or (m.lastgroup == "sdate" and (b, e) == parts[-1])
        atom.kind = "year" if year else "date_part"
        atoms.append(atom)
    return atoms


def _sci_atom(m: re.Match[str]) -> Atom:
    raw = m.group().replace("×", "x").replace(" ", "")
    if "^" in raw:
        mantissa, exponent = raw.split("x10^")
    else:
        mantissa, exponent = re.split("[eE]", raw)
    whole, _, part = mantissa.partition(".")
    value = Fraction(int(whole)) + (_fraction_part(part) if part else 0)
    value *= Fraction(10) ** int(exponent)
    atom = Atom(m.start(), m.end(), value, "digits:sci")
    atom.decimal = True
    atom.scale = 10
    return atom
