"""The evidence archive: every fetched response as WARC records, raw files kept write-once.

Reports change or disappear; what was fetched must stay provable. Each exchange becomes a WARC
`response` record (status, headers and the payload exactly as received, still content-encoded)
and its `request` record, written with warcio into gzip members so each record can be read on its
own from its offset. Digests are sha256 (WARC 1.1 allows any algorithm); the payload's sha256 is
also returned in hex, the spelling the database keeps beside each document.

A reference to a record is "warc/FILE.warc.gz#OFFSET", relative to the archive folder, so the
folder can move as a whole. WARC files are created exclusively, only ever appended to by the one
writer that created them, and made read-only when closed.

Raw files ingested from disk go to `raw/ab/cdef…`, named by the sha256 of their bytes: the same
bytes are stored once, and a file already there is never rewritten.

Usage::

    with WarcArchive(Path("archive")) as archive:
        archived = archive.write(exchange)        # ArchivedRecord(ref="warc/…#0", ...)
    replay = read_record(Path("archive"), archived.ref)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import re
import secrets
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from uprising.errors import InputError, StorageError

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

LOGGER = logging.getLogger(__name__)

WARC_FOLDER = "warc"
RAW_FOLDER = "raw"
ROTATE_BYTES = 1_000_000_000  # the customary ceiling of one WARC file
_HEX = re.compile(r"[0-9a-f]{64}")
_SOFTWARE = "uprising (warcio)"


@dataclass(frozen=True, slots=True, kw_only=True)
class WarcRef:
    """Where one record lives: a WARC file relative to the archive folder, and a byte offset."""

    path: str
    offset: int

    def __str__(self) -> str:
        return f"{self.path}#{self.offset}"

    @classmethod
    def parse(cls, text: str) -> WarcRef:
        """Read "warc/FILE.warc.gz#OFFSET" back.

        Raises:
            InputError: the text is not a reference, or climbs out of the archive folder.
        """
        path, hash_sign, offset = text.rpartition("#")
        parts = Path(path).parts
        if not hash_sign or not offset.isdigit() or not path or ".." in parts or "/" in parts[:1]:
            raise InputError(f'"{text}" is not a WARC reference',
                             hint="write it as warc/FILE.warc.gz#OFFSET")
        return cls(path=path, offset=int(offset))


@dataclass(frozen=True, slots=True, kw_only=True)
class Exchange:
    """One HTTP request and its response, as sent and as received."""

    url: str
    method: str
    request_target: str  # path and query, as on the request line
    request_headers: Sequence[tuple[str, str]]
    http_version: str
    status: int
    reason: str
    response_headers: Sequence[tuple[str, str]]
    payload: bytes  # the body as received: de-chunked, still content-encoded
    fetched_at: dt.datetime
    ip_address: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchivedRecord:
    """What `WarcArchive.write` stored: the response record's place, id and payload hash."""

    ref: WarcRef
    record_id: str
    payload_sha256: str  # hex


@dataclass(frozen=True, slots=True, kw_only=True)
class Replay:
    """A response record read back from the archive."""

    ref: WarcRef
    record_id: str
    url: str
    date: str
    ip_address: str | None
    status_line: str
    headers: tuple[tuple[str, str], ...]
    payload: bytes
    payload_digest: str  # the WARC-Payload-Digest header as written
    payload_sha256: str  # hex sha256 of `payload` as read now

    @property
    def digest_holds(self) -> bool:
        """Whether the payload read now is the payload whose digest was written."""
        return self.payload_digest == payload_digest(self.payload)

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def payload_digest(payload: bytes) -> str:
    """The WARC spelling of a sha256: "sha256:" and the base32 digest."""
    digester = Digester("sha256")
    digester.update(payload)
    return str(digester)


class _Sha256Writer(WARCWriter):  # type: ignore[misc]  # warcio is untyped
    """warcio's writer with sha256 digests instead of its default sha1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


class WarcArchive:
    """Appends exchanges to this run's WARC file under `root/warc/`; safe across threads."""

    def __init__(self, root: Path, *, prefix: str = "uprising") -> None:
        self.root = Path(root)
        self._prefix = prefix
        self._lock = threading.Lock()
        self._handle: IO[bytes] | None = None
        self._relative = ""
        self._writer: Any = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, exchange: Exchange) -> ArchivedRecord:
        """Append the response and request records of one exchange; return the response's place.

        Raises:
            StorageError: the archive folder or file cannot be written.
        """
        sha = hashlib.sha256(exchange.payload).hexdigest()
        with self._lock:
            try:
                writer, handle = self._open()
                offset = handle.tell()
                response, request = _records(writer, exchange)
                writer.write_request_response_pair(request, response)
                handle.flush()
            except OSError as exc:
                raise StorageError(
                    f"cannot write to the archive folder {self.root}: {exc.strerror}"
                ) from exc
            ref = WarcRef(path=self._relative, offset=offset)
            if handle.tell() >= ROTATE_BYTES:
                self._close_file()
        record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        return ArchivedRecord(ref=ref, record_id=record_id, payload_sha256=sha)

    def close(self) -> None:
        """Finish the current WARC file, sync it to disk and make it read-only."""
        with self._lock:
            self._close_file()

    def _open(self) -> tuple[Any, IO[bytes]]:
        if self._handle is not None:
            return self._writer, self._handle
        folder = self.root / WARC_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self._prefix}-{stamp}-{os.getpid()}-{secrets.token_hex(4)}.warc.gz"
        handle = (folder / name).open("xb")  # exclusive: never append to someone else's file
        writer = _Sha256Writer(handle, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(name, {"software": _SOFTWARE,
                                                                 "format": "WARC File Format 1.1"}))
        self._handle, self._writer, self._relative = handle, writer, f"{WARC_FOLDER}/{name}"
        LOGGER.info("archiving to %s", folder / name)
        return writer, handle

    def _close_file(self) -> None:
        if self._handle is None:
            return
        handle, self._handle, self._writer = self._handle, None, None
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.chmod(self.root / self._relative, 0o444)


