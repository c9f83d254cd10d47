"""The component pipeline: order checked up front, failures recorded, batch goes on."""

from __future__ import annotations

import datetime as dt

import pytest

from uprising.errors import PipelineError
from uprising.extract.analysis import Analysis, split_paragraphs, split_sentences
from uprising.extract.pipeline import DEFAULT_COMPONENTS, Pipeline
from uprising.extract.registry import component, known_components
from uprising.records import Document


def test_unknown_component_lists_the_known_ones() -> None:
    with pytest.raises(PipelineError, match=r"unknown component 'nope'; known components: .*"):
        Pipeline.build(["numbers", "nope"])


def test_requirement_not_yet_assigned_names_both_components() -> None:
    with pytest.raises(PipelineError, match=r"'claims' requires 'numbers'.*'numbers' assigns it"):
        Pipeline.build(["sources", "places", "dates", "claims", "numbers"])


def test_every_default_component_is_registered_and_documented() -> None:
    known = known_components()
    for name in DEFAULT_COMPONENTS:
        assert known[name].doc, f"component {name} has no docstring"


def test_a_failing_component_is_recorded_and_the_batch_goes_on() -> None:
    @component("test-explodes", assigns=("nothing",))
    def explodes(analysis: Analysis) -> None:
        raise RuntimeError("boom")

    pipeline = Pipeline.build([*DEFAULT_COMPONENTS, "test-explodes"])
    docs = [Document(id=f"d{i}", text="HRANA said 12 people were arrested.",
                     published=dt.date(2022, 10, 1)) for i in range(2)]
    out = list(pipeline.extract_many(docs))
    assert [len(e.claims) for e in out] == [1, 1]
    assert all(e.errors == ("test-explodes: RuntimeError: boom",) for e in out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Headline\n\nBody goes on. More here.", ["Headline", "Body goes on.", "More here."]),
        ("On Oct. 3 they met. Then left.", ["On Oct. 3 they met.", "Then left."]),
        ("He said \"stop.\" Then it ended.", ["He said \"stop.\"", "Then it ended."]),
        ("in the U.S. and abroad", ["in the U.S. and abroad"]),
        ("it was calm. then they came at night and took everyone from the street, "
         "my cousin says so. we stayed inside.",
         ["it was calm.", "then they came at night and took everyone from the street, my cousin "
          "says so.", "we stayed inside."]),
    ],
)
def test_sentences_keep_offsets_into_the_text(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


def test_paragraphs_split_at_blank_lines() -> None:
    text = "Title\n\nFirst para.\nSame para.\n\n\nSecond."
    assert [text[p.start : p.end] for p in split_paragraphs(text)] == [
        "Title", "First para.\nSame para.", "Second."]
