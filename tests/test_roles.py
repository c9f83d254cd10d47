"""Every route of the app times every role: each answers as `web/auth.ROUTE_ROLES` states."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Route

from tests import security_support, web_support
from tests.security_support import add_accounts, sign_in
from uprising.security.accounts import Role
from uprising.web import pages
from uprising.web.auth import ROUTE_ROLES, roles_for

SAMPLE_PARAMS = {"kind": "claim", "record_id": "0" * 64, "claim_id": "0" * 64,
                 "person_id": "0" * 64, "incident_id": "0" * 64, "doc_id": "sha256:" + "0" * 64,
                 "week": "1", "submission_id": "0" * 32, "decision": "reject"}

clients = security_support.clients
secure_app = security_support.secure_app
any_database_url = web_support.any_database_url
client = web_support.client
loaded_url = web_support.loaded_url


def _routes(app: Any) -> list[tuple[str, Any]]:
    """(method, route) of every route the app serves, routers included, HEAD aside."""
    flat: list[Any] = []
    for route in app.routes:
        included = getattr(route, "original_router", None)  # FastAPI's included router
        flat.extend(included.routes if included is not None else [route])
    return [(method, route) for route in flat if isinstance(route, APIRoute | Route)
            for method in sorted(route.methods or ()) if method != "HEAD"]


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: SAMPLE_PARAMS[m.group(1)], path)


def test_every_route_states_its_roles(secure_app: Any) -> None:
    unstated = [f"{method} {route.path}" for method, route in _routes(secure_app)
                if (method, route.path) not in ROUTE_ROLES and route not in pages.router.routes]
    assert unstated == []


def test_the_role_matrix_holds_for_every_route_and_role(
        secure_app: Any, clients: dict[Role, Any]) -> None:
    checked = 0
    wrong: list[str] = []
    for method, route in _routes(secure_app):
        allowed = roles_for(method, route)
        for role, client in clients.items():
            response = client.request(method, _concrete(route.path),
                                      headers={"accept": "application/json"})
            refused = response.status_code in (401, 403)
            if refused == (role in allowed):
                wrong.append(f"{role.value} {method} {route.path}: {response.status_code}")
            if refused:
                assert response.status_code == (401 if role is Role.PUBLIC else 403)
            checked += 1
            if route.path == "/logout" and role is not Role.PUBLIC:
                assert sign_in(client, f"{role.value}1").status_code == 200
    assert wrong == []
    assert checked >= 5 * 50


@pytest.mark.parametrize(("path", "public_status"), [
    ("/", 200), ("/claims", 200), ("/api/claims", 200), ("/review", 401),
    ("/api/review", 401), ("/api/submissions", 401), ("/api/users", 401)])
def test_public_reads_the_published_data_only(clients: dict[Role, Any], path: str,
                                              public_status: int) -> None:
    assert clients[Role.PUBLIC].get(path).status_code == public_status


def test_without_accounts_the_app_runs_in_local_mode(client: Any) -> None:
    assert client.get("/api/me").json()["role"] == "admin"


def test_api_token_acts_with_its_role_and_a_bad_one_is_refused(secure_app: Any,
                                                               tmp_path: Any) -> None:
    from tests.web_support import TestClient
    from uprising.storage.security_repo import SecurityStore

    security = secure_app.state.security
    assert isinstance(security, SecurityStore)
    token = security.add_token("reviewer1")
    with TestClient(secure_app, raise_server_exceptions=False) as client:
        ok = client.get("/api/review", headers={"authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        bad = client.get("/api/review", headers={"authorization": f"Bearer {token[:-2]}xx"})
        assert bad.status_code == 401
        assert client.get("/api/users",
                          headers={"authorization": f"Bearer {token}"}).status_code == 403


def test_disabled_account_loses_its_session_and_cannot_sign_in(
        secure_app: Any, clients: dict[Role, Any]) -> None:
    secure_app.state.security.disable("editor1")
    assert clients[Role.EDITOR].get("/api/review").status_code == 401
    assert sign_in(clients[Role.EDITOR], "editor1").status_code == 401


def test_set_role_ends_sessions_and_revokes_tokens_of_another_role(secure_app: Any) -> None:
    security = secure_app.state.security
    token = security.add_token("editor1")
    security.set_role("editor1", "reviewer")
    assert security.token_principal(token) is None


def test_add_accounts_is_idempotent_guarded(tmp_path: Any) -> None:
    url = "sqlite:///" + str(tmp_path / "a.db")
    add_accounts(url)
    with pytest.raises(Exception, match="exists"):
        add_accounts(url)
