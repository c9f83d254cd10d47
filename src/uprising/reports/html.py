"""The weekly report as one self-contained HTML page: charts and map inline, every figure linked.

Nothing is fetched when the page opens: styles are inlined and charts are inline SVG, so the file
can be mailed, archived or printed as it is. Jinja2 escapes every value by default (report text
is untrusted input); only the SVG this package drew itself is marked safe. Each figure links to
its footnote (`#fn-N`) and each footnote back to its first mention (`#ref-N`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from uprising import __version__
from uprising.reports.charts import Chart, scope_svg_ids
from uprising.reports.maps import ATTRIBUTION
from uprising.reports.markdown import HEADLINE_MEASURES, figure_with_source
from uprising.reports.weekly import WeeklyReport

__all__ = ["InlineChart", "render_html"]

LOGGER = logging.getLogger(__name__)


class InlineChart:
    """A chart as the template shows it: scoped SVG markup and its caption."""

    __slots__ = ("caption", "name", "svg")

    def __init__(self, chart: Chart) -> None:
        self.name = chart.name
        self.caption = chart.caption
        # Our own matplotlib output, never report text: safe to inline unescaped.
        self.svg = Markup(scope_svg_ids(chart.svg, chart.name))


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("uprising.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(
    report: WeeklyReport,
    place_name: Callable[[str], str],
    *,
    charts: Sequence[Chart] = (),
    generated: dt.date | None = None,
) -> str:
    """Render `report` as a complete HTML document.

    Args:
        report: the report's data.
        place_name: ISO code -> province name.
        charts: rendered charts and the map, shown in this order.
        generated: the day shown as the page's date (default: today; tests pin it).
    """
    referenced: set[int] = set()

    def ref(number: int) -> Markup:
        anchor = "" if number in referenced else f' id="ref-{number}"'
        referenced.add(number)
        # One element per reference, not <sup><a>: a week's report can carry a thousand of
        # them, and WeasyPrint's time grows with the number of elements to style.
        return Markup(f'<a class="ref"{anchor} href="#fn-{number}">[{number}]</a>')

    headline = [(m.value.replace("_", " ").capitalize(), report.headline(m))
                for m in HEADLINE_MEASURES]
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        charts=[InlineChart(c) for c in charts],
        headline=[(m, items) for m, items in headline if items],
        period_words="this week" if report.week is not None else "in this period",
        place_name=place_name,
        fig_text=figure_with_source,
        label=lambda value: value.replace("_", " "),
        ref=ref,
        has_ref=lambda number: number in referenced,
        generated=(generated or dt.date.today()).isoformat(),
        version=__version__,
        attribution=ATTRIBUTION,
    )
