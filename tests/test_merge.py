"""One record per person and per event across reports; near-duplicate reports counted once."""

from __future__ import annotations

import datetime as dt

import pytest

from uprising.analysis import as_of_key, build_tally
from uprising.analysis.duplicates import ReportText, find_near_duplicates
from uprising.analysis.merge import IncidentSeen, PersonSeen, merge_events, merge_persons
from uprising.analysis.names import name_key
from uprising.analysis.tally import Figure, source_label
from uprising.extract.pipeline import default_pipeline
from uprising.records import Document


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hossein Karimi", "Hussein Karimi", True),
        ("Mohammad Rezaei", "Muhammad Rezaee", True),
        ("Amir Hossein Tavakoli", "Amirhossein Tavakoli", True),
        ("Nasrin Ja'fari", "Nasreen Jafari", True),
        ("Sarah Moradi", "Sara Moradi", True),
        ("Shirin Khosravi", "Shireen Khosrawi", True),
        ("Kian Pirouz", "Kiyan Pirooz", True),
        ("Parisa Dehghan", "Parvin Dehghan", False),
        ("Reza Karimi", "Reza Kazemi", False),
        ("Mina Soltani", "Mona Soltani", True),  # vowels alone cannot tell them apart
    ],
)
def test_name_keys_join_transliterations_and_keep_names_apart(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


STORY = (
    "Teenager shot dead in Mahabad\n\n"
    "Security forces shot dead Dara Rostami, {age}, during a protest in Mahabad on Tuesday, "
    "the Kurdistan Human Rights Network said. Riot police fired tear gas at mourners in Mahabad "
    "on Wednesday and arrested at least 14 people, the network said. Shops in the city's bazaar "
    "stayed shut on Wednesday in protest at the killing{edit}."
)

OUTLETS = [
    ("Wire One", 16, ""),
    ("Daily Two", 16, ", residents said"),
    ("Evening Three", 17, " and the day after"),
]


def _three_outlets() -> list[tuple[Document, str]]:
    docs = []
    for i, (outlet, age, edit) in enumerate(OUTLETS):
        text = STORY.format(age=age, edit=edit)
        docs.append((Document(id=f"doc-{i}", text=text, published=dt.date(2022, 11, 17),
                              publisher=outlet), outlet))
    return docs


def test_the_same_story_from_three_outlets_is_one_person_one_event_and_one_count() -> None:
    pipeline = default_pipeline()
    persons, incidents, figures, reports = [], [], [], []
    for doc, outlet in _three_outlets():
        extraction = pipeline.extract(doc)
        persons += [PersonSeen(person=p, document_id=doc.id, publisher=outlet)
                    for p in extraction.persons]
        incidents += [IncidentSeen(incident=i, document_id=doc.id, publisher=outlet)
                      for i in extraction.incidents]
        figures += [Figure(claim=c, source=source_label(c.source, outlet),
                           as_of=as_of_key(c.date, doc.published), document_id=doc.id,
                           published=doc.published, publisher=outlet)
                    for c in extraction.claims]
        reports.append(ReportText(id=doc.id, text=doc.text, published=doc.published))

    merged = merge_persons(persons)
    assert len(merged) == 1
    person = merged[0]
    assert person.name == "Dara Rostami"
    assert person.ages == ((16, "doc-0"), (16, "doc-1"), (17, "doc-2"))
    assert "age" not in person.conflicts  # 16 and 17 differ by a birthday at most
    assert len(person.mentions) == 3

    events = merge_events(incidents)
    keys = [(e.type.value, e.city, e.date) for e in events]
    assert len(keys) == len(set(keys))
    strikes = [e for e in events if e.type.value == "strike"]
    assert len(strikes) == 1 and strikes[0].documents == ("doc-0", "doc-1", "doc-2")

    groups = find_near_duplicates(reports)
    assert len(groups) == 1 and groups[0].canonical == "doc-0"
    duplicates = frozenset(groups[0].members) - {groups[0].canonical}
    rows = build_tally(figures, place="IR-04", skip_documents=duplicates)
    arrested = [r for r in rows if r.measure.value == "arrested"]
    assert [(f.source, f.claim.low) for f in arrested[0].figures] == [("khrn", 14)]


def test_conflicting_ages_beyond_a_birthday_are_flagged_and_both_kept() -> None:
    from uprising.records import Evidence, Person

    def seen(age: int, doc: str) -> PersonSeen:
        person = Person(name="Rebin Aziz", age=age, gender=None, fates=(), place="IR-04",
                        city=None, date=None, evidence=Evidence(quote="Rebin Aziz", start=0,
                                                                end=10))
        return PersonSeen(person=person, document_id=doc)

    merged = merge_persons([seen(15, "a"), seen(19, "b")])
    assert len(merged) == 1
    assert merged[0].ages == ((15, "a"), (19, "b"))
    assert merged[0].conflicts == ("age",)


def test_different_stories_are_not_duplicates() -> None:
    reports = [ReportText(id="a", text="Police arrested twelve students at the university "
                          "in Tabriz on Monday after a sit-in against the dress code."),
               ReportText(id="b", text="Shops in the bazaar of Sanandaj stayed shut for a "
                          "third day as a general strike spread to nearby towns.")]
    assert find_near_duplicates(reports) == []
