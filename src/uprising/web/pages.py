"""The pages, each with its JSON twin: the same view answers `/claims` (HTML), `/claims.json`,
`/api/claims` (JSON) and, for tables, `/claims.csv`; an `Accept: application/json` header turns
any HTML URL into its JSON twin. URLs carry only filters and record ids (content hashes), never a
person's name, so they are stable, shareable and safe to log.

A view returns a plain dict. Keys starting with `_` are markup for the HTML page only (charts,
the highlighted text) and are left out of the JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from uprising.analysis.tally import describe_bounds
from uprising.reports.maps import province_shapes
from uprising.storage import Database
from uprising.storage.search import ClaimQuery, DocumentQuery, IncidentQuery, Page
from uprising.vocab import Fate, IncidentType, Measure, Qualifier, Subject
from uprising.web.api import ApiError, csv_response, json_response, wants_json
from uprising.web.render import chart_svg, map_svg, segments

__all__ = ["router"]

LOGGER = logging.getLogger(__name__)

router = APIRouter()

View = Callable[..., dict[str, Any]]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page (1-500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Day = Annotated[dt.date | None, Query(description="A day, YYYY-MM-DD.")]
Place = Annotated[str | None, Query(
    pattern=r"^IR(-\d\d)?$", description="ISO 3166 code: IR or a province, IR-01 ... IR-32.")]
Text = Annotated[str | None, Query(max_length=200)]
RecordId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="A record's content hash.")]
DocId = Annotated[str, Path(pattern=r"^sha256:[0-9a-f]{64}$", description="A document's id.")]
CHART_MEASURES = (Measure.KILLED, Measure.ARRESTED, Measure.SENTENCED_TO_DEATH)
CLAIM_COLUMNS = ("id", "measure", "subject", "low", "high", "qualifier", "place", "city", "date",
                 "source", "quote", "start", "end", "document_id", "published", "publisher",
                 "url", "extractor_version")
CONTEXT = 300  # characters shown either side of a quote on a record's page


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def page(path: str, template: str, *, csv: Sequence[str] = (), json_path: str | None = None,
         api_path: str | None = None) -> Callable[[View], View]:
    """Register a view as its HTML page, its JSON twins and, with `csv` columns, a CSV table."""

    def decorate(view: View) -> View:
        # Suffixed routes first: "/claims/{id}" would otherwise swallow "/claims/{id}.json".
        routes = [(json_path or path + ".json", "json"), (api_path or "/api" + path, "json")]
        if csv:
            routes.append((path + ".csv", "csv"))
        routes.append((path, "html"))
        for route, fmt in routes:
            router.add_api_route(route, _endpoint(view, template, fmt, csv), methods=["GET"],
                                 include_in_schema=route.startswith("/api"),
                                 response_model=None, name=f"{view.__name__}_{fmt}")
        return view

    return decorate


def _endpoint(view: View, template: str, fmt: str, columns: Sequence[str]) -> Callable[..., Any]:
    @functools.wraps(view)
    def endpoint(request: Request, **kwargs: Any) -> Response:
        data = view(request, **kwargs)
        if fmt == "csv":
            return csv_response(columns, data["rows"], template.removesuffix(".html"))
        public = {k: v for k, v in data.items() if not k.startswith("_")}
        if fmt == "json" or wants_json(request):
            return json_response(public)
        response: Response = request.app.state.templates.TemplateResponse(
            request, template, {**data, "json_url": _twin(request)})
        return response

    return endpoint


def _twin(request: Request) -> str:
    path = request.url.path
    twin = "/index.json" if path == "/" else path + ".json"
    return twin + (f"?{request.url.query}" if request.url.query else "")


def _paged(request: Request, result: Page) -> dict[str, Any]:
    """Rows with the total and links to the neighbouring pages (same filters)."""
    url = request.url
    after = result.offset + result.limit
    return {
        "rows": list(result.rows), "total": result.total, "limit": result.limit,
        "offset": result.offset,
        "next": str(url.include_query_params(offset=after)) if after < result.total else None,
        "previous": str(url.include_query_params(offset=max(0, result.offset - result.limit)))
        if result.offset else None,
    }


def _shown(row: dict[str, Any]) -> str:
    return describe_bounds(Qualifier(row["qualifier"]), row["low"], row["high"])


# -- dashboard ---------------------------------------------------------------------------------


@page("/", "dashboard.html", json_path="/index.json", api_path="/api/dashboard")
def dashboard(request: Request) -> dict[str, Any]:
    """Latest national figure per source with as-of dates, the running chart, the map, reports."""
    browse = _db(request).browse()
    stamp = browse.data_stamp()
    cache: dict[str, Any] = request.app.state.cache
    held = cache.get("dashboard")
    if held is not None and held[0] == stamp:
        result: dict[str, Any] = held[1]
        return result
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for row in browse.latest_figures("IR"):
        groups.setdefault((row["measure"], row["subject"]), []).append(
            {"source": row["source_label"], "figure": _shown(row), "low": row["low"],
             "high": row["high"], "as_of": row["as_of"], "claim": row["id"],
             "document_id": row["document_id"], "quote": row["quote"]})
    order = list(Measure)
    figures = [{"measure": m, "subject": s, "sources": rows}
               for (m, s), rows in sorted(groups.items(),
                                          key=lambda kv: (order.index(Measure(kv[0][0])),
                                                          kv[0][1] or ""))]
    series = {m.value: browse.series(m.value) for m in CHART_MEASURES}
    places = browse.place_counts()
    first, last = browse.published_range()
    result = {
        "figures": figures, "series": series, "places": places, "weeks": _weeks(first, last),
        "_charts": [(m, chart_svg(_by_source(rows), title=f"{m}, running figures per source"))
                    for m, rows in series.items()],
        "_map": map_svg(province_shapes(), {p: c["claims"] for p, c in places.items()},
                        link="/claims?place="),
    }
    cache["dashboard"] = (stamp, result)
    return result


def _by_source(rows: list[dict[str, Any]]) -> dict[str, list[tuple[dt.date, int]]]:
    out: dict[str, list[tuple[dt.date, int]]] = {}
    for row in rows:
        out.setdefault(row["source"], []).append((dt.date.fromisoformat(row["as_of"][:10]),
                                                  int(row["low"])))
    return out


def _weeks(first: dt.date | None, last: dt.date | None) -> list[dict[str, Any]]:
    from uprising.reports.weekly import week_bounds, week_of

    if first is None or last is None:
        return []
    weeks = []
    for week in range(week_of(first), week_of(last) + 1):
        start, end = week_bounds(week)
        weeks.append({"week": week, "start": start, "end": end, "url": f"/reports/{week}"})
    return weeks


# -- documents ---------------------------------------------------------------------------------


@page("/documents", "documents.html",
      csv=("id", "title", "published", "publisher", "language", "url"))
def documents(request: Request, q: Text = None, source: Text = None, language: Text = None,
              since: Day = None, until: Day = None, limit: Limit = 50,
              offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest first; `q` searches their title and text (every word must occur)."""
    query = DocumentQuery(q=q, source=source, language=language, since=since, until=until,
                          limit=limit, offset=offset)
    browse = _db(request).browse()
    return {**_paged(request, browse.documents(query)),
            "filters": {"q": q, "source": source, "language": language, "since": since,
                        "until": until},
            "_publishers": browse.publishers()}


