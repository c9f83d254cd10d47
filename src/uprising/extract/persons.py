"""Named people who suffered a fate: name, age, gender and fates from the words around them.

A first, lexicon-free reader: a name is a run of two or three capitalised words that are not
places, sources or words that never name people, in a sentence with a fate cue. People merely
quoted (a name followed by "said") are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from uprising.extract import language
from uprising.extract.analysis import Analysis, Span
from uprising.extract.lang import en, fa
from uprising.extract.phrases import phrase_pattern
from uprising.extract.provenance import claim_place, event_date
from uprising.records import Evidence, Person
from uprising.vocab import Fate, Gender

__all__ = ["find_persons", "find_persons_fa"]

_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+"
                   r"(?:-[A-Z][a-z'’]+)?){1,2})(?![\w'’-])")
_AGE_AFTER = re.compile(
    r"\s*[,(]\s*(\d{1,2})\s*(?:years?\s+old\s*)?[,).;]|\s*,\s*(?:a|an)\s+(\d{1,2})-year-old")
# "a 20-year-old man, Mehran ...", "16-year-old Reza ..."
_AGE_BEFORE = re.compile(r"(\d{1,2})-year-old\s+(?:[a-z]+\s+){0,3}?(?:[a-z]+,\s*)?$")
# "whom his family described as 15 but whom state media gave as 17"
_AGE_GIVEN = re.compile(r"\b(?:described|gave|given|put|listed|named)\s+(?:\w+\s+){0,2}?as\s+"
                        r"(\d{1,2})\b|\baged\s+(\d{1,2})\b")
_AGE_NEAR = re.compile(r"(\d{1,2})-year-old|\baged\s+(\d{1,2})\b")
_QUOTED = re.compile(r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|told|added|wrote)\b")


@cache
def _fate_patterns() -> dict[Fate, re.Pattern[str]]:
    return {Fate(fate): phrase_pattern(cues) for fate, cues in en.FATE_CUES.items()}


# "the father of a teenager killed in the protests": the participle belongs to that noun
_OTHER_PERSON_BEFORE = re.compile(
    r"\b(?:of|with|for)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+)?(?:teenager|boy|girl|man|woman|protester|"
    r"son|daughter|child|student|youth|relative|brother|sister|husband|wife|friend|"
    r"people|protesters|men|women)\s+$",
    re.IGNORECASE,
)
# "convicted of killing a militiaman": what someone is accused of, not what befell them
_ACCUSED_OF = re.compile(r"\b(?:accused|convicted|guilty|charged|suspected|for)\s+(?:of\s+)?"
                         r"(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCED_TO_DEATH = re.compile(r"\bsentenced\b[^.;]{0,100}?\bto\s+death\b", re.IGNORECASE)
# "He was arrested ...": the subject goes on; "His son ..." speaks of someone else
_PRONOUN_START = re.compile(r"\s*(?:[A-Z][^.,;]{0,60},\s*)?(?:He|he|She|she)\b")


def _fate_starts(analysis: Analysis) -> dict[Fate, list[int]]:
    """Where each fate's cues start: one pass per fate over the document, not per sentence."""
    cached: dict[Fate, list[int]] | None = analysis.extras.get("fate_starts")
    if cached is None:
        text = analysis.text
        cached = {fate: [m.start() for m in pattern.finditer(text)
                         if not _OTHER_PERSON_BEFORE.search(text, max(0, m.start() - 30),
                                                            m.start())
                         and not _ACCUSED_OF.search(text, max(0, m.start() - 30), m.start())]
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


@dataclass(frozen=True, slots=True)
class _Mention:
    sentence: int
    start: int  # of the name as written, title excluded
    end: int
    name: str


_BETWEEN_NAMES = re.compile(r",\s*(?:and\s+)?|\s+and\s+|;\s*")
_AMONG_START = re.compile(r"\s*(?:Among|One\s+of)\s+(?:them|those(?:\s+[\w-]+){0,3}|the\s+"
                          r"(?:dead|victims|detainees|killed|arrested|wounded))\b")


def _name_mentions(analysis: Analysis) -> list[_Mention]:
    text = analysis.text
    found: list[_Mention] = []
    for index, sentence in enumerate(analysis.sentences):
        for match in _NAME.finditer(text, sentence.start, sentence.end):
            start, name = match.start(), match.group(1)
            first, _, rest = name.partition(" ")
            if first.lower() in en.PERSON_TITLES and " " in rest.strip():
                start, name = start + len(first) + 1, rest  # "Shopkeeper Karwan Saedi"
            if not _is_name(name, analysis, start, match.end()):
                continue
            if _QUOTED.match(text, match.end()):
                continue  # a person quoted, not a person things happened to
            found.append(_Mention(index, start, match.end(), name))
    return found


def _window(analysis: Analysis, mention: _Mention, others: list[_Mention]) -> Span:
    """The part of the sentence about this person: up to where the next name's part begins
    ("shot dead A, 16, and arrested B"), and back to where the previous name's part ends.

    Names listed together with no fate between them ("A and B were released") share one part.
    """
    text = analysis.text
    sentence = analysis.sentences[mention.sentence]
    ordered = sorted([mention, *others], key=lambda m: m.start)
    at = ordered.index(mention)
    first = last = at
    while first > 0 and not _fates(analysis, Span(ordered[first - 1].end, ordered[first].start)):
        first -= 1
    while last + 1 < len(ordered) and not _fates(analysis,
                                                 Span(ordered[last].end, ordered[last + 1].start)):
        last += 1
    left, right = sentence.start, sentence.end
    if first > 0:
        cuts = list(_BETWEEN_NAMES.finditer(text, ordered[first - 1].end, ordered[first].start))
        left = cuts[-1].end() if cuts else ordered[first - 1].end
    if last + 1 < len(ordered):
        cuts = list(_BETWEEN_NAMES.finditer(text, ordered[last].end, ordered[last + 1].start))
        right = cuts[-1].start() if cuts else ordered[last + 1].start
    return Span(left, right)


_ONE_OF = re.compile(r"\b(?:one|two|three|some|several)\s+of\s+(?:them|whom|those)\b|"
                     r"\bamong\s+(?:them|whom)\b|\bincluding\b", re.IGNORECASE)


def _group_window(analysis: Analysis, mention: _Mention, window: Span) -> Span:
    """"4 were arrested and 3 injured, one of them X": X belongs to the group counted just
    before "one of them", so the part about X starts with that group's clause."""
    text = analysis.text
    markers = list(_ONE_OF.finditer(text, window.start, mention.start))
    if not markers:
        return window
    before = Span(window.start, markers[-1].start())
    starts = [at for found in _fate_starts(analysis).values() for at in found
              if before.start <= at < before.end]
    if not starts:
        return window
    cue = max(starts)
    cuts = [m.end() for m in _BETWEEN_NAMES.finditer(text, before.start, cue)]
    return Span(cuts[-1] if cuts else before.start, window.end)


def _fates_of(analysis: Analysis, mentions: list[_Mention], by_sentence: dict[int,
              list[_Mention]]) -> tuple[Fate, ...]:
    """Every fate any mention of the person carries, with what the fates imply."""
    text = analysis.text
    fates: list[Fate] = []

    def add(found: Iterable[Fate]) -> None:
        fates.extend(f for f in found if f not in fates)

    for mention in mentions:
        same = [m for m in by_sentence[mention.sentence] if m is not mention]
        sentence = analysis.sentences[mention.sentence]
        window = _window(analysis, mention, same)
        if not same:
            window = _group_window(analysis, mention, window)
        own = _fates(analysis, window)
        # names listed before a shared predicate ("A, 22, and B, 39, were hanged") take it
        add(own or _fates(analysis, sentence))
        if Fate.SENTENCED in own and _SENTENCED_TO_DEATH.search(text, sentence.start,
                                                                   sentence.end):
            add([Fate.SENTENCED_TO_DEATH])
        index = mention.sentence
        following_index = index + 1
        while not same and following_index < len(analysis.sentences):
            following = analysis.sentences[following_index]
            if not _PRONOUN_START.match(text, following.start):
                break  # the person is spoken of as "he" or "she" until another subject comes
            add(_fates(analysis, following))
            following_index += 1
        among = _AMONG_START.match(text, sentence.start)
        if index > 0 and among and not _fates(analysis, Span(among.start(), among.end())):
            # "Among them was ...": them are those the sentence before counts
            add(_fates(analysis, analysis.sentences[index - 1]))
    if Fate.KILLED in fates and Fate.INJURED in fates:
        fates.remove(Fate.INJURED)  # the wounds that killed them
    if Fate.EXECUTED in fates and Fate.SENTENCED_TO_DEATH not in fates:
        fates.append(Fate.SENTENCED_TO_DEATH)  # no one is executed without a death sentence
    if Fate.SENTENCED_TO_DEATH in fates and Fate.SENTENCED in fates:
        fates.remove(Fate.SENTENCED)
    return tuple(fates)


def _ages(analysis: Analysis, mention: _Mention) -> list[int]:
    """Every age the text gives for the person, the first one first."""
    text = analysis.text
    sentence = analysis.sentences[mention.sentence]
    found: list[int] = []
    after = _AGE_AFTER.match(text, mention.end)
    if after:
        found.append(int(after.group(1) or after.group(2)))
    before = _AGE_BEFORE.search(text, max(sentence.start, mention.start - 40), mention.start)
    if before:
        found.append(int(before.group(1)))
    for given in _AGE_GIVEN.finditer(text, mention.end, min(sentence.end, mention.end + 90)):
        found.append(int(given.group(1) or given.group(2)))
    if not found:
        near = _AGE_NEAR.search(text, mention.end, min(sentence.end, mention.end + 60))
        if near:
            found.append(int(near.group(1) or near.group(2)))
    return list(dict.fromkeys(a for a in found if 0 < a < 110))


def _short_mentions(analysis: Analysis, name: str, others: set[str],
                    by_sentence: dict[int, list[_Mention]]) -> list[_Mention]:
    parts = name.split()
    if len(parts) < 2:
        return []
    shared = {p for other in others for p in other.split()}
    found: list[_Mention] = []
    for part in (parts[0], parts[-1]):
        if part in shared or len(part) < 3:
            continue
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(part)}(?![\w'’-])", analysis.text):
            index = analysis.sentence_index(match.start())
            if any(m.start <= match.start() < m.end for m in by_sentence.get(index, [])):
                continue  # part of the full name
            found.append(_Mention(index, match.start(), match.end(), part))
            by_sentence.setdefault(index, [])
    return found


def find_persons(analysis: Analysis) -> list[Person]:
    """Named people with a fate, one record per name, fates gathered from every mention."""
    text = analysis.text
    mentions = _name_mentions(analysis)
    by_sentence: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    by_name: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_name.setdefault(m.name, []).append(m)
    persons: list[Person] = []
    for name, own in by_name.items():
        # later mentions by one part of the name alone ("Arash was arrested", "Pirfalak was
        # buried"), where no other person found shares that part
        also = _short_mentions(analysis, name, set(by_name) - {name}, by_sentence)
        fates = _fates_of(analysis, own + also, by_sentence)
        if not fates:
            continue
        first = own[0]
        sentence = analysis.sentences[first.sentence]
        ages = _ages(analysis, first)
        age = ages[0] if ages else None
        place, city, _ = claim_place(analysis, first.start, sentence)
        date, _ = event_date(analysis, first.start, sentence)
        persons.append(Person(
            name=name, age=age, ages=tuple(ages) if len(ages) > 1 else (),
            gender=_gender(text, sentence), fates=fates,
            place=place, city=city, date=date,
            evidence=Evidence.of(text, first.start, first.end),
            rules=("persons:capitalised-name", "persons:fate-cue"),
        ))
    return persons


# --- Persian ------------------------------------------------------------------------------------
# Persian has no capital letters: a name is a known given name (`lang.fa.MALE_NAMES`,
# `FEMALE_NAMES`) and the family name after it, whose parts the original text joins with a ZWNJ
# ("قلی‌پور") or writes as one of the usual endings ("سلیمی نیا").

_FA_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u06D5"
_FA_TOKEN = re.compile(rf"[{_FA_LETTERS}]+")
_FA_SURNAME_ENDINGS = frozenset({"پور", "زاده", "نیا", "نژاد", "فر", "راد", "وند", "لو", "آبادی",
                                 "زاد", "خانی", "نسب", "منش", "کیا", "دوست"})
_FA_NOT_SURNAME = frozenset({"از", "در", "و", "که", "را", "به", "با", "نیز", "هم", "بود", "است",
                             "شد", "یکی", "این", "آن", "او", "وی", "پس", "تا", "برای"})
_FA_AGE = re.compile(r"[\s،,]*(?:[^\s.]+\s+){0,6}?(\d{1,2})\s*(?:ساله|سال\s+دارد|سال\s+سن)")
_FA_PRONOUN_START = re.compile(r"\s*(?:او|وی|خانواده ی او|خانواده اش|همکارانش|این دو|آنان|ایشان)"
                               r"(?![\u0621-\u06D5])")


@cache
def _fa_cue_words() -> frozenset[str]:
    return frozenset(w for cues in fa.FATE_CUES.values() for c in cues for w in c.split())


@cache
def _fa_fate_patterns() -> dict[Fate, re.Pattern[str]]:
    body = {Fate(f): "|".join(re.escape(c).replace(r"\ ", r"\s+")
                              for c in sorted(cues, key=len, reverse=True))
            for f, cues in fa.FATE_CUES.items()}
    return {f: re.compile(rf"(?<![{_FA_LETTERS}])(?:{b})") for f, b in body.items()}


def _fa_fates(text: str, span: Span) -> list[Fate]:
    found = [f for f, p in _fa_fate_patterns().items() if p.search(text, span.start, span.end)]
    if Fate.SENTENCED_TO_DEATH in found and Fate.SENTENCED in found:
        found.remove(Fate.SENTENCED)
    return found


def _fa_name_end(analysis: Analysis, tokens: list[re.Match[str]], i: int) -> int | None:
    """The index of the last token of a name whose given name is tokens[i], or None."""
    if i + 1 >= len(tokens) or tokens[i + 1].group() in _FA_NOT_SURNAME:
        return None
    if tokens[i + 1].group() in _fa_cue_words():
        return None
    if tokens[i + 1].start() - tokens[i].end() > 2:
        return None
    last = i + 1
    while last + 1 < len(tokens) and tokens[last + 1].start() - tokens[last].end() == 1 and (
        language.original_char(analysis, tokens[last].end()) == "\u200c"
        or tokens[last + 1].group() in _FA_SURNAME_ENDINGS
    ):
        last += 1
    return last


def find_persons_fa(analysis: Analysis) -> list[Person]:
    """Named people with a fate in their sentence, in a folded Persian text."""
    text = analysis.text
    persons: dict[str, Person] = {}
    for index, sentence in enumerate(analysis.sentences):
        fates = _fa_fates(text, sentence)
        if index + 1 < len(analysis.sentences):
            following = analysis.sentences[index + 1]
            if _FA_PRONOUN_START.match(text, following.start):
                fates += [f for f in _fa_fates(text, following) if f not in fates]
        if not fates:
            continue
        tokens = list(_FA_TOKEN.finditer(text, sentence.start, sentence.end))
        for i, token in enumerate(tokens):
            given = token.group()
            if given not in fa.MALE_NAMES and given not in fa.FEMALE_NAMES:
                continue
            if i > 0 and tokens[i - 1].group() in fa.NOT_NAME_WORDS:
                continue
            if token.start() > 0 and language.original_char(analysis, token.start() - 1) in (
                    "\u200c", "\u200d"):
                continue  # "روزنامه‌نگار": the end of a compound, not a given name
            last = _fa_name_end(analysis, tokens, i)
            if last is None:
                continue
            start, end = token.start(), tokens[last].end()
            after = text[end : end + 30]
            if any(after.lstrip(" ،,").startswith(w) for w in fa.NOT_VICTIM_AFTER):
                continue
            if any(p.start < end and start < p.end for p in analysis.places) or any(
                    s.start < end and start < s.end for s in analysis.sources):
                continue
            evidence = language.evidence(analysis, start, end)
            if evidence.quote in persons:
                continue
            age_match = _FA_AGE.match(text, end)
            age = int(age_match.group(1)) if age_match else None
            gender: Gender | None = Gender.FEMALE if given in fa.FEMALE_NAMES else Gender.MALE
            if given in fa.FEMALE_NAMES and given in fa.MALE_NAMES:
                gender = None
            place, city, _ = claim_place(analysis, start, sentence)
            date, _ = event_date(analysis, start, sentence)
            persons[evidence.quote] = Person(
                name=evidence.quote, age=age, gender=gender, fates=tuple(fates), place=place,
                city=city, date=date, evidence=evidence,
                rules=("persons:fa:given-name", "persons:fa:fate-cue"))
    return list(persons.values())
