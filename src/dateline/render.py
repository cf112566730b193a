"""Plain-text renderings of articles and summaries for the terminal."""

from __future__ import annotations

import csv
import io
import textwrap
from datetime import datetime, timezone
from urllib.parse import urlsplit

import click

from .ingest import IngestReport
from .model import Article
from .resolve.incidents import date_interval

__all__ = ["ACLED_COLUMNS", "acled_row", "article_text", "event_lines", "events_csv", "events_geojson",
           "figure_text", "incident_text", "incidents_table", "ingest_summary", "places_geojson", "quote_line",
           "table"]

_TYPE_COLOURS = {"PERSON": "cyan", "ORG": "magenta", "GPE": "green", "LOC": "green", "FAC": "green",
                 "NORP": "yellow", "EVENT": "red"}


def _quoted(article: Article) -> list[tuple[int, int]]:
    spans = []
    for q in article.quotes:
        for piece in q.get("pieces") or [q["content"]]:
            spans.append((piece["start"], piece["end"]))
        spans += [(a["start"], a["end"]) for a in q.get("also") or []]
    return spans


def _highlight(article: Article, start: int, end: int, colour: bool) -> str:
    """The text of ``article.text[start:end]`` with entity mentions marked and, in
    colour, quoted words underlined."""
    marks = sorted((m.start, m.end, e.type) for e in article.entities for m in e.mentions
                   if start <= m.start and m.end <= end)
    quoted = _quoted(article) if colour else []

    def plain(a: int, b: int) -> str:
        if not quoted or a >= b:
            return article.text[a:b]
        cuts = sorted({a, b, *(x for q in quoted for x in q if a < x < b)})
        return "".join(click.style(article.text[x:y], underline=True)
                       if any(qs <= x and y <= qe for qs, qe in quoted) else article.text[x:y]
                       for x, y in zip(cuts, cuts[1:]))

    out, pos = [], start
    for m_start, m_end, etype in marks:
        if m_start < pos:
            continue
        out.append(plain(pos, m_start))
        word = article.text[m_start:m_end]
        if colour:
            out.append(click.style(word, fg=_TYPE_COLOURS.get(etype, "blue"), bold=True))
        else:
            out.append(f"[{word}]")
        pos = m_end
    out.append(plain(pos, end))
    return "".join(out)


def quote_line(q: dict, width: int = 100) -> str:
    """``[direct] “text” — Speaker (description), said``."""
    text = q["content"]["text"].replace("\n", " ")
    if len(text) > width:
        text = text[: width - 1] + "…"
    speaker = q.get("speaker") or {}
    who = speaker.get("name") or speaker.get("description") or (speaker.get("span") or {}).get("text") or "?"
    extra = [x for x in (speaker.get("role"), speaker.get("affiliation")) if x]
    if extra:
        who += f" ({', '.join(extra)})"
    cue = (q.get("cue") or {}).get("lemma") or (q.get("cue") or {}).get("text")
    to = (q.get("addressee") or {}).get("text")
    tail = (f", {cue}" if cue else "") + (f" to {to}" if to else "")
    return f"[{q.get('kind', '?')}] “{text}” — {who}{tail}"


def article_text(article: Article, colour: bool = False, width: int = 88,
                 events: list[dict] | None = None) -> str:
    """Headline, dates, dateline, captions and body with entities highlighted.

    ``events`` are the article's events as the store gives them (with
    ``incident_id`` and ``n_reports``); by default the article's own events."""
    lines = [click.style(article.headline or "(no headline)", bold=True) if colour else
             (article.headline or "(no headline)")]
    meta = [f"id {article.id}"]
    for label, value in (("published", article.published), ("updated", article.updated),
                         ("by", article.byline), ("language", article.language)):
        if value:
            meta.append(f"{label} {value}")
    lines.append(" · ".join(meta))
    src = article.source
    lines.append(f"source {src.path or '-'}" + (f" #{src.index}" if src.index else "")
                 + (f" id={src.id}" if src.id else "") + (f" {src.url}" if src.url else ""))
    if article.dateline:
        lines.append(f"dateline {article.dateline.text}")
    for h in article.highlights:
        lines.append(textwrap.fill("• " + _highlight(article, h.start, h.end, colour), width))
    for c in article.captions:
        lines.append(textwrap.fill("▣ " + c.text, width))
    lines.append("")
    blocks = sorted([("p", p) for p in article.paragraphs] + [("h", s) for s in article.subheads],
                    key=lambda kv: kv[1].start)
    for kind, span in blocks:
        body = _highlight(article, span.start, span.end, colour)
        if kind == "h":
            lines.append("")
            lines.append(click.style(span.text, bold=True, underline=True) if colour else f"## {span.text}")
        else:
            lines.append(body if colour else textwrap.fill(body, width))
        lines.append("")
    if article.times:
        lines.append("Times:")
        for t in article.times:
            mod = f" ({t['mod']})" if t.get("mod") else ""
            rng = t.get("range") or {}
            span = f" [{rng.get('begin')} .. {rng.get('end')}]" if rng else ""
            lines.append(f"  {t['text']!r:<34} {t.get('type', ''):<8} {t.get('value')}{mod}{span}")
        lines.append("")
    if article.places:
        focus = article.focus or {}
        lines.append("Places:" + (f" (focus: {focus.get('name')}, {focus.get('country')})" if focus else ""))
        seen: set[tuple] = set()
        for p in article.places:
            key = (p["text"], p.get("geonameid"))
            if key in seen:
                continue
            seen.add(key)
            where = (f"{p['lat']:.2f}, {p['lon']:.2f}" if p.get("lat") is not None else "unresolved")
            rel = p.get("relative") or {}
            near = f" ({rel.get('direction')} of {rel.get('anchor')})" if rel else ""
            lines.append(f"  {p['text']!r:<24} {p.get('name') or '?'}, {p.get('country') or '?'} "
                         f"[{p.get('precision') or '?'}] {where}{near}")
        lines.append("")
    shown_events = article.events if events is None else events
    if shown_events:
        lines.append("Events:")
        for ev in shown_events:
            lines += event_lines(ev, width)
        lines.append("")
    if article.quotes:
        lines.append("Quotes:")
        for q in article.quotes:
            lines.append("  " + quote_line(q))
        lines.append("")
    if article.entities:
        lines.append("Entities:")
        for e in article.entities:
            alias = f" (also: {', '.join(e.aliases)})" if e.aliases else ""
            lines.append(f"  {e.type:<8} {e.name}{alias} ×{len(e.mentions)}")
    return "\n".join(lines).rstrip() + "\n"


