"""English number vocabulary for `uprising.extract.numbers`: data only, no logic.

Values of the plain cardinal and ordinal words come from the `text2num` package at import (see
`numbers._word_values`); this module lists the words and holds only what that package lacks
(trillion, lakh, crore, dozen) and the phrases around numbers: qualifiers, vague quantities, units
that make a number an age, a duration, a time or money, and month names for dates. Phrases are
written with single spaces; the number layer lets any run of whitespace stand for each space.
"""

from __future__ import annotations

__all__ = [
    "AGE_AFTER",
    "AGE_BEFORE",
    "CARDINAL_WORDS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "DETERMINERS_BEFORE_ONE",
    "DOZEN_WORDS",
    "EXTRA_CARDINALS",
    "EXTRA_ORDINALS",
    "FEW_WORDS",
    "FRACTION_WORDS",
    "MEASURE_UNITS",
    "MONTHS",
    "ORDINAL_SUFFIXES",
    "ORDINAL_WORDS",
    "PERCENT_WORDS",
    "POSTFIX_QUALIFIERS",
    "PREFIX_QUALIFIERS",
    "RANGE_OPENERS",
    "RANGE_WORDS",
    "SCALE_ABBREVIATIONS",
    "SCALE_WORDS",
    "SIGN_WORDS",
    "SYMBOL_QUALIFIERS",
    "TIME_SUFFIXES",
    "TIME_UNITS",
    "VAGUE",
    "VAGUE_SCALES",
    "YEAR_BEFORE",
    "YEAR_FOLLOWERS",
]

# Cardinal words whose values text2num knows.
CARDINAL_WORDS: tuple[str, ...] = (
    "zero", "nought", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "billion",
)  # fmt: skip

# Cardinal words text2num does not know, with their values.
EXTRA_CARDINALS: dict[str, int] = {
    "naught": 0,
    "trillion": 10**12,
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}

# Words that multiply everything before them in a number ("two hundred and two thousand").
SCALE_WORDS: frozenset[str] = frozenset(
    {"thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores"}
)

# Written after digits ("10k", "1.5M", "2 bn"); case matters: "1m" is a metre, "1M" a million.
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 10**3, "K": 10**3, "M": 10**6, "MM": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6,
    "B": 10**9, "b": 10**9, "bn": 10**9, "bln": 10**9, "G": 10**9,
    "tn": 10**12, "tln": 10**12,
}  # fmt: skip

DOZEN_WORDS: frozenset[str] = frozenset({"dozen", "dozens", "dz", "dzs", "doz", "dozs"})

# Ordinal words whose values text2num knows ("fifth" -> "5th"); "nineth" is a common misspelling.
ORDINAL_WORDS: tuple[str, ...] = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
    "seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth", "billionth",
)  # fmt: skip
# text2num 3.1 does not read "sixtieth" (it returns the word unchanged).
EXTRA_ORDINALS: dict[str, int] = {"trillionth": 10**12, "nineth": 9, "sixtieth": 60}

# Fraction words that are not ordinals, with their denominators.
FRACTION_WORDS: dict[str, int] = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}

ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th", "d"})

# "several hundred", "a few thousand": a vague quantity of that scale.
FEW_WORDS: tuple[str, ...] = ("several", "a few", "a couple of", "many", "a number of")

# Vague quantities and the low bound the contract gives them.
VAGUE: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
    "tens of millions": 20_000_000,
    "hundreds of millions": 200_000_000,
}
# The scale after a FEW_WORDS word, as a vague quantity ("several thousand" is thousands).
VAGUE_SCALES: dict[str, int] = {
    "dozen": 24,
    "hundred": 200,
    "thousand": 2000,
    "million": 2_000_000,
}

