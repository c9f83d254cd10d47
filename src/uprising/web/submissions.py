"""Correspondents' submissions: a form and an API endpoint for a text and a photo.

A submission is encrypted at rest (submitter, contact, text), its photo is stripped of every
piece of metadata before it touches the disk, and it waits for an editor in its own queue: it
reaches the public data only when an editor accepts it, and then as a document whose publisher
is "correspondent", never a name. Submission ids are random, and a correspondent can read back
only their own (anyone else's answers 404, the same as an id that does not exist).

Uploads are bounded twice: `LimitBody` refuses a body over the limit before it is parsed
(by Content-Length, and by counting a chunked body), and each photo is read to its own limit.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response

from uprising.errors import InputError
from uprising.ingest.files import document_id, normalise_text
from uprising.records import Document
from uprising.security.accounts import Principal, Role
from uprising.security.crypto import Keyring
from uprising.security.photos import MAX_PHOTO_BYTES, strip_metadata
from uprising.storage import Database
from uprising.web.api import ApiError, bad_parameter, json_response, wants_json
from uprising.web.auth import check_csrf, csrf_token, current, set_csrf, store

__all__ = ["MAX_BODY_BYTES", "MAX_TEXT", "LimitBody", "router"]

LOGGER = logging.getLogger(__name__)

router = APIRouter()
MAX_TEXT = 50_000
MAX_BODY_BYTES = MAX_PHOTO_BYTES + 2 * MAX_TEXT * 4 + 64 * 1024
SubmissionId = Annotated[str, "a random hex id"]
_HEX = set("0123456789abcdef")


class LimitBody:
    """ASGI middleware: refuse request bodies over `limit` bytes with 413 before parsing."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await _too_large(send)
            return
        seen, exceeded, answered = 0, False, False

        async def counted() -> Any:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                # FastAPI turns any error while parsing into a 400; the flag makes the answer
                # a 413 whatever the app then says.
                exceeded = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: Any) -> None:
            nonlocal answered
            if not exceeded:
                await send(message)
            elif not answered:
                answered = True
                await _too_large(send)

        await self.app(scope, counted, guarded)


async def _too_large(send: Any) -> None:
    body = b'{"ok": false, "error": "the request body is too large", "errors": [], "status": 413}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _keyring(request: Request) -> Keyring:
    keyring: Keyring | None = request.app.state.keyring
    if keyring is None:
        raise ApiError(503, "submissions are closed: no encryption key is configured")
    return keyring


def _checked_id(value: str) -> str:
    if len(value) != 32 or set(value) - _HEX:
        raise ApiError(404, "no such submission")
    return value


async def _store(request: Request, principal: Principal, text: str, contact: str,
                 photo: UploadFile | None) -> str:
    keyring = _keyring(request)
    text = normalise_text(text)
    if not text:
        raise bad_parameter("text", "is empty")
    if len(text) > MAX_TEXT:
        raise bad_parameter("text", f"is longer than {MAX_TEXT} characters")
    name = original = None
    if photo is not None and (photo.filename or photo.size):
        raw = await photo.read(MAX_PHOTO_BYTES + 1)
        if len(raw) > MAX_PHOTO_BYTES:
            raise ApiError(413, f"a photo is at most {MAX_PHOTO_BYTES} bytes",
                           [{"parameter": "photo", "message": "is too large"}])
        try:
            clean = strip_metadata(raw)
        except InputError as exc:
            raise bad_parameter("photo", exc.reason) from None
        # The client's file name is never used: the stored name is the stripped file's hash.
        name, original = f"{clean.sha256}.{clean.suffix}", clean.original_sha256
        _write_once(request.app.state.upload_dir / name, clean.data)
    sub_id = store(request).add_submission(keyring, principal, text=text, contact=contact.strip(),
                                           photo=name, photo_original_sha256=original)
    LOGGER.info("submission stored (photo: %s)", name is not None)
    return sub_id


