"""Errors: a bad parameter is a 400 in the one error shape naming it; nothing answers 500."""

from __future__ import annotations

import pytest

from tests import web_support
from tests.web_support import TestClient

SHAPE = {"ok", "error", "errors", "status"}

# (url, the parameter the answer must name)
BAD = [
    ("/api/claims?limit=0", "limit"),
    ("/api/claims?limit=501", "limit"),
    ("/api/claims?limit=ten", "limit"),
    ("/api/claims?offset=-1", "offset"),
    ("/api/claims?offset=99999999999999999999999", "offset"),
    ("/api/claims?measure=killd", "measure"),
    ("/api/claims?subject=aliens", "subject"),
    ("/api/claims?place=Tehran", "place"),
    ("/api/claims?since=2022-13-01", "since"),
    ("/api/claims?until=yesterday", "until"),
    ("/api/claims?sort=random", "sort"),
    ("/api/claims?document_id=abc", "document_id"),
    ("/api/documents?since=2022-02-30", "since"),
    ("/api/documents?q=" + "x" * 501, "q"),
    ("/api/documents?q=%00", "q"),
    ("/api/documents?language=%01en", "language"),
    ("/api/persons?fate=vanished", "fate"),
    ("/api/incidents?type=party", "type"),
    ("/api/incidents?place=IR-1", "place"),
    ("/api/review?kind=document", "kind"),
    ("/api/review?limit=1000", "limit"),
    ("/claims.json?limit=-5", "limit"),
    ("/claims.csv?measure=nope", "measure"),
    ("/api/claims/not-a-hash", "claim_id"),
    ("/api/documents/sha256:zz", "doc_id"),
    ("/reports/0", "week"),
    ("/reports/week", "week"),
]

# Fixtures shared with the other web tests.
any_database_url = web_support.any_database_url
client = web_support.client
loaded_url = web_support.loaded_url


@pytest.mark.parametrize(("url", "parameter"), BAD, ids=[b[0][:60] for b in BAD])
def test_bad_parameter_is_400_in_the_error_shape_naming_it(
    client: TestClient, url: str, parameter: str
) -> None:
    response = client.get(url, headers={"accept": "application/json"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == SHAPE
    assert body["ok"] is False and body["status"] == 400
    assert parameter in {e["parameter"] for e in body["errors"]}
    assert parameter in body["error"]


@pytest.mark.parametrize(("url", "parameter"), BAD[:6])
def test_html_pages_show_the_same_error(client: TestClient, url: str, parameter: str) -> None:
    response = client.get(url.removeprefix("/api"))
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert parameter in response.text


@pytest.mark.parametrize("url", ["/api/claims/" + "0" * 64, "/documents/sha256:" + "0" * 64,
                                 "/persons/" + "1" * 64, "/no/such/page"])
def test_unknown_records_are_404_in_the_error_shape(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"accept": "application/json"})
    assert response.status_code == 404
    assert set(response.json()) == SHAPE


# Odd but valid input, and hostile input, across every list: none of it may answer 500.
ODD_VALUES = ["", " ", "'", '"', "%", "_", "\\", "*", "(", ")", "--", ";", "' OR 1=1 --",
              "NEAR(a b)", "a:b", "^", "ﷺ", "نفر", "😀", "\u200c", "a" * 500, "1e309", "-0",
              "9" * 30, "null", "[]", "{}", "<script>", "../../etc/passwd"]
PARAMS = {
    "/api/documents": ["q", "source", "language", "since", "until", "limit", "offset"],
    "/api/claims": ["measure", "subject", "source", "place", "since", "until", "sort", "limit",
                    "offset", "document_id"],
    "/api/persons": ["fate", "limit", "offset"],
    "/api/incidents": ["type", "place", "since", "until", "limit", "offset"],
    "/api/review": ["kind", "limit", "offset"],
}


@pytest.mark.parametrize("path", sorted(PARAMS))
def test_no_value_of_any_parameter_answers_500(client: TestClient, path: str) -> None:
    for name in PARAMS[path]:
        for value in ODD_VALUES:
            response = client.get(path, params={name: value})
            assert response.status_code in (200, 400), (name, value, response.status_code)
            assert response.json()["ok"] is (response.status_code == 200)


def test_html_pages_escape_what_they_echo(client: TestClient) -> None:
    response = client.get("/documents", params={"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
