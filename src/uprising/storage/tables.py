"""The database schema as SQLAlchemy Core tables, and how records map onto its rows.

The repository queries these tables and nothing else; the functions at the end turn records into
row dicts and rows back into records, so the spelling of every stored value is decided here.

Migrations under `migrations/versions/` create exactly this schema; `tests/test_storage.py` compares
the two so that a column added here without a migration fails the build (sqlite-utils keeps its
schema in code the same way). Only portable types are used, so one schema serves SQLite and
PostgreSQL. Lists (a person's fates and ages, the rules behind a record) are JSON text rather than
a JSON column, because SQLite has no JSON type to round-trip through and the lists are only ever
read whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
)

from uprising.records import Claim, Document, Evidence, Incident, Person
from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

__all__ = [
    "ALL_TABLES",
    "claim_from_row",
    "claim_row",
    "claims",
    "document_from_row",
    "document_row",
    "documents",
    "extraction_runs",
    "feed_items",
    "incident_from_row",
    "incident_row",
    "incidents",
    "metadata",
    "person_from_row",
    "person_row",
    "persons",
    "processing_errors",
    "record_id",
]

LOGGER = logging.getLogger(__name__)

# Named constraints keep later migrations (and SQLite batch mode, which rebuilds tables) stable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ID_LENGTH = 71  # "sha256:" + 64 hex digits
HASH_LENGTH = 64

documents = Table(
    "documents",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("published", Date),
    Column("url", Text),
    Column("publisher", Text),
    Column("language", String(35)),  # the longest BCP 47 tags in common use fit
    Column("origin", Text),
    Column("raw_sha256", String(HASH_LENGTH)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The evidence of a fetched document (migration 0002): its WARC response record, as
    # "warc/FILE.warc.gz#OFFSET" under the archive folder, and the sha256 of that payload.
    Column("warc_record", Text),
    Column("warc_sha256", String(HASH_LENGTH)),
)

extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(ID_LENGTH), ForeignKey("documents.id"), nullable=False),
    Column("extractor_version", String(64), nullable=False),
    Column("ran_at", DateTime(timezone=True), nullable=False),
    Column("claims", Integer, nullable=False),
    Column("persons", Integer, nullable=False),
    Column("incidents", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Index("ix_extraction_runs_document_version", "document_id", "extractor_version"),
)


def _evidence_columns() -> list[Column[Any]]:
    """Provenance every extracted row carries: the span it rests on and what produced it."""
    return [
        Column("quote", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("extractor_version", String(64), nullable=False),
        Column("rules", Text, nullable=False),  # JSON list of component/rule names
    ]


claims = Table(
    "claims",
    metadata,
    Column("id", String(HASH_LENGTH), primary_key=True),
    Column("document_id", String(ID_LENGTH), ForeignKey("documents.id"), nullable=False),
    Column("measure", String(32), nullable=False),
    Column("subject", String(32)),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("place", String(16)),
    Column("city", Text),
    Column("date", String(21)),  # "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"
    Column("source", String(64)),
    *_evidence_columns(),
    Index("ix_claims_measure_subject", "measure", "subject"),
    Index("ix_claims_document_id", "document_id"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String(HASH_LENGTH), primary_key=True),
    Column("document_id", String(ID_LENGTH), ForeignKey("documents.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("age", Integer),
    Column("ages", Text, nullable=False),  # JSON list of ints
    Column("gender", String(8)),
    Column("fates", Text, nullable=False),  # JSON list of Fate values
    Column("place", String(16)),
    Column("city", Text),
    Column("date", String(21)),
    *_evidence_columns(),
    Index("ix_persons_document_id", "document_id"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(HASH_LENGTH), primary_key=True),
    Column("document_id", String(ID_LENGTH), ForeignKey("documents.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("place", String(16)),
    Column("city", Text),
    Column("date", String(21)),
    *_evidence_columns(),
    Index("ix_incidents_place_date", "place", "date"),
    Index("ix_incidents_document_id", "document_id"),
)

# No foreign key on document_id: an error may concern input that never became a stored document
# (a batch read from JSONL and processed without ingest), and the log must still take it.
processing_errors = Table(
    "processing_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(ID_LENGTH), nullable=False),
    Column("component", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_processing_errors_document_id", "document_id"),
)

# What `uprising watch` has seen (migration 0002): hashes of the feed URL and of the item's id or
# link, never the URLs themselves, so the table says nothing about what was read.
feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_hash", String(HASH_LENGTH), primary_key=True),
    Column("item_hash", String(HASH_LENGTH), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

ALL_TABLES: tuple[Table, ...] = (
    documents,
    extraction_runs,
    claims,
    persons,
    incidents,
    processing_errors,
    feed_items,
)


# -- records <-> rows ----------------------------------------------------------------------


def record_id(document_id: str, evidence: Evidence, what: str) -> str:
    """The content-hash id of an extracted record: sha256 of (document, start, end, what).

    `what` is the claim's measure, the incident's type or the person's name. The parts are joined
    with a unit separator, which the id and offsets cannot contain, so tuples never collide.
    """
    key = "\x1f".join((document_id, str(evidence.start), str(evidence.end), what))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def document_row(doc: Document, ingested_at: dt.datetime) -> dict[str, Any]:
    """The documents row of a Document, stamped with when it was stored."""
    return {
        "id": doc.id,
        "text": doc.text,
        "title": doc.title,
        "published": doc.published,
        "url": doc.url,
        "publisher": doc.publisher,
        "language": doc.language,
        "origin": doc.origin,
        "raw_sha256": doc.raw_sha256,
        "ingested_at": ingested_at,
    }


def document_from_row(row: Row[Any]) -> Document:
    """The Document a documents row holds."""
    return Document(
        id=row.id,
        text=row.text,
        published=row.published,
        url=row.url,
        publisher=row.publisher,
        language=row.language,
        title=row.title,
        origin=row.origin,
        raw_sha256=row.raw_sha256,
    )


def evidence_row(evidence: Evidence, version: str, rules: tuple[str, ...]) -> dict[str, Any]:
    """The provenance columns every extracted row shares; lists are JSON text."""
    return {
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "extractor_version": version,
        "rules": json.dumps(list(rules), ensure_ascii=False),
    }


def evidence_from_row(row: Row[Any]) -> Evidence:
    """The Evidence an extracted row rests on."""
    return Evidence(quote=row.quote, start=row.start, end=row.end)


def claim_row(doc_id: str, claim: Claim, version: str) -> dict[str, Any]:
    """The claims row of a Claim; enums are stored as their contract spelling."""
    return {
        "id": record_id(doc_id, claim.evidence, claim.measure.value),
        "document_id": doc_id,
        "measure": claim.measure.value,
        "subject": claim.subject.value if claim.subject else None,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "place": claim.place,
        "city": claim.city,
        "date": claim.date,
        "source": claim.source,
        **evidence_row(claim.evidence, version, claim.rules),
    }


def claim_from_row(row: Row[Any]) -> Claim:
    """The Claim a claims row holds."""
    return Claim(
        measure=Measure(row.measure),
        subject=Subject(row.subject) if row.subject else None,
        low=row.low,
        high=row.high,
        qualifier=Qualifier(row.qualifier),
        place=row.place,
        city=row.city,
        date=row.date,
        source=row.source,
        evidence=evidence_from_row(row),
        rules=tuple(json.loads(row.rules)),
    )


def person_row(doc_id: str, person: Person, version: str) -> dict[str, Any]:
    """The persons row of a Person; fates and ages as JSON lists."""
    return {
        "id": record_id(doc_id, person.evidence, person.name),
        "document_id": doc_id,
        "name": person.name,
        "age": person.age,
        "ages": json.dumps(list(person.ages)),
        "gender": person.gender.value if person.gender else None,
        "fates": json.dumps([f.value for f in person.fates]),
        "place": person.place,
        "city": person.city,
        "date": person.date,
        **evidence_row(person.evidence, version, person.rules),
    }


def person_from_row(row: Row[Any]) -> Person:
    """The Person a persons row holds."""
    return Person(
        name=row.name,
        age=row.age,
        gender=Gender(row.gender) if row.gender else None,
        fates=tuple(Fate(f) for f in json.loads(row.fates)),
        place=row.place,
        city=row.city,
        date=row.date,
        evidence=evidence_from_row(row),
        ages=tuple(json.loads(row.ages)),
        rules=tuple(json.loads(row.rules)),
    )


def incident_row(doc_id: str, incident: Incident, version: str) -> dict[str, Any]:
    """The incidents row of an Incident."""
    return {
        "id": record_id(doc_id, incident.evidence, incident.type.value),
        "document_id": doc_id,
        "type": incident.type.value,
        "place": incident.place,
        "city": incident.city,
        "date": incident.date,
        **evidence_row(incident.evidence, version, incident.rules),
    }


def incident_from_row(row: Row[Any]) -> Incident:
    """The Incident an incidents row holds."""
    return Incident(
        type=IncidentType(row.type),
        place=row.place,
        city=row.city,
        date=row.date,
        evidence=evidence_from_row(row),
        rules=tuple(json.loads(row.rules)),
    )


# -- accounts, submissions and the audit trail (migration 0004) -------------------------------
# Declared here so the schema test compares them with the migration; `security_repo` queries
# them. Nothing personal is stored in clear: passwords and API tokens as argon2 hashes, sessions
# as the sha256 of their cookie, and a submission's submitter, contact and text as AES-GCM
# ciphertext ("KEYID:base64"), with only a keyed hash (`owner_tag`) to find a correspondent's own.

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # the public half of "ID.SECRET"
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("secret_hash", Text, nullable=False),
    Column("revoked", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(HASH_LENGTH), primary_key=True),  # sha256 of the cookie value
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", String(32), primary_key=True),  # random, never derived from the content
    Column("owner_tag", String(HASH_LENGTH), nullable=False),
    Column("submitter", Text, nullable=False),  # encrypted
    Column("contact", Text),  # encrypted
    Column("text", Text, nullable=False),  # encrypted
    Column("photo", String(128)),  # stored file name: sha256 of the stripped bytes + suffix
    Column("photo_original_sha256", String(HASH_LENGTH)),
    Column("status", String(16), nullable=False),
    Column("document_id", String(ID_LENGTH)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_submissions_owner_tag", "owner_tag"),
    Index("ix_submissions_status", "status"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("target", String(128), nullable=False),
    Column("detail", Text, nullable=False),
    # A unique previous hash: two writers racing to extend the chain cannot both succeed.
    Column("prev_hash", String(HASH_LENGTH), nullable=False, unique=True),
    Column("hash", String(HASH_LENGTH), nullable=False),
)

# The indexes migration 0005 adds for a report's period queries (`storage.report_queries`):
# incidents and persons by their ISO date text. Built from bound columns, each attaches to its
# table, so the schema test compares them with the migration.
REPORT_INDEXES = (
    Index("ix_incidents_date", incidents.c.date),
    Index("ix_persons_date", persons.c.date),
)

# Near-duplicates (migration 0006): a syndicated copy of a report points at the report whose
# figures count; its own records are kept, but tallies and reports skip them.
document_duplicates = Table(
    "document_duplicates",
    metadata,
    Column("document_id", String(ID_LENGTH), ForeignKey("documents.id"), primary_key=True),
    Column("canonical_id", String(ID_LENGTH), ForeignKey("documents.id"), nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
    Index("ix_document_duplicates_canonical", "canonical_id"),
)
