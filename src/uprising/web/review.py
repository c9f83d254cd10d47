"""The review queue: editors confirm, correct or reject extracted records beside their quote.

Each decision is stored by `Browse.add_review` as a new row keeping the record as it stood, so
corrections are versioned and nothing extracted is overwritten. Forms carry a CSRF token: a random
value in a strict same-site cookie that the form must repeat (the double-submit pattern), so
another site cannot post decisions in an editor's name.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from uprising.storage import Database
from uprising.web.api import ApiError, bad_parameter, json_response, wants_json
from uprising.web.auth import current, store

__all__ = ["CSRF_COOKIE", "router"]

LOGGER = logging.getLogger(__name__)

router = APIRouter()
CSRF_COOKIE = "uprising_csrf"
Kind = Literal["claim", "person", "incident"]
CORRECTABLE = {
    "claim": {"measure", "subject", "low", "high", "qualifier", "place", "city", "date", "source"},
    "person": {"name", "age", "gender", "fates", "place", "city", "date"},
    "incident": {"type", "place", "city", "date"},
}
CONTEXT = 160


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _queue(request: Request, kind: str, limit: int, offset: int) -> dict[str, Any]:
    db = _db(request)
    result = db.browse().review_queue(kind, limit=limit, offset=offset)
    items = []
    texts: dict[str, str] = {}
    for row in result.rows:
        doc_id = row["document_id"]
        if doc_id not in texts:
            doc = db.document(doc_id)
            texts[doc_id] = doc.text if doc else ""
        text, start, end = texts[doc_id], row["start"], row["end"]
        fields = {k: row[k] for k in sorted(CORRECTABLE[kind])}
        items.append({"id": row["id"], "document_id": doc_id, "fields": fields,
                      "before": text[max(0, start - CONTEXT):start], "quote": text[start:end],
                      "after": text[end:end + CONTEXT]})
    return {"kind": kind, "rows": items, "total": result.total, "limit": limit,
            "offset": offset}


def _queue_response(request: Request, kind: str, limit: int, offset: int,
                    as_json: bool) -> Response:
    data = _queue(request, kind, limit, offset)
    if as_json or wants_json(request):
        return json_response(data)
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    response: Response = request.app.state.templates.TemplateResponse(
        request, "review.html", {**data, "csrf": token, "json_url": "/review.json"})
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


Limit = Annotated[int, Query(ge=1, le=200, description="Records per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Records to skip.")]


@router.get("/review", response_model=None, include_in_schema=False)
def review_page(request: Request, kind: Kind = "claim", limit: Limit = 20,
                offset: Offset = 0) -> Response:
    """Records no editor has decided on yet, each beside its highlighted quote."""
    return _queue_response(request, kind, limit, offset, as_json=False)


@router.get("/review.json", response_model=None, include_in_schema=False)
def review_json(request: Request, kind: Kind = "claim", limit: Limit = 20,
                offset: Offset = 0) -> Response:
    return _queue_response(request, kind, limit, offset, as_json=True)


@router.get("/api/review", response_model=None)
def review_api(request: Request, kind: Kind = "claim", limit: Limit = 20,
               offset: Offset = 0) -> Response:
    """The review queue: records of `kind` without a decision, with their quote in context."""
    return _queue_response(request, kind, limit, offset, as_json=True)


@router.post("/review/{kind}/{record_id}", response_model=None)
def decide(
    request: Request,
    kind: Kind,
    record_id: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
    decision: Annotated[Literal["confirm", "correct", "reject"], Form()],
    reviewer: Annotated[str, Form(min_length=1, max_length=64)],
    csrf: Annotated[str, Form(max_length=100)],
    corrected: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Record an editor's decision on one record; a correction gives the new fields as JSON."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf.encode()):
        raise ApiError(403, "the form's CSRF token does not match; reload the review page",
                       [{"parameter": "csrf", "message": "does not match"}])
    fields = _corrected(kind, corrected) if decision == "correct" else None
    review_id = _db(request).browse().add_review(
        kind=kind, record_id=record_id, decision=decision, corrected=fields,
        reviewer=reviewer.strip())
    store(request).audit(actor=current(request).actor, action=f"review.{decision}",
                         target=f"{kind}:{record_id}", detail={"review": review_id})
    if wants_json(request):
        return json_response({"review": review_id, "record_id": record_id, "kind": kind,
                              "decision": decision}, 201)
    return RedirectResponse(f"/review?kind={kind}", status_code=303)


def _corrected(kind: str, raw: str) -> dict[str, Any]:
    """The corrected fields: a JSON object naming only fields of this kind of record."""
    try:
        value = json.loads(raw) if raw.strip() else None
    except json.JSONDecodeError as exc:
        raise bad_parameter("corrected", f"is not JSON ({exc.msg})") from None
    if not isinstance(value, dict) or not value:
        raise bad_parameter("corrected", "must be a JSON object of the corrected fields")
    unknown = sorted(set(value) - CORRECTABLE[kind])
    if unknown:
        raise bad_parameter("corrected", f"unknown field(s) {unknown}; a {kind} has "
                            f"{sorted(CORRECTABLE[kind])}")
    return value
