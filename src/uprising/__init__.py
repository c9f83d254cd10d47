"""uprising: documents a popular uprising under repression from the reports that describe it."""

from __future__ import annotations

import logging

from uprising.records import Claim, Document, Evidence, Extraction, Incident, Person
from uprising.vocab import Fate, Gender, IncidentType, Measure, Qualifier, Subject

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "Evidence",
    "Extraction",
    "Fate",
    "Gender",
    "Incident",
    "IncidentType",
    "Measure",
    "Person",
    "Qualifier",
    "Subject",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
