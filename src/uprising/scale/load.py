"""`uprising load`: bulk-load a finished Dask extraction into the database.

One partition is one batch and one transaction: its documents, claims, persons and incidents and
one extraction run per document. Every row is keyed by its content hash (documents by their
normalised text, records by document, span and what they say), and rows already present are
skipped, so loading twice changes nothing. A load that crashes leaves every committed partition
in place and nothing of the one it was writing; run again, it skips each partition whose
documents all have a run of this extractor version, and goes on from there.

PostgreSQL gets `COPY` into a temporary staging table and one `INSERT ... SELECT ... ON CONFLICT
DO NOTHING` per table, the fast path for millions of rows; SQLite (and anything else) gets
SQLAlchemy's executemany inserts with `ON CONFLICT DO NOTHING` (or a check of the ids present).

The contract's records carry no rule names, so loaded rows have an empty `rules` list; the
evidence is checked against the document text before a partition is written, as
`Database.save_extractions` does.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

from uprising.errors import InputError, StorageError
from uprising.ingest.frontmatter import parse_day
from uprising.records import Claim, Document, Evidence, Incident, Person
from uprising.scale.dask_extract import read_manifest
from uprising.scale.parts import part_path, read_part
from uprising.storage import Database
from uprising.storage import tables as t
from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

__all__ = ["LoadSummary", "load_output"]

LOGGER = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadSummary:
    """What a load did: partitions loaded and skipped (done before), rows written, time."""

    partitions_loaded: int
    partitions_skipped: int
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def load_output(out_dir: str, url: str | None = None, *,
                after_partition: Callable[[int], None] | None = None) -> LoadSummary:
    """Load every partition of the run in `out_dir` into the database at `url`.

    `after_partition(index)` runs after each committed partition (progress; tests crash there).

    Raises:
        InputFileError: `out_dir` holds no finished run.
        InputError: a record's quote is not its document's text at its offsets.
        StorageError: the database cannot be opened or written.
    """
    manifest = read_manifest(out_dir)
    fmt, version = manifest["format"], manifest["extractor_version"]
    loaded = skipped = rows = 0
    started = time.perf_counter()
    with Database.open(url) as db:
        engine = db.engine
        for entry in manifest["partitions"]:
            index = entry["index"]
            documents = read_part(part_path(out_dir, "documents", index, fmt), fmt)
            with engine.begin() as conn:
                if _done(conn, documents, version):
                    skipped += 1
                    continue
                records = read_part(part_path(out_dir, "extractions", index, fmt), fmt)
                batch = _batch(documents, records, version, where=f"{out_dir} partition {index}")
                rows += _write(conn, batch, version)
            loaded += 1
            if after_partition is not None:
                after_partition(index)
    summary = LoadSummary(partitions_loaded=loaded, partitions_skipped=skipped, rows=rows,
                          seconds=time.perf_counter() - started)
    LOGGER.info("loaded %d partitions (%d rows), skipped %d already loaded",
                loaded, rows, skipped)
    return summary


def _done(conn: Connection, documents: Sequence[dict[str, Any]], version: str) -> bool:
    ids = list(dict.fromkeys(d["id"] for d in documents))
    runs = t.extraction_runs
    found = 0
    for chunk in _chunks(ids):
        found += conn.scalar(
            select(func.count(func.distinct(runs.c.document_id))).where(
                runs.c.document_id.in_(chunk), runs.c.extractor_version == version)
        ) or 0
    return found == len(ids)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Batch:
    documents: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    persons: list[dict[str, Any]]
    incidents: list[dict[str, Any]]
    runs: list[dict[str, Any]]


def _batch(documents: Sequence[dict[str, Any]], records: Sequence[dict[str, Any]],
           version: str, *, where: str) -> _Batch:
    """Rows of one partition, deduplicated by id, with every quote checked."""
    if len(documents) != len(records):
        raise InputError(f"has {len(documents)} documents but {len(records)} extraction records",
                         path=where, hint="rerun the extraction; the partition is incomplete")
    now = dt.datetime.now(dt.UTC)
    docs: dict[str, dict[str, Any]] = {}
    claims: dict[str, dict[str, Any]] = {}
    persons: dict[str, dict[str, Any]] = {}
    incidents: dict[str, dict[str, Any]] = {}
    runs: dict[str, dict[str, Any]] = {}
    for number, (doc, record) in enumerate(zip(documents, records, strict=True), start=1):
        document = _document(doc, where, number)
        doc_id = document.id
        docs.setdefault(doc_id, t.document_row(document, now))
        counts = {"claims": 0, "persons": 0, "incidents": 0}
        for kind, build, row_of, into in (
            ("claims", _claim, t.claim_row, claims),
            ("persons", _person, t.person_row, persons),
            ("incidents", _incident, t.incident_row, incidents),
        ):
            for item in record.get(kind) or ():
                made: Any = build(item)
                if not made.evidence.holds_in(document.text):
                    raise InputError(f"a {kind[:-1]} quote at {made.evidence.start}.."
                                     f"{made.evidence.end} is not the document's text there",
                                     path=where, line=number, field=kind,
                                     hint="load only output of `uprising extract-dask`")
                row = row_of(doc_id, made, version)
                into.setdefault(row["id"], row)
                counts[kind] += 1
        runs.setdefault(doc_id, {"document_id": doc_id, "extractor_version": version,
                                 "ran_at": now, **counts, "errors": 0})
    return _Batch(documents=list(docs.values()), claims=list(claims.values()),
                  persons=list(persons.values()), incidents=list(incidents.values()),
                  runs=list(runs.values()))


def _document(row: dict[str, Any], where: str, number: int) -> Document:
    published = row.get("published")
    return Document(
        id=row["id"], text=row["text"], title=row.get("title"),
        published=parse_day(published, path=where, line=number, field="published")
        if published else None,
        url=row.get("url"), publisher=row.get("publisher"), language=row.get("language"),
        origin=row.get("origin"), raw_sha256=row.get("raw_sha256"),
    )


def _evidence(item: dict[str, Any]) -> Evidence:
    return Evidence(quote=item["quote"], start=item["start"], end=item["end"])


def _claim(item: dict[str, Any]) -> Claim:
    return Claim(
        measure=Measure(item["measure"]),
        subject=Subject(item["subject"]) if item.get("subject") else None,
        low=item.get("low"), high=item.get("high"), qualifier=Qualifier(item["qualifier"]),
        place=item.get("place"), city=item.get("city"), date=item.get("date"),
        source=item.get("source"), evidence=_evidence(item),
    )


def _person(item: dict[str, Any]) -> Person:
    return Person(
        name=item["name"], age=item.get("age"),
        gender=Gender(item["gender"]) if item.get("gender") else None,
        fates=tuple(Fate(f) for f in item.get("fates") or ()),
        place=item.get("place"), city=item.get("city"), date=item.get("date"),
        evidence=_evidence(item), ages=tuple(item.get("ages") or ()),
    )


def _incident(item: dict[str, Any]) -> Incident:
    return Incident(type=IncidentType(item["type"]), place=item.get("place"),
                    city=item.get("city"), date=item.get("date"), evidence=_evidence(item))


def _write(conn: Connection, batch: _Batch, version: str) -> int:
    """Insert a partition's rows that are not there yet; the number of rows offered."""
    written = 0
    for table, rows in ((t.documents, batch.documents), (t.claims, batch.claims),
                        (t.persons, batch.persons), (t.incidents, batch.incidents)):
        if rows:
            _insert_new(conn, table, rows)
            written += len(rows)
    runs = t.extraction_runs
    have: set[str] = set()
    ids = [r["document_id"] for r in batch.runs]
    for chunk in _chunks(ids):
        have.update(conn.scalars(select(runs.c.document_id).where(
            runs.c.document_id.in_(chunk), runs.c.extractor_version == version)))
    new_runs = [r for r in batch.runs if r["document_id"] not in have]
    if new_runs:
        conn.execute(insert(runs), new_runs)
    return written + len(new_runs)


