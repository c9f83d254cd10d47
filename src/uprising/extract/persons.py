"""Named people who suffered a fate: name, age, gender and fates from the words around them.

A first, lexicon-free reader: a name is a run of two or three capitalised words that are not
places, sources or words that never name people, in a sentence with a fate cue. People merely
quoted (a name followed by "said") are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en
from uprising.extract.phrases import phrase_pattern
from uprising.extract.provenance import claim_place, event_date
from uprising.records import Evidence, Person
from uprising.vocab import Fate, Gender

__all__ = ["find_persons"]

_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+"
                   r"(?:-[A-Z][a-z'’]+)?){1,2})(?![\w'’-])")
_AGE_AFTER = re.compile(r"\s*[,(]\s*(\d{1,2})\s*[,)]|\s*,\s*(?:a|an)\s+(\d{1,2})-year-old")
_AGE_NEAR = re.compile(r"(\d{1,2})-year-old|\baged\s+(\d{1,2})\b")
_QUOTED = re.compile(r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|told|added|wrote)\b")


@cache
def _fate_patterns() -> dict[Fate, re.Pattern[str]]:
    return {Fate(fate): phrase_pattern(cues) for fate, cues in en.FATE_CUES.items()}


_SENTENCED_TO_DEATH = re.compile(r"\bsentenced\b[^.;]{0,100}?\bto\s+death\b", re.IGNORECASE)
_PRONOUN_START = re.compile(r"\s*(?:He|She|His|Her)\b")


def _fate_starts(analysis: Analysis) -> dict[Fate, list[int]]:
    """Where each fate's cues start: one pass per fate over the document, not per sentence."""
    cached: dict[Fate, list[int]] | None = analysis.extras.get("fate_starts")
    if cached is None:
        cached = {fate: [m.start() for m in pattern.finditer(analysis.text)]
                  for fate, pattern in _fate_patterns().items()}
        analysis.extras["fate_starts"] = cached
    return cached


def _fates(analysis: Analysis, span: Span) -> tuple[Fate, ...]:
    text = analysis.text
    found = [f for f, at in _fate_starts(analysis).items()
             if bisect_left(at, span.start) < bisect_left(at, span.end)]
    if _SENTENCED_TO_DEATH.search(text, span.start, span.end) and \
            Fate.SENTENCED_TO_DEATH not in found:
        found.append(Fate.SENTENCED_TO_DEATH)  # "sentenced three men, A, B and C, to death"
    if Fate.SENTENCED_TO_DEATH in found and Fate.SENTENCED in found:
        found.remove(Fate.SENTENCED)
    return tuple(found)


def _with_next(analysis: Analysis, index: int) -> tuple[Fate, ...]:
    """Fates of a sentence and of the next one when it goes on about the same person ("He")."""
    text = analysis.text
    fates = list(_fates(analysis, analysis.sentences[index]))
    if index + 1 < len(analysis.sentences):
        following = analysis.sentences[index + 1]
        if _PRONOUN_START.match(text, following.start):
            fates += [f for f in _fates(analysis, following) if f not in fates]
    return tuple(fates)


def _gender(text: str, span: Span) -> Gender | None:
    ws = re.findall(r"[a-z]+", text[span.start : span.end].lower())
    female = sum(w in en.FEMALE_WORDS for w in ws)
    male = sum(w in en.MALE_WORDS for w in ws)
    if female > male:
        return Gender.FEMALE
    if male > female:
        return Gender.MALE
    return None


def _is_name(candidate: str, analysis: Analysis, start: int, end: int) -> bool:
    parts = candidate.split()
    if any(p in en.NOT_NAME_WORDS for p in parts) or parts[-1] in en.ORGANISATION_WORDS:
        return False
    if any(p.start < end and start < p.end for p in analysis.places):
        return False
    return not any(s.start < end and start < s.end for s in analysis.sources)


def find_persons(analysis: Analysis) -> list[Person]:
    """Named people with a fate in the same sentence, one record per name."""
    text = analysis.text
    persons: dict[str, Person] = {}
    for index, sentence in enumerate(analysis.sentences):
        fates = _with_next(analysis, index)
        if not fates:
            continue
        for match in _NAME.finditer(text, sentence.start, sentence.end):
            start, name = match.start(), match.group(1)
            first, _, rest = name.partition(" ")
            if first.lower() in en.PERSON_TITLES and " " in rest.strip():
                start, name = start + len(first) + 1, rest  # "Shopkeeper Aso Ghaderi"
            if name in persons or not _is_name(name, analysis, start, match.end()):
                continue
            if _QUOTED.match(text, match.end()):
                continue
            age = None
            after = _AGE_AFTER.match(text, match.end())
            if after:
                age = int(after.group(1) or after.group(2))
            else:
                near = _AGE_NEAR.search(text, match.end(), min(sentence.end, match.end() + 60))
                if near:
                    age = int(near.group(1) or near.group(2))
            place, city, _ = claim_place(analysis, match.start(), sentence)
            date, _ = event_date(analysis, match.start(), sentence)
            persons[name] = Person(
                name=name, age=age, gender=_gender(text, sentence), fates=fates,
                place=place, city=city, date=date,
                evidence=Evidence.of(text, start, match.end()),
                rules=("persons:capitalised-name", "persons:fate-cue"),
            )
    return list(persons.values())
