"""Where and when a figure is about (tests/cases/provenance_en.jsonl)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import read_cases

CASES = read_cases("provenance_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:60] for c in CASES])
def test_place_and_date_of_a_figure(case: dict[str, Any], analyse: Callable[..., Any]) -> None:
    text = case["text"]
    analysis = analyse(text, case["published"])
    at = text.index(case["number"])
    claims = [c for c in analysis.claims if c.evidence.start <= at < c.evidence.end]
    assert claims, f"no claim at {case['number']!r}: {analysis.trace}"
    claim = claims[0]
    assert (claim.place, claim.date) == (case["place"], case["date"]), claim.rules
