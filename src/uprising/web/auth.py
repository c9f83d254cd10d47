"""Who may use which route: the role table, the principal of each request, login and logout.

Every route states its roles in `ROUTE_ROLES` (by method and path template); the published
pages and their JSON/CSV twins (`pages.router`) are open to every role, the public included. A
route missing from both is refused to all but admins (fail closed), and `tests/test_roles.py`
walks every route of the app times every role against this table.

A request acts as the account of its API token (`Authorization: Bearer ID.SECRET`), else of its
session cookie, else as the public. Until the first account exists the app runs in local mode:
every request acts as a local administrator, so a fresh install on loopback works as before;
`uprising user add` ends local mode for good, and `create_app` logs a warning while it lasts.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.routing import BaseRoute

from uprising.security.accounts import ROLES, LoginLimiter, Principal, Role
from uprising.security.sessions import SESSION_COOKIE, cookie_options
from uprising.storage.security_repo import SecurityStore
from uprising.web import pages
from uprising.web.api import ApiError, json_response, wants_json

__all__ = ["CSRF_COOKIE", "ROUTE_ROLES", "authorize", "check_csrf", "csrf_token", "roles_for",
           "router"]

LOGGER = logging.getLogger(__name__)

router = APIRouter()
CSRF_COOKIE = "uprising_csrf"  # the same double-submit cookie as the review forms

ALL = frozenset(ROLES)
ACCOUNTS = ALL - {Role.PUBLIC}
REVIEWERS = frozenset({Role.ADMIN, Role.EDITOR, Role.REVIEWER})
EDITORS = frozenset({Role.ADMIN, Role.EDITOR})
SENDERS = frozenset({Role.ADMIN, Role.CORRESPONDENT})
ADMINS = frozenset({Role.ADMIN})

ROUTE_ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/api/openapi.json"): ALL,
    ("GET", "/api/docs"): ALL,
    ("GET", "/docs/oauth2-redirect"): ALL,
    ("GET", "/login"): ALL,
    ("POST", "/login"): ALL,
    ("POST", "/logout"): ALL,
    ("GET", "/api/me"): ALL,
    ("GET", "/review"): REVIEWERS,
    ("GET", "/review.json"): REVIEWERS,
    ("GET", "/api/review"): REVIEWERS,
    ("POST", "/review/{kind}/{record_id}"): REVIEWERS,
    ("GET", "/submit"): SENDERS,
    ("POST", "/submit"): SENDERS,
    ("POST", "/api/submissions"): SENDERS,
    ("GET", "/api/submissions/mine"): SENDERS,
    # Correspondents reach only their own submission here: anyone else's answers 404.
    ("GET", "/api/submissions/{submission_id}"): REVIEWERS | SENDERS,
    ("GET", "/submissions/{submission_id}/photo"): REVIEWERS | SENDERS,
    ("GET", "/api/submissions"): REVIEWERS,
    ("POST", "/submissions/{submission_id}/{decision}"): EDITORS,
    ("GET", "/api/users"): ADMINS,
}


def roles_for(method: str, route: BaseRoute) -> frozenset[Role]:
    """The roles that may use `route` with `method` (admins only when none is stated)."""
    path = getattr(route, "path", "")
    stated = ROUTE_ROLES.get((method, path))
    if stated is not None:
        return stated
    if method in ("GET", "HEAD") and route in pages.router.routes:
        return ALL  # the published data
    return ADMINS


def store(request: Request) -> SecurityStore:
    security: SecurityStore = request.app.state.security
    return security


def principal_of(request: Request) -> Principal:
    """The principal a request acts as (see the module docstring)."""
    security = store(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        found = (security.token_principal(token.strip())
                 if scheme.lower() == "bearer" else None)
        if found is None:
            raise ApiError(401, "the API token is not valid",
                           [{"parameter": "authorization", "message": "is not valid"}])
        return found
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = security.session_principal(cookie)
        if found is not None:
            return found
    if not security.has_users():
        return Principal(user_id=None, role=Role.ADMIN)  # local mode
    return Principal(user_id=None, role=Role.PUBLIC)


def authorize(request: Request) -> None:
    """The app-wide dependency: refuse a route to a role it does not state (401 or 403)."""
    principal = principal_of(request)
    request.state.principal = principal
    route = request.scope.get("route")
    if route is None:
        return
    if principal.role not in roles_for(request.method, route):
        if principal.role is Role.PUBLIC:
            raise ApiError(401, "sign in to use this page (/login)")
        raise ApiError(403, "your role may not use this page")


def current(request: Request) -> Principal:
    principal: Principal = request.state.principal
    return principal


def csrf_token(request: Request) -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def set_csrf(response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")


def check_csrf(request: Request, submitted: str) -> None:
    """The form's token must repeat the cookie's (double submit), else 403."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), submitted.encode()):
        raise ApiError(403, "the form's CSRF token does not match; reload the page",
                       [{"parameter": "csrf", "message": "does not match"}])


@router.get("/login", response_model=None, include_in_schema=False)
def login_page(request: Request) -> Response:
    """The sign-in form."""
    token = csrf_token(request)
    response: Response = request.app.state.templates.TemplateResponse(
        request, "login.html", {"csrf": token})
    set_csrf(response, token)
    return response


@router.post("/login", response_model=None, include_in_schema=False)
def login(request: Request, name: Annotated[str, Form(max_length=64)],
          password: Annotated[str, Form(max_length=1024)],
          csrf: Annotated[str, Form(max_length=100)]) -> Response:
    """Sign in: a new session (never one presented before), rate limited, with lockout."""
    check_csrf(request, csrf)
    limiter: LoginLimiter = request.app.state.login_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allow(client):
        raise ApiError(429, "too many sign-in attempts; wait a minute")
    result = store(request).login(name, password)
    if result.principal is None or result.principal.user_id is None:
        # One message for every failure, so the answer does not tell which names exist.
        raise ApiError(401, "wrong name or password, or the account is locked or disabled")
    old = request.cookies.get(SESSION_COOKIE)
    value = store(request).start_session(result.principal.user_id, replacing=old)
    response: Response = (json_response({"role": result.principal.role.value})
                          if wants_json(request) else RedirectResponse("/", status_code=303))
    response.set_cookie(SESSION_COOKIE, value,
                        **cookie_options(secure=request.app.state.cookie_secure))
    set_csrf(response, secrets.token_urlsafe(32))  # a new CSRF token with the new session
    return response


@router.post("/logout", response_model=None, include_in_schema=False)
def logout(request: Request) -> Response:
    """End the session of this browser."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        store(request).end_session(cookie)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/me", response_model=None)
def me(request: Request) -> Response:
    """The role this request acts as (public without an account)."""
    principal = current(request)
    return json_response({"role": principal.role.value, "signed_in": principal.user_id
                          is not None})


@router.get("/api/users", response_model=None)
def users(request: Request) -> Response:
    """Accounts (admins only): number, name, role, disabled."""
    rows = [{k: v for k, v in row.items() if k != "locked_until"}
            for row in store(request).users()]
    return json_response({"rows": rows})
