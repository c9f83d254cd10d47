"""The security tables' queries: accounts, tokens, sessions, submissions and the audit log.

Kept apart from `repository.py` (the reports' data) so each stays one job. Every write is one
transaction; values that could name a person are encrypted before they reach this module, or
hashed here, and none of them is logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from uprising.errors import InputError
from uprising.security.accounts import (
    LOCKOUT,
    MAX_FAILED_LOGINS,
    Principal,
    Role,
    check_name,
    check_password,
    check_role,
    hash_secret,
    new_token,
    split_token,
    verify_secret,
)
from uprising.security.audit import GENESIS, AuditEntry, canonical_detail, entry_hash
from uprising.security.crypto import Keyring
from uprising.security.sessions import SESSION_LIFETIME, new_session, session_key
from uprising.storage import tables as t

__all__ = ["LoginResult", "SecurityStore", "append_audit"]

LOGGER = logging.getLogger(__name__)

# A hash of a password nobody has, checked when the account does not exist, so that a login
# for an unknown name costs the same time as one for a known name.
_DUMMY_HASH = hash_secret("no account has this password " + secrets.token_hex(8))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginResult:
    """A login's outcome: the principal, or why not ("wrong", "locked", "disabled")."""

    principal: Principal | None
    reason: str = ""


def append_audit(conn: Connection, *, actor: str, action: str, target: str,
                 detail: Mapping[str, Any] | None = None) -> str:
    """Append one entry to the chain inside the caller's transaction; returns its hash."""
    last = conn.execute(select(t.audit_log.c.id, t.audit_log.c.hash)
                        .order_by(t.audit_log.c.id.desc()).limit(1)).first()
    entry_id = (last.id + 1) if last else 1
    prev_hash = last.hash if last else GENESIS
    at = _now()
    text = canonical_detail(detail or {})
    digest = entry_hash(entry_id=entry_id, at=at, actor=actor, action=action,
                        target=target[:128], detail=text, prev_hash=prev_hash)
    conn.execute(insert(t.audit_log).values(id=entry_id, at=at, actor=actor[:64],
                                            action=action[:32], target=target[:128],
                                            detail=text, prev_hash=prev_hash, hash=digest))
    return digest


