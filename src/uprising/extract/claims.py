"""Counted figures: which numbers are claims, what they count, and whose and when they are.

For each number the numbers component marked as a count, the claim is read in steps, each noted
in the analysis trace so `uprising explain` can show why:
1. what the number counts (the noun after it, or a running-total phrase before it);
2. the measure (the noun itself, else the nearest cue word, else the figure it breaks down);
3. the source, place and date, from the sentence and, failing that, from the paragraph.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from uprising.extract import language
from uprising.extract.analysis import Analysis, Span
from uprising.extract.counted import (
    Counted,
    Cue,
    Word,
    counted_after,
    counted_after_fa,
    fa_words,
    find_cues,
    find_cues_fa,
    words,
)
from uprising.extract.lang import en, fa
from uprising.extract.numbers import NumberKind, NumberMention
from uprising.extract.phrases import phrase_pattern
from uprising.extract.provenance import (
    claim_date,
    claim_place,
    claim_source,
    clause_at,
    places_in,
)
from uprising.geo import PlaceKind, scope
from uprising.records import Claim, Evidence
from uprising.vocab import Measure, Qualifier, Subject

__all__ = ["find_claims", "find_claims_fa"]

_MAX_LEFT_WORDS = 6
_MAX_RIGHT_WORDS = 12
_BREAKDOWN = phrase_pattern(en.BREAKDOWN_MARKERS)
# "Karwan Saedi, 43, was hit": a number set off by commas after a capitalised name is an age.
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’-]+\s*[,(]\s*$")
_AGE_CLOSE = re.compile(r"\s*[,)]")  # used with match(text, pos): no ^
# "the toll rose to 326", "put the number of dead at 66": a bare number after such a link.
_TOTAL_LINK = re.compile(
    r"(?:\bat|\bto|reached|hit|passed|surpassed|exceeded|was|is|be|stands|stood|:)\s*$",
    re.IGNORECASE,
)
# the number's own span may hold "at" and a qualifier ("at around 200"): allow for them
_SET_FIGURE = re.compile(phrase_pattern(en.SET_FIGURE).pattern + r"\s*(?:[\w-]+\s+){0,3}$",
                         re.IGNORECASE)
_LABEL = re.compile(phrase_pattern(en.NUMBER_LABELS).pattern + r"\s*$", re.IGNORECASE)
_AGE_BAND_BEFORE = re.compile(r"\b(?:under|below|younger\s+than)(?:\s+the\s+age\s+of)?\s*$",
                              re.IGNORECASE)
# "18 killed in Khash, 7 in Saravan and 4 in Iranshahr": a list item that names only a place
_LIST_ITEM = re.compile(r"\s+(?:in|at|from)\s+[A-Z]")
_CAPITAL = phrase_pattern(en.MEASURE_CUES[Measure.CAPITAL_CHARGES])
_UNREALISED = re.compile(phrase_pattern(en.UNREALISED_CUES).pattern + r"\s*$", re.IGNORECASE)
_TO_DEATH = re.compile(r"\bto\s+death\b", re.IGNORECASE)
_PART_OF_WHOLE = re.compile(r"^\s+(?:out\s+)?of\s+(?:[\w’'-]+\s+){0,3}$")
_COUNT_KINDS = frozenset({NumberKind.COUNT})


@dataclass(slots=True)
class _Reading:
    measure: Measure
    subject: Subject | None
    start: int
    end: int
    rule: str


def find_claims(analysis: Analysis) -> list[Claim]:
    """Build the claims of one analysed document."""
    text = analysis.text
    numbers = [n for n in analysis.numbers if n.kind in _COUNT_KINDS]
    consumed: set[int] = set()
    claims: list[Claim] = []
    # (sentence index, paragraph index, reading) of the last claim
    previous: tuple[int, int, _Reading] | None = None
    for index, number in enumerate(numbers):
        if index in consumed or (number.low == 0 and number.high in (0, None)):
            continue
        sentence = analysis.sentence_at(number.start)
        sentence_no = analysis.sentence_index(number.start)
        if _looks_like_age(text, number):
            analysis.note(f"number {_show(text, number)}: an age after a name, not a claim")
            continue
        if _is_bare_one(text, number) or _is_label(text, number, sentence):
            continue
        counted, whole = _counted(text, number, numbers, index, sentence)
        if whole is not None:
            consumed.add(whole)
        paragraph_no = analysis.paragraph_index(number.start)
        prior = previous[2] if previous and previous[0] == sentence_no else None
        if counted is not None and counted.via_of and previous and previous[1] == paragraph_no:
            prior = previous[2]  # "9 of them were children" refers back across the sentence
        reading = _read(text, number, counted, sentence, prior, analysis)
        if reading is None:
            continue
        previous = (sentence_no, paragraph_no, reading)
        source, source_rule = claim_source(analysis, number.start, sentence)
        place, city, place_rule = claim_place(analysis, number.start, sentence)
        date, date_rule = claim_date(analysis, number.start, sentence, reading.measure, place)
        evidence = Evidence.of(text, reading.start, reading.end)
        rules = (f"numbers:{number.rule}", reading.rule, source_rule, place_rule, date_rule)
        claims.append(
            Claim(
                measure=reading.measure,
                subject=reading.subject if reading.measure.counts_people else None,
                low=number.low,
                high=number.high,
                qualifier=number.qualifier,
                place=place,
                city=city,
                date=date,
                source=source,
                evidence=evidence,
                rules=rules,
            )
        )
        analysis.note(
            f"claim {evidence.quote!r}: {reading.measure.value}/"
            f"{reading.subject.value if reading.subject else None} [{number.low}, {number.high}]"
            f" by {', '.join(rules)}"
        )
    return _restated_headlines(analysis, claims)


def _restated_headlines(analysis: Analysis, claims: list[Claim]) -> list[Claim]:
    """A headline restates a figure of the body ("Death toll rises to 326"): it takes the
    source, place and date the body gives that figure."""
    paragraphs = analysis.paragraphs
    if len(paragraphs) < 2 or "\n" in analysis.text[paragraphs[0].start : paragraphs[0].end]:
        return claims
    headline = paragraphs[0]
    out = []
    for claim in claims:
        if headline.contains(claim.evidence.start, claim.evidence.end):
            body = next((c for c in claims if c.evidence.start >= headline.end
                         and c.measure is claim.measure and c.low == claim.low
                         and c.subject is claim.subject), None)
            if body is not None:
                claim = dataclasses.replace(
                    claim, source=body.source, place=body.place, city=body.city,
                    date=body.date, rules=(*claim.rules, "headline:restates-body"))
        out.append(claim)
    return out


def _show(text: str, number: NumberMention) -> str:
    return repr(text[number.start : number.end])


def _looks_like_age(text: str, number: NumberMention) -> bool:
    before = text[max(0, number.start - 40) : number.start]
    return bool(
        number.qualifier.value == "exact"
        and number.low is not None
        and number.low < 120
        and _AGE_AFTER_NAME.search(before)
        and _AGE_CLOSE.match(text, number.end)
    )


def _is_label(text: str, number: NumberMention, sentence: Span) -> bool:
    """"Article 286", "Branch 15", "under 18": a number that names or bounds, not counts."""
    before = text[max(sentence.start, number.start - 30) : number.start]
    if number.start == number.value_start and _LABEL.search(before):
        return True  # a qualifier ("the number at around 200") means it is a count
    return number.high == 18 and bool(_AGE_BAND_BEFORE.search(text[:number.value_start]))


def _is_word_one(text: str, number: NumberMention) -> bool:
    return text[number.value_start : number.value_end].lower() in {"one", "a", "an"}


def _is_bare_one(text: str, number: NumberMention) -> bool:
    """"one of the", "one another": the word one names no count unless a noun follows it."""
    word = text[number.value_start : number.value_end].lower()
    if word not in {"one", "a", "an"}:
        return False
    follow = text[number.end : number.end + 12].lower()
    return follow.lstrip().startswith(("of ", "another", "day", "by one"))


def _counted(
    text: str, number: NumberMention, numbers: list[NumberMention], index: int, sentence: Span
) -> tuple[Counted | None, int | None]:
    """The noun a number counts; for "19 of Iran's 31 provinces", the noun after the whole."""
    if index + 1 < len(numbers):
        nxt = numbers[index + 1]
        if nxt.start - number.end < 30 and _PART_OF_WHOLE.match(text[number.end : nxt.start]):
            after_whole = counted_after(text, nxt.end, sentence.end)
            if after_whole is not None and after_whole.category != "other":
                return after_whole, index + 1
    return counted_after(text, number.end, sentence.end), None


def _sentence_cues(analysis: Analysis, sentence: Span) -> list[Cue]:
    """The cues of a sentence, found once however many figures it holds."""
    cache: dict[int, list[Cue]] = analysis.extras.setdefault("sentence_cues", {})
    if sentence.start not in cache:
        cache[sentence.start] = find_cues(analysis.text, sentence.start, sentence.end)
    return cache[sentence.start]


def _nearest_cues(
    analysis: Analysis, number: NumberMention, counted_end: int, sentence: Span
) -> tuple[tuple[Cue, int] | None, tuple[Cue, int] | None]:
    """The nearest cue on each side, with its distance in words, within the sentence."""
    text = analysis.text
    cues = _sentence_cues(analysis, sentence)
    left: tuple[Cue, int] | None = None
    right: tuple[Cue, int] | None = None
    for cue in cues:
        if _UNREALISED.search(text, max(sentence.start, cue.start - 25), cue.start):
            continue  # "at risk of execution" is not an execution
        if cue.end <= number.start:
            between = words(text, cue.end, number.start)
            gap = len([w for w in between if w.text.isalnum()])
            if any(w.text in {",", ";", ":"} for w in between):
                gap += 3  # a clause boundary: the cue most likely belongs to another figure
            if gap <= _MAX_LEFT_WORDS and (left is None or gap <= left[1]):
                left = (cue, gap)
        elif cue.start >= counted_end:
            gap = len([w for w in words(text, counted_end, cue.start) if w.text.isalnum()])
            if gap <= _MAX_RIGHT_WORDS and (right is None or gap < right[1]):
                right = (cue, gap)
    return left, right


def _read(
    text: str,
    number: NumberMention,
    counted: Counted | None,
    sentence: Span,
    prior: _Reading | None,
    analysis: Analysis,
) -> _Reading | None:
    """Decide measure and subject for one number, or None when it is not a claim."""
    show = _show(text, number)
    if counted is not None and counted.category == "other":
        analysis.note(f"number {show}: counts {text[number.end:counted.end].strip()!r}, "
                      "not a measure")
        return None
    end = counted.end if counted else number.end
    left, right = _nearest_cues(analysis, number, end, sentence)
    if counted is not None and counted.category in {"measure", "event"}:
        assert counted.measure is not None
        measure = counted.measure
        rule = f"measure:noun:{counted.category}"
        # "three detainees have died": what happened to them outweighs what they were
        if counted.category == "measure" and right is not None and right[1] <= 3 and \
                right[0].measure is not Measure.PARTICIPANTS and \
                not any(end <= n.start < right[0].start for n in analysis.numbers):
            measure, rule = right[0].measure, f"measure:cue:right:{right[0].phrase}"
        return _Reading(_capital(text, number, sentence, measure), counted.subject, number.start,
                        end, rule)
    subject = counted.subject if counted is not None else None
    in_breakdown = prior is not None and _BREAKDOWN.search(text, prior.end, number.start)
    close_own = (right is not None and right[1] <= 3) or (left is not None and left[1] <= 1)
    if in_breakdown and prior is not None and not close_own:
        return _Reading(prior.measure, subject or prior.subject, number.start, end,
                        "measure:breakdown")
    if counted is not None and counted.via_of and prior is not None and subject is None:
        subject = prior.subject
    chosen: tuple[Cue, int, str] | None = None
    if left is not None and (right is None or left[1] < right[1]):
        chosen = (left[0], left[1], "left")
    elif right is not None:
        chosen = (right[0], right[1], "right")
    before = text[sentence.start : number.start]
    if counted is None and prior is not None and (
        _SET_FIGURE.search(text, sentence.start, number.value_start)
        or _LIST_ITEM.match(text, number.end)
    ):
        # "while officials put the number at 200"; "7 in Saravan and 4 in Iranshahr"
        return _Reading(prior.measure, prior.subject, number.start, end, "measure:same-as-prior")
    if counted is None and _is_word_one(text, number):
        return None  # "blinded in one", "one by one": the word one alone counts nothing
    if chosen is None and counted is not None and counted.default_measure is not None:
        return _Reading(counted.default_measure, subject, number.start, end,
                        "measure:noun:default")
    if chosen is None:
        if counted is not None and prior is not None:
            # "Of the 71 arrested, 18 were women": a group with no cue of its own breaks down
            # the figure before it
            return _Reading(prior.measure, subject, number.start, end, "measure:breakdown:implied")
        analysis.note(f"number {show}: no measure cue near it")
        return None
    cue, gap, side = chosen
    if counted is None:
        # a bare number needs its cue right beside it ("4 were killed", "the toll at 66")
        if side == "right" and gap > 3:
            analysis.note(f"number {show}: bare number, cue {cue.phrase!r} too far")
            return None
        if side == "left" and gap > 2 and not _TOTAL_LINK.search(before):
            analysis.note(f"number {show}: bare number, cue {cue.phrase!r} too far")
            return None
        subject = _subject_before(text, cue, sentence) if side == "left" else None
    if cue.measure is Measure.PARTICIPANTS and subject is None and counted is None:
        subject = Subject.PEOPLE
    start = min(number.start, cue.start) if side == "left" and gap <= 3 else number.start
    stop = max(end, cue.end) if side == "right" and gap <= 4 else end
    if counted is None and prior is not None:
        subject = subject or prior.subject  # "hundreds of students ...; 4 were injured"
    measure = _capital(text, number, sentence, cue.measure)
    if measure is Measure.SENTENCED and _TO_DEATH.search(text, cue.end,
                                                          min(sentence.end, cue.end + 120)):
        measure = Measure.SENTENCED_TO_DEATH  # "sentenced three men, A, B and C, to death"
    return _Reading(measure, subject or Subject.PEOPLE, start, stop,
                    f"measure:cue:{side}:{cue.phrase}")


def _capital(text: str, number: NumberMention, sentence: Span, measure: Measure) -> Measure:
    """Charges that carry the death penalty are capital charges where the phrase stands near."""
    window = (max(sentence.start, number.start - 60), min(sentence.end, number.end + 90))
    if measure is Measure.CHARGED and _CAPITAL.search(text, *window):
        return Measure.CAPITAL_CHARGES
    return measure


def _subject_before(text: str, cue: Cue, sentence: Span) -> Subject | None:
    """"police officers killed at 12": the subject named just before the cue."""
    ws = words(text, max(sentence.start, cue.start - 60), cue.start)[-4:]
    for size in (3, 2, 1):
        if len(ws) < size:
            continue
        phrase = " ".join(w.text for w in ws[-size:])
        for subject, nouns in en.SUBJECT_NOUNS.items():
            if phrase in nouns:
                return subject
    return None


# --- Persian ------------------------------------------------------------------------------------
# Persian puts the verb last: a figure's measure is the nearest cue after what it counts
# ("دست کم ۱۲ نفر را زخمی کردند"), or the noun of a total before it ("شمار کشته شدگان را ۶۱ نفر
# اعلام کرد"), or, in a breakdown ("از جمله ۶۴ کودک"), the measure of the figure it breaks down.

_FA_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u06D5"
_FA_TOTAL = re.compile(rf"(?<![{_FA_LETTERS}])(?:{'|'.join(fa.TOTAL_NOUNS)})(?![{_FA_LETTERS}])")
_FA_MARKERS = "|".join(m.replace(" ", r"\s+") for m in fa.BREAKDOWN_MARKERS)
_FA_BREAKDOWN = re.compile(rf"(?<![{_FA_LETTERS}])(?:{_FA_MARKERS})(?![{_FA_LETTERS}])")
_FA_NATIONAL = re.compile("|".join(c.replace(" ", r"\s+") for c in fa.NATIONAL_CUES))
_FA_RUNNING = re.compile("|".join(c.replace(" ", r"\s+") for c in fa.RUNNING_TOTAL_CUES))
_FA_CLAUSE_BREAK = re.compile(r"[،؛;:]|\s+و\s+(?=\S+\s+(?:دست\s+کم|بیش\s+از|\d))")
_FA_MAX_RIGHT = 25
_FA_MAX_LEFT = 3


def find_claims_fa(analysis: Analysis) -> list[Claim]:
    """Build the claims of one analysed Persian document (its folded text)."""
    text = analysis.text
    numbers = [n for n in analysis.numbers if n.kind in _COUNT_KINDS]
    claims: list[Claim] = []
    previous: tuple[int, _Reading, NumberMention] | None = None
    for number in numbers:
        if number.low == 0 and number.high in (0, None):
            continue
        sentence = analysis.sentence_at(number.start)
        sentence_no = analysis.sentence_index(number.start)
        counted = counted_after_fa(text, number.end, sentence.end)
        prior = previous[1] if previous and previous[0] == sentence_no else None
        prior_number = previous[2] if previous and previous[0] == sentence_no else None
        reading = _read_fa(analysis, number, counted, sentence, prior, prior_number, numbers)
        if reading is None:
            continue
        previous = (sentence_no, reading, number)
        source, source_rule = claim_source(analysis, number.start, sentence)
        place, city, place_rule = _place_fa(analysis, number, sentence, reading.measure)
        date, date_rule = _date_fa(analysis, number, sentence, reading.measure, place)
        evidence = language.evidence(analysis, reading.start, reading.end)
        rules = (f"numbers:{number.rule}", reading.rule, source_rule, place_rule, date_rule)
        claims.append(Claim(
            measure=reading.measure,
            subject=reading.subject if reading.measure.counts_people else None,
            low=number.low, high=number.high, qualifier=number.qualifier, place=place,
            city=city, date=date, source=source, evidence=evidence, rules=rules))
        analysis.note(f"claim {evidence.quote!r}: {reading.measure.value} by {', '.join(rules)}")
    return claims


def _read_fa(
    analysis: Analysis,
    number: NumberMention,
    counted: Counted | None,
    sentence: Span,
    prior: _Reading | None,
    prior_number: NumberMention | None,
    numbers: list[NumberMention],
) -> _Reading | None:
    text = analysis.text
    if counted is not None and counted.category == "other":
        return None
    end = counted.end if counted else number.end
    subject = counted.subject if counted else None
    if counted is not None and counted.category == "event":
        assert counted.measure is not None
        return _Reading(counted.measure, None, number.start, end, "measure:noun:event")
    cues = [c for c in find_cues_fa(text, sentence.start, sentence.end)]
    word_one = text[number.value_start : number.value_end] == "یک"
    # the breakdown of the figure before: "از جمله ۶۴ کودک", "دوازده نفر از آنان"
    if prior is not None and prior_number is not None and (
        (counted is not None and counted.via_of and counted.default_measure is None)
        or (_FA_BREAKDOWN.search(text, prior_number.end, number.start)
            and _words_between(text, prior_number.end, number.start) <= 6)
    ):
        own = _right_cue(text, cues, end, sentence, numbers, number)
        if own is None or own[1] > 2:
            return _Reading(prior.measure, subject or prior.subject, number.start, end,
                            "measure:breakdown")
    if word_one:
        right = _right_cue(text, cues, end, sentence, numbers, number)
        if right is None or right[1] > 1:
            return None  # "یک" is mostly the indefinite article: "یک منبع محلی"
    total = _total_before(analysis, number, cues, sentence, numbers)
    if total is not None:
        cue, between = total
        return _Reading(_capital_fa(text, cue.measure, sentence),
                        between or subject or Subject.PEOPLE, number.start, end,
                        f"measure:total:{cue.phrase}")
    if number.qualifier is Qualifier.VAGUE:
        crowd = next((c for c in cues if c.measure is Measure.PARTICIPANTS), None)
        if crowd is not None:
            return _Reading(Measure.PARTICIPANTS, subject or Subject.PEOPLE, number.start, end,
                            f"measure:crowd:{crowd.phrase}")
    right = _right_cue(text, cues, end, sentence, numbers, number)
    left = _left_cue(text, cues, number, sentence)
    chosen: tuple[Cue, str] | None = None
    if left is not None and left[1] <= 2 and (right is None or right[1] > 2):
        chosen = (left[0], "left")
    elif right is not None:
        chosen = (right[0], "right")
    elif left is not None:
        chosen = (left[0], "left")
    if chosen is None:
        if counted is not None and counted.default_measure is not None:
            return _Reading(counted.default_measure,
                            subject or _prior_subject(prior) or Subject.PEOPLE,
                            number.start, end, "measure:noun:default")
        analysis.note(f"number {_show(text, number)}: no measure cue near it")
        return None
    cue, side = chosen
    if counted is not None and counted.default_measure is not None and subject is None:
        subject = _prior_subject(prior)
    stop = max(end, cue.end) if side == "right" and (right and right[1] <= 1) else end
    return _Reading(_capital_fa(text, cue.measure, sentence), subject or Subject.PEOPLE,
                    number.start, stop, f"measure:cue:{side}:{cue.phrase}")


def _prior_subject(prior: _Reading | None) -> Subject | None:
    return prior.subject if prior is not None else None


def _words_between(text: str, start: int, end: int) -> int:
    return len(fa_words(text, start, end))


def _right_cue(
    text: str, cues: list[Cue], end: int, sentence: Span, numbers: list[NumberMention],
    number: NumberMention,
) -> tuple[Cue, int] | None:
    """The nearest cue after what the number counts, not past another figure of its own
    (a breakdown in between, "از جمله ۶۴ کودک", does not count as one)."""
    others = [n for n in numbers if end <= n.start and sentence.contains(n.start, n.end)
              and not _FA_BREAKDOWN.search(text, max(sentence.start, n.start - 12), n.start)]
    for cue in cues:
        if cue.start < end:
            continue
        if any(n.start < cue.start for n in others):
            return None
        gap = _words_between(text, end, cue.start)
        return (cue, gap) if gap <= _FA_MAX_RIGHT else None
    return None


def _left_cue(text: str, cues: list[Cue], number: NumberMention,
              sentence: Span) -> tuple[Cue, int] | None:
    before = [c for c in cues if c.end <= number.start]
    if not before:
        return None
    cue = before[-1]
    gap = _words_between(text, cue.end, number.start)
    return (cue, gap) if gap <= _FA_MAX_LEFT else None


def _total_before(
    analysis: Analysis, number: NumberMention, cues: list[Cue], sentence: Span,
    numbers: list[NumberMention],
) -> tuple[Cue, Subject | None] | None:
    """"شمار کشته شدگان نیروهای امنیتی را ۶۱ نفر": the total's noun names measure and group."""
    text = analysis.text
    totals = [m for m in _FA_TOTAL.finditer(text, sentence.start, number.start)]
    if not totals:
        return None
    total = totals[-1]
    if any(total.end() <= n.start < number.start for n in numbers):
        return None
    inside = [c for c in cues if total.end() <= c.start and c.end <= number.start]
    if not inside:
        return None
    cue = inside[0]
    subject = None
    ws = fa_words(text, cue.end, number.start)
    for i in range(len(ws)):
        found = _fa_subject(ws, i)
        if found is not None:
            subject = found
            break
    return cue, subject


