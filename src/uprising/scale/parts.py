"""Partitions: how big inputs are cut for workers, and the files each partition writes.

An input is cut into partitions of about `size` documents: a JSONL file by byte ranges that end
on line breaks (found in one sequential scan on the client, which keeps only offsets), a Parquet
file by row groups. A worker opens its own range, so the client never holds the reports.

Each partition writes three files under the output folder, named by its index alone:

    OUT/extractions/part-00007.jsonl   the contract's output lines, exactly as `uprising extract`
    OUT/documents/part-00007.jsonl     the documents those lines came from, for `uprising load`
    OUT/errors/part-00007.jsonl        malformed input lines: file, partition, line, reason

(`.parquet` instead of `.jsonl` with `--format parquet`.) Every file is written under a temporary
name and renamed into place, so a task that Dask runs twice (its worker died after writing, say)
replaces its own files and never adds a second copy of a record.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from uprising.errors import InputError, InputFileError

__all__ = [
    "FORMATS",
    "Partition",
    "part_path",
    "plan_partitions",
    "read_input_lines",
    "read_part",
    "write_part",
]

LOGGER = logging.getLogger(__name__)

FORMATS = ("jsonl", "parquet")
KINDS = ("extractions", "documents", "errors")

_STR = pa.string()
_INT = pa.int64()
_EVIDENCE = [("quote", _STR), ("start", _INT), ("end", _INT)]
_CLAIM = pa.struct([
    ("measure", _STR), ("subject", _STR), ("low", _INT), ("high", _INT), ("qualifier", _STR),
    ("place", _STR), ("city", _STR), ("date", _STR), ("source", _STR), *_EVIDENCE,
])
_PERSON = pa.struct([
    ("name", _STR), ("age", _INT), ("gender", _STR), ("fates", pa.list_(_STR)), ("place", _STR),
    ("city", _STR), ("date", _STR), *_EVIDENCE, ("ages", pa.list_(_INT)),
])
_INCIDENT = pa.struct([
    ("type", _STR), ("place", _STR), ("city", _STR), ("date", _STR), *_EVIDENCE,
])
# Explicit schemas: a partition with no persons at all must still write the same columns.
SCHEMAS: dict[str, pa.Schema] = {
    "extractions": pa.schema([
        ("id", _STR), ("claims", pa.list_(_CLAIM)), ("persons", pa.list_(_PERSON)),
        ("incidents", pa.list_(_INCIDENT)),
    ]),
    "documents": pa.schema([(name, _STR) for name in (
        "input_id", "id", "text", "title", "published", "url", "publisher", "language", "origin",
        "raw_sha256",
    )]),
    "errors": pa.schema([("file", _STR), ("partition", _INT), ("line", _INT), ("reason", _STR)]),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Partition:
    """One worker's share of one input file.

    For JSONL, `start`..`end` is a byte range holding whole lines and `first_line` the 1-based
    number of its first line in the file; for Parquet, `start` is a row group and `first_line`
    the 1-based number of its first row.
    """

    index: int
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    end: int
    first_line: int


def plan_partitions(paths: Sequence[str], size: int) -> list[Partition]:
    """Cut the input files into partitions of about `size` documents, numbered from 0.

    Raises:
        InputFileError: a file is missing or is neither .jsonl nor .parquet.
        ValueError: size is below 1.
    """
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    partitions: list[Partition] = []
    for path in paths:
        if not os.path.isfile(path):
            raise InputFileError("does not exist or is not a file", path=path,
                                 hint="give JSONL or Parquet files of the contract's input lines")
        if path.endswith(".parquet"):
            spans = _parquet_spans(path)
            kind = "parquet"
        elif path.endswith((".jsonl", ".json", ".ndjson")):
            spans = _jsonl_spans(path, size)
            kind = "jsonl"
        else:
            raise InputFileError("is neither JSONL (.jsonl) nor Parquet (.parquet)", path=path,
                                 hint="convert it, or name it by its format")
        for start, end, first_line in spans:
            partitions.append(Partition(index=len(partitions), path=path, kind=kind,
                                        start=start, end=end, first_line=first_line))
    LOGGER.info("%d input file(s) in %d partition(s)", len(paths), len(partitions))
    return partitions


def _jsonl_spans(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    start, lines, first_line, offset = 0, 0, 1, 0
    with open(path, "rb") as handle:
        for raw in handle:
            offset += len(raw)
            lines += 1
            if lines == size:
                yield start, offset, first_line
                start, first_line, lines = offset, first_line + size, 0
    if lines:
        yield start, offset, first_line


def _parquet_spans(path: str) -> Iterator[tuple[int, int, int]]:
    metadata = pq.ParquetFile(path).metadata
    first = 1
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        yield group, group + 1, first
        first += rows


def read_input_lines(partition: Partition) -> Iterator[tuple[int, str]]:
    """(line number in the file, JSON text) of each non-blank input line of a partition.

    A Parquet row is turned into the JSON line it stands for, dates as YYYY-MM-DD.

    Raises:
        InputError: a JSONL line is not UTF-8.
    """
    if partition.kind == "parquet":
        table = pq.ParquetFile(partition.path).read_row_group(partition.start)
        for offset, row in enumerate(table.to_pylist()):
            yield partition.first_line + offset, json.dumps(row, ensure_ascii=False, default=str)
        return
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        data = handle.read(partition.end - partition.start)
    for offset, raw in enumerate(data.split(b"\n")):
        if not raw.strip():
            continue
        line_no = partition.first_line + offset
        try:
            yield line_no, raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("is not UTF-8", path=partition.path, line=line_no) from None


def part_path(out_dir: str | Path, kind: str, index: int, fmt: str) -> Path:
    """Where partition `index` keeps its `kind` file ("extractions", "documents", "errors")."""
    if kind not in KINDS:
        raise ValueError(f"unknown part kind {kind!r}; expected one of {', '.join(KINDS)}")
    return Path(out_dir) / kind / f"part-{index:05d}.{fmt}"


def write_part(path: Path, rows: Sequence[dict[str, Any]], kind: str, fmt: str) -> None:
    """Write a partition's rows to `path` atomically: a temporary name, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        if fmt == "parquet":
            pq.write_table(pa.Table.from_pylist(list(rows), schema=SCHEMAS[kind]), temporary)
        else:
            with open(temporary, "w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_part(path: Path, fmt: str) -> list[dict[str, Any]]:
    """The rows of one partition file, as the contract spells them (no `ages` when empty)."""
    if fmt == "parquet":
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        for row in rows:
            for person in row.get("persons") or ():
                if not person.get("ages"):
                    person.pop("ages", None)
        return rows
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
