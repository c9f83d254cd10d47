"""`uprising review`, `persons`, `incidents`: decisions as versions; merged records are stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprising.cli.main import cli
from uprising.storage import Database

REPORT = (
    "---\npublished: 2022-11-17\npublisher: Test Wire\n---\n"
    "Security forces shot dead Dara Rostami, 16, in Mahabad on Tuesday, the Kurdistan Human "
    "Rights Network said. Riot police arrested at least 14 people in Mahabad on Wednesday, "
    "the network said. HRANA said 320 people have been killed since September.\n"
)


@pytest.fixture
def stored(tmp_path: Path, runner: CliRunner, database_url: str) -> str:
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(report), "--database", database_url]).exit_code == 0
    assert runner.invoke(cli, ["process", "--database", database_url]).exit_code == 0
    return database_url


def _queue(runner: CliRunner, url: str) -> dict[str, str]:
    result = runner.invoke(cli, ["review", "queue", "--kind", "claim", "--database", url])
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.stdout.splitlines()}


def test_queue_lists_undecided_records_and_a_decision_takes_one_off(
    runner: CliRunner, stored: str
) -> None:
    queue = _queue(runner, stored)
    assert len(queue) == 2  # "at least 14 people" arrested, "320 people" killed
    first = next(iter(queue))
    result = runner.invoke(cli, ["review", "confirm", "claim", first, "--by", "editor-1",
                                 "--database", stored])
    assert result.exit_code == 0
    assert first not in _queue(runner, stored)


def test_a_correction_is_a_new_version_that_keeps_the_old_one_and_who_made_it(
    runner: CliRunner, stored: str
) -> None:
    record = next(k for k, line in _queue(runner, stored).items() if "killed" in line
                  and "320" in line)
    for low in ("321", "322"):
        result = runner.invoke(cli, ["review", "correct", "claim", record, "--set", f"low={low}",
                                     "--by", "editor-2", "--database", stored])
        assert result.exit_code == 0, result.output
    history = json.loads(runner.invoke(cli, ["review", "history", "claim", record,
                                             "--database", stored]).stdout)
    assert [h["reviewer"] for h in history] == ["editor-2", "editor-2"]
    assert json.loads(history[0]["previous"])["low"] == 320
    assert json.loads(history[1]["previous"])["low"] == 321
    with Database.open(stored) as db:
        decisions = db.browse().decisions("claim")
    assert decisions[record] == ("correct", {"low": 322})


@pytest.mark.parametrize(
    ("assignment", "message"),
    [("low", "is not FIELD=VALUE"), ("colour=red", "'colour' cannot be corrected"),
     ("low=many", "'many' is not a valid low"), ("qualifier=lots", "not a valid qualifier")],
)
def test_a_bad_correction_exits_2_and_records_nothing(
    runner: CliRunner, stored: str, assignment: str, message: str
) -> None:
    record = next(iter(_queue(runner, stored)))
    result = runner.invoke(cli, ["review", "correct", "claim", record, "--set", assignment,
                                 "--by", "editor", "--database", stored])
    assert result.exit_code == 2
    assert message in result.output
    with Database.open(stored) as db:
        assert db.browse().decisions("claim") == {}


def test_merged_persons_and_events_do_not_change_when_documents_are_processed_again(
    runner: CliRunner, stored: str
) -> None:
    def listing() -> tuple[str, str]:
        persons = runner.invoke(cli, ["persons", "--format", "json", "--database", stored])
        events = runner.invoke(cli, ["incidents", "--format", "json", "--database", stored])
        return persons.stdout, events.stdout

    before = listing()
    assert runner.invoke(cli, ["process", "--all", "--database", stored]).exit_code == 0
    assert listing() == before
    persons = json.loads(before[0])
    assert [p["name"] for p in persons] == ["Dara Rostami"]
    assert persons[0]["ages"] == [{"age": 16, "document": persons[0]["reports"][0]["document"]}]


def _tally(runner: CliRunner, url: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, ["tally", "--format", "json", "--database", url])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_tallies_take_corrections_and_leave_rejected_figures_out(
    runner: CliRunner, stored: str
) -> None:
    record = next(k for k, line in _queue(runner, stored).items() if "320" in line)
    assert [r["low"] for r in _tally(runner, stored)] == [320]
    runner.invoke(cli, ["review", "correct", "claim", record, "--set", "low=325", "--by", "ed",
                        "--database", stored])
    assert [r["low"] for r in _tally(runner, stored)] == [325]
    runner.invoke(cli, ["review", "reject", "claim", record, "--by", "ed", "--database", stored])
    assert _tally(runner, stored) == []


STORY = (
    "---\npublished: 2022-11-1{day}\npublisher: {outlet}\n---\n"
    "Shops in the bazaar of Bukan stayed shut on Monday for a third day, and HRANA said "
    "{killed} people have been killed since September in the protests across the country, "
    "while state media gave no figure. Riot police patrolled the city centre{edit}.\n"
)


def test_a_story_syndicated_by_three_outlets_is_counted_once(
    tmp_path: Path, runner: CliRunner, database_url: str
) -> None:
    for day, outlet, edit in ((5, "Wire One", ""), (6, "Daily Two", " overnight"),
                              (7, "Evening Three", " on Tuesday")):
        path = tmp_path / f"{outlet}.md"
        path.write_text(STORY.format(day=day, outlet=outlet, killed=341, edit=edit),
                        encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(tmp_path), "--database", database_url]
                         ).exit_code == 0
    assert runner.invoke(cli, ["process", "--database", database_url]).exit_code == 0
    rows = _tally(runner, database_url)
    assert [(r["source"], r["low"]) for r in rows] == [("hrana", 341)]
    with Database.open(database_url) as db:
        from uprising.storage.duplicates import duplicate_documents

        assert len(duplicate_documents(db)) == 2


def test_every_decision_from_the_terminal_is_in_the_audit_chain(
    runner: CliRunner, stored: str
) -> None:
    from sqlalchemy import select

    from uprising.storage import tables as t

    record = next(iter(_queue(runner, stored)))
    runner.invoke(cli, ["review", "reject", "claim", record, "--by", "ed", "--database", stored])
    with Database.open(stored) as db, db.engine.connect() as conn:
        actions = list(conn.scalars(select(t.audit_log.c.action).order_by(t.audit_log.c.id)))
    assert actions == ["ingest", "extraction-run", "review.reject"]
    assert runner.invoke(cli, ["audit", "verify", "--database", stored]).exit_code == 0
