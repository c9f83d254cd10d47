"""HTML pages: what each shows, highlighted spans linked to records, figures linked to quotes."""

from __future__ import annotations

import re

import pytest

from tests import web_support
from tests.web_support import TestClient
from uprising.web.render import mark_snippet, segments

PAGES = ["/", "/documents", "/documents?q=killed", "/claims", "/claims?measure=killed&place=IR",
         "/persons", "/incidents", "/reports", "/review", "/review?kind=person", "/api/docs"]

# Fixtures shared with the other web tests.
any_database_url = web_support.any_database_url
client = web_support.client
loaded_url = web_support.loaded_url


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_html(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_dashboard_shows_chart_map_and_weekly_reports(client: TestClient) -> None:
    html = client.get("/").text
    assert '<svg class="chart"' in html and '<svg class="map"' in html
    assert re.search(r'href="/reports/\d+"', html)
    assert "As of" in html


def test_every_dashboard_figure_links_to_a_claim_whose_page_shows_its_quote(
    client: TestClient,
) -> None:
    html = client.get("/").text
    links = re.findall(r'<a class="figure" href="(/claims/[0-9a-f]{64})"', html)
    assert links
    for link in links[:10]:
        page = client.get(link)
        assert page.status_code == 200 and "<mark>" in page.text


def test_document_page_highlights_spans_linked_to_their_records(client: TestClient) -> None:
    claims = client.get("/api/claims?limit=1").json()["rows"]
    doc_id = claims[0]["document_id"]
    html = client.get(f"/documents/{doc_id}").text
    assert f'href="/claims/{claims[0]["id"]}"' in html
    assert f'id="claim-{claims[0]["id"]}"' in html
    assert 'class="span claim"' in html


def test_weekly_report_page_renders(client: TestClient) -> None:
    week = client.get("/api/reports").json()["weeks"][0]["week"]
    response = client.get(f"/reports/{week}")
    assert response.status_code == 200 and f"Week {week}" in response.text


SEGMENT_CASES = [
    ("abcdef", [], [("abcdef", ())]),
    ("abcdef", [("claim", "c", 1, 3)], [("a", ()), ("bc", ("c",)), ("def", ())]),
    ("abcdef", [("claim", "c", 0, 4), ("person", "p", 2, 6)],
     [("ab", ("c",)), ("cd", ("c", "p")), ("ef", ("p",))]),
    ("abc", [("claim", "c", 2, 9)], [("abc", ())]),  # out of range: ignored
]


@pytest.mark.parametrize(("text", "spans", "expected"), SEGMENT_CASES)
def test_segments_cut_at_every_boundary_and_keep_overlaps(
    text: str, spans: list[tuple[str, str, int, int]],
    expected: list[tuple[str, tuple[str, ...]]],
) -> None:
    got = [(s.text, tuple(i for _, i in s.records)) for s in segments(text, spans)]
    assert got == expected
    assert "".join(s.text for s in segments(text, spans)) == text


def test_snippet_marks_are_the_only_markup() -> None:
    assert str(mark_snippet("<b>\x02x\x03</b>")) == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"
