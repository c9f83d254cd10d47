"""The compiled patterns that find dates, built once from the language data.

`english` reads and resolves what these match; this module only turns the words in `lang_en` and
`jalali` into regular expressions, the lookup tables keyed like their matches, and the scan that
tries the atom pattern at trigger words. It exists so that the patterns, which change with the
language data, and the resolution rules, which change with the contract, can be read apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from uprising.dates import jalali, lang_en

__all__ = [
    "ALTERNATIVES",
    "CONNECTOR_RE",
    "FA_MONTH_BY_KEY",
    "FA_SINCE_RE",
    "FA_WEEKDAY_BY_KEY",
    "FUTURE_AFTER_RE",
    "FUTURE_BEFORE_RE",
    "MONTHS_BY_KEY",
    "NORMALISE_RE",
    "PREFIX_RE",
    "atom_matches",
    "fold",
]


def _alt(words: Iterable[str], *, space: str = r"\s+") -> str:
    """An alternation, longest first so that "last weekend" wins over "last week"."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", space) for w in ordered)


def fold(word: str) -> str:
    """A lookup key: lower case, no ZWNJ, no spaces, no trailing dot."""
    return re.sub(r"[\s\u200c.]+", "", word.lower())


def _fa_compound(word: str) -> str:
    """A Persian word whose parts may be joined by a ZWNJ, a space or nothing."""
    parts = word.replace("شنبه", " شنبه").split()
    return r"[\u200c ]?".join(re.escape(p) for p in parts)


_CS = lang_en.CASE_SENSITIVE_MONTHS
_MONTH_FULL = (
    rf"(?:(?:{_alt(m for m in lang_en.FULL_MONTHS if m not in _CS)})"
    rf"|(?-i:{_alt(m.capitalize() for m in lang_en.FULL_MONTHS if m in _CS)}))\b"
)
_MONTH_ABBR = (
    rf"(?:(?:{_alt(m for m in lang_en.MONTH_ABBREVIATIONS if m not in _CS)})"
    rf"|(?-i:{_alt(m.capitalize() for m in lang_en.MONTH_ABBREVIATIONS if m in _CS)}))"
    r"\b(?:\.(?=\s*[0-9]))?"
)
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
MONTHS_BY_KEY = {**lang_en.FULL_MONTHS, **lang_en.MONTH_ABBREVIATIONS}

_WEEKDAY = rf"(?:{_alt(lang_en.WEEKDAYS)})\b"
_WEEKDAY_PREFIX = (
    rf"(?:(?:{_alt(lang_en.WEEKDAYS)}|{_alt(lang_en.WEEKDAY_ABBREVIATIONS)})\b\.?,?\s+)?"
)

_COUNT = rf"\s+(?:{_alt(lang_en.COUNT_NOUNS + lang_en.COUNT_CUES)})\b"
_COUNTED = rf"\s+(?:{_alt(lang_en.COUNT_NOUNS)})\b"
_DAY_START = r"(?<![0-9.,:/])"
_ORD = r"(?:st|nd|rd|th)?(?![0-9a-z])"
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9]|,[0-9])"
_DASH = r"[-\u2010-\u2015]"
_RANGE_WORD = rf"(?:{_alt(lang_en.RANGE_WORDS)})\b"
_NUMBER = rf"(?:[0-9]{{1,2}}|(?:{_alt(lang_en.NUMBER_WORDS)})\b)"

_PB = r"(?<![\w\u200c])"  # a Persian word's edges: ZWNJ joins words, it does not end them
_PE = r"(?![\w\u200c])"
_FA_MONTH = rf"{_PB}(?:{_alt(jalali.MONTHS)}){_PE}(?:\u200c?ماه{_PE})?"
FA_MONTH_BY_KEY = {fold(k): v for k, v in jalali.MONTHS.items()}
_TR_MONTH = rf"(?:{_alt(jalali.TRANSLITERATED_MONTHS)})\b"
_FA_WEEKDAY = "|".join(_fa_compound(w) for w in sorted(jalali.WEEKDAYS, key=len, reverse=True))
FA_WEEKDAY_BY_KEY = {fold(k): v for k, v in jalali.WEEKDAYS.items()}
_ZWNJ_OR_SPACE = r"[\u200c ]?"
_FA_PART = rf"{_PB}(?:{_alt(jalali.PARTS_OF_DAY, space=_ZWNJ_OR_SPACE)})\s+"
_FA_EZAFE = r"(?:\u200c?ی)?[\s\u200c]+"  # «هفته‌ی گذشته», «هفته گذشته»
_FA_NOT_COUNTED = r"(?<![0-9]\s)"  # «۸۰ روز گذشته» is "the past 80 days", not yesterday
_JYEAR = r"1[34][0-9]{2}(?![0-9])"

