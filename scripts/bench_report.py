#!/usr/bin/env python3
"""Benchmark of `uprising report` over a database of 100,000 stored claims: time and peak RSS.

    python scripts/bench_report.py [--claims 100000] [--keep DIR] [--runs 1]

Builds a SQLite database of synthetic documents (20 claims, 2 incidents and 1 person each,
spread over the uprising's first 13 weeks and 8 sources), then runs `uprising report` in a child
process, once writing Markdown, HTML and PDF and once Markdown alone (each `--runs` times), and
prints each run's wall time, the child's CPU time (user + system: what the run itself costs,
whatever else the machine is doing) and its peak RSS. Targets (issue 6): under 10 s and 500 MB.
Prints figures; asserts nothing. The synthetic text is invented; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from uprising.ingest import document_id
from uprising.records import Claim, Document, Evidence, Extraction, Incident, Person
from uprising.reports.weekly import UPRISING_START
from uprising.storage import Database
from uprising.vocab import Fate, IncidentType, Measure, Qualifier, Subject

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("hrana", "ihr", "hengaw", "amnesty", "un", "iran-officials", "state-media", "kurdpa")
CITIES = (("IR-12", "Sanandaj"), ("IR-23", "Tehran"), ("IR-11", "Zahedan"), ("IR-10", "Isfahan"),
          ("IR-30", "Karaj"), ("IR-03", "Tabriz"), ("IR-06", "Ahvaz"), ("IR-07", "Shiraz"))
CLAIMS_PER_DOC = 20
WEEKS = 13


def build(url: str, claims: int, seed: int = 6) -> int:
    """Store documents until `claims` claims are stored; returns the number of documents."""
    rng = random.Random(seed)
    measures = (Measure.KILLED, Measure.ARRESTED, Measure.SENTENCED_TO_DEATH, Measure.INJURED)
    docs = -(-claims // CLAIMS_PER_DOC)
    with Database.open(url) as db:
        for first in range(0, docs, 500):
            batch: list[Document] = []
            extractions: list[Extraction] = []
            for n in range(first, min(docs, first + 500)):
                day = UPRISING_START + dt.timedelta(days=rng.randrange(WEEKS * 7))
                parts: list[str] = [f"Bulletin {n}."]
                spans: list[tuple[int, int, int]] = []
                for i in range(min(CLAIMS_PER_DOC, claims - n * CLAIMS_PER_DOC)):
                    value = 10 + (day - UPRISING_START).days * (i + 1) + rng.randrange(50)
                    sentence = f" At least {value} people were counted in line {i}."
                    offset = sum(len(p) for p in parts)
                    spans.append((offset + 1, offset + len(sentence), value))
                    parts.append(sentence)
                province, city = CITIES[n % len(CITIES)]
                tail = f" Protest in {city}. Arrests in {city}. Person {n} was arrested."
                text = "".join(parts) + tail
                doc = Document(id=document_id(text), text=text, published=day,
                               publisher=f"Bench Wire {n % 5}")
                batch.append(doc)
                claim_list = tuple(
                    Claim(measure=measures[i % len(measures)], subject=Subject.PEOPLE, low=value,
                          high=None, qualifier=Qualifier.AT_LEAST, place="IR", city=None,
                          date=day.isoformat(), source=SOURCES[(n + i) % len(SOURCES)],
                          evidence=Evidence.of(text, s, e))
                    for i, (s, e, value) in enumerate(spans))
                base = len(text) - len(tail)
                incidents = tuple(
                    Incident(type=kind, place=province, city=city, date=day.isoformat(),
                             evidence=Evidence.of(text, base + s, base + e))
                    for kind, (s, e) in ((IncidentType.PROTEST, (1, 11 + len(city) + 1)),
                                         (IncidentType.ARREST, (13 + len(city) + 1,
                                                                25 + 2 * len(city) + 1))))
                p_start = text.rindex("Person")
                person = Person(name=f"Person {n}", age=None, gender=None,
                                fates=(Fate.ARRESTED,), place=province, city=city,
                                date=day.isoformat(),
                                evidence=Evidence.of(text, p_start, len(text) - 1))
                extractions.append(Extraction(document_id=doc.id, claims=claim_list,
                                              incidents=incidents, persons=(person,)))
            db.add_documents(batch)
            db.save_extractions(extractions, "bench")
        stored = db.counts()
    print(f"stored: {stored.get('documents', docs):,} documents, {stored.get('claims', 0):,} "
          f"claims, {stored.get('incidents', 0):,} incidents, {stored.get('persons', 0):,} persons")
    return docs


def run_report(url: str, out: Path, formats: str, week: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and the child's peak RSS (MB) of one `uprising report` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "uprising", "report", "--week", str(week),
                           "--format", formats, "-o", str(out), "--database", url],
                          capture_output=True, text=True, timeout=600, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"uprising report failed ({done.returncode}):\n{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest child so far; a run after a larger one may not
    # raise it, so later runs are reported as "at most".
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims to store")
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder to keep the database and reports in (default: temporary)")
    parser.add_argument("--runs", type=int, default=1, help="report runs per format set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = "sqlite:///" + str(folder / "bench.db")
        start = time.perf_counter()
        build(url, args.claims)
        print(f"built in {time.perf_counter() - start:.1f} s")
        first = True
        for formats in ("md,html,pdf", "md"):
            for _ in range(args.runs):
                seconds, cpu, rss = run_report(url, folder / "reports", formats, week=WEEKS)
                print(f"report --week {WEEKS} --format {formats}: {seconds:.2f} s "
                      f"(CPU {cpu:.2f} s), peak RSS {'' if first else 'at most '}{rss:.0f} MB "
                      "(targets: 10 s, 500 MB)")
                first = False


if __name__ == "__main__":
    main()
