"""The weekly report as Markdown, every figure and place footnoted to its document and quote."""

from __future__ import annotations

from collections.abc import Callable

from uprising.reports.weekly import Footnote, WeeklyReport

__all__ = ["render_markdown"]


def _quote(text: str) -> str:
    return " ".join(text.split()).replace("[", "\\[").replace("]", "\\]")


def _footnote_line(note: Footnote) -> str:
    when = note.published.isoformat() if note.published else "undated"
    who = note.publisher or "unknown publisher"
    return (f"[^{note.number}]: {who}, {when}, document `{note.document_id[:19]}` "
            f"(characters {note.start}–{note.end}): “{_quote(note.quote)}”")


def render_markdown(report: WeeklyReport, place_name: Callable[[str], str]) -> str:
    """Render `report`; `place_name` turns an ISO code into a province's name."""
    title = (f"Week {report.week} of the uprising" if report.week is not None
             else "Report")
    lines = [
        f"# {title}: {report.start:%d %B %Y} – {report.end:%d %B %Y}",
        "",
        f"Incidents were reported in {report.city_count} cities in {report.province_count} of "
        "Iran's 31 provinces this week (counted from incident records; each place is footnoted"
        " to its reports).",
        "",
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
            note = report.tally_notes[(row.measure.value,
                                       row.subject.value if row.subject else None, fig.source)]
            as_of = fig.as_of.isoformat() if fig.as_of else "?"
            lines.append(f"| {fig.source} | {fig.shown}[^{note}] | {as_of} |")
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
        refs = "".join(f"[^{n}]" for n in line.footnotes)
        lines.append(f"- **{place_name(line.province)}** ({line.province}): {cities} — {types}"
                     f"{refs}")
    lines += ["", "## Sources", ""]
    lines += [_footnote_line(note) for note in report.footnotes]
    lines.append("")
    return "\n".join(lines)
