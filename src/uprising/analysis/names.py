"""Keys under which spellings of one person's name meet: "Hossein" and "Hussein", "Mohammad"
and "Muhammad", "Amir Hossein" and "Amirhossein", ASCII or with diacritics.

Persian names reach English through several transliterations that differ mostly in vowels and in
doubled or digraph consonants. The key keeps the consonant skeleton of each name and its first
letter, which those variants share and which different names rarely do.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_name", "name_key", "name_parts"]

# digraphs and letters that transliterations swap for one another
_SWAPS = (("kh", "x"), ("gh", "q"), ("ch", "c"), ("sh", "s"), ("zh", "j"), ("ph", "f"),
          ("w", "v"), ("ck", "k"))
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": " ", "\u200d": "", "\u0640": ""})


def fold_name(name: str) -> str:
    """Lower case, no diacritics, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_PERSIAN)).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "'’`ʼ")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _skeleton(word: str) -> str:
    if not word.isascii():
        return word  # Persian script: the folded word is already spelling-free of vowels
    word = _FINAL_H.sub("", word)  # "Sarah" and "Sara", "Zohreh" and "Zohre"
    for old, new in _SWAPS:
        word = word.replace(old, new)
    head, rest = word[:1], _VOWELS.sub("", word[1:])
    return _REPEATS.sub(r"\1", head + rest)


def name_parts(name: str) -> tuple[str, ...]:
    """The skeletons of each word of a name, compound first names joined ("Amir Hossein")."""
    words = fold_name(name).split()
    return tuple(_skeleton(w) for w in words)


def name_key(name: str) -> str:
    """One key for the spellings of a full name: first and last word skeletons.

    A middle word is dropped, so "Amir Hossein Karimi" and "Amirhossein Karimi" meet.
    """
    parts = name_parts(name)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    first = _REPEATS.sub(r"\1", "".join(parts[:-1]))
    return f"{first} {parts[-1]}"
