"""Shared by the security tests: an app with one account per role, signed-in clients, a JPEG
carrying GPS EXIF."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from uprising.security.accounts import ACCOUNT_ROLES, Role
from uprising.security.crypto import generate_key_line
from uprising.storage import Database
from uprising.storage.security_repo import SecurityStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"
BASE = "https://testserver"


def secure_settings(url: str, tmp_path: Path) -> dict[str, Any]:
    return {"database_url": url, "secret_key": generate_key_line(),
            "upload_dir": str(tmp_path / "uploads"), "cookie_secure": 1}


def add_accounts(url: str) -> None:
    with Database.open(url) as db:
        security = SecurityStore(db.engine)
        for role in ACCOUNT_ROLES:
            security.add_user(f"{role.value}1", role.value, PASSWORD)
        security.add_user("correspondent2", "correspondent", PASSWORD)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    client.get("/login")
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf": client.cookies.get("uprising_csrf") or ""},
                       headers={"accept": "application/json"})


def csrf(client: TestClient, page: str = "/login") -> str:
    client.get(page)
    return client.cookies.get("uprising_csrf") or ""


@pytest.fixture
def secure_app(tmp_path: Path) -> Iterator[Any]:
    from tests.web_support import load_samples
    from uprising.web import create_app

    url = "sqlite:///" + str(tmp_path / "secure.db")
    load_samples(url)
    add_accounts(url)
    yield create_app(secure_settings(url, tmp_path))


@pytest.fixture
def clients(secure_app: Any) -> Iterator[dict[Role, TestClient]]:
    """One client per role, signed in (the public one is not)."""
    opened: dict[Role, TestClient] = {}
    try:
        for role in Role:
            client = TestClient(secure_app, base_url=BASE, raise_server_exceptions=False)
            client.__enter__()
            opened[role] = client
            if role is not Role.PUBLIC:
                assert sign_in(client, f"{role.value}1").status_code == 200
        yield opened
    finally:
        for client in opened.values():
            client.__exit__(None, None, None)


def gps_jpeg() -> bytes:
    """A small JPEG whose EXIF holds a GPS position, a camera make and a comment."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "secret-app"  # Software
    gps = {1: "N", 2: (35.0, 41.0, 46.0), 3: "E", 4: (51.0, 25.0, 23.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"taken by someone")
    return out.getvalue()
