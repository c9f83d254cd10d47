"""The records that flow through the pipeline and get stored.

Frozen, slotted, keyword-only dataclasses: nothing downstream can change what the extractor found.
Conversion to the contract's JSON form lives here too (`to_contract`), so that the CLI, storage and
exports agree on one spelling. This module imports nothing of the project but `vocab`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

__all__ = [
    "Claim",
    "Document",
    "Evidence",
    "Extraction",
    "Incident",
    "Person",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One report as ingested: its text and what is known of where it came from."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    title: str | None = None
    origin: str | None = None  # where it was read from: a file path, a URL, or the input's own id
    raw_sha256: str | None = None  # hash of the bytes as received, before any text extraction


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """The exact span of the document that supports a record."""

    quote: str
    start: int  # offsets into the original Document.text, end exclusive
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        """Build evidence from a span of `text`, so the quote always matches its offsets."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}..{end} is outside a text of {len(text)} characters")
        return cls(quote=text[start:end], start=start, end=end)

    def holds_in(self, text: str) -> bool:
        """Whether the quote is the text at the offsets (the contract's validity rule)."""
        return 0 <= self.start < self.end <= len(text) and text[self.start : self.end] == self.quote


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A counted figure asserted by a document."""

    measure: Measure
    subject: Subject | None
    low: int | None
    high: int | None
    qualifier: Qualifier
    place: str | None
    city: str | None
    date: str | None  # "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"
    source: str | None
    evidence: Evidence
    rules: tuple[str, ...] = ()  # which components and rules produced it, for `explain`


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A named person who suffered one of the contract's fates."""

    name: str
    age: int | None
    gender: Gender | None
    fates: tuple[Fate, ...]
    place: str | None
    city: str | None
    date: str | None
    evidence: Evidence
    ages: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """One event of one type, in one place, on one day, as a document reports it."""

    type: IncidentType
    place: str | None
    city: str | None
    date: str | None
    evidence: Evidence
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything the extractor found in one document."""

    document_id: str
    claims: tuple[Claim, ...] = ()
    persons: tuple[Person, ...] = ()
    incidents: tuple[Incident, ...] = ()
    extractor_version: str = ""
    errors: tuple[str, ...] = field(default=())  # components that failed on this document

    def to_contract(self) -> dict[str, Any]:
        """The output record of the contract, as plain JSON-ready values."""
        return {
            "id": self.document_id,
            "claims": [claim_to_contract(c) for c in self.claims],
            "persons": [person_to_contract(p) for p in self.persons],
            "incidents": [incident_to_contract(i) for i in self.incidents],
        }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"quote": e.quote, "start": e.start, "end": e.end}


def claim_to_contract(c: Claim) -> dict[str, Any]:
    return {
        "measure": c.measure.value,
        "subject": c.subject.value if c.subject else None,
        "low": c.low,
        "high": c.high,
        "qualifier": c.qualifier.value,
        "place": c.place,
        "city": c.city,
        "date": c.date,
        "source": c.source,
        **_evidence(c.evidence),
    }


def person_to_contract(p: Person) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "age": p.age,
        "gender": p.gender.value if p.gender else None,
        "fates": [f.value for f in p.fates],
        "place": p.place,
        "city": p.city,
        "date": p.date,
        **_evidence(p.evidence),
    }
    if p.ages:
        out["ages"] = list(p.ages)
    return out


def incident_to_contract(i: Incident) -> dict[str, Any]:
    return {
        "type": i.type.value,
        "place": i.place,
        "city": i.city,
        "date": i.date,
        **_evidence(i.evidence),
    }
