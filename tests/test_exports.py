"""Exports (issue 6): every format carries document id and quote; JSONL round-trips; an export
cannot corrupt the database through ingest; GeoJSON is well formed; ACLED-style CSV opens in
pandas with the documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from uprising.cli.main import cli
from uprising.cli.publish import export_command
from uprising.cli.store import process_all
from uprising.exports import (
    EXPORT_FORMATS,
    claim_from_row,
    export,
    incident_from_row,
    person_from_row,
)
from uprising.exports.acled import ACLED_FIELDS, ACLED_TYPES
from uprising.ingest import read_paths
from uprising.storage import Database
from uprising.vocab import IncidentType


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("exports") / "samples.db")
    with Database.open(url) as db:
        db.add_documents(read_paths([str(ROOT / "samples")]))
        process_all(db)
    yield url


def run_export(url: str, fmt: str, records: str, out: Path | None = None) -> Any:
    args = ["--format", fmt, "--records", records, "--database", url]
    if out is not None:
        args += ["-o", str(out)]
    return CliRunner().invoke(export_command, args)


def text_rows(url: str, fmt: str, records: str) -> list[dict[str, Any]]:
    result = run_export(url, fmt, records)
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        return [json.loads(line) for line in result.stdout.splitlines()]
    if fmt == "json":
        return list(json.loads(result.stdout))
    if fmt == "geojson":
        return [f["properties"] for f in json.loads(result.stdout)["features"]]
    return list(csv.DictReader(io.StringIO(result.stdout)))


TEXT_FORMATS = [f for f in EXPORT_FORMATS if f != "parquet"]
KINDS = ["claims", "persons", "incidents"]


@pytest.mark.parametrize("records", KINDS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_export_row_carries_its_document_id_and_quote(
    sample_db: str, fmt: str, records: str
) -> None:
    if fmt == "acled" and records != "incidents":
        result = run_export(sample_db, fmt, records)
        assert result.exit_code == 2 and "use --records incidents" in result.output
        return
    rows = text_rows(sample_db, fmt, records)
    assert rows, f"no {records} exported as {fmt}"
    with Database.open(sample_db) as db:
        texts = {r["document_id"]: (db.document(r["document_id"]) or _missing()).text
                 for r in rows}
    for row in rows:
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", row["document_id"])
        start = int(row.get("start", row.get("quote_start")))
        end = int(row.get("end", row.get("quote_end")))
        assert texts[row["document_id"]][start:end] == row["quote"]


def _missing() -> Any:
    raise AssertionError("an exported document id is not stored")


def test_parquet_export_has_typed_columns_and_the_same_rows(
    sample_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "claims.parquet"
    assert run_export(sample_db, "parquet", "claims", out).exit_code == 0
    table = pq.read_table(out)
    assert str(table.schema.field("low").type) == "int64"
    assert str(table.schema.field("rules").type.value_type) == "string"
    assert table.column("quote").to_pylist() == [r["quote"] for r in
                                                 text_rows(sample_db, "jsonl", "claims")]
    assert not list(tmp_path.glob("*.partial"))


def test_parquet_needs_a_file(sample_db: str) -> None:
    result = run_export(sample_db, "parquet", "claims")
    assert result.exit_code == 2 and "give a file with -o" in result.output


def test_jsonl_export_reads_back_into_the_stored_records(sample_db: str) -> None:
    with Database.open(sample_db) as db:
        stored = (db.claim_rows(), db.person_rows(), db.incident_rows())
    readers = (claim_from_row, person_from_row, incident_from_row)
    for kind, rows, reader in zip(KINDS, stored, readers, strict=True):
        back = [reader(row) for row in text_rows(sample_db, "jsonl", kind)]
        assert back == rows, kind


def test_ingest_of_an_export_exits_2_and_leaves_the_database_unchanged(
    sample_db: str, tmp_path: Path, database_url: str
) -> None:
    exported = tmp_path / "claims.jsonl"
    assert run_export(sample_db, "jsonl", "claims", exported).exit_code == 0
    runner = CliRunner()
    for url in (sample_db, database_url):
        with Database.open(url) as db:
            before = db.counts()
        result = runner.invoke(cli, ["ingest", str(exported), "--database", url])
        assert result.exit_code == 2
        assert re.search(r'claims\.jsonl:1: field "(id|text)": is missing', result.output)
        with Database.open(url) as db:
            assert db.counts() == before


def test_geojson_is_a_well_formed_feature_collection(sample_db: str) -> None:
    result = run_export(sample_db, "geojson", "incidents")
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    located = 0
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature["id"], str)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        located += 1
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
        if feature["properties"]["place"].startswith("IR-"):
            assert 43 < lon < 64 and 24 < lat < 40  # [lon, lat] order, inside Iran
        assert feature["properties"]["geo_precision"] in (1, 2)
    assert located


def test_acled_csv_opens_in_pandas_with_the_documented_columns(sample_db: str) -> None:
    result = run_export(sample_db, "acled", "incidents")
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == list(ACLED_FIELDS)
    documented = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    listed = re.search(r"`event_id_cnty, .*?incident_type`", documented, re.S)
    assert listed is not None
    names = [n.strip(" `\n") for n in re.split(r"[,`]|then ours:", listed.group(0)) if
             n.strip(" `\n")]
    assert names == list(ACLED_FIELDS)
    assert set(frame["event_type"]) <= {t.event_type for t in ACLED_TYPES.values()}
    assert pd.to_datetime(frame["event_date"]).notna().all()
    assert frame["fatalities"].dtype.kind == "i" and (frame["fatalities"] >= 0).all()
    assert frame["quote"].notna().all() and frame["document_id"].notna().all()


def test_every_incident_type_has_an_acled_mapping_in_the_docs() -> None:
    documented = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for kind in IncidentType:
        mapping = ACLED_TYPES[kind]
        assert f"| `{kind.value}` | {mapping.disorder_type} | {mapping.event_type} | " \
               f"{mapping.sub_event_type} |" in documented


def test_export_refuses_unknown_formats(sample_db: str) -> None:
    from uprising.errors import InputError

    with Database.open(sample_db) as db, pytest.raises(InputError, match="choose one of"):
        export(db, records="claims", fmt="xml", out=io.StringIO())
