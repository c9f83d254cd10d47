"""Rows to CSV, JSON, JSONL and Parquet: the byte-level writers every export shares.

Lists (a person's fates, the rules behind a record) are JSON arrays in JSON and JSONL, native
lists in Parquet and ";"-joined text in CSV, where a cell holds one value. Parquet columns get
explicit types, so an all-empty column is still a string or an integer column rather than null.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Sequence
from typing import IO, Any

__all__ = ["LIST_FIELDS", "write_csv", "write_json", "write_jsonl", "write_parquet"]

LOGGER = logging.getLogger(__name__)

LIST_FIELDS = frozenset({"fates", "rules", "ages"})
_INT_FIELDS = frozenset({"low", "high", "start", "end", "age", "fatalities", "geo_precision",
                         "time_precision", "year"})
_FLOAT_FIELDS = frozenset({"latitude", "longitude"})
_INT_LIST_FIELDS = frozenset({"ages"})


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], fields: Sequence[str]) -> int:
    """Write a header and one line per row; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="raise",
                            lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object a line, UTF-8 as is; returns the number of rows."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count


def write_json(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A JSON array of the rows; returns the number of rows."""
    listed = list(rows)
    json.dump(listed, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(listed)


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes], fields: Sequence[str]) -> int:
    """A Parquet file with one typed column per field; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(name: str) -> Any:
        if name in _INT_LIST_FIELDS:
            return pa.list_(pa.int64())
        if name in LIST_FIELDS:
            return pa.list_(pa.string())
        if name in _INT_FIELDS:
            return pa.int64()
        if name in _FLOAT_FIELDS:
            return pa.float64()
        return pa.string()

    schema = pa.schema([(name, kind(name)) for name in fields])
    listed = [{name: row.get(name) for name in fields} for row in rows]
    table = pa.Table.from_pylist(listed, schema=schema)
    pq.write_table(table, out)
    return len(listed)
