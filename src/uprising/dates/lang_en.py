"""English words for dates: data only, read by `uprising.dates.english` to build its patterns.

Keys are lower case; the finder matches them without regard to case except where
`CASE_SENSITIVE_MONTHS` says otherwise.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CASE_SENSITIVE_MONTHS",
    "COUNT_CUES",
    "COUNT_NOUNS",
    "FULL_MONTHS",
    "FUTURE_CUES",
    "MONTH_ABBREVIATIONS",
    "MONTH_PARTS",
    "NUMBER_WORDS",
    "PARTS_OF_DAY",
    "RANGE_WORDS",
    "RELATIVE_DAYS",
    "RELATIVE_PERIODS",
    "SHIFT_DIRECTIONS",
    "SHIFT_UNITS",
    "WEEKDAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_MODIFIERS",
]

FULL_MONTHS: Final[dict[str, int]] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

# Only read next to a day number ("Oct 3", "3 Oct."): alone they are too often other words.
MONTH_ABBREVIATIONS: Final[dict[str, int]] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Ordinary English words as well as months ("may", "march", "mar"): matched only capitalised.
CASE_SENSITIVE_MONTHS: Final[frozenset[str]] = frozenset({"may", "march", "mar"})

WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Only read in front of a full date ("Wed, Oct 26"): alone "sat", "wed" and "sun" are words.
WEEKDAY_ABBREVIATIONS: Final[dict[str, int]] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# "last Friday" is strictly before publication, "next Monday" strictly after it, "this Friday"
# falls in the publication's Monday..Sunday week; "the previous/following" are anchor-relative.
WEEKDAY_MODIFIERS: Final[dict[str, str]] = {
    "last": "previous",
    "past": "previous",
    "the previous": "previous",
    "next": "next",
    "this coming": "next",
    "coming": "next",
    "the following": "following",
    "this": "this",
}

# A weekday or a relative day followed by one of these still names that day.
PARTS_OF_DAY: Final[tuple[str, ...]] = ("morning", "afternoon", "evening", "night")

# Parts of a month as (first day, last day); the last day is clipped to the month's length.
MONTH_PARTS: Final[dict[str, tuple[int, int]]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "the beginning of": (1, 10),
    "the start of": (1, 10),
    "the middle of": (11, 20),
    "the end of": (21, 31),
}

# Days counted from the publication day. "the next day" and "the previous day" are really relative
# to an event named nearby; they are resolved against publication and the claims layer may
# re-anchor them.
RELATIVE_DAYS: Final[dict[str, int]] = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "the previous day": -1,
    "today": 0,
    "earlier today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
    "the next day": 1,
    "the following day": 1,
}

# Named periods around the publication day; the values name the arithmetic in the finder.
RELATIVE_PERIODS: Final[dict[str, str]] = {
    "last week": "previous_week",
    "this week": "this_week",
    "earlier this week": "week_to_date",
    "later this week": "rest_of_week",
    "next week": "next_week",
    "last month": "previous_month",
    "this month": "this_month",
    "earlier this month": "month_to_date",
    "last year": "previous_year",
    "this year": "this_year",
    "earlier this year": "year_to_date",
    "over the weekend": "weekend",
    "at the weekend": "weekend",
    "this weekend": "weekend",
    "last weekend": "previous_weekend",
}

NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}

SHIFT_UNITS: Final[dict[str, int]] = {"day": 1, "days": 1, "week": 7, "weeks": 7}

# "before" and "after" count only at the end of a clause: "two days after the funeral" is
# anchored to the funeral, which the date finder cannot see.
SHIFT_DIRECTIONS: Final[dict[str, int]] = {
    "ago": -1,
    "earlier": -1,
    "before": -1,
    "later": 1,
    "after": 1,
}

RANGE_WORDS: Final[tuple[str, ...]] = ("and", "to", "until", "till", "through", "thru")

# Words before a weekday that put it in the future ("the court will rule on Monday").
FUTURE_CUES: Final[tuple[str, ...]] = (
    "will",
    "shall",
    "'ll",
    "is due to",
    "are due to",
    "is expected to",
    "are expected to",
    "is scheduled to",
    "are scheduled to",
    "is set to",
    "are set to",
)

# A number after a month, or a year, followed by one of these counts things, not days:
# "in November 12 people were arrested", "in 2000 villages".
COUNT_NOUNS: Final[tuple[str, ...]] = (
    "people",
    "persons",
    "protesters",
    "demonstrators",
    "children",
    "minors",
    "women",
    "men",
    "girls",
    "boys",
    "students",
    "journalists",
    "detainees",
    "prisoners",
    "others",
    "cities",
    "towns",
    "villages",
    "provinces",
)

# After a month's number only ("in October 12 more were detained", "November 3 of them").
COUNT_CUES: Final[tuple[str, ...]] = ("more", "of", "were", "have", "had", "are")
