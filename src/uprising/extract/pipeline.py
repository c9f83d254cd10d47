"""The extraction pipeline: checks the order of components, then runs them over documents.

A failure of one component on one document is logged with the document id and the component,
kept on the extraction as an error, and the batch goes on (spaCy's ``error_handler``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from uprising.errors import PipelineError
from uprising.extract import components as _builtins  # noqa: F401  (registers the built-ins)
from uprising.extract.analysis import Analysis
from uprising.extract.registry import Component, get_component
from uprising.records import Document, Extraction

__all__ = ["DEFAULT_COMPONENTS", "EXTRACTOR_VERSION", "Pipeline", "extract_document"]

LOGGER = logging.getLogger(__name__)

# Bump when a change alters what the extractor outputs, so stored records say which produced them.
EXTRACTOR_VERSION = "en-fa-0.2.0"

DEFAULT_COMPONENTS: tuple[str, ...] = (
    "numbers",
    "sources",
    "places",
    "dates",
    "claims",
    "incidents",
    "persons",
)


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered, checked list of components."""

    components: tuple[Component, ...]
    version: str = EXTRACTOR_VERSION

    @classmethod
    def build(cls, names: Sequence[str] = DEFAULT_COMPONENTS) -> Pipeline:
        """Resolve names to components and check that each one's needs are met in time."""
        chosen = tuple(get_component(name) for name in names)
        assigned: dict[str, str] = {}
        for comp in chosen:
            for need in comp.requires:
                if need not in assigned:
                    later = [c.name for c in chosen if need in c.assigns]
                    hint = f" ({later[0]!r} assigns it, but runs later)" if later else ""
                    raise PipelineError(
                        f"component {comp.name!r} requires {need!r}, which no earlier component"
                        f" assigns{hint}"
                    )
            for what in comp.assigns:
                assigned.setdefault(what, comp.name)
        return cls(components=chosen)

    def analyse(self, document: Document) -> Analysis:
        """Run every component over one document; failures are recorded, not raised."""
        analysis = Analysis.of(document)
        for comp in self.components:
            try:
                comp.func(analysis)
            except Exception as exc:  # one bad document must not stop the batch
                LOGGER.warning(
                    "component %s failed on document %s: %s",
                    comp.name, document.id, exc.__class__.__name__,
                )
                analysis.errors.append(f"{comp.name}: {exc.__class__.__name__}: {exc}")
        return analysis

    def extract(self, document: Document) -> Extraction:
        return self.analyse(document).freeze(self.version)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        for document in documents:
            yield self.extract(document)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.build()
    return _DEFAULT


def extract_document(document: Document) -> Extraction:
    """Extract claims, persons and incidents from one document with the default pipeline."""
    return default_pipeline().extract(document)