# Phrases before a number and the qualifier they set (contract: "Qualifiers and bounds").
PREFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    # at_least
    ("at least", "at_least"), ("at the very least", "at_least"), ("no fewer than", "at_least"),
    ("no less than", "at_least"), ("not fewer than", "at_least"), ("not less than", "at_least"),
    ("a minimum of", "at_least"), ("minimum of", "at_least"), ("at minimum", "at_least"),
    ("at least or equal to", "at_least"), ("equal to or more than", "at_least"),
    ("equal to or greater than", "at_least"), ("more than or equal to", "at_least"),
    ("greater than or equal to", "at_least"), ("bigger or equal than", "at_least"),
    ("higher or equal than", "at_least"), ("larger or equal than", "at_least"),
    ("greater or equal than", "at_least"), ("more or equal than", "at_least"),
    # more_than
    ("more than", "more_than"), ("over", "more_than"), ("upwards of", "more_than"),
    ("upward of", "more_than"), ("in excess of", "more_than"), ("above", "more_than"),
    ("exceeding", "more_than"), ("exceeded", "more_than"), ("exceeds", "more_than"),
    ("greater than", "more_than"), ("larger than", "more_than"), ("bigger than", "more_than"),
    ("higher than", "more_than"), ("well over", "more_than"), ("just over", "more_than"),
    ("well above", "more_than"), ("just above", "more_than"), ("slightly more than", "more_than"),
    ("a little over", "more_than"), ("a little more than", "more_than"),
    ("well in excess of", "more_than"),
    # at_most
    ("up to", "at_most"), ("at most", "at_most"), ("at the most", "at_most"),
    ("as many as", "at_most"), ("as high as", "at_most"), ("as much as", "at_most"),
    ("no more than", "at_most"), ("not more than", "at_most"), ("a maximum of", "at_most"),
    ("maximum of", "at_most"), ("no greater than", "at_most"),
    ("less than or equal to", "at_most"), ("fewer than or equal to", "at_most"),
    ("equal to or less than", "at_most"), ("equal to or fewer than", "at_most"),
    ("less or equal than", "at_most"), ("smaller or equal than", "at_most"),
    ("lower or equal than", "at_most"), ("smaller than or equal to", "at_most"),
    # less_than
    ("fewer than", "less_than"), ("less than", "less_than"), ("under", "less_than"),
    ("below", "less_than"), ("nearly", "less_than"), ("almost", "less_than"),
    ("close to", "less_than"), ("just under", "less_than"), ("well under", "less_than"),
    ("well below", "less_than"), ("just below", "less_than"), ("smaller than", "less_than"),
    ("lower than", "less_than"), ("just short of", "less_than"), ("short of", "less_than"),
    ("approaching", "less_than"), ("not quite", "less_than"),
    # about
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("estimated at", "about"),
    ("approximately", "about"), ("approx.", "about"), ("approx", "about"), ("circa", "about"),
    ("ca.", "about"), ("maybe", "about"), ("perhaps", "about"), ("more or less", "about"),
    ("somewhere around", "about"), ("at around", "about"), ("at about", "about"),
    ("in the region of", "about"), ("on the order of", "about"), ("an approximate", "about"),
    ("give or take", "about"), ("an approximated", "about"),
    # exact
    ("equal to", "exact"), ("equals to", "exact"), ("equals", "exact"), ("equaling to", "exact"),
    ("equaling", "exact"), ("equalling", "exact"), ("exactly", "exact"), ("precisely", "exact"),
)  # fmt: skip

# Symbols written right before a number. "other" marks comparisons that are not a count's bound.
SYMBOL_QUALIFIERS: dict[str, str] = {
    ">=": "at_least", "≥": "at_least", "> =": "at_least", "⩾": "at_least",
    "<=": "at_most", "≤": "at_most", "< =": "at_most", "⩽": "at_most",
    ">": "more_than", "<": "less_than", "~": "about", "≈": "about", "±": "about",
    "<>": "other", "=>": "other", "=<": "other", "!=": "other", "≠": "other",
}  # fmt: skip

# Phrases after a number and the qualifier they set ("326 or more"); "equal" widens a strict
# bound set before the number ("more than 30 or equal" is at_least).
POSTFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("or more", "at_least"), ("and more", "at_least"), ("or greater", "at_least"),
    ("or above", "at_least"), ("or higher", "at_least"), ("or over", "at_least"),
    ("and above", "at_least"), ("and over", "at_least"), ("and upwards", "at_least"),
    ("or upwards", "at_least"), ("or more than", "at_least"), ("or greater than", "at_least"),
    ("plus", "at_least"),
    ("or less", "at_most"), ("or fewer", "at_most"), ("or below", "at_most"),
    ("or lower", "at_most"), ("or under", "at_most"), ("and under", "at_most"),
    ("and below", "at_most"), ("or less than", "at_most"), ("or fewer than", "at_most"),
    ("or so", "about"), ("or thereabouts", "about"), ("odd", "about"),
    ("or equal", "equal"), ("or equal to", "equal"),
)  # fmt: skip

# Words between the two ends of a range ("1,200 to 1,500"); dashes and "~" are handled as symbols.
RANGE_WORDS: tuple[str, ...] = ("to", "through", "thru")
# Words that open a range and the word that closes it ("between A and B", "from A to B").
RANGE_OPENERS: dict[str, tuple[str, ...]] = {
    "between": ("and", "to", "-", "–", "—"),
    "from": ("to", "through", "-", "–", "—"),
}