def _insert_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    dialect = conn.dialect.name
    if dialect == "postgresql":
        _copy_new(conn, table, rows)
    elif dialect == "sqlite":
        conn.execute(sqlite.insert(table).on_conflict_do_nothing(), rows)
    else:
        key = table.c.id
        present: set[Any] = set()
        for chunk in _chunks([r["id"] for r in rows]):
            present.update(conn.scalars(select(key).where(key.in_(chunk))))
        fresh = [r for r in rows if r["id"] not in present]
        if fresh:
            conn.execute(insert(table), fresh)


def _copy_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY rows into a staging table, then move the new ones across in one statement."""
    columns = list(rows[0])
    preparer = conn.dialect.identifier_preparer
    name = preparer.quote(table.name)
    stage = preparer.quote(f"stage_{table.name}")
    listed = ", ".join(preparer.quote(c) for c in columns)
    raw: Any = conn.connection.driver_connection
    if raw is None or not hasattr(raw, "cursor"):
        raise StorageError("PostgreSQL COPY needs the psycopg driver (postgresql+psycopg://...)")
    with raw.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {name}) "
                       "ON COMMIT DELETE ROWS")
        with cursor.copy(f"COPY {stage} ({listed}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row[c] for c in columns))
        cursor.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM {stage} "
                       "ON CONFLICT DO NOTHING")
        cursor.execute(f"TRUNCATE {stage}")


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
