"""Flat tables of articles and their facts, the same for every engine.

``article_rows(document)`` turns one ``dateline.article/1`` document into rows
of seven tables — articles, entities, quotes, times, places, quantities, events —
and ``incident_rows`` turns merged incidents into an eighth. Each row carries the
article's publication ``month`` (``YYYY-MM``, or ``unknown``) as the partition key,
the columns people filter on, and ``doc``: the whole fact as JSON, so nothing is
lost. ``dateline export --format parquet`` (from a store) and ``dateline spark``
(from raw inputs) both write these tables through :class:`ParquetSink`, so DuckDB,
pandas or Spark read either the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

__all__ = ["TABLES", "article_rows", "incident_rows", "ParquetSink", "read_table", "arrow_schema", "month_of"]

#: table -> [(column, type)]; types: str, int, float, bool, list<str>.
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "str"), ("month", "str"), ("published", "str"), ("updated", "str"),
                 ("headline", "str"), ("byline", "str"), ("language", "str"), ("source_path", "str"),
                 ("source_url", "str"), ("source_id", "str"), ("n_chars", "int"), ("doc", "str")],
    "entities": [("article_id", "str"), ("month", "str"), ("entity_id", "str"), ("name", "str"),
                 ("type", "str"), ("aliases", "list<str>"), ("n_mentions", "int"), ("doc", "str")],
    "quotes": [("article_id", "str"), ("month", "str"), ("quote_id", "str"), ("kind", "str"),
               ("start", "int"), ("end", "int"), ("content", "str"), ("speaker", "str"),
               ("speaker_entity", "str"), ("doc", "str")],
    "times": [("article_id", "str"), ("month", "str"), ("idx", "int"), ("start", "int"), ("end", "int"),
              ("text", "str"), ("type", "str"), ("value", "str"), ("mod", "str"), ("doc", "str")],
    "places": [("article_id", "str"), ("month", "str"), ("idx", "int"), ("start", "int"), ("end", "int"),
               ("text", "str"), ("name", "str"), ("geonameid", "str"), ("feature", "str"), ("country", "str"),
               ("admin1", "str"), ("lat", "float"), ("lon", "float"), ("precision", "str"),
               ("confidence", "float"), ("doc", "str")],
    "quantities": [("article_id", "str"), ("month", "str"), ("quantity_id", "str"), ("start", "int"),
                   ("end", "int"), ("text", "str"), ("value", "float"), ("min", "float"), ("max", "float"),
                   ("unit", "str"), ("kind", "str"), ("qualifier", "str"), ("vague", "str"), ("noun", "str"),
                   ("doc", "str")],
    "events": [("article_id", "str"), ("month", "str"), ("event_id", "str"), ("code", "str"), ("type", "str"),
               ("subtype", "str"), ("family", "str"), ("date", "str"), ("country", "str"), ("place", "str"),
               ("lat", "float"), ("lon", "float"), ("killed_min", "int"), ("injured_min", "int"),
               ("aggregate", "bool"), ("confidence", "float"), ("doc", "str")],
    "incidents": [("id", "str"), ("month", "str"), ("code", "str"), ("type", "str"), ("subtype", "str"),
                  ("family", "str"), ("date", "str"), ("country", "str"), ("place", "str"), ("lat", "float"),
                  ("lon", "float"), ("killed", "int"), ("injured", "int"), ("n_reports", "int"), ("doc", "str")],
}


def month_of(date: str | None) -> str:
    """``2017-03`` for a date starting ``2017-03``; ``unknown`` otherwise."""
    if date and len(date) >= 7 and date[:4].isdigit() and date[4] == "-" and date[5:7].isdigit():
        return date[:7]
    return "unknown"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _get(d: dict | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _num(value: Any, kind: type) -> Any:
    if value is None or isinstance(value, bool):
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


def article_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one article document (``Article.to_dict()``)."""
    aid = doc["id"]
    month = month_of(doc.get("published") or doc.get("updated"))
    base = {"article_id": aid, "month": month}
    source = doc.get("source") or {}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES if name != "incidents"}
    rows["articles"].append({
        "id": aid, "month": month, "published": doc.get("published"), "updated": doc.get("updated"),
        "headline": doc.get("headline"), "byline": doc.get("byline"), "language": doc.get("language"),
        "source_path": source.get("path"), "source_url": source.get("url"), "source_id": source.get("id"),
        "n_chars": len(doc.get("text") or ""), "doc": _json(doc)})
    for e in doc.get("entities", []):
        rows["entities"].append(base | {
            "entity_id": e.get("id"), "name": e.get("name"), "type": e.get("type"),
            "aliases": list(e.get("aliases") or []), "n_mentions": len(e.get("mentions") or []), "doc": _json(e)})
    for q in doc.get("quotes", []):
        content = q.get("content") or {}
        rows["quotes"].append(base | {
            "quote_id": q.get("id"), "kind": q.get("kind"), "start": content.get("start"), "end": content.get("end"),
            "content": content.get("text"), "speaker": _get(q, "speaker", "name"),
            "speaker_entity": _get(q, "speaker", "entity"), "doc": _json(q)})
    for i, t in enumerate(doc.get("times", [])):
        rows["times"].append(base | {
            "idx": i, "start": t.get("start"), "end": t.get("end"), "text": t.get("text"), "type": t.get("type"),
            "value": t.get("value"), "mod": t.get("mod"), "doc": _json(t)})
    for i, p in enumerate(doc.get("places", [])):
        rows["places"].append(base | {
            "idx": i, "start": p.get("start"), "end": p.get("end"), "text": p.get("text"), "name": p.get("name"),
            "geonameid": _str(p.get("geonameid")), "feature": p.get("feature"), "country": p.get("country"),
            "admin1": p.get("admin1"), "lat": _num(p.get("lat"), float), "lon": _num(p.get("lon"), float),
            "precision": p.get("precision"), "confidence": _num(p.get("confidence"), float), "doc": _json(p)})
    for q in doc.get("quantities", []):
        rows["quantities"].append(base | {
            "quantity_id": q.get("id"), "start": q.get("start"), "end": q.get("end"), "text": q.get("text"),
            "value": _num(q.get("value"), float), "min": _num(q.get("min"), float),
            "max": _num(q.get("max"), float), "unit": q.get("unit"), "kind": q.get("kind"),
            "qualifier": q.get("qualifier"), "vague": q.get("vague"), "noun": _get(q, "noun", "text"),
            "doc": _json(q)})
    for e in doc.get("events", []):
        rows["events"].append(base | {
            "event_id": e.get("id"), "code": e.get("code"), "type": e.get("type"), "subtype": e.get("subtype"),
            "family": e.get("family"), "date": _get(e, "date", "value"), "country": _get(e, "place", "country"),
            "place": _get(e, "place", "name"), "lat": _num(_get(e, "place", "lat"), float),
            "lon": _num(_get(e, "place", "lon"), float), "killed_min": _num(_get(e, "killed", "min"), int),
            "injured_min": _num(_get(e, "injured", "min"), int), "aggregate": bool(e.get("aggregate")),
            "confidence": _num(e.get("confidence"), float), "doc": _json(e)})
    return rows


