"""The web UI: server-rendered pages (Jinja2, every value autoescaped) that work
without JavaScript; ``static/js`` adds the map, the timeline, the events table
and the fact pop-overs, building DOM with ``textContent`` only."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path as FsPath
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..errors import NotFound
from ..extract.events.taxonomy import TYPES
from ..store import pages
from .api.articles import filters_from
from .api.common import COUNTRY, DATE, store_of
from .api.events import BBOX, NEAR
from .api.facts import entity_document, split_key
from .events_index import has_events_api, require_events
from .highlight import article_facts, country_name, entity_href, fact_anchor, render_block, render_marked
from .pagination import decode_cursor, encode_cursor, offset_from

__all__ = ["router", "render_error_page"]

TEMPLATES = FsPath(__file__).parent / "templates"
router = APIRouter(include_in_schema=False)

EVENT_TYPES = sorted({t.type for t in TYPES})
_PAGE = 25


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(country_name=country_name, entity_href=entity_href, quote=quote, fact_anchor=fact_anchor,
                       EVENT_TYPES=EVENT_TYPES)
    env.filters["day"] = lambda v: (v or "")[:10]
    env.filters["figure"] = _figure_text
    return env


def render(name: str, status: int = 200, **ctx) -> HTMLResponse:
    return HTMLResponse(_env().get_template(name).render(**ctx), status_code=status)


def render_error_page(status: int, message: str) -> str:
    return _env().get_template("error.html").render(status=status, message=message, title=f"Error {status}")


def _figure_text(value) -> str:
    from .highlight import _figure

    return _figure(value) or "–"


def _url(path: str, params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    merged.pop("cursor", None) if "cursor" not in changes else None
    return path + ("?" + urlencode(merged) if merged else "")


# -- search and article list ---------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str | None = Query(None, max_length=500),
    since: str | None = Query(None, pattern=DATE),
    until: str | None = Query(None, pattern=DATE),
    source: str | None = Query(None, max_length=300),
    country: str | None = Query(None, pattern=COUNTRY),
    event_type: str | None = Query(None, max_length=100),
    has_events: bool | None = Query(None),
    cursor: str | None = Query(None, max_length=2000),
):
    store = store_of(request)
    params = {"q": q, "since": since, "until": until, "source": source, "country": country,
              "event_type": event_type, "has_events": has_events}
    flt = filters_from(store, q, since, until, source, country, has_events, event_type)
    state = decode_cursor(cursor)
    with pages.reading(store) as db:
        rows, nxt = pages.article_page(db, flt, _PAGE, state if _state_fits(state, flt) else {})
        facets = pages.article_facets(db, flt)
    facet_groups = [
        ("Month", "month", lambda v: v, lambda v: {"since": v, "until": v}),
        ("Country", "country", lambda v: f"{country_name(v)} ({v})", lambda v: {"country": v}),
        ("Event type", "event_type", lambda v: v, lambda v: {"event_type": v}),
        ("Source", "source", lambda v: v, lambda v: {"source": v}),
    ]
    groups = []
    for label, key, show, change in facet_groups:
        items = []
        for f in facets.get(key) or []:
            ch = change(f["value"])
            active = all(params.get(k) == v for k, v in ch.items())
            link = _url("/", params, **({k: None for k in ch} if active else ch))
            items.append({"label": show(f["value"]), "count": f["count"], "href": link, "active": active})
        groups.append({"label": label, "items": items})
    active = [(k, v, _url("/", params, **{k: None})) for k, v in params.items() if v not in (None, "")]
    return render("index.html", title=(f"{q} — search" if q else "Articles"), params=params, rows=rows,
                  total=facets.get("total", 0), groups=groups, active=active,
                  next_href=_url("/", params, cursor=encode_cursor(nxt)) if nxt else None,
                  first_href=_url("/", params) if cursor else None)


def _state_fits(state: dict, flt) -> bool:
    if not state:
        return True
    key = state.get("k")
    return ("o" in state) if flt.q else (isinstance(key, list) and len(key) == 2
                                         and all(isinstance(k, str) for k in key))


# -- article reader ------------------------------------------------------------

def _incidents(store, article_id: str) -> dict[str, str]:
    fn = getattr(store, "article_events", None)
    if not callable(fn):
        return {}
    from .api.facts import _incident_ids

    return _incident_ids(fn, article_id)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str = Path(..., max_length=64)):
    store = store_of(request)
    with pages.reading(store) as db:
        found = pages.article_doc(db, article_id.strip())
    if found is None:
        store.get(article_id)
        raise NotFound(f"no article with id {article_id!r}")
    doc = json.loads(found[1])
    text = doc["text"]
    marks, facts = article_facts(doc, _incidents(store, doc["id"]))
    headline = doc.get("headline")
    headline_html = render_block(text, marks, 0, len(headline)) if headline and text.startswith(headline) else None
    highlights = [render_block(text, marks, s["start"], s["end"]) for s in doc.get("highlights") or []]
    captions = []
    for c in doc.get("captions") or []:
        credit = c.get("credit")
        end = c["end"]
        if credit and c["start"] <= credit["start"] and credit["end"] <= c["end"]:
            end = credit["start"]
        captions.append({"html": render_block(text, marks, c["start"], end), "credit": credit["text"] if credit else None})
    body = sorted([("p", p["start"], p["end"]) for p in doc.get("paragraphs") or []] +
                  [("h2", s["start"], s["end"]) for s in doc.get("subheads") or []], key=lambda b: b[1])
    blocks = [{"tag": tag, "html": render_block(text, marks, s, e)} for tag, s, e in body]
    groups = {}
    for fact in facts.values():
        groups.setdefault(fact.kind, []).append(fact)
    panel = [(label, groups.get(kind, [])) for kind, label in
             (("quote", "Quotes"), ("event", "Events"), ("entity", "Entities"), ("place", "Places"),
              ("time", "Dates"), ("quantity", "Quantities")) if groups.get(kind)]
    data = {f.key: f.to_json() for f in facts.values()}
    return render("article.html", title=headline or doc["id"], doc=doc, headline_html=headline_html,
                  highlights=highlights, captions=captions, blocks=blocks, panel=panel,
                  facts_json=Markup(_script_json(data)), source=pages.source_name(
                      (doc.get("source") or {}).get("path"), (doc.get("source") or {}).get("url")))


def _script_json(value) -> str:
    """JSON safe inside a ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    return (json.dumps(value, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# -- events --------------------------------------------------------------------

@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    type: str | None = Query(None, max_length=100),
    country: str | None = Query(None, pattern=COUNTRY),
    since: str | None = Query(None, pattern=DATE),
    until: str | None = Query(None, pattern=DATE),
    near: str | None = Query(None, pattern=NEAR),
    bbox: str | None = Query(None, pattern=BBOX),
    min_killed: int | None = Query(None, ge=0),
):
    store = store_of(request)
    params = {"type": type, "country": country, "since": since, "until": until, "near": near, "bbox": bbox,
              "min_killed": min_killed}
    api = "/api/events?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return render("events.html", title="Events", params=params, api_query=api,
                  available=has_events_api(store),
                  csv_href=api + ("&" if "?" in api and not api.endswith("?") else "") + "format=csv&limit=5000",
                  geojson_href=api + ("&" if not api.endswith("?") else "") + "format=geojson&limit=5000")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str = Path(..., max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")):
    store = store_of(request)
    require_events(store)
    incident = store.event(event_id)
    reports = []
    with pages.reading(store) as db:
        for rep in incident.get("reports") or []:
            got = pages.article_doc(db, rep.get("article_id") or "")
            doc = json.loads(got[1]) if got else None
            reports.append(_report_view(rep, doc))
    place = incident.get("place") if isinstance(incident.get("place"), dict) else {}
    date = incident.get("date")
    view = {"id": incident.get("id"), "type": incident.get("type"), "subtype": incident.get("subtype"),
            "code": incident.get("code"), "date": date.get("value") if isinstance(date, dict) else date,
            "place_name": incident.get("place_name") or place.get("name"),
            "admin1": incident.get("admin1") or place.get("admin1"),
            "country": incident.get("country") or place.get("country"),
            "lat": incident.get("lat", place.get("lat")), "lon": incident.get("lon", place.get("lon")),
            "killed": incident.get("killed"), "injured": incident.get("injured"),
            "actors": [(label, (incident.get(role) or {}).get("text"))
                       for role, label in (("actor1", "Actor"), ("actor2", "Second actor"), ("target", "Target"))
                       if isinstance(incident.get(role), dict) and incident[role].get("text")]}
    return render("event.html", title=f"{view['subtype'] or view['type'] or 'Event'}", incident=view,
                  reports=reports)


def _report_view(rep: dict, doc: dict | None) -> dict:
    view = {"rep": rep, "doc": doc, "contexts": [], "event": None}
    if doc is None:
        return view
    ev = next((e for e in doc.get("events") or [] if e.get("id") == rep.get("event_id")), None)
    view["event"] = ev
    evidence = rep.get("evidence") or (ev or {}).get("evidence") or []
    spans = [(s["start"], s["end"], "evidence", "evidence") for s in evidence if "start" in s]
    for fig in ("killed", "injured"):
        f = rep.get(fig) if isinstance(rep.get(fig), dict) else (ev or {}).get(fig)
        if isinstance(f, dict) and isinstance(f.get("start"), int):
            spans.append((f["start"], f["end"], "figure", f"{fig}: {_figure_text(f)}"))
    trig = rep.get("trigger") or (ev or {}).get("trigger")
    if isinstance(trig, dict) and isinstance(trig.get("start"), int):
        spans.append((trig["start"], trig["end"], "figure", "trigger"))
    text = doc["text"]
    blocks = [(s["start"], s["end"]) for s in doc.get("paragraphs") or []]
    blocks += [(s["start"], s["end"]) for s in (doc.get("highlights") or []) + (doc.get("captions") or [])
               + (doc.get("subheads") or [])]
    if doc.get("headline") and text.startswith(doc["headline"]):
        blocks.append((0, len(doc["headline"])))
    shown = []
    for s, e, kind, _ in spans:
        if kind != "evidence":
            continue
        block = next(((bs, be) for bs, be in sorted(blocks) if bs <= s < be), (s, e))
        bs, be = block[0], max(block[1], e)
        if (bs, be) not in shown:
            shown.append((bs, be))
    view["contexts"] = [render_marked(text, bs, be, spans) for bs, be in sorted(shown)]
    return view


# -- quotes and entities -------------------------------------------------------

@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    speaker: str | None = Query(None, max_length=200),
    q: str | None = Query(None, max_length=500),
    since: str | None = Query(None, pattern=DATE),
    until: str | None = Query(None, pattern=DATE),
    cursor: str | None = Query(None, max_length=2000),
):
    store = store_of(request)
    offset = offset_from(cursor)
    from .api.common import until_bound

    rows = store.quotes(speaker=speaker, search=q, since=since, until=until_bound(until), limit=_PAGE + 1,
                        offset=offset)
    more = len(rows) > _PAGE
    rows = rows[:_PAGE]
    with pages.reading(store) as db:
        speakers = pages.top_speakers(db)
        for row in rows:
            ent = db.execute("SELECT name, type FROM entities WHERE article_id = ? AND entity_id = ?",
                               (row["article_id"], row.get("speaker_entity"))).fetchone() \
                if row.get("speaker_entity") else None
            row["speaker_href"] = entity_href(ent[1], ent[0]) if ent else None
    params = {"speaker": speaker, "q": q, "since": since, "until": until}
    return render("quotes.html", title=f"Quotes by {speaker}" if speaker else "Quotes", params=params, rows=rows,
                  speakers=speakers,
                  next_href=_url("/quotes", params, cursor=encode_cursor({"o": offset + _PAGE})) if more else None)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    type: str | None = Query(None, pattern=r"^[A-Za-z_]{2,20}$"),
    q: str | None = Query(None, max_length=200),
    cursor: str | None = Query(None, max_length=2000),
):
    store = store_of(request)
    offset = offset_from(cursor)
    with pages.reading(store) as db:
        rows = pages.entity_page(db, type, q, _PAGE * 2 + 1, offset)
        types = [t for (t,) in db.execute("SELECT DISTINCT type FROM entities ORDER BY type")]
    more = len(rows) > _PAGE * 2
    params = {"type": type, "q": q}
    return render("entities.html", title="Entities", rows=rows[:_PAGE * 2], params=params, types=types,
                  next_href=_url("/entities", params, cursor=encode_cursor({"o": offset + _PAGE * 2}))
                  if more else None)


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str = Path(..., max_length=300)):
    store = store_of(request)
    split_key(key)
    detail = entity_document(store, key)
    return render("entity.html", title=detail["name"], e=detail)
