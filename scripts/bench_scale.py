#!/usr/bin/env python3
"""Benchmark of extraction at scale (issue 11): one process against a 2-worker Dask cluster.

    python scripts/bench_scale.py [--reports 200000] [--measure 4000] [--full] [--keep DIR]

1. Generates `--reports` contract input lines from the sample reports, varied (sentences
   shuffled, figures and dates shifted, ids unique), as one JSONL file.
2. Extracts the first `--measure` of them with `uprising extract` in a child process, and with
   `uprising extract-dask` on a 2-worker LocalCluster; prints documents/s, MB/s and peak memory
   per worker for both, and the scaling factor. At about 0.36 MB/s per core the whole file would
   take many minutes, so unless `--full` is given the figures for all `--reports` are projected
   from the measured sample, and the output says so.
3. Loads the Dask output into PostgreSQL when $TEST_POSTGRES_URL is set (a test database: its
   public schema is emptied first) or else a new SQLite file, and prints rows/s; then times a
   weekly report and two dashboard queries over what was loaded.
4. Prints a projection to a 16-machine cluster, with its assumptions.

Prints figures; asserts nothing. The generated reports are variations of invented samples; their
figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from uprising.ingest.files import read_paths
from uprising.scale.dask_extract import run_dask_extract
from uprising.scale.load import load_output
from uprising.storage import Database

ROOT = Path(__file__).resolve().parent.parent
MACHINES, CORES_PER_MACHINE = 16, 8
NUMBER = re.compile(r"\b\d{2,4}\b")


def generate(path: Path, count: int, seed: int = 11) -> int:
    """Write `count` varied reports; returns the bytes written."""
    rng = random.Random(seed)
    samples = [d for d in read_paths([str(ROOT / "samples")]) if d.published]
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            doc = samples[number % len(samples)]
            paragraphs = doc.text.split("\n\n")
            rng.shuffle(paragraphs)
            text = "\n\n".join(paragraphs)
            # Shift two- to four-digit figures (not years) so claims differ between copies.
            text = NUMBER.sub(lambda m: m.group() if 1900 <= int(m.group()) <= 2100
                              else str(int(m.group()) + rng.randint(0, 9)), text)
            assert doc.published is not None
            line = json.dumps({"id": f"bench-{number}", "text": text,
                               "published": doc.published.isoformat(),
                               "publisher": doc.publisher}, ensure_ascii=False) + "\n"
            written += out.write(line)
    return written


def head(source: Path, target: Path, lines: int) -> int:
    size = 0
    with open(source, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as out:
        for _, line in zip(range(lines), src, strict=False):
            size += len(line.encode("utf-8"))
            out.write(line)
    return size


def single_process(sample: Path, work: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of `uprising extract` on `sample` in a child process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "uprising", "extract", str(sample), "-o",
                    str(work / "single.jsonl")], check=True, timeout=3600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    return time.perf_counter() - start, peak_mb


def empty_schema(url: str) -> None:
    """Start the test database empty, so the load measures inserts, not skipped partitions."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def timed(label: str, func: object, *args: object) -> None:
    start = time.perf_counter()
    result = func(*args)  # type: ignore[operator]  # any callable the benchmark times
    print(f"  {label}: {time.perf_counter() - start:.3f} s ({len(result)} rows)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200_000, help="reports to generate")
    parser.add_argument("--measure", type=int, default=4000,
                        help="reports actually extracted, unless --full")
    parser.add_argument("--full", action="store_true", help="extract all generated reports")
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="uprising-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    total_bytes = generate(work / "reports.jsonl", args.reports)
    print(f"generated {args.reports} reports, {total_bytes / 1e6:.1f} MB, in "
          f"{time.perf_counter() - start:.1f} s")
    measured = args.reports if args.full else min(args.measure, args.reports)
    sample = work / "reports.jsonl" if args.full else work / "sample.jsonl"
    sample_bytes = total_bytes if args.full else head(work / "reports.jsonl", sample, measured)
    if not args.full:
        print(f"measuring on the first {measured} reports ({sample_bytes / 1e6:.1f} MB); "
              f"figures for all {args.reports} are PROJECTED from this sample")

    seconds_1, rss_1 = single_process(sample, work)
    summary = run_dask_extract([str(sample)], str(work / "dask"), scheduler="local", workers=2,
                               partition_size=100)
    seconds_2 = summary.seconds
    print("\nextraction              documents/s   MB/s   peak RSS per worker")
    mb_1 = sample_bytes / 1e6 / seconds_1
    print(f"  single process         {measured / seconds_1:10.1f} {mb_1:6.2f}   {rss_1:.0f} MB")
    peaks = ", ".join(f"{mb:.0f} MB" for mb in summary.peak_rss_mb.values())
    print(f"  Dask, 2 workers        {summary.documents_per_second:10.1f} "
          f"{summary.mb_per_second:6.2f}   {peaks}")
    factor = seconds_1 / seconds_2
    print(f"  scaling factor (2 workers / 1 process): {factor:.2f}x "
          "(Dask time excludes cluster start-up, about 2 s)")
    scale = total_bytes / sample_bytes
    print(f"  {'measured' if args.full else 'projected'} for {args.reports} reports: "
          f"{seconds_1 * scale / 60:.1f} min single process, {seconds_2 * scale / 60:.1f} min "
          "on 2 workers")

    url = os.environ.get("TEST_POSTGRES_URL") or f"sqlite:///{work / 'bench.db'}"
    if url.startswith("postgresql"):
        empty_schema(url)
    backend = "PostgreSQL (COPY)" if url.startswith("postgresql") else "SQLite"
    loaded = load_output(str(work / "dask"), url)
    print(f"\nload into {backend}: {loaded.rows} rows in {loaded.seconds:.1f} s, "
          f"{loaded.rows_per_second:.0f} rows/s")
    with Database.open(url) as db:
        counts = db.counts()
        browse = db.browse()
        print(f"  stored: {counts['documents']} documents, {counts['claims']} claims, "
              f"{counts['incidents']} incidents, {counts['persons']} persons")
        print("dashboard queries:")
        timed("latest national figures", browse.latest_figures, "IR")
        timed("claims per place", browse.place_counts)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "uprising", "report", "--week", "3", "--format", "md",
                    "-o", str(work / "report"), "--database", url], check=True, timeout=600)
    print(f"weekly report (week 3, Markdown): {time.perf_counter() - start:.1f} s")

    per_core = summary.documents_per_second / 2
    cores = MACHINES * CORES_PER_MACHINE
    efficiency = factor / 2
    cluster_rate = per_core * cores * efficiency
    million_hours = 1_000_000 / cluster_rate / 3600
    print(f"\nprojection to {MACHINES} machines x {CORES_PER_MACHINE} cores ({cores} workers):")
    print(f"  assumes: the measured per-worker rate ({per_core:.0f} documents/s), the measured "
          f"2-worker efficiency ({efficiency:.0%}) held at {cores} workers, inputs and output on "
          "shared storage that keeps up, one task per core, no straggler machines")
    print(f"  extraction: {cluster_rate:.0f} documents/s; 1 million reports in "
          f"{million_hours * 60:.1f} min; {args.reports} in "
          f"{args.reports / cluster_rate / 60:.1f} min")
    rows_per_report = loaded.rows / max(1, measured)
    load_minutes = 1_000_000 * rows_per_report / max(1.0, loaded.rows_per_second) / 60
    print(f"  the load stays on one database: at {loaded.rows_per_second:.0f} rows/s and "
          f"{rows_per_report:.1f} rows per report, 1 million reports load in "
          f"{load_minutes:.1f} min with one loader process")
    print(f"\nwork folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
