"""Files and folders of reports -> Documents, with every file checked before any is returned.

Supported: plain text and Markdown (optionally opening with front matter, see `frontmatter`), HTML
pages (main text found by trafilatura, see `html`) and JSONL in the contract's input form, one
report a line. `read_paths` reads and validates everything first and raises on the first problem,
naming the file, the line and the field, so a bad file never leaves half a batch in the database.

Text is normalised before hashing (NFC, one kind of newline, no surrounding blanks) so the same
report read twice, from a Windows editor or a Mac one, is one document. A JSONL line's text is
kept exactly as given, though: that is the contract's input, and extraction offsets must point
into it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from uprising.errors import InputError, InputFileError
from uprising.extract.language import detect_language
from uprising.ingest.frontmatter import parse_day, split_front_matter
from uprising.ingest.html import decode_html, extract_html
from uprising.records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "decode_utf8",
    "document_id",
    "list_files",
    "normalise_text",
    "parse_input_line",
    "read_bytes",
    "read_file",
    "read_paths",
]

LOGGER = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_TEXT_SUFFIXES = (".txt", ".md")
_HTML_SUFFIXES = (".html", ".htm")
_BOM = b"\xef\xbb\xbf"
_OPTIONAL_STRINGS = ("url", "publisher", "language", "title")
_JSONL_HINT = (
    'each line holds one JSON object such as {"id": "r1", "text": "...", "published": "2022-10-03"}'
)


def normalise_text(text: str) -> str:
    """NFC, \\r\\n and lone \\r turned into \\n, surrounding whitespace removed."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", unified).strip()


def document_id(text: str) -> str:
    """The content-hash id of a report: "sha256:" and the hex digest of its normalised text."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


def read_paths(paths: Sequence[str]) -> list[Document]:
    """Read files and folders (recursively) into Documents, validating every one first.

    In a folder, hidden files and folders and unsupported types are skipped; a file named
    explicitly must be of a supported type.

    Raises:
        TypeError: `paths` is a single string rather than a sequence of them.
        InputError: a line or field is wrong; InputFileError when a file cannot be read at all.
    """
    if isinstance(paths, str):
        raise TypeError("read_paths takes a sequence of paths, not one string")
    files = [file for path in paths for file in list_files(path)]
    documents = [doc for file in files for doc in read_file(file)]
    LOGGER.info("read %d documents from %d files", len(documents), len(files))
    return documents


def list_files(path: str) -> list[str]:
    """The supported files at `path`: itself, or those under it in sorted order.

    Raises:
        InputFileError: the path does not exist or a folder cannot be listed.
        InputError: a file named explicitly has an unsupported type.
    """
    if not os.path.exists(path):
        raise InputFileError(
            "does not exist", path=path, hint="check the spelling and the current folder"
        )
    if not os.path.isdir(path):
        if _suffix(path) not in SUPPORTED_SUFFIXES:
            raise InputError(
                f'has an unsupported type "{_suffix(path) or "(none)"}"',
                path=path,
                hint="give " + ", ".join(SUPPORTED_SUFFIXES) + " files, or folders holding them",
            )
        return [path]
    found = sorted(_walk(path), key=lambda rel: rel.split(os.sep))
    if not found:
        LOGGER.warning("%s: no supported files in this folder", path)
    return [os.path.join(path, rel) for rel in found]


def _walk(top: str) -> Iterator[str]:
    def fail(error: OSError) -> None:
        raise InputFileError(
            f"cannot be listed ({error.strerror})", path=error.filename or top
        ) from error

    for folder, subfolders, names in os.walk(top, onerror=fail):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if not name.startswith(".") and _suffix(name) in SUPPORTED_SUFFIXES:
                yield os.path.relpath(os.path.join(folder, name), top)


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def read_file(path: str) -> list[Document]:
    """Read one supported file into its Documents (one, or one per JSONL line).

    Raises:
        InputError, InputFileError: as for `read_paths`.
    """
    raw = read_bytes(path)
    suffix = _suffix(path)
    if suffix == ".jsonl":
        return _read_jsonl(raw, path)
    if suffix in _HTML_SUFFIXES:
        return [_read_html(raw, path)]
    if suffix in _TEXT_SUFFIXES:
        return [_read_text(raw, path, markdown=suffix == ".md")]
    raise InputError(f'has an unsupported type "{suffix}"', path=path)


def read_bytes(path: str) -> bytes:
    """The bytes of a file, without a UTF-8 byte order mark.

    Raises:
        InputFileError: the file cannot be read, or holds nothing but whitespace.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise InputFileError(f"cannot be read ({error.strerror})", path=path) from error
    if not raw.strip():
        raise InputFileError("is empty", path=path, hint="remove it or give it a report's text")
    return raw.removeprefix(_BOM)


