"""Extraction on Dask: the same pure extractor, run over partitions on a cluster's workers.

The client plans partitions (offsets only, see `parts`), submits one task per partition with at
most a few tasks per worker thread in flight (backpressure: a million-report input never floods
the scheduler), and collects small summaries. Each task reads its own partition, extracts every
document with the worker's pipeline, and writes its partition files atomically under names fixed
by its index. So:

- the output, as a set of records, is that of `uprising extract` on the same lines;
- a worker killed mid-run is Dask's to handle: the scheduler reruns the task elsewhere, and the
  rerun replaces the partition's files instead of adding to them (no duplicate records);
- a malformed line is written to the partition's error file and the partition goes on.

The pipeline (gazetteer, lexicons, compiled patterns) is built once per worker process: the
`WarmPipeline` plugin builds it when a worker starts, and `default_pipeline()` keeps it in a
module-level cache for every later task on that worker.

Usage::

    summary = run_dask_extract(["reports.jsonl"], "out/", scheduler="local", workers=2)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import resource
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import distributed
from distributed import Client, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from uprising.errors import InputError, InputFileError, PipelineError
from uprising.extract.pipeline import default_pipeline
from uprising.ingest.files import parse_input_line
from uprising.scale.parts import (
    KINDS,
    Partition,
    part_path,
    plan_partitions,
    read_input_lines,
    read_part,
    write_part,
)

__all__ = [
    "MANIFEST",
    "PartitionResult",
    "RunSummary",
    "WarmPipeline",
    "extract_partition",
    "read_manifest",
    "read_output",
    "run_dask_extract",
    "run_on_client",
]

LOGGER = logging.getLogger(__name__)

MANIFEST = "manifest.json"
IN_FLIGHT_PER_THREAD = 2  # enough to keep a worker busy while the next task is sent
TASK_RETRIES = 2  # for exceptions in a task; a dead worker is counted by Dask's allowed-failures

Hook = Callable[[Partition], None]

# distributed's cluster, client and as_completed are untyped; they are reached through this name.
_DASK: Any = distributed


class WarmPipeline(WorkerPlugin):
    """Build the extraction pipeline once as each worker starts, before its first task."""

    name = "uprising-warm-pipeline"

    def setup(self, worker: Any) -> None:
        started = time.perf_counter()
        default_pipeline()
        LOGGER.info("pipeline built on %s in %.2f s", worker.address,
                    time.perf_counter() - started)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartitionResult:
    """What one task did, small enough to send back to the client."""

    index: int
    documents: int
    errors: int
    input_bytes: int
    seconds: float
    worker: str
    peak_rss_mb: float


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary:
    """A whole run: counts, wall time, and each worker's peak memory."""

    partitions: int
    documents: int
    errors: int
    input_bytes: int
    seconds: float
    peak_rss_mb: dict[str, float]

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.input_bytes / 1e6 / self.seconds if self.seconds else 0.0


def extract_partition(partition: Partition, out_dir: str, fmt: str,
                      after_write: Hook | None = None) -> PartitionResult:
    """Extract one partition on a worker and write its files; the task Dask runs.

    `after_write`, when given, runs once the files are in place (tests use it to kill the
    worker at the worst moment: output written, result not yet reported).
    """
    started = time.perf_counter()
    pipeline = default_pipeline()
    records: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    size = 0
    for line_no, line in _lines(partition, errors):
        size += len(line.encode("utf-8"))
        digest = hashlib.sha256(line.encode("utf-8")).hexdigest()
        try:
            input_id, document = parse_input_line(line, raw_sha256=digest, path=partition.path,
                                                  line_no=line_no)
        except InputError as error:
            errors.append(_error_row(partition, line_no, error))
            continue
        extraction = pipeline.extract(dataclasses.replace(document, id=input_id))
        records.append(extraction.to_contract())
        documents.append(_document_row(input_id, document))
    write_part(part_path(out_dir, "extractions", partition.index, fmt), records,
               "extractions", fmt)
    write_part(part_path(out_dir, "documents", partition.index, fmt), documents, "documents", fmt)
    error_path = part_path(out_dir, "errors", partition.index, fmt)
    if errors:
        write_part(error_path, errors, "errors", fmt)
    else:
        error_path.unlink(missing_ok=True)
    if after_write is not None:
        after_write(partition)
    return PartitionResult(index=partition.index, documents=len(records), errors=len(errors),
                           input_bytes=size, seconds=time.perf_counter() - started,
                           worker=_worker_name(), peak_rss_mb=_peak_rss_mb())


def _lines(partition: Partition, errors: list[dict[str, Any]]) -> Iterator[tuple[int, str]]:
    lines = read_input_lines(partition)
    while True:
        try:
            yield next(lines)
        except StopIteration:
            return
        except InputError as error:
            # Not UTF-8: the reader cannot go on past it, so the rest of the partition is lost
            # and says so in the error file.
            errors.append(_error_row(partition, error.line or partition.first_line, error))
            return


def _error_row(partition: Partition, line_no: int, error: InputError) -> dict[str, Any]:
    reason = error.reason if error.field is None else f'field "{error.field}": {error.reason}'
    return {"file": partition.path, "partition": partition.index, "line": line_no,
            "reason": reason}


