"""Export a store's articles and facts: Parquet tables (``dateline export --format parquet``)
or article documents as JSON Lines.

Parquet output is the table layout of :mod:`dateline.tables` (the one ``dateline
spark`` writes too), partitioned by publication month; incidents are merged from
the stored articles' events with the same :func:`~dateline.resolve.incidents.merge_reports`
the store uses. Articles are read and written in batches, so memory stays flat.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .tables import TABLES, ParquetSink, article_rows, incident_rows

__all__ = ["export_parquet", "export_jsonl", "iter_documents", "event_reports", "all_rows"]

_PAGE = 200


def iter_documents(store, page: int = _PAGE) -> Iterator[dict]:
    """Every stored article document (newest stored first), a page of ids at a time."""
    ids = [row["id"] for offset in range(0, store.count(), page)
           for row in store.articles(limit=page, offset=offset)]
    for article_id in ids:
        yield store.get(article_id).to_dict()


def event_reports(doc: dict) -> list[dict]:
    """An article's events as merge reports (event + article id + publication date)."""
    return [dict(e, article_id=doc["id"], published=doc.get("published") or doc.get("updated"))
            for e in doc.get("events", [])]


def all_rows(docs: Iterable[dict]) -> dict[str, list[dict]]:
    """Every table's rows for these article documents, incidents merged, in memory
    (what an export of exactly these articles writes; for tests and small sets)."""
    from .resolve.incidents import merge_reports

    rows: dict[str, list] = {table: [] for table in TABLES}
    reports: list[dict] = []
    for doc in docs:
        for table, data in article_rows(doc).items():
            rows[table].extend(data)
        reports += event_reports(doc)
    rows["incidents"] = incident_rows(merge_reports(reports))
    return rows


def export_parquet(store, out: str | Path, *, on_progress: Callable[[int], None] | None = None,
                   batch: int = _PAGE) -> dict[str, int]:
    """Write the store's tables under ``out``; return rows written per table."""
    from .resolve.incidents import merge_reports

    sink = ParquetSink(out)
    rows: dict[str, list] = {}
    reports: list[dict] = []
    n = 0
    for doc in iter_documents(store, batch):
        for table, data in article_rows(doc).items():
            rows.setdefault(table, []).extend(data)
        reports += event_reports(doc)
        n += 1
        if n % batch == 0:
            sink.write(rows)
            rows = {}
            if on_progress:
                on_progress(batch)
    sink.write(rows)
    if on_progress and n % batch:
        on_progress(n % batch)
    sink.write({"incidents": incident_rows(merge_reports(reports))})
    return sink.counts


def export_jsonl(store, out) -> int:
    """Write one article document per line to the text stream ``out``; return how many."""
    n = 0
    for doc in iter_documents(store):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        n += 1
    return n
