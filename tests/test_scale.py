"""Extraction on Dask and bulk loads (issue 11): same records as one process, retries without
duplicates, malformed lines set aside, loads idempotent and resumable on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.web_support import PG_URL, reset_postgres
from uprising.cli.extract import extract_lines
from uprising.cli.main import cli
from uprising.errors import InputFileError
from uprising.ingest.contract import read_contract_lines
from uprising.ingest.files import read_paths
from uprising.scale.dask_extract import read_output, run_on_client
from uprising.scale.load import load_output
from uprising.scale.parts import plan_partitions
from uprising.storage import Database

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
PARTITION = 7  # small, so a few dozen lines make several partitions on both workers


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two single-threaded worker processes on loopback, shared by this module's tests."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def _write_input(path: Path, copies: int = 2) -> Path:
    """The sample reports, each also repeated with a varied ending, as contract input lines."""
    docs = read_paths([str(ROOT / "samples")])
    with open(path, "w", encoding="utf-8") as out:
        for round_ in range(copies):
            for number, doc in enumerate(docs):
                text = doc.text if round_ == 0 else f"{doc.text}\nUpdated, round {round_}."
                out.write(json.dumps({
                    "id": f"r{round_}-{number}", "text": text,
                    "published": doc.published.isoformat() if doc.published else None,
                    "publisher": doc.publisher,
                }, ensure_ascii=False) + "\n")
    return path


def _single_process(path: Path) -> list[str]:
    return sorted(extract_lines(list(read_contract_lines(str(path)))))


def _as_lines(records: Iterator[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_dask_output_is_the_single_process_output_as_a_set(client: Any, tmp_path: Path,
                                                           fmt: str) -> None:
    source = _write_input(tmp_path / "in.jsonl")
    partitions = plan_partitions([str(source)], PARTITION)
    summary = run_on_client(client, partitions, str(tmp_path / "out"), fmt=fmt)
    assert summary.partitions == len(partitions) > 2
    assert len(summary.peak_rss_mb) == 2  # both workers took tasks
    assert _as_lines(read_output(str(tmp_path / "out"))) == _single_process(source)


def test_parquet_input_gives_the_same_records_as_its_jsonl(client: Any, tmp_path: Path) -> None:
    source = _write_input(tmp_path / "in.jsonl", copies=1)
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=5)
    partitions = plan_partitions([str(tmp_path / "in.parquet")], PARTITION)
    assert len(partitions) == -(-len(rows) // 5)  # one partition per row group
    run_on_client(client, partitions, str(tmp_path / "out"))
    assert _as_lines(read_output(str(tmp_path / "out"))) == _single_process(source)


def _kill_worker_once(marker: str, partition: Any) -> None:
    """Kill this worker process the first time partition 1 has written its files."""
    if partition.index == 1 and not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)


def test_killed_worker_is_retried_by_dask_without_duplicate_records(client: Any,
                                                                    tmp_path: Path) -> None:
    source = _write_input(tmp_path / "in.jsonl")
    marker = tmp_path / "killed"
    partitions = plan_partitions([str(source)], PARTITION)
    summary = run_on_client(client, partitions, str(tmp_path / "out"),
                            after_write=functools.partial(_kill_worker_once, str(marker)))
    assert marker.exists()  # the worker did die mid-run
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it for the next tests
    lines = _as_lines(read_output(str(tmp_path / "out")))
    assert len(lines) == len(set(lines)) == summary.documents
    assert lines == _single_process(source)
    assert not list((tmp_path / "out" / "extractions").glob(".*.tmp"))


def test_malformed_lines_go_to_the_error_file_and_the_run_goes_on(client: Any,
                                                                  tmp_path: Path) -> None:
    source = _write_input(tmp_path / "in.jsonl", copies=1)
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[2] = "{not json"
    lines[9] = json.dumps({"id": "no-text"})
    lines[10] = json.dumps({"id": "bad-day", "text": "x", "published": "2022-13-45"})
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_on_client(client, plan_partitions([str(source)], PARTITION),
                            str(tmp_path / "out"))
    errors = list(read_output(str(tmp_path / "out"), "errors"))
    assert [(e["partition"], e["line"]) for e in errors] == [(0, 3), (1, 10), (1, 11)]
    assert errors[0]["file"] == str(source) and "not valid JSON" in errors[0]["reason"]
    assert 'field "text"' in errors[1]["reason"] and 'field "published"' in errors[2]["reason"]
    assert summary.errors == 3 and summary.documents == len(lines) - 3


def test_partitions_end_on_line_breaks_and_number_lines_from_one(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(b'{"id": "%d", "text": "t"}\n' % i for i in range(10)))
    spans = [(p.start, p.end, p.first_line) for p in plan_partitions([str(source)], 4)]
    data = source.read_bytes()
    assert [s[2] for s in spans] == [1, 5, 9]
    assert spans[-1][1] == len(data)
    assert all(data[end - 1:end] == b"\n" for _, end, _ in spans)


def test_unknown_input_format_is_refused_with_the_file_named(tmp_path: Path) -> None:
    source = tmp_path / "reports.csv"
    source.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"reports\.csv: is neither JSONL"):
        plan_partitions([str(source)], 10)


def test_load_refuses_a_folder_without_a_finished_run(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no extraction run finished"):
        load_output(str(tmp_path), "sqlite:///" + str(tmp_path / "db.sqlite"))


# -- loading ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(client: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One finished run (with one malformed line), loaded by every load test."""
    folder = tmp_path_factory.mktemp("scale")
    source = _write_input(folder / "in.jsonl")
    with open(source, "a", encoding="utf-8") as out:
        out.write("{broken\n")
    run_on_client(client, plan_partitions([str(source)], PARTITION), str(folder / "out"))
    return str(folder / "out")


