"""An ingest killed with SIGKILL part way leaves the whole batch or none of it (issue 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from uprising.storage import Database
from uprising.storage import tables as t

FILES = 1500
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(FILES):
        (folder / f"r{i:05}.txt").write_text(
            f"Report {i}: at least {i % 90 + 2} people were arrested in Sanandaj on day {i}.\n"
            + "Witnesses described the protest in detail. " * 20, encoding="utf-8")
    return folder


def _ingest(folder: Path, url: str, tmp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "UPRISING_ARCHIVE_DIR": str(tmp / "archive")}
    return subprocess.Popen([sys.executable, "-m", "uprising", "ingest", str(folder),
                             "--database", url], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _documents(url: str) -> int:
    with Database.open(url) as db, db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(t.documents)) or 0)


def _kill_when_wal_reaches(process: subprocess.Popen[bytes], wal: Path, size: int) -> bool:
    """SIGKILL the ingest once its write-ahead log holds `size` bytes, i.e. in the middle of
    its one write transaction; False if it finished first."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size >= size:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            return True
        time.sleep(0.002)
    process.wait(timeout=60)
    return False


@pytest.mark.parametrize("wal_bytes", [4096, 256 * 1024, 1024 * 1024])
def test_sigkill_during_ingest_leaves_all_or_nothing_and_a_rerun_completes(
        tmp_path: Path, wal_bytes: int) -> None:
    folder = _corpus(tmp_path / "reports")
    db_file = tmp_path / "k.db"
    url = "sqlite:///" + str(db_file)
    with Database.open(url):
        pass  # migrated before, so the write-ahead log grows only with the ingest itself
    process = _ingest(folder, url, tmp_path)
    killed = _kill_when_wal_reaches(process, Path(str(db_file) + "-wal"), wal_bytes)
    assert killed, "the ingest finished before it could be killed part way"
    assert _documents(url) == 0  # killed before its commit: none of the batch
    rerun = _ingest(folder, url, tmp_path)
    assert rerun.wait(timeout=300) == 0
    assert _documents(url) == FILES
