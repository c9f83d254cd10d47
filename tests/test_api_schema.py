"""Schemathesis walks the OpenAPI description: every operation, generated parameters (bounded).

Whatever the parameters, an answer is never a 5xx, always in the one error shape when it is an
error, and conforms to the description; the app runs as an admin through an API token, so every
operation is reached (the role matrix itself is `test_roles.py`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.security_support import secure_settings
from tests.web_support import load_samples

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.checks import not_a_server_error


def _app(tmp: Path) -> Any:
    from uprising.web import create_app

    url = "sqlite:///" + str(tmp / "schema.db")
    load_samples(url)
    return create_app(secure_settings(url, tmp))


APP = _app(Path(__import__("tempfile").mkdtemp(prefix="uprising-schema-")))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_operations_never_fail_and_keep_the_error_shape(case: Any) -> None:
    response = case.call(headers={"Accept": "application/json"})
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert "application/json" in str(response.headers.get("content-type")), (
            case.method, case.formatted_path, response.request.url)
        body = response.json()
        assert set(body) == {"ok", "error", "errors", "status"}
        assert body["ok"] is False and body["status"] == response.status_code


def test_the_description_lists_the_submission_endpoint() -> None:
    paths = APP.openapi()["paths"]
    assert "/api/submissions" in paths and "post" in paths["/api/submissions"]
    assert "/api/users" in paths


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
