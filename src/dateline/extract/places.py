"""Places: toponym mentions of an article resolved to gazetteer entries and coordinates.

Which mentions are toponyms:

* every entity mention labelled GPE, LOC or FAC that the gazetteer knows (or that reads
  ``X County`` / ``X Parish``);
* mentions the small model mislabels (PERSON, ORG, NORP: it tags "Tal Afar" PERSON and
  "Aleppo" NORP) when the gazetteer knows the name as a country, a state/admin1 area, a
  capital or a town of 100,000+ people, or as a town in a country the article's other
  places are in, *and* the mention reads as a place: after a locative preposition
  (``in``, ``near``, ``north of``...), before ``, <state or country>``, or in a list
  with a place (``Raqqa and Aleppo``); demonyms ("American") only with ``demonyms=True``;
* the parts of the dateline (``MOSUL, Iraq``), which also set the article's focus.

Each place is a dict (see :func:`extract_places`); ``text == article.text[start:end]``.
Resolution is :func:`dateline.resolve.gazetteer.resolve_mentions` (population, explicit
qualifiers such as ``Paris, Texas`` or ``Long Beach, CA``, the dateline's country and
the other places of the article). ``north of Tikrit`` keeps Tikrit's coordinates with
``relative = {"direction": "north", "anchor": "Tikrit", ...}`` and a coarser precision;
no point is invented.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from dateline.model import Article
from dateline.model import Mention as MentionSpan
from dateline.resolve.gazetteer import Gazetteer, Mention, near_namesake, resolve_mentions

__all__ = ["extract_places", "article_focus", "PLACE_LABELS"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|near|into|inside|outside|across|around|toward|towards|via|within|to|of"
    r"|outskirts of|city of|town of|province of|village of|city|town|village|capital)\s+(?:the\s+)?$",
    re.IGNORECASE)
_DIRECTION = re.compile(
    r"\b(?:(north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+(?:of|from)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province)\s+of\s+)?|(northern|southern|eastern|western|central)\s+)$",
    re.IGNORECASE)
_LEADING_DIRECTION = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western)\s+(?=[A-Z])",
                                re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+){0,2}")
_NAME_CONTEXT = re.compile(r"\b(?:city|town|village|capital|province|region)\s+$", re.IGNORECASE)
_QUALIFIER = re.compile(r"^,\s*((?:[A-Z][A-Za-z.]*\.?)(?:\s+[A-Z][A-Za-z.]*)?)")
_LIST_JOIN = re.compile(r"^\s*(?:,|and|or|&)\s*$")
_DIR_NAMES = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
_PRECISION = {"country": "country", "admin1": "admin1", "city": "city", "capital": "city",
              "continent": "continent", "region": "region", "county": "approximate"}
_FEATURE = {"capital": "city"}


def _qualifier(text: str, end: int, gaz: Gazetteer) -> str | None:
    m = _QUALIFIER.match(text[end:end + 40])
    if not m:
        return None
    for candidate in (m.group(1), m.group(1).split()[0]):
        if any(c.feature in ("country", "admin1") for c in gaz.lookup(candidate)):
            return candidate
    return None


def _sentence(docs: list, start: int) -> dict[str, int] | None:
    for offset, doc in docs:
        if offset <= start < offset + len(doc.text):
            try:
                for sent in doc.sents:
                    if sent.start_char + offset <= start < sent.end_char + offset:
                        return {"start": sent.start_char + offset, "end": sent.end_char + offset}
            except ValueError:          # no parser or sentencizer in this pipeline
                pass
            return {"start": offset, "end": offset + len(doc.text)}
    return None


def _looks_locative(text: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    before = text[max(0, start - 24):start]
    if _LOCATIVE.search(before) or _DIRECTION.search(before):
        return True
    if re.match(r"^[-\u2010\u2011]based\b", text[end:end + 8]):
        return True
    for s, e in places:        # "Raqqa and Aleppo", "Aleppo, Raqqa"
        if (e <= start and _LIST_JOIN.match(text[e:start])) or (end <= s and _LIST_JOIN.match(text[end:s])):
            return True
    return False


def _candidates(article: Article, gaz: Gazetteer, demonyms: bool) -> list[tuple[Any, str | None]]:
    """``(mention, entity id)`` pairs for every toponym mention, in text order."""
    text = article.text
    dl = article.dateline
    sure, maybe = [], []
    for ent in article.entities:
        for m in ent.mentions:
            in_dateline = dl is not None and dl.start <= m.start and m.end <= dl.end
            if m.label in PLACE_LABELS or in_dateline:
                sure.append((m, ent.id))
            elif m.label in _OTHER_LABELS:
                maybe.append((m, ent.id))
    known = []
    for m, eid in sure:
        lead = _LEADING_DIRECTION.match(m.text)
        if lead and not gaz.lookup(m.text):          # "west Mosul": Mosul, relative west
            m = MentionSpan(m.start + lead.end(), m.end, m.text[lead.end():], m.label)
        cands = gaz.lookup(m.text)
        if cands or re.search(r"\s(?:County|Parish)$", m.text) or near_namesake(m.text, gaz):
            known.append((m, eid))
    spans = [(m.start, m.end) for m, _ in known]
    countries = {c.country for m, _ in known for c in gaz.lookup(m.text)[:1]}
    for m, eid in maybe:
        cands = [c for c in gaz.lookup(m.text) if c.match not in ("postal", "loose")]
        if not demonyms:
            cands = [c for c in cands if c.match != "demonym"]
        if not cands:
            continue
        strong = any(c.feature in ("country", "admin1", "capital") or c.population >= 100_000
                     or c.country in countries for c in cands)
        demonym = all(c.match == "demonym" for c in cands)
        if strong and (demonym or _looks_locative(text, m.start, m.end, spans)
                       or _qualifier(text, m.end, gaz)):
            known.append((m, eid))
    taken = [(m.start, m.end) for ent in article.entities for m in ent.mentions]
    for match in _NAME.finditer(text):              # names the model did not tag at all
        start, end = match.span()
        if any(s < end and start < e for s, e in taken) or not _NAME_CONTEXT.search(text[max(0, start - 12):start]):
            continue
        cands = [c for c in gaz.lookup(match.group()) if c.match in ("name", "alternate")]
        if any(c.country in countries and (c.population >= 100_000 or c.feature != "city") for c in cands):
            known.append((MentionSpan(start, end, match.group(), "GPE"), None))
    known.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return known


def extract_places(article: Article, docs: list, gazetteer: Gazetteer | None = None,
                   demonyms: bool = False) -> list[dict]:
    """The places of ``article`` (entities already resolved), in text order.

    ``docs``: ``(offset, Doc)`` per block, as :meth:`Pipeline.extract` gets them (used for
    sentence bounds). Each place: ``start``, ``end``, ``text``; ``name``, ``geonameid``,
    ``feature`` (country, admin1, county, city, continent, region), ``country`` (ISO
    alpha-2), ``admin1`` (name when known, else the GeoNames ``CC.code``), ``lat``,
    ``lon``, ``precision`` (country, admin1, city, continent, region, approximate),
    ``confidence``, ``entity`` (entity id), ``relative`` (``{"direction", "anchor",
    "start", "end", "text"}`` or None), ``sentence`` (``{"start", "end"}``) and
    ``dateline`` (True for the dateline's parts).
    """
    gaz = gazetteer or Gazetteer.load()
    text = article.text
    pairs = _candidates(article, gaz, demonyms)
    if not pairs:
        return []
    dl = article.dateline
    mentions = [Mention(m.start, m.end, m.text, _qualifier(text, m.end, gaz)) for m, _ in pairs]
    in_dl = [dl is not None and dl.start <= m.start and m.end <= dl.end for m in mentions]
    focus = None
    dl_mentions = [m for m, d in zip(mentions, in_dl) if d]
    if dl_mentions:
        first = [r for r in resolve_mentions(dl_mentions, gaz) if r is not None]
        focus = first[0].candidate.country if first else None
    resolved = resolve_mentions(mentions, gaz, focus)
    countries = Counter(r.candidate.country for r in resolved if r is not None)
    countries = {cc for cc, n in countries.items() if n >= 2 or cc == focus}
    places = []
    for (m, eid), res, dateline in zip(pairs, resolved, in_dl):
        if res is None:
            continue
        c = res.candidate
        if c.feature == "city" and not dateline and c.country != focus and (
                c.population < 50_000 if focus else c.population < 5000 and c.country not in countries):
            continue                                    # "Old City" -> a hamlet abroad: noise
        place = {
            "start": m.start, "end": m.end, "text": text[m.start:m.end], "name": c.name,
            "geonameid": None if c.geonameid is None else str(c.geonameid),
            "feature": _FEATURE.get(c.feature, c.feature), "country": c.country,
            "admin1": (gaz.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}") if c.admin1 else None,
            "lat": round(c.lat, 5), "lon": round(c.lon, 5),
            "precision": "approximate" if res.approximate else _PRECISION.get(c.feature, "city"),
            "confidence": res.confidence, "entity": eid, "relative": None,
            "sentence": _sentence(docs, m.start), "dateline": dateline,
        }
        rel = _DIRECTION.search(text[max(0, m.start - 24):m.start])
        if rel:
            word = (rel.group(1) or rel.group(2)).lower().replace("-", "")
            start = m.start - len(text[max(0, m.start - 24):m.start]) + rel.start()
            place["relative"] = {"direction": _DIR_NAMES.get(word, word), "anchor": c.name,
                                 "start": start, "end": m.end, "text": text[start:m.end]}
            place["precision"] = "approximate" if c.feature in ("city", "capital") else place["precision"]
        places.append(place)
    return places


def article_focus(places: list[dict]) -> dict | None:
    """Where the article is about: the dateline's most specific place when there is one,
    else the most mentioned country (weighted by confidence). ``None`` without places."""
    if not places:
        return None
    dated = [p for p in places if p.get("dateline")]
    if dated:
        order = {"city": 0, "approximate": 1, "admin1": 2, "region": 3, "country": 4}
        p = min(dated, key=lambda p: order.get(p["precision"], 5))
        return {k: p[k] for k in ("name", "geonameid", "country", "lat", "lon", "precision")} | {"source": "dateline"}
    weight: Counter = Counter()
    for p in places:
        if p.get("country"):
            weight[p["country"]] += p.get("confidence") or 0.5
    if not weight:
        return None
    cc = weight.most_common(1)[0][0]
    best = max((p for p in places if p.get("country") == cc),
               key=lambda p: (p["feature"] == "country", p.get("confidence") or 0))
    return {k: best[k] for k in ("name", "geonameid", "country", "lat", "lon", "precision")} | {"source": "mentions"}
