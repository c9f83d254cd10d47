"""Name folding: one key for the many spellings of a place name.

Reports spell Iranian places in many ways: "Saqqez", "Saqez", "Saghez"; "Kordestan", "Kurdistan";
"Sistan-Baluchestan", "Sistan and Baluchestan"; in Persian with or without a zero-width non-joiner
and with Arabic or Persian forms of yeh and kaf. The gazetteer builder and the resolver fold names
with the same functions here, so a key built from GeoNames meets the same key computed from text.

A name is cut into tokens (runs of letters and their combining marks); each token folds on its
own, and the folded tokens are concatenated without a separator. Concatenating makes
"Shahr-e Kord", "Shahr Kord" and "Shahrkord" meet; joining words ("and", "va", the ezafe "e")
fold to nothing so "Sistan and Baluchestan" meets "Sistan-Baluchestan".

Latin folding is deliberately lossy on vowels (e/i and o/u merge, doubled letters collapse, "gh"
becomes "q", "w" becomes "v"): these are the axes along which transliterations of Persian vary,
and the builder checks which distinct places end up sharing a key.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

__all__ = ["TOKEN_RE", "fold_name", "fold_token", "is_latin", "mostly_lower_case", "name_tokens"]

LOGGER = logging.getLogger(__name__)

# Letters with any combining marks among them; digits, punctuation, spaces and the zero-width
# non-joiner (U+200C) separate tokens. Written letters-first because it runs over every text.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f\u064b-\u065f\u0670]+[^\W\d_]*)*")

# Words that join the parts of a name and carry nothing: English "and", Persian "va"/"o" and
# the written ezafe "e" ("Shahr-e Kord"), and Persian "و".
_JOINERS = frozenset({"and", "va", "o", "e", "و"})

# Single characters mapped before anything else: Arabic and Kurdish letter forms onto the Persian
# ones, and Latin letters that NFKD does not decompose.
_CHAR_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ێ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ہ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ۆ": "و",
        "ڕ": "ر",
        "ڵ": "ل",
        "ء": None,
        "ـ": None,  # tatweel
        "\u200c": None,
        "\u200d": None,
        "ı": "i",
        "ł": "l",
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ʿ": None,
        "ʾ": None,
        "ʻ": None,
        "ʼ": None,
        "’": None,
        "‘": None,
        "'": None,
        "`": None,
    }
)

# Transliteration variants, applied in order to an ASCII lower-case token.
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("gh"), "q"),
    (re.compile("dj"), "j"),
    (re.compile("w"), "v"),
    (re.compile("e"), "i"),
    (re.compile("o"), "u"),
    (re.compile("(?<=.)y"), "i"),  # a "y" after the first letter is a vowel or a glide
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Saqqez/Saqez, Mashhad/Mashad
    (re.compile("^azir"), "azar"),  # Azerbaijan/Azarbaijan, the one a/e variant that matters
)


def is_latin(token: str) -> bool:
    """Whether a token is written in Latin letters (and so can be checked for a capital)."""
    return token[:1].isascii() or "LATIN" in unicodedata.name(token[0], "")


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold one token: case, diacritics, letter forms and transliteration variants.

    Joining words fold to the empty string. Cached because running text repeats its words.
    """
    lowered = token.lower().translate(_CHAR_MAP)
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(ch)
    )
    if stripped in _JOINERS:
        return ""
    if stripped.isascii():
        for pattern, repl in _LATIN_RULES:
            stripped = pattern.sub(repl, stripped)
    return stripped


def name_tokens(name: str) -> list[str]:
    """The folded, non-empty tokens of a name, in order."""
    folded = (fold_token(m.group()) for m in TOKEN_RE.finditer(name))
    return [t for t in folded if t]


def fold_name(name: str) -> str:
    """The lookup key of a whole name: its folded tokens, concatenated."""
    return "".join(name_tokens(name))


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_UPPER = re.compile(r"[A-Z]")


def mostly_lower_case(text: str, upper_share: float) -> bool:
    """Whether a text of 40 Latin letters or more has fewer than `upper_share` capitals among
    them: a note typed all in lower case, where capitals are no evidence of names or
    sentence starts."""
    letters = len(_ASCII_LETTER.findall(text))
    return letters >= 40 and len(_ASCII_UPPER.findall(text)) < upper_share * letters
