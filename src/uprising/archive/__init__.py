"""The evidence archive: WARC records of every fetch, and raw files kept write-once by hash."""

from __future__ import annotations

from uprising.archive.warc import (
    ArchivedRecord,
    Exchange,
    RawStore,
    Replay,
    WarcArchive,
    WarcRef,
    iter_records,
    payload_digest,
    read_record,
    verify_record,
)

__all__ = [
    "ArchivedRecord",
    "Exchange",
    "RawStore",
    "Replay",
    "WarcArchive",
    "WarcRef",
    "iter_records",
    "payload_digest",
    "read_record",
    "verify_record",
]
