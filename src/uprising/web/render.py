"""Pure helpers of the web pages: highlighted spans, the running chart and the province map.

Nothing here reads the database or the request: data in, markup-safe strings or plain structures
out, so each piece is tested on its own. SVG is written by hand because the dashboard must answer
in milliseconds, which matplotlib (used for the printed reports) cannot do per request.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

__all__ = ["Segment", "chart_svg", "map_svg", "mark_snippet", "segments"]

LOGGER = logging.getLogger(__name__)

PALETTE = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#35978f", "#8c510a")


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A run of the text covered by the same records (none for plain text)."""

    text: str
    start: int
    records: tuple[tuple[str, str], ...]  # (kind, id) of every record covering the run
    opens: tuple[tuple[str, str], ...]  # records whose span begins here, for anchors


def segments(text: str, spans: Sequence[tuple[str, str, int, int]]) -> list[Segment]:
    """Cut `text` at every span boundary; spans are (kind, id, start, end) and may overlap.

    Spans outside the text are ignored rather than trusted, since offsets come from storage.
    """
    valid = [s for s in spans if 0 <= s[2] < s[3] <= len(text)]
    cuts = sorted({0, len(text), *(s[2] for s in valid), *(s[3] for s in valid)})
    out: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple((k, i) for k, i, s, e in valid if s <= left and right <= e)
        opens = tuple((k, i) for k, i, s, _ in valid if s == left)
        out.append(Segment(text=text[left:right], start=left, records=covering, opens=opens))
    return out


def mark_snippet(snippet: str | None) -> Markup:
    """Escape a search snippet and turn its \\x02...\\x03 markers into <mark> elements."""
    if not snippet:
        return Markup("")
    safe = escape(snippet).replace("\x02", "<mark>").replace("\x03", "</mark>")
    return Markup(safe)


def chart_svg(series: Mapping[str, Sequence[tuple[dt.date, int]]], *, title: str,
              width: int = 640, height: int = 260) -> Markup:
    """A step chart of running figures, one line per source, with dated axis ends."""
    points = [(day, value) for rows in series.values() for day, value in rows]
    if not points:
        return Markup(f'<p class="empty">No figures of {escape(title)} yet.</p>')
    left, right, top, bottom = 56, 150, 16, 28
    first, last = min(d for d, _ in points), max(d for d, _ in points)
    peak = max(v for _, v in points) or 1
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + (width - left - right) * (day - first).days / span

    def y(value: int) -> float:
        return top + (height - top - bottom) * (1 - value / peak)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" '
             f'y2="{height - bottom}" class="axis"/>',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak:,}</text>',
             f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end">0</text>',
             f'<text x="{left}" y="{height - 8}">{first.isoformat()}</text>',
             f'<text x="{width - right}" y="{height - 8}" text-anchor="end">'
             f'{last.isoformat()}</text>']
    for n, (source, rows) in enumerate(sorted(series.items())):
        colour = PALETTE[n % len(PALETTE)]
        running = 0
        coords: list[str] = []
        for day, value in sorted(rows):
            running = max(running, value)  # a running total never falls; a lower later count
            coords.append(f"{x(day):.1f},{y(running):.1f}")  # is another scope, not a fall
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{" ".join(coords)}"><title>{escape(source)}</title></polyline>')
        parts.append(f'<text x="{width - right + 6}" y="{top + 14 * (n + 1)}" '
                     f'fill="{colour}">{escape(source[:22])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def map_svg(shapes: Sequence[Any], counts: Mapping[str, int], *, link: str,
            width: int = 420, height: int = 380) -> Markup:
    """Provinces shaded by count, each a link to `link` with its code (e.g. /claims?place=)."""
    if not shapes:
        return Markup("")
    lons = [lon for s in shapes for ring in s.rings for lon, _ in ring]
    lats = [lat for s in shapes for ring in s.rings for _, lat in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    scale = min(width / (east - west), height / (north - south))
    top = max(counts.values(), default=0) or 1
    parts = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" '
             'aria-label="Provinces of Iran">']
    for shape in shapes:
        count = counts.get(shape.iso, 0)
        shade = 0.08 + 0.85 * count / top if count else 0.0
        path = " ".join(
            "M" + " L".join(f"{(lon - west) * scale:.1f},{(north - lat) * scale:.1f}"
                            for lon, lat in ring) + " Z"
            for ring in shape.rings)
        label = f"{shape.name_en} ({shape.iso}): {count:,}"
        parts.append(f'<a href="{escape(link + shape.iso)}"><path d="{path}" '
                     f'fill="rgba(178,24,43,{shade:.2f})" stroke="#555" stroke-width="0.5">'
                     f'<title>{escape(label)}</title></path></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
