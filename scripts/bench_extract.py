#!/usr/bin/env python3
"""Benchmark of `uprising extract`: MB/s, documents/s, peak RSS, start-up, and 2 workers.

    python scripts/bench_extract.py [--mb 5] [--shared PATH]

Builds a corpus of at least --mb megabytes by repeating the development texts (each copy with
its own id), runs `uprising extract` on it in a child process (one worker, then two), and in
the same run measures a floor: one compiled regex that finds digit groups and number words and
cuts three words of context on each side, in plain Python. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FLOOR = re.compile(
    r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundred|thousand|million|dozens?|hundreds|thousands)\b",
    re.IGNORECASE,
)


def build_corpus(shared: Path, out: Path, megabytes: float) -> tuple[int, int]:
    """Write a JSONL corpus of at least `megabytes`; return (documents, bytes of text)."""
    docs = []
    for name in ("gold.en.jsonl", "gold.fa.jsonl"):
        for line in (shared / "eval" / "dev" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                docs.append({k: r.get(k) for k in ("id", "text", "published", "language")})
    target, size, count = int(megabytes * 1_000_000), 0, 0
    with out.open("w", encoding="utf-8") as f:
        while size < target:
            for doc in docs:
                copy = dict(doc, id=f"{doc['id']}-{count}")
                f.write(json.dumps(copy, ensure_ascii=False) + "\n")
                size += len(doc["text"].encode("utf-8"))
                count += 1
    return count, size


def floor_speed(corpus: Path) -> float:
    """MB/s of the floor: one regex over every text, three words each side, plain Python."""
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    size = sum(len(t.encode("utf-8")) for t in texts)
    began = time.perf_counter()
    found = 0
    for text in texts:
        for match in _FLOOR.finditer(text):
            start, end = match.span()
            before = text[max(0, start - 60) : start].split()[-3:]
            after = text[end : end + 60].split()[:3]
            found += len(before) + len(after)
    return size / 1e6 / (time.perf_counter() - began)


def component_speeds(corpus: Path) -> dict[str, float]:
    """MB/s of each component alone, in this process, over the corpus's texts."""
    import datetime as dt

    from uprising.extract.pipeline import default_pipeline
    from uprising.records import Document

    docs = []
    for line in corpus.open(encoding="utf-8"):
        r = json.loads(line)
        day = dt.date.fromisoformat(r["published"]) if r.get("published") else None
        docs.append(Document(id=r["id"], text=r["text"], published=day))
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    pipeline = default_pipeline()
    spent = {c.name: 0.0 for c in pipeline.components}
    from uprising.extract.analysis import Analysis

    for doc in docs:
        analysis = Analysis.of(doc)
        for comp in pipeline.components:
            began = time.perf_counter()
            comp.func(analysis)
            spent[comp.name] += time.perf_counter() - began
    return {name: size / seconds for name, seconds in spent.items() if seconds}


def run_extract(corpus: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `uprising extract` child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "uprising", "extract", str(corpus), "-o", str(out),
                    "--workers", str(workers)], check=True)
    elapsed = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes")
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("UPRISING_SHARED", ROOT.parent / "shared")))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, one, two = folder / "corpus.jsonl", folder / "w1.jsonl", folder / "w2.jsonl"
        count, size = build_corpus(args.shared, corpus, args.mb)
        mb = size / 1e6
        print(f"corpus: {count} documents, {mb:.2f} MB of text")
        floor = floor_speed(corpus)
        print(f"floor (one regex, three words each side): {floor:.2f} MB/s")
        tiny = Path(tmp) / "tiny.jsonl"
        tiny.write_text(corpus.open(encoding="utf-8").readline(), encoding="utf-8")
        startup, _ = run_extract(tiny, Path(tmp) / "tiny.out", 1)
        print(f"start-up (one document, whole process): {startup:.2f} s")
        seconds, peak = run_extract(corpus, one, 1)
        print(f"1 worker: {mb / seconds:.2f} MB/s, {count / seconds:.0f} documents/s, "
              f"{seconds:.1f} s, peak RSS {peak:.0f} MB, {mb / seconds / floor:.2f} of the floor")
        speeds = component_speeds(corpus)
        print("components alone: " + ", ".join(f"{k} {v:.1f} MB/s" for k, v in speeds.items()))
        seconds2, _ = run_extract(corpus, two, 2)
        same = one.read_bytes() == two.read_bytes()
        print(f"2 workers: {mb / seconds2:.2f} MB/s, {count / seconds2:.0f} documents/s, "
              f"speed-up {seconds / seconds2:.2f}x, output identical: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
