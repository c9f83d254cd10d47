"""The number layer: bounds, qualifiers and kinds of numbers in report sentences."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import read_cases
from uprising.extract.numbers import NumberKind, NumberMention, find_numbers, number_results
from uprising.vocab import Qualifier

CASES = read_cases("numbers_en.jsonl")


def _found(text: str) -> list[dict[str, Any]]:
    return [
        {
            "text": text[m.start : m.end],
            "low": m.low,
            "high": m.high,
            "qualifier": m.qualifier.value,
            "kind": m.kind.value,
        }
        for m in find_numbers(text)
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["input"][:50] for c in CASES])
def test_numbers_match_the_case_table(case: dict[str, Any]) -> None:
    assert _found(case["input"]) == case["results"]


def test_case_table_has_enough_rows() -> None:
    assert len(CASES) >= 80


def test_numbers_at_least_sets_low_only() -> None:
    (m,) = find_numbers("at least 326 were killed")
    assert (m.low, m.high, m.qualifier, m.kind) == (326, None, Qualifier.AT_LEAST, NumberKind.COUNT)
    assert (m.start, m.end, m.value_start, m.value_end) == (0, 12, 9, 12)
    assert m.rule == "qualifier:at_least"


def test_numbers_range_value_span_covers_both_ends() -> None:
    text = "between 15,000 and 16,000 people"
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == "between 15,000 and 16,000"
    assert text[m.value_start : m.value_end] == "15,000 and 16,000"
    assert m.rule == "range:between"


def test_numbers_scale_word_applies_to_both_ends_of_a_range() -> None:
    (m,) = find_numbers("between 15 and 16 thousand marched")
    assert (m.low, m.high, m.qualifier) == (15_000, 16_000, Qualifier.RANGE)


def test_numbers_persian_and_arabic_indic_digits_are_digits() -> None:
    assert [m.low for m in find_numbers("۱۲۳ و ٤٥٦ و ۱۸٬۰۰۰")] == [123, 456, 18_000]
    (m,) = find_numbers("۲٫۵ million")
    assert m.low == 2_500_000


def test_numbers_european_thousands_in_a_plain_count() -> None:
    (m,) = find_numbers("an estimated 18.200 people were detained")
    assert (m.low, m.qualifier) == (18_200, Qualifier.ABOUT)


def test_numbers_decimal_with_scale_word_is_a_count() -> None:
    (m,) = find_numbers("1.5 million")
    assert (m.low, m.kind) == (1_500_000, NumberKind.COUNT)


def test_numbers_pronoun_one_is_not_a_number() -> None:
    assert find_numbers("No one was hurt, and the one who fled was caught.") == []
    assert [m.low for m in find_numbers("one of them was a child")] == [1]


def test_numbers_offsets_index_the_original_string_after_astral_characters() -> None:
    text = "🕯️🕯️ at least 12 killed"
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == "at least 12"


def test_numbers_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="str"):
        find_numbers(b"12")  # type: ignore[arg-type]


def test_number_results_leave_out_ordinals_and_measurements() -> None:
    assert number_results("the 40th day, 29km away, the third time") == []
    assert number_results("more than 300") == [
        {
            "text": "more than 300",
            "start": 0,
            "end": 13,
            "low": 300,
            "high": None,
            "qualifier": "more_than",
        }
    ]


def test_numbers_a_5000_digit_run_is_one_mention_of_no_count() -> None:
    # speed is measured by scripts/bench_extract.py, not asserted here
    assert find_numbers("9" * 5000)[0].kind == NumberKind.OTHER


def _check_invariants(text: str, mentions: list[NumberMention]) -> None:
    end = 0
    for m in mentions:
        assert 0 <= m.start <= m.value_start < m.value_end <= m.end <= len(text)
        assert m.start >= end, "mentions overlap or are out of order"
        end = m.end
        if m.low is not None and m.high is not None and m.qualifier == Qualifier.RANGE:
            assert m.low < m.high


_PIECES = st.sampled_from([
    "0", "7", "15", "1,200", "15.000", "۱۸٬۰۰۰", "٣", "2022", "1.5", " ", "-", "–", ",", ".", "/",
    "%", "$", "<", ">=", "~", "+", "and ", "a ", "one ", "hundred ", "thousand ", "half ",
    "dozen ", "dozens ", "between ", "from ", "to ", "at least ", "more than ", "or more ",
    "years old ", "days ", "October ", "th ", "k ", "M ", "e5", "x10^3", "minus ", "fifths ",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_numbers_never_crash_on_any_text(text: str) -> None:
    _check_invariants(text, find_numbers(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_numbers_never_crash_on_number_like_text(text: str) -> None:
    _check_invariants(text, find_numbers(text))
    for row in number_results(text):
        assert text[row["start"] : row["end"]] == row["text"]
