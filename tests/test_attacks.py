"""The attacks tried against accounts and submissions (issue 8), one test or more each:
CSRF, session fixation, IDOR on submissions, SQL and template injection, path traversal in
uploads, oversized uploads, password guessing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tests import security_support
from tests.security_support import BASE, PASSWORD, TestClient, csrf, gps_jpeg, sign_in
from uprising.security.accounts import MAX_FAILED_LOGINS, LoginLimiter, Role
from uprising.security.photos import MAX_PHOTO_BYTES
from uprising.security.sessions import SESSION_COOKIE
from uprising.storage import tables as t
from uprising.web.submissions import MAX_BODY_BYTES

JSON = {"accept": "application/json"}

clients = security_support.clients
secure_app = security_support.secure_app


def _submit(client: TestClient, text: str = "Report", **files: Any) -> Any:
    return client.post("/api/submissions", data={"text": text, "csrf": csrf(client, "/submit")},
                       files=files or None, headers=JSON)


# -- CSRF ----------------------------------------------------------------------------------


def test_csrf_submission_without_the_token_is_refused(clients: dict[Role, Any]) -> None:
    corr = clients[Role.CORRESPONDENT]
    csrf(corr, "/submit")
    forged = corr.post("/submit", data={"text": "x", "csrf": "forged"}, headers=JSON)
    assert forged.status_code == 403
    api = corr.post("/api/submissions", data={"text": "x"}, headers=JSON)
    assert api.status_code == 403


def test_csrf_from_another_site_has_no_cookie_to_repeat(secure_app: Any) -> None:
    # Another site's page posts with the victim's session but cannot read or send the
    # SameSite=Strict CSRF cookie; modelled as a session cookie alone.
    with TestClient(secure_app, base_url=BASE) as victim:
        sign_in(victim, "editor1")
        session = victim.cookies.get(SESSION_COOKIE)
    with TestClient(secure_app, base_url=BASE, raise_server_exceptions=False) as attacker:
        attacker.cookies.set(SESSION_COOKIE, session or "")
        response = attacker.post(f"/submissions/{'0' * 32}/accept", data={"csrf": "guess"},
                                 headers=JSON)
        assert response.status_code == 403


def test_csrf_login_needs_the_token(secure_app: Any) -> None:
    with TestClient(secure_app, base_url=BASE) as client:
        response = client.post("/login", data={"name": "admin1", "password": PASSWORD,
                                               "csrf": "x"}, headers=JSON)
        assert response.status_code == 403


def test_session_cookie_is_httponly_strict_and_secure(secure_app: Any) -> None:
    with TestClient(secure_app, base_url=BASE) as client:
        response = sign_in(client, "admin1")
    cookie = next(v for k, v in response.headers.multi_items()
                  if k == "set-cookie" and v.startswith(SESSION_COOKIE))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "secure" in lowered


# -- session fixation ------------------------------------------------------------------------


def test_session_fixation_a_planted_cookie_is_never_promoted(secure_app: Any) -> None:
    planted = "attacker-chosen-value-0123456789abcdef"
    with TestClient(secure_app, base_url=BASE) as client:
        client.cookies.set(SESSION_COOKIE, planted)
        response = sign_in(client, "admin1")
        assert response.status_code == 200
        issued = response.cookies.get(SESSION_COOKIE)
    assert issued and issued != planted
    with TestClient(secure_app, base_url=BASE) as attacker:
        attacker.cookies.set(SESSION_COOKIE, planted)
        assert attacker.get("/api/me").json()["role"] == "public"


def test_logout_ends_the_session_on_the_server(secure_app: Any) -> None:
    with TestClient(secure_app, base_url=BASE) as client:
        sign_in(client, "admin1")
        value = client.cookies.get(SESSION_COOKIE) or ""
        client.post("/logout")
    with TestClient(secure_app, base_url=BASE) as replay:
        replay.cookies.set(SESSION_COOKIE, value)
        assert replay.get("/api/me").json()["role"] == "public"


# -- IDOR ----------------------------------------------------------------------------------


def test_idor_a_correspondent_cannot_read_anothers_submission(
        secure_app: Any, clients: dict[Role, Any]) -> None:
    own = _submit(clients[Role.CORRESPONDENT], "mine",
                  photo=("p.jpg", gps_jpeg(), "image/jpeg")).json()["submission"]
    with TestClient(secure_app, base_url=BASE) as other:
        sign_in(other, "correspondent2")
        assert other.get(f"/api/submissions/{own}").status_code == 404
        assert other.get(f"/submissions/{own}/photo").status_code == 404
        assert other.get("/api/submissions/mine").json()["rows"] == []
        assert other.get("/api/submissions").status_code == 403
    mine = clients[Role.CORRESPONDENT]
    assert mine.get(f"/api/submissions/{own}").status_code == 200
    assert [r["id"] for r in mine.get("/api/submissions/mine").json()["rows"]] == [own]
    assert clients[Role.PUBLIC].get(f"/api/submissions/{own}").status_code == 401


def test_idor_a_correspondent_cannot_decide_a_submission(clients: dict[Role, Any]) -> None:
    corr = clients[Role.CORRESPONDENT]
    own = _submit(corr).json()["submission"]
    token = csrf(corr, "/submit")
    assert corr.post(f"/submissions/{own}/accept", data={"csrf": token}).status_code == 403


# -- injection -------------------------------------------------------------------------------


def test_sql_injection_in_login_and_search_is_inert(secure_app: Any,
                                                    clients: dict[Role, Any]) -> None:
    engine = secure_app.state.db.engine
    with engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(t.users))
    with TestClient(secure_app, base_url=BASE, raise_server_exceptions=False) as client:
        for name in ("admin1' --", "' OR '1'='1", "admin1\"; DROP TABLE users; --"):
            assert sign_in(client, name, "' OR '1'='1").status_code == 401
    public = clients[Role.PUBLIC]
    for q in ("' OR 1=1 --", "\"; DROP TABLE documents; --", "x') UNION SELECT * FROM users--"):
        assert public.get("/api/documents", params={"q": q}).status_code in (200, 400)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(t.users)) == before
        assert conn.scalar(select(func.count()).select_from(t.documents))


def test_template_injection_in_a_submission_stays_text(secure_app: Any,
                                                       clients: dict[Role, Any]) -> None:
    payload = "{{ 7*7 }} {% raw %} <script>alert(1)</script> ${7*7}"
    sub = _submit(clients[Role.CORRESPONDENT], payload).json()["submission"]
    editor = clients[Role.EDITOR]
    assert editor.get(f"/api/submissions/{sub}").json()["submission"]["text"] == payload
    doc = editor.post(f"/submissions/{sub}/accept",
                      data={"csrf": csrf(editor, "/login")}).json()["document"]
    html = clients[Role.PUBLIC].get(f"/documents/{doc}").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[1][:5]


# -- uploads ---------------------------------------------------------------------------------


def test_path_traversal_in_an_upload_name_writes_only_inside_the_upload_folder(
        secure_app: Any, clients: dict[Role, Any], tmp_path: Path) -> None:
    for name in ("../../../escape.jpg", "/etc/escape.jpg", "..\\..\\escape.jpg"):
        response = _submit(clients[Role.CORRESPONDENT], "t",
                           photo=(name, gps_jpeg(), "image/jpeg"))
        assert response.status_code == 201
    uploads = Path(secure_app.state.upload_dir)
    stored = [p.name for p in uploads.iterdir()]
    assert len(stored) == 1 and stored[0].endswith(".jpg") and len(stored[0]) == 68
    assert not list(tmp_path.rglob("escape.jpg")) and not Path("/etc/escape.jpg").exists()


def test_path_traversal_in_a_photo_url_finds_nothing(clients: dict[Role, Any]) -> None:
    editor = clients[Role.EDITOR]
    for sub in ("..%2F..%2Fetc%2Fpasswd", "....", "%2e%2e"):
        assert editor.get(f"/submissions/{sub}/photo").status_code in (400, 404)


def test_oversized_uploads_are_refused_before_parsing(secure_app: Any,
                                                      clients: dict[Role, Any]) -> None:
    corr = clients[Role.CORRESPONDENT]
    token = csrf(corr, "/submit")
    big = corr.post("/api/submissions", content=b"x" * (MAX_BODY_BYTES + 1),
                    headers={**JSON, "content-type": "multipart/form-data; boundary=b"})
    assert big.status_code == 413

    def chunks() -> Any:  # no Content-Length: counted as it streams
        yield (b'--b\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\n'
               b"Content-Type: image/jpeg\r\n\r\n")
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536

    chunked = corr.post("/api/submissions", content=chunks(),
                        headers={**JSON, "content-type": "multipart/form-data; boundary=b"})
    assert chunked.status_code == 413
    photo = corr.post("/api/submissions", data={"text": "t", "csrf": token}, headers=JSON,
                      files={"photo": ("p.jpg", b"\xff" * (MAX_PHOTO_BYTES + 1), "image/jpeg")})
    assert photo.status_code == 413
    assert not Path(secure_app.state.upload_dir).exists()


def test_a_file_that_is_not_an_image_is_refused(clients: dict[Role, Any]) -> None:
    response = _submit(clients[Role.CORRESPONDENT], "t",
                       photo=("x.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "photo"


# -- password guessing -----------------------------------------------------------------------


def test_guessing_locks_the_account_even_for_the_right_password(secure_app: Any) -> None:
    with TestClient(secure_app, base_url=BASE, raise_server_exceptions=False) as client:
        for _ in range(MAX_FAILED_LOGINS):
            assert sign_in(client, "reviewer1", "wrong password!!").status_code == 401
        locked = sign_in(client, "reviewer1")
        assert locked.status_code == 401
        assert "reviewer1" not in locked.text
    security = secure_app.state.security
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    assert security.login("reviewer1", PASSWORD, now=later).principal is not None


def test_login_attempts_from_one_address_are_rate_limited(secure_app: Any) -> None:
    secure_app.state.login_limiter = LoginLimiter(limit=3, window=60)
    with TestClient(secure_app, base_url=BASE, raise_server_exceptions=False) as client:
        codes = [sign_in(client, f"nobody{i}", "x" * 12).status_code for i in range(5)]
    assert codes == [401, 401, 401, 429, 429]


def test_the_limiter_forgets_after_its_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(limit=2, window=10, clock=lambda: now[0])
    assert limiter.allow("a") and limiter.allow("a") and not limiter.allow("a")
    now[0] = 11.0
    assert limiter.allow("a")
