"""Claims from whole sentences (tests/cases/claims_en.jsonl): what must come out, and what
must not (ages, years, durations, ordinals, counts of other things, zeros)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import read_cases

CASES = read_cases("claims_en.jsonl")


def _key(claim: dict[str, Any]) -> tuple[Any, ...]:
    return (claim["measure"], claim["subject"], claim["low"], claim["high"], claim["qualifier"],
            claim["source"])


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['note'][:50]}" for i, c in
                                             enumerate(CASES)])
def test_claims_of_a_sentence(case: dict[str, Any], analyse: Callable[..., Any]) -> None:
    text = case["text"]
    analysis = analyse(text, case["published"])
    got = analysis.freeze("test").to_contract()["claims"]
    unmatched = list(got)
    for want in case["claims"]:
        start = text.index(want["quote"])
        end = start + len(want["quote"])
        hits = [g for g in unmatched if _key(g) == _key(want)
                and g["start"] < end and start < g["end"]]
        assert hits, f"missing {_key(want)} «{want['quote']}»; got {[_key(g) for g in got]}"
        unmatched.remove(hits[0])
    assert not unmatched, f"unexpected {[(_key(g), g['quote']) for g in unmatched]}"
