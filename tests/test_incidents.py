"""Incidents: type, place and day of what happened (tests/cases/incidents_en.jsonl)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import read_cases

CASES = read_cases("incidents_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:60] for c in CASES])
def test_incidents_of_a_text(case: dict[str, Any], analyse: Callable[..., Any]) -> None:
    analysis = analyse(case["text"], case["published"])
    got = sorted([i.type.value, i.place, i.city, i.date] for i in analysis.incidents)
    assert got == sorted(case["incidents"])
