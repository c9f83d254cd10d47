"""`create_app(settings)`: the dashboard and its API as one FastAPI application.

The app opens (and migrates) its database once and keeps it on `app.state`; tests build it on a
temporary database (the flask tutorial's pattern). Every error goes through one handler so that
nothing leaves in another shape: JSON for the API, `.json` URLs and JSON `Accept` headers, a page
for browsers, and never a traceback.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from uprising import __version__
from uprising.errors import ConfigError, UprisingError
from uprising.security.accounts import LoginLimiter
from uprising.security.crypto import Keyring, load_keyring
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore
from uprising.web import auth, pages, review, submissions
from uprising.web.api import (
    ApiError,
    check_request,
    error_payload,
    http_error,
    json_response,
    validation_error,
    wants_json,
)
from uprising.web.render import mark_snippet

__all__ = ["create_app"]

LOGGER = logging.getLogger(__name__)


def _package_dir(name: str) -> str:
    return str(resources.files("uprising.web").joinpath(name))


class DropEmptyParameters:
    """ASGI middleware: `?subject=&place=IR` means `?place=IR`.

    A filter form submits every field, empty or not; an empty field means "any", so it is removed
    before validation rather than refused as a bad value.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        await self.app(scope, receive, send)


def create_app(settings: Mapping[str, Any], *, database: Database | None = None) -> FastAPI:
    """Build the application on the database of `settings["database_url"]`.

    Args:
        settings: resolved settings (`uprising.config.load_settings()`).
        database: an open database to use instead (tests); the app then leaves it open.

    Raises:
        StorageError: the database cannot be opened or migrated.
    """
    owned = database is None
    db = database if database is not None else Database.open(str(settings["database_url"]))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            db.close()

    app = FastAPI(
        title="uprising",
        version=__version__,
        description="Figures, persons and incidents extracted from reports on the uprising, "
        "each tied to its quote. Every list is paginated (limit, offset) and has a CSV twin.",
        lifespan=lifespan,
        dependencies=[Depends(check_request), Depends(auth.authorize)],
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=_package_dir("templates"))
    templates.env.filters["marked"] = mark_snippet
    templates.env.globals["version"] = __version__
    app.state.db = db
    app.state.templates = templates
    app.state.csrf_secret = secrets.token_urlsafe(32)
    app.state.cache = {}
    app.state.security = SecurityStore(db.engine)
    app.state.keyring = _keyring(settings)
    app.state.upload_dir = Path(str(settings.get("upload_dir", "uploads")))
    app.state.cookie_secure = bool(int(settings.get("cookie_secure", 1)))
    app.state.login_limiter = LoginLimiter()
    if not app.state.security.has_users():
        LOGGER.warning("no accounts yet: every request acts as a local administrator until "
                       "`uprising user add` creates one; serve on loopback only")
    app.add_middleware(DropEmptyParameters)
    app.add_middleware(submissions.LimitBody)
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    app.include_router(auth.router)
    app.include_router(submissions.router)
    app.include_router(review.router)
    app.include_router(pages.router)

    def answer(request: Request, error: ApiError) -> Response:
        payload = error_payload(error.status, error.message, error.errors)
        if wants_json(request) or request.url.path.endswith(".csv"):
            return json_response(payload, error.status)
        html: Response = templates.TemplateResponse(request, "error.html", payload,
                                                    status_code=error.status)
        return html

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return answer(request, validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return answer(request, http_error(exc))

    @app.exception_handler(UprisingError)
    async def on_uprising(request: Request, exc: UprisingError) -> Response:
        status = 400 if exc.exit_code == 2 else 503
        return answer(request, ApiError(status, str(exc)))

    @app.exception_handler(Exception)
    async def on_anything(request: Request, exc: Exception) -> Response:
        # A bug: logged with its class only (the message may quote report text), answered
        # in the one shape rather than as a bare traceback.
        LOGGER.error("unexpected %s on %s", type(exc).__name__, request.url.path)
        return answer(request, ApiError(500, "internal error"))

    return app


def _keyring(settings: Mapping[str, Any]) -> Keyring | None:
    """The encryption keys, or None (submissions then answer 503 instead of storing clear text)."""
    try:
        return load_keyring(Path(str(settings.get("secret_key_file", "uprising.key"))),
                            str(settings.get("secret_key", "")))
    except ConfigError as exc:
        LOGGER.warning("submissions closed: %s", str(exc).splitlines()[0])
        return None
