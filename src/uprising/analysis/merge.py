"""One record per person and per event across reports, with every mention and conflict kept.

Pure: takes what each document said (with its provenance) and returns merged records. Nothing
is overwritten: a merged person lists every age, fate, place and date with the documents that
gave them, and flags where they disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from uprising.analysis.names import name_key
from uprising.records import Incident, Person
from uprising.vocab import Fate, IncidentType

__all__ = ["IncidentSeen", "MergedEvent", "MergedPerson", "PersonSeen", "merge_events",
           "merge_persons"]

_AGE_TOLERANCE = 1  # reports of one person's age differ by a birthday at most, when they agree


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonSeen:
    """A person as one document names them."""

    person: Person
    document_id: str
    published: dt.date | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedPerson:
    """One person across every report that names them."""

    key: str
    name: str  # the spelling most reports use
    names: tuple[str, ...]
    ages: tuple[tuple[int, str], ...]  # (age, document id), every age any report gives
    fates: tuple[Fate, ...]
    places: tuple[str, ...]
    mentions: tuple[PersonSeen, ...]
    conflicts: tuple[str, ...]  # fields whose values disagree: "age", "place", "date"


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentSeen:
    """An incident as one document reports it."""

    incident: Incident
    document_id: str
    published: dt.date | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedEvent:
    """One event: a type, a place and a day, with every report of it."""

    type: IncidentType
    place: str | None
    city: str | None
    date: str | None
    reports: tuple[IncidentSeen, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({r.document_id for r in self.reports}))


def _compatible(a: PersonSeen, b: PersonSeen) -> bool:
    """Same name key and nothing that rules out one person: places in different provinces."""
    pa, pb = a.person.place, b.person.place
    return not (pa and pb and "-" in pa and "-" in pb and pa != pb)


def merge_persons(seen: Iterable[PersonSeen]) -> list[MergedPerson]:
    """Group mentions by name key (and compatible place); keep every value with its source."""
    groups: list[list[PersonSeen]] = []
    by_key: dict[str, list[int]] = {}
    for mention in sorted(seen, key=lambda s: (s.published or dt.date.min, s.document_id)):
        key = name_key(mention.person.name)
        for index in by_key.get(key, []):
            if all(_compatible(mention, other) for other in groups[index]):
                groups[index].append(mention)
                break
        else:
            by_key.setdefault(key, []).append(len(groups))
            groups.append([mention])
    return [_merged(name_key(g[0].person.name), g) for g in groups]


def _merged(key: str, group: list[PersonSeen]) -> MergedPerson:
    names = Counter(s.person.name for s in group)
    ages = tuple(sorted({(age, s.document_id) for s in group
                         for age in {s.person.age, *s.person.ages} if age is not None}))
    fates: list[Fate] = []
    for s in group:
        fates += [f for f in s.person.fates if f not in fates]
    places = tuple(sorted({s.person.place for s in group if s.person.place}))
    dates = {s.person.date for s in group if s.person.date}
    conflicts = []
    values = {age for age, _ in ages}
    if values and max(values) - min(values) > _AGE_TOLERANCE:
        conflicts.append("age")
    if len({p for p in places if "-" in p}) > 1:
        conflicts.append("place")
    if len(dates) > 1:
        conflicts.append("date")
    return MergedPerson(
        key=key, name=names.most_common(1)[0][0], names=tuple(sorted(names)), ages=ages,
        fates=tuple(fates), places=places, mentions=tuple(group), conflicts=tuple(conflicts),
    )


def merge_events(seen: Iterable[IncidentSeen]) -> list[MergedEvent]:
    """One event per type, place (city, else province or country) and day."""
    events: dict[tuple[IncidentType, str | None, str | None, str | None], list[IncidentSeen]] = {}
    for report in seen:
        inc = report.incident
        events.setdefault((inc.type, inc.place, inc.city, inc.date), []).append(report)
    return [
        MergedEvent(type=k[0], place=k[1], city=k[2], date=k[3], reports=tuple(v))
        for k, v in sorted(events.items(), key=lambda kv: tuple(str(x) for x in kv[0]))
    ]