def ingest_summary(report: IngestReport, db: str) -> str:
    lines = [f"{'Interrupted' if report.interrupted else 'Done'} in {report.seconds:.1f}s "
             f"({report.rate:.1f} articles/s) -> {db}",
             f"  read        {report.read}",
             f"  stored      {report.stored}",
             f"  duplicates  {report.duplicates} (skipped)",
             f"  failed      {report.failed}"]
    for reason, count in sorted(report.skipped.items()):
        lines.append(f"  skipped     {count} {reason}")
    for f in report.failures:
        lines.append(f"    {f}")
    if report.interrupted:
        lines.append("  Re-run the same command to resume; stored articles are skipped.")
    return "\n".join(lines)


def table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    """A fixed-width table: columns are (key, title, width); the last column is not cut."""
    head = "  ".join(title.ljust(w) for _, title, w in columns).rstrip()
    out = [head, "-" * len(head)]
    for row in rows:
        cells = []
        for i, (key, _, w) in enumerate(columns):
            value = "" if row.get(key) is None else str(row[key])
            value = value.replace("\n", " ")
            if i < len(columns) - 1:
                value = (value[: w - 1] + "…") if len(value) > w else value.ljust(w)
            cells.append(value)
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def places_geojson(rows: list[dict]) -> dict:
    """A GeoJSON FeatureCollection of place rows (points at lon, lat; WGS 84)."""
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


# -- events -------------------------------------------------------------------

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
"""The columns of an ACLED export, in ACLED's order (``dateline events --csv``)."""

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"city": 1, "approximate": 2, "region": 2, "admin1": 3, "country": 3, "continent": 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


def figure_text(value: dict | None) -> str:
    """A casualty figure as ``3``, ``3-5``, ``at least 3`` or ``dozens (24)``; ``""`` when absent."""
    if not isinstance(value, dict) or (value.get("min") is None and value.get("max") is None):
        return ""
    lo, hi = value.get("min"), value.get("max")
    lo = hi if lo is None else lo
    out = str(lo) if hi in (None, lo) else f"{lo}-{hi}"
    if value.get("vague"):
        out = f"{value['vague']} ({out})"
    if value.get("qualifier"):
        out = f"{value['qualifier']} {out}"
    return out


def _where(place: dict | None) -> str:
    if not place:
        return "?"
    name = place.get("name") or place.get("text") or "?"
    return f"{name}, {place['country']}" if place.get("country") else name


def event_lines(ev: dict, width: int = 88) -> list[str]:
    """Two lines for one article event: code, trigger, date, place, figures and incident; its evidence."""
    date = (ev.get("date") or {}).get("value") or "undated"
    trigger = (ev.get("trigger") or {}).get("text", "")
    parts = [f"[{ev.get('code') or '?'}] “{trigger}”", date, _where(ev.get("place"))]
    for label in ("killed", "injured"):
        if figure_text(ev.get(label)):
            parts.append(f"{label} {figure_text(ev.get(label))}")
    if ev.get("aggregate"):
        parts.append("aggregate")
    elif ev.get("incident_id"):
        n = ev.get("n_reports") or 1
        parts.append(f"-> {ev['incident_id']} ({n} report{'s' if n != 1 else ''})")
    lines = ["  " + " · ".join(parts)]
    evidence = ev.get("evidence") or []
    if evidence:
        lines.append(textwrap.fill("“" + " ".join(evidence[0]["text"].split()) + "”", width,
                                   initial_indent="      ", subsequent_indent="      "))
    return lines


