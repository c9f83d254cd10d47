"""Protecting the people in the data: accounts and roles, sessions, encryption at rest, photo
metadata stripping and the hash-chained audit log.

The modules here are pure (no database, no web): `storage/security_repo.py` stores what they
produce and `web/auth.py` applies it to requests.
"""

from __future__ import annotations

import logging

from uprising.security.accounts import ROLES, Role

__all__ = ["ROLES", "Role"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
