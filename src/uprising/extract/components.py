"""The built-in components, registered exactly as a plug-in would register its own."""

from __future__ import annotations

import re

from uprising.dates import DateMention, find_dates
from uprising.extract.analysis import Analysis
from uprising.extract.claims import find_claims, find_claims_fa
from uprising.extract.incidents import find_incidents
from uprising.extract.lang import fa
from uprising.extract.language import prepare
from uprising.extract.numbers import find_numbers
from uprising.extract.numbers_fa import find_numbers_fa
from uprising.extract.persons import find_persons, find_persons_fa
from uprising.extract.registry import component
from uprising.extract.sources import find_sources, find_sources_fa
from uprising.geo import find_places

__all__: list[str] = []


@component("numbers", assigns=("numbers",))
def numbers_component(analysis: Analysis) -> None:
    """Find numbers, ranges and vague quantities with their qualifiers and bounds."""
    finder = find_numbers_fa if prepare(analysis) == "fa" else find_numbers
    analysis.numbers = finder(analysis.text)


@component("sources", assigns=("sources",))
def sources_component(analysis: Analysis) -> None:
    """Find the sources named in the text and whether each attributes a figure."""
    finder = find_sources_fa if prepare(analysis) == "fa" else find_sources
    analysis.sources = finder(analysis.text)


@component("places", requires=("sources",), assigns=("places",))
def places_component(analysis: Analysis) -> None:
    """Find places, less those inside a source's name ("Iran Human Rights")."""
    prepare(analysis)
    named = [s for s in analysis.sources if s.kind == "named"]
    analysis.places = [
        p for p in find_places(analysis.text)
        if not any(s.start < p.end and p.start < s.end for s in named)
        and not _in_dateline(analysis.text, p.start, p.end)
    ]


_DATELINE = re.compile(r"[A-Z][A-Z .'-]*(?:,|\s+[—–-])")


def _in_dateline(text: str, start: int, end: int) -> bool:
    """"DUBAI, Oct 3 (Wire) -", "BERLIN —": where the reporter files from, not where it happened."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    match = _DATELINE.match(text, start)
    return match is not None and match.end() >= end and text[start:end].isupper()


@component("dates", assigns=("dates",))
def dates_component(analysis: Analysis) -> None:
    """Find dates and periods, resolved against the publication date."""
    found = find_dates(analysis.text, analysis.published)
    if prepare(analysis) == "fa":
        found = [d for d in found if not _statement_day(analysis.text, d)]
    analysis.dates = found


_FA_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u06D5"
_FA_VERBS = "|".join(v.replace(" ", r"\s+") for v in fa.STATEMENT_VERBS)
_FA_STATEMENT = re.compile(rf"\s*،?\s*(?:{_FA_VERBS})(?![{_FA_LETTERS}])")


def _statement_day(text: str, mention: DateMention) -> bool:
    """"هرانا روز دوشنبه اعلام کرد": the day a statement was made dates no event in it."""
    return _FA_STATEMENT.match(text, mention.end) is not None


@component("claims", requires=("numbers", "sources", "places", "dates"), assigns=("claims",))
def claims_component(analysis: Analysis) -> None:
    """Turn counted numbers into claims with measure, subject, source, place and date."""
    finder = find_claims_fa if prepare(analysis) == "fa" else find_claims
    analysis.claims = finder(analysis)


@component("incidents", requires=("places", "dates"), assigns=("incidents",))
def incidents_component(analysis: Analysis) -> None:
    """Find incidents: one per type, place and day."""
    prepare(analysis)
    analysis.incidents = find_incidents(analysis)


@component("persons", requires=("places", "dates", "sources"), assigns=("persons",))
def persons_component(analysis: Analysis) -> None:
    """Find named people with their age, gender and fates."""
    finder = find_persons_fa if prepare(analysis) == "fa" else find_persons
    analysis.persons = finder(analysis)
