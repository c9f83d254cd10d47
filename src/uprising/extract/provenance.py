"""Whose, where and when: the source, place and date of a figure or an incident.

Each looks first in the sentence that holds the evidence, then in the paragraph before it, then
at the document; the rule that decided is returned for `explain`.
"""

from __future__ import annotations

import datetime as dt
import re

from uprising.dates import DateKind, DateMention, DateValue, Precision
from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en
from uprising.extract.phrases import phrase_pattern
from uprising.extract.sources import fits_head
from uprising.geo import PlaceKind, PlaceMention, scope
from uprising.vocab import Measure

__all__ = ["claim_date", "claim_place", "claim_source", "event_date", "places_in"]

_SPEECH_BEFORE = re.compile(
    r"(?:" + "|".join(en.SPEECH_VERBS) + r")\s*(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.IGNORECASE,
)
_RUNNING = phrase_pattern(en.RUNNING_TOTAL_CUES)
_NATIONWIDE = phrase_pattern(en.NATIONWIDE_CUES)
_NATIONAL_SCOPE = phrase_pattern(en.NATIONAL_SCOPE_CUES)
_STRONG_RUNNING = phrase_pattern(en.STRONG_RUNNING_TOTAL_CUES)
_PRESENT_TOTAL = phrase_pattern(en.PRESENT_TOTAL_CUES)
_LOCAL_BACK = phrase_pattern(en.LOCAL_REFERENCES)
_BREAKS_DOWN = re.compile(r"[\w,.]+\s+(?:of\s+(?:them|whom|those))\b", re.IGNORECASE)
_BREAKDOWN_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+\S*\s*$",
                               re.IGNORECASE)
