"""Whose, where and when: the source, place and date of a figure or an incident.

Each looks first in the sentence that holds the evidence, then in the paragraph before it, then
at the document; the rule that decided is returned for `explain`.
"""

from __future__ import annotations

import re

from uprising.dates import DateKind, DateMention
from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en
from uprising.extract.phrases import phrase_pattern
from uprising.geo import PlaceKind, PlaceMention, scope
from uprising.vocab import Measure

__all__ = ["claim_date", "claim_place", "claim_source", "event_date", "places_in"]

_SPEECH_BEFORE = re.compile(
    r"(?:" + "|".join(en.SPEECH_VERBS) + r")\s*(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.IGNORECASE,
)
_RUNNING = phrase_pattern(en.RUNNING_TOTAL_CUES)
_NATIONWIDE = phrase_pattern(en.NATIONWIDE_CUES)
_THERE = re.compile(r"\bthere\b|\bthe\s+(?:city|town|province|region)\b", re.IGNORECASE)


# --- source ------------------------------------------------------------------------------------

def claim_source(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str]:
    """The origin of the figure at `offset`: a source id, or None when the text asserts it."""
    attributing = [s for s in analysis.sources if s.attributes]
    in_sentence = [s for s in attributing if sentence.contains(s.start, s.end)]
    if in_sentence:
        numbers = [n.start for n in analysis.numbers if sentence.contains(n.start, n.end)]
        mention = min(in_sentence, key=lambda s: _distance(s.start, s.end, offset, numbers))
        return _resolve(analysis, mention.start), f"source:sentence:{mention.kind}"
    # carried: the last attributing mention earlier in the same paragraph
    paragraph = analysis.paragraph_index(offset)
    earlier = [s for s in attributing if s.end <= sentence.start
               and analysis.paragraph_index(s.start) == paragraph]
    if earlier:
        return _resolve(analysis, earlier[-1].start), "source:paragraph"
    return None, "source:none"


def _distance(start: int, end: int, offset: int, numbers: list[int]) -> int:
    """How far a source is from a figure, in characters, with penalties for a source after
    the figure ("HRANA said 12 ..." is the usual order) and for other figures between them
    (each figure sits nearest its own source)."""
    if end <= offset:
        between = sum(end <= n < offset for n in numbers)
        return offset - end + 40 * between
    between = sum(offset < n < start for n in numbers)
    return start - offset + 30 + 40 * between


def _resolve(analysis: Analysis, start: int) -> str | None:
    """The id behind the mention at `start`: relays and back-references followed."""
    by_start = {s.start: s for s in analysis.sources}
    mention = by_start[start]
    if mention.relays_to is not None:
        return mention.relays_to
    if mention.kind == "anaphora":
        named = [s for s in analysis.sources if s.kind == "named" and s.end <= mention.start
                 and s.source is not None]
        return named[-1].source if named else None
    return mention.source


# --- place -------------------------------------------------------------------------------------

def places_in(analysis: Analysis, span: Span) -> list[PlaceMention]:
    """Place mentions inside `span`, less a country that a more specific place already covers."""
    found = [p for p in analysis.places if span.contains(p.start, p.end)]
    specific = [p for p in found if p.kind is not PlaceKind.COUNTRY]
    if specific:
        countries = {p.country for p in specific}
        found = [p for p in found if p.kind is not PlaceKind.COUNTRY or p.place not in countries]
    return found


def claim_place(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str | None,
                                                                        str]:
    """Where the counted cases happened: the smallest unit holding the places named with it."""
    text = analysis.text
    found = places_in(analysis, sentence)
    if found:
        place, city = scope(found)
        return place, city, "place:sentence"
    if _NATIONWIDE.search(text, sentence.start, sentence.end):
        return "IR", None, "place:nationwide"
    paragraph = analysis.paragraph_index(offset)
    for earlier in reversed(analysis.sentences[: analysis.sentence_index(offset)]):
        if analysis.paragraph_index(earlier.start) != paragraph:
            break
        found = places_in(analysis, earlier)
        if found:
            place, city = scope(found)
            if _THERE.search(text, sentence.start, sentence.end) or city is None:
                return place, city, "place:paragraph"
            return place, city, "place:paragraph"
    return analysis.extras.get("default_place", "IR"), None, "place:document"


# --- date ----------------------------------------------------------------------------------------

def _usable(analysis: Analysis, mention: DateMention) -> bool:
    """A date right after a speech verb dates the statement, not the events."""
    before = analysis.text[max(0, mention.start - 20) : mention.start]
    return not _SPEECH_BEFORE.search(before)


def event_date(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str]:
    """The day or period the events at `offset` happened on."""
    in_sentence = [d for d in analysis.dates if sentence.contains(d.start, d.end)
                   and d.kind is not DateKind.AS_OF and _usable(analysis, d)]
    if in_sentence:
        nearest = min(in_sentence, key=lambda d: abs(d.start - offset))
        if nearest.kind is DateKind.SINCE and analysis.published is not None:
            return analysis.published.isoformat(), "date:since"
        return nearest.value.to_contract(), f"date:sentence:{nearest.kind.value}"
    paragraph = analysis.paragraph_index(offset)
    earlier = [d for d in analysis.dates if d.end <= sentence.start
               and analysis.paragraph_index(d.start) == paragraph
               and d.kind not in (DateKind.AS_OF, DateKind.SINCE) and _usable(analysis, d)]
    if earlier:
        return earlier[-1].value.to_contract(), "date:paragraph"
    if analysis.published is not None:
        return analysis.published.isoformat(), "date:published"
    return None, "date:none"


def claim_date(
    analysis: Analysis, offset: int, sentence: Span, measure: Measure
) -> tuple[str | None, str]:
    """A running total takes its as-of date; a figure tied to a day or period takes that."""
    text = analysis.text
    paragraph = analysis.paragraph_index(offset)
    as_of = [d for d in analysis.dates if d.kind is DateKind.AS_OF
             and analysis.paragraph_index(d.start) == paragraph]
    in_sentence_as_of = [d for d in as_of if sentence.contains(d.start, d.end)]
    if in_sentence_as_of:
        return in_sentence_as_of[0].value.end.isoformat(), "date:as-of"
    running = bool(_RUNNING.search(text, sentence.start, sentence.end))
    tied = [d for d in analysis.dates if sentence.contains(d.start, d.end)
            and d.kind not in (DateKind.AS_OF, DateKind.SINCE) and _usable(analysis, d)]
    if running and not tied:
        if as_of:
            return as_of[0].value.end.isoformat(), "date:as-of:paragraph"
        if analysis.published is not None:
            return analysis.published.isoformat(), "date:running-total"
    return event_date(analysis, offset, sentence)
