"""Incidents: what happened where and on which day, one per type, place and day.

A sentence reports an incident of a type when it holds one of that type's cue words
(`lang.en.INCIDENT_CUES`, where the rules that tell types apart are written down) and names a
place below the country, or refers back to one ("there", "the city"). A sentence that names three
cities reports three incidents.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en
from uprising.extract.phrases import phrase_pattern
from uprising.extract.provenance import event_date, places_in
from uprising.geo import PlaceKind, PlaceMention
from uprising.records import Evidence, Incident
from uprising.vocab import IncidentType

__all__ = ["find_incidents"]

_REFERS_BACK = re.compile(r"\bthere\b|\bthe\s+(?:city|town|province|village)\b", re.IGNORECASE)


@cache
def _cue_patterns() -> dict[IncidentType, re.Pattern[str]]:
    return {kind: phrase_pattern(cues) for kind, cues in en.INCIDENT_CUES.items()}


def _cue_starts(analysis: Analysis) -> dict[IncidentType, list[int]]:
    """Where each type's cues start in the document: one pass per type, not per sentence."""
    return {kind: [m.start() for m in pattern.finditer(analysis.text)]
            for kind, pattern in _cue_patterns().items()}


def _types_in(starts: dict[IncidentType, list[int]], sentence: Span) -> list[IncidentType]:
    found = [kind for kind, at in starts.items()
             if bisect_left(at, sentence.start) < bisect_left(at, sentence.end)]
    # a death inside a crackdown is counted by the crackdown; a killing stands alone
    if IncidentType.CRACKDOWN in found and IncidentType.KILLING in found:
        found.remove(IncidentType.KILLING)
    return found


def _where(analysis: Analysis, sentence: Span) -> list[PlaceMention]:
    found = [p for p in places_in(analysis, sentence)
             if p.kind is not PlaceKind.COUNTRY or p.country != "IR"]
    if found or not _REFERS_BACK.search(analysis.text, sentence.start, sentence.end):
        return found
    index = analysis.sentence_index(sentence.start)
    for earlier in reversed(analysis.sentences[:index]):
        back = [p for p in places_in(analysis, earlier) if p.kind is not PlaceKind.COUNTRY]
        if back:
            return back
    return []


def _units(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per city; provinces only when no city of theirs is named."""
    cities = {m.city: m for m in mentions if m.kind is PlaceKind.CITY}
    covered = {m.place for m in cities.values()}
    others = {m.place: m for m in mentions if m.kind is not PlaceKind.CITY
              and m.place not in covered}
    return [*cities.values(), *others.values()]


def find_incidents(analysis: Analysis) -> list[Incident]:
    """One incident per type, place and day reported in the document."""
    text = analysis.text
    seen: set[tuple[IncidentType, str | None, str | None, str | None]] = set()
    incidents: list[Incident] = []
    starts = _cue_starts(analysis)
    for sentence in analysis.sentences:
        kinds = _types_in(starts, sentence)
        if not kinds:
            continue
        places = _units(_where(analysis, sentence))
        if not places:
            continue
        date, date_rule = event_date(analysis, sentence.start, sentence)
        for kind in kinds:
            for place in places:
                code = place.place
                city = place.city if place.kind is PlaceKind.CITY else None
                key = (kind, code, city, date)
                if key in seen:
                    continue
                seen.add(key)
                incidents.append(
                    Incident(
                        type=kind, place=code, city=city, date=date,
                        evidence=Evidence.of(text, sentence.start, sentence.end),
                        rules=(f"incident:cue:{kind.value}", f"place:{place.reason}", date_rule),
                    )
                )
    return incidents
