"""``/api/articles``: search and filtered lists; ``/api/articles/{id}``: the document."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from ...errors import NotFound
from ...store import pages
from ..errors import ApiError
from ..events_index import events_sql
from ..pagination import decode_cursor, encode_cursor
from .common import COUNTRY, Cursor, Limit, Since, Until, json_response, store_of, until_bound

router = APIRouter(tags=["articles"])


def filters_from(store, q, since, until, source, country, has_events, event_type) -> pages.ArticleFilters:
    with pages.reading(store) as db:
        ev = events_sql(db)
    return pages.ArticleFilters(q=q, since=since, until=until_bound(until), source=source, country=country,
                                has_events=has_events, event_type=event_type, events_sql=ev)


@router.get("/articles", summary="Search and list articles")
def list_articles(
    request: Request,
    q: str | None = Query(None, max_length=500, description="Full-text query (SQLite: FTS5 syntax, plain words "
                          "if it is not valid FTS5; PostgreSQL: web-search syntax, english stems). "
                          "Ranked by relevance; without it, newest first."),
    since: str | None = Since,
    until: str | None = Until,
    source: str | None = Query(None, max_length=300, description="Source: the URL host, else the input file name."),
    country: str | None = Query(None, pattern=COUNTRY, description="Articles naming a place in this country (ISO alpha-2)."),
    has_events: bool | None = Query(None, description="Only articles with (true) or without (false) events."),
    event_type: str | None = Query(None, max_length=100, description="Articles reporting an event of this ACLED type."),
    facets: bool = Query(False, description="Also count the matching articles by month, source, country and event type."),
    limit: int = Limit,
    cursor: str | None = Cursor,
) -> Response:
    """Articles matching every filter given. Each item: `id`, `headline`, `published`,
    `updated`, `source`, `url`, `source_id`, `language`, `n_chars`, `n_entities`,
    `n_quotes`, and with `q` also `snippet` (hits in `[` `]`) and `score`."""
    store = store_of(request)
    state = decode_cursor(cursor)
    if q and q.strip():
        if state and "o" not in state:
            raise ApiError(400, "invalid cursor: not a cursor of a search", "invalid_cursor")
    elif state and not (isinstance(state.get("k"), list) and len(state["k"]) == 2
                        and all(isinstance(k, str) for k in state["k"])):
        raise ApiError(400, "invalid cursor: not a cursor of this list", "invalid_cursor")
    flt = filters_from(store, q, since, until, source, country, has_events, event_type)
    with pages.reading(store) as db:
        rows, nxt = pages.article_page(db, flt, limit, state)
        out = {"items": rows, "limit": limit, "next": encode_cursor(nxt) if nxt else None}
        if facets:
            out["facets"] = pages.article_facets(db, flt)
    return json_response(out)


@router.get("/articles/{article_id}", summary="One article as a dateline.article/1 document")
def get_article(request: Request, article_id: str = Path(..., max_length=64,
                description="The article id, or a unique prefix of at least 4 characters.")) -> Response:
    """The stored `dateline.article/1` document: text, parts and every fact with its offsets."""
    store = store_of(request)
    with pages.reading(store) as db:
        found = pages.article_doc(db, article_id.strip())
    if found is None:
        store.get(article_id)          # raises NotFound with the precise reason (missing, ambiguous)
        raise NotFound(f"no article with id {article_id!r}")
    return Response(found[1], media_type="application/json")
