"""The evidence archive (issue 9): WARC records that replay, hashes that hold, raw files once."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect

from uprising.archive import (
    Exchange,
    RawStore,
    WarcArchive,
    WarcRef,
    iter_records,
    payload_digest,
    read_record,
    verify_record,
)
from uprising.errors import InputError, StorageError
from uprising.ingest import document_id
from uprising.records import Document
from uprising.storage import Database
from uprising.storage.repository import WarcLink

WHEN = dt.datetime(2022, 10, 3, 12, 30, tzinfo=dt.UTC)


def _exchange(n: int, payload: bytes | None = None, **extra: object) -> Exchange:
    values: dict[str, object] = {
        "url": f"https://news.example/story/{n}",
        "method": "GET",
        "request_target": f"/story/{n}",
        "request_headers": [("Host", "news.example"), ("User-Agent", "uprising-test/1.0")],
        "http_version": "HTTP/1.1",
        "status": 200,
        "reason": "OK",
        "response_headers": [("Content-Type", "text/html; charset=utf-8")],
        "payload": payload if payload is not None else f"<p>story {n}</p>".encode(),
        "fetched_at": WHEN,
        "ip_address": "93.184.216.34",
        **extra,
    }
    return Exchange(**values)  # type: ignore[arg-type]


def test_written_records_replay_exactly(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        first = archive.write(_exchange(1))
        second = archive.write(_exchange(2, b"\x00binary\xff"))
    assert first.ref.path == second.ref.path and second.ref.offset > first.ref.offset
    replay = read_record(tmp_path, second.ref)
    assert replay.url == "https://news.example/story/2"
    assert replay.payload == b"\x00binary\xff"
    expected = hashlib.sha256(replay.payload).hexdigest()
    assert replay.payload_sha256 == second.payload_sha256 == expected
    assert replay.payload_digest == payload_digest(replay.payload)
    assert replay.payload_digest.startswith("sha256:")
    assert replay.date == "2022-10-03T12:30:00.000000Z" and replay.ip_address == "93.184.216.34"
    assert replay.status_line == "HTTP/1.1 200 OK"
    assert replay.header("content-type") == "text/html; charset=utf-8"


def test_each_exchange_is_a_response_and_a_request_record(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        archived = archive.write(_exchange(1))
    records = list(iter_records(tmp_path / archived.ref.path))
    assert [kind for kind, _, _ in records] == ["warcinfo", "response", "request"]
    assert records[1][2] == archived.ref.offset
    # Every record is its own gzip member, so a reader can start at any record's offset.
    raw = (tmp_path / archived.ref.path).read_bytes()
    assert raw[archived.ref.offset:archived.ref.offset + 2] == b"\x1f\x8b"
    assert b"GET /story/1 HTTP/1.1" in gzip.decompress(raw)


def test_closed_warc_files_are_read_only(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        archived = archive.write(_exchange(1))
    mode = (tmp_path / archived.ref.path).stat().st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_a_second_archive_writes_its_own_file(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as one, WarcArchive(tmp_path) as two:
        refs = {one.write(_exchange(1)).ref.path, two.write(_exchange(2)).ref.path}
    assert len(refs) == 2


def test_verify_detects_a_changed_payload(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        archived = archive.write(_exchange(1, b"at least 12 were detained"))
    verify_record(tmp_path, archived.ref, archived.payload_sha256)
    with pytest.raises(StorageError, match="does not match"):
        verify_record(tmp_path, archived.ref, hashlib.sha256(b"something else").hexdigest())
    path = tmp_path / archived.ref.path
    os.chmod(path, 0o644)
    raw = path.read_bytes()
    start = archived.ref.offset
    member = gzip.decompress(raw[start:])  # only the response record and what follows
    forged = gzip.compress(member.replace(b"at least 12", b"at least 99"))
    path.write_bytes(raw[:start] + forged)
    with pytest.raises(StorageError, match="does not match"):
        verify_record(tmp_path, archived.ref, archived.payload_sha256)


@pytest.mark.parametrize("text", ["warc/a.warc.gz", "warc/a.warc.gz#x", "../etc/passwd#0",
                                  "/etc/passwd#0", "#12"])
def test_malformed_references_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a WARC reference"):
        WarcRef.parse(text)


def test_reference_round_trips() -> None:
    ref = WarcRef(path="warc/u-1.warc.gz", offset=1234)
    assert WarcRef.parse(str(ref)) == ref


def test_reading_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot read the WARC file"):
        read_record(tmp_path, "warc/none.warc.gz#0")


def test_raw_files_are_kept_once_by_their_hash(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    sha, path = store.keep(b"HRANA said 40 people were arrested.")
    again, same = store.keep(b"HRANA said 40 people were arrested.")
    assert (sha, path) == (again, same) == (sha, store.path_for(sha))
    assert path.relative_to(tmp_path).parts == ("raw", sha[:2], sha[2:])
    assert store.read(sha) == b"HRANA said 40 people were arrested."
    assert not path.stat().st_mode & stat.S_IWUSR
    assert [p.name for p in path.parent.iterdir()] == [sha[2:]]  # no temporary file left


def test_a_tampered_raw_file_is_detected_not_overwritten(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    sha, path = store.keep(b"original")
    os.chmod(path, 0o644)
    path.write_bytes(b"changed")
    with pytest.raises(StorageError, match="no longer matches"):
        store.keep(b"original")
    with pytest.raises(StorageError, match="no longer matches"):
        store.read(sha)
    assert path.read_bytes() == b"changed"


def test_raw_store_refuses_a_name_that_is_not_a_hash(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a sha256"):
        RawStore(tmp_path).path_for("../../etc/passwd")


# -- the database side -------------------------------------------------------------------------


def _doc(text: str) -> Document:
    return Document(id=document_id(text), text=text, url="https://news.example/s", origin="web")


def test_migration_adds_the_archive_columns_and_feed_items(database: Database) -> None:
    inspector = inspect(database.engine)
    columns = {c["name"] for c in inspector.get_columns("documents")}
    assert {"warc_record", "warc_sha256"} <= columns
    assert {c["name"] for c in inspector.get_columns("feed_items")} == {
        "feed_hash", "item_hash", "seen_at"}


def test_archived_documents_keep_their_first_link(database: Database) -> None:
    first = WarcLink(record="warc/a.warc.gz#0", sha256="a" * 64)
    later = WarcLink(record="warc/b.warc.gz#0", sha256="b" * 64)
    result = database.add_archived_documents([(_doc("Twelve were detained."), first)])
    again = database.add_archived_documents([(_doc("Twelve were detained."), later)])
    assert len(result.added) == 1 and again.duplicates == result.added
    assert database.warc_link(result.added[0]) == first
    assert database.archived_documents() == [(result.added[0], first)]


def test_a_document_from_disk_gets_the_link_when_fetched_later(database: Database) -> None:
    doc = _doc("Nine were released on bail.")
    database.add_documents([doc])
    assert database.warc_link(doc.id) is None
    link = WarcLink(record="warc/a.warc.gz#10", sha256="c" * 64)
    database.add_archived_documents([(doc, link)])
    assert database.warc_link(doc.id) == link


def test_feed_items_are_marked_seen_with_their_documents(database: Database) -> None:
    link = WarcLink(record="warc/a.warc.gz#0", sha256="d" * 64)
    database.add_archived_documents([(_doc("A strike began."), link)], feed_hash="f" * 64,
                                    seen_items=["1" * 64, "2" * 64])
    assert database.seen_feed_items("f" * 64, ["1" * 64, "3" * 64]) == {"1" * 64}
    assert database.seen_feed_items("e" * 64, ["1" * 64]) == set()
    database.mark_feed_items_seen("f" * 64, ["2" * 64, "3" * 64])
    assert database.counts()["feed_items"] == 3


def test_archived_documents_refuse_unpaired_items(database: Database) -> None:
    with pytest.raises(TypeError, match=r"\(Document, WarcLink\) pairs"):
        database.add_archived_documents([_doc("x")])  # type: ignore[list-item]


def test_document_ids_can_be_found_by_their_start(database: Database) -> None:
    doc = _doc("Shops closed in the bazaar.")
    database.add_documents([doc])
    assert database.document_ids_starting(doc.id[:20]) == [doc.id]
    assert database.document_ids_starting("sha256:%") == []
