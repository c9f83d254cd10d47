"""Running tallies: for each measure and subject, the latest figure each source gives.

Sources disagree, and a tally must show that rather than invent one total: every row keeps each
source's latest figure with its bounds, as-of date and document, and the range they span.
A figure the document asserts on its own (no source) is listed under its publisher.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from uprising.records import Claim
from uprising.vocab import Measure, Qualifier, Subject

__all__ = ["Figure", "TallyRow", "as_of_key", "build_tally", "source_label"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """One source's figure, with where it was read."""

    claim: Claim
    source: str  # a source id, or "self:<publisher>" for a document's own figure
    as_of: dt.date | None
    document_id: str
    published: dt.date | None
    publisher: str | None = None
    url: str | None = None

    @property
    def shown(self) -> str:
        """The figure as written: "at least 326", "between 15,000 and 16,000", "hundreds"."""
        return describe_bounds(self.claim.qualifier, self.claim.low, self.claim.high)


@dataclass(frozen=True, slots=True, kw_only=True)
class TallyRow:
    """The latest figure per source for one measure and subject."""

    measure: Measure
    subject: Subject | None
    figures: tuple[Figure, ...]  # one per source, latest first

    @property
    def conflict(self) -> bool:
        """Whether the sources disagree beyond their bounds: no one value fits every figure.

        A figure with no upper bound ("at least 300") fits any value above its lower bound;
        vague and exact figures fit only their own span.
        """
        spans = [_span(f.claim) for f in self.figures]
        highest_low = max(lo for lo, _ in spans)
        lowest_high = min(hi for _, hi in spans)
        return highest_low > lowest_high

    @property
    def low(self) -> int | None:
        lows = [f.claim.low for f in self.figures if f.claim.low is not None]
        return min(lows) if lows else None

    @property
    def high(self) -> int | None:
        values = [v for f in self.figures for v in (f.claim.high, f.claim.low) if v is not None]
        return max(values) if values else None


def _span(claim: Claim) -> tuple[float, float]:
    """The values a figure allows, as its qualifier sets them."""
    low = float(claim.low) if claim.low is not None else 0.0
    if claim.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.VAGUE):
        return low, float("inf")
    high = float(claim.high) if claim.high is not None else low
    if claim.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return 0.0, high
    if claim.qualifier is Qualifier.ABOUT:
        return low * 0.9, high * 1.1  # "about 200" allows some room either side
    return low, high


def describe_bounds(qualifier: Qualifier, low: int | None, high: int | None) -> str:
    words = {
        Qualifier.AT_LEAST: "at least {low}",
        Qualifier.MORE_THAN: "more than {low}",
        Qualifier.AT_MOST: "up to {high}",
        Qualifier.LESS_THAN: "fewer than {high}",
        Qualifier.ABOUT: "about {low}",
        Qualifier.RANGE: "{low}–{high}",
        Qualifier.VAGUE: "{low}+ (vague)",
        Qualifier.EXACT: "{low}",
    }
    fmt = words[qualifier]
    return fmt.format(low=f"{low:,}" if low is not None else "?",
                      high=f"{high:,}" if high is not None else "?")


def as_of_key(date: str | None, published: dt.date | None) -> dt.date | None:
    """The day a figure is valid for: the end of its date or period, else its publication."""
    if date:
        return dt.date.fromisoformat(date.split("/")[-1])
    return published


def source_label(source: str | None, publisher: str | None) -> str:
    return source if source else f"self:{publisher or 'unattributed'}"


def build_tally(
    figures: Iterable[Figure],
    *,
    place: str | None = "IR",
    until: dt.date | None = None,
    skip_documents: frozenset[str] = frozenset(),
) -> list[TallyRow]:
    """Group figures by measure and subject; keep each source's latest.

    Args:
        figures: every stored claim as a Figure.
        place: keep figures about this place only (national totals by default); None keeps all.
        until: ignore figures valid after this day (a weekly report's end).
        skip_documents: near-duplicates of another report, whose figures that one counts.
    """
    latest: dict[tuple[Measure, Subject | None, str], Figure] = {}
    for fig in figures:
        if fig.document_id in skip_documents:
            continue
        if place is not None and fig.claim.place != place:
            continue
        if until is not None and (fig.as_of is None or fig.as_of > until):
            continue
        key = (fig.claim.measure, fig.claim.subject, fig.source)
        held = latest.get(key)
        if held is None or _newer(fig, held):
            latest[key] = fig
    rows: dict[tuple[Measure, Subject | None], list[Figure]] = {}
    for (measure, subject, _), fig in latest.items():
        rows.setdefault((measure, subject), []).append(fig)
    order = list(Measure)
    result = [
        TallyRow(
            measure=measure,
            subject=subject,
            figures=tuple(sorted(figs, key=lambda f: (f.as_of or dt.date.min, f.source),
                                 reverse=True)),
        )
        for (measure, subject), figs in rows.items()
    ]
    result.sort(key=lambda r: (order.index(r.measure), r.subject.value if r.subject else ""))
    return result


def _newer(a: Figure, b: Figure) -> bool:
    """Later as-of date wins; on the same day the larger lower bound (totals only grow)."""
    key_a = (a.as_of or dt.date.min, a.published or dt.date.min, a.claim.low or 0)
    key_b = (b.as_of or dt.date.min, b.published or dt.date.min, b.claim.low or 0)
    return key_a > key_b
