"""Footnotes per document (issue 6's benchmark): one note a document, every passage still named."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from uprising.analysis.tally import Figure
from uprising.records import Claim, Evidence, Incident
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.charts import marked_points
from uprising.reports.html import render_html
from uprising.reports.markdown import render_markdown
from uprising.reports.weekly import Ref, WeeklyReport, passage_letter
from uprising.vocab import IncidentType, Measure, Qualifier, Subject

D = dt.date
TEXT = "HRANA counted 300 killed. Protest in Sanandaj. Arrests in Sanandaj. Strike in Tehran."


def span(part: str) -> Evidence:
    start = TEXT.index(part)
    return Evidence.of(TEXT, start, start + len(part))


def report() -> WeeklyReport:
    """One document gives a figure and three incidents; another gives one incident."""
    claim = Claim(measure=Measure.KILLED, subject=Subject.PEOPLE, low=300, high=None,
                  qualifier=Qualifier.AT_LEAST, place="IR", city=None, date="2022-11-15",
                  source="hrana", evidence=span("HRANA counted 300 killed"))
    figure = Figure(claim=claim, source="hrana", as_of=D(2022, 11, 15), document_id="doc-1",
                    published=D(2022, 11, 15), publisher="Wire")

    def seen(kind: IncidentType, place: str, city: str, part: str, doc: str) -> IncidentSeen:
        incident = Incident(type=kind, place=place, city=city, date="2022-11-14",
                            evidence=span(part))
        return IncidentSeen(incident=incident, document_id=doc, published=D(2022, 11, 15),
                            publisher="Wire")

    start, end = week_bounds(9)
    return build_weekly_report(
        [figure],
        [seen(IncidentType.PROTEST, "IR-12", "Sanandaj", "Protest in Sanandaj", "doc-1"),
         seen(IncidentType.ARREST, "IR-12", "Sanandaj", "Arrests in Sanandaj", "doc-1"),
         seen(IncidentType.STRIKE, "IR-23", "Tehran", "Strike in Tehran", "doc-1"),
         seen(IncidentType.STRIKE, "IR-23", "Tehran", "Strike in Tehran", "doc-2")],
        start=start, end=end, week=9)


@pytest.mark.parametrize(("index", "letter"),
                         [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (701, "zz"),
                          (702, "aaa")])
def test_passages_are_lettered_like_spreadsheet_columns(index: int, letter: str) -> None:
    assert passage_letter(index) == letter


def test_one_footnote_per_document_lists_each_passage_in_citing_order() -> None:
    built = report()
    assert [note.document_id for note in built.footnotes] == ["doc-1", "doc-2"]
    first = built.footnotes[0]
    assert [p.quote for p in first.passages] == ["HRANA counted 300 killed",
                                                 "Protest in Sanandaj", "Arrests in Sanandaj",
                                                 "Strike in Tehran"]
    assert all(TEXT[p.start:p.end] == p.quote for p in first.passages)
    [kurdistan, tehran] = built.places
    assert kurdistan.footnotes == (Ref(number=1, passage=1), Ref(number=1, passage=2))
    assert built.grouped(kurdistan.footnotes) == [(1, "1b,c")]
    assert built.grouped(tehran.footnotes) == [(1, "1d"), (2, "2")]  # one passage: no letter


def test_markdown_labels_each_passage_and_defines_each_label_once() -> None:
    text = render_markdown(report(), lambda code: code)
    used = re.findall(r"\[\^(\w+)\](?!:)", text)
    defined = re.findall(r"^\[\^(\w+)\]:", text, flags=re.MULTILINE)
    assert sorted(defined) == sorted(set(defined)) == ["1a", "1b", "1c", "1d", "2"]
    assert set(used) == set(defined)
    assert "| hrana | at least 300[^1a] |" in text
    assert "[^1a]: Wire, 2022-11-15, document `doc-1` (characters 0–24): “HRANA counted" in text


def test_html_marks_one_link_per_document_and_names_the_passages() -> None:
    html = render_html(report(), lambda code: code, generated=D(2022, 11, 20))
    assert html.count('id="fn-') == 2
    assert 'href="#fn-1">[1b,c]</a>' in html  # Sanandaj: two passages of one document, one mark
    assert re.search(r'id="fn-1">.*?characters \(a\) 0–24:\s+“HRANA counted 300 killed”;'
                     r'.*?\(d\) \d+–\d+:\s+“Strike in Tehran”', html, flags=re.DOTALL)
    assert re.search(r'id="fn-2">.*?\(characters \d+–\d+\):\s+“Strike in Tehran”', html,
                     flags=re.DOTALL)


@pytest.mark.parametrize("count", [0, 1, 12, 13, 91, 400])
def test_long_lines_keep_a_dozen_markers_and_always_the_last(count: int) -> None:
    for shift in range(8):
        marked = marked_points(count, shift=shift)
        assert marked == sorted(set(marked)) and all(0 <= i < count for i in marked)
        assert (len(marked) == count) if count <= 12 else (6 <= len(marked) <= 12)
        assert not count or marked[-1] == count - 1
