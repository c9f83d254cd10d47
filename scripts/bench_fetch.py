"""Benchmark (issue 9): fetch, archive and ingest 1,000 pages from a loopback server.

Starts the standard library's HTTP server on 127.0.0.1 (port 0) serving 1,000 distinct article
pages, fetches them all with `uprising.cli.web.fetch_pages` (SSRF guard with 127.0.0.1 allowed
by name, robots.txt read, no per-host delay), writes every response to a WARC file, stores the
documents with their WARC links in a temporary SQLite database, checks every link's payload hash,
and prints pages/s and peak RSS. It asserts nothing about speed; it fails only if a page is lost.

    python scripts/bench_fetch.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from uprising.archive import WarcArchive, verify_record
from uprising.cli.web import fetch_pages
from uprising.ingest.web import Fetcher, FetchSettings
from uprising.storage import Database


def _page(n: int) -> bytes:
    body = " ".join(
        f"Paragraph {i} of report {n}: residents said security forces dispersed a gathering "
        f"near the square, and a local group counted {n % 97 + i} people detained."
        for i in range(6)
    )
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report {n}'
            f"</title></head><body><nav>Home | News</nav><article><h1>Report {n}</h1>"
            f"<p>{body}</p></article><footer>Bench Wire</footer></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            status, kind, body = 200, "text/plain", b"User-agent: *\nAllow: /\n"
        elif self.path.startswith("/page/"):
            status, kind, body = 200, "text/html; charset=utf-8", _page(int(self.path[6:]))
        else:
            status, kind, body = 404, "text/plain", b"not found"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages to fetch (default 1000)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/page/{n}" for n in range(args.pages)]
    settings = FetchSettings(user_agent="uprising-bench/0.1", per_host_delay=0.0,
                             allow_hosts=frozenset({"127.0.0.1"}))
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            archive = WarcArchive(root / "archive")
            with Database.open(f"sqlite:///{root / 'bench.db'}") as db, \
                    Fetcher(settings, archive=archive) as fetcher:
                started = time.perf_counter()
                summary = fetch_pages(db, fetcher, urls)
                elapsed = time.perf_counter() - started
                archive.close()
                links = db.archived_documents()
                for _, link in links:
                    verify_record(root / "archive", link.record, link.sha256)
            warc_bytes = sum(p.stat().st_size for p in (root / "archive" / "warc").iterdir())
    finally:
        server.shutdown()
        server.server_close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"pages fetched and stored: {len(summary.added)} of {args.pages} "
          f"({len(summary.failures)} failed)")
    print(f"time: {elapsed:.2f} s, {len(summary.added) / elapsed:.1f} pages/s")
    print(f"WARC: {warc_bytes / 1e6:.2f} MB; every one of {len(links)} payload hashes matches")
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0 if len(summary.added) == args.pages == len(links) else 1


if __name__ == "__main__":
    sys.exit(main())
