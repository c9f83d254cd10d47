"""What a number counts: the noun phrase after it, and the cue words around it.

Pure lookups over the words of a sentence; the decisions that combine them are in `claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from uprising.extract.lang import en, fa
from uprising.extract.phrases import phrase_pattern
from uprising.vocab import Measure, Subject

__all__ = ["Counted", "Cue", "Word", "counted_after", "counted_after_fa", "fa_words", "find_cues",
           "find_cues_fa", "words"]

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*['’]?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # lower case
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Counted:
    """The thing a number counts, read from the words after it."""

    category: str  # "subject", "measure", "event" or "other"
    subject: Subject | None
    measure: Measure | None
    end: int  # where the noun phrase ends in the text
    via_of: bool = False  # reached through "of them" / "of whom"
    default_measure: Measure | None = None  # "detainees": arrested, unless a cue says more


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """A measure cue word or phrase found in a sentence."""

    measure: Measure
    start: int
    end: int
    phrase: str


def words(text: str, start: int, end: int) -> list[Word]:
    """The words (and punctuation marks) of text[start:end], lower case, with offsets."""
    return [
        Word(m.group().lower().replace("’", "'"), m.start(), m.end())
        for m in _WORD.finditer(text, start, end)
    ]


Entry = tuple[str, Subject | None, Measure | None]


@cache
def _noun_table() -> tuple[dict[tuple[str, ...], Entry], int]:
    table: dict[tuple[str, ...], Entry] = {}

    def add(phrase: str, entry: Entry) -> None:
        key = tuple(w.group().lower() for w in _WORD.finditer(phrase))
        table.setdefault(key, entry)

    for noun, measure in en.WEAK_MEASURE_NOUNS.items():
        add(noun, ("weak", Subject.PEOPLE, measure))
    for subject, nouns in en.SUBJECT_NOUNS.items():
        for noun in nouns:
            add(noun, ("subject", subject, None))
    for measure, nouns in en.MEASURE_NOUNS.items():
        for noun in nouns:
            add(noun, ("measure", Subject.PEOPLE, measure))
    for measure, nouns in en.EVENT_NOUNS.items():
        for noun in nouns:
            add(noun, ("event", None, measure))
    for noun in en.OTHER_NOUNS:
        add(noun, ("other", None, None))
    return table, max(len(k) for k in table)


_MODIFIERS = frozenset(en.NOUN_MODIFIERS) - {"of", "the", "them", "whom", "those", "were", "was"}
_GROUP_WORDS = frozenset({"members", "member"})
_PARTICIPLES: dict[str, Measure] = {
    "killed": Measure.KILLED, "dead": Measure.KILLED, "arrested": Measure.ARRESTED,
    "detained": Measure.ARRESTED, "held": Measure.ARRESTED, "injured": Measure.INJURED,
    "wounded": Measure.INJURED, "indicted": Measure.CHARGED, "charged": Measure.CHARGED,
    "executed": Measure.EXECUTED, "sentenced": Measure.SENTENCED, "missing": Measure.MISSING,
}
_AGE_BAND = re.compile(
    r"\s*,?\s*(?:" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in en.MINOR_AGE_BANDS)
    + r")(?![\w-])",
    re.IGNORECASE,
)
_COPULAS = frozenset({"were", "was", "are", "is", "being"})
_OF_WORDS = frozenset({"them", "whom", "those", "these", "the", "his", "her", "their"})


def _member_of(
    ws: list[Word], after: int, subject: Subject | None, end: int
) -> tuple[Subject | None, int]:
    """"members of the Basij", "members of a student union": the group names the subject."""
    j = after
    if j < len(ws) and ws[j].text == "of":
        j += 1
        while j < len(ws) and ws[j].text in {"the", "a", "an", "its", "their", "local", "same",
                                              "one", "another", "his", "her", "our"}:
            j += 1
        found = _match_noun(ws, j)
        if found is not None and found[0][0] == "subject":
            return found[0][1], ws[found[1] - 1].end
    return subject, end


def _match_noun(ws: list[Word], i: int) -> tuple[Entry, int] | None:
    table, longest = _noun_table()
    for size in range(min(longest, len(ws) - i), 0, -1):
        key = tuple(w.text for w in ws[i : i + size])
        if key in table:
            return table[key], i + size
    return None


def counted_after(text: str, pos: int, limit: int) -> Counted | None:
    """Read the noun phrase that starts at `pos`: "people", "young protesters", "of them children".

    Up to three modifiers may stand before the noun; "of them" / "of whom" may too.
    """
    ws = words(text, pos, min(limit, pos + 160))
    i, skipped, via_of = 0, 0, False
    while i < len(ws) and skipped <= 3:
        found = _match_noun(ws, i)
        if found is not None:
            (category, subject, measure), after = found
            # "members of parliament" is in OTHER_NOUNS; "members of the security forces" is a
            # subject: the longest phrase wins, so both are right here.
            end = ws[after - 1].end
            if ws[i].text in _GROUP_WORDS:
                subject, end = _member_of(ws, after, subject, end)
            if category == "measure":
                # "arrests of students", "of the dead were children": the group named after
                subject, end = _group_after(ws, after, subject, end)
            if subject is Subject.PEOPLE or via_of:
                band = _AGE_BAND.match(text, end)
                if band:
                    subject, end = Subject.MINORS, band.end()
            if category == "weak":
                return Counted(category="subject", subject=subject, measure=None, end=end,
                               via_of=via_of, default_measure=measure)
            return Counted(
                category=category, subject=subject, measure=measure, end=end, via_of=via_of,
            )
        word = ws[i].text
        if word == "of" and i + 1 < len(ws):
            direct = _match_noun(ws, i + 1)
            if direct is not None and direct[0][0] == "subject" and ws[i + 1].text in _OF_WORDS:
                # "killed 3 of his men": the possessive phrase itself names the group
                (category, subject, measure), after = direct
                return Counted(category=category, subject=subject, measure=measure,
                               end=ws[after - 1].end, via_of=True)
            if ws[i + 1].text in _OF_WORDS:
                via_of = ws[i + 1].text in {"them", "whom", "those", "these"}
                i += 2
            else:  # "hundreds of students", "dozens of cities"
                i += 1
            skipped += 1
            continue
        if word in _MODIFIERS or word in _COPULAS or (
            word.endswith("-year-old") and skipped == 0
        ):
            i += 1
            skipped += 1
            continue
        break
    if via_of:
        end = ws[i - 1].end
        band = _AGE_BAND.match(text, end)
        if band:  # "41 of them under the age of 18"
            return Counted(category="subject", subject=Subject.MINORS, measure=None,
                           end=band.end(), via_of=True)
        participle = _participle_group(ws, i)
        if participle is not None:
            return participle
        return Counted(category="of", subject=None, measure=None, end=end, via_of=True)
    return None


def _participle_group(ws: list[Word], i: int) -> Counted | None:
    """"100 of those indicted were women": the participle is the measure, the noun the group."""
    if i >= len(ws):
        return None
    measure = _PARTICIPLES.get(ws[i].text)
    if measure is None:
        return None
    subject, end = _group_after(ws, i + 1, None, ws[i].end)
    return Counted(category="measure", subject=subject or Subject.PEOPLE, measure=measure,
                   end=end, via_of=True)


def _group_after(
    ws: list[Word], j: int, subject: Subject | None, end: int
) -> tuple[Subject | None, int]:
    """A group named right after a measure noun: "of students", "were children"."""
    if j < len(ws) and (ws[j].text == "of" or ws[j].text in _COPULAS):
        k = j + 1
        while k < len(ws) and ws[k].text in {"the", "a", "an"}:
            k += 1
        found = _match_noun(ws, k)
        if found is not None and found[0][0] == "subject":
            return found[0][1], ws[found[1] - 1].end
    return subject, end


@cache
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, Measure]]:
    owner: dict[str, Measure] = {}
    for measure, cues in en.MEASURE_CUES.items():
        for cue in cues:
            owner.setdefault(cue, measure)
    return phrase_pattern(owner), owner


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Every measure cue in text[start:end], longest phrase first where they overlap."""
    pattern, owner = _cue_pattern()
    cues = []
    for match in pattern.finditer(text, start, end):
        phrase = " ".join(match.group().lower().replace("’", "'").split())
        cues.append(Cue(measure=owner[phrase], start=match.start(), end=match.end(),
                        phrase=phrase))
    return cues


