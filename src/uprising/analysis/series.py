"""Figures over time: each source's running figure per day, incidents per day, places ranked.

Pure: takes `Figure`s and (day, type, place) facts, returns plain records a chart or a table can
draw. Like the tally, a series never merges sources: each source gets its own line, and each point
keeps the bounds and the claim it was read from, so a chart can draw bounds as bands and a caption
can name the document behind the last point.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from uprising.analysis.tally import Figure
from uprising.vocab import IncidentType, Measure, Subject

__all__ = [
    "DayCount",
    "IncidentFact",
    "PlaceCount",
    "Series",
    "SeriesPoint",
    "figure_series",
    "incidents_per_day",
    "places_ranked",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesPoint:
    """A source's figure as of one day: the bounds as written and the figure they come from."""

    day: dt.date
    low: int | None
    high: int | None
    figure: Figure

    @property
    def middle(self) -> float:
        """Where a line is drawn: the lower bound, else the upper (an "up to" figure)."""
        value = self.low if self.low is not None else self.high
        return float(value or 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    """One source's running figure for one measure and subject, oldest first."""

    measure: Measure
    subject: Subject | None
    source: str
    points: tuple[SeriesPoint, ...]

    @property
    def last(self) -> SeriesPoint:
        return self.points[-1]


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentFact:
    """What a chart needs of an incident: its day, type and province (and city when known)."""

    day: dt.date
    type: IncidentType
    place: str | None
    city: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DayCount:
    """Incidents of each type on one day."""

    day: dt.date
    counts: dict[IncidentType, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceCount:
    """Incidents in one province, with the cities named."""

    place: str
    incidents: int
    cities: tuple[str, ...]


def figure_series(
    figures: Iterable[Figure],
    *,
    measure: Measure,
    subject: Subject | None = Subject.PEOPLE,
    place: str | None = "IR",
    until: dt.date | None = None,
    any_subject: bool = False,
) -> list[Series]:
    """Each source's figure per as-of day for one measure, as running lines.

    On a day with several figures from one source, the one the tally would keep wins (the later
    publication, then the larger lower bound). Figures without an as-of day cannot be placed in
    time and are left out.

    Args:
        figures: every stored claim as a Figure.
        measure, subject: what the lines count; `any_subject` ignores the subject.
        place: figures about this place only (national by default); None keeps all.
        until: ignore figures valid after this day.

    Returns:
        One Series per source, sources ordered by their latest figure, largest first.
    """
    best: dict[tuple[str, dt.date], Figure] = {}
    for fig in figures:
        claim = fig.claim
        if claim.measure is not measure or fig.as_of is None:
            continue
        if not any_subject and claim.subject != subject:
            continue
        if place is not None and claim.place != place:
            continue
        if until is not None and fig.as_of > until:
            continue
        if claim.low is None and claim.high is None:
            continue
        key = (fig.source, fig.as_of)
        held = best.get(key)
        if held is None or _rank(fig) > _rank(held):
            best[key] = fig
    by_source: dict[str, list[SeriesPoint]] = {}
    for (source, day), fig in best.items():
        by_source.setdefault(source, []).append(
            SeriesPoint(day=day, low=fig.claim.low, high=fig.claim.high, figure=fig))
    series = [
        Series(measure=measure, subject=None if any_subject else subject, source=source,
               points=tuple(sorted(points, key=lambda p: p.day)))
        for source, points in by_source.items()
    ]
    series.sort(key=lambda s: (-s.last.middle, s.source))
    return series


def _rank(fig: Figure) -> tuple[dt.date, int]:
    return (fig.published or dt.date.min, fig.claim.low or 0)


def incidents_per_day(
    facts: Iterable[IncidentFact], *, start: dt.date, end: dt.date
) -> list[DayCount]:
    """Incidents per day and type from `start` to `end`, every day present (zero or not)."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    counts: dict[dt.date, Counter[IncidentType]] = {}
    for fact in facts:
        if start <= fact.day <= end:
            counts.setdefault(fact.day, Counter())[fact.type] += 1
    days = (end - start).days + 1
    result = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        found = counts.get(day, Counter())
        result.append(DayCount(day=day, counts={t: found[t] for t in IncidentType if found[t]}))
    return result


def places_ranked(
    facts: Iterable[IncidentFact], *, start: dt.date | None = None, end: dt.date | None = None
) -> list[PlaceCount]:
    """Provinces by number of incidents in the period, most first; ties by code."""
    counts: Counter[str] = Counter()
    cities: dict[str, set[str]] = {}
    for fact in facts:
        if fact.place is None or not fact.place.startswith("IR-"):
            continue
        if (start is not None and fact.day < start) or (end is not None and fact.day > end):
            continue
        counts[fact.place] += 1
        if fact.city:
            cities.setdefault(fact.place, set()).add(fact.city)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [PlaceCount(place=code, incidents=n, cities=tuple(sorted(cities.get(code, ()))))
            for code, n in ranked]

