"""The weekly report as Markdown, every figure and place footnoted to its document and quote.

Markdown footnotes take one definition per label, so each quoted passage gets its own, labelled as
the HTML page labels it: `[^12]` for a document with one passage, `[^12b]` for a document's
second. The numbers are the same in every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from uprising.analysis.tally import Figure
from uprising.reports.weekly import Footnote, Ref, WeeklyReport
from uprising.vocab import Measure

__all__ = ["figure_with_source", "render_markdown"]

# The measures the opening paragraph gives, as "killed: at least 326 (hrana, 20 Nov 2022)".
HEADLINE_MEASURES = (Measure.KILLED, Measure.ARRESTED, Measure.SENTENCED_TO_DEATH,
                     Measure.EXECUTED)


def figure_with_source(fig: Figure) -> str:
    """ "at least 326 (hrana, 20 Nov 2022)": a figure as written, its source and as-of day."""
    when = f", {fig.as_of:%-d %b %Y}" if fig.as_of else ""
    return f"{fig.shown} ({fig.source}{when})"


def _quote(text: str) -> str:
    return " ".join(text.split()).replace("[", "\\[").replace("]", "\\]")


def _footnote_lines(note: Footnote) -> list[str]:
    when = note.published.isoformat() if note.published else "undated"
    who = note.publisher or "unknown publisher"
    return [f"[^{note.label(index)}]: {who}, {when}, document `{note.document_id[:19]}` "
            f"(characters {passage.start}–{passage.end}): “{_quote(passage.quote)}”"
            for index, passage in enumerate(note.passages)]


def _refs(report: WeeklyReport, refs: Iterable[Ref]) -> str:
    return "".join(f"[^{report.label(ref)}]" for ref in refs)


def render_markdown(report: WeeklyReport, place_name: Callable[[str], str],
                    charts: Sequence[tuple[str, str, str]] = ()) -> str:
    """Render `report`; `place_name` turns an ISO code into a province's name.

    `charts` are (image path relative to the Markdown file, title, caption) triples, shown after
    the opening paragraph.
    """
    period = "this week" if report.week is not None else "in this period"
    lines = [
        f"# {report.title}",
        "",
        f"Incidents were reported in {report.city_count} cities in {report.province_count} of "
        f"Iran's 31 provinces {period} (counted from incident records; each place is footnoted"
        " to its reports).",
        "",
    ]
    for measure in HEADLINE_MEASURES:
        figures = report.headline(measure)
        if figures:
            shown = "; ".join(f"{figure_with_source(f)}{_refs(report, [r])}"
                              for f, r in figures)
            lines.append(f"- **{measure.value.replace('_', ' ').capitalize()}**: {shown}")
    if lines[-1] != "":
        lines.append("")
    for path, title, caption in charts:
        lines += [f"![{_quote(title)}]({path})", "", f"*{_quote(caption)}*", ""]
    lines += [
        f"## Figures per source as of {report.end:%d %B %Y}",
        "",
        "Each source's latest national figure; sources are listed side by side, never summed.",
        "",
    ]
    if not report.tally:
        lines += ["No national figures were reported up to this date.", ""]
    for row in report.tally:
        subject = f" ({row.subject.value.replace('_', ' ')})" if row.subject else ""
        lines += [f"### {row.measure.value.replace('_', ' ').capitalize()}{subject}", "",
                  "| source | figure | as of |", "|---|---|---|"]
        for fig in row.figures:
            note = _refs(report, [report.note_for(row, fig)])
            as_of = fig.as_of.isoformat() if fig.as_of else "?"
            lines.append(f"| {fig.source} | {fig.shown}{note} | {as_of} |")
        if len(row.figures) > 1:
            lines += ["", f"Range across sources: {row.low:,} to {row.high:,}."
                      if row.low is not None and row.high is not None else ""]
        lines.append("")
    lines += ["## Places with incidents", ""]
    if not report.places:
        lines += ["No incidents with a place were recorded in this period.", ""]
    for line in report.places:
        cities = ", ".join(line.cities) if line.cities else "(province-wide)"
        types = ", ".join(t.value.replace("_", " ") for t in line.types)
        refs = _refs(report, line.footnotes)
        lines.append(f"- **{place_name(line.province)}** ({line.province}): {cities} — {types}"
                     f"{refs}")
    lines += _conflict_lines(report)
    lines += _person_lines(report, place_name)
    lines += ["", "## Sources", ""]
    lines += [line for note in report.footnotes for line in _footnote_lines(note)]
    lines.append("")
    return "\n".join(lines)


def _conflict_lines(report: WeeklyReport) -> list[str]:
    lines = ["", "## Where sources differ", ""]
    if not report.conflicts:
        return [*lines, "No two sources give different figures for the same count.", ""]
    lines += ["| count | figures side by side (source, as-of date) | reading |", "|---|---|---|"]
    for conflict in report.conflicts:
        row = conflict.row
        subject = f" ({row.subject.value.replace('_', ' ')})" if row.subject else ""
        side = "; ".join(f"{figure_with_source(f)}{_refs(report, [report.note_for(row, f)])}"
                         for f in row.figures)
        reading = ("sources disagree about the same days" if conflict.contradictory
                   else "different, but could all be true (other days or overlapping bounds)")
        lines.append(f"| {row.measure.value.replace('_', ' ')}{subject} | {side} | {reading} |")
    return [*lines, ""]


def _person_lines(report: WeeklyReport, place_name: Callable[[str], str]) -> list[str]:
    lines = ["## Named people", ""]
    if not report.persons:
        return [*lines, "No named person was reported in this period.", ""]
    for person in report.persons:
        age = f", {person.age}" if person.age is not None else ""
        where = person.city or (place_name(person.place) if person.place else "")
        fates = ", ".join(f.value.replace("_", " ") for f in person.fates) or "fate not stated"
        refs = _refs(report, person.footnotes)
        lines.append(f"- **{person.name}**{age}{f' ({where})' if where else ''}: {fates}{refs}")
    return [*lines, ""]
