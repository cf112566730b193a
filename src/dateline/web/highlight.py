"""Article text as HTML with every fact highlighted, escaped.

Every piece of article text goes through :func:`markupsafe.escape`; markup is
only ever built here from fixed tags and escaped attribute values, so a
``<script>`` in an article stays text.

Highlights nest (a quote holds entity mentions, dates and quantities); a
highlight that would cross another's boundary is clipped (quotes) or dropped
(single facts), so the HTML is always well nested. A highlight with nothing
inside is a link to what it resolved to; one holding others is a focusable
span whose details (with the same links) the page shows on click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

__all__ = ["Fact", "Mark", "article_facts", "render_block", "render_marked", "country_name", "fact_anchor"]

_RANK = {"quote": 0, "dateline": 1, "evidence": 1, "event": 2, "place": 3, "entity": 4, "time": 5,
         "quantity": 6, "figure": 6}
_HREF_ORDER = ("event", "place", "entity", "time", "quantity")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KIND_LABEL = {"entity": "Entity", "place": "Place", "time": "Date", "quantity": "Quantity", "event": "Event",
               "quote": "Quote", "dateline": "Dateline", "evidence": "Evidence", "figure": "Figure"}


@dataclass
class Fact:
    """What a highlight stands for: shown in the side panel and the pop-over."""

    key: str                      # "quote:q1"
    kind: str
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    href: str | None = None       # where the highlight itself links

    @property
    def anchor(self) -> str:
        return fact_anchor(self.key)

    def to_json(self) -> dict:
        return {"kind": self.kind, "label": _KIND_LABEL.get(self.kind, self.kind), "title": self.title,
                "rows": [list(r) for r in self.rows], "links": [list(link) for link in self.links],
                "anchor": self.anchor}


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    facts: list[Fact]
    css: str = ""
    badge: tuple[str, str] | None = None   # (text, href) shown before the span (a quote's speaker)
    children: list["Mark"] = field(default_factory=list)


def fact_anchor(key: str) -> str:
    return "fact-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, KeyError, LookupError):
        found = None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def entity_href(type_: str, name: str) -> str:
    return "/entities/" + quote(f"{type_}:{name}", safe=":")


def _figure(value) -> str | None:
    """A casualty figure as text: ``12``, ``12-15``, ``at least 12``, ``dozens (12)``."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dict):
        lo, hi = value.get("min"), value.get("max")
        if lo is None and hi is None:
            text = value.get("text")
            return str(text) if text else None
        num = str(lo) if hi in (None, lo) else (f"{lo}-{hi}" if lo is not None else f"up to {hi}")
        qual = value.get("qualifier")
        out = f"{qual} {num}" if qual else num
        if value.get("vague") and value.get("text"):
            out += f" ({value['text']})"
        return out
    return str(value)


