"""The repository: every query uprising runs against its database lives in this module.

`Database` is the one door to storage. Each write method is one transaction that checks its input
before it writes, so bad input leaves the database exactly as it was. Ids are content hashes
(sqlite-utils' `hash_id_columns`): a document is keyed by its normalised text, an extracted
record by (document, span, what it says), so ingesting or extracting twice changes nothing.

Usage::

    with Database.open("sqlite:///uprising.db") as db:
        result = db.add_documents(documents)
        for batch in db.documents_to_process("0.1.0"):
            db.save_extractions([extract(d) for d in batch], "0.1.0")
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, Row, Table, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from uprising.errors import StorageError
from uprising.records import Claim, Document, Evidence, Extraction, Incident, Person
from uprising.storage import tables as t
from uprising.storage.engine import create_database_engine, migrate, resolve_url
from uprising.storage.search import Browse

__all__ = [
    "Database",
    "IngestResult",
    "ProcessingError",
    "StoredClaim",
    "StoredIncident",
    "StoredPerson",
    "WarcLink",
]

LOGGER = logging.getLogger(__name__)

# Keeps IN (...) lists well under SQLite's bound-parameter limit on old builds (999).
_CHUNK = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """What `add_documents` did: ids newly stored, and ids already present (or repeated)."""

    added: tuple[str, ...]
    duplicates: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class WarcLink:
    """Where a fetched document's evidence is: its WARC response record and payload hash."""

    record: str  # "warc/FILE.warc.gz#OFFSET", relative to the archive folder
    sha256: str  # hex sha256 of the record's payload


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessingError:
    """A component that failed on one document; stored so a batch can go on and be audited."""

    document_id: str
    component: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredClaim:
    """A claim with the provenance tallies need: which document, when and by whom published."""

    claim: Claim
    document_id: str
    published: dt.date | None
    publisher: str | None
    url: str | None
    extractor_version: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredPerson:
    """A person record with the provenance of the document that names them."""

    person: Person
    document_id: str
    published: dt.date | None
    publisher: str | None
    url: str | None
    extractor_version: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredIncident:
    """An incident with the provenance of the document that reports it."""

    incident: Incident
    document_id: str
    published: dt.date | None
    publisher: str | None
    url: str | None
    extractor_version: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class Database:
    """One uprising database: documents, what was extracted from them, and processing errors."""

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine whose schema is already migrated; most callers want `Database.open`."""
        self._engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Database:
        """Connect to `url` (default: $UPRISING_DATABASE_URL, else ./uprising.db) and migrate it.

        Raises:
            StorageError: the URL is unusable, the database unreachable, or a migration failed.
        """
        engine = create_database_engine(resolve_url(url))
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def engine(self) -> Engine:
        """The underlying engine, for tests and tools that inspect the schema."""
        return self._engine

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------------

    def add_documents(self, docs: Sequence[Document]) -> IngestResult:
        """Store new documents in one transaction; report those already present as duplicates.

        A document repeated within `docs` is stored once and its later copies count as duplicates.

        Raises:
            TypeError: an item is not a Document.
            StorageError: the write failed; nothing was stored.
        """
        for doc in docs:
            if not isinstance(doc, Document):
                raise TypeError(f"add_documents takes Document records, got {type(doc).__name__}")
        with self._write("add documents") as conn:
            result = _insert_documents(conn, docs, {})
        LOGGER.info("stored %d documents, %d duplicates", len(result.added),
                    len(result.duplicates))
        return result

    def add_archived_documents(
        self,
        items: Sequence[tuple[Document, WarcLink]],
        *,
        feed_hash: str | None = None,
        seen_items: Sequence[str] = (),
    ) -> IngestResult:
        """Store fetched documents with their WARC links, and mark feed items seen, atomically.

        A document already stored (same text) is a duplicate, as for `add_documents`; if it
        has no WARC link yet (it came from disk) it gets this one, otherwise its first stays.
        With `feed_hash`, the item hashes in `seen_items` are recorded as seen in the same
        transaction, so an item is never marked seen without the document it gave.

        Raises:
            TypeError: an item is not a (Document, WarcLink) pair.
            StorageError: the write failed; nothing was stored.
        """
        for item in items:
            if not (isinstance(item, tuple) and len(item) == 2
                    and isinstance(item[0], Document) and isinstance(item[1], WarcLink)):
                raise TypeError("add_archived_documents takes (Document, WarcLink) pairs, got "
                                f"{type(item).__name__}")
        links: dict[str, WarcLink] = {}
        for doc, link in items:
            links.setdefault(doc.id, link)
        with self._write("add fetched documents") as conn:
            result = _insert_documents(conn, [doc for doc, _ in items], links)
            for doc_id in dict.fromkeys(result.duplicates):
                link = links[doc_id]
                conn.execute(
                    update(t.documents)
                    .where(t.documents.c.id == doc_id, t.documents.c.warc_record.is_(None))
                    .values(warc_record=link.record, warc_sha256=link.sha256)
                )
            if feed_hash is not None:
                self._mark_seen(conn, feed_hash, seen_items)
        LOGGER.info("stored %d fetched documents, %d duplicates", len(result.added),
                    len(result.duplicates))
        return result

    def warc_link(self, doc_id: str) -> WarcLink | None:
        """The WARC link of a stored document, or None (unknown, or not fetched from the web)."""
        query = select(t.documents.c.warc_record, t.documents.c.warc_sha256).where(
            t.documents.c.id == doc_id
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None or row.warc_record is None:
            return None
        return WarcLink(record=row.warc_record, sha256=row.warc_sha256)

    def archived_documents(self) -> list[tuple[str, WarcLink]]:
        """(document id, WARC link) of every document that has one, by id."""
        docs = t.documents
        query = (
            select(docs.c.id, docs.c.warc_record, docs.c.warc_sha256)
            .where(docs.c.warc_record.is_not(None))
            .order_by(docs.c.id)
        )
        with self._read() as conn:
            return [(row.id, WarcLink(record=row.warc_record, sha256=row.warc_sha256))
                    for row in conn.execute(query)]

    def document_ids_starting(self, prefix: str, *, limit: int = 2) -> list[str]:
        """Up to `limit` document ids that start with `prefix`, for ids typed by hand."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = (
            select(t.documents.c.id)
            .where(t.documents.c.id.like(escaped + "%", escape="\\"))
            .order_by(t.documents.c.id)
            .limit(limit)
        )
        with self._read() as conn:
            return list(conn.scalars(query))

    # -- feeds -------------------------------------------------------------------------------

    def seen_feed_items(self, feed_hash: str, item_hashes: Sequence[str]) -> set[str]:
        """Which of these item hashes `watch` has already seen in this feed."""
        wanted = list(dict.fromkeys(item_hashes))
        seen: set[str] = set()
        items = t.feed_items
        with self._read() as conn:
            for chunk in _chunks(wanted):
                query = select(items.c.item_hash).where(
                    items.c.feed_hash == feed_hash, items.c.item_hash.in_(chunk)
                )
                seen.update(conn.scalars(query))
        return seen

    def mark_feed_items_seen(self, feed_hash: str, item_hashes: Sequence[str]) -> None:
        """Record feed items as seen (those already recorded keep their first time)."""
        with self._write("record seen feed items") as conn:
            self._mark_seen(conn, feed_hash, item_hashes)

    def _mark_seen(self, conn: Connection, feed_hash: str, item_hashes: Sequence[str]) -> None:
        wanted = list(dict.fromkeys(item_hashes))
        if not wanted:
            return
        items = t.feed_items
        present: set[str] = set()
        for chunk in _chunks(wanted):
            present.update(conn.scalars(select(items.c.item_hash).where(
                items.c.feed_hash == feed_hash, items.c.item_hash.in_(chunk)
            )))
        seen_at = _now()
        rows = [{"feed_hash": feed_hash, "item_hash": h, "seen_at": seen_at}
                for h in wanted if h not in present]
        if rows:
            conn.execute(insert(items), rows)

    def document(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        with self._read() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
        return None if row is None else t.document_from_row(row)

    def documents_to_process(
        self, extractor_version: str, *, everything: bool = False, batch_size: int = 200
    ) -> Iterator[list[Document]]:
        """Yield batches of documents that this extractor version has not run on yet, by id.

        With `everything`, every document is yielded. Batches are read by keyset on the id, each
        in its own short read, so the caller may save extractions between batches without
        blocking or skipping anything.

        Raises:
            ValueError: batch_size is below 1.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        done = exists().where(
            t.extraction_runs.c.document_id == t.documents.c.id,
            t.extraction_runs.c.extractor_version == extractor_version,
        )
        last: str | None = None
        while True:
            query = select(t.documents).order_by(t.documents.c.id).limit(batch_size)
            if not everything:
                query = query.where(~done)
            if last is not None:
                query = query.where(t.documents.c.id > last)
            with self._read() as conn:
                batch = [t.document_from_row(row) for row in conn.execute(query)]
            if not batch:
                return
            last = batch[-1].id
            yield batch
            if len(batch) < batch_size:
                return

    # -- extractions -------------------------------------------------------------------------

    def save_extractions(self, extractions: Sequence[Extraction], extractor_version: str) -> None:
        """Replace each document's claims, persons and incidents and record the run, atomically.

        Every record's evidence is checked against its document's text before anything is
        written (the contract's rule: the quote is the text at its offsets).

        Raises:
            TypeError: an item is not an Extraction.
            StorageError: a document is unknown, a quote does not hold, or the write failed;
                nothing was written.
        """
        for extraction in extractions:
            if not isinstance(extraction, Extraction):
                raise TypeError(
                    f"save_extractions takes Extraction records, got {type(extraction).__name__}"
                )
        with self._write("save extractions") as conn:
            texts = self._texts(conn, [e.document_id for e in extractions])
            for extraction in extractions:
                _check_evidence(extraction, texts)
            ran_at = _now()
            for extraction in extractions:
                self._replace_extraction(conn, extraction, extractor_version, ran_at)

    def _texts(self, conn: Connection, doc_ids: Sequence[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(doc_ids))
        texts: dict[str, str] = {}
        for chunk in _chunks(wanted):
            query = select(t.documents.c.id, t.documents.c.text).where(t.documents.c.id.in_(chunk))
            texts.update((row.id, row.text) for row in conn.execute(query))
        missing = [d for d in wanted if d not in texts]
        if missing:
            raise StorageError(
                f"cannot save extractions for {len(missing)} unknown document(s), "
                f"first {missing[0]}"
            )
        return texts

    def _replace_extraction(
        self, conn: Connection, extraction: Extraction, version: str, ran_at: dt.datetime
    ) -> None:
        doc_id = extraction.document_id
        for table in (t.claims, t.persons, t.incidents):
            conn.execute(delete(table).where(table.c.document_id == doc_id))
        claim_rows = _unique(
            doc_id, "claim", (t.claim_row(doc_id, c, version) for c in extraction.claims)
        )
        person_rows = _unique(
            doc_id, "person", (t.person_row(doc_id, p, version) for p in extraction.persons)
        )
        incident_rows = _unique(
            doc_id, "incident", (t.incident_row(doc_id, i, version) for i in extraction.incidents)
        )
        for table, rows in (
            (t.claims, claim_rows),
            (t.persons, person_rows),
            (t.incidents, incident_rows),
        ):
            if rows:
                conn.execute(insert(table), rows)
        conn.execute(
            insert(t.extraction_runs).values(
                document_id=doc_id,
                extractor_version=version,
                ran_at=ran_at,
                claims=len(claim_rows),
                persons=len(person_rows),
                incidents=len(incident_rows),
                errors=len(extraction.errors),
            )
        )

    def record_errors(self, errors: Sequence[ProcessingError]) -> None:
        """Store processing errors in one transaction."""
        for error in errors:
            if not isinstance(error, ProcessingError):
                raise TypeError(
                    f"record_errors takes ProcessingError records, got {type(error).__name__}"
                )
        if not errors:
            return
        recorded_at = _now()
        with self._write("record processing errors") as conn:
            conn.execute(
                insert(t.processing_errors),
                [
                    {
                        "document_id": e.document_id,
                        "component": e.component,
                        "message": e.message,
                        "recorded_at": recorded_at,
                    }
                    for e in errors
                ],
            )

    # -- reading back ------------------------------------------------------------------------

    def claim_rows(self) -> list[StoredClaim]:
        """Every stored claim with its document's provenance, in document and text order."""
        return [
            StoredClaim(claim=t.claim_from_row(row), **_provenance(row))
            for row in self._with_provenance(t.claims)
        ]

    def person_rows(self) -> list[StoredPerson]:
        """Every stored person with its document's provenance, in document and text order."""
        return [
            StoredPerson(person=t.person_from_row(row), **_provenance(row))
            for row in self._with_provenance(t.persons)
        ]

    def incident_rows(self) -> list[StoredIncident]:
        """Every stored incident with its document's provenance, in document and text order."""
        return [
            StoredIncident(incident=t.incident_from_row(row), **_provenance(row))
            for row in self._with_provenance(t.incidents)
        ]

    def _with_provenance(self, table: Table) -> list[Row[Any]]:
        docs = t.documents
        query = (
            select(
                table,
                docs.c.published.label("doc_published"),
                docs.c.publisher.label("doc_publisher"),
                docs.c.url.label("doc_url"),
            )
            .join(docs, docs.c.id == table.c.document_id)
            .order_by(table.c.document_id, table.c.start, table.c.end, table.c.id)
        )
        with self._read() as conn:
            return list(conn.execute(query))

    def counts(self) -> dict[str, int]:
        """Rows per table, for tests and `uprising status`."""
        with self._read() as conn:
            return {
                table.name: conn.scalar(select(func.count()).select_from(table)) or 0
                for table in t.ALL_TABLES
            }

    def browse(self) -> Browse:
        """The web dashboard's read queries (search, filtered tables) and review decisions."""
        return Browse(self._engine)

    # -- transactions ------------------------------------------------------------------------

    def _write(self, what: str) -> _Transaction:
        return _Transaction(self._engine, what, write=True)

    def _read(self) -> _Transaction:
        return _Transaction(self._engine, "read", write=False)


class _Transaction:
    """A connection in a transaction that turns driver errors into StorageError.

    Our own StorageError (a failed evidence check) rolls back and passes through unchanged.
    """

    def __init__(self, engine: Engine, what: str, *, write: bool) -> None:
        self._engine, self._what, self._write = engine, what, write
        self._context: Any = None

    def __enter__(self) -> Connection:
        try:
            self._context = self._engine.begin() if self._write else self._engine.connect()
            conn: Connection = self._context.__enter__()
        except SQLAlchemyError as exc:
            raise self._wrap(exc) from exc
        return conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._context.__exit__(exc_type, exc, tb)
        except SQLAlchemyError as error:
            raise self._wrap(error) from error
        if isinstance(exc, SQLAlchemyError):
            raise self._wrap(exc) from exc

    def _wrap(self, exc: SQLAlchemyError) -> StorageError:
        # The driver's message may quote bound values (report text, names), so only its class
        # and the original error's class are given; the cause stays chained for debugging.
        orig = getattr(exc, "orig", None)
        detail = type(orig).__name__ if orig is not None else type(exc).__name__
        return StorageError(f"cannot {self._what}: database error ({detail})")


# -- helpers ------------------------------------------------------------------------------


def _check_evidence(extraction: Extraction, texts: dict[str, str]) -> None:
    text = texts[extraction.document_id]
    records: list[tuple[str, Evidence]] = [
        *(("claim", c.evidence) for c in extraction.claims),
        *(("person", p.evidence) for p in extraction.persons),
        *(("incident", i.evidence) for i in extraction.incidents),
    ]
    for kind, evidence in records:
        if not evidence.holds_in(text):
            # Offsets only: the quote itself may name a person and must not reach a log.
            raise StorageError(
                f"{kind} evidence at {evidence.start}..{evidence.end} does not match the text of "
                f"document {extraction.document_id}; nothing was saved"
            )


def _unique(doc_id: str, kind: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop rows whose content-hash id repeats: the same span saying the same thing twice."""
    kept: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["id"] in kept:
            LOGGER.warning("document %s: dropped a repeated %s at %s", doc_id, kind, row["start"])
            continue
        kept[row["id"]] = row
    return list(kept.values())


def _provenance(row: Row[Any]) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "published": row.doc_published,
        "publisher": row.doc_publisher,
        "url": row.doc_url,
        "extractor_version": row.extractor_version,
    }


def _insert_documents(
    conn: Connection, docs: Sequence[Document], links: dict[str, WarcLink]
) -> IngestResult:
    """Insert the documents not yet stored (with their WARC links, if any); one id once."""
    ids = list(dict.fromkeys(d.id for d in docs))
    present: set[str] = set()
    for chunk in _chunks(ids):
        present.update(conn.scalars(select(t.documents.c.id).where(t.documents.c.id.in_(chunk))))
    added: list[str] = []
    duplicates: list[str] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    ingested_at = _now()
    for doc in docs:
        if doc.id in present or doc.id in seen:
            duplicates.append(doc.id)
            continue
        seen.add(doc.id)
        added.append(doc.id)
        row = t.document_row(doc, ingested_at)
        link = links.get(doc.id)
        if link is not None:
            row.update(warc_record=link.record, warc_sha256=link.sha256)
        rows.append(row)
    if rows:
        conn.execute(insert(t.documents), rows)
    return IngestResult(added=tuple(added), duplicates=tuple(duplicates))
