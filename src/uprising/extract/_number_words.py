"""English number words: each word's token type and value, and an alternation helper.

Kept apart from the scanner in `_numerals` so each module has one job: this one turns the word
lists of `lang.en_numbers` into a table (values from text2num), that one reads text with it.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit, text2num

from uprising.extract.lang import en_numbers as en

__all__ = [
    "AND",
    "DIGITS",
    "DOZEN",
    "FRAC",
    "HUNDRED",
    "MONTH",
    "MONTH_BEFORE",
    "MULTIPLIER_ORDINALS",
    "ORD",
    "SCALE",
    "SOLO",
    "TEEN",
    "TENS",
    "UNIT",
    "WORDS",
    "A",
    "alt",
]

UNIT, TEEN, TENS, HUNDRED, SCALE, DOZEN = "unit", "teen", "tens", "hundred", "scale", "dozen"
A, AND, FRAC, ORD, DIGITS, SOLO = "a", "and", "frac", "ord", "digits", "solo"


def _word_table() -> dict[str, tuple[str, int]]:
    """Map each number word to its token type and value; text2num supplies the values."""
    table: dict[str, tuple[str, int]] = {}
    cardinals = {w: int(text2num(w, "en")) for w in en.CARDINAL_WORDS}
    cardinals.update(en.EXTRA_CARDINALS)
    for word, value in cardinals.items():
        if word in en.SCALE_WORDS:
            table[word] = (SCALE, value)
        elif value == 100:
            table[word] = (HUNDRED, value)
        else:
            table[word] = (UNIT if value < 10 else TEEN if value < 20 else TENS, value)
    for word in en.DOZEN_WORDS:
        table[word] = (DOZEN, 12)
    ordinals = {w: int(alpha2digit(w, "en", threshold=0)[:-2]) for w in en.ORDINAL_WORDS}
    ordinals.update(en.EXTRA_ORDINALS)
    for word, value in ordinals.items():
        table[word] = (ORD, value)
        if value >= 3:  # "three fifths", "two hundredths"; "seconds" is a time unit
            table[word + "s"] = (FRAC, value)
    for word, denominator in en.FRACTION_WORDS.items():
        table[word] = (FRAC, denominator)
    return table


WORDS = _word_table()
MULTIPLIER_ORDINALS = frozenset(v for t, v in WORDS.values() if t == ORD and v >= 100)


def alt(phrases: object) -> str:
    """A regex alternation of phrases, longest first, any whitespace run standing for a space."""
    items = sorted(set(phrases), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


# Month names before a day ("October 26"): a number there is a date part, not a count.
MONTH = rf"(?:{'|'.join(sorted(en.MONTHS, key=len, reverse=True))})"
MONTH_BEFORE = re.compile(rf"\b{MONTH}\.?\s+(?:the\s+)?$")
