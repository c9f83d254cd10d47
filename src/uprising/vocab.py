"""The closed vocabularies of the extraction contract (shared/spec/extraction.md, version 1).

Values are spelled exactly as the contract spells them; a test compares them with the JSON Schema.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Fate", "Gender", "IncidentType", "Measure", "Qualifier", "Subject"]


class Measure(StrEnum):
    """What a claim counts."""

    KILLED = "killed"
    INJURED = "injured"
    ARRESTED = "arrested"
    CHARGED = "charged"
    CAPITAL_CHARGES = "capital_charges"
    SENTENCED = "sentenced"
    SENTENCED_TO_DEATH = "sentenced_to_death"
    EXECUTED = "executed"
    MISSING = "missing"
    PROTESTS = "protests"
    PARTICIPANTS = "participants"
    CITIES = "cities"
    PROVINCES = "provinces"
    UNIVERSITIES = "universities"

    @property
    def counts_people(self) -> bool:
        """Whether the measure counts people (and so takes a subject)."""
        return self not in _EVENT_MEASURES


_EVENT_MEASURES = frozenset(
    {Measure.PROTESTS, Measure.CITIES, Measure.PROVINCES, Measure.UNIVERSITIES}
)


class Subject(StrEnum):
    """Who a claim counts; the narrowest group the number itself counts."""

    PEOPLE = "people"
    MINORS = "minors"
    WOMEN = "women"
    SECURITY_FORCES = "security_forces"
    STUDENTS = "students"
    JOURNALISTS = "journalists"


class Qualifier(StrEnum):
    """How the bounds of a figure were set by the words around it."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    ABOUT = "about"
    RANGE = "range"
    VAGUE = "vague"


class Fate(StrEnum):
    """What happened to a named person."""

    KILLED = "killed"
    INJURED = "injured"
    ARRESTED = "arrested"
    TORTURED = "tortured"
    HUNGER_STRIKE = "hunger_strike"
    SENTENCED = "sentenced"
    SENTENCED_TO_DEATH = "sentenced_to_death"
    EXECUTED = "executed"
    RELEASED = "released"
    MISSING = "missing"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"


class IncidentType(StrEnum):
    """What kind of event an incident is."""

    PROTEST = "protest"
    RIOT = "riot"
    CRACKDOWN = "crackdown"
    KILLING = "killing"
    ARREST = "arrest"
    STRIKE = "strike"
    SENTENCE = "sentence"
    EXECUTION = "execution"
    MILITARY_ATTACK = "military_attack"
