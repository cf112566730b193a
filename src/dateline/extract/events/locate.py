"""Where an incident happened: one place of its sentences, scored, else the dateline/focus.

A place scores when it is tied to the event in the text (``shooting in Elgin``,
``The bombings in the Al-Hajaj area, north of the city of Tikrit``, ``Elgin shooting``),
when it sits after a locative preposition, and by how specific it is (a town or a place
relative to one beats a state, which beats a country). Names inside an organisation or a
hospital (``Elgin Police Department``, ``Sherman Hospital``) count less: they say who
answered, not where.

``a northern Syrian village``: a demonym with a direction and a settlement noun is read
as a place in that country, relative (``{"direction": "north", "anchor": "Syria"}``),
at country precision; no point is invented.

US state names mentioned in the article (``Okla.``, ``Utah``) re-rank a town's gazetteer
candidates (:func:`refine_place`), since the article-wide resolver sometimes picks a
namesake abroad.
"""

from __future__ import annotations

import re

__all__ = ["PLACE_KEYS", "agency_place", "county_town", "site_town", "choose_place", "city_level", "demonym_places", "refine_place", "place_dict", "fallback_place"]

PLACE_KEYS = ("name", "geonameid", "country", "admin1", "lat", "lon", "precision", "relative",
              "start", "end", "text")
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|on|of|into|across|around|from)\s+(?:the\s+)?$", re.I)
_DIRECTIONAL = re.compile(r"\b(?:north|south|east|west|northern|southern|eastern|western|central)\S*\s+(?:of\s+)?$",
                          re.I)
_INSTITUTION = re.compile(
    r"^\s*(?:'s\s+)?(?:Police|Sheriff|Fire|County\s+(?:Sheriff|Jail|Prosecutor|Attorney)|Hospital|Medical|"
    r"Memorial|Regional|General|University|College|High|Middle|Elementary|School|Department|Public|Community|"
    r"Children's|Health|Courthouse|District|Superior|Circuit|Municipal|Mall|Airport)\b")
_SITE_SUFFIX = re.compile(r"\s(?:-|\||::|\u2013|\u2014)\s")
_SPECIFIC = {"city": 3.0, "approximate": 3.0, "region": 1.0, "admin1": 0.5, "country": 0.0, "continent": -1.0}
_DIRS = "north|south|east|west|north-?east|north-?west|south-?east|south-?west"
_DEMONYM_PLACE = re.compile(
    rf"\b(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?(?P<dir>(?:{_DIRS})(?:ern)?|central)\s+(?P<dem>[A-Z][a-z]+)\s+"
    r"(?P<noun>village|town|city|province|region|area|district|countryside|border|suburb|hamlet|camp)s?\b")


def place_dict(p: dict) -> dict:
    return {k: p.get(k) for k in PLACE_KEYS}


def demonym_places(text: str, start: int, end: int, gazetteer) -> list[dict]:
    """``a northern Syrian village`` in ``text[start:end]`` as places (country, relative)."""
    out = []
    if gazetteer is None:
        return out
    for m in _DEMONYM_PLACE.finditer(text, start, end):
        cands = [c for c in gazetteer.lookup(m.group("dem")) if c.match == "demonym" and c.feature == "country"]
        if not cands:
            continue
        c = cands[0]
        d = m.group("dir").lower().replace("-", "")
        d = d[:-3] if d.endswith("ern") else d
        s, e = m.start(), m.end()
        out.append({"start": s, "end": e, "text": text[s:e], "name": c.name,
                    "geonameid": None if c.geonameid is None else str(c.geonameid), "feature": "country",
                    "country": c.country, "admin1": None, "lat": round(c.lat, 5), "lon": round(c.lon, 5),
                    "precision": "country", "confidence": 0.6, "entity": None, "dateline": False,
                    "relative": {"direction": d, "anchor": c.name, "start": s, "end": e, "text": text[s:e]}})
    return out


#: a cue followed (within two words) by a locative preposition: "shooting in", "bombings in the".
_LINKED = re.compile(r"\W*(?:[\w'-]+\W+){0,2}?(?:in|at|near|outside|on|inside)\b", re.I)


