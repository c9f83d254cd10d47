"""The rows a report needs, filtered in SQL: latest figures per source, and a period's records.

A report over a large database must not read every claim into Python. These queries return only:

- per measure, subject, place, source and as-of day, the one claim a tally or a chart would keep
  (`latest_figures`), up to the period's end: a few thousand rows where the database holds
  hundreds of thousands of claims;
- the incidents and persons of the period (`incidents_between`, `persons_between`).

They are written with SQLAlchemy Core as portable SQL (a window function, `substr`, `length`,
`coalesce`, `CASE`), so SQLite and PostgreSQL run the same text. Dates are compared without any
date function: a stored `date` is ISO text ("YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"), and ISO
text sorts as the days do; a document's `published` is a real DATE column and is compared with a
bound date.

Exactness: `latest_figures` partitions more finely than the Python tally groups (the as-of day
taken from the claim's date and the one taken from publication are separate columns, an empty
source is apart from a missing one), and within a partition orders exactly as the tally does
(publication day, then lower bound, then document order). Each partition's first row therefore
contains every winner the tally and the charts would pick, and `uprising.analysis` run over these
rows gives the same report as over all claims; `tests/test_report_queries.py` checks that.

Usage::

    with Database.open(url) as db:
        rows = latest_figures(db, until=dt.date(2022, 12, 15))
        seen = incidents_between(db, start=..., end=...)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from uprising.errors import StorageError
from uprising.storage import tables as t
from uprising.storage.repository import Database, StoredClaim, StoredIncident, StoredPerson
from uprising.storage.search import reviews

__all__ = ["incidents_between", "latest_figures", "persons_between"]

LOGGER = logging.getLogger(__name__)


def latest_figures(db: Database, *, until: dt.date | None = None,
                   place: str | None = "IR") -> list[StoredClaim]:
    """Per measure, subject, place, source and as-of day, the claim a tally would keep.

    Args:
        db: the database.
        until: leave out figures valid after this day, and those with no as-of day at all;
            None keeps every figure.
        place: figures about this place only (national ones by default); None keeps all.

    Returns:
        Claims with their documents' provenance, in document and text order (the order
        `Database.claim_rows` gives), so ties resolve as they would over every claim.
    """
    claims, docs = t.claims, t.documents
    dated = _has_date(claims.c.date)
    # The last day of the claim's date or period: the last ten characters of either spelling.
    date_as_of = func.substr(claims.c.date, func.length(claims.c.date) - 9, 10)
    unsourced = or_(claims.c.source.is_(None), claims.c.source == "")
    has_value = or_(claims.c.low.is_not(None), claims.c.high.is_not(None))
    conditions: list[ColumnElement[bool]] = [
        # a syndicated copy's figures are counted by the report it copies
        claims.c.document_id.not_in(select(t.document_duplicates.c.document_id)),
        # a claim whose latest review rejects it counts for nothing; the row itself stays
        claims.c.id.not_in(_rejected("claim")),
    ]
    if place is not None:
        conditions.append(claims.c.place == place)
    if until is not None:
        conditions.append(or_(
            and_(dated, date_as_of <= until.isoformat()),
            and_(~dated, docs.c.published <= until),
        ))
    rank = func.row_number().over(
        partition_by=(
            claims.c.measure,
            claims.c.subject,
            claims.c.place,
            claims.c.source,
            case((unsourced, docs.c.publisher), else_=null()),
            case((dated, date_as_of), else_=null()),
            case((dated, null()), else_=docs.c.published),
            case((has_value, 1), else_=0),
        ),
        # The tally's own order (`analysis.tally._newer`, `series._rank`): later publication,
        # then the larger lower bound (a missing one counts as 0), then the first in document
        # order, which is the one Python meets first and keeps on a tie.
        order_by=(
            case((docs.c.published.is_(None), 1), else_=0),
            docs.c.published.desc(),
            func.coalesce(claims.c.low, 0).desc(),
            claims.c.document_id,
            claims.c.start,
            claims.c.end,
            claims.c.id,
        ),
    ).label("figure_rank")
    # The window runs over narrow rows (ids and keys); only the winners are read whole.
    ranked = (
        select(claims.c.id, rank)
        .join(docs, docs.c.id == claims.c.document_id)
        .where(*conditions)
        .subquery("ranked")
    )
    query = (
        _with_provenance(claims)
        .join(ranked, ranked.c.id == claims.c.id)
        .where(ranked.c.figure_rank == 1)
        .order_by(claims.c.document_id, claims.c.start, claims.c.end, claims.c.id)
    )
    with _reading(db, "read the latest figures") as conn:
        rows = list(conn.execute(query))
    LOGGER.debug("latest figures: %d rows", len(rows))
    return [StoredClaim(claim=t.claim_from_row(row), **_provenance(row)) for row in rows]


def incidents_between(db: Database, *, start: dt.date, end: dt.date) -> list[StoredIncident]:
    """Incidents of the period: dated in it, or undated and published in it.

    The day of an incident is the first day of its date, else its report's publication day (as
    `reports.weekly` counts it). Returned in document and text order.
    """
    incidents = t.incidents
    in_period = _starts_between(incidents.c.date, start, end)
    undated_published = and_(~_has_date(incidents.c.date),
                             t.documents.c.published.between(start, end))
    rows = _union_in_order(db, incidents, in_period, undated_published, "read the incidents")
    return [StoredIncident(incident=t.incident_from_row(row), **_provenance(row))
            for row in rows]


def persons_between(db: Database, *, start: dt.date, end: dt.date) -> list[StoredPerson]:
    """Persons of the period: named in a report published in it, or with a fate dated in it.

    Returned in document and text order.
    """
    persons = t.persons
    in_period = _starts_between(persons.c.date, start, end)
    # Published in the period but not already found by its date: the two halves never overlap.
    published_only = and_(t.documents.c.published.between(start, end),
                          or_(persons.c.date.is_(None), ~in_period))
    rows = _union_in_order(db, persons, in_period, published_only, "read the persons")
    return [StoredPerson(person=t.person_from_row(row), **_provenance(row)) for row in rows]


# -- helpers ------------------------------------------------------------------------------


def _rejected(kind: str) -> Select[Any]:
    """Ids of records of `kind` whose latest review is a rejection."""
    latest = (select(func.max(reviews.c.id)).where(reviews.c.kind == kind)
              .group_by(reviews.c.record_id))
    return select(reviews.c.record_id).where(reviews.c.id.in_(latest),
                                             reviews.c.decision == "reject")


def _has_date(column: Any) -> ColumnElement[bool]:
    # An empty string is no date, as `if date:` has it in the analysis code.
    return and_(column.is_not(None), column != "")


def _starts_between(column: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """The first day of an ISO date or period lies in [start, end], as plain text comparison.

    "2022-11-20" and "2022-11-20/2022-11-25" both sort at or after "2022-11-20" and before
    "2022-11-21", so the test is a range over the text, which an index on the column serves.
    """
    after = (end + dt.timedelta(days=1)).isoformat()
    return and_(column >= start.isoformat(), column < after)


def _with_provenance(table: Any, *extra: Any) -> Select[Any]:
    docs = t.documents
    return select(
        table,
        docs.c.published.label("doc_published"),
        docs.c.publisher.label("doc_publisher"),
        docs.c.url.label("doc_url"),
        *extra,
    ).join(docs, docs.c.id == table.c.document_id)


def _union_in_order(db: Database, table: Any, first: ColumnElement[bool],
                    second: ColumnElement[bool], what: str) -> list[Row[Any]]:
    """Rows meeting `first` or `second` (never both), in document and text order.

    Two halves joined by UNION ALL rather than one OR: each half can use its own index (the
    record's date, the document's publication day), which one OR across two tables cannot.
    """
    both = union_all(
        _with_provenance(table, literal(0).label("half")).where(first),
        _with_provenance(table, literal(1).label("half")).where(second),
    ).subquery("period")
    query = select(both).order_by(both.c.document_id, both.c.start, both.c.end, both.c.id)
    with _reading(db, what) as conn:
        return list(conn.execute(query))


def _provenance(row: Row[Any]) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "published": row.doc_published,
        "publisher": row.doc_publisher,
        "url": row.doc_url,
        "extractor_version": row.extractor_version,
    }


@contextmanager
def _reading(db: Database, what: str) -> Iterator[Connection]:
    """A connection whose driver errors become StorageError naming what was being done."""
    try:
        with db.engine.connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        # Only the error's class: a driver message may quote bound values (names, report text).
        orig = getattr(exc, "orig", None)
        detail = type(orig).__name__ if orig is not None else type(exc).__name__
        raise StorageError(f"cannot {what}: database error ({detail})") from exc
