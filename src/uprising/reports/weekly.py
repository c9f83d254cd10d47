"""The weekly report as data: figures per source, places, people, conflicts, and their footnotes.

Pure: takes figures, incidents and persons, returns a `WeeklyReport`; rendering to Markdown, HTML
and PDF is separate, so every format says the same thing. The report also carries what its charts
draw (figures over time, incidents per day, provinces ranked), computed once here.

Footnotes are one per cited document, each listing the passages the report quotes from it; a
reference names the footnote and the passage ("12b": document 12, its second passage; "12" when
the document gives one passage). A week's report cites a few hundred documents but over a thousand
passages, and one note per document keeps the page light enough to print quickly while every
figure, place and person still points at its document and exact quote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from uprising.analysis.merge import IncidentSeen, PersonSeen
from uprising.analysis.series import (
    DayCount,
    IncidentFact,
    PlaceCount,
    Series,
    figure_series,
    incidents_per_day,
    places_ranked,
)
from uprising.analysis.tally import Figure, TallyRow, build_tally
from uprising.vocab import Fate, IncidentType, Measure, Subject

__all__ = [
    "CHART_MEASURES",
    "UPRISING_START",
    "Conflict",
    "Footnote",
    "IncidentSeen",
    "Passage",
    "PersonLine",
    "PersonSeen",
    "PlaceLine",
    "Ref",
    "WeeklyReport",
    "build_weekly_report",
    "passage_letter",
    "period_title",
    "week_bounds",
    "week_of",
]

# Week 1 of the uprising begins the day Mahsa Amini's death was announced.
UPRISING_START = dt.date(2022, 9, 16)


def week_bounds(week: int) -> tuple[dt.date, dt.date]:
    """First and last day of week `week` (1-based) of the uprising."""
    if week < 1:
        raise ValueError(f"week must be 1 or more, not {week}")
    start = UPRISING_START + dt.timedelta(days=7 * (week - 1))
    return start, start + dt.timedelta(days=6)


def week_of(day: dt.date) -> int:
    """The week of the uprising that `day` falls in (days before it count as week 1)."""
    return max(1, (day - UPRISING_START).days // 7 + 1)


# The measures whose running figures are charted, in this order, when a source gives them.
CHART_MEASURES = (Measure.KILLED, Measure.ARRESTED, Measure.SENTENCED_TO_DEATH)


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """One quoted span of a cited document: the exact quote and its offsets in the text."""

    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Footnote:
    """A cited document: publisher, date, and the passages quoted from it, in citing order."""

    number: int
    document_id: str
    publisher: str | None
    published: dt.date | None
    passages: tuple[Passage, ...]

    def label(self, passage: int) -> str:
        """ "12" for a document with one passage, else "12b" for its second (0-based 1)."""
        if len(self.passages) == 1:
            return str(self.number)
        return f"{self.number}{passage_letter(passage)}"


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Ref:
    """Where an item of the report was read: footnote `number`, its passage `passage` (0-based)."""

    number: int
    passage: int


def passage_letter(index: int) -> str:
    """a, b, ... z, aa, ab ...: the letter of a footnote's passage (`index` is 0-based)."""
    if index < 0:
        raise ValueError(f"passage index must be 0 or more, not {index}")
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceLine:
    """A province and the cities in it with incidents this week, with their footnotes."""

    province: str  # ISO code
    cities: tuple[str, ...]
    types: tuple[IncidentType, ...]
    footnotes: tuple[Ref, ...]
    city_notes: tuple[tuple[str, tuple[Ref, ...]], ...] = ()  # city -> its own references

    @property
    def province_notes(self) -> tuple[Ref, ...]:
        """Footnotes of incidents placed in the province but in no named city."""
        in_cities = {n for _, notes in self.city_notes for n in notes}
        return tuple(n for n in self.footnotes if n not in in_cities)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonLine:
    """A named person reported in the period, with every fate the reports give and their notes."""

    name: str
    age: int | None
    fates: tuple[Fate, ...]
    place: str | None
    city: str | None
    footnotes: tuple[Ref, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Sources that give different figures for one measure and subject, to show side by side.

    `contradictory` is set when two sources' figures for nearly the same day leave no number both
    allow (an exact 300 against "at least 400"); otherwise the figures differ but could all be
    true (they are as of different days, or their bounds overlap).
    """

    row: TallyRow
    contradictory: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class WeeklyReport:
    week: int | None
    start: dt.date
    end: dt.date
    tally: tuple[TallyRow, ...]
    tally_notes: dict[tuple[str, str | None, str], Ref]  # (measure, subject, source) -> ref
    places: tuple[PlaceLine, ...]
    footnotes: tuple[Footnote, ...]
    persons: tuple[PersonLine, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    series: tuple[tuple[Series, ...], ...] = ()  # per charted measure, one line per source
    daily: tuple[DayCount, ...] = ()
    ranked: tuple[PlaceCount, ...] = ()

    @property
    def title(self) -> str:
        return period_title(self.week, self.start, self.end)

    def note_for(self, row: TallyRow, figure: Figure) -> Ref:
        """The reference of one figure of the tally."""
        return self.tally_notes[(row.measure.value, row.subject.value if row.subject else None,
                                 figure.source)]

    def label(self, ref: Ref) -> str:
        """How a reference is written: "12", or "12b" for a document's second passage."""
        return self.footnotes[ref.number - 1].label(ref.passage)

    def grouped(self, refs: Iterable[Ref]) -> list[tuple[int, str]]:
        """References gathered per footnote, in first-cited order: (number, "12a,c") pairs.

        A city reported by two passages of one document gets one mark, not two.
        """
        passages: dict[int, list[int]] = {}
        for ref in refs:
            held = passages.setdefault(ref.number, [])
            if ref.passage not in held:
                held.append(ref.passage)
        result = []
        for number, indexes in passages.items():
            note = self.footnotes[number - 1]
            text = (str(number) if len(note.passages) == 1 else
                    f"{number}{','.join(passage_letter(i) for i in sorted(indexes))}")
            result.append((number, text))
        return result

    def headline(self, measure: Measure, subject: Subject | None = Subject.PEOPLE) -> list[
            tuple[Figure, Ref]]:
        """Each source's latest figure for `measure` with its footnote, largest first."""
        for row in self.tally:
            if row.measure is measure and row.subject == subject:
                figs = sorted(row.figures, key=lambda f: -(f.claim.low or f.claim.high or 0))
                return [(f, self.note_for(row, f)) for f in figs]
        return []

    @property
    def city_count(self) -> int:
        return len({c for line in self.places for c in line.cities})

    @property
    def province_count(self) -> int:
        return len({line.province for line in self.places if line.province.startswith("IR-")})


def period_title(week: int | None, start: dt.date, end: dt.date) -> str:
    """ "Week 9 of the uprising: 11 November 2022 – 17 November 2022", or the period alone."""
    name = f"Week {week} of the uprising" if week is not None else "Report"
    return f"{name}: {start:%d %B %Y} – {end:%d %B %Y}"


def build_weekly_report(
    figures: Iterable[Figure],
    incidents: Iterable[IncidentSeen],
    *,
    start: dt.date,
    end: dt.date,
    week: int | None = None,
    persons: Iterable[PersonSeen] = (),
) -> WeeklyReport:
    """Figures per source as of `end`; places, incidents and people from `start` to `end`.

    Footnotes are one per document, numbered in reading order (the tally's figures, then
    places, then people); a document's passages are lettered in the order they are first cited.

    Raises:
        ValueError: `end` is before `start`.
    """
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    figures = list(figures)
    cited = _Citations()
    cite = cited.cite

    tally = build_tally(figures, until=end)
    tally_notes: dict[tuple[str, str | None, str], Ref] = {}
    for row in tally:
        for fig in row.figures:
            ev = fig.claim.evidence
            tally_notes[(row.measure.value, row.subject.value if row.subject else None,
                         fig.source)] = cite(fig.document_id, fig.publisher, fig.published,
                                             ev.quote, ev.start, ev.end)

    by_province: dict[str, _PlaceAccumulator] = {}
    facts: list[IncidentFact] = []
    for seen in incidents:
        inc = seen.incident
        day = _first_day(inc.date) or seen.published
        if day is None:
            continue
        facts.append(IncidentFact(day=day, type=inc.type, place=inc.place, city=inc.city))
        if not start <= day <= end or inc.place is None or not inc.place.startswith("IR"):
            continue
        acc = by_province.setdefault(inc.place, _PlaceAccumulator())
        ev = inc.evidence
        ref = cite(seen.document_id, seen.publisher, seen.published, ev.quote, ev.start, ev.end)
        if inc.city:
            acc.cities.setdefault(inc.city, set()).add(ref)
        acc.types.add(inc.type)
        acc.notes.add(ref)
    places = tuple(
        PlaceLine(province=code, cities=tuple(sorted(acc.cities)), types=tuple(sorted(acc.types)),
                  footnotes=tuple(sorted(acc.notes)),
                  city_notes=tuple((city, tuple(sorted(n))) for city, n
                                   in sorted(acc.cities.items())))
        for code, acc in sorted(by_province.items())
    )
    people = _person_lines(persons, start, end, cite)
    return WeeklyReport(
        week=week, start=start, end=end, tally=tuple(tally), tally_notes=tally_notes,
        places=places, footnotes=cited.footnotes(), persons=people,
        conflicts=tuple(_conflicts(tally)),
        series=tuple(tuple(s) for s in (figure_series(figures, measure=m, until=end)
                                        for m in CHART_MEASURES) if s),
        daily=tuple(incidents_per_day(facts, start=start, end=end)),
        ranked=tuple(places_ranked(facts, start=start, end=end)),
    )


class _Citations:
    """Footnotes being collected: one per document, its passages in the order first cited."""

    __slots__ = ("_notes", "_passages")

    def __init__(self) -> None:
        # document id -> (number, publisher, published)
        self._notes: dict[str, tuple[int, str | None, dt.date | None]] = {}
        # document id -> (start, end) -> (passage index, passage)
        self._passages: dict[str, dict[tuple[int, int], tuple[int, Passage]]] = {}

    def cite(self, document_id: str, publisher: str | None, published: dt.date | None,
             quote: str, start: int, end: int) -> Ref:
        """The reference of one quoted span, opening the document's footnote when first cited."""
        if document_id not in self._notes:
            self._notes[document_id] = (len(self._notes) + 1, publisher, published)
            self._passages[document_id] = {}
        passages = self._passages[document_id]
        found = passages.get((start, end))
        if found is None:
            found = passages[(start, end)] = (len(passages),
                                              Passage(quote=quote, start=start, end=end))
        return Ref(number=self._notes[document_id][0], passage=found[0])

    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(
            Footnote(number=number, document_id=doc, publisher=publisher, published=published,
                     passages=tuple(p for _, p in self._passages[doc].values()))
            for doc, (number, publisher, published) in self._notes.items()
        )


@dataclass(slots=True)
class _PlaceAccumulator:
    cities: dict[str, set[Ref]] = field(default_factory=dict)
    types: set[IncidentType] = field(default_factory=set)
    notes: set[Ref] = field(default_factory=set)


@dataclass(slots=True)
class _PersonAccumulator:
    name: str
    age: int | None = None
    fates: set[Fate] = field(default_factory=set)
    place: str | None = None
    city: str | None = None
    notes: set[Ref] = field(default_factory=set)


# cite(document_id, publisher, published, quote, start, end) -> its reference
_CiteFn = Callable[[str, str | None, dt.date | None, str, int, int], Ref]


def _person_lines(persons: Iterable[PersonSeen], start: dt.date, end: dt.date,
                  cite: _CiteFn) -> tuple[PersonLine, ...]:
    """People named in the period's reports (or whose fate is dated in it), one line a name."""
    found: dict[str, _PersonAccumulator] = {}
    for seen in persons:
        person = seen.person
        day = _first_day(person.date)
        in_period = ((day is not None and start <= day <= end)
                     or (seen.published is not None and start <= seen.published <= end))
        if not in_period:
            continue
        key = " ".join(person.name.casefold().split())
        acc = found.setdefault(key, _PersonAccumulator(name=person.name))
        acc.age = acc.age if acc.age is not None else person.age
        acc.place = acc.place or person.place
        acc.city = acc.city or person.city
        acc.fates.update(person.fates)
        ev = person.evidence
        acc.notes.add(cite(seen.document_id, seen.publisher, seen.published, ev.quote,
                           ev.start, ev.end))
    order = list(Fate)
    return tuple(
        PersonLine(name=acc.name, age=acc.age, place=acc.place, city=acc.city,
                   fates=tuple(sorted(acc.fates, key=order.index)),
                   footnotes=tuple(sorted(acc.notes)))
        for acc in sorted(found.values(), key=lambda a: a.name.casefold())
    )


def _conflicts(tally: Sequence[TallyRow]) -> list[Conflict]:
    """Rows where sources give different figures.

    Running totals grow, so figures as of different days may all be right; a row is
    contradictory only when two sources' figures as of days at most `_SAME_DAYS` apart leave
    no number that both allow.
    """
    result = []
    for row in tally:
        shown = {(f.claim.low, f.claim.high) for f in row.figures}
        if len(row.figures) < 2 or len(shown) < 2:
            continue
        clash = any(
            _disjoint(a, b)
            for i, a in enumerate(row.figures) for b in row.figures[i + 1:]
            if a.as_of and b.as_of and abs((a.as_of - b.as_of).days) <= _SAME_DAYS
        )
        result.append(Conflict(row=row, contradictory=clash))
    return result


_SAME_DAYS = 3


def _disjoint(a: Figure, b: Figure) -> bool:
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return max(low_a, low_b) > min(high_a, high_b)


def _bounds(fig: Figure) -> tuple[float, float]:
    """The numbers a figure allows: "at least 300" is 300 and up, "300" is 300 alone."""
    low, high = fig.claim.low, fig.claim.high
    qualifier = fig.claim.qualifier.value
    if qualifier in ("at_least", "more_than", "vague"):
        return float(low or 0), float("inf")
    if qualifier in ("at_most", "less_than"):
        return 0.0, float(high if high is not None else "inf")
    if qualifier == "about" and low is not None:
        return low * 0.9, (high or low) * 1.1
    lo = low if low is not None else high
    hi = high if high is not None else low
    return float(lo or 0), float(hi if hi is not None else "inf")


def _first_day(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date.split("/")[0]) if date else None
