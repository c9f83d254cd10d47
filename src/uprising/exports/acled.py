"""Incidents in the columns of ACLED's event data, so the field's tools can read them.

ACLED (the Armed Conflict Location & Event Data project) publishes one row per event with a fixed
set of columns; analysts load such files straight into their notebooks. This module fills those
columns from our incident records; `docs/exports.md` gives the mapping and its limits. Our own
provenance (document id, quote and offsets) follows ACLED's columns, so every row can still be
checked against its report.

What we cannot know is left empty rather than guessed: actor names are generic ("Protesters
(Iran)", "State forces (Iran)"), not ACLED's curated actor list, and `source_scale` is empty.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pycountry

from uprising.exports.rows import incident_row
from uprising.geo import province_name
from uprising.reports.maps import city_location, province_centroid
from uprising.storage import StoredClaim, StoredIncident
from uprising.vocab import IncidentType, Measure

__all__ = ["ACLED_FIELDS", "ACLED_TYPES", "AcledType", "acled_rows"]

LOGGER = logging.getLogger(__name__)

ACLED_FIELDS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
    # ours, after ACLED's: where the row was read
    "document_id", "quote", "quote_start", "quote_end", "url", "incident_type",
)

_PROTESTERS = "Protesters (Iran)"
_RIOTERS = "Rioters (Iran)"
_STATE = "State forces (Iran)"


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledType:
    """How one of our incident types reads in ACLED's scheme."""

    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: str
    actor2: str = ""
    inter2: str = ""
    civilian_targeting: str = ""


ACLED_TYPES: dict[IncidentType, AcledType] = {
    IncidentType.PROTEST: AcledType(
        disorder_type="Demonstrations", event_type="Protests", sub_event_type="Peaceful protest",
        actor1=_PROTESTERS, inter1="Protesters"),
    IncidentType.STRIKE: AcledType(
        disorder_type="Demonstrations", event_type="Protests", sub_event_type="Peaceful protest",
        actor1=_PROTESTERS, inter1="Protesters"),
    IncidentType.RIOT: AcledType(
        disorder_type="Demonstrations", event_type="Riots",
        sub_event_type="Violent demonstration", actor1=_RIOTERS, inter1="Rioters"),
    IncidentType.CRACKDOWN: AcledType(
        disorder_type="Demonstrations", event_type="Protests",
        sub_event_type="Protest with intervention", actor1=_PROTESTERS, inter1="Protesters",
        actor2=_STATE, inter2="State forces"),
    IncidentType.KILLING: AcledType(
        disorder_type="Demonstrations", event_type="Protests",
        sub_event_type="Excessive force against protesters", actor1=_PROTESTERS,
        inter1="Protesters", actor2=_STATE, inter2="State forces"),
    IncidentType.ARREST: AcledType(
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Arrests", actor1=_STATE, inter1="State forces"),
    IncidentType.SENTENCE: AcledType(
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Other", actor1=_STATE, inter1="State forces"),
    IncidentType.EXECUTION: AcledType(
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Other", actor1=_STATE, inter1="State forces"),
    IncidentType.MILITARY_ATTACK: AcledType(
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1=_STATE,
        inter1="State forces"),
}


def _days(date: str | None) -> tuple[dt.date, dt.date] | None:
    if not date:
        return None
    parts = date.split("/")
    return dt.date.fromisoformat(parts[0]), dt.date.fromisoformat(parts[-1])


def _time_precision(date: str | None) -> int:
    """1: the day is known; 2: within a week; 3: a longer period or only the report's date."""
    span = _days(date)
    if span is None:
        return 3
    width = (span[1] - span[0]).days
    return 1 if width == 0 else 2 if width <= 7 else 3


def _country(code: str) -> tuple[str, str]:
    """(country name, ISO numeric code) of an ISO 3166 code or an Iranian province code."""
    alpha2 = code.split("-", 1)[0]
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return alpha2, ""
    return str(country.name).split(",")[0], str(country.numeric).lstrip("0")


def _fatalities(stored: StoredIncident, killed: dict[tuple[str, str | None, str | None], int]
                ) -> int:
    if stored.incident.type is not IncidentType.KILLING:
        return 0
    inc = stored.incident
    return killed.get((stored.document_id, inc.place, inc.date), 0)


def acled_rows(incidents: Iterable[StoredIncident], claims: Iterable[StoredClaim] = ()
               ) -> list[dict[str, Any]]:
    """One ACLED-style row per incident with a place; incidents without one are left out.

    `fatalities` is the lower bound of a "killed" claim in the same document about the same place
    and date as a killing incident (ACLED counts the lowest reported figure); 0 otherwise.
    """
    killed: dict[tuple[str, str | None, str | None], int] = {}
    for held in claims:
        c = held.claim
        if c.measure is Measure.KILLED and c.low is not None:
            key = (held.document_id, c.place, c.date)
            killed[key] = min(killed.get(key, c.low), c.low)
    rows: list[dict[str, Any]] = []
    skipped = 0
    for stored in incidents:
        inc = stored.incident
        if inc.place is None:
            skipped += 1
            continue
        span = _days(inc.date)
        day = span[0] if span else stored.published
        if day is None:
            skipped += 1
            continue
        kind = ACLED_TYPES[inc.type]
        row = incident_row(stored)
        country, numeric = _country(inc.place)
        admin1 = ""
        if inc.place.startswith("IR-"):
            try:
                admin1 = province_name(inc.place)
            except KeyError:
                admin1 = ""
        point = city_location(inc.city, inc.place) if inc.city else None
        precision = 1 if point else 3
        if point is None and inc.place.startswith("IR-"):
            point = province_centroid(inc.place)
        rows.append({
            "event_id_cnty": f"UPR{row['record_id'][:12]}",
            "event_date": day.isoformat(),
            "year": day.year,
            "time_precision": _time_precision(inc.date),
            "disorder_type": kind.disorder_type,
            "event_type": kind.event_type,
            "sub_event_type": kind.sub_event_type,
            "actor1": kind.actor1,
            "assoc_actor_1": "",
            "inter1": kind.inter1,
            "actor2": kind.actor2,
            "assoc_actor_2": "",
            "inter2": kind.inter2,
            "interaction": f"{kind.inter1}-{kind.inter2}" if kind.inter2 else
            f"{kind.inter1} only",
            "civilian_targeting": kind.civilian_targeting,
            "iso": numeric,
            "region": "Middle East",
            "country": country,
            "admin1": admin1,
            "admin2": "",
            "admin3": "",
            "location": inc.city or admin1 or country,
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "geo_precision": precision if point else None,
            "source": stored.publisher or "",
            "source_scale": "",
            "notes": f"On {day.isoformat()}, {inc.type.value.replace('_', ' ')} in "
                     f"{inc.city or admin1 or country} (reported by "
                     f"{stored.publisher or 'an unnamed publisher'}).",
            "fatalities": _fatalities(stored, killed),
            "tags": "",
            "timestamp": "",
            "document_id": stored.document_id,
            "quote": inc.evidence.quote,
            "quote_start": inc.evidence.start,
            "quote_end": inc.evidence.end,
            "url": stored.url or "",
            "incident_type": inc.type.value,
        })
    if skipped:
        LOGGER.info("ACLED export: %d incident(s) without a place or day left out", skipped)
    return rows