class SecurityStore:
    """Accounts, API tokens, sessions, submissions and the audit log of one database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- audit ---------------------------------------------------------------------------------

    def audit(self, *, actor: str, action: str, target: str,
              detail: Mapping[str, Any] | None = None) -> str:
        with self._engine.begin() as conn:
            return append_audit(conn, actor=actor, action=action, target=target, detail=detail)

    def audit_entries(self) -> list[AuditEntry]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(t.audit_log).order_by(t.audit_log.c.id)).all()
        return [AuditEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, target=r.target,
                           detail=r.detail, prev_hash=r.prev_hash, hash=r.hash) for r in rows]

    # -- accounts ------------------------------------------------------------------------------

    def has_users(self) -> bool:
        with self._engine.connect() as conn:
            return bool(conn.scalar(select(func.count()).select_from(t.users)))

    def add_user(self, name: str, role: str, password: str, *, actor: str = "cli") -> int:
        """Create an account; returns its number.

        Raises:
            InputError: a bad name, role or password, or the name is taken.
        """
        name, checked = check_name(name), check_role(role)
        password_hash = hash_secret(check_password(password))
        with self._engine.begin() as conn:
            if conn.scalar(select(t.users.c.id).where(t.users.c.name == name)) is not None:
                raise InputError("an account of that name exists", field="name")
            result = conn.execute(insert(t.users).values(
                name=name, role=checked.value, password_hash=password_hash, disabled=False,
                failed_logins=0, locked_until=None, created_at=_now()))
            user_id = int(result.inserted_primary_key[0])  # type: ignore[index]
            append_audit(conn, actor=actor, action="user.add", target=f"user:{user_id}",
                         detail={"role": checked.value})
        return user_id

    def users(self) -> list[dict[str, Any]]:
        query = select(t.users.c.id, t.users.c.name, t.users.c.role, t.users.c.disabled,
                       t.users.c.locked_until).order_by(t.users.c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def _user_id(self, conn: Connection, name: str) -> int:
        user_id = conn.scalar(select(t.users.c.id).where(t.users.c.name == check_name(name)))
        if user_id is None:
            raise InputError("no account of that name", field="name")
        return int(user_id)

    def set_role(self, name: str, role: str, *, actor: str = "cli") -> None:
        checked = check_role(role)
        with self._engine.begin() as conn:
            user_id = self._user_id(conn, name)
            conn.execute(update(t.users).where(t.users.c.id == user_id)
                         .values(role=checked.value))
            # A token never outranks its owner: tokens of another role stop working.
            conn.execute(update(t.api_tokens).where(t.api_tokens.c.user_id == user_id,
                                                    t.api_tokens.c.role != checked.value)
                         .values(revoked=True))
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
            append_audit(conn, actor=actor, action="user.set-role", target=f"user:{user_id}",
                         detail={"role": checked.value})

    def disable(self, name: str, *, actor: str = "cli") -> None:
        with self._engine.begin() as conn:
            user_id = self._user_id(conn, name)
            conn.execute(update(t.users).where(t.users.c.id == user_id).values(disabled=True))
            conn.execute(update(t.api_tokens).where(t.api_tokens.c.user_id == user_id)
                         .values(revoked=True))
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
            append_audit(conn, actor=actor, action="user.disable", target=f"user:{user_id}")

    def login(self, name: str, password: str, *, now: dt.datetime | None = None) -> LoginResult:
        """Check a password; count failures and lock the account after MAX_FAILED_LOGINS."""
        now = now or _now()
        try:
            name = check_name(name)
        except InputError:
            verify_secret(_DUMMY_HASH, password)
            return LoginResult(principal=None, reason="wrong")
        with self._engine.begin() as conn:
            row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
            if row is None:
                verify_secret(_DUMMY_HASH, password)
                return LoginResult(principal=None, reason="wrong")
            locked = _aware(row.locked_until)
            if locked is not None and locked > now:
                return LoginResult(principal=None, reason="locked")
            if not verify_secret(row.password_hash, password):
                failures = row.failed_logins + 1
                values: dict[str, Any] = {"failed_logins": failures}
                if failures >= MAX_FAILED_LOGINS:
                    values = {"failed_logins": 0, "locked_until": now + LOCKOUT}
                    LOGGER.warning("account %d locked after %d failed logins", row.id, failures)
                conn.execute(update(t.users).where(t.users.c.id == row.id).values(**values))
                return LoginResult(principal=None, reason="wrong")
            if row.disabled:
                return LoginResult(principal=None, reason="disabled")
            conn.execute(update(t.users).where(t.users.c.id == row.id)
                         .values(failed_logins=0, locked_until=None))
        return LoginResult(principal=Principal(user_id=row.id, role=Role(row.role)))

    # -- sessions ------------------------------------------------------------------------------

    def start_session(self, user_id: int, *, replacing: str | None = None) -> str:
        """A new session for `user_id` (any session of cookie `replacing` ends); its cookie."""
        value, key = new_session()
        now = _now()
        with self._engine.begin() as conn:
            if replacing:
                conn.execute(delete(t.sessions).where(t.sessions.c.id == session_key(replacing)))
            conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now))
            conn.execute(insert(t.sessions).values(id=key, user_id=user_id, created_at=now,
                                                   expires_at=now + SESSION_LIFETIME))
        return value

    def end_session(self, value: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.id == session_key(value)))

    def session_principal(self, value: str) -> Principal | None:
        query = (select(t.users.c.id, t.users.c.role, t.sessions.c.expires_at)
                 .join(t.users, t.users.c.id == t.sessions.c.user_id)
                 .where(t.sessions.c.id == session_key(value), t.users.c.disabled.is_(False)))
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or (_aware(row.expires_at) or _now()) <= _now():
            return None
        return Principal(user_id=row.id, role=Role(row.role))

    # -- API tokens ----------------------------------------------------------------------------

    def add_token(self, name: str, role: str | None = None, *, actor: str = "cli") -> str:
        """A new API token for account `name`, scoped to `role` (default: the account's)."""
        with self._engine.begin() as conn:
            user_id = self._user_id(conn, name)
            own = Role(str(conn.scalar(select(t.users.c.role).where(t.users.c.id == user_id))))
            scoped = check_role(role) if role else own
            if scoped is not own and own is not Role.ADMIN:
                raise InputError(f"a token of this account can only have role {own.value}",
                                 field="role")
            token_id, token = new_token()
            conn.execute(insert(t.api_tokens).values(
                id=token_id, user_id=user_id, role=scoped.value,
                secret_hash=hash_secret(token.partition(".")[2]), revoked=False,
                created_at=_now()))
            append_audit(conn, actor=actor, action="token.add", target=f"user:{user_id}",
                         detail={"token": token_id, "role": scoped.value})
        return token

    def token_principal(self, token: str) -> Principal | None:
        parts = split_token(token)
        if parts is None:
            return None
        query = (select(t.api_tokens.c.secret_hash, t.api_tokens.c.role, t.users.c.id)
                 .join(t.users, t.users.c.id == t.api_tokens.c.user_id)
                 .where(t.api_tokens.c.id == parts[0], t.api_tokens.c.revoked.is_(False),
                        t.users.c.disabled.is_(False)))
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or not verify_secret(row.secret_hash, parts[1]):
            return None
        return Principal(user_id=row.id, role=Role(row.role), via_token=True)

    # -- submissions ---------------------------------------------------------------------------

    def add_submission(self, keyring: Keyring, principal: Principal, *, text: str,
                       contact: str = "", photo: str | None = None,
                       photo_original_sha256: str | None = None) -> str:
        """Store a submission with its submitter, contact and text encrypted; returns its id."""
        sub_id = secrets.token_hex(16)
        ctx = f"submissions:{sub_id}"
        who = json.dumps({"user": principal.user_id, "role": principal.role.value})
        with self._engine.begin() as conn:
            conn.execute(insert(t.submissions).values(
                id=sub_id, owner_tag=keyring.tag(principal.actor),
                submitter=keyring.encrypt(who, ctx + ":submitter"),
                contact=keyring.encrypt(contact, ctx + ":contact") if contact else None,
                text=keyring.encrypt(text, ctx + ":text"), photo=photo,
                photo_original_sha256=photo_original_sha256, status="pending",
                document_id=None, created_at=_now()))
            append_audit(conn, actor=principal.actor, action="submission.add",
                         target=f"submission:{sub_id}", detail={"photo": photo is not None})
        return sub_id

    def submission(self, keyring: Keyring, sub_id: str, *, with_identity: bool = False
                   ) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(t.submissions).where(t.submissions.c.id == sub_id)).first()
        return None if row is None else _decrypted(keyring, row, with_identity=with_identity)

    def owns(self, keyring: Keyring, sub_id: str, principal: Principal) -> bool:
        with self._engine.connect() as conn:
            tag = conn.scalar(select(t.submissions.c.owner_tag)
                              .where(t.submissions.c.id == sub_id))
        return tag is not None and tag == keyring.tag(principal.actor)

    def submissions(self, keyring: Keyring, *, status: str | None = None,
                    owner: Principal | None = None, limit: int = 50, offset: int = 0
                    ) -> list[dict[str, Any]]:
        query = select(t.submissions).order_by(t.submissions.c.created_at, t.submissions.c.id)
        if status:
            query = query.where(t.submissions.c.status == status)
        if owner is not None:
            query = query.where(t.submissions.c.owner_tag == keyring.tag(owner.actor))
        with self._engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [_decrypted(keyring, r, with_identity=False) for r in rows]

    def decide_submission(self, sub_id: str, decision: str, principal: Principal,
                          document_id: str | None = None) -> None:
        with self._engine.begin() as conn:
            found = conn.execute(update(t.submissions)
                                 .where(t.submissions.c.id == sub_id,
                                        t.submissions.c.status == "pending")
                                 .values(status=decision, document_id=document_id)).rowcount
            if not found:
                raise InputError("no pending submission of that id", field="submission_id")
            append_audit(conn, actor=principal.actor, action=f"submission.{decision}",
                         target=f"submission:{sub_id}", detail={"document": document_id})

    def rotate(self, keyring: Keyring, *, actor: str = "cli") -> int:
        """Re-encrypt (and re-tag) every submission under the keyring's primary key."""
        count = 0
        with self._engine.begin() as conn:
            for row in conn.execute(select(t.submissions)).all():
                ctx = f"submissions:{row.id}"
                values: dict[str, Any] = {}
                for column in ("submitter", "contact", "text"):
                    value = getattr(row, column)
                    if value is not None:
                        plain = keyring.decrypt(value, f"{ctx}:{column}")
                        values[column] = keyring.encrypt(plain, f"{ctx}:{column}")
                who = json.loads(keyring.decrypt(row.submitter, f"{ctx}:submitter"))
                actor_of = f"user:{who['user']}" if who["user"] is not None else "public"
                values["owner_tag"] = keyring.tag(actor_of)
                conn.execute(update(t.submissions).where(t.submissions.c.id == row.id)
                             .values(**values))
                count += 1
            append_audit(conn, actor=actor, action="key.rotate", target="submissions",
                         detail={"rows": count, "key": keyring.primary_id})
        return count


def _decrypted(keyring: Keyring, row: Any, *, with_identity: bool) -> dict[str, Any]:
    ctx = f"submissions:{row.id}"
    item: dict[str, Any] = {
        "id": row.id, "text": keyring.decrypt(row.text, ctx + ":text"), "photo": row.photo,
        "photo_original_sha256": row.photo_original_sha256, "status": row.status,
        "document_id": row.document_id, "created_at": row.created_at,
    }
    if with_identity:
        item["submitter"] = json.loads(keyring.decrypt(row.submitter, ctx + ":submitter"))
        item["contact"] = (keyring.decrypt(row.contact, ctx + ":contact")
                           if row.contact else "")
    return item
