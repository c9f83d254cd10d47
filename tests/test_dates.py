"""Date expressions resolved against the publication date (src/uprising/dates)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import uprising.dates
from uprising.dates import DateKind, DateMention, DateValue, Precision, find_dates
from uprising.dates.jalali import jalali_month, to_gregorian

_LINES = (Path(__file__).parent / "cases" / "dates_en.jsonl").read_text(encoding="utf-8")
CASES = [
    pytest.param(row, id=f"{number}:{row['text'][:40]}")
    for number, row in enumerate(
        (json.loads(line) for line in _LINES.splitlines() if line.strip()), start=1
    )
]


def _published(row: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(row["published"]) if row["published"] else None


def _as_rows(text: str, mentions: list[DateMention]) -> list[dict[str, str]]:
    return [
        {"text": text[m.start : m.end], "value": m.value.to_contract(), "kind": m.kind.value}
        for m in mentions
    ]


def test_cases_file_has_at_least_a_hundred_rows() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("row", CASES)
def test_find_dates_case(row: dict[str, Any]) -> None:
    mentions = find_dates(row["text"], _published(row))
    assert _as_rows(row["text"], mentions) == row["expected"], row.get("note")


def test_public_api_is_pinned() -> None:
    assert uprising.dates.__all__ == [
        "DateKind",
        "DateMention",
        "DateValue",
        "Precision",
        "find_dates",
    ]


def test_date_value_contract_is_one_day_when_start_equals_end() -> None:
    day = dt.date(2022, 11, 16)
    assert DateValue(start=day, end=day, precision=Precision.DAY).to_contract() == "2022-11-16"


def test_date_value_contract_is_an_interval_otherwise() -> None:
    value = DateValue(
        start=dt.date(2022, 11, 1), end=dt.date(2022, 11, 30), precision=Precision.MONTH
    )
    assert value.to_contract() == "2022-11-01/2022-11-30"


def test_date_value_is_frozen() -> None:
    value = DateValue(start=dt.date(2022, 1, 1), end=dt.date(2022, 1, 1), precision=Precision.DAY)
    with pytest.raises(AttributeError):
        value.start = dt.date(2023, 1, 1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("on 26 October", Precision.DAY),
        ("in November", Precision.MONTH),
        ("in mid-November", Precision.PERIOD),
        ("last week", Precision.PERIOD),
        ("در آبان ۱۴۰۱", Precision.MONTH),
        ("since 16 September", Precision.PERIOD),
    ],
)
def test_find_dates_sets_precision(text: str, precision: Precision) -> None:
    (mention,) = find_dates(text, dt.date(2022, 12, 10))
    assert mention.value.precision is precision


def test_find_dates_names_the_rule_for_explain() -> None:
    (mention,) = find_dates("valid as of 12 November", dt.date(2022, 11, 13))
    assert mention.kind is DateKind.AS_OF
    assert mention.rule == "as_of:dmy"


def test_find_dates_offsets_index_the_original_persian_text() -> None:
    text = "گزارش: روز دوشنبه ۱۴ آذر ۱۴۰۱ و عصر دیروز"
    mentions = find_dates(text, dt.date(2022, 12, 6))
    assert [text[m.start : m.end] for m in mentions] == ["روز دوشنبه ۱۴ آذر ۱۴۰۱", "عصر دیروز"]


def test_find_dates_rejects_a_text_that_is_not_a_string() -> None:
    with pytest.raises(TypeError):
        find_dates(b"26 October", None)  # type: ignore[arg-type]


def test_find_dates_rejects_a_publication_that_is_not_a_date() -> None:
    with pytest.raises(TypeError):
        find_dates("26 October", "2022-11-21")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1401, 6, 26), dt.date(2022, 9, 17)),
        ((1401, 8, 25), dt.date(2022, 11, 16)),
        ((1401, 12, 29), dt.date(2023, 3, 20)),
        ((1402, 1, 1), dt.date(2023, 3, 21)),
        ((1403, 12, 30), dt.date(2025, 3, 20)),
    ],
)
def test_jalali_to_gregorian_is_exact(jalali: tuple[int, int, int], gregorian: dt.date) -> None:
    assert to_gregorian(*jalali) == gregorian


def test_jalali_to_gregorian_returns_none_for_a_day_that_does_not_exist() -> None:
    assert to_gregorian(1401, 12, 30) is None
    assert to_gregorian(1401, 7, 31) is None


def test_jalali_month_covers_the_whole_month() -> None:
    value = jalali_month(1401, 12)
    assert value is not None
    assert value.to_contract() == "2023-02-20/2023-03-20"
    assert value.precision is Precision.MONTH


_DATE_WORDS = [
    "on", "since", "as of", "by", "between", "and", "to", "–", "in", "mid-", "last", "next",
    "the", "Monday", "Friday", "night", "October", "Nov.", "Sept", "March", "May", "2022", "1401",
    "26", "3", "31", "14th", "yesterday", "today", "week", "days", "ago", "earlier", "آبان", "آذر",
    "۱۴۰۱", "۲۵", "٣٠", "دوشنبه", "سه‌شنبه", "روز", "گذشته", "از", "تا", "تاکنون", "دیروز", "\u200c",
    "ي", "-", "/", ",", ".", " ", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(_DATE_WORDS), max_size=30).map(" ".join),
        st.lists(st.sampled_from(_DATE_WORDS), max_size=30).map("".join),
    ),
    published=st.one_of(st.none(), st.dates()),
)
def test_find_dates_never_crashes_and_keeps_offsets_in_range(
    text: str, published: dt.date | None
) -> None:
    mentions = find_dates(text, published)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert mention.value.start <= mention.value.end
        previous_end = mention.end
