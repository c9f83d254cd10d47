"""Who a figure comes from: source mentions and the cues that make them attribute a figure.

Source ids come from the project's copy of shared/spec/sources.json (data/sources.json) plus the
extra English aliases in `lang.en`. A mention *attributes* when a cue sits beside it ("HRANA said",
"according to Hengaw", "the network's count"); an unnamed source ("rights groups") attributes to
nobody, and a phrase such as "the group said" refers back to the last named source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from uprising.extract.lang import en, fa
from uprising.extract.normalise import normalise
from uprising.extract.phrases import phrase_pattern

__all__ = ["SourceMention", "find_sources", "find_sources_fa", "source_ids"]

# Aliases that are also ordinary words or names of other things ("Fars" is a province, "Mehr" a
# month, "PEN" a pen): they count only with the words that follow them in a source's name.
_AMBIGUOUS_ALIASES = frozenset({"Fars", "Mehr", "PEN", "official", "police", "commander",
                                "deputy", "ministry", "MP", "governor", "UN"})
_AMBIGUOUS_FOLDED = frozenset(a.casefold() for a in _AMBIGUOUS_ALIASES)
_AMBIGUOUS_NEEDS_NEXT = re.compile(r"\s+(?:news|agency|said|says|reported|told|chief|official)")


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceMention:
    """A named, unnamed or referring mention of a source in the text."""

    start: int
    end: int
    source: str | None  # an id of the registry; None for unnamed sources ("rights groups")
    kind: str  # "named", "unnamed" or "anaphora"
    attributes: bool  # whether a cue beside it makes it the source of nearby figures
    relays_to: str | None = None  # "Reuters, citing state media": the origin named after it


@cache
def _registry() -> dict[str, tuple[str, ...]]:
    raw = json.loads(files("uprising.extract").joinpath("data/sources.json").read_text("utf-8"))
    aliases: dict[str, list[str]] = {}
    for entry in raw["sources"]:
        aliases[entry["id"]] = [entry["name"], *entry["aliases"]]
    for source_id, extra in en.EXTRA_SOURCE_ALIASES.items():
        aliases.setdefault(source_id, []).extend(extra)
    return {k: tuple(dict.fromkeys(v)) for k, v in aliases.items()}


@cache
def _kinds() -> dict[str, tuple[str, str]]:
    raw = json.loads(files("uprising.extract").joinpath("data/sources.json").read_text("utf-8"))
    return {e["id"]: (e["kind"], e["name"].lower()) for e in raw["sources"]}


_GROUP_HEADS = frozenset({"group", "organisation", "organization", "network", "campaign",
                          "monitor", "ngo", "watchdog", "body", "centre", "center"})


def fits_head(source_id: str, head: str) -> bool:
    """Whether "the <head>" can refer back to the source: "the network" to a network, "the
    group" to a rights group, "the agency" to a news agency."""
    kind, name = _kinds().get(source_id, ("", ""))
    if head in name.split():
        return True
    if head in _GROUP_HEADS:
        return kind == "rights-group"
    if head in {"agency", "outlet"}:
        return kind in {"news", "state"} or "agency" in name
    return True