def article_facts(doc: dict, incidents: dict[str, str] | None = None) -> tuple[list[Mark], dict[str, Fact]]:
    """Every highlight of an article document and the facts they stand for."""
    incidents = incidents or {}
    marks: list[Mark] = []
    facts: dict[str, Fact] = {}

    def add(fact: Fact) -> Fact:
        facts.setdefault(fact.key, fact)
        return facts[fact.key]

    for e in doc.get("entities") or []:
        rows = [("type", e.get("type", ""))]
        if e.get("aliases"):
            rows.append(("aliases", ", ".join(e["aliases"])))
        rows.append(("mentions here", str(len(e.get("mentions") or []))))
        href = entity_href(e["type"], e["name"])
        fact = add(Fact(f"entity:{e['id']}", "entity", e["name"], rows,
                        [(f"All about {e['name']}", href)], href))
        for m in e.get("mentions") or []:
            marks.append(Mark(m["start"], m["end"], "entity", [fact], f"ent-{e.get('type', 'X').lower()}"))

    for i, p in enumerate(doc.get("places") or []):
        name = p.get("name") or p.get("text")
        cname = country_name(p.get("country"))
        rows = [("resolved to", name or "?")]
        if cname:
            rows.append(("country", f"{cname} ({p.get('country')})"))
        if p.get("admin1"):
            rows.append(("region", str(p["admin1"])))
        if p.get("lat") is not None and p.get("lon") is not None:
            rows.append(("coordinates", f"{p['lat']:.4f}, {p['lon']:.4f}"))
        if p.get("precision"):
            rows.append(("precision", str(p["precision"])))
        if p.get("relative"):
            rel = p["relative"]
            rows.append(("relative", rel.get("text") if isinstance(rel, dict) and rel.get("text") else str(rel)))
        links = []
        href = None
        if p.get("lat") is not None and p.get("lon") is not None:
            href = "/events?" + urlencode({"near": f"{p['lat']:.4f},{p['lon']:.4f},50"})
            links.append(("Events within 50 km", href))
        if p.get("country"):
            links.append((f"Articles about {cname}", "/?" + urlencode({"country": p["country"]})))
        title = name + (f", {cname}" if cname and cname != name else "")
        fact = add(Fact(f"place:{i}", "place", title, rows, links, href or f"#{fact_anchor(f'place:{i}')}"))
        marks.append(Mark(p["start"], p["end"], "place", [fact]))

    for i, t in enumerate(doc.get("times") or []):
        value = t.get("value") or "?"
        rows = [("normalised", value), ("type", t.get("type") or "")]
        if t.get("mod"):
            rows.append(("modifier", t["mod"]))
        if t.get("range"):
            rng = t["range"]
            if isinstance(rng, dict):
                rows.append(("range", f"{rng.get('start', {}).get('value', '?') if isinstance(rng.get('start'), dict) else rng.get('start')}"
                                      f" to {rng.get('end', {}).get('value', '?') if isinstance(rng.get('end'), dict) else rng.get('end')}"))
        links = []
        href = f"#{fact_anchor(f'time:{i}')}"
        if _FULL_DATE.match(value):
            href = "/?" + urlencode({"since": value, "until": value})
            links.append((f"Articles dated {value}", href))
        fact = add(Fact(f"time:{i}", "time", f"{t.get('text')} = {value}", rows, links, href))
        marks.append(Mark(t["start"], t["end"], "time", [fact]))

    for i, q in enumerate(doc.get("quantities") or []):
        key = f"quantity:{q.get('id') or i}"
        unit = q.get("unit") or q.get("noun") or ""
        val = _figure({"min": q.get("min", q.get("value")), "max": q.get("max"), "qualifier": q.get("qualifier")}) \
            if (q.get("min") is not None or q.get("value") is not None) else None
        rows = [("value", f"{val} {unit}".strip() if val else "?")]
        for k in ("kind", "noun"):
            if q.get(k):
                rows.append((k, str(q[k])))
        if q.get("vague"):
            rows.append(("vague", "yes (conservative reading)"))
        fact = add(Fact(key, "quantity", q.get("text", ""), rows, [], f"#{fact_anchor(key)}"))
        marks.append(Mark(q["start"], q["end"], "quantity", [fact]))

    for i, ev in enumerate(doc.get("events") or []):
        eid = ev.get("id") or f"ev{i + 1}"
        key = f"event:{eid}"
        rows = [("type", f"{ev.get('type') or '?'} / {ev.get('subtype') or '?'}")]
        date = ev.get("date") or {}
        if date.get("value"):
            rows.append(("date", str(date["value"])))
        place = ev.get("place") or {}
        if place.get("name"):
            rows.append(("place", place["name"] + (f", {country_name(place.get('country'))}" if place.get("country") else "")))
        for role in ("actor1", "actor2", "target"):
            r = ev.get(role)
            if isinstance(r, dict) and (r.get("name") or r.get("text")):
                rows.append((role, r.get("name") or r.get("text")))
        for fig in ("killed", "injured"):
            text = _figure(ev.get(fig))
            if text:
                rows.append((fig, text))
        if ev.get("reported_by"):
            rb = ev["reported_by"]
            rows.append(("reported by", rb.get("text") or rb.get("name") if isinstance(rb, dict) else str(rb)))
        inc = incidents.get(eid)
        href = f"/events/{quote(inc, safe='')}" if inc else f"#{fact_anchor(key)}"
        links = [("The incident, all its reports", href)] if inc else []
        fact = add(Fact(key, "event", f"{ev.get('subtype') or ev.get('type') or 'Event'}", rows, links, href))
        trig = ev.get("trigger")
        if isinstance(trig, dict) and "start" in trig:
            marks.append(Mark(trig["start"], trig["end"], "event", [fact]))

    for i, q in enumerate(doc.get("quotes") or []):
        qid = q.get("id") or f"q{i + 1}"
        key = f"quote:{qid}"
        sp = q.get("speaker") or {}
        who = sp.get("name") or sp.get("description") or (sp.get("span") or {}).get("text") or "unknown speaker"
        rows = [("speaker", who)]
        if sp.get("description") and sp.get("description") != who:
            rows.append(("described as", sp["description"]))
        for k in ("role", "affiliation"):
            if sp.get(k):
                rows.append((k, sp[k]))
        cue = q.get("cue") or {}
        if cue:
            rows.append(("cue", cue.get("lemma") or cue.get("text") or ""))
        if (q.get("addressee") or {}).get("text"):
            rows.append(("to", q["addressee"]["text"]))
        rows.append(("kind", q.get("kind") or "direct"))
        rows.append(("words", (q.get("content") or {}).get("text", "")))
        links = []
        speaker_href = None
        if sp.get("entity"):
            ent = next((e for e in doc.get("entities") or [] if e.get("id") == sp["entity"]), None)
            if ent:
                speaker_href = entity_href(ent["type"], ent["name"])
                links.append((f"About {ent['name']}", speaker_href))
        if sp.get("name"):
            links.append((f"All quotes by {sp['name']}", "/quotes?" + urlencode({"speaker": sp["name"]})))
        fact = add(Fact(key, "quote", who, rows, links, f"#{fact_anchor(key)}"))
        pieces = q.get("pieces") or ([q["content"]] if q.get("content") else [])
        for j, piece in enumerate(pieces):
            badge = (who, f"#{fact_anchor(key)}") if j == 0 else None
            marks.append(Mark(piece["start"], piece["end"], "quote", [fact], badge=badge))
        for also in q.get("also") or []:
            marks.append(Mark(also["start"], also["end"], "quote", [fact], badge=(who, f"#{fact_anchor(key)}")))

    dl = doc.get("dateline")
    if dl:
        fact = add(Fact("dateline", "dateline", dl["text"], [("dateline", dl["text"])], [], None))
        marks.append(Mark(dl["start"], dl["end"], "dateline", [fact]))
    return marks, facts


