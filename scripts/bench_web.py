"""Benchmark the web app on a large SQLite database: p50/p95 latency, sequential and concurrent.

Generates DOCS documents and CLAIMS claims (invented, seeded) into a SQLite file, serves it with
`uprising serve` on 127.0.0.1 in a subprocess, and times three requests: the dashboard, a filtered
claims page and a full-text search; first one client in a row, then 16 clients at once. Every loop
is bounded; it prints figures and asserts nothing.

    python scripts/bench_web.py [--docs 50000] [--claims 500000] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import insert

from uprising.storage import Database
from uprising.storage import tables as t

WORDS = (
    "protesters", "students", "arrested", "killed", "security", "forces", "fired", "on",
    "crowds", "in", "the", "city", "families", "said", "bazaar", "strike", "university",
    "teachers", "detained", "funeral", "gathered", "night", "reported", "rights", "group",
    "according", "to", "sources", "province",
)
SOURCES = ("hrana", "ihr", "hengaw", "amnesty", "iran-officials", None)
MEASURES = ("killed", "arrested", "injured", "sentenced_to_death", "executed")
PLACES = ["IR"] * 4 + [f"IR-{n:02d}" for n in range(1, 32)]
START = dt.date(2022, 9, 16)
TARGETS = (("dashboard", "/"), ("claims", "/claims?measure=killed&place=IR-12&sort=-low"),
           ("search", "/documents?q=funeral+bazaar"))


def generate(path: Path, docs: int, claims: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    url = f"sqlite:///{path}"
    now = dt.datetime.now(dt.UTC)
    with Database.open(url) as db, db.engine.begin() as conn:
        ids = []
        for start in range(0, docs, 5000):
            rows = []
            for n in range(start, min(docs, start + 5000)):
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 220)))
                doc_id = "sha256:" + hashlib.sha256(f"{n}".encode()).hexdigest()
                ids.append((doc_id, len(text), text))
                rows.append({"id": doc_id, "text": text, "title": f"Report {n}",
                             "published": START + dt.timedelta(days=n % 120),
                             "url": None, "publisher": rng.choice(("Wire A", "Wire B", "Desk C")),
                             "language": "en", "origin": "bench", "raw_sha256": None,
                             "ingested_at": now})
            conn.execute(insert(t.documents), rows)
        for start in range(0, claims, 20000):
            rows = []
            for n in range(start, min(claims, start + 20000)):
                doc_id, size, text = ids[n % len(ids)]
                s = rng.randrange(0, size - 20)
                low = rng.randint(1, 20000)
                day = START + dt.timedelta(days=rng.randint(0, 120))
                rows.append({"id": hashlib.sha256(f"c{n}".encode()).hexdigest(),
                             "document_id": doc_id, "measure": rng.choice(MEASURES),
                             "subject": "people", "low": low, "high": low,
                             "qualifier": "at_least", "place": rng.choice(PLACES), "city": None,
                             "date": day.isoformat(), "source": rng.choice(SOURCES),
                             "quote": text[s:s + 20], "start": s, "end": s + 20,
                             "extractor_version": "bench", "rules": "[]"})
            conn.execute(insert(t.claims), rows)
        conn.execute(insert(t.extraction_runs), [{
            "document_id": ids[0][0], "extractor_version": "bench", "ran_at": now,
            "claims": claims, "persons": 0, "incidents": 0, "errors": 0}])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _timed(client: httpx.Client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - began
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed * 1000


def _line(name: str, mode: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"{name:<10} {mode:<14} n={len(times):<4} p50={statistics.median(times):7.1f} ms  "
            f"p95={p95:7.1f} ms  max={ordered[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000, help="documents to generate")
    parser.add_argument("--claims", type=int, default=500_000, help="claims to generate")
    parser.add_argument("--db", type=Path, default=Path("/tmp/uprising-bench-web.db"),
                        help="SQLite file (reused when it exists)")
    parser.add_argument("--requests", type=int, default=100, help="sequential requests per page")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    args = parser.parse_args()
    if not args.db.exists():
        began = time.perf_counter()
        generate(args.db, args.docs, args.claims)
        print(f"generated {args.docs:,} documents and {args.claims:,} claims in "
              f"{time.perf_counter() - began:.1f} s ({args.db.stat().st_size / 1e6:.0f} MB)")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uprising", "serve", "--port", str(port), "--database",
         f"sqlite:///{args.db}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):  # at most 30 s to start
                try:
                    client.get("/static/style.css")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"dashboard, first (cold) request: {_timed(client, '/'):.0f} ms")
            for name, url in TARGETS:
                times = [_timed(client, url) for _ in range(args.requests)]
                print(_line(name, "sequential", times))
        for name, url in TARGETS:
            def worker(_: int, url: str = url) -> list[float]:
                with httpx.Client(base_url=base, timeout=60) as own:
                    return [_timed(own, url) for _ in range(max(1, args.requests // 4))]

            with ThreadPoolExecutor(args.clients) as pool:
                times = [x for chunk in pool.map(worker, range(args.clients)) for x in chunk]
            print(_line(name, f"{args.clients} clients", times))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