def source_ids() -> frozenset[str]:
    """Every source id the extractor can assign."""
    return frozenset(_registry())


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """One case-sensitive pattern for acronyms and one case-insensitive for the rest."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for source_id, aliases in _registry().items():
        for alias in aliases:
            if alias.isupper() or (len(alias) <= 5 and alias[:1].isupper()):
                exact.setdefault(alias, source_id)
            else:
                folded.setdefault(alias.casefold(), source_id)
    return phrase_pattern(exact, flags=0), phrase_pattern(folded), exact, folded


_UNNAMED = phrase_pattern(en.UNNAMED_SOURCES)
_ANAPHORA = re.compile(
    r"(?<![\w-])(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:group|organi[sz]ation|network|agency|campaign|monitor|watchdog|ngo|body|outlet|"
    r"centre|center)(?:['’]s)?(?![\w-])|(?<![\w-])(?:it|they)(?=\s+(?:said|says|reported|added))",
    re.IGNORECASE,
)
_CUES_AFTER = re.compile(
    r"^(?:\s*\([^)]{1,40}\))?(?:['’]s)?[\s,]*(?:(?:also|later|earlier|previously|separately|"
    r"has|had|have|on\s+\w+|in\s+a\s+\w+|last\s+\w+|then|further|now|itself|had\s+earlier)\s+){0,3}"
    r"(?:said|says|say|reported|reports|report|counted|counts|recorded|records|documented|"
    r"documents|verified|confirmed|put|puts|estimated|estimates|told|announced|stated|claimed|"
    r"claims|wrote|tallied|tallies|compiled|figures?|data|count|tally|toll|added|noted|listed|"
    r"lists|logged|registered|identified|gave|published|released|issued|cited|quoted|citing|"
    r"quoting|sentenced|indicted|executed|hanged|warned|warns|found|finds|estimated|"
    r"revealed|concluded|believes|believed)\b"
    # "a Revolutionary Guards general said", "the Mehr news agency reported", "the governor of
    # Kurdistan province said", "Iran's judiciary has so far announced"
    r"|^(?:['’]s)?\s+(?:[\w'’-]+\s+){1,3}(?:said|says|reported|told|announced|stated|added|"
    r"claimed|wrote|put|puts|gave|estimated|counted|recorded|documented|warned)\b"
    # "Hengaw's overall toll", "the group's latest figures"
    r"|^['’]s\s+(?:[\w-]+\s+){0,2}(?:toll|count|tally|figures?|data|report|statement|"
    r"estimate|list|records?|bulletin)\b",
    re.IGNORECASE,
)
_CUES_BEFORE = re.compile(
    r"(?:according\s+to|citing|cited\s+by|quoting|said|says|reported\s+by|figures\s+from|"
    r"data\s+from|count\s+by|tally\s+by|report\s+by|statement\s+by|report\s+from|"
    r"statement\s+from|compiled\s+by|counted\s+by|collected\s+by|gathered\s+by|"
    r"published\s+by|released\s+by|issued\s+by|verified\s+by|documented\s+by|"
    r"told)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_RELAY = re.compile(r"^[\s,]*(?:citing|quoting|cited|according\s+to\s+figures\s+from)\s+",
                    re.IGNORECASE)


def _attributes(text: str, start: int, end: int) -> bool:
    after = text[end : end + 80]
    before = text[max(0, start - 40) : start]
    return bool(_CUES_AFTER.match(after) or _CUES_BEFORE.search(before))


def find_sources(text: str) -> list[SourceMention]:
    """Find every source mention, whether it attributes, and what it relays."""
    exact_re, folded_re, exact, folded = _patterns()
    found: list[tuple[int, int, str | None, str]] = []
    for match in exact_re.finditer(text):
        found.append((match.start(), match.end(), exact[match.group()], "named"))
    for match in folded_re.finditer(text):
        key = " ".join(match.group().split()).replace("’", "'").casefold()
        found.append((match.start(), match.end(), folded.get(key), "named"))
    for match in _UNNAMED.finditer(text):
        found.append((match.start(), match.end(), None, "unnamed"))
    for match in _ANAPHORA.finditer(text):
        found.append((match.start(), match.end(), None, "anaphora"))
    named = [(s, e) for s, e, _, kind in found if kind == "named"]
    # "the Kurdistan Human Rights Network" is the network itself, not a reference back to it
    found = [m for m in found if m[3] != "anaphora"
             or not any(s < m[1] and m[0] < e for s, e in named)]
    # "the rights group Hengaw", "the Baluch rights group Haalvsh": the apposition names it
    found = [m for m in found if m[3] == "named" or not any(
        0 <= s - m[1] <= 2 for s, _ in named)]
    # keep the longest of overlapping mentions; named before unnamed at equal length
    found.sort(key=lambda m: (-(m[1] - m[0]), m[3] != "named", m[0]))
    kept: list[tuple[int, int, str | None, str]] = []
    for mention in found:
        if any(mention[0] < k[1] and k[0] < mention[1] for k in kept):
            continue
        surface = text[mention[0] : mention[1]]
        if (
            surface.casefold() in _AMBIGUOUS_FOLDED
            and not _AMBIGUOUS_NEEDS_NEXT.match(text, mention[1])
            and not _attributes(text, mention[0], mention[1])
        ):
            continue
        kept.append(mention)
    kept.sort()
    mentions: list[SourceMention] = []
    for i, (start, end, source, kind) in enumerate(kept):
        relays_to = None
        if i + 1 < len(kept) and _RELAY.match(text[end : kept[i + 1][0]] or "x"):
            relays_to = kept[i + 1][2]
        mentions.append(
            SourceMention(
                start=start, end=end, source=source, kind=kind,
                attributes=_attributes(text, start, end), relays_to=relays_to,
            )
        )
    return mentions


# --- Persian ------------------------------------------------------------------------------------
# Persian names come from sources.json and `lang.fa`, folded as the text is. Persian puts the
# verb last, so a source attributes when a reporting verb follows it in its sentence ("هرانا ...
# اعلام کرد"), or a phrase before it names it ("به گفته هرانا"), or a colon follows (a headline).

_FA_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u06D5"


def _fa_alt(phrases: object) -> str:
    items = sorted(set(phrases), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


@cache
def _fa_patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    raw = json.loads(files("uprising.extract").joinpath("data/sources.json").read_text("utf-8"))
    aliases = [(e["id"], a) for e in raw["sources"] for a in (e["name"], *e["aliases"])]
    aliases += [(k, a) for k, extra in fa.EXTRA_SOURCE_ALIASES.items() for a in extra]
    for source_id, alias in aliases:
        if re.search(f"[{_FA_LETTERS}]", alias):
            names.setdefault(" ".join(normalise(alias).text.split()), source_id)
    pattern = re.compile(rf"(?<![{_FA_LETTERS}])(?:{_fa_alt(names)})(?![{_FA_LETTERS}])")
    return pattern, names


_FA_UNNAMED = re.compile(rf"(?<![{_FA_LETTERS}])(?:{_fa_alt(fa.UNNAMED_SOURCES)})"
                         rf"(?![{_FA_LETTERS}])")
_FA_ANAPHORA = re.compile(rf"(?<![{_FA_LETTERS}])(?:این|همین)\s+(?:{_fa_alt(fa.ANAPHORA_HEADS)})"
                          rf"(?:\s+حقوق\s+بشری)?(?![{_FA_LETTERS}])")
_FA_SPEECH = re.compile(rf"(?<![{_FA_LETTERS}])(?:{_fa_alt(fa.SPEECH_VERBS)})"
                        rf"(?![{_FA_LETTERS}])")
_FA_BEFORE = re.compile(rf"(?<![{_FA_LETTERS}])(?:{_fa_alt(fa.CUES_BEFORE_SOURCE)})\s*$")
_FA_NOT_BEFORE = re.compile(rf"(?:{_fa_alt(fa.NOT_ATTRIBUTING_BEFORE)})\s*$")
_FA_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _attributes_fa(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    if _FA_NOT_BEFORE.search(before):
        return False
    if _FA_BEFORE.search(before) or text[end : end + 2].lstrip().startswith(":"):
        return True
    stop = _FA_SENTENCE_END.search(text, end)
    return bool(_FA_SPEECH.search(text, end, stop.start() if stop else len(text)))


def find_sources_fa(text: str) -> list[SourceMention]:
    """Source mentions in a folded Persian text, and whether each attributes a figure."""
    pattern, names = _fa_patterns()
    found: list[tuple[int, int, str | None, str]] = []
    for match in pattern.finditer(text):
        found.append((match.start(), match.end(), names[" ".join(match.group().split())],
                      "named"))
    for match in _FA_UNNAMED.finditer(text):
        found.append((match.start(), match.end(), None, "unnamed"))
    for match in _FA_ANAPHORA.finditer(text):
        found.append((match.start(), match.end(), None, "anaphora"))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[3] != "named", m[0]))
    kept: list[tuple[int, int, str | None, str]] = []
    for mention in found:
        if not any(mention[0] < k[1] and k[0] < mention[1] for k in kept):
            kept.append(mention)
    kept.sort()
    mentions: list[SourceMention] = []
    for i, (start, end, source, kind) in enumerate(kept):
        # "کمپین فعالان بلوچ (حال وش)": the name in brackets repeats the one before it
        repeats = i > 0 and kept[i - 1][2] == source and start - kept[i - 1][1] <= 3
        mentions.append(SourceMention(
            start=start, end=end, source=source, kind=kind,
            attributes=not repeats and _attributes_fa(text, start, end)))
    return mentions
