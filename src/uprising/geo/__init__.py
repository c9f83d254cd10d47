"""Places: a gazetteer of Iran's provinces and cities and the world's countries and large cities,
and the resolver that finds them in English and Persian text.

Pure code: the only data it reads is the packaged gazetteer (built by
scripts/build_gazetteer.py), loaded once on first use.
"""

from __future__ import annotations

from uprising.geo.gazetteer import PlaceKind, all_provinces, province_name
from uprising.geo.resolve import PlaceMention, find_places, scope

__all__ = [
    "PlaceKind",
    "PlaceMention",
    "all_provinces",
    "find_places",
    "province_name",
    "scope",
]