def _document_row(input_id: str, document: Any) -> dict[str, Any]:
    return {
        "input_id": input_id,
        "id": document.id,
        "text": document.text,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "url": document.url,
        "publisher": document.publisher,
        "language": document.language,
        "origin": document.origin,
        "raw_sha256": document.raw_sha256,
    }


def _worker_name() -> str:
    try:
        return str(get_worker().address)
    except ValueError:  # run outside a worker (a direct call in tests)
        return f"pid-{os.getpid()}"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_dask_extract(inputs: Sequence[str], out_dir: str, *, scheduler: str = "local",
                     workers: int = 2, fmt: str = "jsonl", partition_size: int = 1000,
                     after_write: Hook | None = None) -> RunSummary:
    """Extract `inputs` on a Dask cluster into partitioned files under `out_dir`.

    `scheduler` is "local" (a LocalCluster of `workers` single-threaded processes on this
    machine, listening on 127.0.0.1) or the address of a running scheduler, such as
    tcp://10.0.0.5:8786, whose workers can read the inputs and write `out_dir` at the same paths.

    Raises:
        InputFileError: an input is missing or of an unknown format.
        PipelineError: a partition still fails after its retries.
    """
    partitions = plan_partitions(inputs, partition_size)
    if scheduler == "local":
        with _DASK.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None) as cluster, \
                _DASK.Client(cluster) as client:
            return run_on_client(client, partitions, out_dir, fmt=fmt, after_write=after_write)
    with _DASK.Client(scheduler) as client:
        return run_on_client(client, partitions, out_dir, fmt=fmt, after_write=after_write)


def run_on_client(client: Client, partitions: Sequence[Partition], out_dir: str, *,
                  fmt: str = "jsonl", after_write: Hook | None = None) -> RunSummary:
    """Run planned partitions on a connected client; see `run_dask_extract`."""
    out = Path(out_dir)
    _clear_output(out)
    client.register_plugin(WarmPipeline())
    threads = max(1, sum(cast(Any, client).nthreads().values()))
    pending = iter(partitions)
    token = hashlib.sha256(f"{os.getpid()} {time.time_ns()}".encode()).hexdigest()[:12]
    started = time.perf_counter()

    def submit(partition: Partition) -> Any:
        return client.submit(extract_partition, partition, str(out), fmt, after_write,
                             key=f"uprising-extract-{token}-{partition.index}",
                             retries=TASK_RETRIES, pure=False)

    initial = [submit(p) for _, p in zip(range(threads * IN_FLIGHT_PER_THREAD), pending,
                                         strict=False)]
    results: list[PartitionResult] = []
    queue = _DASK.as_completed(initial)
    for future in queue:
        try:
            results.append(future.result())
        except Exception as exc:
            index = int(str(future.key).rsplit("-", 1)[1])
            raise PipelineError(f"partition {index} ({partitions[index].path}) failed after "
                                f"{TASK_RETRIES} retries: {type(exc).__name__}") from exc
        following = next(pending, None)
        if following is not None:
            queue.add(submit(following))
    seconds = time.perf_counter() - started
    results.sort(key=lambda r: r.index)
    peaks: dict[str, float] = {}
    for result in results:
        peaks[result.worker] = max(peaks.get(result.worker, 0.0), result.peak_rss_mb)
    summary = RunSummary(partitions=len(results), documents=sum(r.documents for r in results),
                         errors=sum(r.errors for r in results),
                         input_bytes=sum(r.input_bytes for r in results), seconds=seconds,
                         peak_rss_mb=peaks)
    _write_manifest(out, fmt, partitions, results)
    LOGGER.info("extracted %d documents in %d partitions, %d malformed lines", summary.documents,
                summary.partitions, summary.errors)
    return summary


def _clear_output(out: Path) -> None:
    """Remove what an earlier run left, so a smaller rerun leaves no stale partitions."""
    (out / MANIFEST).unlink(missing_ok=True)
    for kind in KINDS:
        shutil.rmtree(out / kind, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _write_manifest(out: Path, fmt: str, partitions: Sequence[Partition],
                    results: Sequence[PartitionResult]) -> None:
    # Written last: `uprising load` refuses a folder without it, i.e. an unfinished run.
    manifest = {
        "format": fmt,
        "extractor_version": default_pipeline().version,
        "partitions": [
            {"index": r.index, "input": partitions[r.index].path, "documents": r.documents,
             "errors": r.errors}
            for r in results
        ],
    }
    temporary = out / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, out / MANIFEST)


def read_output(out_dir: str, kind: str = "extractions") -> Iterator[dict[str, Any]]:
    """Every row of one kind in a finished run's output, partition by partition.

    Raises:
        InputFileError: `out_dir` holds no manifest (no run, or one that did not finish).
    """
    manifest = read_manifest(out_dir)
    for entry in manifest["partitions"]:
        path = part_path(out_dir, kind, entry["index"], manifest["format"])
        if path.exists():
            yield from read_part(path, manifest["format"])


def read_manifest(out_dir: str) -> dict[str, Any]:
    """The manifest of a finished run.

    Raises:
        InputFileError: there is none, or it is not JSON.
    """
    path = Path(out_dir) / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError("holds no manifest.json: no extraction run finished here",
                             path=out_dir, hint="run `uprising extract-dask IN... -o "
                             f"{out_dir}` first, or rerun it if it was interrupted") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InputFileError("is not a valid manifest", path=str(path), hint="rerun the "
                             "extraction") from None
    return manifest
