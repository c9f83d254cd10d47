"""`uprising backup` and `uprising restore`: a restore brings back every table, row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from tests import web_support
from tests.conftest import ROOT
from tests.web_support import reset_postgres
from uprising.cli.main import cli
from uprising.security.accounts import Principal, Role
from uprising.security.crypto import generate_key_line, parse_keyring
from uprising.storage import Database
from uprising.storage import tables as t
from uprising.storage.security_repo import SecurityStore

any_database_url = web_support.any_database_url


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with Database.open(url) as db, db.engine.connect() as conn:
        tables = {table.name: sorted(tuple(str(v) for v in row)
                                     for row in conn.execute(select(table)))
                  for table in t.metadata.sorted_tables}
        tables["alembic_version"] = [tuple(conn.execute(
            text("SELECT version_num FROM alembic_version")).one())]
    return tables


def _fill(url: str) -> None:
    runner = CliRunner()
    for args in (["ingest", str(ROOT / "samples")], ["process"]):
        assert runner.invoke(cli, [*args, "--database", url]).exit_code == 0
    with Database.open(url) as db:
        store = SecurityStore(db.engine)
        user = store.add_user("corr", "correspondent", "a long enough password")
        store.add_submission(parse_keyring(generate_key_line(), "k"),
                             Principal(user_id=user, role=Role.CORRESPONDENT), text="t")
        db.browse().add_review(kind="claim", record_id=_first_claim(db), decision="confirm",
                               corrected=None, reviewer="r")


def _first_claim(db: Database) -> str:
    with db.engine.connect() as conn:
        return str(conn.execute(select(t.claims.c.id).limit(1)).scalar())


def test_restore_brings_back_every_table(any_database_url: str, tmp_path: Path) -> None:
    url = any_database_url
    _fill(url)
    before = _snapshot(url)
    assert all(before[name] for name in ("documents", "claims", "users", "submissions",
                                         "audit_log", "reviews"))
    target = tmp_path / "backup.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["backup", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink()
        for suffix in ("-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        reset_postgres(url)
    result = runner.invoke(cli, ["restore", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    after = _snapshot(url)
    restored_audit = after.pop("audit_log")
    assert after == {k: v for k, v in before.items() if k != "audit_log"}
    assert restored_audit[:len(before["audit_log"])] == before["audit_log"]
    assert runner.invoke(cli, ["audit", "verify", "--database", url]).exit_code == 0


def test_backup_never_overwrites(tmp_path: Path) -> None:
    url = "sqlite:///" + str(tmp_path / "b.db")
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep")
    result = CliRunner().invoke(cli, ["backup", str(target), "--database", url])
    assert result.exit_code == 2 and target.read_bytes() == b"keep"


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(
        tmp_path: Path, content: bytes) -> None:
    url = "sqlite:///" + str(tmp_path / "c.db")
    _fill(url)
    before = _snapshot(url)
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["restore", str(bad), "--database", url])
    assert result.exit_code == 2
    assert _snapshot(url) == before
