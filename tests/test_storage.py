"""Storage: migrations, idempotent ingest, replaced extractions, bad writes that change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from uprising.errors import StorageError
from uprising.ingest import document_id
from uprising.records import Claim, Document, Evidence, Extraction, Incident, Person
from uprising.storage import Database, ProcessingError, record_id
from uprising.storage.engine import current_revision, head_revision
from uprising.storage.tables import ALL_TABLES, metadata
from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

TEXT_A = "Witnesses said at least 12 people were detained near the old bridge on Friday."
TEXT_B = "A cousin said Example Person, 24, was taken from her home and later released."
VERSION = "0.1.0"


def _doc(text: str, **extra: object) -> Document:
    return Document(id=document_id(text), text=text, origin="test", **extra)  # type: ignore[arg-type]


def _span(text: str, part: str) -> Evidence:
    start = text.index(part)
    return Evidence.of(text, start, start + len(part))


def _claim(text: str, part: str = "at least 12 people were detained") -> Claim:
    return Claim(
        measure=Measure.ARRESTED,
        subject=Subject.PEOPLE,
        low=12,
        high=None,
        qualifier=Qualifier.AT_LEAST,
        place="IR",
        city=None,
        date="2022-10-14",
        source=None,
        evidence=_span(text, part),
        rules=("claims", "qualifiers:at_least"),
    )


def _person(text: str) -> Person:
    return Person(
        name="Example Person",
        age=24,
        gender=Gender.FEMALE,
        fates=(Fate.ARRESTED, Fate.RELEASED),
        place=None,
        city=None,
        date=None,
        evidence=_span(text, "Example Person"),
        ages=(24, 25),
    )


def _incident(text: str) -> Incident:
    return Incident(
        type=IncidentType.ARREST,
        place="IR",
        city=None,
        date="2022-10-14",
        evidence=_span(text, "12 people were detained near the old bridge"),
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open("sqlite:///" + str(tmp_path / "t.db"))
    yield database
    database.close()


@pytest.fixture
def stored(db: Database) -> Database:
    db.add_documents(
        [
            _doc(TEXT_A, published=dt.date(2022, 10, 15), publisher="Bridge Weekly", url="u:a"),
            _doc(TEXT_B),
        ]
    )
    return db


# -- schema -----------------------------------------------------------------------------------


def _not_full_text(name: object) -> bool:
    """SQLite's FTS5 keeps shadow tables of its own (documents_fts_data ...): not ours."""
    return not str(name).startswith("documents_fts")


def test_migrations_create_every_table(db: Database) -> None:
    names = {n for n in inspect(db.engine).get_table_names() if _not_full_text(n)}
    assert names == {table.name for table in metadata.sorted_tables} | {"alembic_version"}
    assert {table.name for table in ALL_TABLES} <= names
    assert current_revision(db.engine) == head_revision()


def test_migrations_match_the_tables_module(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parent: type_ != "table" or _not_full_text(name),
        })
        assert compare_metadata(context, metadata) == []


def test_required_indexes_exist(db: Database) -> None:
    inspector = inspect(db.engine)
    claims = {tuple(i["column_names"]) for i in inspector.get_indexes("claims")}
    incidents = {tuple(i["column_names"]) for i in inspector.get_indexes("incidents")}
    assert {("measure", "subject"), ("document_id",)} <= claims
    assert ("place", "date") in incidents


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_schema_changes_roll_back_with_their_transaction(db: Database) -> None:
    # sqlite3 would otherwise commit DDL on its own, leaving half a migration behind.
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE half_done (a INTEGER)")
        raise RuntimeError("a migration step failed")
    assert "half_done" not in inspect(db.engine).get_table_names()


def test_opening_twice_keeps_the_data(tmp_path: Path) -> None:
    url = "sqlite:///" + str(tmp_path / "again.db")
    with Database.open(url) as first:
        first.add_documents([_doc(TEXT_A)])
    with Database.open(url) as second:
        assert second.counts()["documents"] == 1