@page("/documents/{doc_id}", "document.html")
def document(request: Request, doc_id: DocId) -> dict[str, Any]:
    """One document with every extracted span highlighted and linked to its record."""
    db = _db(request)
    doc = db.document(doc_id)
    if doc is None:
        raise ApiError(404, "no document with this id")
    records = db.browse().document_records(doc_id)
    spans = [(kind, row["id"], row["start"], row["end"])
             for kind, rows in records.items() for row in rows]
    for row in records["claim"]:
        row["figure"] = _shown(row)
    return {"document": {"id": doc.id, "title": doc.title, "published": doc.published,
                         "publisher": doc.publisher, "url": doc.url, "language": doc.language,
                         "text": doc.text},
            "claims": records["claim"], "persons": records["person"],
            "incidents": records["incident"], "_segments": segments(doc.text, spans)}


# -- claims ------------------------------------------------------------------------------------


@page("/claims", "claims.html", csv=CLAIM_COLUMNS)
def claims(request: Request, measure: Measure | None = None, subject: Subject | None = None,
           source: Text = None, place: Place = None, since: Day = None, until: Day = None,
           document_id: Annotated[str | None, Query(pattern=r"^sha256:[0-9a-f]{64}$")] = None,
           sort: Literal["date", "-date", "low", "-low", "published", "-published",
                         "measure"] = "-date",
           limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Claims filtered by measure, subject, source, place and period; sorted and paged."""
    query = ClaimQuery(measure=measure.value if measure else None,
                       subject=subject.value if subject else None, source=source, place=place,
                       since=since, until=until, document_id=document_id, sort=sort,
                       limit=limit, offset=offset)
    result = _paged(request, _db(request).browse().claims(query))
    for row in result["rows"]:
        row["figure"] = _shown(row)
    filters = {"measure": measure, "subject": subject, "source": source, "place": place,
               "since": since, "until": until, "sort": sort}
    return {**result, "filters": filters, "_measures": list(Measure),
            "_subjects": list(Subject)}


def _record(request: Request, kind: str, record_id: str) -> dict[str, Any]:
    db = _db(request)
    row = db.browse().record(kind, record_id)
    if row is None:
        raise ApiError(404, f"no {kind} with this id")
    doc = db.document(row["document_id"])
    text = doc.text if doc else ""
    start, end = row["start"], row["end"]
    left = max(0, start - CONTEXT)
    row["rules"] = json.loads(row["rules"])
    for review in row["reviews"]:
        review["corrected"] = json.loads(review["corrected"]) if review["corrected"] else None
        review.pop("previous", None)
    if kind == "claim":
        row["figure"] = _shown(row)
    return {"kind": kind, "record": row,
            "context": {"before": text[left:start], "quote": text[start:end],
                        "after": text[end:end + CONTEXT]}}


@page("/claims/{claim_id}", "record.html")
def claim(request: Request, claim_id: RecordId) -> dict[str, Any]:
    """One claim: its figure, quote in context, source, document and reviews."""
    return _record(request, "claim", claim_id)


# -- persons -----------------------------------------------------------------------------------


@page("/persons", "persons.html", csv=("id", "name", "mentions", "documents"))
def persons(request: Request, fate: Fate | None = None, limit: Limit = 50,
            offset: Offset = 0) -> dict[str, Any]:
    """Named persons, each with how many records and documents mention them."""
    result = _db(request).browse().persons(limit=limit, offset=offset,
                                           fate=fate.value if fate else None)
    return {**_paged(request, result), "filters": {"fate": fate}, "_fates": list(Fate)}


@page("/persons/{person_id}", "person.html")
def person(request: Request, person_id: RecordId) -> dict[str, Any]:
    """Every report that names this person, and where the reports disagree."""
    mentions = _db(request).browse().person_mentions(person_id)
    if not mentions:
        raise ApiError(404, "no person with this id")
    for row in mentions:
        row["fates"], row["ages"] = json.loads(row["fates"]), json.loads(row["ages"])
        row["rules"] = json.loads(row["rules"])
    conflicts = {}
    for field in ("age", "gender", "place", "city", "date"):
        values = sorted({str(m[field]) for m in mentions if m[field] is not None})
        if len(values) > 1:
            conflicts[field] = values
    fates = sorted({tuple(m["fates"]) for m in mentions})
    if len(fates) > 1:
        conflicts["fates"] = [", ".join(f) for f in fates]
    return {"name": mentions[0]["name"], "mentions": mentions, "conflicts": conflicts}


# -- incidents ---------------------------------------------------------------------------------


@page("/incidents", "incidents.html",
      csv=("id", "type", "place", "city", "date", "quote", "start", "end", "document_id",
           "published", "publisher"))
def incidents(request: Request, type: IncidentType | None = None, place: Place = None,
              since: Day = None, until: Day = None, limit: Limit = 50,
              offset: Offset = 0) -> dict[str, Any]:
    """Incidents by type, place and day, with a map of where they happened."""
    browse = _db(request).browse()
    query = IncidentQuery(type=type.value if type else None, place=place, since=since,
                          until=until, limit=limit, offset=offset)
    counts = {p: c["incidents"] for p, c in browse.place_counts().items()}
    return {**_paged(request, browse.incidents(query)),
            "filters": {"type": type, "place": place, "since": since, "until": until},
            "places": counts, "_types": list(IncidentType),
            "_map": map_svg(province_shapes(), counts, link="/incidents?place=")}


@page("/incidents/{incident_id}", "record.html")
def incident(request: Request, incident_id: RecordId) -> dict[str, Any]:
    """One incident with its quote in context."""
    return _record(request, "incident", incident_id)


@page("/person-records/{record_id}", "record.html")
def person_record(request: Request, record_id: RecordId) -> dict[str, Any]:
    """One person record (a single mention) with its quote in context."""
    return _record(request, "person", record_id)


# -- weekly reports ----------------------------------------------------------------------------


@page("/reports", "reports.html")
def reports(request: Request) -> dict[str, Any]:
    """The weeks the stored documents cover, each linking to its report."""
    first, last = _db(request).browse().published_range()
    return {"weeks": _weeks(first, last)}


@page("/reports/{week}", "report.html")
def report(request: Request, week: Annotated[int, Path(ge=1, le=1000)]) -> dict[str, Any]:
    """The weekly report of week N, as `uprising report` writes it."""
    from uprising.cli.publish import _place_name, figures_from
    from uprising.reports import IncidentSeen, build_weekly_report, week_bounds
    from uprising.reports.markdown import render_markdown

    db = _db(request)
    start, end = week_bounds(week)
    seen = [IncidentSeen(incident=r.incident, document_id=r.document_id,
                         published=r.published, publisher=r.publisher)
            for r in db.incident_rows()]
    built = build_weekly_report(figures_from(db), seen, start=start, end=end, week=week)
    return {"week": week, "start": start, "end": end,
            "markdown": render_markdown(built, _place_name)}
