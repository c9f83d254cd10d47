"""Records as a GeoJSON FeatureCollection (RFC 7946): points where a place is known.

A record with a city the gazetteer knows is a point at the city (`geo_precision` 1); one with only
a province is a point at the province's middle (`geo_precision` 2); one with neither keeps a null
geometry (RFC 7946 allows it), so the file still holds every record and its quote. Coordinates
are [longitude, latitude], WGS 84, as the RFC requires.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from uprising.reports.maps import city_location, province_centroid

__all__ = ["feature", "write_geojson"]


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """One export row as a GeoJSON Feature with its row as properties."""
    place, city = row.get("place"), row.get("city")
    point: tuple[float, float] | None = None
    precision: int | None = None
    if city:
        point = city_location(city, place)
        precision = 1 if point else None
    if point is None and place and place.startswith("IR-"):
        point = province_centroid(place)
        precision = 2 if point else None
    geometry = None if point is None else {"type": "Point",
                                           "coordinates": [point[1], point[0]]}
    return {
        "type": "Feature",
        "id": row["record_id"],
        "geometry": geometry,
        "properties": {**row, "geo_precision": precision},
    }


def write_geojson(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection of the rows; returns the number of features."""
    features = [feature(row) for row in rows]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False,
              indent=1)
    out.write("\n")
    return len(features)