ALTERNATIVES: tuple[tuple[str, str], ...] = (
    (  # "between 14 and 16 November", "14-16 Nov 2022"
        "range_dmy",
        rf"{_DAY_START}(?P<ra>[0-9]{{1,2}}){_ORD}\s*(?:{_RANGE_WORD}|{_DASH})\s*"
        rf"(?P<rb>[0-9]{{1,2}}){_ORD}\s+(?:of\s+)?(?P<rm>{_MONTH})(?:,?\s+(?P<ry>{_YEAR}))?",
    ),
    (  # "November 14-16", "Nov 14 to 16, 2022"
        "range_mdy",
        rf"(?P<rm2>{_MONTH})\s+(?P<ra2>[0-9]{{1,2}}){_ORD}\s*(?:{_RANGE_WORD}|{_DASH})\s*"
        rf"(?P<rb2>[0-9]{{1,2}}){_ORD}(?:,?\s+(?P<ry2>{_YEAR})|(?!{_COUNT}))",
    ),
    (  # «۱۴ تا ۱۶ آذر ۱۴۰۱»
        "range_jalali",
        rf"{_DAY_START}(?P<ra3>[0-9]{{1,2}})\s*(?:تا|و|{_DASH})\s*(?P<rb3>[0-9]{{1,2}})\s*"
        rf"(?P<rm3>{_FA_MONTH})(?:\s+(?:سال\s+)?(?P<ry3>{_JYEAR}))?",
    ),
    (  # "2022-11-12", "2022/11/12"
        "iso",
        r"(?<![0-9])(?P<iy>(?:19|20)[0-9]{2})(?P<isep>[-/])(?P<im>[0-9]{1,2})(?P=isep)"
        r"(?P<id>[0-9]{1,2})(?![0-9])",
    ),
    (  # "1401/08/25"
        "jalali_numeric",
        r"(?<![0-9])(?P<ny>1[34][0-9]{2})(?P<nsep>[-/.])(?P<nm>[0-9]{1,2})(?P=nsep)"
        r"(?P<nd>[0-9]{1,2})(?![0-9])",
    ),
    (  # "26 October", "Wednesday, 26th of October 2022"
        "dmy",
        rf"{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY_START}(?P<d1>[0-9]{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH})"
        rf"(?:,?\s+(?P<y1>{_YEAR}))?",
    ),
    (  # "Oct 3", "Wednesday, November 27, 2022"
        "mdy",
        rf"{_WEEKDAY_PREFIX}(?P<m2>{_MONTH})\s+(?P<d2>[0-9]{{1,2}}){_ORD}"
        rf"(?:,?\s+(?P<y2>{_YEAR})|(?!{_COUNT}))",
    ),
    (  # «روز دوشنبه ۱۴ آذر ۱۴۰۱», "25 Aban 1401"
        "jalali_dmy",
        rf"(?:{_FA_PART})?(?:{_PB}(?:{_FA_WEEKDAY}){_PE}[\s،,]+)?{_DAY_START}(?P<jd>[0-9]{{1,2}})"
        rf"(?![0-9])\s*(?P<jm>{_FA_MONTH}|{_TR_MONTH})(?:\s+(?:سال\s+)?(?P<jy>{_JYEAR}))?",
    ),
    (  # «آبان ۱۴۰۱», «اواخر آبان», "Aban 1401"; a bare «آبان» needs «در» or a range
        "jalali_month",
        rf"(?:{_PB}(?P<jp>{_alt(jalali.MONTH_PARTS)})\s+)?"
        rf"(?:(?P<jm2>{_FA_MONTH})|(?P<jt2>{_TR_MONTH})(?=\s+{_JYEAR}))"
        rf"(?:\s+(?:سال\s+)?(?P<jy2>{_JYEAR}))?",
    ),
    (  # "November 2022", "mid-November"; a bare "November" needs "in", "since" or a range
        "month",
        rf"(?:(?P<mp>{_alt(lang_en.MONTH_PARTS)})[\s\u2010-]*)?"
        rf"(?:(?P<m3>{_MONTH_FULL})|(?P<m3a>{_MONTH_ABBR})(?=,?\s+{_YEAR}))"
        rf"(?:,?\s+(?P<y3>{_YEAR}))?",
    ),
    (  # "last week", "earlier this month", "over the weekend"
        "relative_period",
        rf"(?<!the\s)(?P<rp>{_alt(lang_en.RELATIVE_PERIODS)})\b(?!\s+of\b)",
    ),
    (  # "yesterday evening", "tonight", "the day before yesterday"
        "relative_day",
        rf"(?P<rd>{_alt(lang_en.RELATIVE_DAYS)})\b"
        rf"(?:\s+(?:{_alt(lang_en.PARTS_OF_DAY)})\b)?",
    ),
    (  # "two days earlier", "a week ago", "three days later,"
        "shift",
        rf"(?P<sn>{_NUMBER})\s+(?P<su>{_alt(lang_en.SHIFT_UNITS)})\b\s+"
        r"(?:(?P<sd>ago|earlier|later)\b|(?P<sd2>before|after)(?=\s*(?:[.,;:!?)]|\Z)))",
    ),
    (  # "the past 24 hours", "the last two weeks"
        "past",
        rf"the\s+(?:past|last)\s+(?:(?P<pn>[0-9]{{1,3}}|(?:{_alt(lang_en.NUMBER_WORDS)}))\s+)?"
        r"(?P<pu>days?|weeks?|hours?)\b(?!\s+of\b)",
    ),
    (  # "Thursday evening", "last Friday", "next Monday"
        "weekday",
        rf"(?:(?P<wm>{_alt(lang_en.WEEKDAY_MODIFIERS)})\s+)?(?<!bloody\s)(?<!black\s)"
        rf"(?P<wd>{_WEEKDAY})(?!\s+prayers?\b)(?:\s+(?:{_alt(lang_en.PARTS_OF_DAY)})\b)?",
    ),
    (  # «عصر دیروز», «هفته‌ی گذشته»
        "fa_relative",
        rf"(?:{_FA_PART})?{_FA_NOT_COUNTED}{_PB}"
        rf"(?:(?P<fd>{_alt(jalali.RELATIVE_DAYS, space=_FA_EZAFE)})"
        rf"|(?P<fp>{_alt(jalali.RELATIVE_PERIODS, space=_FA_EZAFE)})){_PE}",
    ),
    (  # «شامگاه یکشنبه», «دوشنبه‌ی گذشته»; a bare «دوشنبه» needs a range
        "fa_weekday",
        rf"(?P<fwp>{_FA_PART})?{_PB}(?P<fw>{_FA_WEEKDAY})"
        rf"(?:\u200c?ی?\s+(?P<fwl>گذشته|پیش){_PE}|{_PE})",
    ),
    (  # "2022", only after "in", "since", "during", "by" or in a range
        "year",
        rf"{_DAY_START}(?P<yr>(?:19[5-9][0-9]|20[0-4][0-9]))(?![0-9]|,[0-9]|{_COUNTED}|\s*{_DASH}[0-9])",
    ),
)