def incident_rows(incidents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``incidents`` table for merged incidents (:mod:`dateline.resolve.incidents`)."""
    out = []
    for inc in incidents:
        date = _get(inc, "date", "value") if isinstance(inc.get("date"), dict) else inc.get("date")
        out.append({
            "id": inc.get("id"), "month": month_of(date), "code": inc.get("code"), "type": inc.get("type"),
            "subtype": inc.get("subtype"), "family": inc.get("family"), "date": date,
            "country": _get(inc, "place", "country"), "place": _get(inc, "place", "name"),
            "lat": _num(_get(inc, "place", "lat"), float), "lon": _num(_get(inc, "place", "lon"), float),
            "killed": _num(_count(inc.get("killed")), int), "injured": _num(_count(inc.get("injured")), int),
            "n_reports": len(inc.get("reports") or []), "doc": _json(inc)})
    return out


def _count(value: Any) -> Any:
    return value.get("min") if isinstance(value, dict) else value


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def arrow_schema(table: str):
    """The pyarrow schema of ``table``."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list<str>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in TABLES[table]])


class ParquetSink:
    """Writes table rows to ``out/<table>/month=YYYY-MM/part-*.parquet``, batch by batch,
    so an export of any size keeps one batch in memory. Opening it empties the tables'
    folders under ``out`` (nothing else there is touched)."""

    def __init__(self, out: str | Path):
        import shutil

        self.out = Path(out)
        self.counts = {table: 0 for table in TABLES}
        self._batch = 0
        for table in TABLES:
            shutil.rmtree(self.out / table, ignore_errors=True)

    def write(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        import pyarrow as pa
        import pyarrow.dataset as ds

        for table, data in rows.items():
            if not data:
                continue
            arrow = pa.Table.from_pylist(data, schema=arrow_schema(table))
            ds.write_dataset(arrow, self.out / table, format="parquet",
                             partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                             existing_data_behavior="overwrite_or_ignore",
                             basename_template=f"part-{self._batch:06d}-{{i}}.parquet")
            self.counts[table] += len(data)
        self._batch += 1


def read_table(out: str | Path, table: str):
    """One table written by either engine, as a pyarrow Table (``month`` restored as a column)."""
    import pyarrow.dataset as ds

    return ds.dataset(Path(out) / table, format="parquet", partitioning="hive").to_table()