def decode_utf8(raw: bytes, path: str) -> str:
    """Decode UTF-8, or raise an InputFileError naming the line and the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputFileError(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x})",
            path=path,
            line=raw.count(b"\n", 0, error.start) + 1,
            hint="save the file as UTF-8",
        ) from None


def _language(declared: str | None, text: str) -> str:
    """The declared language, else the one the text's script says ("fa" or "en"), so that a
    mixed folder sends each document to its own language data."""
    return declared or detect_language(text)


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _read_text(raw: bytes, path: str, *, markdown: bool) -> Document:
    text = decode_utf8(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    front = split_front_matter(text, path=path)
    body = normalise_text(front.body)
    if not body:
        raise InputError(
            "has no text after its front matter",
            path=path,
            line=front.body_line,
            hint="put the report's text after the closing --- line",
        )
    title = front.title
    if title is None and markdown:
        first = body.split("\n", 1)[0]
        if first.startswith("# "):
            title = first[2:].strip() or None
    return Document(
        id=document_id(body),
        text=body,
        published=front.published,
        url=front.url,
        publisher=front.publisher,
        language=_language(front.language, body),
        title=title,
        origin=path,
        raw_sha256=_sha256(raw),
    )


def _read_html(raw: bytes, path: str) -> Document:
    content = extract_html(decode_html(raw, path=path), path=path)
    text = normalise_text(content.text)
    return Document(
        id=document_id(text),
        text=text,
        published=content.published,
        url=content.url,
        publisher=content.publisher,
        language=_language(content.language, text),
        title=content.title,
        origin=path,
        raw_sha256=_sha256(raw),
    )


def _read_jsonl(raw: bytes, path: str) -> list[Document]:
    lines = decode_utf8(raw, path).split("\n")
    raw_lines = raw.split(b"\n")  # UTF-8 never puts 0x0A inside a character: the two align
    documents: list[Document] = []
    first_seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        line_no = index + 1
        input_id, document = parse_input_line(
            line, raw_sha256=_sha256(raw_lines[index].rstrip(b"\r")), path=path, line_no=line_no
        )
        if input_id in first_seen:
            raise InputError(
                f"repeats the id of line {first_seen[input_id]}",
                path=path,
                line=line_no,
                field="id",
                hint="give every line its own id",
            )
        first_seen[input_id] = line_no
        documents.append(document)
    return documents


def parse_input_line(
    line: str, *, raw_sha256: str, path: str, line_no: int
) -> tuple[str, Document]:
    """One line of the contract's input form -> (its input id, its Document)."""
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"is not valid JSON ({error.msg} at column {error.colno})",
            path=path,
            line=line_no,
            hint=_JSONL_HINT,
        ) from None
    if not isinstance(record, dict):
        raise InputError(
            f"holds a JSON {_json_type(record)}, not an object",
            path=path,
            line=line_no,
            hint=_JSONL_HINT,
        )
    input_id = _required_string(record, "id", path=path, line_no=line_no)
    text = _required_string(record, "text", path=path, line_no=line_no)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(
            f"must be a string YYYY-MM-DD or null, not {_json_type(published)}",
            path=path,
            line=line_no,
            field="published",
            hint='write the day as a string, e.g. "published": "2022-10-03", or null',
        )
    optional = {
        name: _optional_string(record, name, path=path, line_no=line_no)
        for name in _OPTIONAL_STRINGS
    }
    day = parse_day(published, path=path, line=line_no, field="published") if published else None
    return input_id, Document(
        id=document_id(text),
        text=text,
        published=day,
        url=optional["url"],
        publisher=optional["publisher"],
        language=_language(optional["language"], text),
        title=optional["title"],
        origin=f"{path}#{input_id}",
        raw_sha256=raw_sha256,
    )


def _required_string(record: dict[str, Any], name: str, *, path: str, line_no: int) -> str:
    if name not in record or record[name] is None:
        raise InputError("is missing", path=path, line=line_no, field=name, hint=_JSONL_HINT)
    value = record[name]
    if not isinstance(value, str):
        raise InputError(
            f"must be a string, not {_json_type(value)}",
            path=path,
            line=line_no,
            field=name,
            hint=f'write it as a JSON string, e.g. "{name}": "..."',
        )
    if not value.strip():
        raise InputError(
            "is empty", path=path, line=line_no, field=name, hint="fill it in or drop the line"
        )
    return value


def _optional_string(record: dict[str, Any], name: str, *, path: str, line_no: int) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(
            f"must be a string or null, not {_json_type(value)}",
            path=path,
            line=line_no,
            field=name,
            hint=f'write it as a JSON string, e.g. "{name}": "...", or null',
        )
    return value.strip() or None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, as a user who wrote the file would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


# The early private names, still imported by uprising.ingest.contract and uprising.cli.numbers;
# new code should use the public ones.
_read_bytes = read_bytes
_decode = decode_utf8
_jsonl_document = parse_input_line
