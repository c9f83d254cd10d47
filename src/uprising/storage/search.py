"""Read queries for the web dashboard and API: search, filtered tables, records, reviews.

Everything here is SQL over the schema of migrations 0001-0003, written once with SQLAlchemy Core so
that SQLite and PostgreSQL run the same query; only full-text search differs (FTS5 `MATCH` against
PostgreSQL's `@@` on the generated `search_vector`). User text never reaches either search syntax
as syntax: it is split into words and each word is quoted, so `"`, `*`, `:` or `NOT` in a search box
are searched for as words rather than parsed.

Reviews (an editor confirms, corrects or rejects an extracted record) are the one write: each is a
new row keeping the record as it was, so a record's history is never overwritten.

Usage::

    with Database.open(url) as db:
        page = db.browse().claims(ClaimQuery(measure="killed", limit=50))
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    cast,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from uprising.errors import InputError
from uprising.storage import tables as t

__all__ = [
    "CLAIM_SORTS",
    "DECISIONS",
    "KINDS",
    "Browse",
    "ClaimQuery",
    "DocumentQuery",
    "IncidentQuery",
    "Page",
    "reviews",
    "search_terms",
]

LOGGER = logging.getLogger(__name__)

KINDS = ("claim", "person", "incident")
DECISIONS = ("confirm", "correct", "reject")

# Declared on the shared metadata so that the schema test compares it with migration 0003.
reviews = Table(
    "reviews",
    t.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("corrected", Text),  # JSON object of the corrected fields, for "correct" only
    Column("previous", Text, nullable=False),  # JSON of the record as it stood before
    Column("reviewer", String(64), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Index("ix_reviews_kind_record", "kind", "record_id"),
)

# The indexes migration 0003 adds for these queries, declared beside them; built from bound
# columns, each attaches to its table, so the schema test sees them as the migration made them.
WEB_INDEXES = (
    Index("ix_claims_place_measure_subject", t.claims.c.place, t.claims.c.measure,
          t.claims.c.subject),
    Index("ix_claims_source", t.claims.c.source),
    Index("ix_claims_date", t.claims.c.date),
    Index("ix_documents_published", t.documents.c.published),
    Index("ix_documents_publisher", t.documents.c.publisher),
    Index("ix_persons_name", t.persons.c.name),
    Index("ix_incidents_type", t.incidents.c.type),
)

_TABLES = {"claim": t.claims, "person": t.persons, "incident": t.incidents}
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16

CLAIM_SORTS = {
    "date": ("date", False), "-date": ("date", True), "low": ("low", False),
    "-low": ("low", True), "published": ("published", False), "-published": ("published", True),
    "measure": ("measure", False),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page of a filtered table: its rows, how many match in all, and where it starts."""

    rows: tuple[dict[str, Any], ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentQuery:
    q: str | None = None
    source: str | None = None  # the publisher
    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimQuery:
    measure: str | None = None
    subject: str | None = None
    source: str | None = None
    place: str | None = None
    since: dt.date | None = None  # the claim's date (its start) on or after this day
    until: dt.date | None = None
    document_id: str | None = None
    sort: str = "-date"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentQuery:
    type: str | None = None
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 50
    offset: int = 0


def search_terms(query: str) -> list[str]:
    """The words of a search box, at most MAX_TERMS; punctuation and operators are dropped."""
    return _WORD.findall(query)[:MAX_TERMS]


def _fts5(terms: Sequence[str]) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _as_of(claims: Table, docs: Table) -> ColumnElement[Any]:
    """The day a claim is valid for, as YYYY-MM-DD text: the end of its date, else publication."""
    end = func.substr(claims.c.date, func.length(claims.c.date) - 9)
    return func.coalesce(end, cast(docs.c.published, String))


def _source_label(claims: Table, docs: Table) -> ColumnElement[Any]:
    self_label = literal("self:") + func.coalesce(docs.c.publisher, literal("unattributed"))
    return func.coalesce(claims.c.source, self_label)


class Browse:
    """The web's read queries and review writes, on one engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _conn(self) -> Any:
        return self._engine.connect()

    # -- documents ---------------------------------------------------------------------------

    def documents(self, query: DocumentQuery) -> Page:
        """Documents, newest first, or those matching `q` by relevance; filters always apply."""
        docs = t.documents
        conditions: list[ColumnElement[bool]] = []
        if query.source:
            conditions.append(docs.c.publisher == query.source)
        if query.language:
            conditions.append(docs.c.language == query.language)
        if query.since:
            conditions.append(docs.c.published >= query.since)
        if query.until:
            conditions.append(docs.c.published <= query.until)
        columns = [docs.c.id, docs.c.title, docs.c.published, docs.c.publisher,
                   docs.c.language, docs.c.url]
        terms = search_terms(query.q or "")
        with self._conn() as conn:
            if query.q is not None and query.q.strip() and not terms:
                return Page(rows=(), total=0, limit=query.limit, offset=query.offset)
            if terms:
                return self._search(conn, terms, columns, conditions, query)
            base = select(*columns).where(and_(True, *conditions))
            total = conn.scalar(select(func.count()).select_from(base.subquery())) or 0
            rows = conn.execute(
                base.order_by(docs.c.published.desc(), docs.c.id)
                .limit(query.limit).offset(query.offset)
            )
            return Page(rows=tuple(dict(r._mapping) for r in rows), total=total,
                        limit=query.limit, offset=query.offset)

    def _search(self, conn: Connection, terms: list[str], columns: list[Any],
                conditions: list[ColumnElement[bool]], query: DocumentQuery) -> Page:
        docs = t.documents
        if conn.dialect.name == "postgresql":
            words = " & ".join("'" + term.replace("'", "''") + "'" for term in terms)
            match: Any = text(
                "documents.search_vector @@ to_tsquery('simple', :words)"
            ).bindparams(words=words)
            snippet: Any = func.ts_headline(
                "simple", docs.c.text, func.to_tsquery("simple", words),
                "StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=8")
        else:
            fts = text("SELECT document_id FROM documents_fts WHERE documents_fts MATCH :m")
            match = docs.c.id.in_(fts.bindparams(m=_fts5(terms)).columns(document_id=String))
            snippet = literal(None, String)
        rank = docs.c.published.desc()
        if conn.dialect.name == "sqlite" and not conditions:
            # Unfiltered, the FTS index alone answers the count and the page, latest ingested first
            # (ordering by rank would score every match: 70 ms when most documents match);
            # joining every match to `documents` first costs ~0.2 s.
            return self._fts_only(conn, terms, columns, query)
        base = select(*columns).where(match, *conditions)
        total = conn.scalar(select(func.count()).select_from(base.subquery())) or 0
        page = select(*columns, snippet.label("snippet"), docs.c.text).where(match, *conditions)
        rows = [dict(r._mapping) for r in conn.execute(
            page.order_by(rank, docs.c.id).limit(query.limit).offset(query.offset))]
        for row in rows:
            body = row.pop("text")
            if row["snippet"] is None:
                row["snippet"] = _snippet(body, terms)
        return Page(rows=tuple(rows), total=total, limit=query.limit, offset=query.offset)

    def _fts_only(self, conn: Connection, terms: list[str], columns: list[Any],
                  query: DocumentQuery) -> Page:
        words = {"m": _fts5(terms)}
        total = conn.scalar(text(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :m"), words) or 0
        ids = list(conn.scalars(text(
            "SELECT document_id FROM documents_fts WHERE documents_fts MATCH :m "
            "ORDER BY rowid DESC LIMIT :limit OFFSET :offset"),
            {**words, "limit": query.limit, "offset": query.offset}))
        found = {r.id: dict(r._mapping) for r in conn.execute(
            select(*columns, t.documents.c.text).where(t.documents.c.id.in_(ids)))}
        rows = [found[i] for i in ids if i in found]
        for row in rows:
            row["snippet"] = _snippet(row.pop("text"), terms)
        return Page(rows=tuple(rows), total=total, limit=query.limit, offset=query.offset)

    def document_records(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every claim, person and incident of one document with its id, in text order."""
        out: dict[str, list[dict[str, Any]]] = {}
        with self._conn() as conn:
            for kind, table in _TABLES.items():
                rows = conn.execute(select(table).where(table.c.document_id == doc_id)
                                    .order_by(table.c.start, table.c.id))
                out[kind] = [dict(r._mapping) for r in rows]
        return out

    def publishers(self) -> list[str]:
        with self._conn() as conn:
            docs = t.documents
            return [p for p in conn.scalars(select(docs.c.publisher).distinct()
                                             .order_by(docs.c.publisher)) if p]

    # -- claims ------------------------------------------------------------------------------

    def claims(self, query: ClaimQuery) -> Page:
        """Claims with their document's provenance, filtered, sorted and paged."""
        claims, docs = t.claims, t.documents
        conditions: list[ColumnElement[bool]] = []
        for column, value in ((claims.c.measure, query.measure), (claims.c.subject, query.subject),
                              (claims.c.source, query.source), (claims.c.place, query.place),
                              (claims.c.document_id, query.document_id)):
            if value:
                conditions.append(column == value)
        if query.since:
            conditions.append(claims.c.date >= query.since.isoformat())
        if query.until:
            conditions.append(func.substr(claims.c.date, 1, 10) <= query.until.isoformat())
        name, descending = CLAIM_SORTS[query.sort]
        key = docs.c.published if name == "published" else claims.c[name]
        order = [key.desc().nulls_last() if descending else key.asc().nulls_last(), claims.c.id]
        with self._conn() as conn:
            count = select(func.count()).select_from(claims).where(and_(True, *conditions))
            if name == "published":
                count = count.join_from(claims, docs, docs.c.id == claims.c.document_id)
            total = conn.scalar(count) or 0
            rows = conn.execute(
                select(claims, docs.c.published, docs.c.publisher, docs.c.url)
                .join(docs, docs.c.id == claims.c.document_id)
                .where(*conditions).order_by(*order).limit(query.limit).offset(query.offset))
            return Page(rows=tuple(dict(r._mapping) for r in rows), total=total,
                        limit=query.limit, offset=query.offset)

    def record(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """One extracted record with its document's provenance and its reviews, or None."""
        table, docs = _TABLES[kind], t.documents
        with self._conn() as conn:
            row = conn.execute(
                select(table, docs.c.published, docs.c.publisher, docs.c.url, docs.c.title)
                .join(docs, docs.c.id == table.c.document_id).where(table.c.id == record_id)
            ).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["reviews"] = [dict(r._mapping) for r in conn.execute(
                select(reviews).where(reviews.c.kind == kind, reviews.c.record_id == record_id)
                .order_by(reviews.c.id))]
        return out

    # -- dashboard ---------------------------------------------------------------------------

    def data_stamp(self) -> tuple[Any, ...]:
        """Changes whenever anything the dashboard shows may change; cheap to read."""
        with self._conn() as conn:
            return (conn.scalar(select(func.max(t.extraction_runs.c.id))),
                    conn.scalar(select(func.max(reviews.c.id))),
                    conn.scalar(select(func.count()).select_from(t.documents)))

    def latest_figures(self, place: str = "IR") -> list[dict[str, Any]]:
        """Each source's latest figure per measure and subject for `place` (as `uprising tally`)."""
        claims, docs = t.claims, t.documents
        as_of, label = _as_of(claims, docs), _source_label(claims, docs)
        ranked = (
            select(claims.c.id, claims.c.measure, claims.c.subject, claims.c.low, claims.c.high,
                   claims.c.qualifier, claims.c.quote, claims.c.document_id,
                   docs.c.published, docs.c.publisher, label.label("source_label"),
                   as_of.label("as_of"),
                   func.row_number().over(
                       partition_by=(claims.c.measure, claims.c.subject, label),
                       order_by=(as_of.desc(), docs.c.published.desc(), claims.c.low.desc(),
                                 claims.c.id)).label("rank"))
            .join(docs, docs.c.id == claims.c.document_id).where(claims.c.place == place)
        ).subquery()
        query = (select(ranked).where(ranked.c.rank == 1)
                 .order_by(ranked.c.measure, ranked.c.subject, ranked.c.as_of.desc()))
        with self._conn() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def series(self, measure: str, place: str = "IR") -> list[dict[str, Any]]:
        """Per source and day, the largest national figure of `measure`, for the running chart."""
        claims, docs = t.claims, t.documents
        as_of, label = _as_of(claims, docs), _source_label(claims, docs)
        query = (select(label.label("source"), as_of.label("as_of"),
                        func.max(claims.c.low).label("low"), func.max(claims.c.high).label("high"))
                 .join(docs, docs.c.id == claims.c.document_id)
                 .where(claims.c.place == place, claims.c.measure == measure,
                        claims.c.low.is_not(None))
                 .group_by(label, as_of).order_by(label, as_of))
        with self._conn() as conn:
            return [dict(r._mapping) for r in conn.execute(query) if r.as_of]

    def place_counts(self) -> dict[str, dict[str, int]]:
        """Claims and incidents per province code (national figures excluded)."""
        out: dict[str, dict[str, int]] = {}
        with self._conn() as conn:
            for kind, table in (("claims", t.claims), ("incidents", t.incidents)):
                query = (select(table.c.place, func.count()).where(table.c.place.like("IR-%"))
                         .group_by(table.c.place))
                for place, count in conn.execute(query):
                    out.setdefault(place, {"claims": 0, "incidents": 0})[kind] = count
        return out

    def published_range(self) -> tuple[dt.date | None, dt.date | None]:
        with self._conn() as conn:
            row = conn.execute(select(func.min(t.documents.c.published),
                                      func.max(t.documents.c.published))).one()
        return _date(row[0]), _date(row[1])

    # -- persons and incidents ---------------------------------------------------------------

    def persons(self, *, limit: int, offset: int, fate: str | None = None) -> Page:
        """Names, each with how many records mention it and the id of its first record."""
        persons = t.persons
        where = [persons.c.fates.like(f'%"{fate}"%')] if fate else []
        grouped = (select(persons.c.name, func.count().label("mentions"),
                          func.min(persons.c.id).label("id"),
                          func.count(persons.c.document_id.distinct()).label("documents"))
                   .where(*where).group_by(persons.c.name))
        with self._conn() as conn:
            total = conn.scalar(select(func.count()).select_from(grouped.subquery())) or 0
            rows = conn.execute(grouped.order_by(persons.c.name).limit(limit).offset(offset))
            return Page(rows=tuple(dict(r._mapping) for r in rows), total=total,
                        limit=limit, offset=offset)

    def person_mentions(self, record_id: str) -> list[dict[str, Any]]:
        """Every record naming the person of `record_id`, with its document's provenance."""
        persons, docs = t.persons, t.documents
        with self._conn() as conn:
            name = conn.scalar(select(persons.c.name).where(persons.c.id == record_id))
            if name is None:
                return []
            rows = conn.execute(
                select(persons, docs.c.published, docs.c.publisher, docs.c.url, docs.c.title)
                .join(docs, docs.c.id == persons.c.document_id).where(persons.c.name == name)
                .order_by(docs.c.published, persons.c.id))
            return [dict(r._mapping) for r in rows]

    def incidents(self, query: IncidentQuery) -> Page:
        incidents, docs = t.incidents, t.documents
        conditions: list[ColumnElement[bool]] = []
        if query.type:
            conditions.append(incidents.c.type == query.type)
        if query.place:
            conditions.append(incidents.c.place == query.place)
        if query.since:
            conditions.append(incidents.c.date >= query.since.isoformat())
        if query.until:
            conditions.append(func.substr(incidents.c.date, 1, 10) <= query.until.isoformat())
        with self._conn() as conn:
            total = conn.scalar(select(func.count()).select_from(incidents)
                                .where(and_(True, *conditions))) or 0
            rows = conn.execute(
                select(incidents, docs.c.published, docs.c.publisher)
                .join(docs, docs.c.id == incidents.c.document_id).where(*conditions)
                .order_by(incidents.c.date.desc().nulls_last(), incidents.c.id)
                .limit(query.limit).offset(query.offset))
            return Page(rows=tuple(dict(r._mapping) for r in rows), total=total,
                        limit=query.limit, offset=query.offset)

    # -- reviews -----------------------------------------------------------------------------

    def review_queue(self, kind: str, *, limit: int, offset: int) -> Page:
        """Records of `kind` that no editor has decided on yet, in document and text order."""
        table = _TABLES[kind]
        decided = select(reviews.c.record_id).where(reviews.c.kind == kind)
        base = select(table).where(table.c.id.not_in(decided))
        with self._conn() as conn:
            total = conn.scalar(select(func.count()).select_from(base.subquery())) or 0
            rows = conn.execute(base.order_by(table.c.document_id, table.c.start, table.c.id)
                                .limit(limit).offset(offset))
            return Page(rows=tuple(dict(r._mapping) for r in rows), total=total,
                        limit=limit, offset=offset)

    def decisions(self, kind: str) -> dict[str, tuple[str, dict[str, Any] | None]]:
        """The latest decision on each reviewed record of `kind`: (decision, corrected fields
        merged over every earlier correction, or None)."""
        out: dict[str, tuple[str, dict[str, Any] | None]] = {}
        with self._conn() as conn:
            rows = conn.execute(select(reviews.c.record_id, reviews.c.decision,
                                       reviews.c.corrected)
                                .where(reviews.c.kind == kind).order_by(reviews.c.id))
            for row in rows:
                held = out.get(row.record_id)
                fields = dict(held[1] or {}) if held else {}
                if row.corrected:
                    fields.update(json.loads(row.corrected))
                out[row.record_id] = (row.decision, fields or None)
        return out

    def history(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """Every decision on one record, oldest first, with who made it and what stood before."""
        with self._conn() as conn:
            rows = conn.execute(select(reviews).where(reviews.c.kind == kind,
                                                      reviews.c.record_id == record_id)
                                .order_by(reviews.c.id))
            return [dict(r._mapping) for r in rows]

    def add_review(self, *, kind: str, record_id: str, decision: str,
                   corrected: dict[str, Any] | None, reviewer: str) -> int:
        """Record an editor's decision, keeping the record as it stood; returns the review id.

        Raises:
            InputError: unknown kind, decision or record, or a correction without fields.
        """
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}", field="kind", hint=f"one of {KINDS}")
        if decision not in DECISIONS:
            raise InputError(f"unknown decision {decision!r}", field="decision",
                             hint=f"one of {DECISIONS}")
        if decision == "correct" and not corrected:
            raise InputError("a correction needs at least one corrected field", field="corrected")
        table = _TABLES[kind]
        with self._engine.begin() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).first()
            if row is None:
                raise InputError("no such record", field="record_id")
            previous = {k: v for k, v in row._mapping.items() if k not in ("rules",)}
            last = conn.execute(select(reviews.c.corrected).where(
                reviews.c.kind == kind, reviews.c.record_id == record_id,
                reviews.c.corrected.is_not(None)).order_by(reviews.c.id.desc())).first()
            if last is not None:
                previous.update(json.loads(last.corrected))
            result = conn.execute(insert(reviews).values(
                record_id=record_id, kind=kind, decision=decision,
                corrected=json.dumps(corrected, ensure_ascii=False) if corrected else None,
                previous=json.dumps(previous, ensure_ascii=False, default=str),
                reviewer=reviewer, decided_at=dt.datetime.now(dt.UTC)))
            key = result.inserted_primary_key
        LOGGER.info("review of a %s recorded: %s", kind, decision)
        return int(key[0]) if key else 0


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _snippet(body: str, terms: Sequence[str], width: int = 90) -> str:
    """A window of `body` around the first term, with terms marked by \\x02...\\x03."""
    lowered = body.lower()
    hits = [i for i in (lowered.find(term.lower()) for term in terms) if i >= 0]
    start = max(0, min(hits) - width // 2) if hits else 0
    window = body[start:start + width * 2]
    for term in terms:
        window = re.sub(f"({re.escape(term)})", "\x02\\1\x03", window, flags=re.IGNORECASE)
    return ("…" if start else "") + window + ("…" if start + width * 2 < len(body) else "")
