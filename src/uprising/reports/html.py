"""The weekly report as one self-contained HTML page: charts and map inline, every figure linked.

Nothing is fetched when the page opens: styles are inlined and charts are inline SVG, so the file
can be mailed, archived or printed as it is. Jinja2 escapes every value by default (report text
is untrusted input); only the SVG this package drew itself is marked safe. Each figure links to
its document's footnote (`#fn-N`), its mark naming the passage ("[12b]"), and each footnote links
back to its first mention (`#ref-N`).

The page is also what WeasyPrint prints, and WeasyPrint's time grows with the number of elements
it lays out: references to one document are one link ("[12a,b]"), footnotes are one paragraph per
document, and long lists (people, footnotes) are paragraphs rather than list items.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from uprising import __version__
from uprising.reports.charts import Chart, scope_svg_ids
from uprising.reports.maps import ATTRIBUTION
from uprising.reports.markdown import HEADLINE_MEASURES, figure_with_source
from uprising.reports.weekly import Ref, WeeklyReport, passage_letter

__all__ = ["InlineChart", "render_html"]

LOGGER = logging.getLogger(__name__)


class InlineChart:
    """A chart as the template shows it: its SVG (markup or an image) and its caption.

    For a browser the SVG is inlined as markup, its ids scoped. For the printer it is an image
    with a data: URL: WeasyPrint then reads it with its SVG parser alone, instead of putting
    thousands of SVG elements through the HTML parser and the page's CSS cascade, which took
    longer than drawing them. The PDF looks the same.
    """

    __slots__ = ("caption", "name", "svg")

    def __init__(self, chart: Chart, *, for_print: bool = False) -> None:
        self.name = chart.name
        self.caption = chart.caption
        # Our own matplotlib output, never report text: safe to inline unescaped.
        if for_print:
            data = base64.b64encode(chart.svg_for_print.encode("utf-8")).decode("ascii")
            self.svg = Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">'
                              ).format(chart.title, data)
        else:
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
    for_print: bool = False,
) -> str:
    """Render `report` as a complete HTML document.

    Args:
        report: the report's data.
        place_name: ISO code -> province name.
        charts: rendered charts and the map, shown in this order.
        generated: the day shown as the page's date (default: today; tests pin it).
        for_print: the page WeasyPrint prints: charts with text as text where they have it.
    """
    referenced: set[int] = set()

    def ref(items: Ref | Iterable[Ref]) -> Markup:
        marks = []
        for number, text in report.grouped([items] if isinstance(items, Ref) else items):
            anchor = "" if number in referenced else f' id="ref-{number}"'
            referenced.add(number)
            # One element per document, not <sup><a> per passage: a week's report can cite a
            # thousand passages. `text` is digits, letters and commas only.
            marks.append(f'<a class="ref"{anchor} href="#fn-{number}">[{text}]</a>')
        return Markup("".join(marks))

    headline = [(m.value.replace("_", " ").capitalize(), report.headline(m))
                for m in HEADLINE_MEASURES]
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        charts=[InlineChart(c, for_print=for_print) for c in charts],
        headline=[(m, items) for m, items in headline if items],
        period_words="this week" if report.week is not None else "in this period",
        place_name=place_name,
        fig_text=figure_with_source,
        label=lambda value: value.replace("_", " "),
        ref=ref,
        has_ref=lambda number: number in referenced,
        letter=passage_letter,
        generated=(generated or dt.date.today()).isoformat(),
        version=__version__,
        attribution=ATTRIBUTION,
    )