def _compile(names: Iterable[str] | None = None) -> re.Pattern[str]:
    wanted = None if names is None else frozenset(names)
    chosen = [(n, b) for n, b in ALTERNATIVES if wanted is None or n in wanted]
    return re.compile("|".join(f"(?P<{n}>{b})" for n, b in chosen), re.IGNORECASE)


_ATOM_RE = _compile()
# At a digit only these can match; trying fewer alternatives there halves the cost of a digit.
_DIGIT_ATOM_RE = _compile(
    ("range_dmy", "range_jalali", "iso", "jalali_numeric", "dmy", "jalali_dmy", "shift", "year")
)
_DIGIT_ONLY = ("range_dmy", "range_jalali", "iso", "jalali_numeric", "year")
_WORD_ATOM_RE = _compile(n for n, _ in ALTERNATIVES if n not in _DIGIT_ONLY)

# The pattern above is tried only where a word could start a date: trying it at every position
# of a 5 KB report costs about 17 ms, at the few dozen trigger words well under 1 ms. A strong
# word always triggers; a weak one ("the", "last", "two", «این») only before a date word or a digit.
_NAMES = frozenset(
    [
        *lang_en.FULL_MONTHS,
        *lang_en.MONTH_ABBREVIATIONS,
        *lang_en.WEEKDAYS,
        *jalali.MONTHS,
        *(fold(w) for w in jalali.WEEKDAYS),
        "شنبه",
    ]
)
_DATE_WORDS = _NAMES | {*lang_en.SHIFT_UNITS, "hour", "hours", *lang_en.PARTS_OF_DAY}
_FA_FIRST_WORDS = [*jalali.PARTS_OF_DAY, *jalali.RELATIVE_DAYS, *jalali.RELATIVE_PERIODS]
_STRONG = _NAMES | frozenset(
    [
        *lang_en.WEEKDAY_ABBREVIATIONS,
        *jalali.TRANSLITERATED_MONTHS,
        *jalali.MONTH_PARTS,
        *(w for w in [*lang_en.RELATIVE_DAYS, *jalali.RELATIVE_DAYS] if " " not in w),
        *(w.split()[0] for w in _FA_FIRST_WORDS),
    ]
)


