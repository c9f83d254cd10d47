"""Persian text normalisation that keeps offsets into the original text.

Persian reports mix spellings of the same letters and digits: Arabic ي and ك beside Persian ی and
ک, Persian (۰-۹) and Arabic-Indic (٠-٩) digits, the Arabic thousands separator ٬ and decimal
separator ٫, the zero-width non-joiner (ZWNJ) between the parts of one word ("دست‌کم") or a
space or nothing in its place ("دست کم", "دستکم"). Cue words, number words and names are matched
on one folded form of the text. Every offset found there maps back to the original through
`Normalised.span`, so a quote is always the original text at its offsets.

Each character is replaced by one character, except the marks that carry no letter (short-vowel
diacritics, tatweel), which are dropped; the offset map covers both. A library such as hazm or
parsivar does more (stemming, spacing repair), but those rewrite spacing without an offset map,
and the folding needed here is a table of a few dozen characters.

    >>> n = normalise("دست‌كم ۱۲ نفر")
    >>> n.text
    'دست کم 12 نفر'
    >>> n.span(7, 9)
    (7, 9)
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["FOLD", "Normalised", "fold_char", "normalise"]

LOGGER = logging.getLogger(__name__)

ZWNJ = "\u200c"

# One character for one character. The ZWNJ becomes a space so that the three spellings of a
# compound ("کشته‌شدگان", "کشته شدگان") are one; ZWJ, the left-to-right and right-to-left marks
# and no-break spaces become plain spaces for the same reason.
FOLD: dict[str, str] = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh -> ه
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0624": "\u0648",  # ؤ -> و
    "\u066c": ",",  # ٬ Arabic thousands separator
    "\u066b": ".",  # ٫ Arabic decimal separator
    "\u066a": "%",  # ٪
    ZWNJ: " ",
    "\u200d": " ",
    "\u200e": " ",
    "\u200f": " ",
    "\u00a0": " ",
    "\u202f": " ",
}
FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits
FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits

# Marks dropped from the folded text: harakat, superscript alef, tatweel.
_DROPPED = frozenset([chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"])


def fold_char(char: str) -> str:
    """The folded form of one character (itself when the table has none)."""
    return FOLD.get(char, char)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A folded text and the way back to the original.

    `starts[i]` is the offset in the original of the folded text's character `i`, and
    `starts[len(text)]` is the original's length, so a folded span maps to an original span.
    """

    text: str
    original: str
    starts: tuple[int, ...]

    @property
    def same_offsets(self) -> bool:
        """Whether every folded offset is also the original offset (nothing was dropped)."""
        return len(self.text) == len(self.original)

    def offset(self, index: int) -> int:
        """The original offset of the folded offset `index` (0..len(text))."""
        if not 0 <= index <= len(self.text):
            raise ValueError(f"offset {index} is outside a text of {len(self.text)} characters")
        return self.starts[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span start..end (end exclusive)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is empty or outside a text of "
                             f"{len(self.text)} characters")
        return self.starts[start], self.starts[end - 1] + 1

    def folded_offset(self, original_index: int) -> int:
        """The folded offset of an original offset (the next kept character if it was dropped)."""
        return bisect_right(self.starts, original_index - 1) if original_index else 0

    def original_char(self, index: int) -> str:
        """The original character behind folded character `index` ("\u200c" behind a space)."""
        return self.original[self.starts[index]]


def normalise(text: str) -> Normalised:
    """Fold `text` for matching and keep the map back to its offsets."""
    if not isinstance(text, str):
        raise TypeError(f"normalise() takes a str, not {type(text).__name__}")
    out: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        out.append(FOLD.get(char, char))
        starts.append(index)
    starts.append(len(text))
    return Normalised(text="".join(out), original=text, starts=tuple(starts))