SIGN_WORDS: tuple[str, ...] = ("minus", "negative")

# "one" after these is a pronoun ("the one", "no one", "which one"), not the number 1.
DETERMINERS_BEFORE_ONE: frozenset[str] = frozenset({
    "the", "this", "that", "which", "each", "every", "any", "no", "another", "some", "someone",
    "last", "next", "previous", "current", "only", "other", "same", "right", "wrong", "little",
    "first", "second", "third", "new", "old", "big", "small", "good", "bad", "whichever",
    "loved", "young", "lucky", "special",
})  # fmt: skip

PERCENT_WORDS: tuple[str, ...] = (
    "percent", "per cent", "percents", "percentage", "percentages", "pct", "per mille",
)  # fmt: skip

# Units after a number that make it an age ("22-year-old", "16 years of age").
AGE_AFTER: tuple[str, ...] = (
    "year old", "years old", "yr old", "yrs old", "month old", "months old", "week old",
    "weeks old", "day old", "days old", "years of age", "year of age", "months of age",
    "weeks of age", "yo", "y/o", "y.o.", "yr-old", "year-old", "years-old", "month-old",
    "week-old", "day-old",
)  # fmt: skip
# Words before a number that make it an age ("aged 16", "at the age of 9").
AGE_BEFORE: tuple[str, ...] = (
    "aged", "age", "ages", "age of", "ages of", "the age of", "aged between", "aged about",
    "aged around", "aged just", "aged only",
)  # fmt: skip

TIME_UNITS: tuple[str, ...] = (
    "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
    "day", "days", "night", "nights", "week", "weeks", "fortnight", "fortnights", "month",
    "months", "year", "years", "yr", "yrs", "decade", "decades", "century", "centuries",
    "weekend", "weekends",
)  # fmt: skip

TIME_SUFFIXES: tuple[str, ...] = (
    "am", "pm", "a.m.", "p.m.", "a.m", "p.m", "o'clock", "o’clock", "gmt", "utc",
)  # fmt: skip

CURRENCY_SYMBOLS: tuple[str, ...] = (
    "$", "€", "£", "¥", "₹", "﷼", "US$", "USD", "EUR", "GBP", "IRR", "IRT", "CHF", "CA$", "C$",
    "A$",
)  # fmt: skip
CURRENCY_WORDS: tuple[str, ...] = (
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "rial", "rials", "toman", "tomans",
    "yuan", "yen", "rupee", "rupees", "franc", "francs", "usd", "eur", "gbp", "irr", "riyal",
    "riyals", "dinar", "dinars", "lira", "liras",
)  # fmt: skip

# Units after a number that make it a measurement, not a count ("29 km", "180ml").
MEASURE_UNITS: tuple[str, ...] = (
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
    "metres", "meter", "meters", "cm", "mm", "kg", "kgs", "kilogram", "kilograms", "gram", "grams",
    "tonne", "tonnes", "ton", "tons", "litre", "litres", "liter", "liters", "ml", "mph", "km/h",
    "kmh", "degrees", "feet", "foot", "ft", "inch", "inches", "mb", "gb", "kb", "hectares",
    "acres", "sq", "square",
)  # fmt: skip

# Month names, written with a capital: Gregorian, abbreviations, and Solar Hijri transliterations.
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad",
    "Amordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip

# Words right before a year ("in 2022", "since 1401", "mid-2022").
YEAR_BEFORE: tuple[str, ...] = (
    "in", "since", "of", "during", "until", "till", "by", "from", "before", "after", "year",
    "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "through",
    "throughout", "circa", "the year", "fiscal", "calendar", "between", "into",
)  # fmt: skip

# Lower-case words that may follow a year; any other lower-case word after a bare 2022 makes it a
# count ("2000 protesters"), per the contract's "not followed by a counted noun".
YEAR_FOLLOWERS: frozenset[str] = frozenset({
    "the", "a", "an", "and", "or", "to", "when", "where", "as", "in", "on", "at", "by", "after",
    "before", "with", "was", "is", "were", "had", "has", "have", "saw", "but", "that", "which",
    "while", "until", "onwards", "onward", "through", "for", "of", "from", "alone", "so", "then",
    "election", "elections", "protests", "uprising", "revolution", "census", "report", "budget",
    "season", "law", "amendment", "crackdown", "unrest", "demonstrations", "movement", "figures",
    "data", "edition", "survey", "levels", "level", "numbers", "compared", "will", "would",
    "there", "it", "they", "he", "she", "we", "this", "these", "those", "its", "their",
})  # fmt: skip