def _score(p: dict, text: str, cues: list[tuple[int, int]], first: bool, headline_end: int = 0,
           persons: frozenset = frozenset()) -> float:
    s = _SPECIFIC.get(p.get("precision") or "", 0.5)
    if p.get("entity") in persons:
        s -= 3.0                                     # "Robinson", "Clay": a person's name read as a town
    if p.get("feature") == "county" and not p.get("relative"):
        s -= 1.5                                     # a county says less than the town in it
    if p["end"] <= headline_end and _SITE_SUFFIX.search(text, 0, p["start"]):
        s -= 4.0                                     # "... - WMC Action News 5 - Memphis, Tennessee"
    before = text[max(0, p["start"] - 30):p["start"]]
    if p.get("relative"):
        s += 1.0
    if re.match(r"^\s+(?:neighbou?rhood|section|district|community|area|side|suburbs?)\b", text[p["end"]:p["end"] + 16],
                re.I):
        s -= 2.5                                     # "the Austin neighborhood" of some city, "the Denver suburb of"
    if _SUBURB_OF.search(before):
        s += 1.5                                     # "the Denver suburb of Wheat Ridge": the suburb is the place
    if re.search(r"\bLittle\s+$", before):
        s -= 3.0                                     # "Little Havana": a neighbourhood, not the city abroad
    if p.get("name") and p.get("feature") == "city" and _key(p["name"]) != _key(p["text"]) \
            and not p.get("dateline") and len(p["text"]) > 3:
        s -= 2.0                                     # "West Side" read as an alternate name of a town
    if _LOCATIVE.search(before) or _DIRECTIONAL.search(before):
        s += 1.0
    if _INSTITUTION.match(text[p["end"]:p["end"] + 30]):
        s -= 3.0
    for cs, ce in cues:
        gap = p["start"] - ce
        if 0 <= gap <= 70 and _LINKED.match(text, ce, p["start"]):
            s += 3.0 - gap / 70
            break
        if 0 <= cs - p["end"] <= 3:                   # "Elgin shooting"
            s += 3.0
            break
    if first:
        s += 1.0
    if p.get("dateline"):
        s += 1.0
    return s


def _key(name: str) -> str:
    import unicodedata
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", "", folded.replace("saint", "st"))


def choose_place(places: list[dict], units: list, text: str, headline_end: int = 0,
                 with_score: bool = False, persons: frozenset = frozenset()):
    """The best place among ``places`` lying in the incident's ``units`` (sentences with
    ``start``, ``end``, ``cues``: (start, end) of triggers and casualty cues)."""
    best, best_score = None, None
    for i, u in enumerate(units):
        for p in places:
            if not (u.start <= p["start"] and p["end"] <= u.end):
                continue
            sc = _score(p, text, u.cues, i == 0, headline_end, persons)
            if best_score is None or sc > best_score:
                best, best_score = p, sc
    return (best, best_score) if with_score else best


_SUBURB_OF = re.compile(r"\bsuburbs?\s+of\s+$", re.I)


def city_level(place: dict, places: list[dict], gazetteer, km: float = 20.0, text: str | None = None) -> dict:
    """A neighbourhood or suburb named as a town (``West Elsdon``) gives way to a much larger
    town of the article within ``km`` (``Chicago``): incidents are placed at city level.
    A town the ``text`` calls a suburb (``the Denver suburb of Wheat Ridge``) is a town of its own."""
    if gazetteer is None or place.get("feature") != "city" or place.get("relative") or place.get("lat") is None:
        return place
    start = place.get("start")
    if text is not None and isinstance(start, int) and _SUBURB_OF.search(text, max(0, start - 30), start):
        return place
    from dateline.resolve.gazetteer import haversine_km

    def pop(p):
        return max((c.population for c in gazetteer.lookup(p["name"]) if str(c.geonameid) == p.get("geonameid")),
                   default=0)
    own = pop(place)
    best = None
    for q in places:
        if q.get("feature") != "city" or q.get("relative") or q.get("lat") is None or q.get("name") == place.get("name"):
            continue
        if haversine_km(place["lat"], place["lon"], q["lat"], q["lon"]) > km:
            continue
        qp = pop(q)
        if qp > max(5 * own, 100_000) and (best is None or qp > best[0]):
            best = (qp, q)
    return best[1] if best else place


def county_town(place: dict, places: list[dict], km: float = 40.0) -> dict:
    """A county gives way to the town of the article inside it (within ``km`` of the
    county's point, same state) that the article names most, first on ties: the story
    says "Harris County deputies" and "a home in Katy"; the incident is in Katy."""
    if place.get("feature") != "county" or place.get("relative") or place.get("lat") is None:
        return place
    from dateline.resolve.gazetteer import haversine_km

    towns: dict[str, list[dict]] = {}
    for q in places:
        if q.get("feature") != "city" or q.get("relative") or q.get("lat") is None or q.get("dateline"):
            continue
        if q.get("admin1") != place.get("admin1") or q.get("country") != place.get("country"):
            continue
        if haversine_km(place["lat"], place["lon"], q["lat"], q["lon"]) <= km:
            towns.setdefault(q["name"], []).append(q)
    if not towns:
        return place
    return max(towns.values(), key=lambda qs: (len(qs), -qs[0]["start"]))[0]