def _write_once(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return  # the same stripped bytes are already stored
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


Text = Annotated[str, Form(min_length=1, max_length=MAX_TEXT)]
Contact = Annotated[str, Form(max_length=500)]


@router.get("/submit", response_model=None, include_in_schema=False)
def submit_page(request: Request, sent: Annotated[str | None, Query(max_length=32)] = None
                ) -> Response:
    """The correspondents' form."""
    token = csrf_token(request)
    shown = sent if sent and not set(sent) - _HEX else None
    response: Response = request.app.state.templates.TemplateResponse(
        request, "submit.html", {"csrf": token, "max_text": MAX_TEXT, "sent": shown})
    set_csrf(response, token)
    return response


@router.post("/submit", response_model=None, include_in_schema=False)
async def submit_form(request: Request, text: Text, csrf: Annotated[str, Form(max_length=100)],
                      contact: Contact = "", photo: Annotated[UploadFile | None, File()] = None
                      ) -> Response:
    """Receive a submission from the form (CSRF-checked)."""
    check_csrf(request, csrf)
    sub_id = await _store(request, current(request), text, contact, photo)
    if wants_json(request):
        return json_response({"submission": sub_id}, 201)
    return RedirectResponse(f"/submit?sent={sub_id}", status_code=303)


@router.post("/api/submissions", response_model=None, status_code=201)
async def submit_api(request: Request, text: Text, contact: Contact = "",
                     photo: Annotated[UploadFile | None, File()] = None,
                     csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Send a submission (text, optional contact and photo) with an API token.

    Signed in through a browser session instead of a token, the form's `csrf` must match.
    """
    principal = current(request)
    if not principal.via_token:
        check_csrf(request, csrf)
    sub_id = await _store(request, principal, text, contact, photo)
    return json_response({"submission": sub_id, "status": "pending"}, 201)


def _visible(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "photo_url": f"/submissions/{item['id']}/photo" if item["photo"] else None}


@router.get("/api/submissions", response_model=None)
def queue(request: Request, status: Literal["pending", "accepted", "rejected"] = "pending",
          limit: Annotated[int, Query(ge=1, le=200)] = 50,
          offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    """Submissions waiting for an editor (never who sent them)."""
    rows = store(request).submissions(_keyring(request), status=status, limit=limit,
                                      offset=offset)
    return json_response({"rows": [_visible(r) for r in rows], "status": status})


@router.get("/api/submissions/mine", response_model=None)
def mine(request: Request, limit: Annotated[int, Query(ge=1, le=200)] = 50,
         offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    """The signed-in correspondent's own submissions and what became of them."""
    rows = store(request).submissions(_keyring(request), owner=current(request), limit=limit,
                                      offset=offset)
    return json_response({"rows": [_visible(r) for r in rows]})


def _readable(request: Request, sub_id: str) -> dict[str, Any]:
    sub_id = _checked_id(sub_id)
    keyring, principal = _keyring(request), current(request)
    if principal.role is Role.CORRESPONDENT and not store(request).owns(keyring, sub_id,
                                                                        principal):
        raise ApiError(404, "no such submission")
    item = store(request).submission(keyring, sub_id)
    if item is None:
        raise ApiError(404, "no such submission")
    return item


@router.get("/api/submissions/{submission_id}", response_model=None)
def one(request: Request, submission_id: str) -> Response:
    """One submission (editors and reviewers: any; a correspondent: their own)."""
    return json_response({"submission": _visible(_readable(request, submission_id))})


@router.get("/submissions/{submission_id}/photo", response_model=None,
            include_in_schema=False)
def photo(request: Request, submission_id: str) -> Response:
    item = _readable(request, submission_id)
    if not item["photo"]:
        raise ApiError(404, "this submission has no photo")
    path: Path = request.app.state.upload_dir / item["photo"]
    media = "image/jpeg" if item["photo"].endswith(".jpg") else f"image/{path.suffix[1:]}"
    return FileResponse(path, media_type=media)


@router.post("/submissions/{submission_id}/{decision}", response_model=None,
             include_in_schema=False)
def decide(request: Request, submission_id: str, decision: Literal["accept", "reject"],
           csrf: Annotated[str, Form(max_length=100)]) -> Response:
    """An editor's decision: accepted text becomes a document (publisher "correspondent")."""
    check_csrf(request, csrf)
    item = _readable(request, submission_id)
    doc_id = None
    if decision == "accept":
        db: Database = request.app.state.db
        doc = Document(id=document_id(item["text"]), text=item["text"],
                       published=dt.datetime.now(dt.UTC).date(), publisher="correspondent",
                       origin="submission", language=None)
        db.add_documents([doc])
        doc_id = doc.id
    store(request).decide_submission(item["id"], "accepted" if decision == "accept"
                                     else "rejected", current(request), document_id=doc_id)
    return json_response({"submission": item["id"], "decision": decision, "document": doc_id})