def _records(writer: Any, exchange: Exchange) -> tuple[Any, Any]:
    date = exchange.fetched_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    warc_headers = {"WARC-Date": date}
    if exchange.ip_address:
        warc_headers["WARC-IP-Address"] = exchange.ip_address
    status = StatusAndHeaders(
        f"{exchange.status} {exchange.reason}".strip(),
        list(exchange.response_headers),
        protocol=exchange.http_version,
    )
    response = writer.create_warc_record(
        exchange.url, "response", payload=io.BytesIO(exchange.payload),
        length=len(exchange.payload), http_headers=status, warc_headers_dict=warc_headers,
    )
    request_line = StatusAndHeaders(
        f"{exchange.method} {exchange.request_target} {exchange.http_version}",
        list(exchange.request_headers),
        is_http_request=True,
    )
    request = writer.create_warc_record(
        exchange.url, "request", payload=io.BytesIO(b""), length=0, http_headers=request_line,
        warc_headers_dict={"WARC-Date": date},
    )
    return response, request


def read_record(root: Path, ref: WarcRef | str) -> Replay:
    """Read the response record at `ref` back from the archive under `root`.

    Raises:
        InputError: the reference is malformed, or no response record is at that place.
        StorageError: the WARC file is missing or unreadable.
    """
    where = WarcRef.parse(ref) if isinstance(ref, str) else ref
    path = Path(root) / where.path
    try:
        with path.open("rb") as handle:
            handle.seek(where.offset)
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    break
                return _replay(where, record)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the WARC file ({exc.strerror})") from exc
    except Exception as exc:  # warcio raises bare exceptions of its own on a bad offset
        raise InputError(f"no WARC record can be read at offset {where.offset}",
                         path=str(path)) from exc
    raise InputError(f"holds no response record at offset {where.offset}", path=str(path))


def _replay(ref: WarcRef, record: Any) -> Replay:
    payload = record.raw_stream.read()
    http = record.http_headers
    return Replay(
        ref=ref,
        record_id=str(record.rec_headers.get_header("WARC-Record-ID")),
        url=str(record.rec_headers.get_header("WARC-Target-URI")),
        date=str(record.rec_headers.get_header("WARC-Date")),
        ip_address=record.rec_headers.get_header("WARC-IP-Address"),
        status_line=f"{http.protocol} {http.statusline}" if http else "",
        headers=tuple((str(k), str(v)) for k, v in (http.headers if http else [])),
        payload=payload,
        payload_digest=str(record.rec_headers.get_header("WARC-Payload-Digest") or ""),
        payload_sha256=hashlib.sha256(payload).hexdigest(),
    )


def verify_record(root: Path, ref: WarcRef | str, expected_sha256: str) -> Replay:
    """Read a record and check its payload against the hash kept for it and its own digest.

    Raises:
        StorageError: the payload read now differs from `expected_sha256` or from the record's
            WARC-Payload-Digest.
        InputError: as for `read_record`.
    """
    replay = read_record(root, ref)
    if replay.payload_sha256 != expected_sha256 or not replay.digest_holds:
        raise StorageError(
            f"{replay.ref}: payload sha256 {replay.payload_sha256} does not match the recorded "
            f"{expected_sha256} (digest header {replay.payload_digest or 'missing'})"
        )
    return replay


def iter_records(path: Path) -> Iterator[tuple[str, str, int]]:
    """(record type, target URI, offset) of every record of one WARC file, in order."""
    with Path(path).open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
            yield str(record.rec_type), uri, int(records.get_record_offset())


class RawStore:
    """Raw bytes kept write-once under `root/raw/`, named by their sha256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root) / RAW_FOLDER

    def path_for(self, sha256: str) -> Path:
        """Where the bytes with this hex sha256 are (or would be) kept.

        Raises:
            InputError: `sha256` is not 64 lower-case hex digits.
        """
        if not _HEX.fullmatch(sha256):
            raise InputError(f'"{sha256[:80]}" is not a sha256 in hex', field="sha256")
        return self.root / sha256[:2] / sha256[2:]

    def keep(self, data: bytes) -> tuple[str, Path]:
        """Store `data` unless the same bytes are already kept; return (sha256, path).

        The file is written under a temporary name and linked into place, so a reader never sees
        half a file and an existing file is never replaced.

        Raises:
            StorageError: the folder cannot be written, or a file already kept under this hash
                no longer holds the bytes it is named after.
        """
        sha = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha)
        try:
            if path.exists():
                self._check(path, sha)
                return sha, path
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            with temporary.open("xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o444)
            try:
                os.link(temporary, path)
            except FileExistsError:
                self._check(path, sha)  # written meanwhile by another process: same bytes
            finally:
                temporary.unlink()
        except OSError as exc:
            raise StorageError(f"cannot keep a raw file under {self.root}: {exc.strerror}") from exc
        return sha, path

    def read(self, sha256: str) -> bytes:
        """The bytes kept under this hash, checked against it.

        Raises:
            StorageError: nothing is kept under this hash, or the file no longer matches it.
        """
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StorageError(f"{path}: no raw file kept ({exc.strerror})") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StorageError(f"{path}: the kept file no longer matches its sha256")
        return data

    def _check(self, path: Path, sha: str) -> None:
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            raise StorageError(f"{path}: the kept file no longer matches its sha256")
