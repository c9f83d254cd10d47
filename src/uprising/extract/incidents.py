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

from uprising.dates import DateKind
from uprising.extract import language
from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en, fa
from uprising.extract.phrases import phrase_pattern
from uprising.extract.provenance import event_date, places_in
from uprising.geo import PlaceKind, PlaceMention
from uprising.records import Incident
from uprising.vocab import IncidentType

__all__ = ["find_incidents"]

_FORCES = {"en": phrase_pattern(en.SECURITY_FORCE_ACTORS),
           "fa": phrase_pattern(fa.SECURITY_FORCE_ACTORS)}
_REFERS_BACK = {
    "en": re.compile(r"\bthere\b|\bthe\s+(?:city|town|province|village)\b", re.IGNORECASE),
    "fa": re.compile(r"(?<![\u0621-\u06D5])(?:این|همین|آن)\s+(?:شهر|استان|روستا|منطقه)"
                     r"(?![\u0621-\u06D5])|(?<![\u0621-\u06D5])آنجا(?![\u0621-\u06D5])"),
}


@cache
def _cue_patterns(lang: str) -> dict[IncidentType, re.Pattern[str]]:
    """One pattern per incident type from the language's cue words (`lang.en`, `lang.fa`)."""
    data = language.language_data(lang)
    return {kind: phrase_pattern(cues) for kind, cues in data.INCIDENT_CUES.items()}


def _cue_starts(analysis: Analysis) -> dict[IncidentType, list[int]]:
    """Where each type's cues start in the document: one pass per type, not per sentence."""
    lang = language.language_of(analysis)
    patterns = _cue_patterns(lang)
    text = analysis.text
    if lang != "en":
        return {kind: [m.start() for m in pattern.finditer(text)]
                for kind, pattern in patterns.items()}
    return {kind: [m.start() for m in pattern.finditer(text)
                   if not _NOT_AFTER.match(text, m.end())
                   and not _NOT_BEFORE.search(text, max(0, m.start() - 30), m.start())]
            for kind, pattern in patterns.items()}


def _types_in(
    analysis: Analysis, starts: dict[IncidentType, list[int]], sentence: Span
) -> list[IncidentType]:
    found = [kind for kind, at in starts.items()
             if bisect_left(at, sentence.start) < bisect_left(at, sentence.end)]
    forces = _FORCES[language.language_of(analysis)]
    if IncidentType.KILLING in found and forces.search(analysis.text, sentence.start,
                                                       sentence.end):
        # killed by security forces: force used against people, a crackdown
        found.remove(IncidentType.KILLING)
        if IncidentType.CRACKDOWN not in found:
            found.append(IncidentType.CRACKDOWN)
    # a death inside a crackdown or an armed assault is counted by it; a killing stands alone
    if IncidentType.KILLING in found and (IncidentType.CRACKDOWN in found
                                          or IncidentType.MILITARY_ATTACK in found):
        found.remove(IncidentType.KILLING)
    return found


def _where(analysis: Analysis, sentence: Span) -> list[PlaceMention]:
    found = [p for p in places_in(analysis, sentence)
             if p.kind is not PlaceKind.COUNTRY or p.country != "IR"]
    if found:
        return found
    # no place of its own: the place the paragraph was last about ("Police fired tear gas to
    # disperse them"), or the one "there" / "the town" points back to
    refers_back = _REFERS_BACK[language.language_of(analysis)].search(
        analysis.text, sentence.start, sentence.end)
    index = analysis.sentence_index(sentence.start)
    paragraph = analysis.paragraph_index(sentence.start)
    for earlier in reversed(analysis.sentences[:index]):
        if not refers_back and analysis.paragraph_index(earlier.start) != paragraph:
            break
        back = [p for p in places_in(analysis, earlier) if p.kind is not PlaceKind.COUNTRY]
        if back:
            return back[-1:] if refers_back else back
    return []


def _units(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per city; provinces only when no city of theirs is named."""
    cities = {m.city: m for m in mentions if m.kind is PlaceKind.CITY}
    covered = {m.place for m in cities.values()}
    others = {m.place: m for m in mentions if m.kind is not PlaceKind.CITY
              and m.place not in covered}
    return [*cities.values(), *others.values()]


_NOT_AFTER = re.compile(r"\s+" + phrase_pattern(en.NOT_AN_EVENT_AFTER).pattern, re.IGNORECASE)
_NOT_BEFORE = re.compile(phrase_pattern(en.NOT_AN_EVENT_BEFORE).pattern + r"\s+$", re.IGNORECASE)
_TALLY = phrase_pattern(("have been", "has been", "so far", "to date", "in total"))


def _is_tally(analysis: Analysis, sentence: Span) -> bool:
    """A sentence that sums up many events (a running total) reports no single event."""
    if language.language_of(analysis) == "en" and _TALLY.search(analysis.text, sentence.start,
                                                                sentence.end):
        return True
    return any(d.kind is DateKind.SINCE and sentence.contains(d.start, d.end)
               for d in analysis.dates)


def find_incidents(analysis: Analysis) -> list[Incident]:
    """One incident per type, place and day reported in the document."""
    seen: set[tuple[IncidentType, str | None, str | None, str | None]] = set()
    incidents: list[Incident] = []
    starts = _cue_starts(analysis)
    headline = analysis.headline
    for sentence in analysis.sentences:
        if headline is not None and headline.contains(sentence.start, sentence.end):
            continue  # a headline restates what the body reports
        if _is_tally(analysis, sentence):
            continue  # "HRANA has recorded 8 deaths since the protests began": a count
        kinds = _types_in(analysis, starts, sentence)
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
                        evidence=language.evidence(analysis, sentence.start, sentence.end),
                        rules=(f"incident:cue:{kind.value}", f"place:{place.reason}", date_rule),
                    )
                )
    return incidents
