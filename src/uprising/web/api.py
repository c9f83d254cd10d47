"""The API's shared parts: one error shape, JSON and CSV responses, and request checks.

Every error, whatever raised it, leaves as `{"ok": false, "error": ..., "errors": [...],
"status": N}` (datasette's `test_error_shape.py` pins the same idea); `errors` names each bad
parameter so a client can point at it. HTML pages show the same message in a page. Successful
JSON answers carry `"ok": true` beside their data.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = [
    "MAX_PARAM_LENGTH",
    "ApiError",
    "check_request",
    "csv_response",
    "error_payload",
    "json_response",
    "validation_error",
    "wants_json",
]

LOGGER = logging.getLogger(__name__)

MAX_PARAM_LENGTH = 500
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


class ApiError(Exception):
    """An error answer: its status, message, and the parameters at fault."""

    def __init__(self, status: int, message: str,
                 errors: Sequence[dict[str, str]] = ()) -> None:
        super().__init__(message)
        self.status, self.message, self.errors = status, message, list(errors)


def error_payload(status: int, message: str, errors: Sequence[dict[str, str]] = ()
                  ) -> dict[str, Any]:
    return {"ok": False, "error": message, "errors": list(errors), "status": status}


def bad_parameter(name: str, message: str) -> ApiError:
    return ApiError(400, f"bad parameter {name!r}: {message}",
                    [{"parameter": name, "message": message}])


def validation_error(exc: RequestValidationError) -> ApiError:
    """A 400 naming each parameter FastAPI refused, with its reason (never the value)."""
    errors = []
    for item in exc.errors():
        loc = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        errors.append({"parameter": name, "message": str(item.get("msg", "is not valid"))})
    first = errors[0] if errors else {"parameter": "request", "message": "is not valid"}
    return ApiError(400, f"bad parameter {first['parameter']!r}: {first['message']}", errors)


def http_error(exc: StarletteHTTPException) -> ApiError:
    return ApiError(exc.status_code, str(exc.detail))


def check_request(request: Request) -> None:
    """Refuse control characters and overlong values before any handler or database sees them.

    A NUL byte in a query string would otherwise reach the database driver (PostgreSQL refuses it
    with an error), and an endless value would cost a search for nothing.
    """
    for name, value in request.query_params.multi_items():
        if len(value) > MAX_PARAM_LENGTH:
            raise bad_parameter(name, f"is longer than {MAX_PARAM_LENGTH} characters")
        if _CONTROL & set(value) or _CONTROL & set(name):
            raise bad_parameter(name, "contains control characters")
    path = request.url.path
    if _CONTROL & set(path) or len(path) > 2 * MAX_PARAM_LENGTH:
        raise ApiError(400, "the path contains control characters or is too long",
                       [{"parameter": "path", "message": "is not valid"}])


def wants_json(request: Request) -> bool:
    """Whether the answer should be JSON: an API path, a .json URL, or an Accept header."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def json_response(data: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder({"ok": status < 400, **data}), status_code=status)


def csv_response(columns: Sequence[str], rows: Iterable[dict[str, Any]], name: str) -> Response:
    """The rows as CSV with a header, offered as a download named `name`.csv."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Spreadsheets run cells that open like a formula; a report's text must stay text.
        return "'" + value
    return "" if value is None else value