def _weak_words() -> dict[str, frozenset[str]]:
    """First words of multi-word phrases, each with the second words that may follow it."""
    phrases = [
        *lang_en.RELATIVE_DAYS,
        *lang_en.RELATIVE_PERIODS,
        *lang_en.MONTH_PARTS,
        *lang_en.WEEKDAY_MODIFIERS,
        *jalali.RELATIVE_PERIODS,
        *jalali.WEEKDAYS,
        *jalali.PARTS_OF_DAY,
        "the past",
        "the last",
    ]
    weak: dict[str, set[str]] = {w: set() for w in lang_en.NUMBER_WORDS}
    for phrase in phrases:
        words = phrase.split()
        if words[0] not in _STRONG:
            weak.setdefault(words[0], set()).update(words[1:2])
    weak.setdefault("هفته", set()).add("ی")  # «هفته‌ی گذشته»: the ezafe is a token of its own
    return {w: frozenset(nexts) | _DATE_WORDS for w, nexts in weak.items()}


_WEAK = _weak_words()
_TOKEN_RE = re.compile(r"\w+")


def atom_matches(norm: str) -> Iterable[re.Match[str]]:
    """Leftmost, non-overlapping matches of `_ATOM_RE`, tried at trigger words only."""
    last_end = 0
    for token in _TOKEN_RE.finditer(norm):
        pos = token.start()
        if pos < last_end:
            continue
        word = token.group()
        if word[0] in "0123456789":
            pattern = _DIGIT_ATOM_RE
        else:
            word = word.lower()
            if word not in _STRONG:
                nexts = _WEAK.get(word)
                if nexts is None:
                    continue
                following = _TOKEN_RE.search(norm, token.end())
                if following is None:
                    continue
                after = following.group().lower()
                if after not in nexts and after[0] not in "0123456789":
                    continue
            pattern = _WORD_ATOM_RE
        m = pattern.match(norm, pos)
        if m is not None and m.end() > pos:
            last_end = m.end()
            yield m


PREFIX_RE = re.compile(
    r"(?:\b(?P<since>since)|\b(?P<asof>as\s+of|as\s+at|as\s+on|by)|\b(?P<on>on)"
    r"|\b(?P<inside>in|during|throughout)|\b(?P<between>between)|\b(?P<from>from)"
    rf"|{_PB}(?P<fa_from>از)|{_PB}(?P<fa_between>بین)|{_PB}(?P<fa_in>در))\s+\Z",
    re.IGNORECASE,
)
_TO_WORDS = [w for w in lang_en.RANGE_WORDS if w != "and"] + ["تا"]
CONNECTOR_RE = re.compile(
    rf"\s*(?:(?P<both>and|و)|(?:{_alt(_TO_WORDS)})|{_DASH})\s*", re.IGNORECASE
)
FA_SINCE_RE = re.compile(rf"\s+(?:{_alt(jalali.SINCE_SUFFIXES)}){_PE}")
FUTURE_BEFORE_RE = re.compile(
    rf"(?:\b(?:{_alt(c for c in lang_en.FUTURE_CUES if c[0] != chr(39))})\b|'ll\b)[^.;!?]*\Z",
    re.IGNORECASE,
)
FUTURE_AFTER_RE = re.compile(r"\s+(?:(?!that\b)[a-z]+\s+)?(?:will|shall)\b", re.IGNORECASE)
NORMALISE_RE = re.compile("[" + "".join(map(chr, jalali.NORMALISE)) + "]")