def test_url_defaults_to_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPRISING_DATABASE_URL", "sqlite:///" + str(tmp_path / "env.db"))
    with Database.open() as database:
        assert database.counts()["documents"] == 0
    assert (tmp_path / "env.db").exists()


def test_url_defaults_to_a_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UPRISING_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    Database.open().close()
    assert (tmp_path / "uprising.db").exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url at all", "the database URL cannot be parsed"),
        ("nosuchdb://user:hunter2@host/db", "cannot use database nosuchdb://user:***@host/db"),
        ("sqlite:////nonexistent-folder/x/t.db", "cannot open or migrate database"),
    ],
)
def test_unusable_url_raises_storage_error_without_password(url: str, expected: str) -> None:
    with pytest.raises(StorageError) as raised:
        Database.open(url)
    assert str(raised.value).startswith(expected)
    assert "hunter2" not in str(raised.value)


# -- documents ----------------------------------------------------------------------------------


def test_adding_twice_reports_duplicates(db: Database) -> None:
    docs = [_doc(TEXT_A), _doc(TEXT_B)]
    first = db.add_documents(docs)
    second = db.add_documents(docs)
    assert first.added == (docs[0].id, docs[1].id)
    assert first.duplicates == ()
    assert second.added == ()
    assert second.duplicates == (docs[0].id, docs[1].id)
    assert db.counts()["documents"] == 2


def test_repeat_within_one_batch_is_stored_once(db: Database) -> None:
    result = db.add_documents([_doc(TEXT_A), _doc(TEXT_A + "\n")])
    assert len(result.added) == 1
    assert result.duplicates == result.added
    assert db.counts()["documents"] == 1


def test_failed_batch_leaves_counts_unchanged(db: Database) -> None:
    db.add_documents([_doc(TEXT_A)])
    before = db.counts()
    broken = Document(id="sha256:broken", text=None)  # type: ignore[arg-type]
    with pytest.raises(StorageError) as raised:
        db.add_documents([_doc(TEXT_B), broken])
    assert str(raised.value) == "cannot add documents: database error (IntegrityError)"
    assert db.counts() == before


def test_document_round_trips(db: Database) -> None:
    doc = _doc(TEXT_A, published=dt.date(2022, 10, 15), publisher="P", url="u", language="en")
    db.add_documents([doc])
    assert db.document(doc.id) == doc
    assert db.document("sha256:unknown") is None


def test_wrong_record_type_is_a_type_error(db: Database) -> None:
    with pytest.raises(TypeError):
        db.add_documents([TEXT_A])  # type: ignore[list-item]


# -- documents to process -------------------------------------------------------------------------


def test_documents_to_process_skips_those_this_version_ran_on(stored: Database) -> None:
    a_id = document_id(TEXT_A)
    stored.save_extractions([Extraction(document_id=a_id)], VERSION)
    pending = [d.id for batch in stored.documents_to_process(VERSION) for d in batch]
    assert pending == [document_id(TEXT_B)]
    newer = [d.id for batch in stored.documents_to_process("0.2.0") for d in batch]
    assert sorted(newer) == sorted([a_id, document_id(TEXT_B)])
    everything = [d.id for b in stored.documents_to_process(VERSION, everything=True) for d in b]
    assert sorted(everything) == sorted(newer)


def test_documents_to_process_comes_in_batches(db: Database) -> None:
    db.add_documents([_doc(f"Report number {n}.") for n in range(5)])
    sizes = [len(batch) for batch in db.documents_to_process(VERSION, batch_size=2)]
    assert sizes == [2, 2, 1]


def test_saving_between_batches_skips_nothing(db: Database) -> None:
    db.add_documents([_doc(f"Report number {n}.") for n in range(5)])
    seen: list[str] = []
    for batch in db.documents_to_process(VERSION, batch_size=2):
        seen += [d.id for d in batch]
        db.save_extractions([Extraction(document_id=d.id) for d in batch], VERSION)
    assert len(seen) == len(set(seen)) == 5
    assert list(db.documents_to_process(VERSION)) == []


def test_batch_size_below_one_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        next(db.documents_to_process(VERSION, batch_size=0))


