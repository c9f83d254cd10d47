"""Digit numerals: "1,234", "15.000", "1.5", "192.168.1.2", read by the shape of their separators.

Apart from `_numerals` (which finds numerals and reads number words) because the separator rules
are a job of their own: whether "15.000" groups thousands or carries decimals, whether
"22,24,26" is one number or a list.
"""

from __future__ import annotations

import re
from fractions import Fraction

from uprising.extract._number_words import MONTH_BEFORE

__all__ = ["MAX_DIGITS", "digits_value", "fraction_part", "read_digits"]

MAX_DIGITS = 30  # longer digit strings are identifiers, and int() of huge strings is slow
_DIGIT_GROUP = re.compile(r"\d+")


def digits_value(digits: str) -> int:
    return int(digits) if len(digits) <= MAX_DIGITS else -1


def read_digits(text: str, start: int, end: int) -> list[tuple[int, int, Fraction | None, bool]]:
    """Read a digit numeral into (start, end, value, is_decimal) parts.

    Separators are judged by shape: "1,234" and "15.000" group thousands, "5,00" and "1.5" carry
    decimals, "192.168.1.2" and "22,24,26" are lists of numbers and so become several parts.
    """
    s = text[start:end]
    if s.startswith("."):
        return [(start, end, Fraction(int(s[1:]), 10 ** (len(s) - 1)), True)]
    groups = [(m.start(), m.end()) for m in _DIGIT_GROUP.finditer(s)]
    if any(e - b > MAX_DIGITS for b, e in groups):
        return [(start, end, None, False)]
    if len(groups) == 1:
        return [(start, end, Fraction(int(s)), False)]
    seps = [s[groups[k][1]] for k in range(len(groups) - 1)]
    lens = [e - b for b, e in groups]
    parts = [s[b:e] for b, e in groups]
    grouped = lens[0] <= 3 and all(n == 3 for n in lens[1:])
    first = seps[0]
    if first == " " and MONTH_BEFORE.search(text, max(0, start - 12), start):
        grouped = False  # "October 26 150 people": a day, then a count
    seps = ["," if x == "\u060c" else x for x in seps]  # the Arabic comma groups like ","
    first = seps[0]
    if all(x == first for x in seps):
        if len(seps) == 1 and first in ".,\u066b" and not (grouped and first != "\u066b"):
            if first == "," and lens[1] > 2:
                return _split(start, groups, parts)
            return [(start, end, Fraction(int(parts[0])) + fraction_part(parts[1]), True)]
        if len(seps) == 1 and first == "." and parts[0].startswith("0"):
            return [(start, end, Fraction(int(parts[0])) + fraction_part(parts[1]), True)]
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
        return [(start, end, Fraction(whole) + fraction_part(parts[-1]), True)]
    return _split(start, groups, parts)


def fraction_part(digits: str) -> Fraction:
    return Fraction(int(digits), 10 ** len(digits))


def _split(
    offset: int, groups: list[tuple[int, int]], parts: list[str]
) -> list[tuple[int, int, Fraction | None, bool]]:
    return [
        (offset + b, offset + e, Fraction(int(p)), False)
        for (b, e), p in zip(groups, parts, strict=True)
    ]
