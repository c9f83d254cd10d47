"""The report's SQL (issue 6's benchmark): the same report as from every stored record.

`storage.report_queries` returns only the rows a report needs; these tests store records built to
collide (the same source, day and publication; missing dates, publishers and bounds; periods; empty
strings) and check that the tally, the charts' series and the whole rendered report are what the
Python code gives over every stored record, on SQLite and, when $TEST_POSTGRES_URL is set, on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest

from tests import web_support
from uprising.analysis.series import figure_series
from uprising.analysis.tally import build_tally
from uprising.cli.publish import _place_name, as_figures, build_report, figures_from
from uprising.records import Claim, Document, Evidence, Extraction, Incident, Person
from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
from uprising.reports.markdown import render_markdown
from uprising.reports.weekly import CHART_MEASURES, PersonSeen
from uprising.storage import Database
from uprising.storage.report_queries import incidents_between, latest_figures, persons_between
from uprising.vocab import Fate, IncidentType, Measure, Qualifier, Subject

any_database_url = web_support.any_database_url

D = dt.date
START = D(2022, 11, 1)
# Few values of everything, so that ties (same source, as-of day and publication) are common.
DAYS = [START + dt.timedelta(days=n) for n in range(0, 24, 3)]
SOURCES = [None, "", "hrana", "ihr", "un"]
PUBLISHERS = [None, "Wire A", "Wire B"]
PLACES = ["IR", "IR", "IR", "IR-12", None]
MEASURES = [Measure.KILLED, Measure.ARRESTED, Measure.SENTENCED_TO_DEATH, Measure.INJURED]
SUBJECTS = [Subject.PEOPLE, Subject.PEOPLE, Subject.MINORS, None]
BOUNDS = [(Qualifier.AT_LEAST, 10, None), (Qualifier.AT_LEAST, 12, None),
          (Qualifier.EXACT, 10, 10), (Qualifier.AT_MOST, None, 40),
          (Qualifier.RANGE, 10, 20), (Qualifier.VAGUE, None, None), (Qualifier.EXACT, 0, 0)]


def _date(rng: random.Random) -> str | None:
    """No date, an empty one, a day, or a period (whose last day is the as-of day)."""
    kind = rng.randrange(5)
    if kind == 0:
        return None
    if kind == 1:
        return ""
    first = rng.choice(DAYS)
    if kind == 2:
        return f"{first}/{first + dt.timedelta(days=rng.choice([1, 4, 9]))}"
    return first.isoformat()


def _store(url: str, seed: int, documents: int = 40) -> None:
    rng = random.Random(seed)
    with Database.open(url) as db:
        docs, extractions = [], []
        for n in range(documents):
            text = f"Report {seed}-{n}. " + "x" * 400
            published = rng.choice([None, *DAYS])
            doc = Document(id=f"sha256:{seed:02d}{n:062d}", text=text, published=published,
                           publisher=rng.choice(PUBLISHERS))
            spans = iter(range(20, 400, 4))

            def evidence(text: str = text, spans: Iterator[int] = spans) -> Evidence:
                start = next(spans)
                return Evidence.of(text, start, start + 3)

            claims = []
            for _ in range(rng.randrange(1, 12)):
                qualifier, low, high = rng.choice(BOUNDS)
                claims.append(Claim(measure=rng.choice(MEASURES), subject=rng.choice(SUBJECTS),
                                    low=low, high=high, qualifier=qualifier,
                                    place=rng.choice(PLACES), city=None, date=_date(rng),
                                    source=rng.choice(SOURCES), evidence=evidence()))
            incidents = [Incident(type=rng.choice(list(IncidentType)),
                                  place=rng.choice(["IR-12", "IR-23", "IR", None]),
                                  city=rng.choice([None, "Sanandaj", "Tehran"]),
                                  date=_date(rng), evidence=evidence())
                         for _ in range(rng.randrange(3))]
            persons = [Person(name=rng.choice(["Test Person", "Other Person"]), age=None,
                              gender=None, fates=(rng.choice(list(Fate)),), place=None,
                              city=None, date=_date(rng), evidence=evidence())
                       for _ in range(rng.randrange(2))]
            docs.append(doc)
            extractions.append(Extraction(document_id=doc.id, claims=tuple(claims),
                                          incidents=tuple(incidents), persons=tuple(persons)))
        db.add_documents(docs)
        db.save_extractions(extractions, "test")


def _day(date: str | None, published: D | None) -> D | None:
    """The day the report gives a record: its date's first day, else its publication."""
    return D.fromisoformat(date.split("/")[0]) if date else published


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_latest_figures_give_the_tally_and_series_of_every_claim(any_database_url: str,
                                                                   seed: int) -> None:
    _store(any_database_url, seed)
    with Database.open(any_database_url) as db:
        every = figures_from(db)
        for until in [None, *DAYS[2::2]]:
            for place in ["IR", None]:
                few = as_figures(latest_figures(db, until=until, place=place))
                assert len(few) < len(every)
                assert (build_tally(few, place=place, until=until)
                        == build_tally(every, place=place, until=until)), (until, place)
            if until is None:
                continue
            few = as_figures(latest_figures(db, until=until))
            for measure in CHART_MEASURES:
                assert (figure_series(few, measure=measure, until=until)
                        == figure_series(every, measure=measure, until=until)), measure


@pytest.mark.parametrize("seed", [4, 5])
def test_period_rows_are_the_incidents_and_persons_the_report_counts(any_database_url: str,
                                                                      seed: int) -> None:
    _store(any_database_url, seed)
    start, end = DAYS[2], DAYS[4]
    with Database.open(any_database_url) as db:
        every_incident, every_person = db.incident_rows(), db.person_rows()
        incidents = incidents_between(db, start=start, end=end)
        persons = persons_between(db, start=start, end=end)

    assert incidents == [row for row in every_incident
                         if (d := _day(row.incident.date, row.published)) and start <= d <= end]
    assert persons == [row for row in every_person
                       if ((d := _day(row.person.date, None)) and start <= d <= end)
                       or (row.published and start <= row.published <= end)]
    assert incidents and persons


@pytest.mark.parametrize("seed", [6, 7])
def test_report_from_sql_reads_as_the_report_from_every_record(any_database_url: str,
                                                              seed: int) -> None:
    _store(any_database_url, seed, documents=60)
    start, end = DAYS[1], DAYS[3]
    with Database.open(any_database_url) as db:
        fast, documents = build_report(db, start=start, end=end)
        seen = [IncidentSeen(incident=r.incident, document_id=r.document_id,
                             published=r.published, publisher=r.publisher)
                for r in db.incident_rows()]
        people = [PersonSeen(person=r.person, document_id=r.document_id, published=r.published,
                             publisher=r.publisher) for r in db.person_rows()]
        slow = build_weekly_report(figures_from(db), seen, start=start, end=end, persons=people)
    assert fast == slow
    assert render_markdown(fast, _place_name) == render_markdown(slow, _place_name)
    assert fast.tally and fast.places and fast.persons
    in_period = {r.document_id for r in seen
                 if (d := _day(r.incident.date, r.published)) and start <= d <= end}
    assert documents == len(in_period) > 0


def test_week_report_of_an_empty_database_is_empty(any_database_url: str) -> None:
    with Database.open(any_database_url) as db:
        report, documents = build_report(db, start=week_bounds(9)[0], end=week_bounds(9)[1],
                                         week=9)
    assert (report.tally, report.places, report.persons, documents) == ((), (), (), 0)
