"""`uprising tally`, `report` and `export`: what the stored records say, per source."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from tqdm import tqdm

from uprising.analysis.corrections import reviewed_claim
from uprising.analysis.tally import Figure, TallyRow, as_of_key, build_tally, source_label
from uprising.cli.common import database_option, fail_cleanly, message, resolve_database_url
from uprising.errors import InputError
from uprising.exports import BINARY_FORMATS, EXPORT_FORMATS, RECORD_KINDS, export
from uprising.geo import province_name
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.charts import Chart, cumulative_chart, daily_chart, ranked_chart
from uprising.reports.html import render_html
from uprising.reports.maps import CityPoint, city_location, province_map
from uprising.reports.markdown import render_markdown
from uprising.reports.pdf import render_pdf
from uprising.reports.weekly import PersonSeen, WeeklyReport
from uprising.storage import Database, StoredClaim
from uprising.storage.report_queries import incidents_between, latest_figures, persons_between
from uprising.storage.tables import record_id

__all__ = [
    "REPORT_FORMATS",
    "REPORT_PLACE",
    "as_figures",
    "build_report",
    "export_command",
    "figures_from",
    "progress",
    "render_charts",
    "render_tally",
    "report_command",
    "tally_command",
    "write_report",
]

T = TypeVar("T")


def figures_from(db: Database) -> list[Figure]:
    """Every stored claim as a Figure with its source label and as-of day."""
    return as_figures(db.claim_rows())


def reviewed(db: Database, rows: Iterable[StoredClaim]) -> list[StoredClaim]:
    """Stored claims as editors left them: corrections applied (rejections never leave SQL)."""
    decisions = db.browse().decisions("claim")
    if not decisions:
        return list(rows)
    out = []
    for row in rows:
        key = record_id(row.document_id, row.claim.evidence, row.claim.measure.value)
        claim = reviewed_claim(row.claim, decisions.get(key))
        if claim is not None:
            out.append(dataclasses.replace(row, claim=claim))
    return out


def as_figures(rows: Iterable[StoredClaim]) -> list[Figure]:
    """Stored claims as Figures with their source labels and as-of days."""
    return [
        Figure(
            claim=row.claim,
            source=source_label(row.claim.source, row.publisher),
            as_of=as_of_key(row.claim.date, row.published),
            document_id=row.document_id,
            published=row.published,
            publisher=row.publisher,
            url=row.url,
        )
        for row in rows
    ]


def render_tally(rows: list[TallyRow], fmt: str) -> str:
    """The tally as an aligned table, CSV or JSON."""
    records = [
        {
            "measure": row.measure.value,
            "subject": row.subject.value if row.subject else None,
            "source": fig.source,
            "figure": fig.shown,
            "low": fig.claim.low,
            "high": fig.claim.high,
            "qualifier": fig.claim.qualifier.value,
            "as_of": fig.as_of.isoformat() if fig.as_of else None,
            "document": fig.document_id,
            "quote": fig.claim.evidence.quote,
            "range_low": row.low,
            "range_high": row.high,
        }
        for row in rows for fig in row.figures
    ]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else ["measure"])
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    if not records:
        return "No figures stored yet: run `uprising ingest` and `uprising process` first.\n"
    columns = ("measure", "subject", "source", "figure", "as_of", "range", "document")
    table = [
        (r["measure"], r["subject"] or "-", r["source"], r["figure"], r["as_of"] or "?",
         f"{r['range_low']:,}–{r['range_high']:,}" if r["range_low"] is not None
         and r["range_high"] is not None else "-", str(r["document"])[:19])
        for r in records
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(columns, *table, strict=False)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in [columns, *table]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


@click.command("tally")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--place", default="IR", show_default=True,
              help="Figures about this place only (ISO code: IR, IR-11 ...); 'all' for all.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Ignore figures valid after this day (YYYY-MM-DD).")
@database_option
@fail_cleanly
def tally_command(fmt: str, place: str, until: dt.datetime | None,
                  database_url: str | None) -> None:
    """Print, per measure and subject, the latest figure each source gives.

    Each figure keeps its bounds, as-of date and document; the range spans the sources.
    """
    where = None if place == "all" else place
    day = until.date() if until else None
    with Database.open(resolve_database_url(database_url)) as db:
        # Only each source's latest figures leave the database; the tally picks among them.
        rows = build_tally(as_figures(reviewed(db, latest_figures(db, until=day, place=where))),
                           place=where, until=day)
    click.echo(render_tally(rows, fmt), nl=False)


REPORT_FORMATS = ("md", "html", "pdf")


def progress(items: Iterable[T], total: int | None = None, what: str = "") -> Iterator[T]:
    """Items with a progress bar on stderr when it is a terminal; silent in a pipe or a test."""
    yield from tqdm(items, total=total, desc=what, unit="", leave=False,
                    disable=not sys.stderr.isatty())


def build_report(db: Database, *, start: dt.date, end: dt.date,
                 week: int | None = None) -> tuple[WeeklyReport, int]:
    """The report for a period from stored records, and how many documents its incidents cite.

    Only what the report shows is read: each source's latest national figure per as-of day up
    to `end` (the tally and the charts), and the incidents and persons of the period. The
    report is the same as one built from every stored record (tests/test_report_queries.py).
    """
    incidents = [
        IncidentSeen(incident=row.incident, document_id=row.document_id,
                     published=row.published, publisher=row.publisher)
        for row in incidents_between(db, start=start, end=end)
    ]
    persons = [
        PersonSeen(person=row.person, document_id=row.document_id, published=row.published,
                   publisher=row.publisher)
        for row in persons_between(db, start=start, end=end)
    ]
    figures = as_figures(reviewed(db, latest_figures(db, until=end, place=REPORT_PLACE)))
    report = build_weekly_report(figures, incidents, start=start, end=end, week=week,
                                 persons=persons)
    return report, len({seen.document_id for seen in incidents})


# The report's figures are national ones, as `build_weekly_report` tallies and charts them.
REPORT_PLACE = "IR"


def render_charts(report: WeeklyReport, documents: int, *,
                  for_print: bool = False) -> list[Chart]:
    """The report's charts and its province map, in reading order.

    `for_print` also renders each chart with its text as text, for the PDF (see `Chart`).
    """
    steps: list[Callable[[], Chart]] = [
        *(functools.partial(cumulative_chart, lines, measure=lines[0].measure, as_of=report.end,
                            for_print=for_print)
          for lines in report.series),
        functools.partial(daily_chart, report.daily, documents=documents, for_print=for_print),
        functools.partial(ranked_chart, report.ranked, place_name=_place_name,
                          start=report.start, end=report.end, for_print=for_print),
        functools.partial(_map_of, report, for_print=for_print),
    ]
    return [step() for step in progress(steps, len(steps), "charts")]


def _map_of(report: WeeklyReport, *, for_print: bool = False) -> Chart:
    cities = []
    for line in report.places:
        for city, notes in line.city_notes:
            where = city_location(city, line.province)
            if where is not None:
                cities.append(CityPoint(name=city, lat=where[0], lon=where[1], count=len(notes)))
    when = f"{report.start:%-d %b %Y} – {report.end:%-d %b %Y}"
    return province_map(
        {p.place: p.incidents for p in report.ranked},
        title=f"Incident records per province, {when}",
        caption=(f"Shading: incident records per province dated {when}, as of "
                 f"{report.end:%-d %b %Y}; circles: cities named in them (size: reports). "
                 "Counted from incident records, each footnoted in the report."),
        cities=cities, place_name=_place_name, for_print=for_print)


def report_stem(week: int | None, start: dt.date, end: dt.date) -> str:
    """The file name of a report without suffix: week-09, or report-2022-11-01_2022-11-15."""
    return f"week-{week:02d}" if week is not None else f"report-{start}_{end}"


def write_report(db: Database, week: int | None, out_dir: Path, *,
                 start: dt.date | None = None, end: dt.date | None = None,
                 formats: Sequence[str] = REPORT_FORMATS) -> list[Path]:
    """Write the report of `week` (or of `start`..`end`) into `out_dir`; returns the paths.

    Markdown gets its charts as SVG files in a folder beside it; HTML and PDF hold them inline.
    """
    if week is not None:
        start, end = week_bounds(week)
    if start is None or end is None:
        raise InputError("give a week, or both ends of the period", field="--from/--to")
    report, documents = build_report(db, start=start, end=end, week=week)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(week, start, end)
    charts = render_charts(report, documents, for_print="pdf" in formats)
    written: list[Path] = []
    if "md" in formats:
        chart_dir = out_dir / f"{stem}-charts"
        chart_dir.mkdir(exist_ok=True)
        links = []
        for chart in charts:
            (chart_dir / f"{chart.name}.svg").write_text(chart.svg, encoding="utf-8")
            links.append((f"{chart_dir.name}/{chart.name}.svg", chart.title, chart.caption))
        path = out_dir / f"{stem}.md"
        path.write_text(render_markdown(report, _place_name, links), encoding="utf-8")
        written.append(path)
    if "html" in formats:
        path = out_dir / f"{stem}.html"
        path.write_text(render_html(report, _place_name, charts=charts), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        path = out_dir / f"{stem}.pdf"
        page = render_html(report, _place_name, charts=charts, for_print=True)
        path.write_bytes(render_pdf(page))
        written.append(path)
    return written


def _place_name(code: str) -> str:
    try:
        return province_name(code)
    except (KeyError, ValueError):
        return code


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in REPORT_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'} is not a report format; use a comma-separated "
            f"list of {', '.join(REPORT_FORMATS)}")
    return chosen


@click.command("report")
@click.option("--week", type=click.IntRange(min=1), default=None,
              help="Week of the uprising; week 1 begins 2022-09-16.")
@click.option("--from", "date_from", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="First day of the period (YYYY-MM-DD), instead of --week.")
@click.option("--to", "date_to", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Last day of the period (YYYY-MM-DD), instead of --week.")
@click.option("--format", "formats", default=",".join(REPORT_FORMATS), show_default=True,
              callback=_formats, help="Comma-separated formats to write: md, html, pdf.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the report (default: setting reports_dir).")
@database_option
@fail_cleanly
def report_command(week: int | None, date_from: dt.datetime | None, date_to: dt.datetime | None,
                   formats: tuple[str, ...], output_dir: Path | None,
                   database_url: str | None) -> None:
    """Write the report for week N or a period: figures per source, places, people, charts.

    Every figure is footnoted to its document, quote and date. Markdown, a self-contained HTML
    page and a PDF are written by default.
    """
    from uprising.cli.common import settings

    if week is not None and (date_from or date_to):
        raise InputError("give either --week or --from/--to, not both", field="--week")
    if week is None and not (date_from and date_to):
        raise InputError("give --week N, or both --from and --to", field="--from/--to",
                         hint="e.g. uprising report --from 2022-11-01 --to 2022-11-15")
    start = date_from.date() if date_from else None
    end = date_to.date() if date_to else None
    if start and end and end < start:
        raise InputError(f"the period ends ({end}) before it starts ({start})", field="--to")
    out_dir = output_dir or Path(str(settings()["reports_dir"]))
    with Database.open(resolve_database_url(database_url)) as db:
        paths = write_report(db, week, out_dir, start=start, end=end, formats=formats)
    for path in paths:
        message(f"Wrote {path}")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv, json, jsonl, geojson, acled (ACLED-style CSV of incidents) or parquet.")
@click.option("--records", type=click.Choice(RECORD_KINDS), default=None,
              help="Which records to export (default: claims; incidents for acled).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: stdout; required for parquet).")
@database_option
@fail_cleanly
def export_command(fmt: str, records: str | None, output: Path | None,
                   database_url: str | None) -> None:
    """Export stored claims, persons or incidents; every row keeps its document id and quote."""
    if records is None:
        records = "incidents" if fmt == "acled" else "claims"  # ACLED rows are events
    if fmt in BINARY_FORMATS and output is None:
        raise InputError(f"{fmt} is binary: give a file with -o", field="--output",
                         hint=f"uprising export --format {fmt} -o {records}.{fmt}")
    with Database.open(resolve_database_url(database_url)) as db:
        if output is None:
            count = export(db, records=records, fmt=fmt, out=sys.stdout,
                           progress=_bar)
        else:
            # Written beside the target and renamed, so a failure never leaves half a file.
            partial = output.with_name(output.name + ".partial")
            out: IO[Any]
            try:
                with (partial.open("wb") if fmt in BINARY_FORMATS
                      else partial.open("w", encoding="utf-8", newline="")) as out:
                    count = export(db, records=records, fmt=fmt, out=out, progress=_bar)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
            partial.replace(output)
    message(f"Exported {count} {records} as {fmt}" + (f" to {output}" if output else ""))


def _bar(rows: Iterable[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    return progress(rows, total, "export")