def refine_place(place: dict, places: list[dict], gazetteer) -> dict:
    """Re-rank a town's gazetteer candidates by the US states (or countries) the article names."""
    if gazetteer is None or place.get("feature") != "city" or place.get("relative"):
        return place
    from dateline.resolve.gazetteer import haversine_km

    others = [q for q in places if q.get("feature") == "city" and q.get("name") != place.get("name")
              and q.get("lat") is not None and not q.get("relative")]
    if others and place.get("lat") is not None and all(
            haversine_km(place["lat"], place["lon"], q["lat"], q["lon"]) > 100 for q in others):
        for c in gazetteer.lookup(place["text"]):      # "Austin" with "Chicago" around: the neighbourhood
            if c.feature != "city":
                continue
            if any(haversine_km(c.lat, c.lon, q["lat"], q["lon"]) <= 25 for q in others):
                return place | {"name": c.name, "geonameid": None if c.geonameid is None else str(c.geonameid),
                                "country": c.country,
                                "admin1": gazetteer.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}",
                                "lat": round(c.lat, 5), "lon": round(c.lon, 5)}
    states = [p for p in places if p.get("feature") == "admin1" and p.get("country")]
    countries = {p.get("country") for p in places if p.get("country")}
    if not states:
        return place
    if any(place.get("admin1") == s.get("admin1") and place.get("country") == s.get("country") for s in states):
        return place
    for s in states:
        for c in gazetteer.lookup(place["text"]):
            if c.feature not in ("city", "capital") or c.country != s["country"]:
                continue
            admin = gazetteer.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}"
            if admin == s.get("admin1") and (c.country in countries):
                return place | {"name": c.name, "geonameid": None if c.geonameid is None else str(c.geonameid),
                                "country": c.country, "admin1": admin, "lat": round(c.lat, 5),
                                "lon": round(c.lon, 5)}
    return place


_TRAILING = re.compile(r"\s+(?:Park|Police|Fire|High|Middle|School|Mall|Hospital|Street|Avenue|"
                       r"Road|Boulevard|Apartments?|Department|Shooting)\b.*$")


_AGENCY = re.compile(r"\b((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)(?:'s)?\s+(?:police|officers|detectives|authorities|"
                     r"[Ss]hooting|Police\s+(?:Department|said|say|Chief|officers))\b")


def fallback_place(entities, units: list, text: str, gazetteer, countries: set[str], states: set[str],
                   headline_end: int = 0) -> dict | None:
    """A town named inside a longer name the place extractor passed over (``Stockton Park``,
    ``Broken Arrow Police``): the leading words of an entity mention of the incident's
    sentences that the gazetteer knows as a town of the article's country (or states)."""
    if gazetteer is None:
        return None
    spans = [(u.start, u.end) for u in units]
    found = [(m.start, m.text) for e in entities for m in e.mentions
             if m.label in ("GPE", "LOC", "FAC", "ORG") and e.type != "PERSON"
             and any(s <= m.start and m.end <= e for s, e in spans)]
    for s, e in spans:                                 # "Memphis police are investigating"
        found += [(m.start(1), m.group(1)) for m in _AGENCY.finditer(text, s, e)]
    for start, mtext in sorted(found):
        if start < headline_end and _SITE_SUFFIX.search(text, 0, start):
            continue
        name = _TRAILING.sub("", mtext)
        if not name or not name[0].isupper() or name.endswith((" County", " Parish")):
            continue
        cands = [c for c in gazetteer.lookup(name) if c.feature in ("city", "capital")
                 and c.match in ("name", "alternate")
                 and (c.population >= (1000 if states else 5000) if countries else c.population >= 20000)
                 and (c.country in countries or not countries)]
        if states:
            cands = [c for c in cands if (gazetteer.admin1_name(c.country, c.admin1) or "") in states] or []
        if not cands:
            continue
        c = cands[0]
        s, e = start, start + len(name)
        return {"start": s, "end": e, "text": text[s:e], "name": c.name,
                "geonameid": None if c.geonameid is None else str(c.geonameid), "feature": "city",
                "country": c.country, "admin1": gazetteer.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}",
                "lat": round(c.lat, 5), "lon": round(c.lon, 5), "precision": "city", "relative": None,
                "confidence": 0.4, "entity": None, "dateline": False}
    return None