_ORIGIN_BEFORE = re.compile(
    r"(?:began|begun|started|erupted|broke\s+out|sparked|since)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# --- source ------------------------------------------------------------------------------------

def claim_source(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str]:
    """The origin of the figure at `offset`: a source id, or None when the text asserts it."""
    attributing = [s for s in analysis.sources if s.attributes]
    # a source named after a semicolon does not reach back over it
    in_sentence = [s for s in attributing if sentence.contains(s.start, s.end)
                   and not (s.start > offset and ";" in analysis.text[offset : s.start])]
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
        head = analysis.text[mention.start : mention.end].split()[-1].lower().rstrip("'’s")
        fitting = [s for s in named if s.source and fits_head(s.source, head)]
        chosen = fitting or named
        return chosen[-1].source if chosen else None
    return mention.source


# --- place -------------------------------------------------------------------------------------

def places_in(analysis: Analysis, span: Span) -> list[PlaceMention]:
    """Place mentions inside `span`, less a country that a more specific place already covers."""
    found = [p for p in analysis.places if span.contains(p.start, p.end)]
    specific = [p for p in found if p.kind is not PlaceKind.COUNTRY or p.place != "IR"]
    if specific:
        # "Iran" beside a named place is the subject of the story ("Iran's Guards struck bases
        # in Iraq", "Berlin rally for Iran"), not where the counted cases are
        countries = {p.country for p in specific if p.kind is not PlaceKind.COUNTRY}
        found = [p for p in specific if p.kind is not PlaceKind.COUNTRY
                 or p.place not in countries]
    return found


_CLAUSE_BREAK = re.compile(r"[;,،؛]\s|\s(?:while|whereas|but|and\s+that)\s", re.IGNORECASE)


def clause_at(
    text: str, offset: int, sentence: Span, breaks: re.Pattern[str] = _CLAUSE_BREAK
) -> Span:
    """The clause of `sentence` that holds `offset`, cut at commas, semicolons and "while"
    (or at the language's own `breaks`)."""
    start, end = sentence.start, sentence.end
    for match in breaks.finditer(text, sentence.start, sentence.end):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return Span(start, end)


def claim_place(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str | None,
                                                                        str]:
    """Where the counted cases happened: the smallest unit holding the places named with it.

    The clause of the figure first ("some 14 in Lorestan"), then its sentence, then
    the paragraph before it, then the one province the whole document is about, if any.
    """
    text = analysis.text
    own = clause_at(text, offset, sentence)
    if _BREAKS_DOWN.match(text, offset) or _BREAKDOWN_BEFORE.search(text, own.start, offset):
        # "8 injured in Saqqez, 2 of them seriously": a breakdown shares its total's place
        own = Span(clause_at(text, max(sentence.start, own.start - 2), sentence).start, own.end)
    clause = [p for p in places_in(analysis, own)
              if p.kind is not PlaceKind.COUNTRY or p.place != "IR"]
    if clause:
        place, city = scope(clause)
        if place is not None:
            return place, city, "place:clause"
    if _NATIONAL_SCOPE.search(text, own.start, own.end):
        return "IR", None, "place:national-scope"
    found = [p for p in places_in(analysis, sentence)
             if not _belongs_to_other_figure(analysis, p.start, offset, sentence)]
    if found:
        place, city = scope(found)
        if place is not None:
            return place, city, "place:sentence"
    if _NATIONWIDE.search(text, sentence.start, sentence.end):
        return "IR", None, "place:nationwide"
    if _national_total(analysis, offset, sentence):
        return "IR", None, "place:national-total"
    paragraph = analysis.paragraph_index(offset)
    for earlier in reversed(analysis.sentences[: analysis.sentence_index(offset)]):
        if analysis.paragraph_index(earlier.start) != paragraph:
            break
        found = places_in(analysis, earlier)
        if found:
            place, city = scope(found)
            return place, city, "place:paragraph"
    return document_focus(analysis), None, "place:document"


def _national_total(analysis: Analysis, offset: int, sentence: Span) -> bool:
    """A sourced running total with no place of its own ("HRANA said 18,000 have been
    arrested since September") counts the whole country, whatever place the story is about."""
    text = analysis.text
    if _LOCAL_BACK.search(text, sentence.start, sentence.end):
        return False  # "in the town since Friday": a local count, however sourced
    running = _PRESENT_TOTAL.search(text, sentence.start, sentence.end) or any(
        sentence.contains(d.start, d.end) and _long_running(analysis, d) for d in analysis.dates
    )
    return bool(running) and claim_source(analysis, offset, sentence)[0] is not None


def _long_running(analysis: Analysis, mention: DateMention) -> bool:
    """"as of 29 November", "since September": a tally's date, not "by Monday morning"."""
    if mention.kind is DateKind.AS_OF:
        return analysis.text[mention.start : mention.start + 2].lower() == "as"
    if mention.kind is DateKind.SINCE and analysis.published is not None:
        return (analysis.published - mention.value.start).days >= 21
    return False


def _focus_of(analysis: Analysis, places: list[PlaceMention]) -> str:
    """One province, or one foreign country where no Iranian place is named, else IR."""
    specific = [p for p in places if p.kind is not PlaceKind.COUNTRY]
    provinces = {p.place for p in specific if p.country == "IR"}
    abroad = {p.country for p in specific if p.country != "IR"}
    if len(provinces) == 1 and not abroad:
        return next(iter(provinces))
    if len(abroad) == 1 and not provinces:
        return next(iter(abroad))  # a rally abroad, strikes across the border
    return "IR"


def _lead_places(analysis: Analysis) -> list[PlaceMention]:
    """Places of the headline and the first paragraph that names any: what the story is about."""
    lead = analysis.paragraphs[:2] if analysis.headline else analysis.paragraphs[:1]
    return [p for p in analysis.places if p.kind is not PlaceKind.COUNTRY
            and any(part.contains(p.start, p.end) for part in lead)]


def _belongs_to_other_figure(analysis: Analysis, at: int, offset: int, sentence: Span) -> bool:
    """Whether the place at `at` sits in a clause that holds another figure than `offset`'s."""
    clause = clause_at(analysis.text, at, sentence)
    if clause.contains(offset, offset + 1):
        return False
    return any(clause.contains(n.start, n.end) and n.kind.value == "count"
               for n in analysis.numbers)


def document_focus(analysis: Analysis) -> str:
    """The one Iranian province every place of the document lies in, else the country."""
    cached = analysis.extras.get("document_focus")
    if isinstance(cached, str):
        return cached
    focus = _focus_of(analysis, analysis.places)
    lead = _lead_places(analysis)
    if lead:
        focus = _focus_of(analysis, lead)
    analysis.extras["document_focus"] = focus
    return focus


# --- date ----------------------------------------------------------------------------------------

def _usable(analysis: Analysis, mention: DateMention) -> bool:
    """Whether a date can date events: not a statement's day ("said on Saturday"), not the
    start of the uprising ("protests that began in mid-September"), not a future plan."""
    if mention.kind is DateKind.AS_OF:
        return False
    before = analysis.text[max(0, mention.start - 30) : mention.start]
    if _SPEECH_BEFORE.search(before) or _ORIGIN_BEFORE.search(before):
        return False
    if _FUTURE_BEFORE.search(before):
        return False  # "trials would begin this week"
    published = analysis.published
    return published is None or mention.value.start <= published


def _event_dates(analysis: Analysis, span: Span) -> list[DateMention]:
    dated = [d for d in analysis.dates if span.contains(d.start, d.end) and _usable(analysis, d)]
    dated += [d for d in _ordinal_weeks(analysis) if span.contains(d.start, d.end)]
    return sorted(dated, key=lambda d: d.start)


def _ordinal_weeks(analysis: Analysis) -> list[DateMention]:
    """"the sixth week since the uprising began on September 16": a period counted from the
    day named after it."""
    cached: list[DateMention] | None = analysis.extras.get("ordinal_weeks")
    if cached is not None:
        return cached
    found: list[DateMention] = []
    text = analysis.text
    ordinals = {n.start: n for n in analysis.numbers if n.kind.value == "ordinal"}
    for match in _ORDINAL_WEEK.finditer(text):
        number = ordinals.get(match.start("ordinal"))
        if number is None or not number.low or number.low > 60:
            continue
        origin = next((d for d in analysis.dates if match.end() <= d.start < match.end() + 60
                       and d.value.start == d.value.end), None)
        if origin is None:
            continue
        first = origin.value.start + dt.timedelta(days=7 * (number.low - 1))
        value = DateValue(start=first, end=first + dt.timedelta(days=6),
                          precision=Precision.PERIOD)
        found.append(DateMention(start=match.start(), end=origin.end, value=value,
                                 kind=DateKind.PERIOD, rule="ordinal-week"))
    analysis.extras["ordinal_weeks"] = found
    return found


def _as_contract(analysis: Analysis, mention: DateMention) -> str | None:
    """A date's contract value; "since X" dates a running total, valid on publication."""
    if mention.kind is DateKind.SINCE:
        return analysis.published.isoformat() if analysis.published else None
    return mention.value.to_contract()


def lead_date(analysis: Analysis) -> DateMention | None:
    """The first event date of the headline and first paragraph: when the story happened."""
    cached = analysis.extras.get("lead_date", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    lead = analysis.paragraphs[:2] if analysis.headline else analysis.paragraphs[:1]
    found = [d for part in lead for d in _event_dates(analysis, part)
             if d.kind is not DateKind.SINCE and not _in_dateline(analysis.text, d.start)]
    analysis.extras["lead_date"] = found[0] if found else None
    return found[0] if found else None


_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|is\s+due\s+to|are\s+due\s+to|due\s+to|set\s+to|plans?\s+to|"
    r"scheduled\s+to|expected\s+to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_ORDINAL_WEEK = re.compile(
    r"(?P<ordinal>[\w-]+)\s+week\s+(?:since|after|of)\b", re.IGNORECASE)
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'-]+,\s*$")


def _in_dateline(text: str, start: int) -> bool:
    """"DUBAI, Oct 3 (Wire) -": the filing date of the dateline, not a day of events."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_BEFORE.fullmatch(text, line_start, start))


def event_date(analysis: Analysis, offset: int, sentence: Span) -> tuple[str | None, str]:
    """The day or period the events at `offset` happened on.

    The figure's clause first, then its sentence, then the paragraph before it, then the day
    the story's lead is about, and only then the publication date.
    """
    clause = _event_dates(analysis, clause_at(analysis.text, offset, sentence))
    in_sentence = clause or _event_dates(analysis, sentence)
    if in_sentence:
        nearest = min(in_sentence, key=lambda d: abs(d.start - offset))
        return _as_contract(analysis, nearest), f"date:sentence:{nearest.kind.value}"
    paragraph = analysis.paragraph_index(offset)
    earlier = [d for d in analysis.dates if d.end <= sentence.start
               and analysis.paragraph_index(d.start) == paragraph
               and d.kind is not DateKind.SINCE and _usable(analysis, d)]
    if earlier:
        return earlier[-1].value.to_contract(), "date:paragraph"
    lead = lead_date(analysis)
    if lead is not None:
        return lead.value.to_contract(), "date:lead"
    if analysis.published is not None:
        return analysis.published.isoformat(), "date:published"
    return None, "date:none"


def claim_date(
    analysis: Analysis, offset: int, sentence: Span, measure: Measure, place: str | None = None
) -> tuple[str | None, str]:
    """A running total takes its as-of date; a figure tied to a day or period takes that.

    Order: an as-of date in the figure's clause; a day in its clause; for a running total
    ("the toll stood at", "so far"), the as-of date of the sentence or paragraph, else the
    publication; a day elsewhere in the sentence; then as for any event. Past-perfect
    reporting ("had been arrested") makes a running total only of a national figure: of one
    city it narrates an event.
    """
    text = analysis.text
    paragraph = analysis.paragraph_index(offset)
    clause = clause_at(text, offset, sentence)
    as_of = [d for d in analysis.dates if d.kind is DateKind.AS_OF
             and analysis.paragraph_index(d.start) == paragraph]
    clause_as_of = [d for d in as_of if clause.contains(d.start, d.end)]
    if clause_as_of:
        return clause_as_of[0].value.end.isoformat(), "date:as-of"
    own = _event_dates(analysis, clause)
    if own:
        nearest = min(own, key=lambda d: abs(d.start - offset))
        return _as_contract(analysis, nearest), f"date:clause:{nearest.kind.value}"
    sentence_as_of = [d for d in as_of if sentence.contains(d.start, d.end)]
    strong = bool(_STRONG_RUNNING.search(text, sentence.start, sentence.end))
    national = place is None or "-" not in place
    running = strong or (national and bool(_RUNNING.search(text, sentence.start, sentence.end)))
    tied = _event_dates(analysis, sentence)
    if strong or (running and not tied):
        chosen = sentence_as_of or as_of
        if chosen:
            return chosen[0].value.end.isoformat(), "date:as-of:running-total"
        if not tied and analysis.published is not None:
            return analysis.published.isoformat(), "date:running-total"
    return event_date(analysis, offset, sentence)
