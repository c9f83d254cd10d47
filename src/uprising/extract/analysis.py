"""The working object that components share while one document is analysed (spaCy's `Doc`).

It holds the original text, the structure found so far (sentences, paragraphs), and what each
component has assigned. Offsets always point into the original text. Only `freeze` turns it into
the immutable `Extraction` that leaves the extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from uprising.geo.fold import mostly_lower_case
from uprising.records import Claim, Document, Extraction, Incident, Person

if TYPE_CHECKING:
    from uprising.dates import DateMention
    from uprising.extract.numbers import NumberMention
    from uprising.extract.sources import SourceMention
    from uprising.geo import PlaceMention

__all__ = ["Analysis", "Span"]

# A sentence ends at . ! ? (and their closing quotes) before white space and a capital, a digit,
# a quote or a line break; a paragraph at a blank line. Abbreviations common in reports ("Oct.",
# "U.S.") are protected below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "gen", "col", "lt", "no", "vs", "u.s", "u.n", "e.g", "i.e",
     "approx", "est", "incl", "prof", "sen", "rep", "gov", "capt", "sgt"}
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text, end exclusive."""

    start: int
    end: int

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def split_sentences(text: str) -> list[Span]:
    """Cut text into sentences (and headline lines), keeping offsets into the text."""
    spans: list[Span] = []
    begin = 0
    informal = mostly_lower_case(text, 0.015)  # there a sentence may start with a small letter
    for match in _SENTENCE_END.finditer(text):
        cut = match.start()
        word = text[max(begin, cut - 8) : cut].rsplit(None, 1)[-1:] or [""]
        token = word[0].rstrip(".!?\"'”’)").lower()
        next_char = text[match.end() : match.end() + 1]
        if "\n" not in match.group() and (
            token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
            or (next_char.islower() and not informal)
        ):
            continue
        _add_trimmed(spans, text, begin, match.end())
        begin = match.end()
    _add_trimmed(spans, text, begin, len(text))
    return spans


def split_paragraphs(text: str) -> list[Span]:
    """Cut text at blank lines; a headline line on its own is its own paragraph."""
    spans: list[Span] = []
    begin = 0
    for match in _PARAGRAPH_END.finditer(text):
        _add_trimmed(spans, text, begin, match.start())
        begin = match.end()
    _add_trimmed(spans, text, begin, len(text))
    return spans


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


@dataclass(slots=True)
class Analysis:
    """Mutable state of one document while the components run over it."""

    document: Document
    sentences: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sources: list[SourceMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)  # what each component decided, for explain
    extras: dict[str, Any] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)
    _paragraph_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document) -> Analysis:
        analysis = cls(document=document)
        analysis.sentences = split_sentences(document.text)
        analysis.paragraphs = split_paragraphs(document.text)
        analysis._sentence_starts = [s.start for s in analysis.sentences]
        analysis._paragraph_starts = [p.start for p in analysis.paragraphs]
        return analysis

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def published(self) -> dt.date | None:
        return self.document.published

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that holds `offset` (the nearest one before it if between)."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Span:
        if not self.sentences:
            return Span(0, len(self.text))
        return self.sentences[self.sentence_index(offset)]

    def paragraph_index(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    @property
    def headline(self) -> Span | None:
        """The first paragraph when it is a headline: one short line without a full stop,
        with a body after it."""
        if len(self.paragraphs) < 2:
            return None
        first = self.paragraphs[0]
        body = self.text[first.start : first.end]
        if "\n" in body or len(body) > 160 or body.rstrip().endswith((".", "!", "?")):
            return None
        return first

    def note(self, message: str) -> None:
        """Record a decision for `uprising explain`."""
        self.trace.append(message)

    def freeze(self, extractor_version: str) -> Extraction:
        return Extraction(
            document_id=self.document.id,
            claims=tuple(self.claims),
            persons=tuple(self.persons),
            incidents=tuple(self.incidents),
            extractor_version=extractor_version,
            errors=tuple(self.errors),
        )
