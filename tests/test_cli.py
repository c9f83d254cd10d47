"""The command line: help for every command, clean failures on bad input, the whole path."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, SHARED
from uprising.cli.main import cli
from uprising.storage import Database

COMMANDS = sorted(cli.commands)


def test_every_command_is_listed() -> None:
    assert set(COMMANDS) >= {"init", "ingest", "extract", "process", "tally", "report", "demo",
                             "explain", "numbers"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_has_help(name: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    command = cli.commands[name]
    assert command.help, f"{name} has no help text"
    for param in command.params:
        if param.param_type_name == "option":
            assert getattr(param, "help", None), f"{name} {param.opts} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"uprising {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def _report(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = ("---\npublished: 2022-10-03\npublisher: Test Wire\n---\n"
        "HRANA said 40 people were arrested.\n")

BAD_INPUTS = [
    ("bad.jsonl", b'{"id": "a", "text": "fine"}\n{"id": "b", "text": \n', "bad.jsonl:2:"),
    ("nofield.jsonl", b'{"id": "a", "published": "2022-10-01"}\n',
     'nofield.jsonl:1: field "text": is missing'),
    ("date.jsonl", b'{"id": "a", "text": "x", "published": "03/10/2022"}\n',
     'date.jsonl:1: field "published"'),
    ("latin1.txt", "café 12 killed".encode("latin-1"), "latin1.txt"),
    ("empty.md", b"", "empty.md"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_INPUTS,
                         ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_names_the_place_and_leaves_the_database_unchanged(
    name: str, content: bytes, expected: str, tmp_path: Path, runner: CliRunner,
    database_url: str,
) -> None:
    good = _report(tmp_path, "good.md", GOOD)
    assert runner.invoke(cli, ["ingest", str(good), "--database", database_url]).exit_code == 0
    with Database.open(database_url) as db:
        before = db.counts()
    bad = tmp_path / name
    bad.write_bytes(content)
    result = runner.invoke(cli, ["ingest", str(good), str(bad), "--database", database_url])
    assert result.exit_code == 2
    assert expected in result.output
    with Database.open(database_url) as db:
        assert db.counts() == before


def test_missing_path_exits_2(tmp_path: Path, runner: CliRunner, database_url: str) -> None:
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nowhere.md"), "--database",
                                 database_url])
    assert result.exit_code == 2
    assert "nowhere.md" in result.output


def test_ingesting_twice_adds_nothing_and_says_so(
    tmp_path: Path, runner: CliRunner, database_url: str
) -> None:
    good = _report(tmp_path, "good.md", GOOD)
    first = runner.invoke(cli, ["ingest", str(good), "--database", database_url])
    second = runner.invoke(cli, ["ingest", str(good), "--database", database_url])
    assert "Ingested 1 new document(s); 0 already stored" in first.output
    assert "Ingested 0 new document(s); 1 already stored" in second.output


def test_extract_writes_one_valid_line_per_input_in_order(
    tmp_path: Path, runner: CliRunner
) -> None:
    lines = [
        {"id": "z", "text": "HRANA said at least 12 people were killed in Zahedan on Friday.",
         "published": "2022-10-03"},
        {"id": "a", "text": "Nothing counted here.", "published": None},
        {"id": "m", "text": "Police arrested dozens of students in Tehran.",
         "published": "2022-10-05", "language": "en"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["z", "a", "m"]
    schema = json.loads((SHARED / "spec" / "extraction.schema.json").read_text("utf-8"))
    for record, given in zip(records, lines, strict=True):
        jsonschema.validate(record, schema)
        for kind in ("claims", "persons", "incidents"):
            for item in record[kind]:
                assert given["text"][item["start"] : item["end"]] == item["quote"]
    assert records[0]["claims"][0]["low"] == 12


def test_extract_bad_line_exits_2_and_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert 'in.jsonl:2: field "text": is missing' in result.output
    assert not out.exists()


def test_demo_prints_a_tally_of_several_sources_and_writes_a_footnoted_report(
    tmp_path: Path, runner: CliRunner, database_url: str
) -> None:
    out_dir = tmp_path / "reports"
    result = runner.invoke(cli, ["demo", "--samples", str(ROOT / "samples"), "--database",
                                 database_url, "--output-dir", str(out_dir)])
    assert result.exit_code == 0, result.output
    sources = {line.split()[2] for line in result.stdout.splitlines()[2:] if line.strip()}
    assert len(sources) >= 3, result.stdout
    reports = list(out_dir.glob("week-*.md"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    with Database.open(database_url) as db:
        docs = {row.document_id: db.document(row.document_id) for row in db.claim_rows()}
    notes = [line for line in text.splitlines() if line.startswith("[^")]
    assert notes, "the report has no footnotes"
    for line in notes:
        quote = line.rsplit("“", 1)[1].rstrip("”")
        assert any(" ".join(quote.split()) in " ".join(d.text.split()) for d in docs.values()
                   if d is not None), line


def test_process_twice_extracts_only_new_documents(
    tmp_path: Path, runner: CliRunner, database_url: str
) -> None:
    good = _report(tmp_path, "good.md", GOOD)
    runner.invoke(cli, ["ingest", str(good), "--database", database_url])
    first = runner.invoke(cli, ["process", "--database", database_url])
    second = runner.invoke(cli, ["process", "--database", database_url])
    again = runner.invoke(cli, ["process", "--all", "--database", database_url])
    assert "Extracted 1 document(s)" in first.output
    assert "Extracted 0 document(s)" in second.output
    assert "Extracted 1 document(s)" in again.output


def test_places_prints_code_city_confidence_and_reason(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["places", "Shops closed in Saghez and in Kordestan province."])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["'Saghez'", "IR-12", "Saqqez"]
    assert "IR-12" in lines[1] and "province" in lines[1]


def test_extract_with_two_workers_writes_the_same_bytes(tmp_path: Path, runner: CliRunner) -> None:
    lines = [{"id": f"d{i}", "text": f"HRANA said {i + 3} people were arrested in Rasht on "
              "Monday.", "published": "2022-10-05"} for i in range(12)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(cli, ["extract", str(src), "-o", str(one)]).exit_code == 0
    assert runner.invoke(cli, ["extract", str(src), "-o", str(two), "--workers", "2"]
                         ).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