SUBJECT_WORDS: frozenset[str] = frozenset(
    noun for nouns in en.SUBJECT_NOUNS.values() for noun in nouns if " " not in noun
)


# --- Persian ------------------------------------------------------------------------------------

_FA_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06D5\w]+|[^\w\s]")
_FA_CLASSIFIERS = frozenset({"نفر", "تن"})
_FA_SKIP = frozenset({"دیگر", "این", "از", "همه", "همه ی", "کل"})
_FA_MINOR_BAND = re.compile(r"\s*(?:زیر|کمتر\s+از)\s+18\s+سال")


@cache
def _fa_noun_table() -> tuple[dict[tuple[str, ...], Entry], int]:
    table: dict[tuple[str, ...], Entry] = {}

    def add(phrase: str, entry: Entry) -> None:
        table.setdefault(tuple(phrase.split()), entry)

    for subject, nouns in fa.SUBJECT_NOUNS.items():
        for noun in nouns:
            add(noun, ("subject", subject, None))
    for measure, nouns in fa.MEASURE_NOUNS.items():
        for noun in nouns:
            add(noun, ("measure", Subject.PEOPLE, measure))
    for measure, nouns in fa.EVENT_NOUNS.items():
        for noun in nouns:
            add(noun, ("event", None, measure))
    for noun in fa.OTHER_NOUNS:
        add(noun, ("other", None, None))
    return table, max(len(k) for k in table)


