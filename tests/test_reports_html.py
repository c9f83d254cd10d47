"""The weekly report in HTML, Markdown and PDF: the same figures, each linked to its footnote."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from uprising.analysis.tally import Figure
from uprising.records import Claim, Evidence, Incident, Person
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.charts import cumulative_chart
from uprising.reports.html import render_html
from uprising.reports.markdown import render_markdown
from uprising.reports.pdf import render_pdf
from uprising.reports.weekly import PersonSeen, WeeklyReport, week_of
from uprising.vocab import Fate, IncidentType, Measure, Qualifier, Subject

D = dt.date
NAMES = {"IR-12": "Kurdistan", "IR-23": "Tehran"}


def place_name(code: str) -> str:
    return NAMES.get(code, code)


def figure(source: str, low: int, day: str, qualifier: Qualifier = Qualifier.AT_LEAST,
           high: int | None = None) -> Figure:
    quote = f"{source} counted {low} <b>killed</b>"
    claim = Claim(measure=Measure.KILLED, subject=Subject.PEOPLE, low=low, high=high,
                  qualifier=qualifier, place="IR", city=None, date=day, source=source,
                  evidence=Evidence(quote=quote, start=3, end=3 + len(quote)))
    return Figure(claim=claim, source=source, as_of=D.fromisoformat(day),
                  document_id=f"sha256:{source}{day}", published=D.fromisoformat(day),
                  publisher=f"{source} wire")


def incident(kind: IncidentType, place: str, city: str | None, day: str) -> IncidentSeen:
    quote = f"{kind.value} in {city or place}"
    inc = Incident(type=kind, place=place, city=city, date=day,
                   evidence=Evidence(quote=quote, start=0, end=len(quote)))
    return IncidentSeen(incident=inc, document_id=f"sha256:inc-{city}-{day}",
                        published=D.fromisoformat(day), publisher="Field Notes")


def make_report() -> WeeklyReport:
    start, end = week_bounds(10)
    person = Person(name="Test Person", age=22, gender=None, fates=(Fate.ARRESTED,),
                    place="IR-12", city="Sanandaj", date="2022-11-19",
                    evidence=Evidence(quote="Test Person, 22, was arrested", start=0, end=29))
    return build_weekly_report(
        [figure("hrana", 300, "2022-11-15"), figure("hrana", 326, "2022-11-20"),
         figure("ihr", 250, "2022-11-19", Qualifier.EXACT, 250)],
        [incident(IncidentType.PROTEST, "IR-12", "Sanandaj", "2022-11-19"),
         incident(IncidentType.CRACKDOWN, "IR-12", None, "2022-11-20"),
         incident(IncidentType.STRIKE, "IR-23", "Tehran", "2022-11-21"),
         incident(IncidentType.STRIKE, "IR-23", "Tehran", "2022-12-21")],
        persons=[PersonSeen(person=person, document_id="sha256:p", published=D(2022, 11, 20),
                            publisher="Field Notes")],
        start=start, end=end, week=10)


class Anchors(HTMLParser):
    """Collects ids, in-page links and anything that would make the page fetch a resource."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        href = values.get("href") or values.get("xlink:href")
        if href and href.startswith("#"):
            self.links.append(href[1:])
        elif href and tag == "link":
            self.fetches.append(href)
        if values.get("src"):
            self.fetches.append(str(values["src"]))


def test_week_of_counts_from_the_sixteenth_of_september() -> None:
    assert week_of(D(2022, 9, 16)) == 1
    assert week_of(D(2022, 11, 20)) == 10
    assert week_of(D(2022, 9, 1)) == 1


def test_report_counts_places_people_and_conflicts_from_records() -> None:
    report = make_report()
    assert (report.city_count, report.province_count) == (2, 2)
    kurdistan = report.places[0]
    assert kurdistan.city_notes and kurdistan.province_notes  # Sanandaj, and a province-wide one
    assert [p.name for p in report.persons] == ["Test Person"]
    assert report.persons[0].fates == (Fate.ARRESTED,)
    [conflict] = report.conflicts
    # hrana "at least 326" (20 Nov) and ihr "250" (19 Nov): no number fits both a day apart
    assert conflict.contradictory
    assert [p.total for p in report.daily] == [0, 1, 1, 1, 0, 0, 0]  # 18 to 24 November
    assert [s.source for s in report.series[0]] == ["hrana", "ihr"]


def test_html_links_every_figure_to_a_footnote_and_back() -> None:
    html = render_html(make_report(), place_name, generated=D(2022, 11, 25))
    parser = Anchors()
    parser.feed(html)
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    assert parser.links and set(parser.links) <= set(parser.ids)
    notes = {i for i in parser.ids if i.startswith("fn-")}
    assert notes == {f"fn-{n.number}" for n in make_report().footnotes}
    assert {f"fn-{i[4:]}" for i in parser.ids if i.startswith("ref-")} == notes


def test_html_is_self_contained_and_escapes_report_text() -> None:
    chart = cumulative_chart(make_report().series[0], measure=Measure.KILLED,
                             as_of=D(2022, 11, 24))
    html = render_html(make_report(), place_name, charts=[chart], generated=D(2022, 11, 25))
    parser = Anchors()
    parser.feed(html)
    assert parser.fetches == []
    assert "<b>killed</b>" not in html and "&lt;b&gt;killed&lt;/b&gt;" in html
    assert html.count("<svg") == 1 and 'id="chart-cumulative-killed"' in html
    assert "at least 326 (hrana, 20 Nov 2022)" in html
    assert "Test Person" in html and "arrested" in html


def test_markdown_gives_headline_conflicts_people_and_chart_links() -> None:
    text = render_markdown(make_report(), place_name,
                           [("week-10-charts/cumulative-killed.svg", "Killed", "As of 24 Nov.")])
    assert "- **Killed**: at least 326 (hrana, 20 Nov 2022)[^" in text
    assert "![Killed](week-10-charts/cumulative-killed.svg)" in text
    assert "## Where sources differ" in text and "sources disagree about the same days" in text
    assert "- **Test Person**, 22 (Sanandaj): arrested[^" in text
    assert "**Kurdistan** (IR-12): Sanandaj — crackdown, protest" in text


def test_a_period_report_is_titled_by_its_dates() -> None:
    report = build_weekly_report([], [], start=D(2022, 11, 1), end=D(2022, 11, 15))
    assert report.title == "Report: 01 November 2022 – 15 November 2022"
    assert "in this period" in render_markdown(report, place_name)
    with pytest.raises(ValueError, match="before it starts"):
        build_weekly_report([], [], start=D(2022, 11, 15), end=D(2022, 11, 1))


def test_pdf_is_printed_from_the_html() -> None:
    pdf = render_pdf(render_html(make_report(), place_name, generated=D(2022, 11, 25)))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000


def test_pdf_refuses_to_fetch_anything() -> None:
    html = '<html><body><img src="http://127.0.0.1:9/x.png"><p>text</p></body></html>'
    assert render_pdf(html).startswith(b"%PDF-")  # the image is refused, the page still prints
