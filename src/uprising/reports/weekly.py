"""The weekly report as data: figures per source, places with incidents, and their footnotes.

Pure: takes figures and incidents, returns a `WeeklyReport`; rendering to Markdown (and later
HTML and PDF) is separate, so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from uprising.analysis.tally import Figure, TallyRow, build_tally
from uprising.records import Incident
from uprising.vocab import IncidentType

__all__ = [
    "UPRISING_START",
    "Footnote",
    "IncidentSeen",
    "PlaceLine",
    "WeeklyReport",
    "build_weekly_report",
    "week_bounds",
]

# Week 1 of the uprising begins the day Mahsa Amini's death was announced.
UPRISING_START = dt.date(2022, 9, 16)


def week_bounds(week: int) -> tuple[dt.date, dt.date]:
    """First and last day of week `week` (1-based) of the uprising."""
    if week < 1:
        raise ValueError(f"week must be 1 or more, not {week}")
    start = UPRISING_START + dt.timedelta(days=7 * (week - 1))
    return start, start + dt.timedelta(days=6)


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentSeen:
    """An incident with the document that reported it."""

    incident: Incident
    document_id: str
    published: dt.date | None
    publisher: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Footnote:
    """Where a figure or incident was read: the document, its date and the exact quote."""

    number: int
    document_id: str
    publisher: str | None
    published: dt.date | None
    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceLine:
    """A province and the cities in it with incidents this week, with their footnotes."""

    province: str  # ISO code
    cities: tuple[str, ...]
    types: tuple[IncidentType, ...]
    footnotes: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class WeeklyReport:
    week: int | None
    start: dt.date
    end: dt.date
    tally: tuple[TallyRow, ...]
    tally_notes: dict[tuple[str, str | None, str], int]  # (measure, subject, source) -> footnote
    places: tuple[PlaceLine, ...]
    footnotes: tuple[Footnote, ...]

    @property
    def city_count(self) -> int:
        return len({c for line in self.places for c in line.cities})

    @property
    def province_count(self) -> int:
        return len({line.province for line in self.places if line.province.startswith("IR-")})


def build_weekly_report(
    figures: Iterable[Figure],
    incidents: Iterable[IncidentSeen],
    *,
    start: dt.date,
    end: dt.date,
    week: int | None = None,
) -> WeeklyReport:
    """Figures per source as of `end`, and the places with incidents from `start` to `end`."""
    notes: list[Footnote] = []
    keyed: dict[tuple[str, int, int], int] = {}

    def cite(document_id: str, publisher: str | None, published: dt.date | None,
             quote: str, s: int, e: int) -> int:
        key = (document_id, s, e)
        if key not in keyed:
            keyed[key] = len(notes) + 1
            notes.append(Footnote(number=keyed[key], document_id=document_id,
                                  publisher=publisher, published=published, quote=quote,
                                  start=s, end=e))
        return keyed[key]

    tally = build_tally(figures, until=end)
    tally_notes: dict[tuple[str, str | None, str], int] = {}
    for row in tally:
        for fig in row.figures:
            ev = fig.claim.evidence
            tally_notes[(row.measure.value, row.subject.value if row.subject else None,
                         fig.source)] = cite(fig.document_id, fig.publisher, fig.published,
                                             ev.quote, ev.start, ev.end)

    by_province: dict[str, _PlaceAccumulator] = {}
    for seen in incidents:
        inc = seen.incident
        day = _first_day(inc.date) or seen.published
        if day is None or not start <= day <= end or inc.place is None:
            continue
        if not inc.place.startswith("IR"):
            continue
        acc = by_province.setdefault(inc.place, _PlaceAccumulator())
        if inc.city:
            acc.cities.add(inc.city)
        acc.types.add(inc.type)
        ev = inc.evidence
        acc.notes.add(cite(seen.document_id, seen.publisher, seen.published, ev.quote,
                           ev.start, ev.end))
    places = tuple(
        PlaceLine(province=code, cities=tuple(sorted(acc.cities)), types=tuple(sorted(acc.types)),
                  footnotes=tuple(sorted(acc.notes)))
        for code, acc in sorted(by_province.items())
    )
    return WeeklyReport(week=week, start=start, end=end, tally=tuple(tally),
                        tally_notes=tally_notes, places=places, footnotes=tuple(notes))


@dataclass(slots=True)
class _PlaceAccumulator:
    cities: set[str] = field(default_factory=set)
    types: set[IncidentType] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)


def _first_day(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date.split("/")[0]) if date else None