#: the town whose police answered: "Chicago police", "the Memphis Police Department",
#: "police in Gary", "Elgin police said".
_POLICE_OF = re.compile(r"\b((?:[A-Z][a-z]+\.?\s){0,2}[A-Z][a-z]+)\s+(?:[Pp]olice|P\.D\.|PD\b)")
_POLICE_IN = re.compile(r"\b(?:[Pp]olice|[Oo]fficers|[Dd]etectives)\s+in\s+((?:[A-Z][a-z]+\.?\s){0,2}[A-Z][a-z]+)")
_NOT_TOWN = {"The", "A", "An", "State", "County", "City", "Capitol", "Transit", "Park", "Campus", "University",
             "Military", "Tribal", "Border", "Airport", "Port", "Metro", "Metropolitan", "Housing", "Railroad",
             "Township", "Area", "Regional", "National", "Federal", "Local", "Village", "Borough", "Said",
             "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}


def agency_place(text: str, start: int, end: int, gazetteer, countries: set[str], states: set[str],
                 headline_end: int = 0, near: list[tuple[float, float]] = ()) -> dict | None:
    """The town most often named for the police that answered in ``text[start:end]``
    (``Chicago Police Department``, ``police in Gary``), a town of the article's
    country (and its named states when any) that the gazetteer knows; else None."""
    if gazetteer is None:
        return None
    votes: dict[str, list] = {}
    for rx in (_POLICE_OF, _POLICE_IN):
        for m in rx.finditer(text, start, end):
            if m.start(1) < headline_end and _SITE_SUFFIX.search(text, 0, m.start(1)):
                continue
            words = m.group(1).split()
            while words and words[0] in _NOT_TOWN:
                words = words[1:]
            if not words or words[-1] in _NOT_TOWN:
                continue
            name = " ".join(words)
            s = m.start(1) + m.group(1).index(words[0])
            votes.setdefault(name, []).append(s)
    ranked = sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
    for name, starts in ranked:
        cands = [c for c in gazetteer.lookup(name) if c.feature in ("city", "capital")
                 and c.match in ("name", "alternate") and c.population >= 1000
                 and (c.country in countries if countries else c.country == "US")]
        if states:
            cands = [c for c in cands if (gazetteer.admin1_name(c.country, c.admin1) or "") in states]
        if not cands:
            continue
        if near:                                   # "Pasadena police" with Los Angeles around
            from dateline.resolve.gazetteer import haversine_km
            c = min(cands, key=lambda c: (min(haversine_km(c.lat, c.lon, a, b) for a, b in near) > 150,
                                          -c.population))
        else:
            c = max(cands, key=lambda c: c.population)
        s = starts[0]
        return {"start": s, "end": s + len(name), "text": text[s:s + len(name)], "name": c.name,
                "geonameid": None if c.geonameid is None else str(c.geonameid), "feature": "city",
                "country": c.country, "admin1": gazetteer.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}",
                "lat": round(c.lat, 5), "lon": round(c.lon, 5), "precision": "city", "relative": None,
                "confidence": 0.5, "entity": None, "dateline": False, "votes": len(starts)}
    return None


_SITE_TOWN = re.compile(r"(?:\s(?:-|\||::|\u2013|\u2014)\s|\()\s*((?:[A-Z][A-Za-z.'-]*\s){0,2}[A-Z][A-Za-z.'-]*),\s*"
                        r"((?:[A-Z][a-z]+\s)?[A-Z][a-z]+|[A-Z]{2}|[A-Z][a-z]+\.)\s*\)?\s*$")


def _town_in_state(name: str, state: str, gazetteer) -> dict | None:
    states = [c for c in gazetteer.lookup(state.rstrip(".")) if c.feature == "admin1" and c.country == "US"]
    if not states:
        return None
    st = states[0]
    cands = [c for c in gazetteer.lookup(name.title() if name.isupper() else name)
             if c.feature in ("city", "capital") and c.country == "US" and c.admin1 == st.admin1
             and c.match in ("name", "alternate")]
    if not cands:
        return None
    c = max(cands, key=lambda c: c.population)
    return {"name": c.name, "geonameid": None if c.geonameid is None else str(c.geonameid), "feature": "city",
            "country": c.country, "admin1": gazetteer.admin1_name(c.country, c.admin1) or f"{c.country}.{c.admin1}",
            "lat": round(c.lat, 5), "lon": round(c.lon, 5), "precision": "city", "relative": None,
            "confidence": 0.4, "entity": None, "dateline": False}


def site_town(headline: str | None, gazetteer) -> dict | None:
    """The town a local outlet's headline suffix names (``... - WMC Action News 5 - Memphis, Tennessee``)."""
    if not headline or gazetteer is None:
        return None
    m = _SITE_TOWN.search(headline)
    if not m:
        return None
    found = _town_in_state(m.group(1), m.group(2), gazetteer)
    if found:
        found |= {"start": m.start(1), "end": m.end(1), "text": m.group(1)}
    return found
