"""Ingest: files and folders become Documents, and every kind of bad input is named precisely."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uprising.errors import InputError, InputFileError
from uprising.ingest import (
    decode_html,
    document_id,
    list_files,
    normalise_text,
    read_paths,
    split_front_matter,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CASES = Path(__file__).parent / "cases" / "ingest_bad_inputs.jsonl"
ERRORS = {"InputError": InputError, "InputFileError": InputFileError}


def _cases() -> list[Any]:
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]
    return [pytest.param(row, id=row["name"]) for row in rows]


@pytest.fixture
def fixtures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture folder as the current directory, so origins are short and stable."""
    shutil.copytree(FIXTURES, tmp_path / "ingest")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases())
def test_bad_input_raises_with_exact_message(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / case["file"]).write_text(case["content"], encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_paths([case["file"]])
    assert type(raised.value) is ERRORS[case["error"]]
    assert str(raised.value) == case["message"]


def test_missing_path_raises_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputFileError) as raised:
        read_paths(["nowhere/report.txt"])
    assert str(raised.value) == (
        "nowhere/report.txt: does not exist\nHint: check the spelling and the current folder"
    )


@pytest.mark.parametrize(
    ("name", "raw", "line", "byte"),
    [
        ("latin.txt", "Caf\xe9 owners closed early.\n".encode("latin-1"), 1, "e9"),
        ("second_line.md", b"First line is fine.\nSecond has \xff in it.\n", 2, "ff"),
        ("lines.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\x92"}\n', 2, "92"),
        ("page.html", b"<html><body><p>Caf\xe9</p></body></html>", 1, "e9"),
    ],
)
def test_non_utf8_file_names_its_line(
    name: str,
    raw: bytes,
    line: int,
    byte: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(raw)
    with pytest.raises(InputFileError) as raised:
        read_paths([name])
    assert str(raised.value).startswith(f"{name}:{line}: is not UTF-8 text (byte 0x{byte})\n")


def test_one_bad_file_in_a_folder_fails_the_whole_read(fixtures: Path) -> None:
    (fixtures / "ingest" / "folder" / "z_broken.jsonl").write_text('{"id": "x"}\n')
    with pytest.raises(InputError) as raised:
        read_paths(["ingest"])
    assert raised.value.path == "ingest/folder/z_broken.jsonl"
    assert (raised.value.line, raised.value.field) == (1, "text")


def test_message_does_not_repeat_report_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.jsonl").write_text('{"id": "a", "text": "Named Person was held", "url": 5}\n')
    with pytest.raises(InputError) as raised:
        read_paths(["p.jsonl"])
    assert "Named Person" not in str(raised.value)


def test_a_single_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        read_paths("report.txt")


# -- good input ------------------------------------------------------------------------------


def test_plain_text_has_no_metadata_and_normalised_text(fixtures: Path) -> None:
    [doc] = read_paths(["ingest/plain.txt"])
    raw = (fixtures / "ingest" / "plain.txt").read_bytes()
    assert doc.text == raw.decode().strip()
    assert doc.id == "sha256:" + hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.origin == "ingest/plain.txt"
    assert (doc.published, doc.publisher, doc.url, doc.title) == (None, None, None, None)


def test_front_matter_sets_metadata_and_is_left_out_of_the_text(fixtures: Path) -> None:
    [doc] = read_paths(["ingest/with_front_matter.txt"])
    assert doc.published == dt.date(2022, 10, 9)
    assert doc.publisher == "The Quiet Ledger"
    assert doc.url == "https://ledger.example/hillside"
    assert doc.language == "en"
    assert doc.title == "Hillside shops stay shut"
    assert doc.text.startswith("Shopkeepers in the hillside district")
    assert "---" not in doc.text


def test_markdown_heading_becomes_the_title(fixtures: Path) -> None:
    [doc] = read_paths(["ingest/titled.md"])
    assert doc.title == "Students sit in at the library steps"
    assert doc.text.startswith("# Students sit in")


def test_jsonl_lines_become_documents_with_their_own_origin_and_hash(fixtures: Path) -> None:
    first, second = read_paths(["ingest/batch.jsonl"])
    raw_lines = (fixtures / "ingest" / "batch.jsonl").read_bytes().split(b"\n")
    assert first.origin == "ingest/batch.jsonl#r1"
    assert second.origin == "ingest/batch.jsonl#r2"
    assert first.published == dt.date(2022, 10, 12)
    assert first.publisher == "Ring Road Radio"
    assert (first.url, second.published) == (None, None)
    assert first.raw_sha256 == hashlib.sha256(raw_lines[0]).hexdigest()
    assert second.raw_sha256 == hashlib.sha256(raw_lines[2]).hexdigest()


def test_jsonl_text_is_kept_exactly_so_contract_offsets_hold(fixtures: Path) -> None:
    _, second = read_paths(["ingest/batch.jsonl"])
    assert second.text == "  Two bakeries reopened on Monday morning.  "
    assert second.id == document_id("Two bakeries reopened on Monday morning.")


def test_html_gives_main_text_and_metadata(fixtures: Path) -> None:
    [doc] = read_paths(["ingest/page.html"])
    assert "holding candles and singing" in doc.text
    assert "All rights reserved" not in doc.text
    assert "Sport" not in doc.text
    assert doc.title == "Candles along the riverbank"
    assert doc.published == dt.date(2022, 10, 14)
    assert doc.publisher == "The Lantern Gazette"
    assert doc.url == "https://lantern.example/2022/10/candles"
    assert doc.language == "en"
    assert doc.origin == "ingest/page.html"


def test_html_in_a_declared_legacy_charset_is_decoded() -> None:
    page = '<html><head><meta charset="windows-1256"></head><body><p>تهران</p></body></html>'
    assert "تهران" in decode_html(page.encode("windows-1256"), path="old.html")


def test_folder_is_read_recursively_in_order_skipping_hidden_and_unsupported(
    fixtures: Path,
) -> None:
    assert list_files("ingest/folder") == ["ingest/folder/a.txt", "ingest/folder/sub/b.md"]
    docs = read_paths(["ingest/folder"])
    assert [d.origin for d in docs] == ["ingest/folder/a.txt", "ingest/folder/sub/b.md"]
    assert docs[1].title == "Second note"


def test_same_report_with_other_newlines_has_the_same_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unix.txt").write_bytes(b"Line one.\nLine two.\n")
    (tmp_path / "windows.txt").write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n\r\n")
    unix, windows = read_paths(["unix.txt", "windows.txt"])
    assert unix.id == windows.id
    assert unix.text == windows.text == "Line one.\nLine two."
    assert unix.raw_sha256 != windows.raw_sha256


def test_front_matter_in_a_windows_file_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.txt").write_bytes(b"---\r\npublished: 2022-11-02\r\n---\r\nA body.\r\n")
    [doc] = read_paths(["w.txt"])
    assert (doc.published, doc.text) == (dt.date(2022, 11, 2), "A body.")


def test_text_without_front_matter_is_all_body() -> None:
    front = split_front_matter("No front matter here.\n---\nStill body.", path="x.txt")
    assert front.body == "No front matter here.\n---\nStill body."
    assert front.published is None


def test_normalisation_composes_combining_accents() -> None:
    assert normalise_text("Cafe\u0301\r\n") == "Caf\u00e9"
    assert document_id("Cafe\u0301") == document_id("Caf\u00e9")


@given(st.text())
def test_document_id_is_stable_under_normalisation(text: str) -> None:
    assert document_id(normalise_text(text)) == document_id(text)
