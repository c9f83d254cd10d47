"""Dates in reports: values with their precision, and a finder that resolves them.

    >>> import datetime as dt
    >>> [m.value.to_contract() for m in find_dates("since 16 September", dt.date(2022, 12, 5))]
    ['2022-09-16/2022-12-05']

Pure code: strings in, records out. Solar Hijri dates are converted with `jdatetime`.
"""

from __future__ import annotations

import logging

from uprising.dates.english import find_dates
from uprising.dates.values import DateKind, DateMention, DateValue, Precision

__all__ = ["DateKind", "DateMention", "DateValue", "Precision", "find_dates"]

LOGGER = logging.getLogger(__name__)
