"""Persian reports (issue 10): folding with offsets, language detection, numbers and claims
(tests/cases/numbers_fa.jsonl, claims_fa.jsonl), persons and incidents from Persian text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import read_cases
from uprising.extract.language import detect_language, known_language
from uprising.extract.normalise import normalise
from uprising.extract.numbers_fa import find_numbers_fa

NUMBER_CASES = read_cases("numbers_fa.jsonl")
CLAIM_CASES = read_cases("claims_fa.jsonl")


@pytest.mark.parametrize("case", NUMBER_CASES, ids=[c["note"][:50] for c in NUMBER_CASES])
def test_persian_numbers_of_a_sentence(case: dict[str, Any]) -> None:
    text = case["input"]
    folded = normalise(text)
    got = []
    for m in find_numbers_fa(folded.text):
        start, end = folded.span(m.start, m.end)
        got.append({"text": text[start:end], "low": m.low, "high": m.high,
                    "qualifier": m.qualifier.value, "kind": m.kind.value})
    assert got == case["results"]


def _key(claim: dict[str, Any]) -> tuple[Any, ...]:
    return (claim["measure"], claim["subject"], claim["low"], claim["high"], claim["qualifier"],
            claim["source"])


@pytest.mark.parametrize("case", CLAIM_CASES, ids=[c["note"][:50] for c in CLAIM_CASES])
def test_persian_claims_of_a_sentence(case: dict[str, Any],
                                      analyse: Callable[..., Any]) -> None:
    text = case["text"]
    got = analyse(text, case["published"]).freeze("test").to_contract()["claims"]
    unmatched = list(got)
    for want in case["claims"]:
        start = text.index(want["quote"])
        end = start + len(want["quote"])
        hits = [g for g in unmatched if _key(g) == _key(want)
                and g["start"] < end and start < g["end"]]
        assert hits, f"missing {_key(want)} «{want['quote']}»; got {[_key(g) for g in got]}"
        unmatched.remove(hits[0])
    assert not unmatched, f"unexpected {[(_key(g), g['quote']) for g in unmatched]}"
    for claim in got:
        assert text[claim["start"] : claim["end"]] == claim["quote"]


@pytest.mark.parametrize(("text", "folded"), [
    ("دست‌كم ۱۲", "دست کم 12"),
    ("يك نفر", "یک نفر"),
    ("٣٬٤٩٦", "3,496"),
    ("۱٫۵ میلیون", "1.5 میلیون"),
    ("تقريباً", "تقریبا"),
])
def test_normalise_folds_letters_digits_and_separators(text: str, folded: str) -> None:
    assert normalise(text).text == folded


@given(st.text(alphabet="ابپتکيكیً\u200cـ۱٢3 ،.", max_size=40))
def test_normalise_spans_map_back_to_the_original(text: str) -> None:
    folded = normalise(text)
    for start in range(len(folded.text)):
        for end in range(start + 1, len(folded.text) + 1):
            first, last = folded.span(start, end)
            assert 0 <= first < last <= len(text)
            assert normalise(text[first:last]).text == folded.text[start:end]


@pytest.mark.parametrize(("text", "language"), [
    ("هرانا: دست‌کم ۴۰ نفر بازداشت شدند", "fa"),
    ("HRANA said at least 40 people were arrested", "en"),
    ("Hengaw (هەنگاو) said 12 were killed in Saqqez", "en"),
    ("۱۲۳", "en"),
])
def test_detect_language_by_share_of_arabic_script_letters(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_known_language_reads_tags() -> None:
    assert known_language("fa-IR") == "fa"
    assert known_language("Persian") == "fa"
    assert known_language("de") is None


def test_persian_person_with_age_and_fates(analyse: Callable[..., Any]) -> None:
    text = ("به گزارش هرانا، کیوان رحمتی، کارگر ۲۷ ساله، روز دوشنبه در سنندج بازداشت شد. "
            "او در بازداشتگاه زیر شکنجه قرار گرفته است.")
    persons = analyse(text, "2022-11-16").freeze("test").to_contract()["persons"]
    assert [(p["name"], p["age"], p["gender"], p["fates"], p["city"]) for p in persons] == [
        ("کیوان رحمتی", 27, "male", ["arrested", "tortured"], "Sanandaj")]


def test_persian_officials_and_compounds_are_no_persons(analyse: Callable[..., Any]) -> None:
    text = ("حسین کریمی، وکیل خانواده، گفت موکلش بازداشت شده است. "
            "یک روزنامه‌نگار بازداشت شد.")
    assert analyse(text, "2022-11-16").freeze("test").to_contract()["persons"] == []


def test_persian_incidents_one_per_city(analyse: Callable[..., Any]) -> None:
    text = "روز شنبه در مریوان و بوکان مغازه‌ها تعطیل بود و بازاریان اعتصاب کردند."
    incidents = analyse(text, "2022-11-20").freeze("test").to_contract()["incidents"]
    assert sorted((i["type"], i["city"], i["date"]) for i in incidents) == [
        ("strike", "Būkān", "2022-11-19"), ("strike", "Marīvān", "2022-11-19")]


def test_arabic_letters_keep_original_quotes(analyse: Callable[..., Any]) -> None:
    text = "نيروهاي امنيتي دست‌كم ١٢ نفر را در اهواز بازداشت كردند."
    claims = analyse(text, "2022-10-23").freeze("test").to_contract()["claims"]
    assert [(c["measure"], c["low"], c["city"], c["quote"]) for c in claims] == [
        ("arrested", 12, "Ahvaz", "دست‌كم ١٢ نفر")]
