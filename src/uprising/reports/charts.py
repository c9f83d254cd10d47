"""Static charts for reports: running figures per source, incidents per day, provinces ranked.

Drawn with matplotlib's object API (no pyplot, so no global figure state and no GUI backend), to
SVG for HTML and PDF and to PNG on request. Every chart must stay readable printed in grey: sources
differ by line style and marker, incident types by hatching, never by colour alone. A chart
copied out of a report still says where its numbers come from: its legend names the sources and
its title the as-of date. The caption, set beside the image by the report, gives each source's
latest figure and date.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib import rc_context
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import MaxNLocator

from uprising.analysis.series import DayCount, PlaceCount, Series
from uprising.vocab import IncidentType, Measure

__all__ = [
    "STYLE",
    "Chart",
    "cumulative_chart",
    "daily_chart",
    "figure_to_chart",
    "marked_points",
    "ranked_chart",
    "scope_svg_ids",
]

LOGGER = logging.getLogger(__name__)

# Typed loosely: matplotlib types rc keys as one long Literal that a plain dict cannot meet.
STYLE: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#111111",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "uprising",  # stable ids, so the same data gives the same bytes
    "svg.fonttype": "path",  # glyphs as paths: the page renders the same without the font
    "hatch.linewidth": 0.6,
}
_LINES = ("-", "--", ":", "-.")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_GREYS = ("#000000", "#444444", "#777777", "#999999")
_HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "----", "++++", "oo", "||||")
_FILLS = ("#222222", "#ffffff", "#bbbbbb", "#ffffff", "#888888", "#ffffff", "#dddddd",
          "#ffffff", "#555555")
_WIDTH_IN = 7.0
# Markers per line at most: they tell the lines apart in grey print, and a line with a point for
# each of 90 days would otherwise carry 90 markers that overlap into a smear (and each is one
# more SVG element for the PDF printer to draw). The line itself still steps at every point.
_MAX_MARKERS = 12
_PAD_INCHES = 0.1  # matplotlib's own margin around a tight box


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """A rendered chart: its name (a file stem), title, caption and SVG (and PNG if asked)."""

    name: str
    title: str
    caption: str
    svg: str
    png: bytes = b""
    # The same chart with its text as SVG <text> rather than glyph outlines, for the PDF: the
    # printer lays out real text in a fraction of the time it takes to draw hundreds of glyph
    # paths, and the PDF's chart labels become searchable. Empty unless asked for.
    print_svg: str = ""

    @property
    def svg_for_print(self) -> str:
        return self.print_svg or self.svg


def _date(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"


def _label(value: str) -> str:
    return value.replace("_", " ")


def figure_to_chart(fig: MplFigure, *, name: str, title: str, caption: str,
                    png: bool = False, for_print: bool = False) -> Chart:
    """Render a finished matplotlib figure to SVG (and PNG) text in memory.

    `for_print` adds `print_svg`, whose text names its font (DejaVu Sans, which matplotlib
    measured it with) instead of drawing outlines; a page for a browser keeps the outlines,
    which look the same on a machine without that font.
    """
    # The tight box is measured once (what bbox_inches="tight" does on every save, at the cost
    # of drawing the figure twice) and shared by every output, so they also frame alike.
    box = fig.get_tightbbox().padded(_PAD_INCHES)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches=box)
    print_svg = ""
    if for_print:
        text_out = io.StringIO()
        with rc_context({"svg.fonttype": "none"}):
            fig.savefig(text_out, format="svg", metadata={"Date": None}, bbox_inches=box)
        print_svg = text_out.getvalue()
    raw_png = b""
    if png:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None}, bbox_inches=box)
        raw_png = buffer.getvalue()
    return Chart(name=name, title=title, caption=caption, svg=out.getvalue(), png=raw_png,
                 print_svg=print_svg)


def marked_points(count: int, most: int = _MAX_MARKERS, shift: int = 0) -> list[int]:
    """Indexes of the points of a line that get a marker: evenly spaced, the last always.

    `shift` (a line's index) moves the others along by a point or two per line, so that lines
    running together do not hide each other's markers.
    """
    if count <= most:
        return list(range(count))
    step = -(-(count - 1) // (most - 1))
    offset = (shift * max(1, step // 4)) % step
    return sorted({*range(offset, count - 1, step), count - 1})


_SVG_ID = re.compile(r'\bid="([^"]+)"')


def scope_svg_ids(svg: str, prefix: str) -> str:
    """Prefix every id of an SVG (and each reference to it) so several can share one page.

    matplotlib numbers its ids from 1 in every file; inlined side by side, two charts would
    otherwise point at each other's clip paths and glyphs. The XML prolog is dropped too.
    """
    body = svg[svg.index("<svg"):]
    ids = set(_SVG_ID.findall(body))
    if not ids:
        return body

    def swap(match: re.Match[str]) -> str:
        whole, ident = match.group(0), match.group(2)
        if ident not in ids:
            return whole
        return f"{match.group(1)}{prefix}-{ident}{match.group(3)}"

    return re.sub(r'(\bid="|url\(#|href="#)([^")]+)([")])', swap, body)


def cumulative_chart(series: Sequence[Series], *, measure: Measure, as_of: dt.date,
                     png: bool = False, for_print: bool = False) -> Chart:
    """One line per source through its running figure; its stated range shaded as a band.

    Raises:
        ValueError: no series to draw.
    """
    if not series:
        raise ValueError(f"no figures over time to chart for {measure.value}")
    what = _label(measure.value)
    title = f"People {what}: running figure per source, as of {_date(as_of)}"
    latest = "; ".join(f"{s.source} {s.last.figure.shown} (as of {_date(s.last.day)})"
                       for s in series)
    caption = (f"Sources and latest figures: {latest}. Each line follows one source's figure as "
               "written (its lower bound, or its upper bound when only that is given); shaded "
               "bands span a stated range; sources are never summed.")
    with rc_context(STYLE):
        fig = MplFigure(figsize=(_WIDTH_IN, 3.4))
        ax = fig.add_subplot()
        for index, line in enumerate(series):
            days: list[Any] = [p.day for p in line.points]  # matplotlib converts dates itself
            values = [p.middle for p in line.points]
            grey = _GREYS[index % len(_GREYS)]
            ax.plot(days, values, linestyle=_LINES[index % len(_LINES)],
                    marker=_MARKERS[index % len(_MARKERS)], markersize=4, color=grey,
                    linewidth=1.4, label=line.source, drawstyle="steps-post",
                    markevery=marked_points(len(days), shift=index))
            ranged = [(p.day, p.low, p.high) for p in line.points
                      if p.low is not None and p.high is not None and p.high > p.low]
            if ranged:
                band_days: list[Any] = [d for d, _, _ in ranged]
                ax.fill_between(band_days, [lo for _, lo, _ in ranged],
                                [hi for _, _, hi in ranged], step="post", color=grey,
                                alpha=0.18, linewidth=0)
        # Padding keeps a one-day series from leaving the date locator no interval to choose.
        first = min(p.day for line in series for p in line.points)
        last = max(p.day for line in series for p in line.points)
        pad = dt.timedelta(days=max(2, (last - first).days // 20))
        limits: list[Any] = [first - pad, last + pad]
        ax.set_xlim(limits[0], limits[1])
        # matplotlib's date locators ship without type hints.
        locator = AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.set_xlabel("as-of date of the figure")
        ax.set_ylabel(f"people {what} (as reported)")
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.legend(title="source", frameon=False, fontsize=8)
        ax.set_title(title, loc="left", fontsize=10)
        return figure_to_chart(fig, name=f"cumulative-{measure.value}", title=title,
                               caption=caption, png=png, for_print=for_print)


def daily_chart(daily: Sequence[DayCount], *, documents: int, png: bool = False,
                for_print: bool = False) -> Chart:
    """Stacked bars of incidents per day, one hatch and shade per incident type.

    Raises:
        ValueError: no days to draw.
    """
    if not daily:
        raise ValueError("no days to chart")
    start, end = daily[0].day, daily[-1].day
    types = [t for t in IncidentType if any(d.counts.get(t) for d in daily)]
    total = sum(d.total for d in daily)
    title = f"Incidents per day by type, {_date(start)} – {_date(end)}"
    caption = (f"Counted from {total} incident records in {documents} documents, by the day "
               f"each incident is dated (else its report's publication day); as of "
               f"{_date(end)}. One record is one report of an event: two reports of the same "
               "protest count twice.")
    with rc_context(STYLE):
        fig = MplFigure(figsize=(_WIDTH_IN, 3.0))
        ax = fig.add_subplot()
        positions = list(range(len(daily)))
        bottom = [0] * len(daily)
        for index, kind in enumerate(types):
            heights = [d.counts.get(kind, 0) for d in daily]
            ax.bar(positions, heights, bottom=bottom, width=0.8, label=_label(kind.value),
                   color=_FILLS[index % len(_FILLS)], edgecolor="#000000", linewidth=0.6,
                   hatch=_HATCHES[index % len(_HATCHES)])
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        step = max(1, len(daily) // 10)
        ax.set_xticks(positions[::step], [f"{d.day:%d %b}" for d in daily][::step])
        ax.set_xlabel("day")
        ax.set_ylabel("incident records")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if not types:
            ax.text(0.5, 0.5, "no incidents recorded in this period", transform=ax.transAxes,
                    ha="center", va="center", color="#444444")
            ax.set_ylim(0, 1)
        else:
            ax.legend(title="type", frameon=False, fontsize=8, ncols=min(4, len(types)))
        ax.set_title(title, loc="left", fontsize=10)
        return figure_to_chart(fig, name="incidents-per-day", title=title, caption=caption,
                               png=png, for_print=for_print)


def ranked_chart(ranked: Sequence[PlaceCount], *, place_name: Callable[[str], str],
                 start: dt.date, end: dt.date, limit: int = 15, png: bool = False,
                 for_print: bool = False) -> Chart:
    """Horizontal bars: provinces by incident records in the period, most first."""
    shown = list(ranked[:limit])
    title = f"Provinces ranked by incident records, {_date(start)} – {_date(end)}"
    rest = len(ranked) - len(shown)
    caption = (f"{len(ranked)} provinces with incident records"
               + (f" ({rest} more not shown)" if rest > 0 else "")
               + f"; counted from incident records dated {_date(start)} – {_date(end)}, "
               f"as of {_date(end)}.")
    with rc_context(STYLE):
        fig = MplFigure(figsize=(_WIDTH_IN, 0.8 + 0.28 * max(1, len(shown))))
        ax = fig.add_subplot()
        labels = [f"{place_name(p.place)} ({p.place})" for p in reversed(shown)]
        values = [p.incidents for p in reversed(shown)]
        bars = ax.barh(labels, values, color="#555555", edgecolor="#000000", linewidth=0.5)
        ax.bar_label(bars, padding=2, fontsize=8)
        ax.set_xlabel("incident records")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if not shown:
            ax.text(0.5, 0.5, "no incidents with a province in this period",
                    transform=ax.transAxes, ha="center", va="center", color="#444444")
            ax.set_yticks([])
        ax.set_title(title, loc="left", fontsize=10)
        return figure_to_chart(fig, name="provinces-ranked", title=title, caption=caption,
                               png=png, for_print=for_print)