# -- extractions ------------------------------------------------------------------------------


def test_saved_records_come_back_with_provenance(stored: Database) -> None:
    a, b = document_id(TEXT_A), document_id(TEXT_B)
    stored.save_extractions(
        [
            Extraction(document_id=a, claims=(_claim(TEXT_A),), incidents=(_incident(TEXT_A),)),
            Extraction(document_id=b, persons=(_person(TEXT_B),)),
        ],
        VERSION,
    )
    [claim] = stored.claim_rows()
    assert claim.claim == _claim(TEXT_A)
    assert (claim.document_id, claim.published) == (a, dt.date(2022, 10, 15))
    assert (claim.publisher, claim.url, claim.extractor_version) == (
        "Bridge Weekly",
        "u:a",
        VERSION,
    )
    [person] = stored.person_rows()
    assert person.person == _person(TEXT_B)
    assert (person.document_id, person.published, person.publisher) == (b, None, None)
    [incident] = stored.incident_rows()
    assert incident.incident == _incident(TEXT_A)
    assert stored.counts()["extraction_runs"] == 2


def test_saving_again_replaces_the_previous_records(stored: Database) -> None:
    a = document_id(TEXT_A)
    first = (_claim(TEXT_A), _claim(TEXT_A, "12 people"))
    stored.save_extractions([Extraction(document_id=a, claims=first)], VERSION)
    assert stored.counts()["claims"] == 2
    stored.save_extractions([Extraction(document_id=a, claims=first[:1])], "0.2.0")
    counts = stored.counts()
    assert (counts["claims"], counts["extraction_runs"]) == (1, 2)
    assert [row.extractor_version for row in stored.claim_rows()] == ["0.2.0"]


def test_evidence_mismatch_raises_and_changes_nothing(stored: Database) -> None:
    a, b = document_id(TEXT_A), document_id(TEXT_B)
    stored.save_extractions([Extraction(document_id=a, claims=(_claim(TEXT_A),))], VERSION)
    before = stored.counts()
    shifted = Evidence(quote="Example Person", start=0, end=14)
    bad_person = Person(
        name="Example Person",
        age=None,
        gender=None,
        fates=(Fate.KILLED,),
        place=None,
        city=None,
        date=None,
        evidence=shifted,
    )
    with pytest.raises(StorageError) as raised:
        stored.save_extractions(
            [Extraction(document_id=a), Extraction(document_id=b, persons=(bad_person,))], VERSION
        )
    assert str(raised.value) == (
        f"person evidence at 0..14 does not match the text of document {b}; nothing was saved"
    )
    assert "Example Person" not in str(raised.value)
    assert stored.counts() == before
    assert len(stored.claim_rows()) == 1


def test_extraction_for_an_unknown_document_is_refused(stored: Database) -> None:
    before = stored.counts()
    with pytest.raises(StorageError, match="unknown document"):
        stored.save_extractions([Extraction(document_id="sha256:nothing")], VERSION)
    assert stored.counts() == before


def test_record_ids_hash_document_span_and_what(stored: Database) -> None:
    a = document_id(TEXT_A)
    claim = _claim(TEXT_A)
    repeated = (claim, claim)  # the same span saying the same thing is stored once
    stored.save_extractions([Extraction(document_id=a, claims=repeated)], VERSION)
    assert stored.counts()["claims"] == 1
    expected = record_id(a, claim.evidence, "arrested")
    assert expected == record_id(a, claim.evidence, "arrested")
    assert expected != record_id(a, claim.evidence, "killed")
    assert len(expected) == 64


def test_processing_errors_are_recorded(stored: Database) -> None:
    stored.record_errors(
        [
            ProcessingError(document_id=document_id(TEXT_A), component="dates", message="boom"),
            ProcessingError(document_id="sha256:elsewhere", component="geo", message="bad"),
        ]
    )
    stored.record_errors([])
    assert stored.counts()["processing_errors"] == 2


def test_counts_cover_every_table(db: Database) -> None:
    assert db.counts() == {table.name: 0 for table in ALL_TABLES}
