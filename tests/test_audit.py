"""The hash-chained audit log: every change appends; `uprising audit verify` finds any edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, update

from tests import security_support
from tests.conftest import ROOT
from tests.security_support import csrf
from uprising.cli.main import cli
from uprising.security.accounts import Role
from uprising.storage import Database
from uprising.storage import tables as t
from uprising.storage.security_repo import SecurityStore

clients = security_support.clients
secure_app = security_support.secure_app


@pytest.fixture
def audited(tmp_path: Path) -> str:
    """A database changed through the CLI: ingest, process, user add, set-role, disable."""
    url = "sqlite:///" + str(tmp_path / "a.db")
    runner = CliRunner()
    for args, stdin in ((["ingest", str(ROOT / "samples")], None), (["process"], None),
                        (["user", "add", "ed", "--role", "editor", "--password-stdin"],
                         "a long enough password\n"),
                        (["user", "set-role", "ed", "reviewer"], None),
                        (["user", "disable", "ed"], None)):
        result = runner.invoke(cli, [*args, "--database", url], input=stdin)
        assert result.exit_code == 0, result.output
    return url


def _verify(url: str, *extra: str) -> Any:
    return CliRunner().invoke(cli, ["audit", "verify", "--database", url, *extra])


def test_every_change_appends_an_entry(audited: str) -> None:
    with Database.open(audited) as db:
        actions = [e.action for e in SecurityStore(db.engine).audit_entries()]
    assert actions == ["ingest", "extraction-run", "user.add", "user.set-role", "user.disable"]


def test_entries_name_no_person(audited: str) -> None:
    with Database.open(audited) as db:
        entries = SecurityStore(db.engine).audit_entries()
    assert all("ed" not in (e.actor, e.target) and '"ed"' not in e.detail for e in entries)


def test_intact_log_verifies_and_prints_its_head(audited: str) -> None:
    result = _verify(audited)
    assert result.exit_code == 0, result.output
    head = result.stdout.strip()
    assert len(head) == 64
    assert _verify(audited, "--head", head).exit_code == 0


@pytest.mark.parametrize("column, value", [("detail", '{"added": []}'), ("actor", "user:9"),
                                           ("action", "ingest"), ("target", "nothing")])
def test_an_edited_entry_is_detected(audited: str, column: str, value: str) -> None:
    with Database.open(audited) as db, db.engine.begin() as conn:
        conn.execute(update(t.audit_log).where(t.audit_log.c.id == 2).values({column: value}))
    result = _verify(audited)
    assert result.exit_code == 1
    assert "audit entry 2: content was changed" in result.output


def test_an_edit_that_rehashes_its_entry_breaks_the_next_link(audited: str) -> None:
    from uprising.security.audit import entry_hash

    with Database.open(audited) as db:
        entry = SecurityStore(db.engine).audit_entries()[1]
        forged = entry_hash(entry_id=entry.id, at=entry.at, actor=entry.actor, action="forged",
                            target=entry.target, detail=entry.detail, prev_hash=entry.prev_hash)
        with db.engine.begin() as conn:
            conn.execute(update(t.audit_log).where(t.audit_log.c.id == 2)
                         .values(action="forged", hash=forged))
    assert "audit entry 3: does not link" in _verify(audited).output


def test_a_removed_entry_is_detected(audited: str) -> None:
    with Database.open(audited) as db, db.engine.begin() as conn:
        conn.execute(delete(t.audit_log).where(t.audit_log.c.id == 3))
    result = _verify(audited)
    assert result.exit_code == 1 and "entries 3..3 missing" in result.output


def test_removed_newest_entries_are_detected_with_the_head(audited: str) -> None:
    head = _verify(audited).stdout.strip()
    with Database.open(audited) as db, db.engine.begin() as conn:
        conn.execute(delete(t.audit_log).where(t.audit_log.c.id == 5))
    assert _verify(audited).exit_code == 0
    assert _verify(audited, "--head", head).exit_code == 1


def test_review_decisions_and_submissions_are_audited(secure_app: Any,
                                                      clients: dict[Role, Any]) -> None:
    editor = clients[Role.EDITOR]
    record = editor.get("/api/review?kind=claim").json()["rows"][0]
    token = csrf(editor, "/review")
    response = editor.post(f"/review/claim/{record['id']}",
                           data={"decision": "confirm", "reviewer": "x", "csrf": token})
    assert response.status_code in (200, 201)
    corr = clients[Role.CORRESPONDENT]
    corr.post("/api/submissions", data={"text": "t", "csrf": csrf(corr, "/submit")})
    entries = secure_app.state.security.audit_entries()
    actions = [e.action for e in entries]
    assert "review.confirm" in actions and "submission.add" in actions
    assert {e.actor for e in entries if e.action != "user.add"} <= {
        "user:2", "user:4", "cli"}
