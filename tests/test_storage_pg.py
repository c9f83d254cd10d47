"""The same migrations and queries on PostgreSQL as on SQLite (needs $TEST_POSTGRES_URL).

The storage behaviour tests run here over both backends through `any_database_url`; on a machine
without PostgreSQL only the SQLite half runs, and `.ci/run` starts a server so both run there.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from tests import web_support
from tests.web_support import PG_URL, PG_VARIABLE, load_samples
from uprising.records import Document
from uprising.storage import Database
from uprising.storage.engine import current_revision, head_revision
from uprising.storage.search import ClaimQuery, DocumentQuery

# Fixtures shared with the other web tests.
any_database_url = web_support.any_database_url


def _doc(n: int, text: str, title: str = "t") -> Document:
    return Document(id=f"sha256:{n:064x}", text=text, title=title,
                    published=dt.date(2022, 10, n % 28 + 1), publisher="Wire", language="en")


def test_migrations_reach_head_with_search_and_review_tables(any_database_url: str) -> None:
    with Database.open(any_database_url) as db:
        assert current_revision(db.engine) == head_revision()
        names = set(inspect(db.engine).get_table_names())
        assert {"documents", "claims", "reviews"} <= names
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("claims")}
        assert "ix_claims_place_measure_subject" in indexes


def test_opening_twice_migrates_once(any_database_url: str) -> None:
    Database.open(any_database_url).close()
    with Database.open(any_database_url) as db:
        assert current_revision(db.engine) == head_revision()


def test_search_follows_inserts_updates_and_finds_every_word(any_database_url: str) -> None:
    with Database.open(any_database_url) as db:
        db.add_documents([_doc(1, "Protesters were arrested in Sanandaj."),
                          _doc(2, "Students marched in Tehran.", title="Sanandaj report"),
                          _doc(3, "Nothing relevant here.")])
        browse = db.browse()
        found = browse.documents(DocumentQuery(q="sanandaj"))
        assert found.total == 2
        both = browse.documents(DocumentQuery(q="arrested Sanandaj"))
        assert [r["id"] for r in both.rows] == [_doc(1, "").id]
        assert browse.documents(DocumentQuery(q="'; DROP TABLE documents; --")).total == 0
        assert browse.documents(DocumentQuery(q="sanandaj", since=dt.date(2022, 10, 3))).total == 1


def test_same_results_on_both_backends(any_database_url: str) -> None:
    load_samples(any_database_url)
    with Database.open(any_database_url) as db:
        browse = db.browse()
        counts = db.counts()
        assert counts["documents"] > 20 and counts["claims"] > 50
        killed = browse.claims(ClaimQuery(measure="killed", place="IR", sort="-low", limit=500))
        lows = [r["low"] for r in killed.rows if r["low"] is not None]
        assert lows == sorted(lows, reverse=True)
        latest = browse.latest_figures("IR")
        assert len({(r["measure"], r["subject"], r["source_label"]) for r in latest}) == len(latest)
        assert browse.documents(DocumentQuery(q="killed")).total > 0


@pytest.mark.skipif(not PG_URL, reason=f"{PG_VARIABLE} is not set")
def test_postgres_and_sqlite_agree_on_the_samples(tmp_path: object) -> None:
    from tests.web_support import reset_postgres

    assert PG_URL is not None
    pg = PG_URL
    reset_postgres(pg)
    sqlite = "sqlite:///" + str(tmp_path) + "/agree.db"
    answers = []
    for url in (sqlite, pg):
        load_samples(url)
        with Database.open(url) as db:
            browse = db.browse()
            answers.append((
                db.counts(),
                [r["id"] for r in browse.documents(DocumentQuery(q="arrested", limit=500)).rows],
                [r["id"] for r in browse.claims(ClaimQuery(sort="-low", limit=500)).rows],
                sorted((r["measure"], r["subject"] or "", r["source_label"], r["id"])
                       for r in browse.latest_figures("IR")),
            ))
    assert answers[0][0] == answers[1][0]
    assert sorted(answers[0][1]) == sorted(answers[1][1])
    assert answers[0][2] == answers[1][2]
    assert answers[0][3] == answers[1][3]
