"""Tallies per source and the weekly report built from them (pure: no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from uprising.analysis.tally import Figure, as_of_key, build_tally, describe_bounds
from uprising.records import Claim, Evidence, Incident
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.markdown import render_markdown
from uprising.vocab import IncidentType, Measure, Qualifier, Subject


def figure(source: str, low: int, day: str, *, high: int | None = None,
           qualifier: Qualifier = Qualifier.AT_LEAST, place: str = "IR",
           measure: Measure = Measure.KILLED) -> Figure:
    quote = f"at least {low} people"
    claim = Claim(measure=measure, subject=Subject.PEOPLE, low=low, high=high,
                  qualifier=qualifier, place=place, city=None, date=day, source=source,
                  evidence=Evidence(quote=quote, start=0, end=len(quote)))
    return Figure(claim=claim, source=source, as_of=as_of_key(day, None),
                  document_id=f"doc-{source}-{day}", published=dt.date.fromisoformat(day),
                  publisher="Test Wire")


def test_latest_figure_per_source_wins_and_sources_stay_apart() -> None:
    rows = build_tally([figure("hrana", 200, "2022-10-01"), figure("hrana", 300, "2022-10-20"),
                        figure("ihr", 280, "2022-10-18"), figure("state-media", 40, "2022-10-02")])
    assert len(rows) == 1
    assert [(f.source, f.claim.low) for f in rows[0].figures] == [
        ("hrana", 300), ("ihr", 280), ("state-media", 40)]
    assert (rows[0].low, rows[0].high) == (40, 300)


def test_until_ignores_figures_valid_later() -> None:
    rows = build_tally([figure("hrana", 200, "2022-10-01"), figure("hrana", 300, "2022-10-20")],
                       until=dt.date(2022, 10, 10))
    assert rows[0].figures[0].claim.low == 200


def test_place_filter_keeps_national_figures_only_by_default() -> None:
    rows = build_tally([figure("hrana", 200, "2022-10-01"),
                        figure("haalvsh", 90, "2022-10-01", place="IR-11")])
    assert [f.source for f in rows[0].figures] == ["hrana"]
    assert len(build_tally([figure("haalvsh", 90, "2022-10-01", place="IR-11")],
                           place="IR-11")) == 1


def test_a_period_is_valid_as_of_its_last_day() -> None:
    assert as_of_key("2022-11-14/2022-11-16", None) == dt.date(2022, 11, 16)
    assert as_of_key(None, dt.date(2022, 11, 1)) == dt.date(2022, 11, 1)


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "shown"),
    [
        (Qualifier.EXACT, 326, 326, "326"),
        (Qualifier.AT_LEAST, 15820, None, "at least 15,820"),
        (Qualifier.MORE_THAN, 40, None, "more than 40"),
        (Qualifier.AT_MOST, None, 50, "up to 50"),
        (Qualifier.LESS_THAN, None, 100, "fewer than 100"),
        (Qualifier.ABOUT, 200, 200, "about 200"),
        (Qualifier.RANGE, 15000, 16000, "15,000–16,000"),
        (Qualifier.VAGUE, 200, None, "200+ (vague)"),
    ],
)
def test_bounds_are_shown_as_written(qualifier: Qualifier, low: int | None, high: int | None,
                                     shown: str) -> None:
    assert describe_bounds(qualifier, low, high) == shown


def test_week_one_begins_on_the_sixteenth_of_september() -> None:
    assert week_bounds(1) == (dt.date(2022, 9, 16), dt.date(2022, 9, 22))
    assert week_bounds(9) == (dt.date(2022, 11, 11), dt.date(2022, 11, 17))
    with pytest.raises(ValueError, match="week must be 1 or more"):
        week_bounds(0)


def test_weekly_report_footnotes_every_figure_and_place() -> None:
    quote = "Security forces fired tear gas in Sanandaj"
    incident = Incident(type=IncidentType.CRACKDOWN, place="IR-12", city="Sanandaj",
                        date="2022-11-12", evidence=Evidence(quote=quote, start=5,
                                                             end=5 + len(quote)))
    seen = IncidentSeen(incident=incident, document_id="doc-x", published=dt.date(2022, 11, 13),
                        publisher="Test Wire")
    start, end = week_bounds(9)
    report = build_weekly_report([figure("hrana", 300, "2022-11-15"),
                                  figure("ihr", 320, "2022-11-16")], [seen],
                                 start=start, end=end, week=9)
    assert report.city_count == 1 and report.province_count == 1
    text = render_markdown(report, lambda code: {"IR-12": "Kurdistan"}.get(code, code))
    assert "# Week 9 of the uprising" in text
    assert "| hrana | at least 300[^" in text
    assert "**Kurdistan** (IR-12): Sanandaj — crackdown[^3]" in text
    assert "“Security forces fired tear gas in Sanandaj”" in text
    assert len(report.footnotes) == 3


@pytest.mark.parametrize(
    ("figures", "conflict"),
    [
        ([("hrana", 300, None, Qualifier.AT_LEAST), ("ihr", 320, 320, Qualifier.EXACT)], False),
        ([("hrana", 300, 300, Qualifier.EXACT), ("ihr", 320, 320, Qualifier.EXACT)], True),
        ([("state-media", None, 200, Qualifier.LESS_THAN), ("ihr", 448, None,
                                                            Qualifier.AT_LEAST)], True),
        ([("un", 200, 200, Qualifier.ABOUT), ("afp", 210, 210, Qualifier.EXACT)], False),
        ([("hrana", 15000, 16000, Qualifier.RANGE), ("ihr", 15500, 15500, Qualifier.EXACT)],
         False),
    ],
)
def test_conflict_flag_when_no_value_fits_every_source(
    figures: list[tuple[str, int | None, int | None, Qualifier]], conflict: bool
) -> None:
    made = []
    for source, low, high, qualifier in figures:
        fig = figure(source, low or 0, "2022-11-20", high=high, qualifier=qualifier)
        claim = dataclasses.replace(fig.claim, low=low, high=high)
        made.append(dataclasses.replace(fig, claim=claim))
    rows = build_tally(made)
    assert rows[0].conflict is conflict
