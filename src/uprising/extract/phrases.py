"""Compile lists of cue phrases into one regex: whole words, any run of spaces between them.

The alternation is written as a trie ("kill(?:ed|ing)" rather than "killed|killing"), so the
regex engine rejects a position after one character instead of trying every phrase there: on
lists of hundreds of phrases this is the difference between scanning a report in tens of
microseconds and in milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["phrase_pattern", "trie_regex"]

_END = ""  # marks the end of a phrase in the trie


def _atom(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char in "'’":
        return "['’]"
    return re.escape(char)


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex body that matches exactly `phrases`, longest first where one extends another."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        ends = _END in node
        branches = [_atom(char) + emit(child) for char, child in sorted(node.items())
                    if char != _END]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # the longer phrase is tried first; the shorter one is the fallback
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def phrase_pattern(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex for `phrases`, matched only as whole words.

    A space in a phrase matches any run of white space, so "death toll" finds "death\\n toll";
    an apostrophe matches both ' and ’. With re.IGNORECASE the phrases are folded to lower case.
    """
    items = {p.lower() if flags & re.IGNORECASE else p for p in phrases if p}
    return re.compile(rf"(?<![\w-])(?:{trie_regex(items)})(?![\w-])", flags)
