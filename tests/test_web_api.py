"""The JSON API: JSON twins of every page, pagination, CSV downloads, OpenAPI, reviews."""

from __future__ import annotations

import csv
import io

import pytest

from tests import web_support
from tests.web_support import TestClient

TABLES = ["/documents", "/claims", "/persons", "/incidents"]

# Fixtures shared with the other web tests.
any_database_url = web_support.any_database_url
client = web_support.client
loaded_url = web_support.loaded_url


@pytest.mark.parametrize("path", ["/", *TABLES, "/reports", "/review"])
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    twin = "/index.json" if path == "/" else path + ".json"
    by_suffix = client.get(twin)
    by_header = client.get(path, headers={"accept": "application/json"})
    assert by_suffix.status_code == by_header.status_code == 200
    assert by_suffix.json()["ok"] is True
    links = ("next", "previous")  # each points at its own form of the page
    assert ({k: v for k, v in by_suffix.json().items() if k not in links}
            == {k: v for k, v in by_header.json().items() if k not in links})


@pytest.mark.parametrize("path", TABLES)
def test_api_lists_are_paginated_with_links(client: TestClient, path: str) -> None:
    body = client.get(f"/api{path}?limit=2").json()
    assert body["limit"] == 2 and body["offset"] == 0 and len(body["rows"]) <= 2
    if body["total"] > 2:
        following = client.get(body["next"]).json()
        assert following["offset"] == 2
        assert {r["id"] for r in following["rows"]}.isdisjoint(r["id"] for r in body["rows"])


@pytest.mark.parametrize("path", TABLES)
def test_csv_of_a_filtered_table_has_the_same_rows(client: TestClient, path: str) -> None:
    response = client.get(f"{path}.csv?limit=5")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = client.get(f"{path}.json?limit=5").json()["rows"]
    assert [r["id"] for r in rows] == [str(r["id"]) for r in listed]


def test_claims_filter_by_measure_place_and_period(client: TestClient) -> None:
    body = client.get("/api/claims?measure=killed&place=IR&since=2022-10-01&limit=500").json()
    assert body["total"] > 0
    for row in body["rows"]:
        assert row["measure"] == "killed" and row["place"] == "IR"
        assert row["date"] >= "2022-10-01"


def test_claims_sort_by_low_descending(client: TestClient) -> None:
    rows = client.get("/api/claims?sort=-low&limit=50").json()["rows"]
    lows = [r["low"] for r in rows if r["low"] is not None]
    assert lows == sorted(lows, reverse=True)


def test_search_finds_documents_with_every_word(client: TestClient) -> None:
    body = client.get("/api/documents?q=arrested").json()
    assert body["total"] > 0
    everything = client.get("/api/documents?limit=500").json()
    assert body["total"] < everything["total"]
    for row in body["rows"]:
        assert "arrested" in row["snippet"].lower()


def test_search_treats_operators_as_words(client: TestClient) -> None:
    for query in ['"unbalanced', "NOT OR AND", "a*:b", "-(x)"]:
        assert client.get("/api/documents", params={"q": query}).status_code == 200


def test_dashboard_figures_link_to_quotes(client: TestClient) -> None:
    body = client.get("/api/dashboard").json()
    assert body["figures"], "the samples hold national figures"
    first = body["figures"][0]["sources"][0]
    claim = client.get(f"/api/claims/{first['claim']}").json()
    assert claim["record"]["quote"] == first["quote"] == claim["context"]["quote"]
    assert first["as_of"]


def test_document_json_lists_its_records_with_offsets(client: TestClient) -> None:
    doc = client.get("/api/documents?limit=1").json()["rows"][0]
    body = client.get(f"/api/documents/{doc['id']}").json()
    text = body["document"]["text"]
    for kind in ("claims", "persons", "incidents"):
        for record in body[kind]:
            assert text[record["start"]:record["end"]] == record["quote"]


def test_person_page_gathers_every_mention(client: TestClient) -> None:
    rows = client.get("/api/persons?limit=500").json()["rows"]
    assert rows
    busiest = max(rows, key=lambda r: r["mentions"])
    body = client.get(f"/api/persons/{busiest['id']}").json()
    assert len(body["mentions"]) == busiest["mentions"]
    assert isinstance(body["conflicts"], dict)


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/claims", "/api/documents", "/api/dashboard", "/api/review"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"measure", "place", "since", "until", "sort", "limit", "offset"} <= names


def _token(client: TestClient) -> str:
    client.get("/review")
    token = client.cookies.get("uprising_csrf")
    assert token
    return token


def test_review_correction_is_versioned_and_leaves_the_queue(client: TestClient) -> None:
    queue = client.get("/api/review?kind=claim").json()
    record = queue["rows"][0]
    form = {"decision": "correct", "reviewer": "editor1", "csrf": _token(client),
            "corrected": '{"low": 7}'}
    response = client.post(f"/review/claim/{record['id']}", data=form,
                           headers={"accept": "application/json"})
    assert response.status_code == 201
    after = client.get("/api/review?kind=claim").json()
    assert after["total"] == queue["total"] - 1
    reviews = client.get(f"/api/claims/{record['id']}").json()["record"]["reviews"]
    assert [(r["decision"], r["corrected"]) for r in reviews] == [("correct", {"low": 7})]
    second = dict(form, decision="confirm")
    client.post(f"/review/claim/{record['id']}", data=second)
    reviews = client.get(f"/api/claims/{record['id']}").json()["record"]["reviews"]
    assert [r["decision"] for r in reviews] == ["correct", "confirm"]


def test_review_without_the_csrf_token_is_refused(client: TestClient) -> None:
    record = client.get("/api/review?kind=claim").json()["rows"][0]
    _token(client)
    response = client.post(f"/review/claim/{record['id']}",
                           data={"decision": "confirm", "reviewer": "x", "csrf": "forged"},
                           headers={"accept": "application/json"})
    assert response.status_code == 403
    assert response.json()["errors"][0]["parameter"] == "csrf"
