"""Persian number words, vague quantities, qualifier phrases and the units that make a number
something other than a count. Data only; `numbers_fa.find_numbers_fa` reads it.

Every phrase is written in the folded spelling of `extract.normalise`: Persian ی and ک, ASCII
digits, a plain space where a ZWNJ may stand ("ده ها" matches "ده‌ها", "ده ها").
"""

from __future__ import annotations

__all__ = [
    "AGE_AFTER",
    "CARDINALS",
    "COUNT_WORD_AFTER",
    "DURATION_AFTER",
    "HUNDREDS",
    "LABELS_BEFORE",
    "MONEY_AFTER",
    "MONTHS",
    "OTHER_AFTER",
    "PERCENT_AFTER",
    "PREFIX_QUALIFIERS",
    "RANGE_GAPS",
    "RANGE_OPENERS",
    "SCALES",
    "VAGUE",
    "YEAR_AFTER",
]

# Cardinals below a hundred. Spelling variants that reports use ("هجده" and "هیجده").
CARDINALS: dict[str, int] = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
    "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "پونزده": 15, "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20,
    "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
}

HUNDREDS: dict[str, int] = {
    "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500,
    "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}

# After a number they multiply it: "۱۸ هزار" is 18000, "۱٫۵ میلیون" 1500000.
SCALES: dict[str, int] = {"هزار": 1000, "میلیون": 10**6, "میلیارد": 10**9}

# Vague quantities, keyed by the spelling without spaces; the contract's bounds.
VAGUE: dict[str, int] = {
    "دهها": 24, "صدها": 200, "هزاران": 2000, "دههاهزار": 20000, "صدهاهزار": 200000,
    "میلیونها": 2000000,
}

# Words before a number and the qualifier they give; an optional preposition may follow the
# phrase ("دست کم در ۵۰ شهر").
PREFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("دست کم", "at_least"), ("دستکم", "at_least"), ("حداقل", "at_least"), ("لااقل", "at_least"),
    ("دست کمی", "at_least"),
    ("بیش از", "more_than"), ("بیشتر از", "more_than"), ("متجاوز از", "more_than"),
    ("بالغ بر", "more_than"), ("افزون بر", "more_than"), ("فزون بر", "more_than"),
    ("حداکثر", "at_most"), ("تا", "at_most"),
    ("کمتر از", "less_than"), ("کم تر از", "less_than"), ("نزدیک به", "less_than"),
    ("قریب به", "less_than"), ("نزدیک", "less_than"),
    ("حدود", "about"), ("در حدود", "about"), ("حدودا", "about"), ("تقریبا", "about"),
    ("حدودا", "about"), ("نزدیک به حدود", "about"), ("قریب", "less_than"),
)

# What may stand between two numbers of a range, and the words that open one.
RANGE_GAPS: frozenset[str] = frozenset({"تا", "الی", "-", "–", "—"})
RANGE_OPENERS: dict[str, frozenset[str]] = {
    "بین": frozenset({"تا", "و", "الی"}),
    "میان": frozenset({"تا", "و"}),
    "از": frozenset({"تا", "الی"}),
}

# "پنج تا" is "five of them": تا after a number and before a noun counts, it does not bound.
COUNT_WORD_AFTER = "تا"

# Solar Hijri and Gregorian month names as Persian reports write them: a number before one is a
# day, a four-digit number after one is a year.
MONTHS: tuple[str, ...] = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "امرداد", "شهریور", "مهر", "آبان", "آذر",
    "دی", "بهمن", "اسفند", "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "ژوئیه",
    "اوت", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)

# After a number: it is an age, a duration, a percentage, money, or a measurement.
AGE_AFTER: tuple[str, ...] = ("ساله", "سالگی", "سالگیش", "سالش")
DURATION_AFTER: tuple[str, ...] = (
    "سال", "ساعت", "دقیقه", "ثانیه", "روز", "روزه", "هفته", "هفتگی", "ماه", "ماهه", "شب",
    "شبانه روز", "قرن", "دهه", "سده",
)
YEAR_AFTER: tuple[str, ...] = ("شمسی", "خورشیدی", "میلادی", "هجری")
PERCENT_AFTER: tuple[str, ...] = ("درصد", "%")
MONEY_AFTER: tuple[str, ...] = ("تومان", "ریال", "دلار", "یورو", "میلیون تومان")
OTHER_AFTER: tuple[str, ...] = (
    "ضربه", "متر", "کیلومتر", "کیلو", "کیلوگرم", "گرم", "سانتی متر", "میلی متر", "طبقه",
    "صفحه", "برگ", "ماده", "بند", "کالیبر",
)

# Before a number: it names or labels something ("کلانتری ۱۶", "شعبه ۱۵", "ماده ۲۸۶").
LABELS_BEFORE: tuple[str, ...] = (
    "کلانتری", "شعبه", "ماده", "بند", "اصل", "پلاک", "شماره", "کلاس", "منطقه", "ناحیه",
    "بلوک", "سالن", "بخش", "قطعه", "ساعت", "سال", "خیابان", "کوچه", "فاز", "واحد", "تبصره",
    "پایه", "ردیف", "نوبت", "دوره", "سن",
)
