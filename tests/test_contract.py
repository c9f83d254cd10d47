"""The extraction contract: vocabularies equal the schema's, and real output validates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import SHARED
from uprising import records, vocab
from uprising.extract.pipeline import default_pipeline
from uprising.records import Document

SCHEMA: dict[str, Any] = json.loads(
    (SHARED / "spec" / "extraction.schema.json").read_text(encoding="utf-8")
)


def _enum(path: list[str]) -> set[str | None]:
    node: Any = SCHEMA["$defs"]
    for key in path:
        node = node[key]
    return set(node["enum"])


@pytest.mark.parametrize(
    ("enum", "path"),
    [
        (vocab.Measure, ["claim", "properties", "measure"]),
        (vocab.Subject, ["claim", "properties", "subject"]),
        (vocab.Qualifier, ["claim", "properties", "qualifier"]),
        (vocab.Fate, ["person", "properties", "fates", "items"]),
        (vocab.IncidentType, ["incident", "properties", "type"]),
        (vocab.Gender, ["person", "properties", "gender"]),
    ],
)
def test_vocabulary_is_spelled_as_the_schema_spells_it(enum: Any, path: list[str]) -> None:
    assert {m.value for m in enum} == _enum(path) - {None}


def _dev_documents() -> list[Document]:
    docs = []
    for name in ("gold.en.jsonl", "gold.fa.jsonl"):
        for line in (SHARED / "eval" / "dev" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                day = dt.date.fromisoformat(r["published"]) if r.get("published") else None
                docs.append(Document(id=r["id"], text=r["text"], published=day))
    return docs


def test_every_record_of_the_development_set_validates_and_quotes_its_offsets() -> None:
    pipeline = default_pipeline()
    for doc in _dev_documents():
        extraction = pipeline.extract(doc)
        assert not extraction.errors, (doc.id, extraction.errors)
        out = extraction.to_contract()
        jsonschema.validate(out, SCHEMA)
        for kind in ("claims", "persons", "incidents"):
            for item in out[kind]:
                assert doc.text[item["start"] : item["end"]] == item["quote"], (doc.id, item)


def test_records_module_imports_nothing_of_the_project_but_vocab() -> None:
    text = Path(records.__file__ or "").read_text(encoding="utf-8")
    imported = [line for line in text.splitlines()
                if line.startswith(("import uprising", "from uprising"))]
    assert imported == ["from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier,"
                        " Subject"]


def test_public_api_is_pinned() -> None:
    import uprising

    assert sorted(uprising.__all__) == sorted([
        "Claim", "Document", "Evidence", "Extraction", "Fate", "Gender", "Incident",
        "IncidentType", "Measure", "Person", "Qualifier", "Subject", "__version__"])