def incidents_table(rows: list[dict]) -> str:
    """The ``dateline events`` table."""
    for row in rows:
        row["where"] = ", ".join(x for x in (row.get("place_name"), row.get("country")) if x)
        row["what"] = row.get("subtype") or row.get("code")
    return table(rows, [("id", "id", 15), ("date", "date", 10), ("what", "event", 24), ("killed", "killed", 6),
                        ("injured", "injured", 7), ("n_reports", "reports", 7), ("where", "place", 0)])


def incident_text(incident: dict, width: int = 88) -> str:
    """One incident (as :meth:`SQLiteStore.event` gives it) with every report and its evidence."""
    lines = [f"{incident['id']}  {incident.get('subtype') or '?'} · {incident.get('type') or '?'} "
             f"({incident.get('code') or '?'})"]
    date = incident.get("date") or {}
    precision = f" ({date['precision']})" if date.get("precision") else ""
    lines.append(f"date      {date.get('value') or 'unknown'}{precision}")
    place = incident.get("place")
    if place:
        point = f" {place['lat']:.2f}, {place['lon']:.2f}" if place.get("lat") is not None else ""
        lines.append(f"place     {_where(place)} [{place.get('precision') or '?'}]{point}")
    for role in ("actor1", "actor2", "target"):
        if incident.get(role):
            lines.append(f"{role:<9} {incident[role].get('text')}")
    for label in ("killed", "injured"):
        if incident.get(label) is not None:
            lines.append(f"{label:<9} {incident[label]} ({incident.get(label + '_rule')})")
    lines.append(f"reports   {incident['n_reports']} from {incident.get('n_articles', incident['n_reports'])} "
                 f"article(s) · confidence {incident.get('confidence')}")
    lines += ["", "Reports:"]
    for r in incident.get("reports") or []:
        figures = "".join(f"  {label} {figure_text(r.get(label))}" for label in ("killed", "injured")
                          if figure_text(r.get(label)))
        day = (r.get("published") or "")[:10] or "undated"
        lines.append(f"  {day:10}  {r['article_id']} {r['event_id']}  {r.get('code') or '?'}{figures}")
        lines.append(f"      {r.get('headline') or '(no headline)'}" + (f"  {r['url']}" if r.get("url") else ""))
        for span in r.get("evidence") or []:
            lines.append(textwrap.fill("“" + " ".join(span["text"].split()) + "”", width,
                                       initial_indent="      ", subsequent_indent="        "))
    return "\n".join(lines) + "\n"


def events_geojson(rows: list[dict]) -> dict:
    """A GeoJSON FeatureCollection of incident rows (points at lon, lat)."""
    return places_geojson([{k: v for k, v in row.items() if k != "incident"} for row in rows])


def _domain(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def _timestamp(value: str | None) -> str:
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return ""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return str(int(moment.timestamp()))


def _country(code: str | None) -> tuple[str, str]:
    """ISO numeric code and name of an alpha-2 country code, as ACLED writes them."""
    if not code:
        return "", ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return "", code
    return str(int(found.numeric)), getattr(found, "common_name", None) or found.name


def acled_row(row: dict) -> dict[str, object]:
    """One incident row (listed with ``full=True``) in ACLED's columns; what dateline
    does not know stays empty."""
    incident = row.get("incident") or {}
    interval = date_interval(row.get("date"), row.get("date_precision"))
    iso, country = _country(row.get("country"))
    reports = incident.get("reports") or []
    sources = sorted({d for r in reports if (d := _domain(r.get("url")))})
    notes = next((" ".join(span["text"].split()) for r in reports for span in r.get("evidence") or []), "")
    actor2 = incident.get("actor2") or incident.get("target") or {}
    place = incident.get("place") or {}
    geo = _GEO_PRECISION.get(row.get("precision") or "", "")
    if place.get("relative") and geo == 1:
        geo = 2
    out: dict[str, object] = dict.fromkeys(ACLED_COLUMNS, "")
    out.update({
        "event_id_cnty": row["id"],
        "event_date": interval[0].isoformat() if interval else "",
        "year": interval[0].year if interval else "",
        "time_precision": _TIME_PRECISION.get(interval[2], "") if interval else "",
        "disorder_type": _DISORDER.get(row.get("type") or "", ""),
        "event_type": row.get("type") or "",
        "sub_event_type": row.get("subtype") or "",
        "actor1": (incident.get("actor1") or {}).get("text", ""),
        "actor2": actor2.get("text", ""),
        "civilian_targeting": "Civilian targeting" if row.get("type") == "Violence against civilians" else "",
        "iso": iso, "country": country, "admin1": row.get("admin1") or "",
        "location": row.get("place_name") or "",
        "latitude": "" if row.get("lat") is None else f"{row['lat']:.4f}",
        "longitude": "" if row.get("lon") is None else f"{row['lon']:.4f}",
        "geo_precision": geo,
        "source": "; ".join(sources),
        "notes": notes,
        "fatalities": row.get("killed") or 0,
        "timestamp": _timestamp(row.get("last_published")),
    })
    return out


def events_csv(rows: list[dict]) -> str:
    """Incident rows (listed with ``full=True``) as CSV in ACLED's column layout."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(acled_row(row))
    return buffer.getvalue()
