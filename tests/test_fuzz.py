"""Hypothesis against the ingest parsers and the extractor: arbitrary input never crashes them
and every record's quote is the text at its offsets (issue 8). Bounded: 200 examples each."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uprising.errors import InputError, UprisingError
from uprising.extract.pipeline import default_pipeline
from uprising.ingest.feeds import parse_feed
from uprising.ingest.files import document_id, parse_input_line, read_file
from uprising.records import Document

BOUNDED = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])
PIPELINE = default_pipeline()
WORDS = st.sampled_from(["at least", "killed", "arrested", "Sanandaj", "Zahedan", "۱۲",
                         "بازداشت", "کشته", "people", "on Monday", "HRANA said", "12", "forty",
                         "Mahsa", "aged 22", "were", "in", ",", ".", "\n", " ", "‌", "\u200f"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(WORDS, st.text(max_size=5)),
                                                  max_size=60).map(" ".join))


@BOUNDED
@given(TEXTS)
def test_extractor_never_crashes_and_quotes_match_offsets(text: str) -> None:
    doc = Document(id=document_id(text or "x"), text=text)
    extraction = PIPELINE.extract(doc)
    for record in (*extraction.claims, *extraction.persons, *extraction.incidents):
        assert record.evidence.holds_in(text), record


@BOUNDED
@given(st.text(max_size=300))
def test_jsonl_line_parser_raises_only_input_errors(line: str) -> None:
    try:
        parse_input_line(line, raw_sha256="0" * 64, path="fuzz.jsonl", line_no=1)
    except InputError as exc:
        assert "fuzz.jsonl:1" in str(exc)


@BOUNDED
@given(st.dictionaries(st.sampled_from(["id", "text", "published", "url", "language",
                                        "publisher", "title"]),
                       st.one_of(st.text(max_size=40), st.integers(), st.none(),
                                 st.booleans()), max_size=7))
def test_jsonl_records_of_any_shape_raise_only_input_errors(record: dict[str, object]) -> None:
    try:
        _, doc = parse_input_line(json.dumps(record), raw_sha256="0" * 64, path="f.jsonl",
                                  line_no=3)
    except InputError:
        return
    assert doc.text


@BOUNDED
@given(st.binary(max_size=600), st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_files_of_any_bytes_raise_only_input_errors(raw: bytes,
                                                    suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(raw)
        try:
            docs = read_file(str(path))
        except InputError:
            return
        assert all(isinstance(d, Document) for d in docs)


@BOUNDED
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                 st.text(max_size=200).map(lambda s: (
                     f"<rss><channel><item><title>{s}</title><description>{s}</description>"
                     "</item></channel></rss>").encode())))
def test_feed_parser_never_crashes(body: bytes) -> None:
    try:
        feed = parse_feed(body, url="https://example.org/feed")
    except UprisingError:
        return
    assert feed is not None
