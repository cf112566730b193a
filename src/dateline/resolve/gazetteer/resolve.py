"""Toponym resolution: one gazetteer candidate per mention, chosen from document context.

Every candidate of a mention gets a score; the highest wins:

* **prior**: countries 6.5, continents 6, US states and other admin1 areas 5.5,
  regions 5, populated places ``log10(population + 1)`` (+1 for a national capital);
* **match**: -0.5 for an alternate name, -0.3 for a demonym, -1.5 for a match only after
  transliteration folding;
* **explicit qualifier** (``Paris, Texas``, ``Long Beach, CA``, ``Mosul, Iraq``):
  candidates outside the qualifier's state/country are dropped when any remain;
* **document context** (from the other mentions' current choices, two rounds; mentions
  sharing a name count once): +2 when the candidate's country is used elsewhere, +2
  more when a populated place lies in a state/admin1 area named or used elsewhere,
  +1.5 when within 150 km of another chosen place (+0.7 within 400 km);
* **focus**: +1.5 for the article's focus country (the dateline's).

All mentions with the same name in one document get the same referent (one sense per
discourse). ``X County`` / ``X Parish`` names with no record are placed approximately:
at the nearest chosen populated place of the document in that state, else at the state.
Confidence is a logistic of the margin over the runner-up, lowered for loose matches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from .build import name_key
from .index import Candidate, Gazetteer

__all__ = ["Mention", "Resolution", "resolve_mentions", "haversine_km"]

PRIOR = {"country": 6.5, "continent": 6.0, "admin1": 5.5, "region": 5.0}
MATCH = {"name": 0.0, "alternate": -0.5, "abbreviation": 0.0, "demonym": -0.3, "loose": -1.5, "postal": -3.0}
_COUNTY = re.compile(r"^(.+?)\s+(County|Parish|Borough)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym to resolve: its span, and an explicit qualifier if the text gives one."""

    start: int
    end: int
    text: str
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: Mention
    candidate: Candidate
    confidence: float
    approximate: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _prior(c: Candidate) -> float:
    base = PRIOR.get(c.feature)
    if base is None:
        base = math.log10(c.population + 1) + (1.0 if c.feature == "capital" else 0.0)
        base = max(base, 2.0)
    return base + MATCH.get(c.match, 0.0)


def _qualify(cands: list[Candidate], qualifier: str | None, gaz: Gazetteer) -> list[Candidate]:
    if not qualifier:
        return cands
    scopes = {(q.country, q.admin1 if q.feature == "admin1" else None)
              for q in gaz.lookup(qualifier) if q.feature in ("country", "admin1")}
    kept = [c for c in cands if c.feature not in ("country", "admin1") or c.admin1 is not None
            and (c.country, c.admin1) not in scopes]
    kept = [c for c in kept if (c.country, None) in scopes or (c.country, c.admin1) in scopes]
    return kept or cands


class _Group:
    __slots__ = ("key", "mentions", "cands", "county", "choice", "scores")

    def __init__(self, key: str):
        self.key = key
        self.mentions: list[Mention] = []
        self.cands: list[Candidate] = []
        self.county: str | None = None
        self.choice: Candidate | None = None
        self.scores: list[float] = []


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer | None = None,
                     focus_country: str | None = None) -> list[Resolution | None]:
    """Resolve ``mentions`` of one document together; one result per mention, in
    order (``None`` when the gazetteer knows no candidate)."""
    gaz = gazetteer or Gazetteer.load()
    groups: dict[str, _Group] = {}
    order: list[_Group | None] = []
    for m in mentions:
        key = name_key(m.text)
        if not key:
            order.append(None)
            continue
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key)
        g.mentions.append(m)
        order.append(g)
    for g in groups.values():
        text = g.mentions[0].text
        cands = [c for c in gaz.lookup(text) if c.match != "postal"]
        if not cands and (m := _COUNTY.match(text.strip())):
            g.county = m.group(0)
        qualifier = next((m.qualifier for m in g.mentions if m.qualifier), None)
        g.cands = _qualify(cands, qualifier, gaz)
        if g.county and qualifier:
            g.cands = [c for c in gaz.lookup(qualifier) if c.feature == "admin1" and c.country == "US"]
    for _ in range(3):
        _score_round(groups, focus_country)
    _place_counties(groups)
    out: list[Resolution | None] = []
    for m, g in zip(mentions, order):
        if g is None or g.choice is None:
            out.append(None)
            continue
        ranked = sorted(g.scores, reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else 4.0
        conf = 1 / (1 + math.exp(-margin))
        if g.choice.match == "loose" or g.county:
            conf *= 0.7
        out.append(Resolution(m, g.choice, round(conf, 3), approximate=g.county is not None))
    return out


def _score_round(groups: dict[str, _Group], focus: str | None) -> None:
    chosen = {k: g.choice for k, g in groups.items() if g.choice is not None}
    for g in groups.values():
        if not g.cands:
            continue
        countries: Counter[str] = Counter()
        admin1s: set[tuple] = set()
        points: list[tuple[float, float]] = []
        for k, c in chosen.items():
            if k == g.key or c is None:
                continue
            if c.country:
                countries[c.country] += 1
            if c.admin1:
                admin1s.add((c.country, c.admin1))
            if c.feature not in ("country", "continent", "region"):
                points.append((c.lat, c.lon))
        if not chosen:      # first round: every other mention's unambiguous reading counts
            for k, o in groups.items():
                if k != g.key and o.cands and len({c.country for c in o.cands}) == 1:
                    countries[o.cands[0].country] += 1
                    if len({c.admin1 for c in o.cands}) == 1 and o.cands[0].admin1:
                        admin1s.add((o.cands[0].country, o.cands[0].admin1))
        scores = []
        for c in g.cands:
            s = _prior(c)
            if c.country and countries[c.country]:
                s += 2.0
            if c.feature not in ("country", "continent") and (c.country, c.admin1) in admin1s:
                s += 2.0
            if c.feature not in ("country", "continent", "region") and points:
                near = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in points)
                s += 1.5 if near < 150 else 0.7 if near < 400 else 0.0
            if focus and c.country == focus:
                s += 1.5
            scores.append(s)
        best = max(range(len(scores)), key=lambda i: scores[i])
        g.choice, g.scores = g.cands[best], scores


def _place_counties(groups: dict[str, _Group]) -> None:
    """Counties have no record: put them at the state, or the nearest chosen town in it."""
    towns = [g.choice for g in groups.values() if g.choice and g.choice.feature in ("city", "capital")]
    states = Counter((g.choice.country, g.choice.admin1) for g in groups.values()
                     if g.choice and g.choice.admin1 and not g.county)
    for g in groups.values():
        if not g.county:
            continue
        state = g.choice if g.choice and g.choice.feature == "admin1" else None
        if state is None and states:
            (cc, a1), _ = states.most_common(1)[0]
            state = next((c for c in groups.values() if c.choice and c.choice.feature == "admin1"
                          and (c.choice.country, c.choice.admin1) == (cc, a1)), None)
            state = state.choice if state else None
            inside = [t for t in towns if (t.country, t.admin1) == (cc, a1)]
        else:
            inside = [t for t in towns if state and (t.country, t.admin1) == (state.country, state.admin1)]
        if state is None and not inside:
            g.choice = None
            continue
        anchor = inside[0] if inside else state
        g.choice = replace(anchor, geonameid=None, name=g.county, feature="county", population=0,
                           admin1=anchor.admin1, match="approximate")
        g.scores = [0.0]