def _fa_subject(ws: list[Word], i: int) -> Subject | None:
    for size in (3, 2, 1):
        phrase = " ".join(w.text for w in ws[i : i + size])
        for subject, nouns in fa.SUBJECT_NOUNS.items():
            if phrase in nouns and subject is not Subject.PEOPLE:
                return subject
    return None


def _capital_fa(text: str, measure: Measure, sentence: Span) -> Measure:
    """Charges "that carry the death penalty" are capital charges."""
    if measure is Measure.CHARGED and any(
        c.measure is Measure.CAPITAL_CHARGES for c in find_cues_fa(text, sentence.start,
                                                                    sentence.end)):
        return Measure.CAPITAL_CHARGES
    return measure


def _fa_clause(text: str, offset: int, sentence: Span) -> Span:
    return clause_at(text, offset, sentence, _FA_CLAUSE_BREAK)


def _place_fa(analysis: Analysis, number: NumberMention, sentence: Span,
              measure: Measure) -> tuple[str | None, str | None, str]:
    """The clause's places first, then a national cue, then the shared rules."""
    text = analysis.text
    alone = sum(n.kind is NumberKind.COUNT and sentence.contains(n.start, n.end)
                for n in analysis.numbers) == 1
    clause = sentence if alone else _fa_clause(text, number.start, sentence)
    own = [p for p in places_in(analysis, clause) if p.kind is not PlaceKind.COUNTRY]
    if own:
        place, city = scope(own)
        if place is not None:
            return place, city, "place:clause"
    if _FA_NATIONAL.search(text, sentence.start, sentence.end):
        return "IR", None, "place:national-cue"
    if measure in _PLACE_COUNTS:
        return "IR", None, "place:count-of-places"
    in_sentence = [p for p in places_in(analysis, sentence) if p.kind is not PlaceKind.COUNTRY]
    paragraph = analysis.paragraphs[analysis.paragraph_index(number.start)]
    if not in_sentence and (_FA_NATIONAL.search(text, paragraph.start, paragraph.end)
                            or _FA_RUNNING.search(text, paragraph.start, paragraph.end)):
        return "IR", None, "place:national-paragraph"
    return claim_place(analysis, number.start, sentence)


_PLACE_COUNTS = frozenset({Measure.CITIES, Measure.PROVINCES})


def _date_fa(analysis: Analysis, number: NumberMention, sentence: Span, measure: Measure,
             place: str | None) -> tuple[str | None, str]:
    """A running total ("تاکنون", "از آغاز اعتراضات") is valid on publication."""
    if _FA_RUNNING.search(analysis.text, sentence.start, sentence.end) and \
            analysis.published is not None:
        return analysis.published.isoformat(), "date:running-total"
    return claim_date(analysis, number.start, sentence, measure, place)
