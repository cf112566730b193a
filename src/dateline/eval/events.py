"""Task ``events``: incidents read from news, scored on Gun Violence Archive records.

Gold set: ``shared/eval/events/gva-dev.jsonl`` (see its README): one GVA incident per
line with its date, state, city, killed and injured counts, and the articles that
report it.

How an incident is predicted:

1. every article of the incident runs through the pipeline (one :class:`Pipeline`,
   batched), as ``RawDocument(format="article", headline=title, published=date,
   url=original_url)``;
2. the events of all its articles become reports (event + ``article_id`` +
   ``published``) and are merged across articles by
   :func:`dateline.resolve.incidents.merge_reports`;
3. of the merged incidents of the ``violence`` family (shootings, attacks; aggregates
   never), the one with the most articles, then with casualty figures, then the most
   confident, is the prediction.

Scoring, per incident (rates over all incidents scored):

* ``found``: a violence incident was predicted. An incident with none is wrong on
  every field below;
* ``date``: ISO date equal to gold;
* ``city``: the predicted place's name (towns, and relative places anchored on one;
  counties with " County" dropped, on both sides, and a leading "The"; the gazetteer's
  "X City" for gold's "X") equals gold's ``city`` case-insensitively
  (``strict``); ``lenient`` compares only gold's part before `` (`` (``Chicago
  (Englewood)`` -> ``Chicago``);
* ``state``: the place's US state name (GeoNames admin1, codes mapped through
  pycountry), else the first US state the articles name;
* ``killed`` / ``injured`` / ``both``: exact counts; a found incident with no figure
  counts 0; ``mae`` of each as well;
* ``events_per_incident``: how many violence incidents the articles gave after the
  merge (ideal 1.0).

``part`` takes the ``first`` or ``second`` half of the file's incidents (in file order;
tuning used the first half), ``limit`` the first N of those::

    python -m dateline.eval.events ../shared/eval/events/gva-dev.jsonl [--part first|second] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .gold import read_gold

__all__ = ["evaluate_events", "format_events_report", "score_incident", "pick_incident", "state_name",
           "city_of", "select_part", "score_records", "summarise", "GOALS", "PARTS"]

PARTS = ("all", "first", "second")
#: the issue's goals, per metric.
GOALS = {"killed": 0.85, "injured": 0.80, "date": 0.80, "city_lenient": 0.85, "events_per_incident": 1.2}
_CITY_FEATURES = ("city", "approximate")


def select_part(records: list[dict], part: str = "all", limit: int | None = None) -> list[dict]:
    """The records of ``part`` (``all``, ``first`` half, ``second`` half), then the first ``limit``."""
    if part not in PARTS:
        raise EvalError(f"unknown part {part!r}; known: {', '.join(PARTS)}")
    half = len(records) // 2
    chosen = records if part == "all" else records[:half] if part == "first" else records[half:]
    return chosen[:max(0, limit)] if limit is not None else chosen


def state_name(admin1: str | None, country: str | None = "US") -> str | None:
    """A US state's full name from a place's ``admin1`` (a name, ``US.IL`` or ``IL``)."""
    if not admin1:
        return None
    if country not in (None, "US"):
        return None
    code = admin1.split(".")[-1]
    if len(code) == 2 and code.isupper():
        import pycountry

        sub = pycountry.subdivisions.get(code=f"US-{code}")
        return sub.name if sub else None
    return admin1


_SAINT = __import__("re").compile(r"\bst\.?(?=\s)")


def _norm(name: str | None) -> str:
    """Case, spacing and the ``St.``/``Saint`` abbreviation folded (``St. Louis`` = ``Saint Louis``)."""
    return _SAINT.sub("saint", " ".join((name or "").lower().replace("\u2019", "'").split()))


def city_of(place: dict | None) -> str | None:
    """The city name a place gives (None for a state or country)."""
    if not place:
        return None
    precision = place.get("precision")
    rel = place.get("relative") or None
    if precision == "approximate" and rel is None:
        name = place.get("name") or ""
        return name[:-7] if name.endswith(" County") else name
    if precision in _CITY_FEATURES or precision is None:
        return place.get("name")
    return None


def _county(name: str) -> str:
    """A city or county name compared without its county marker: GVA writes counties both
    ``Charles Mix (county)`` and ``Bartow County``; the prediction drops `` County``."""
    n = _norm(name)
    for tail in (" (county)", " county"):
        if n.endswith(tail):
            n = n[: -len(tail)]
    return n[4:] if n.startswith("the ") else n


def _same_city(pred: str | None, gold: str) -> bool:
    """Names of one town: equal without county markers and a leading ``The`` (GeoNames'
    ``The Bronx`` is GVA's ``Bronx``), or the gazetteer's ``X City`` for GVA's ``X``
    (``New York City`` for ``New York``)."""
    if not pred:
        return False
    p, g = _county(pred), _county(gold)
    return p == g or p == g + " city"


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("min")
    return int(value) if value is not None else None


def pick_incident(incidents: list[dict]) -> dict | None:
    """The incident the articles are about: most articles, then with figures, then most confident."""
    cands = [i for i in incidents if i.get("family") == "violence" and not i.get("aggregate")]
    if not cands:
        return None
    return max(cands, key=lambda i: (i.get("n_articles") or len(i.get("reports") or []),
                                     i.get("killed") is not None or i.get("injured") is not None,
                                     float(i.get("confidence") or 0.0)))


def score_incident(gold: dict, picked: dict | None, mentioned_states: list[str] | None = None) -> dict:
    """Field-by-field comparison of one predicted incident with the GVA gold record."""
    if picked is None:
        return {"found": False, "date": False, "city_strict": False, "city_lenient": False, "state": False,
                "killed": False, "injured": False, "both": False, "killed_error": gold["killed"],
                "injured_error": gold["injured"], "pred": None}
    place = picked.get("place") or None
    city = city_of(place)
    state = None
    if place and (place.get("country") in (None, "US")):
        state = state_name(place.get("admin1"), place.get("country"))
    if state is None and mentioned_states:
        state = mentioned_states[0]
    date = (picked.get("date") or {}).get("value") if isinstance(picked.get("date"), dict) else picked.get("date")
    killed = _count(picked.get("killed")) or 0
    injured = _count(picked.get("injured")) or 0
    gcity = gold.get("city") or ""
    ok_k, ok_i = killed == gold["killed"], injured == gold["injured"]
    return {
        "found": True,
        "date": bool(date) and date[:10] == gold.get("date"),
        "city_strict": _same_city(city, gcity),
        "city_lenient": _same_city(city, gcity.split(" (")[0]),
        "state": bool(state) and _norm(state) == _norm(gold.get("state")),
        "killed": ok_k, "injured": ok_i, "both": ok_k and ok_i,
        "killed_error": abs(killed - gold["killed"]), "injured_error": abs(injured - gold["injured"]),
        "pred": {"date": date, "city": city, "state": state, "killed": killed, "injured": injured,
                 "code": picked.get("code")},
    }


def _merge(reports: list[dict]) -> tuple[list[dict], str]:
    try:
        from ..resolve.incidents import merge_reports
    except ImportError:                       # merge not available: one cluster per family
        groups: dict[str, list[dict]] = {}
        for r in reports:
            if not r.get("aggregate"):
                groups.setdefault(r.get("family") or "", []).append(r)
        out = []
        for fam, rs in groups.items():
            best = max(rs, key=lambda r: float(r.get("confidence") or 0))
            out.append(best | {"family": fam, "reports": rs, "n_articles": len({r["article_id"] for r in rs}),
                               "killed": max((_count(r.get("killed")) or 0 for r in rs), default=0)
                               if any(r.get("killed") for r in rs) else None,
                               "injured": max((_count(r.get("injured")) or 0 for r in rs), default=0)
                               if any(r.get("injured") for r in rs) else None})
        return out, "family-groups"
    return merge_reports(reports), "merge_reports"


def _us_states(articles) -> list[str]:
    out = []
    for a in articles:
        for p in a.places:
            if p.get("feature") == "admin1" and p.get("country") == "US":
                name = state_name(p.get("admin1") or p.get("name"), "US")
                if name and name not in out:
                    out.append(name)
    return out


def score_records(records: list[dict], by_incident: dict[str, list]) -> tuple[list[dict], str]:
    """Per-incident details for ``records`` given each incident's annotated articles."""
    details, merge_kind = [], "merge_reports"
    for rec in records:
        arts = by_incident[rec["incident_id"]]
        reports = [ev | {"article_id": a.id, "published": a.published or a.updated, "url": a.source.url}
                   for a in arts for ev in a.events]
        merged, merge_kind = _merge(reports) if reports else ([], merge_kind)
        violent = [i for i in merged if i.get("family") == "violence" and not i.get("aggregate")]
        picked = pick_incident(violent)
        s = score_incident(rec["gold"], picked, _us_states(arts))
        s.update({"id": rec["incident_id"], "articles": len(rec["articles"]), "events": len(violent),
                  "gold": {k: rec["gold"].get(k) for k in ("date", "city", "state", "killed", "injured")}})
        details.append(s)
    return details, merge_kind


def summarise(details: list[dict]) -> dict[str, float]:
    """Rates, MAE and events per incident over scored incidents."""
    n = len(details) or 1
    rate = {k: sum(1 for d in details if d[k]) / n
            for k in ("found", "date", "city_strict", "city_lenient", "state", "killed", "injured", "both")}
    return rate | {
        "killed_mae": sum(d["killed_error"] for d in details) / n,
        "injured_mae": sum(d["injured_error"] for d in details) / n,
        "events_per_incident": sum(d["events"] for d in details) / n,
    }


def evaluate_events(path: str, limit: int | None = None, part: str = "all", pipeline=None,
                    progress: Callable[[int, int], None] | None = None, **_: Any) -> dict[str, Any]:
    """Score dateline's events on the GVA JSON Lines at ``path`` (see the module docstring).

    Returns ``task``, ``dataset``, ``path``, ``part``, ``incidents``, ``articles``,
    ``seconds``, ``merge`` (which merge ran), ``metrics`` (rates, MAE,
    ``events_per_incident``) and per-incident ``details``.
    """
    from ..model import Article, RawDocument

    records = read_gold(Path(path), {"incident_id": str, "gold": dict, "articles": list}, "events gold record")
    records = select_part(records, part, limit)
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    start = time.perf_counter()
    items = []
    for rec in records:
        for a in rec["articles"]:
            items.append(RawDocument(content=a.get("text") or "", format="article", headline=a.get("title") or None,
                                     published=a.get("date"), url=a.get("original_url") or a.get("url"),
                                     id=f"{rec['incident_id']}/{a.get('id')}"))
    by_incident: dict[str, list] = {rec["incident_id"]: [] for rec in records}
    done = 0
    for art in pipeline.run(items):
        if isinstance(art, Article) and art.source.id:
            by_incident[art.source.id.split("/", 1)[0]].append(art)
        done += 1
        if progress is not None:
            progress(done, len(items))
    details, merge_kind = score_records(records, by_incident)
    metrics = summarise(details)
    return {"task": "events", "dataset": "gva-dev", "path": str(path), "part": part, "system": "dateline",
            "extractor": "dateline", "incidents": len(details), "pages": len(details),
            "articles": len(items), "failed": sum(1 for rec in records if not by_incident[rec["incident_id"]]),
            "merge": merge_kind, "seconds": round(time.perf_counter() - start, 2),
            "metrics": metrics, "goals": dict(GOALS), "details": details}


def format_events_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table of ``report`` (no baseline exists for this task; one is shown beside
    it when given) with the issue's goals."""
    reports = [r for r in (report, baseline) if r]
    lines = [f"task events | dataset {report['dataset']} | part {report.get('part', 'all')} | "
             f"{report['incidents']} incidents, {report['articles']} articles | merge: {report['merge']} | "
             f"{report['path']}"]
    rows = [["metric", *(r.get("system", "dateline") for r in reports), "goal"]]
    m_goal = {"killed": ">= 0.85", "injured": ">= 0.80", "date": ">= 0.80", "city_lenient": ">= 0.85",
              "events_per_incident": "<= 1.2"}
    for key in ("found", "date", "city_strict", "city_lenient", "state", "killed", "injured", "both",
                "killed_mae", "injured_mae", "events_per_incident"):
        rows.append([key, *(f"{r['metrics'][key]:.4f}" for r in reports), m_goal.get(key, "")])
    rows.append(["failed articles' incidents", *(str(r["failed"]) for r in reports), ""])
    rows.append(["seconds", *(f"{r['seconds']:.1f}" for r in reports), ""])
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(rows[0]))]
    for n, cells in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("rates per incident; an incident with no violence event found is wrong on every field; "
                 "killed/injured of a found incident with no figure count 0")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin wrapper
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.events")
    ap.add_argument("path")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--part", choices=PARTS, default="all")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = evaluate_events(args.path, limit=args.limit, part=args.part)
    if args.json:
        import json

        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_events_report(report))


if __name__ == "__main__":  # pragma: no cover
    main()
