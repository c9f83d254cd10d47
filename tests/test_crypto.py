"""Correspondents' identities, contacts and texts are encrypted at rest; keys rotate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from tests import security_support
from tests.security_support import csrf
from uprising.cli.main import cli
from uprising.errors import ConfigError
from uprising.security.accounts import Principal, Role
from uprising.security.crypto import (
    DecryptError,
    Keyring,
    generate_key_line,
    load_keyring,
    parse_keyring,
)
from uprising.storage import Database
from uprising.storage import tables as t
from uprising.storage.security_repo import SecurityStore

clients = security_support.clients
secure_app = security_support.secure_app


@pytest.fixture
def ring() -> Keyring:
    return parse_keyring(generate_key_line(), "test")


def test_round_trip_and_fresh_nonce(ring: Keyring) -> None:
    a, b = ring.encrypt("Sara, +98 912", "c"), ring.encrypt("Sara, +98 912", "c")
    assert a != b and "Sara" not in a
    assert ring.decrypt(a, "c") == "Sara, +98 912"


def test_a_value_moved_to_another_row_does_not_decrypt(ring: Keyring) -> None:
    value = ring.encrypt("secret", "submissions:1:contact")
    with pytest.raises(DecryptError):
        ring.decrypt(value, "submissions:2:contact")


def test_a_tampered_value_does_not_decrypt(ring: Keyring) -> None:
    value = ring.encrypt("secret", "c")
    key_id, body = value.split(":")
    # A character in the middle: the last ones may only carry padding bits.
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    with pytest.raises(DecryptError):
        ring.decrypt(f"{key_id}:{flipped}", "c")


def test_unknown_key_names_the_key_not_the_value(ring: Keyring) -> None:
    other = parse_keyring(generate_key_line(), "other")
    with pytest.raises(DecryptError, match="not in the keyring"):
        other.decrypt(ring.encrypt("secret", "c"), "c")


@pytest.mark.parametrize("text", ["", "# only a comment", "abc notbase64!", "abc AAAA"])
def test_bad_key_files_are_refused(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_keyring(text, "k")


def test_missing_key_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="uprising key new"):
        load_keyring(tmp_path / "none.key")


def test_stored_submission_holds_no_clear_identity_contact_or_text(tmp_path: Path,
                                                                    ring: Keyring) -> None:
    with Database.open("sqlite:///" + str(tmp_path / "d.db")) as db:
        store = SecurityStore(db.engine)
        user = store.add_user("corr", "correspondent", "a long enough password")
        sub = store.add_submission(ring, Principal(user_id=user, role=Role.CORRESPONDENT),
                                   text="Arrests in Zahedan", contact="signal:+98-555")
        with db.engine.connect() as conn:
            row = conn.execute(select(t.submissions)).one()
        raw = " ".join(str(v) for v in row)
        assert "Zahedan" not in raw and "+98-555" not in raw and '"user"' not in raw
        item = store.submission(ring, sub, with_identity=True)
        assert item is not None
        assert item["submitter"]["user"] == user and item["contact"] == "signal:+98-555"
    db_bytes = (tmp_path / "d.db").read_bytes() + (tmp_path / "d.db-wal").read_bytes() \
        if (tmp_path / "d.db-wal").exists() else (tmp_path / "d.db").read_bytes()
    assert b"Zahedan" not in db_bytes and b"+98-555" not in db_bytes


def test_key_rotate_reencrypts_everything_and_drops_the_old_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file, url = tmp_path / "k.key", "sqlite:///" + str(tmp_path / "r.db")
    monkeypatch.setenv("UPRISING_SECRET_KEY_FILE", str(key_file))
    runner = CliRunner()
    assert runner.invoke(cli, ["key", "new"]).exit_code == 0
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"
    assert runner.invoke(cli, ["key", "new"]).exit_code == 2  # never overwrites
    old = load_keyring(key_file)
    with Database.open(url) as db:
        store = SecurityStore(db.engine)
        user = store.add_user("corr", "correspondent", "a long enough password")
        who = Principal(user_id=user, role=Role.CORRESPONDENT)
        sub = store.add_submission(old, who, text="report one", contact="c1")
    result = runner.invoke(cli, ["key", "rotate", "--database", url])
    assert result.exit_code == 0, result.output
    new = load_keyring(key_file)
    assert len(new.keys) == 1 and new.primary_id != old.primary_id
    with Database.open(url) as db:
        store = SecurityStore(db.engine)
        item = store.submission(new, sub, with_identity=True)
        assert item is not None and item["text"] == "report one" and item["contact"] == "c1"
        assert store.owns(new, sub, who)
        assert [r["id"] for r in store.submissions(new, owner=who)] == [sub]
        with pytest.raises(DecryptError):
            store.submission(old, sub)


def test_submissions_are_refused_without_a_key(tmp_path: Path) -> None:
    from tests.security_support import BASE, TestClient, add_accounts, sign_in
    from uprising.web import create_app

    url = "sqlite:///" + str(tmp_path / "n.db")
    add_accounts(url)
    app = create_app({"database_url": url, "secret_key_file": str(tmp_path / "none"),
                      "upload_dir": str(tmp_path / "u")})
    with TestClient(app, base_url=BASE) as client:
        sign_in(client, "correspondent1")
        token = csrf(client, "/submit")
        response = client.post("/api/submissions", data={"text": "x", "csrf": token})
        assert response.status_code == 503


def test_the_public_never_sees_who_submitted(secure_app: Any,
                                             clients: dict[Role, Any]) -> None:
    corr = clients[Role.CORRESPONDENT]
    corr.post("/api/submissions", data={"text": "Report from Mahabad", "contact": "me@x",
                                        "csrf": csrf(corr, "/submit")})
    queue = clients[Role.EDITOR].get("/api/submissions").json()["rows"]
    assert queue and all("submitter" not in r and "contact" not in r for r in queue)
    assert "correspondent1" not in str(queue) and "me@x" not in str(queue)
    sub = queue[0]["id"]
    editor = clients[Role.EDITOR]
    accepted = editor.post(f"/submissions/{sub}/accept", data={"csrf": csrf(editor, "/login")})
    assert accepted.status_code == 200, accepted.text
    doc_id = accepted.json()["document"]
    page = clients[Role.PUBLIC].get(f"/api/documents/{doc_id}").json()
    assert "correspondent1" not in str(page) and "me@x" not in str(page)
    assert page["document"]["publisher"] == "correspondent"


def test_editing_a_ciphertext_in_the_database_is_detected(secure_app: Any,
                                                          clients: dict[Role, Any]) -> None:
    corr = clients[Role.CORRESPONDENT]
    sub = corr.post("/api/submissions", data={"text": "t", "csrf": csrf(corr, "/submit")}
                    ).json()["submission"]
    engine = secure_app.state.db.engine
    with engine.begin() as conn:
        other = conn.execute(select(t.submissions.c.contact)).scalar()
        conn.execute(update(t.submissions).where(t.submissions.c.id == sub)
                     .values(text=secure_app.state.keyring.encrypt("forged", "elsewhere")))
    assert other is None
    assert clients[Role.EDITOR].get(f"/api/submissions/{sub}").status_code >= 500
