"""Near-duplicate reports: a wire story syndicated by several outlets with small edits.

Identical texts are already one document (content-hash ids). Near-duplicates are found with
MinHash signatures of word shingles and an LSH index (datasketch), then confirmed by their
estimated Jaccard similarity, and grouped: every group has one canonical document (the earliest
published, then the smallest id), so that its figures are counted once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

__all__ = ["DuplicateGroup", "ReportText", "find_near_duplicates"]

_WORD = re.compile(r"\w+")
NUM_PERM = 128
SHINGLE = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportText:
    """What duplicate detection needs of a document."""

    id: str
    text: str
    published: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateGroup:
    """Documents that tell the same story; `canonical` is the one whose figures count."""

    canonical: str
    members: tuple[str, ...]  # every id of the group, canonical included, sorted


def _signature(text: str) -> MinHash:
    words = [w.casefold() for w in _WORD.findall(text)]
    signature = MinHash(num_perm=NUM_PERM, seed=7)
    if len(words) < SHINGLE:
        for word in words:
            signature.update(word.encode("utf-8"))
        return signature
    for i in range(len(words) - SHINGLE + 1):
        signature.update(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
    return signature


def find_near_duplicates(
    reports: Iterable[ReportText], *, threshold: float = 0.7
) -> list[DuplicateGroup]:
    """Groups of two or more reports whose shingle sets overlap by about `threshold` or more."""
    items = list(reports)
    signatures = {r.id: _signature(r.text) for r in items}
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for report in items:
        index.insert(report.id, signatures[report.id])
    parent = {r.id: r.id for r in items}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for report in items:
        for other in index.query(signatures[report.id]):
            if other != report.id and \
                    signatures[report.id].jaccard(signatures[other]) >= threshold:
                parent[root(other)] = root(report.id)
    groups: dict[str, list[ReportText]] = {}
    for report in items:
        groups.setdefault(root(report.id), []).append(report)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda r: (r.published or dt.date.max, r.id))
        out.append(DuplicateGroup(canonical=first.id,
                                  members=tuple(sorted(r.id for r in members))))
    return sorted(out, key=lambda g: g.canonical)
