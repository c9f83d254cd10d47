"""Sessions: a random cookie value, stored only as its sha256, issued afresh at every login.

A new value at each login defeats session fixation (a value planted before login is never
promoted); the cookie is HttpOnly (no script reads it), SameSite=Strict (no other site sends it)
and Secure (only over HTTPS, which browsers also grant to http://localhost).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any

__all__ = ["SESSION_COOKIE", "SESSION_LIFETIME", "cookie_options", "new_session", "session_key"]

LOGGER = logging.getLogger(__name__)

SESSION_COOKIE = "uprising_session"
SESSION_LIFETIME = dt.timedelta(hours=12)


def new_session() -> tuple[str, str]:
    """(cookie value, stored key) of a new session."""
    value = secrets.token_urlsafe(32)
    return value, session_key(value)


def session_key(value: str) -> str:
    """The stored key of a cookie value: its sha256, so a copy of the database opens no session."""
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()


def cookie_options(*, secure: bool = True) -> dict[str, Any]:
    """Keyword arguments for `Response.set_cookie` of the session cookie."""
    return {"httponly": True, "samesite": "strict", "secure": secure, "path": "/",
            "max_age": int(SESSION_LIFETIME.total_seconds())}