def _fa_match(ws: list[Word], i: int) -> tuple[Entry, int] | None:
    table, longest = _fa_noun_table()
    for size in range(min(longest, len(ws) - i), 0, -1):
        key = tuple(w.text for w in ws[i : i + size])
        if key in table:
            return table[key], i + size
    return None


def fa_words(text: str, start: int, end: int) -> list[Word]:
    """The words and punctuation marks of a folded Persian text[start:end]."""
    return [Word(m.group(), m.start(), m.end()) for m in _FA_WORD.finditer(text, start, end)]


def counted_after_fa(text: str, pos: int, limit: int) -> Counted | None:
    """What the Persian number ending at `pos` counts: "۴۷۶ معترض", "۳۱۵ نفر از این متهمان",
    "۲۳ نفر از آنان زن", "پنج تن از اعضای سپاه", "دوازده نفر از آنان زیر ۱۸ سال".

    A partitive ("نفر از بازداشت شدگان") returns the group's measure as `default_measure`: the
    verb of the clause, when there is one, says what happened to them.
    """
    ws = fa_words(text, pos, min(limit, pos + 120))
    found = _fa_match(ws, 0)
    if found is None:
        return None
    (category, subject, measure), after = found
    end = ws[after - 1].end
    if category == "subject" and ws[0].text in _FA_CLASSIFIERS:
        j = after
        while j < len(ws) and ws[j].text == "دیگر":
            end, j = ws[j].end, j + 1
        if j < len(ws) and ws[j].text == "از":
            return _fa_partitive(text, ws, j + 1, end)
    if subject is Subject.PEOPLE and _FA_MINOR_BAND.match(text, end):
        subject = Subject.MINORS
    if category == "measure":
        return Counted(category="subject", subject=Subject.PEOPLE, measure=None, end=end,
                       default_measure=measure)
    return Counted(category=category, subject=subject, measure=measure, end=end)


def _fa_partitive(text: str, ws: list[Word], j: int, end: int) -> Counted:
    """After "نفر از": a pronoun ("آنان"), a group ("اعضای سپاه") or a measure noun."""
    pronoun = next((p for p in fa.PARTITIVE_PRONOUNS
                    if tuple(w.text for w in ws[j : j + len(p.split())]) == tuple(p.split())),
                   None)
    if pronoun is not None:
        j += len(pronoun.split())
        stop = ws[j - 1].end
        band = _FA_MINOR_BAND.match(text, stop)
        if band:
            return Counted(category="subject", subject=Subject.MINORS, measure=None,
                           end=band.end(), via_of=True)
        group = _fa_match(ws, j)
        if group is not None and group[0][0] == "subject":
            return Counted(category="subject", subject=group[0][1], measure=None,
                           end=ws[group[1] - 1].end, via_of=True)
        return Counted(category="of", subject=None, measure=None, end=stop, via_of=True)
    while j < len(ws) and ws[j].text in _FA_SKIP:
        j += 1
    group = _fa_match(ws, j)
    if group is None:
        return Counted(category="subject", subject=Subject.PEOPLE, measure=None, end=end)
    (category, subject, measure), after = group
    stop = ws[after - 1].end
    if category == "measure":
        return Counted(category="subject", subject=None, measure=None, end=stop,
                       default_measure=measure, via_of=True)
    if category == "subject":
        return Counted(category="subject", subject=subject, measure=None, end=stop)
    return Counted(category="subject", subject=Subject.PEOPLE, measure=None, end=end)


@cache
def _fa_cue_pattern() -> tuple[re.Pattern[str], dict[str, Measure | None]]:
    owner: dict[str, Measure | None] = {}
    for phrase in fa.NOT_CUES:
        owner[phrase] = None
    for measure, cues in fa.MEASURE_CUES.items():
        for cue in cues:
            owner.setdefault(cue, measure)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                    for p in sorted(owner, key=len, reverse=True))
    letters = r"\u0621-\u064A\u0671-\u06D3\u06D5"
    return re.compile(rf"(?<![{letters}])(?:{body})(?![{letters}])"), owner


def find_cues_fa(text: str, start: int, end: int) -> list[Cue]:
    """Every Persian measure cue in text[start:end], longest first; phrases that are no cue
    ("به اتهام") are matched too, so that the words in them are not, and then left out."""
    pattern, owner = _fa_cue_pattern()
    cues = []
    for match in pattern.finditer(text, start, end):
        phrase = " ".join(match.group().split())
        measure = owner.get(phrase)
        if measure is not None:
            cues.append(Cue(measure=measure, start=match.start(), end=match.end(), phrase=phrase))
    return cues
