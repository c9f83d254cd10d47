"""Reports for people to read: the weekly update (pure data) and its renderings."""

from uprising.reports.weekly import (
    UPRISING_START,
    Footnote,
    IncidentSeen,
    Passage,
    PlaceLine,
    Ref,
    WeeklyReport,
    build_weekly_report,
    week_bounds,
)

__all__ = [
    "UPRISING_START",
    "Footnote",
    "IncidentSeen",
    "Passage",
    "PlaceLine",
    "Ref",
    "WeeklyReport",
    "build_weekly_report",
    "week_bounds",
]
