"""The web dashboard and JSON API: `create_app(settings)` builds it, `uprising serve` runs it."""

from __future__ import annotations

import logging

from uprising.web.app import create_app

__all__ = ["create_app"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
