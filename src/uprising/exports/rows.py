"""Stored records as flat export rows, and back: the one spelling every export format shares.

Every row carries its document id and the exact quote with its offsets, so any line of any
export can be checked against the report it came from. `*_from_row` reads a row back into the
stored record, which is how the JSONL export is proven to round-trip.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from uprising.records import (
    Claim,
    Evidence,
    Incident,
    Person,
    claim_to_contract,
    incident_to_contract,
)
from uprising.storage import StoredClaim, StoredIncident, StoredPerson
from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

__all__ = [
    "CLAIM_FIELDS",
    "EXPORT_FORMAT_VERSION",
    "INCIDENT_FIELDS",
    "PERSON_FIELDS",
    "claim_from_row",
    "claim_row",
    "incident_from_row",
    "incident_row",
    "person_from_row",
    "person_row",
]

EXPORT_FORMAT_VERSION = 1

_PROVENANCE = ("document_id", "published", "publisher", "url", "extractor_version")
_EVIDENCE = ("quote", "start", "end", "rules")
CLAIM_FIELDS = ("record", "record_id", "measure", "subject", "low", "high", "qualifier", "place",
                "city", "date", "source", *_EVIDENCE, *_PROVENANCE)
PERSON_FIELDS = ("record", "record_id", "name", "age", "ages", "gender", "fates", "place", "city",
                 "date",
                 *_EVIDENCE, *_PROVENANCE)
INCIDENT_FIELDS = ("record", "record_id", "type", "place", "city", "date", *_EVIDENCE,
                   *_PROVENANCE)


def _record_id(kind: str, document_id: str, evidence: Evidence, what: str) -> str:
    """A content hash of (kind, document, span, what it says): stable across exports."""
    key = f"{kind}\x1f{document_id}\x1f{evidence.start}\x1f{evidence.end}\x1f{what}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _provenance(stored: StoredClaim | StoredPerson | StoredIncident) -> dict[str, Any]:
    return {
        "document_id": stored.document_id,
        "published": stored.published.isoformat() if stored.published else None,
        "publisher": stored.publisher,
        "url": stored.url,
        "extractor_version": stored.extractor_version,
    }


def _evidence(evidence: Evidence, rules: tuple[str, ...]) -> dict[str, Any]:
    return {"quote": evidence.quote, "start": evidence.start, "end": evidence.end,
            "rules": list(rules)}


def claim_row(stored: StoredClaim) -> dict[str, Any]:
    c = stored.claim
    return {
        "record": "claim",
        "record_id": _record_id("claim", stored.document_id, c.evidence, c.measure.value),
        **claim_to_contract(c),  # the contract's fields, quote and offsets last
        "rules": list(c.rules),
        **_provenance(stored),
    }


def person_row(stored: StoredPerson) -> dict[str, Any]:
    p = stored.person
    return {
        "record": "person",
        "record_id": _record_id("person", stored.document_id, p.evidence, p.name),
        "name": p.name,
        "age": p.age,
        "ages": list(p.ages),
        "gender": p.gender.value if p.gender else None,
        "fates": [f.value for f in p.fates],
        "place": p.place,
        "city": p.city,
        "date": p.date,
        **_evidence(p.evidence, p.rules),
        **_provenance(stored),
    }


def incident_row(stored: StoredIncident) -> dict[str, Any]:
    i = stored.incident
    return {
        "record": "incident",
        "record_id": _record_id("incident", stored.document_id, i.evidence, i.type.value),
        **incident_to_contract(i),
        "rules": list(i.rules),
        **_provenance(stored),
    }


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _evidence_of(row: Mapping[str, Any]) -> Evidence:
    return Evidence(quote=row["quote"], start=int(row["start"]), end=int(row["end"]))


def _stored(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "document_id": row["document_id"],
        "published": _day(row.get("published")),
        "publisher": row.get("publisher"),
        "url": row.get("url"),
        "extractor_version": row.get("extractor_version") or "",
    }


def claim_from_row(row: Mapping[str, Any]) -> StoredClaim:
    """Read back a claim row (as JSON gives it).

    Raises:
        KeyError: a required field is missing. ValueError: a value is outside its vocabulary.
    """
    claim = Claim(
        measure=Measure(row["measure"]),
        subject=Subject(row["subject"]) if row.get("subject") else None,
        low=row.get("low"),
        high=row.get("high"),
        qualifier=Qualifier(row["qualifier"]),
        place=row.get("place"),
        city=row.get("city"),
        date=row.get("date"),
        source=row.get("source"),
        evidence=_evidence_of(row),
        rules=tuple(row.get("rules") or ()),
    )
    return StoredClaim(claim=claim, **_stored(row))


def person_from_row(row: Mapping[str, Any]) -> StoredPerson:
    """Read back a person row (as JSON gives it)."""
    person = Person(
        name=row["name"],
        age=row.get("age"),
        gender=Gender(row["gender"]) if row.get("gender") else None,
        fates=tuple(Fate(f) for f in row.get("fates") or ()),
        place=row.get("place"),
        city=row.get("city"),
        date=row.get("date"),
        evidence=_evidence_of(row),
        ages=tuple(row.get("ages") or ()),
        rules=tuple(row.get("rules") or ()),
    )
    return StoredPerson(person=person, **_stored(row))


def incident_from_row(row: Mapping[str, Any]) -> StoredIncident:
    """Read back an incident row (as JSON gives it)."""
    incident = Incident(
        type=IncidentType(row["type"]),
        place=row.get("place"),
        city=row.get("city"),
        date=row.get("date"),
        evidence=_evidence_of(row),
        rules=tuple(row.get("rules") or ()),
    )
    return StoredIncident(incident=incident, **_stored(row))
