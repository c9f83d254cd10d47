"""The audit trail's chain: each entry's hash covers its content and the previous entry's hash.

Editing an entry changes its hash, so the next entry's `prev_hash` no longer matches; removing
one breaks the link and leaves a gap in the ids. Removing the newest entries leaves a shorter,
still consistent chain, so `uprising audit verify` prints the head hash to be kept elsewhere and
checks it when given (`--head`). This module is pure: `storage/security_repo.py` stores entries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["GENESIS", "AuditEntry", "AuditProblem", "entry_hash", "verify_chain"]

LOGGER = logging.getLogger(__name__)

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One change to stored data: who (an account number or "cli"), what, on which target."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    detail: str  # JSON object text: counts and ids, never personal data
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditProblem:
    entry_id: int
    reason: str


def _moment(at: dt.datetime) -> str:
    # SQLite hands back naive datetimes; the chain hashes UTC to the microsecond either way.
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(*, entry_id: int, at: dt.datetime, actor: str, action: str, target: str,
               detail: str, prev_hash: str) -> str:
    """The sha256 of an entry's canonical JSON, the previous hash included."""
    body = json.dumps([entry_id, _moment(at), actor, action, target, detail, prev_hash],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def canonical_detail(detail: Mapping[str, Any]) -> str:
    return json.dumps(dict(detail), ensure_ascii=False, sort_keys=True, default=str)


def verify_chain(entries: Iterable[AuditEntry], *, head: str | None = None
                 ) -> list[AuditProblem]:
    """Every break in the chain, in order; an empty list when the log is intact.

    `entries` come in id order. With `head`, the newest hash must equal it (a truncated log).
    """
    problems: list[AuditProblem] = []
    previous, last_id = GENESIS, 0
    for entry in entries:
        if entry.id != last_id + 1:
            problems.append(AuditProblem(entry_id=entry.id,
                                         reason=f"entries {last_id + 1}..{entry.id - 1} missing"))
        if entry.prev_hash != previous:
            problems.append(AuditProblem(entry_id=entry.id,
                                         reason="does not link to the entry before it"))
        expected = entry_hash(entry_id=entry.id, at=entry.at, actor=entry.actor,
                              action=entry.action, target=entry.target, detail=entry.detail,
                              prev_hash=entry.prev_hash)
        if entry.hash != expected:
            problems.append(AuditProblem(entry_id=entry.id, reason="content was changed"))
        previous, last_id = entry.hash, entry.id
    if head is not None and head != previous:
        problems.append(AuditProblem(entry_id=last_id,
                                     reason="the newest entry is not the expected head"))
    return problems