def _build(marks: list[Mark], start: int, end: int) -> list[Mark]:
    """Nest the marks inside ``[start, end)``; merge identical spans, clip or drop crossings."""
    inside = []
    for m in marks:
        s, e = max(m.start, start), min(m.end, end)
        if s >= e:
            continue
        if (s, e) != (m.start, m.end) and m.kind not in ("quote", "dateline", "evidence"):
            continue          # a single fact cut by the block edge is not shown
        inside.append(Mark(s, e, m.kind, list(m.facts), m.css, m.badge if s == m.start else None))
    inside.sort(key=lambda m: (m.start, -m.end, _RANK.get(m.kind, 9)))
    roots: list[Mark] = []
    stack: list[Mark] = []
    for m in inside:
        while stack and stack[-1].end <= m.start:
            stack.pop()
        parent = stack[-1] if stack else None
        if parent is not None and (parent.start, parent.end) == (m.start, m.end) and _leafy(parent) and _leafy(m):
            for f in m.facts:
                if f not in parent.facts:
                    parent.facts.append(f)
            parent.css = " ".join(x for x in (parent.css, m.css) if x)
            continue
        if parent is not None and m.end > parent.end:
            if m.kind in ("quote", "dateline", "evidence"):
                m.end = parent.end
            else:
                continue
        (parent.children if parent is not None else roots).append(m)
        stack.append(m)
    return roots


def _leafy(m: Mark) -> bool:
    return m.kind not in ("quote", "dateline", "evidence", "figure")


def _href(m: Mark) -> str | None:
    for kind in _HREF_ORDER:
        for f in m.facts:
            if f.kind == kind and f.href:
                return f.href
    return None


def _emit(text: str, nodes: list[Mark], start: int, end: int, out: list[str]) -> None:
    pos = start
    for node in nodes:
        out.append(str(escape(text[pos:node.start])))
        kinds = []
        for f in node.facts:
            if f.kind not in kinds:
                kinds.append(f.kind)
        if node.kind not in kinds:
            kinds.insert(0, node.kind)
        classes = " ".join(["hl"] + [f"hl-{k}" for k in kinds] + ([node.css] if node.css else []))
        title = " · ".join(f"{_KIND_LABEL.get(f.kind, f.kind)}: {f.title}" for f in node.facts)
        keys = " ".join(f.key for f in node.facts)
        href = _href(node)
        attrs = f'class="{escape(classes)}" data-fact="{escape(keys)}" title="{escape(title)}"'
        if node.badge:
            out.append(f'<a class="speaker" href="{escape(node.badge[1])}" data-fact="{escape(keys)}">'
                       f'<span class="sr-only">Quote by </span>{escape(node.badge[0])}</a> ')
        if node.kind in ("dateline", "evidence", "figure"):
            tag = {"dateline": "span", "evidence": "mark", "figure": "strong"}[node.kind]
            tag_open, tag_close = f"<{tag} {attrs}>", f"</{tag}>"
        elif node.children or href is None or node.kind == "quote":
            tag_open = f'<span {attrs} tabindex="0" role="button">'
            tag_close = "</span>"
        else:
            tag_open = f'<a {attrs} href="{escape(href)}">'
            tag_close = "</a>"
        out.append(tag_open)
        _emit(text, node.children, node.start, node.end, out)
        out.append(tag_close)
        pos = node.end
    out.append(str(escape(text[pos:end])))


def render_block(text: str, marks: list[Mark], start: int, end: int) -> Markup:
    """``text[start:end]`` as escaped HTML with the marks inside it highlighted."""
    out: list[str] = []
    _emit(text, _build(marks, start, end), start, end, out)
    return Markup("".join(out))


def render_marked(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> Markup:
    """``text[start:end]`` with plain ``<mark>`` highlights: ``(start, end, kind, title)``."""
    marks = [Mark(s, e, kind, [Fact(f"{kind}:{i}", kind, title)]) for i, (s, e, kind, title) in enumerate(spans)]
    return render_block(text, marks, start, end)
