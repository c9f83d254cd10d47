"""Which language a document is in, and the folded text the components of that language read.

Detection is by script, without a dependency: a text whose letters are mostly Arabic-script is
Persian (the project reads no Arabic reports; Kurdish Sorani in this script is read as Persian
too, which serves its place names and source names), anything else is English. A document's own
`language` field wins when it names a language the extractor knows.

For a Persian document, `prepare` folds the text once (`normalise`) and puts the folded text in
the analysis in place of the original, so that every component, the gazetteer and the date
reader included, reads one spelling; `evidence` maps a folded span back to the original text,
which is the only text a quote is ever cut from. An English document is left exactly as it is.
"""

from __future__ import annotations

import dataclasses
import logging
from types import ModuleType

from uprising.extract.analysis import Analysis, split_paragraphs, split_sentences
from uprising.extract.lang import en, fa
from uprising.extract.normalise import Normalised, normalise
from uprising.records import Evidence

__all__ = [
    "LANGUAGES",
    "detect_language",
    "evidence",
    "language_data",
    "language_of",
    "normalised",
    "prepare",
]

LOGGER = logging.getLogger(__name__)

LANGUAGES = ("en", "fa")
_ALIASES = {"en": "en", "eng": "en", "english": "en", "fa": "fa", "fas": "fa", "per": "fa",
            "persian": "fa", "farsi": "fa", "prs": "fa", "ckb": "fa"}
_MIN_LETTERS = 3
_SHARE = 0.5  # of letters in Arabic script for a text to be read as Persian


def _arabic_script(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF


def detect_language(text: str) -> str:
    """"fa" when most letters of `text` are Arabic-script, else "en".

    >>> detect_language("هرانا: دست‌کم ۴۷۶ معترض کشته شده‌اند")
    'fa'
    """
    arabic = latin = 0
    for char in text:
        if char.isalpha():
            if _arabic_script(char):
                arabic += 1
            else:
                latin += 1
    if arabic + latin < _MIN_LETTERS:
        return "en"
    return "fa" if arabic / (arabic + latin) > _SHARE else "en"


def known_language(code: str | None) -> str | None:
    """The extractor's code for a language tag ("fa-IR" -> "fa"), None when unknown."""
    if not code:
        return None
    return _ALIASES.get(code.strip().lower().replace("_", "-").split("-")[0])


def language_data(language: str) -> ModuleType:
    """The cue-word module of a language (`lang.en`, `lang.fa`)."""
    return fa if language == "fa" else en


def language_of(analysis: Analysis) -> str:
    """The language of the analysed document: its own field if known, else detected."""
    found = analysis.extras.get("language")
    if isinstance(found, str):
        return found
    language = known_language(analysis.document.language) or detect_language(analysis.text)
    analysis.extras["language"] = language
    return language


def normalised(analysis: Analysis) -> Normalised | None:
    """The folding of a prepared Persian analysis, None for English."""
    found = analysis.extras.get("normalised")
    return found if isinstance(found, Normalised) else None


def prepare(analysis: Analysis) -> str:
    """Settle the language and, for Persian, swap in the folded text; safe to call repeatedly.

    Every built-in component calls this first, so the order of the pipeline does not matter.
    """
    if "language" in analysis.extras:
        return str(analysis.extras["language"])
    language = language_of(analysis)
    if language == "fa":
        folded = normalise(analysis.document.text)
        analysis.extras["normalised"] = folded
        analysis.extras["original_text"] = analysis.document.text
        analysis.document = dataclasses.replace(analysis.document, text=folded.text)
        analysis.sentences = split_sentences(folded.text)
        analysis.paragraphs = split_paragraphs(folded.text)
        analysis._sentence_starts = [s.start for s in analysis.sentences]
        analysis._paragraph_starts = [p.start for p in analysis.paragraphs]
        LOGGER.debug("document %s read as Persian", analysis.document.id)
    return language


def evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    """Evidence for the span start..end of the analysed text, cut from the original text."""
    folded = normalised(analysis)
    if folded is None:
        return Evidence.of(analysis.text, start, end)
    first, last = folded.span(start, end)
    return Evidence.of(folded.original, first, last)


def original_char(analysis: Analysis, index: int) -> str:
    """The original character behind analysed offset `index` (a ZWNJ behind a folded space)."""
    folded = normalised(analysis)
    return analysis.text[index] if folded is None else folded.original_char(index)
