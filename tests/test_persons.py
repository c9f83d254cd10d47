"""Named people: name, age and fates from the words around them (tests/cases/persons_en.jsonl)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import read_cases

CASES = read_cases("persons_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:60] for c in CASES])
def test_persons_of_a_text(case: dict[str, Any], analyse: Callable[..., Any]) -> None:
    analysis = analyse(case["text"], case["published"])
    got = {p.name: (p.age, sorted(f.value for f in p.fates)) for p in analysis.persons}
    want = {p["name"]: (p["age"], sorted(p["fates"])) for p in case["persons"]}
    assert got == want
