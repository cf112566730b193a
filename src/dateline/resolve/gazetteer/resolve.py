"""Toponym resolution: one gazetteer candidate per mention, chosen from document context.

Every candidate of a mention gets a score; the highest wins:

* **prior**: countries 6.5, continents 6, first-order divisions 5.8, regions 5, US and
  British counties 4, populated places ``log10(population + 1)`` (+1 for a national
  capital named by its own name);
* **match**: -0.5 for an alternate name (-1.5 when the name is also some place's own
  name: "Alexandria" is an old name of Mashhad), -0.3 for a demonym, -2 for a county's
  bare name ("Oconee" for Oconee County), -1.5 for a match only after transliteration
  folding; a town under 50,000 people loses 2 when the name is also a country's, a
  state's or a region's ("Italy, Texas", the "Middle East" of Baltimore), and a division
  gains 1.5 over its namesake city ("Quebec");
* **explicit qualifier** (``Paris, Texas``, ``Long Beach, CA``, ``Mosul, Iraq``):
  candidates outside the qualifier's state/country are dropped when any remain;
* **document context** (from the other mentions' current choices, three rounds, each
  choice seen at once by the next mention; mentions sharing a name count once): +2 when
  the candidate's country is used elsewhere, +2 more when a place lies in a state/admin1
  area named or used elsewhere, +1.5 when within 150 km of another chosen place (+0.7
  within 400 km), +1.5 for a country among other countries; and, whatever the others
  end up choosing, +0.3 for each other name (up to 5) having *some* reading within about
  a degree, so a cluster of small towns outweighs bigger namesakes scattered elsewhere;
* **focus**: +1.5 for the article's focus country (the dateline's).

All mentions with the same name in one document get the same referent (one sense per
discourse). Names with no record of their own that are named after a town or part of
one (``X Township``, ``Lake X``, ``X Park``, ``South X``, ``Port of X``, ``X district``,
``X Art Gallery``: :func:`near_namesake`) are placed approximately at that town. ``X County`` /
``X Parish`` names with no record (and the few US counties without a point of their own)
are placed approximately: at the most mentioned chosen town of the document in that
state, else at the state. Confidence is a logistic of the margin over the runner-up,
lowered for loose and approximate matches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from .build import name_key
from .index import Candidate, Gazetteer

__all__ = ["Mention", "Resolution", "resolve_mentions", "haversine_km", "near_namesake"]

PRIOR = {"country": 6.5, "continent": 6.0, "admin1": 5.8, "region": 5.0, "county": 4.0}
MATCH = {"name": 0.0, "alternate": -0.5, "abbreviation": 0.0, "demonym": -0.3, "loose": -1.5, "postal": -3.0,
         "county": -2.0}
_COUNTY = re.compile(r"^(.+?)\s+(County|Parish|Borough)$", re.IGNORECASE)
_PART_OF = re.compile(r"^(?:Port of|Greater|Downtown|Metro|Metropolitan|Central|Upper|Lower|Inner|Outer|"
                      r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Northeast|Northwest|Southeast|"
                      r"Southwest|N\.|S\.|E\.|W\.))\s+(?P<rest>[A-Z].+?)(?:\s+(?:Area|Region|Metro Area))?$")
_FEATURE = re.compile(r"^(?:(?:Lake|Mount|Mt\.)\s+(?P<a>[A-Z].*)|(?P<b>[A-Z].*?)\s+(?:Lake|River|Creek|Park|"
                      r"National Park|State Park|National Forest|Valley|Reservoir|Dam|Bay|Harbor|Harbour|Station))$")
_FACILITY = re.compile(r"\s+(?:International Airport|Airport|Art Gallery|Gallery|Museum|University|Hospital|Stadium|"
                       r"Arena|Cathedral|City Hall|Zoo|Convention Center|Convention Centre)$")
_DIVISION = re.compile(r"^(?P<a>[A-Z].*?)\s+(?:district|province|governorate|region|state|oblast|prefecture)$")
_TOWNSHIP = re.compile(r"^(?:(?P<a>.+?)\s+(?:Township|Twp\.?|Town|Village|City)"
                       r"|(?:Township|Town|Village|City) of\s+(?P<b>.+))$", re.IGNORECASE)


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


#: extra cost of a mere alternate name when the name is some other place's own name
#: ("Alexandria" is also an old name of Mashhad; "Athens" one of Oshkosh)
SHADOWED = -1.0
ROUNDS = 3
NATIONS = 1.5
CLUSTER, CLUSTER_CAP, CLUSTER_CANDS = 0.3, 5, 40
SMALL_TOWN, SMALL_TOWN_COST = 50_000, -2.0


def _prior(c: Candidate, shadowed: bool = False) -> float:
    base = PRIOR.get(c.feature)
    if base is None:
        base = math.log10(c.population + 1) + (1.0 if c.feature == "capital" and c.match == "name" else 0.0)
        base = max(base, 2.0)
    return base + MATCH.get(c.match, 0.0) + (SHADOWED if shadowed and c.match == "alternate" else 0.0)


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
    __slots__ = ("key", "mentions", "cands", "county", "choice", "scores", "approx")

    def __init__(self, key: str):
        self.key = key
        self.mentions: list[Mention] = []
        self.cands: list[Candidate] = []
        self.county: str | None = None
        self.approx = False
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
        elif not cands:
            cands = near_namesake(text, gaz)
            g.approx = bool(cands)
        qualifier = next((m.qualifier for m in g.mentions if m.qualifier), None)
        g.cands = _qualify(cands, qualifier, gaz)
        if g.county and qualifier:
            g.cands = [c for c in gaz.lookup(qualifier) if c.feature == "admin1" and c.country == "US"]
    support = _support(groups)
    for _ in range(ROUNDS):
        _score_round(groups, focus_country, support)
    _place_counties(groups)
    out: list[Resolution | None] = []
    for m, g in zip(mentions, order):
        if g is None or g.choice is None:
            out.append(None)
            continue
        ranked = sorted(g.scores, reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else 4.0
        conf = 1 / (1 + math.exp(-margin))
        approximate = g.county is not None or g.approx or g.choice.feature == "county"
        if g.choice.match == "loose" or approximate:
            conf *= 0.7
        out.append(Resolution(m, g.choice, round(conf, 3), approximate=approximate))
    return out


def _located(c: Candidate) -> bool:
    """A candidate whose point means something for nearness (not a country's or a
    state's centre, nor a county placed at its state's)."""
    return c.feature not in ("country", "continent", "region", "admin1") and (c.feature != "county" or c.population > 0)


def _support(groups: dict[str, _Group]) -> dict[tuple[str, int], int]:
    """For each (group, candidate index): how many *other* names of the document have
    some reading within about a degree of it, whichever reading they end up with. A
    cluster of small towns (Alexandria, Brandon, Kensington, Douglas County, all in
    Minnesota) thus outweighs the bigger namesakes scattered over the map."""
    cells: dict[tuple[int, int], set[str]] = {}
    for g in groups.values():
        for c in g.cands[:CLUSTER_CANDS]:
            if _located(c):
                cells.setdefault((math.floor(c.lat), math.floor(c.lon)), set()).add(g.key)
    out: dict[tuple[str, int], int] = {}
    if len(groups) < 2:
        return out
    for g in groups.values():
        for i, c in enumerate(g.cands[:CLUSTER_CANDS]):
            if not _located(c):
                continue
            la, lo = math.floor(c.lat), math.floor(c.lon)
            near: set[str] = set()
            for dla in (-1, 0, 1):
                for dlo in (-1, 0, 1):
                    near |= cells.get((la + dla, lo + dlo), set())
            near.discard(g.key)
            if near:
                out[(g.key, i)] = len(near)
    return out


def near_namesake(text: str, gaz: Gazetteer) -> list[Candidate]:
    """Candidates for a name the gazetteer lacks, placed at the town it is named after
    or part of (an approximate place): "Hamilton Township", "Town of Groton", "Lake
    Hartwell", "Shawnee Park", "Greer Station", "South Los Angeles", "Port of Los
    Angeles", "Greater Toronto Area", "Karak district", and a facility opening with a
    big city's name ("Vancouver Art Gallery"). Empty when no such reading exists."""
    text = text.strip()
    if m := _TOWNSHIP.match(text):
        return [c for c in gaz.lookup(m["a"] or m["b"]) if c.feature in ("city", "capital")]
    if m := _FEATURE.match(text):
        return [c for c in gaz.lookup(m["a"] or m["b"]) if c.feature in ("city", "county")
                and c.match in ("name", "county")]
    if m := _PART_OF.match(text):
        return [c for c in gaz.lookup(m["rest"]) if c.match in ("name", "alternate", "abbreviation")]
    if m := _DIVISION.match(text):     # "Karak district", "Kunar province"
        return [c for c in gaz.lookup(m["a"]) if c.match in ("name", "alternate")]
    if m := _FACILITY.search(text):    # "Vancouver Art Gallery": a big city it opens with
        words = re.split(r"[\s-]+", text[:m.start()])
        for n in range(min(len(words), 3), 0, -1):
            cands = [c for c in gaz.lookup(" ".join(words[:n])) if c.match == "name"
                     and (c.feature in ("admin1", "capital") or c.population >= 100_000)]
            if cands:
                return cands
    return []


