"""Attribution: which source a figure comes from (tests/cases/attribution_en.jsonl)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import read_cases
from uprising.extract.lang import en
from uprising.extract.sources import find_sources, source_ids

CASES = read_cases("attribution_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_attribution_names_the_origin_of_the_figure(
    case: dict[str, Any], analyse: Callable[..., Any]
) -> None:
    analysis = analyse(case["text"])
    start = case["text"].index(case["number"])
    claims = [c for c in analysis.claims if c.evidence.start <= start < c.evidence.end]
    assert claims, f"no claim for {case['number']!r}: {analysis.trace}"
    assert claims[0].source == case["source"]


def test_every_extra_alias_names_a_known_source() -> None:
    assert set(en.EXTRA_SOURCE_ALIASES) <= source_ids()


def test_ambiguous_alias_needs_its_following_word() -> None:
    assert [m.source for m in find_sources("Protests spread in Fars on Monday.")] == []
    assert [m.source for m in find_sources("Fars news agency said so.")] == ["state-media"]


def test_relay_points_to_the_cited_source() -> None:
    mentions = find_sources("AFP, citing Hengaw, said 5 were killed.")
    assert mentions[0].source == "afp"
    assert mentions[0].relays_to == "hengaw"
