"""Figures over time (pure series) and the charts and map drawn from them (issue 6)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from uprising.analysis.series import (
    IncidentFact,
    figure_series,
    incidents_per_day,
    places_ranked,
)
from uprising.analysis.tally import Figure
from uprising.records import Claim, Evidence
from uprising.reports.charts import cumulative_chart, daily_chart, ranked_chart, scope_svg_ids
from uprising.reports.maps import (
    ATTRIBUTION,
    CityPoint,
    city_location,
    province_centroid,
    province_map,
    province_shapes,
)
from uprising.vocab import IncidentType, Measure, Qualifier, Subject

D = dt.date


def fig(source: str, low: int | None, day: str, *, high: int | None = None,
        qualifier: Qualifier = Qualifier.AT_LEAST, measure: Measure = Measure.KILLED,
        published: str | None = None, place: str = "IR") -> Figure:
    quote = f"{low} killed"
    claim = Claim(measure=measure, subject=Subject.PEOPLE, low=low, high=high,
                  qualifier=qualifier, place=place, city=None, date=day, source=source,
                  evidence=Evidence(quote=quote, start=0, end=len(quote)))
    return Figure(claim=claim, source=source, as_of=D.fromisoformat(day), document_id=f"d-{day}",
                  published=D.fromisoformat(published or day), publisher="Wire")


def test_series_keeps_one_line_per_source_oldest_first() -> None:
    lines = figure_series([fig("hrana", 300, "2022-11-10"), fig("ihr", 320, "2022-11-12"),
                           fig("hrana", 250, "2022-11-01"), fig("hrana", 326, "2022-11-20")],
                          measure=Measure.KILLED)
    assert [s.source for s in lines] == ["hrana", "ihr"]
    assert [p.low for p in lines[0].points] == [250, 300, 326]


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # the same day twice: the later publication wins
        ([fig("hrana", 300, "2022-11-10", published="2022-11-10"),
          fig("hrana", 290, "2022-11-10", published="2022-11-11")], [290]),
        # other measures, places and later days are left out
        ([fig("hrana", 300, "2022-11-10"), fig("hrana", 9, "2022-11-10", place="IR-12"),
          fig("hrana", 5, "2022-11-09", measure=Measure.ARRESTED),
          fig("hrana", 400, "2022-12-30")], [300]),
        # a figure with no bound at all cannot be drawn
        ([fig("hrana", None, "2022-11-10")], []),
    ],
    ids=["same-day", "filters", "unbounded"],
)
def test_series_selection(figures: list[Figure], expected: list[int]) -> None:
    lines = figure_series(figures, measure=Measure.KILLED, until=D(2022, 12, 1))
    assert [p.low for s in lines for p in s.points] == expected


def test_incidents_per_day_lists_every_day_of_the_period() -> None:
    facts = [IncidentFact(day=D(2022, 11, 12), type=IncidentType.PROTEST, place="IR-12"),
             IncidentFact(day=D(2022, 11, 12), type=IncidentType.PROTEST, place="IR-23"),
             IncidentFact(day=D(2022, 11, 14), type=IncidentType.ARREST, place="IR-23"),
             IncidentFact(day=D(2022, 12, 1), type=IncidentType.ARREST, place="IR-23")]
    days = incidents_per_day(facts, start=D(2022, 11, 11), end=D(2022, 11, 17))
    assert len(days) == 7
    assert [d.total for d in days] == [0, 2, 0, 1, 0, 0, 0]
    assert days[1].counts == {IncidentType.PROTEST: 2}
    with pytest.raises(ValueError, match="before it starts"):
        incidents_per_day(facts, start=D(2022, 11, 17), end=D(2022, 11, 11))


def test_places_ranked_most_first_then_by_code() -> None:
    facts = [IncidentFact(day=D(2022, 11, 12), type=IncidentType.PROTEST, place=p, city=c)
             for p, c in [("IR-23", "Tehran"), ("IR-12", "Saqqez"), ("IR-12", "Sanandaj"),
                          ("IR-11", None), ("IQ", "Erbil")]]
    ranked = places_ranked(facts)
    assert [(p.place, p.incidents) for p in ranked] == [("IR-12", 2), ("IR-11", 1), ("IR-23", 1)]
    assert ranked[0].cities == ("Sanandaj", "Saqqez")


def _colours(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r"#([0-9a-fA-F]{6})\b", svg)}


def _is_grey(hex6: str) -> bool:
    r, g, b = (int(hex6[i:i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) <= 8


def _charts() -> list[tuple[str, str]]:
    lines = figure_series([fig("hrana", 300, "2022-11-10"), fig("hrana", 326, "2022-11-20"),
                           fig("ihr", 15000, "2022-11-12", high=16000,
                               qualifier=Qualifier.RANGE)], measure=Measure.KILLED)
    facts = [IncidentFact(day=D(2022, 11, 12), type=t, place="IR-12", city="Sanandaj")
             for t in (IncidentType.PROTEST, IncidentType.CRACKDOWN, IncidentType.STRIKE)]
    daily = incidents_per_day(facts, start=D(2022, 11, 11), end=D(2022, 11, 17))
    charts = [
        cumulative_chart(lines, measure=Measure.KILLED, as_of=D(2022, 11, 20)),
        daily_chart(daily, documents=2),
        ranked_chart(places_ranked(facts), place_name=lambda c: c, start=D(2022, 11, 11),
                     end=D(2022, 11, 17)),
        province_map({"IR-12": 3}, title="Incidents", caption="Counted as of 17 Nov 2022.",
                     cities=[CityPoint(name="Sanandaj", lat=35.3, lon=47.0, count=3)]),
    ]
    return [(c.name, c.svg) for c in charts] + [("caption", charts[0].caption)]


def test_charts_are_grey_only_so_they_print_in_grey() -> None:
    for name, svg in _charts()[:-1]:
        coloured = {c for c in _colours(svg) if not _is_grey(c)}
        assert not coloured, f"{name} uses colours {coloured}"


def test_charts_carry_axis_labels_titles_sources_and_dates() -> None:
    charts = dict(_charts())
    killed = charts["cumulative-killed"]
    for words in ("as-of date of the figure", "people killed (as reported)", "hrana", "ihr",
                  "as of 20 Nov 2022"):
        assert words in killed, words  # matplotlib keeps each text as a comment beside its glyphs
    assert "hrana at least 326 (as of 20 Nov 2022)" in charts["caption"]
    assert "incident records" in charts["incidents-per-day"]
    assert "crackdown" in charts["incidents-per-day"]


def test_every_map_shows_the_odbl_attribution() -> None:
    charts = dict(_charts())
    assert ATTRIBUTION in charts["province-map"]
    empty = province_map({}, title="No incidents", caption="None.")
    assert ATTRIBUTION in empty.svg and ATTRIBUTION in empty.caption


def test_scoped_svg_ids_are_unique_and_every_reference_resolves() -> None:
    scoped = [scope_svg_ids(svg, name) for name, svg in _charts()[:-1]]
    page = "".join(scoped)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:url\(#|href="#)([^")]+)', page))
    assert refs and refs <= set(ids)
    assert all(not s.startswith("<?xml") for s in scoped)


def test_packaged_provinces_are_the_31_with_iso_codes() -> None:
    shapes = province_shapes()
    assert len(shapes) == 31
    assert {s.iso for s in shapes} == {f"IR-{n:02d}" for n in range(31)}
    lat, lon = province_centroid("IR-12") or (0, 0)
    assert 34 < lat < 37 and 45 < lon < 49
    assert city_location("Sanandaj", "IR-12") == pytest.approx((35.3, 47.0), abs=0.1)
    assert city_location("Atlantis") is None
