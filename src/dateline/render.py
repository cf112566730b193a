"""Plain-text renderings of articles and summaries for the terminal."""

from __future__ import annotations

import textwrap

import click

from .ingest import IngestReport
from .model import Article

__all__ = ["article_text", "ingest_summary", "places_geojson", "quote_line", "table"]

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


def article_text(article: Article, colour: bool = False, width: int = 88) -> str:
    """Headline, dates, dateline, captions and body with entities highlighted."""
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
