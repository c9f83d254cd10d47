"""Accounts: roles, argon2 password hashes, API tokens, and login rate limiting with lockout.

Roles are a flat set rather than a ladder, so every route names exactly who may use it:

    admin          accounts, every page and action
    editor         the review queue and decisions, correspondents' submissions
    reviewer       the review queue and decisions, reading submissions
    correspondent  sending submissions and reading back only their own
    public         no account: the published data

An API token is "ID.SECRET": the ID finds the row, the secret is checked against its argon2 hash,
and the token carries a role no higher than its owner's at the time it was made.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from uprising.errors import InputError

__all__ = [
    "LOCKOUT",
    "MAX_FAILED_LOGINS",
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "LoginLimiter",
    "Principal",
    "Role",
    "check_name",
    "check_password",
    "hash_secret",
    "new_token",
    "split_token",
    "verify_secret",
]

LOGGER = logging.getLogger(__name__)


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    CORRESPONDENT = "correspondent"
    PUBLIC = "public"


ROLES: tuple[Role, ...] = tuple(Role)
ACCOUNT_ROLES: tuple[Role, ...] = tuple(r for r in Role if r is not Role.PUBLIC)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 would take a megabyte password; a login form should not
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")

_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True, kw_only=True)
class Principal:
    """Who a request acts as: an account (id, role) or the public (user_id None)."""

    user_id: int | None
    role: Role
    via_token: bool = False

    @property
    def actor(self) -> str:
        """How the audit log names this principal: an account number, never a name."""
        if self.user_id is not None:
            return f"user:{self.user_id}"
        return "local" if self.role is Role.ADMIN else "public"


def check_name(name: str) -> str:
    """An account name: 1-64 of a-z, 0-9, '.', '_', '-' (it appears in no URL or log)."""
    cleaned = name.strip().lower()
    if not cleaned or len(cleaned) > 64 or set(cleaned) - _NAME_CHARS:
        raise InputError("an account name is 1-64 characters of a-z, 0-9, '.', '_' and '-'",
                         field="name")
    return cleaned


def check_role(value: str, *, account: bool = True) -> Role:
    choices = ACCOUNT_ROLES if account else ROLES
    try:
        role = Role(value)
    except ValueError:
        role = None
    if role is None or role not in choices:
        raise InputError(f"unknown role {value!r}", field="role",
                         hint="one of " + ", ".join(r.value for r in choices))
    return role


def check_password(password: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InputError(f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} "
                         "characters", field="password")
    return password


def hash_secret(secret: str) -> str:
    """The argon2id hash of a password or token secret."""
    return _HASHER.hash(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    """Whether `secret` matches `stored_hash`; never raises for a wrong or damaged hash."""
    if len(secret) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> tuple[str, str]:
    """A fresh API token: (public id, full token "ID.SECRET") — the full token is shown once."""
    token_id = secrets.token_hex(8)
    return token_id, f"{token_id}.{secrets.token_urlsafe(32)}"


def split_token(token: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed token, else None."""
    token_id, dot, secret = token.partition(".")
    if not dot or len(token_id) != 16 or set(token_id) - set("0123456789abcdef"):
        return None
    if not 20 <= len(secret) <= 100:
        return None
    return token_id, secret


class LoginLimiter:
    """At most `limit` login attempts per client per `window` seconds (a sliding window).

    Kept in memory: it slows guessing from one address; the per-account lockout (stored with the
    account) stops guessing one password from many addresses.
    """

    def __init__(self, limit: int = 10, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self._clock = limit, window, clock
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count one attempt from `client`; False when it is over the limit."""
        now = self._clock()
        with self._lock:
            if len(self._attempts) > 10_000:  # bounded memory under a spray of addresses
                self._attempts.clear()
            seen = self._attempts.setdefault(client, deque())
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                return False
            seen.append(now)
            return True
