"""Compile lists of cue phrases into one regex: whole words, any run of spaces between them."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["phrase_pattern"]


def phrase_pattern(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One alternation of `phrases`, longest first, matched only as whole words.

    A space in a phrase matches any run of white space, so "death toll" finds "death\\n toll";
    an apostrophe matches both ' and ’.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
