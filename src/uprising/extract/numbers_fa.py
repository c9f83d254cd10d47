"""Persian numbers: digits of any script, number words, scale words, vague plurals, ranges.

Read from the folded text (`extract.normalise`): ASCII digits, Persian letters, spaces for ZWNJs.
Kept apart from `numbers` (English) because the grammar differs: hundreds, "و", tens, "و", units,
then a scale word ("صد و بیست", "دو هزار و پانصد", "۱۸ هزار"); vague plurals ("ده‌ها", "هزاران");
qualifier words before the number; "بین A تا B" ranges where a scale word after B applies to
both ends. Both modules return the same `NumberMention`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from uprising.extract._number_words import alt
from uprising.extract.lang import fa_numbers as fa
from uprising.extract.numbers import NumberKind, NumberMention
from uprising.vocab import Qualifier

__all__ = ["find_numbers_fa"]

LOGGER = logging.getLogger(__name__)

_LOWER_BOUNDS = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})
_UPPER_BOUNDS = frozenset({Qualifier.AT_MOST, Qualifier.LESS_THAN})

# Arabic-script letters only: the Arabic comma and other punctuation of the block end a word.
_FA_LETTER = r"\u0621-\u064A\u0671-\u06D3\u06D5"
_FA_WORDS = {**fa.CARDINALS, **fa.HUNDREDS, **fa.SCALES}
_FA_TOKEN = (
    rf"(?<![\d{_FA_LETTER}])\d+(?:[,.]\d+)*(?![\d{_FA_LETTER}])"
    rf"|(?<![{_FA_LETTER}])(?:{alt(_FA_WORDS)})(?![{_FA_LETTER}])"
)
_FA_RUN = re.compile(rf"(?:{_FA_TOKEN})(?:(?:\s+و\s+|\s+)(?:{_FA_TOKEN}))*")
_FA_PIECE = re.compile(rf"{_FA_TOKEN}|(?<![{_FA_LETTER}])و(?![{_FA_LETTER}])")
_FA_VAGUE = re.compile(
    rf"(?<![{_FA_LETTER}])(?:(?:ده|صد)\s?ها(?:\s+(?:هزار|میلیون))?|هزاران|میلیون\s?ها)"
    rf"(?![{_FA_LETTER}])"
)
_FA_WORD_AFTER = re.compile(rf"\s*([{_FA_LETTER}]+(?:\s+[{_FA_LETTER}]+)?)")
_FA_PREFIX_TABLE = {p: Qualifier(q) for p, q in fa.PREFIX_QUALIFIERS}
_FA_PREFIX = re.compile(
    rf"(?<![{_FA_LETTER}])({alt(_FA_PREFIX_TABLE)})(?:\s+(?:در|به|از))?\s*$"
)
_FA_OPENER = re.compile(rf"(?<![{_FA_LETTER}])({alt(fa.RANGE_OPENERS)})\s+$")
_FA_LABEL = re.compile(rf"(?<![{_FA_LETTER}])(?:{alt(fa.LABELS_BEFORE)})\s*$")
_FA_MONTH = alt(fa.MONTHS)
_FA_MONTH_AFTER = re.compile(rf"\s+(?:{_FA_MONTH})(?![{_FA_LETTER}])")
_FA_MONTH_BEFORE = re.compile(rf"(?<![{_FA_LETTER}])(?:{_FA_MONTH})(?:\s+ماه)?\s+$")


def _fa_after(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{alt(words)})(?![{_FA_LETTER}])")


_FA_AGE = _fa_after(fa.AGE_AFTER)
_FA_DURATION = _fa_after(fa.DURATION_AFTER)
_FA_YEAR = _fa_after(fa.YEAR_AFTER)
_FA_PERCENT = _fa_after(fa.PERCENT_AFTER)
_FA_MONEY = _fa_after(fa.MONEY_AFTER)
_FA_OTHER = _fa_after(fa.OTHER_AFTER)
_FA_WEEKDAY = re.compile(r"\s*شنبه")
_FA_ORDINAL = re.compile(rf"(?:م|مین|ام|امین|ین)(?![{_FA_LETTER}])")


@dataclass(slots=True)
class _FaAtom:
    start: int
    end: int
    value: int
    scale: int = 1
    words: bool = False
    vague: bool = False


def _fa_read(text: str, start: int, end: int) -> list[_FaAtom]:
    """Read the numbers of one run of Persian numerals; a run may hold several ("۶۴ و ۱۲")."""
    atoms: list[_FaAtom] = []
    total = group = 0
    first = last_end = -1
    last = ""  # kind of the last token: "digits", "unit", "hundred", "scale", "and"
    words = False

    def close() -> None:
        nonlocal total, group, first, last, words
        if first >= 0 and last != "and":
            atom = _FaAtom(first, last_end, total + group, words=words)
            atom.scale = 1000 if last == "scale" and total % 1000 == 0 else 1
            atoms.append(atom)
        total = group = 0
        first, last, words = -1, "", False

    for piece in _FA_PIECE.finditer(text, start, end):
        token = piece.group()
        if token == "و":
            if last in ("hundred", "scale", "tens"):
                last = "and"
            else:
                close()
            continue
        if token[0].isdigit():
            value = _fa_digits(token)
            kind = "digits"
        elif token in fa.SCALES:
            kind, value = "scale", fa.SCALES[token]
        elif token in fa.HUNDREDS:
            kind, value = "hundred", fa.HUNDREDS[token]
        else:
            value = fa.CARDINALS[token]
            kind = "tens" if value >= 20 and value % 10 == 0 else "unit"
        if value is None:
            close()
            continue
        joins = first >= 0 and (
            (kind == "scale" and group > 0 and (total == 0 or value < total))
            or (last == "and" and kind in ("unit", "tens", "hundred", "digits"))
        )
        if not joins:
            close()
            first = piece.start()
        if kind == "scale":
            total += (group or 1) * value  # "هزار نفر" alone is a thousand
            group = 0
        else:
            group += value
        words = words or kind != "digits"
        last, last_end = kind, piece.end()
    close()
    return atoms


def _fa_digits(token: str) -> int | None:
    """"3,496", "19,000" and "1.5" (the last read as a whole only when it is a whole number)."""
    parts = re.split(r"[,.]", token)
    if len(parts) == 1:
        return int(token) if len(token) <= _MAX_FA_DIGITS else None
    if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
        return int("".join(parts))
    return None


_MAX_FA_DIGITS = 12


def _fa_atoms(text: str) -> list[_FaAtom]:
    atoms: list[_FaAtom] = []
    for match in _FA_VAGUE.finditer(text):
        key = "".join(match.group().split())
        atoms.append(_FaAtom(match.start(), match.end(), fa.VAGUE[key], words=True, vague=True))
    taken = [(a.start, a.end) for a in atoms]
    for match in _FA_RUN.finditer(text):
        for atom in _fa_read(text, match.start(), match.end()):
            if not any(s < atom.end and atom.start < e for s, e in taken):
                atoms.append(atom)
    atoms.sort(key=lambda a: a.start)
    return [a for a in atoms if not _fa_not_a_number(text, a)]


def _fa_not_a_number(text: str, atom: _FaAtom) -> bool:
    """"نه" is also "not", "دو" "run", "سی" a suffix: such words count only before نفر or تن."""
    word = text[atom.start : atom.end]
    if _FA_WEEKDAY.match(text, atom.end):
        return True  # "سه شنبه" is Tuesday
    if word in ("نه", "ده") and not re.match(r"\s+(?:نفر|تن)\b", text[atom.end : atom.end + 6]):
        return True
    return bool(atom.words and _FA_ORDINAL.match(text, atom.end))


def _fa_kind(text: str, atom: _FaAtom, start: int, end: int) -> NumberKind:
    before = text[max(0, start - 24) : start]
    if _FA_ORDINAL.match(text, end) and not atom.words:
        return NumberKind.ORDINAL
    if _FA_AGE.match(text, end):
        return NumberKind.AGE
    if _FA_PERCENT.match(text, end):
        return NumberKind.PERCENT
    if _FA_MONEY.match(text, end):
        return NumberKind.MONEY
    if atom.vague:
        return NumberKind.COUNT
    if not atom.words and _FA_MONTH_AFTER.match(text, end) and 1 <= atom.value <= 31:
        return NumberKind.DATE_PART
    if _FA_MONTH_BEFORE.search(before) or _FA_YEAR.match(text, end):
        return NumberKind.YEAR
    if not atom.words and (1300 <= atom.value <= 1450 or 1900 <= atom.value <= 2100) \
            and end - start == 4:
        return NumberKind.YEAR
    if _FA_DURATION.match(text, end):
        return NumberKind.DURATION
    if _FA_OTHER.match(text, end):
        return NumberKind.OTHER
    if _FA_LABEL.search(before):
        return NumberKind.OTHER
    return NumberKind.COUNT


def _fa_range(text: str, a: _FaAtom, b: _FaAtom) -> tuple[int, int, int] | None:
    """(start, low, high) when a and b form a range: "بین ۱۵ تا ۱۶ هزار", "۵ تا ۱۰"."""
    if a.vague or b.vague or b.start - a.end > 8:
        return None
    gap = " ".join(text[a.end : b.start].split())
    opener = _FA_OPENER.search(text, max(0, a.start - 8), a.start)
    start = a.start
    if opener and gap in fa.RANGE_OPENERS[opener.group(1)]:
        start = opener.start()
    elif gap not in fa.RANGE_GAPS:
        return None
    low, high = a.value, b.value
    if b.scale > 1 and a.scale == 1 and low < b.scale and low * b.scale <= high:
        low *= b.scale
    if not 0 < low < high:
        return None
    return start, low, high


def find_numbers_fa(text: str) -> list[NumberMention]:
    """Every number of a folded Persian text, with bounds, qualifier and kind.

    `text` is the folded text of `extract.normalise`; offsets index it.

        >>> [(m.low, m.high, m.qualifier.value) for m in find_numbers_fa("دست کم 18 هزار نفر")]
        [(18000, None, 'at_least')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numbers_fa() takes a str, not {type(text).__name__}")
    atoms = _fa_atoms(text)
    mentions: list[NumberMention] = []
    i, left = 0, 0
    while i < len(atoms):
        a = atoms[i]
        joined = _fa_range(text, a, atoms[i + 1]) if i + 1 < len(atoms) else None
        if joined is not None:
            b = atoms[i + 1]
            start, bottom, top = joined
            kind = _fa_kind(text, b, start, b.end)
            mentions.append(NumberMention(
                start=start, end=b.end, value_start=a.start, value_end=b.end, low=bottom,
                high=top, qualifier=Qualifier.RANGE, kind=kind, rule="range:fa"))
            left, i = b.end, i + 2
            continue
        kind = _fa_kind(text, a, a.start, a.end)
        low: int | None = a.value
        high: int | None = a.value
        qualifier, start, rule = Qualifier.EXACT, a.start, "digits" if not a.words else "words"
        if a.vague:
            qualifier, high, rule = Qualifier.VAGUE, None, "vague"
        else:
            prefix = _FA_PREFIX.search(text, max(left, a.start - 30), a.start)
            if prefix and not (prefix.group(1) == "تا" and kind is not NumberKind.COUNT):
                qualifier = _FA_PREFIX_TABLE[prefix.group(1)]
                start, rule = prefix.start(), f"qualifier:{qualifier.value}"
                if qualifier in _LOWER_BOUNDS:
                    high = None
                elif qualifier in _UPPER_BOUNDS:
                    low = None
        mentions.append(NumberMention(
            start=start, end=a.end, value_start=a.start, value_end=a.end, low=low, high=high,
            qualifier=qualifier, kind=kind, rule=rule))
        left, i = a.end, i + 1
    return mentions
