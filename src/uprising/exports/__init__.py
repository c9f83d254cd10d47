"""Exports in the field's formats: CSV, JSON, JSONL, GeoJSON, ACLED-style CSV and Parquet.

Every row of every format carries the document id and the exact quote (with offsets) it was read
from. `export` writes one kind of record in one format; the column lists and the ACLED mapping
are documented in docs/exports.md.

Usage::

    with Database.open(url) as db, open("claims.csv", "w", encoding="utf-8") as out:
        export(db, records="claims", fmt="csv", out=out)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from uprising.errors import InputError
from uprising.exports.acled import ACLED_FIELDS, acled_rows
from uprising.exports.geojson import write_geojson
from uprising.exports.rows import (
    CLAIM_FIELDS,
    INCIDENT_FIELDS,
    PERSON_FIELDS,
    claim_from_row,
    claim_row,
    incident_from_row,
    incident_row,
    person_from_row,
    person_row,
)
from uprising.exports.writers import write_csv, write_json, write_jsonl, write_parquet
from uprising.storage import Database

__all__ = [
    "BINARY_FORMATS",
    "EXPORT_FORMATS",
    "RECORD_KINDS",
    "claim_from_row",
    "export",
    "export_rows",
    "incident_from_row",
    "person_from_row",
]

LOGGER = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "json", "jsonl", "geojson", "acled", "parquet")
BINARY_FORMATS = frozenset({"parquet"})
RECORD_KINDS = ("claims", "persons", "incidents")

_FIELDS = {"claims": CLAIM_FIELDS, "persons": PERSON_FIELDS, "incidents": INCIDENT_FIELDS}


def export_rows(db: Database, records: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The export rows of one kind of record, and their columns, in storage order."""
    if records == "claims":
        return [claim_row(r) for r in db.claim_rows()], CLAIM_FIELDS
    if records == "persons":
        return [person_row(r) for r in db.person_rows()], PERSON_FIELDS
    if records == "incidents":
        return [incident_row(r) for r in db.incident_rows()], INCIDENT_FIELDS
    raise InputError(f"unknown record kind {records!r}", field="records",
                     hint=f"choose one of: {', '.join(RECORD_KINDS)}")


def export(
    db: Database,
    *,
    records: str,
    fmt: str,
    out: IO[Any],
    progress: Callable[[Iterable[dict[str, Any]], int], Iterator[dict[str, Any]]] | None = None,
) -> int:
    """Write every stored record of one kind in one format to `out`; returns the row count.

    `acled` always exports incidents (ACLED rows are events), joined with killed-claims for
    fatalities. `parquet` needs a binary `out`; the others a text one. `progress` wraps the rows
    (a progress bar on a terminal).

    Raises:
        InputError: an unknown format or record kind, or `acled` asked for other records.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}", field="format",
                         hint=f"choose one of: {', '.join(EXPORT_FORMATS)}")
    if fmt == "acled":
        if records != "incidents":
            raise InputError(f"the acled format holds events, not {records}", field="records",
                             hint="use --records incidents with --format acled")
        rows = acled_rows(db.incident_rows(), db.claim_rows())
        fields: tuple[str, ...] = ACLED_FIELDS
    else:
        rows, fields = export_rows(db, records)
    stream: Iterable[dict[str, Any]] = progress(rows, len(rows)) if progress else rows
    if fmt in ("csv", "acled"):
        count = write_csv(stream, out, fields)
    elif fmt == "json":
        count = write_json(stream, out)
    elif fmt == "jsonl":
        count = write_jsonl(stream, out)
    elif fmt == "geojson":
        count = write_geojson(stream, out)
    else:
        count = write_parquet(stream, out, fields)
    LOGGER.info("exported %d %s as %s", count, records, fmt)
    return count
