"""Editors' decisions applied to extracted figures: rejected records drop out, corrections
replace the fields they name. Pure: the stored records and the reviews never change; every
reader (tallies, reports, exports) asks this module for the figures as reviewed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from uprising.records import Claim
from uprising.vocab import Measure, Qualifier, Subject

__all__ = ["CLAIM_FIELDS", "reviewed_claim", "reviewed_claims"]

# Fields an editor may correct, with how to read the value given.
CLAIM_FIELDS: dict[str, Any] = {
    "measure": Measure,
    "subject": lambda v: Subject(v) if v not in (None, "", "null") else None,
    "low": lambda v: int(v) if v not in (None, "", "null") else None,
    "high": lambda v: int(v) if v not in (None, "", "null") else None,
    "qualifier": Qualifier,
    "place": lambda v: v or None,
    "city": lambda v: v or None,
    "date": lambda v: v or None,
    "source": lambda v: v or None,
}


def reviewed_claim(
    claim: Claim, decision: tuple[str, Mapping[str, Any] | None] | None
) -> Claim | None:
    """The claim as its latest review leaves it: None when rejected, corrected fields applied."""
    if decision is None:
        return claim
    verdict, fields = decision
    if verdict == "reject":
        return None
    if not fields:
        return claim
    changes = {name: CLAIM_FIELDS[name](value) for name, value in fields.items()
               if name in CLAIM_FIELDS}
    return dataclasses.replace(claim, **changes, rules=(*claim.rules, f"review:{verdict}"))


def reviewed_claims(
    claims: Iterable[tuple[str, Claim]], decisions: Mapping[str, tuple[str, Any]]
) -> list[tuple[str, Claim]]:
    """(record id, claim) pairs as reviewed, rejected ones left out."""
    out = []
    for record_id, claim in claims:
        kept = reviewed_claim(claim, decisions.get(record_id))
        if kept is not None:
            out.append((record_id, kept))
    return out