def _score_round(groups: dict[str, _Group], focus: str | None, support: dict | None = None) -> None:
    """One pass over the groups. The first pass reads only unambiguous context; later
    ones see each group's new choice at once (not at the end of the pass, which lets two
    names swap states forever: Walker County TX / Huntsville AL)."""
    chosen = {k: g.choice for k, g in groups.items() if g.choice is not None}
    first = not chosen
    for g in groups.values():
        if not g.cands:
            continue
        countries: Counter[str] = Counter()
        admin1s: set[tuple] = set()
        points: list[tuple[float, float]] = []
        nations = 0
        for k, c in chosen.items():
            if k == g.key or c is None:
                continue
            nations += c.feature == "country"
            if c.country:
                countries[c.country] += 1
            if c.admin1:
                admin1s.add((c.country, c.admin1))
            if c.feature not in ("country", "continent", "region") and (c.feature != "county" or c.population):
                points.append((c.lat, c.lon))
        if first:           # first round: every other mention's unambiguous reading counts
            for k, o in groups.items():
                if k != g.key and o.cands and len({c.country for c in o.cands}) == 1:
                    countries[o.cands[0].country] += 1
                    if len({c.admin1 for c in o.cands}) == 1 and o.cands[0].admin1:
                        admin1s.add((o.cands[0].country, o.cands[0].admin1))
        scores = []
        shadowed = any(c.match == "name" for c in g.cands)
        area = any(c.match == "name" and c.feature in ("country", "admin1", "region", "continent") for c in g.cands)
        for i, c in enumerate(g.cands):
            s = _prior(c, shadowed)
            if area and c.feature == "city" and c.population < SMALL_TOWN:
                s += SMALL_TOWN_COST     # "Middle East" (a Baltimore neighbourhood), "Italy, Texas"
            if c.feature == "admin1" and any(o.feature in ("city", "capital") and o.population < 1_000_000
                                             and (o.country, o.admin1) == (c.country, c.admin1) for o in g.cands):
                s += 1.5                 # "Quebec": the province, not its namesake city
            if c.country and countries[c.country]:
                s += 2.0
            if c.feature not in ("country", "continent") and (c.country, c.admin1) in admin1s:
                s += 2.0
            if c.feature not in ("country", "continent", "region") and (c.feature != "county" or c.population) \
                    and points:
                near = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in points)
                s += 1.5 if near < 150 else 0.7 if near < 400 else 0.0
            if focus and c.country == focus:
                s += 1.5
            if nations and c.feature == "country":
                s += NATIONS        # "Italy" among Canada and Japan is the country, even in a Texas paper
            if support:
                s += CLUSTER * min(support.get((g.key, i), 0), CLUSTER_CAP)
            scores.append(s)
        best = max(range(len(scores)), key=lambda i: scores[i])
        g.choice, g.scores = g.cands[best], scores
        if not first:
            chosen[g.key] = g.choice


def _place_counties(groups: dict[str, _Group]) -> None:
    """Counties have no point of their own: put them at the article's most mentioned
    town in their state, else at the state."""
    towns = [g.choice for g in sorted(groups.values(), key=lambda g: -len(g.mentions))
             if g.choice and g.choice.feature in ("city", "capital")]
    states = Counter((g.choice.country, g.choice.admin1) for g in groups.values()
                     if g.choice and g.choice.admin1 and not g.county)
    for g in groups.values():
        if g.choice is not None and g.choice.feature == "county" and not g.choice.population:
            inside = [t for t in towns if (t.country, t.admin1) == (g.choice.country, g.choice.admin1)]
            if inside:
                g.choice = replace(g.choice, lat=inside[0].lat, lon=inside[0].lon)
            continue
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