def _urls() -> list[Any]:
    urls: list[Any] = [pytest.param("sqlite", id="sqlite")]
    if PG_URL:
        urls.append(pytest.param("postgresql", id="postgresql"))
    return urls


@pytest.fixture(params=_urls())
def load_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "load.db")
    assert PG_URL is not None
    reset_postgres(PG_URL)
    return PG_URL


def _expected_counts(out: str) -> dict[str, int]:
    """Distinct content-hash ids: a span saying the same thing twice is one row, as in storage."""
    documents = list(read_output(out, "documents"))
    records = list(read_output(out))
    claims: set[tuple[str, int, int, str]] = set()
    incidents: set[tuple[str, int, int, str]] = set()
    for doc, record in zip(documents, records, strict=True):
        claims.update((doc["id"], c["start"], c["end"], c["measure"]) for c in record["claims"])
        incidents.update((doc["id"], i["start"], i["end"], i["type"])
                         for i in record["incidents"])
    return {"documents": len({d["id"] for d in documents}), "claims": len(claims),
            "incidents": len(incidents)}


def test_load_twice_stores_each_record_once(extracted: str, load_url: str) -> None:
    first = load_output(extracted, load_url)
    second = load_output(extracted, load_url)
    with Database.open(load_url) as db:
        counts = db.counts()
        claims = db.claim_rows()
    expected = _expected_counts(extracted)
    assert first.partitions_loaded > 1 and first.rows > 0
    assert second.partitions_loaded == 0 and second.rows == 0
    assert {k: counts[k] for k in expected} == expected
    assert counts["extraction_runs"] == expected["documents"]
    assert all(c.claim.evidence.quote for c in claims)


class _Crash(Exception):
    pass


def _crash_after(index: int, at: int) -> None:
    if index == at:
        raise _Crash


def test_load_resumes_after_a_crash_from_the_next_partition(extracted: str,
                                                            load_url: str) -> None:
    with pytest.raises(_Crash):
        load_output(extracted, load_url, after_partition=functools.partial(_crash_after, at=1))
    resumed = load_output(extracted, load_url)
    total = len(json.loads((Path(extracted) / "manifest.json").read_text())["partitions"])
    assert resumed.partitions_skipped == 2  # partitions 0 and 1 committed before the crash
    assert resumed.partitions_loaded == total - 2
    with Database.open(load_url) as db:
        counts = db.counts()
    expected = _expected_counts(extracted)
    assert {k: counts[k] for k in expected} == expected


def test_cli_extract_dask_and_load(client: Any, tmp_path: Path, runner: Any) -> None:
    source = _write_input(tmp_path / "in.jsonl", copies=1)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["extract-dask", str(source), "-o", str(out), "--scheduler",
                                 client.scheduler.address, "--partition-size", "10"])
    assert result.exit_code == 0, result.output
    count = len(source.read_text(encoding="utf-8").splitlines())
    assert f"extracted {count} documents in {-(-count // 10)} partitions" in result.output
    url = "sqlite:///" + str(tmp_path / "cli.db")
    result = runner.invoke(cli, ["load", str(out), "--database", url])
    assert result.exit_code == 0, result.output
    assert f"loaded {-(-count // 10)} partitions" in result.output


def test_cli_load_without_a_run_exits_2_naming_the_folder(tmp_path: Path, runner: Any) -> None:
    result = runner.invoke(cli, ["load", str(tmp_path), "--database",
                                 "sqlite:///" + str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert f"{tmp_path}: holds no manifest.json" in result.output
