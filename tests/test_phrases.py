"""Phrase lists compiled to trie regexes: the same matches as a plain alternation."""

from __future__ import annotations

import re

import pytest

from uprising.extract.phrases import phrase_pattern

PHRASES = ["kill", "killed", "killing", "death toll", "toll", "shot dead", "Iran's judiciary",
           "state-run media", "in custody"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he was killed", ["killed"]),
        ("killings rose", []),
        ("the death \n toll", ["death \n toll"]),
        ("Iran’s judiciary said", ["Iran’s judiciary"]),
        ("state-run media", ["state-run media"]),
        ("pre-killed", []),
        ("held in custody, then killed", ["in custody", "killed"]),
        ("tolls", []),
    ],
)
def test_trie_pattern_finds_whole_phrases_only(text: str, expected: list[str]) -> None:
    assert [m.group() for m in phrase_pattern(PHRASES).finditer(text)] == expected


def test_trie_pattern_agrees_with_a_plain_alternation() -> None:
    plain = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
                                    for p in sorted(PHRASES, key=len, reverse=True))
        + r")(?![\w-])", re.IGNORECASE)
    text = " ".join(PHRASES * 2) + " killedx toll, KILLING in  custody"
    assert [m.span() for m in phrase_pattern(PHRASES).finditer(text)] == [
        m.span() for m in plain.finditer(text)]
