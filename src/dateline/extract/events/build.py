"""Assembling one article's events from its sentences.

1. Every sentence becomes a :class:`Unit` with its triggers (:func:`.classify.classify`),
   casualty statements (:func:`.casualties.find_casualties`), own day-level dates and
   places.
2. Units are grouped into incidents in text order: a unit joins the open incident of
   its family (the headline and the lead are one incident) unless it names a day more
   than :data:`SAME_DAY_GAP` days from that incident's date, which opens (or joins) another;
   a unit with casualties but no trigger joins the open violence incident. A casualty
   statement over a stretch of time (``since 2014``, ``this year``, ``so far``) is an
   *aggregate*: it becomes its own event marked ``aggregate`` and its counts never
   enter an incident; so is a round-up of a weekend or a night across a city
   (``7 dead, 14 hurt in weekend Detroit shootings``, ``in shootings across Chicago since
   Friday night``, ``in 33 separate shooting incidents``). A day that dates a statement, an
   arrest or a court step (``police said Thursday``, ``was arrested Sunday``) or a page stamp
   (``Posted: Tuesday``) opens no incident for a sentence with figures and dates an incident
   only when it has no other day; a later death's day (``died Sunday``) never opens one.
   A violence incident whose figures are none, or none above the incident before it, on the
   same day or with no day of its own, is that incident retold (``the shooting that wounded
   five stemmed from an argument``) and folds into it as context.
3. Each incident takes its code (the strongest trigger, a specific type over a generic
   one), date (:mod:`.when`), place (:mod:`.locate`), actors and reporting source
   (:mod:`.actors`), and its killed/injured counts:

   * per kind, the largest statement, plus statements marked additive
     (``another man was shot``, ``three were also wounded``); subsets
     (``including eight children``) never count;
   * people shot but not said to have died are injured: ``injured`` is at least
     ``shot - killed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Article
from .actors import actor_spans, reported_by
from .casualties import Casualty, find_casualties
from .locate import agency_place, county_town, site_town, choose_place, city_level, demonym_places, fallback_place, place_dict, refine_place
from .taxonomy import by_code
from .when import day_of, days_apart, event_date, own_dates

__all__ = ["build_events", "Unit", "SAME_DAY_GAP"]

SAME_DAY_GAP = 2
_AGGREGATE = re.compile(
    r"\b(?:since\s+(?:\d{4}|the\s+(?:start|beginning)|(?:early|late|mid)[- ]\d{4}|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|last|then)|so\s+far|this\s+year|last\s+year|"
    r"each\s+year|every\s+year|per\s+year|a\s+year|annually|in\s+recent\s+(?:years|months|weeks)|"
    r"over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)\s+\w+\s+(?:years|months|decades?)|"
    r"(?:19|20)\d\d\s+(?:to|-|through)\s+(?:19|20)\d\d|year[- ]to[- ]date|to\s+date|"
    r"at\s+least\s+\d+\s+times|total\s+of|in\s+total|overall|cumulative|"
    r"(?:those|these|such|all)\s+(?:shootings|attacks|incidents|killings|homicides|strikes|bombings)|"
    r"across\s+the\s+(?:city|country|state|region)|separate\s+(?:shooting\s+)?(?:shootings|incidents|attacks)|"
    r"weekend\s+(?:shootings|violence)|citywide|nationwide|"
    # round-ups of a weekend or a night: "7 dead, 14 hurt in weekend Detroit shootings",
    # "35 others wounded in shootings across Chicago since Friday night", "21 shot across the five boroughs"
    r"(?:weekend|overnight)\s+(?:[A-Z][\w.]*\s+){0,2}shootings|violent\s+weekend|"
    r"weekend\s+shooting\s+(?:victims|death\s+toll|tally)|"
    r"shootings\s+(?:across|around|throughout)|"
    r"across\s+the\s+(?:\w+\.?\s+){1,3}(?:area|boroughs|region|metro|county|city)|"
    r"since\s+(?:Friday|Saturday)\s+(?:night|evening|afternoon)|"
    r"(?:\d+|dozens?|several|multiple|half\s+a\s+dozen)\s+(?:different\s+|separate\s+)?(?:shootings|shooting\s+(?:incidents|scenes)|scenes))\b",
    re.I)
_GENERIC = {"ATTACK", "SHOOTING", "ARMED_CLASH", "OTHER"}
_SHOOTING_WORDS = re.compile(r"\b(?:shot|shoot\w*|gun\w*|fire[ds]?|bullets?|rifle|pistol|firearm)\b", re.I)
_HABITUAL = re.compile(r"\b(?:frequent|frequently|often|regularly|routinely|usually|typically|repeatedly)\b", re.I)


@dataclass(slots=True)
class Unit:
    """One sentence of the article with what the event reader found in it."""

    start: int
    end: int
    sent: Any
    offset: int
    kind: str
    triggers: list = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    aggregate: bool = False
    past: bool = False                   # names a year or month before the article's ("in 2007")

    @property
    def cues(self) -> list[tuple[int, int]]:
        return sorted([(t.start, t.end) for t in self.triggers] + [(c.cue, c.end) for c in self.casualties]
                      + [c.cause for c in self.casualties if c.cause])


@dataclass(slots=True)
class Incident:
    family: str
    units: list[Unit] = field(default_factory=list)
    date: str | None = None
    aggregate: bool = False
    secondary: set[int] = field(default_factory=set)   # units that only add context (no figures)


def _classify():
    from .classify import classify
    return classify


def _units(article: Article, docs: list, classify) -> list[Unit]:
    kinds = {span.start: kind for kind, span in article.blocks()}
    quantities = article.quantities or []
    text = article.text
    units = []
    for offset, doc in docs:
        kind = kinds.get(offset, "paragraph")
        if kind == "caption":                    # photo captions: file photos, other days
            continue
        try:
            sents = list(doc.sents)
        except ValueError:                       # no parser: the block is one sentence
            sents = [doc[:]]
        for sent in sents:
            s, e = sent.start_char + offset, sent.end_char + offset
            while e > s and text[e - 1].isspace():
                e -= 1
            if e - s < 8:
                continue
            stext = text[s:e]
            trig = [t for t in classify(stext, sent)]
            trig = [type(t)(t.code, t.score, t.start + s, t.end + s, t.text) for t in trig]
            qs = [q for q in quantities if s <= q.get("start", -1) < e]
            cas = find_casualties(sent, offset, text, qs)
            if not trig and not cas:
                units.append(Unit(s, e, sent, offset, kind))
                continue
            dates = []
            for t in own_dates(article.times, s, e, article.published, text):
                how = _procedural(sent, offset, t, text)
                dates.append(t if how is None else dict(t, later=True) if how == "later" else dict(t, said=True))
            u = Unit(s, e, sent, offset, kind, trig, cas, dates)
            u.past = _past(article.times, s, e, article.published)
            u.aggregate = bool(cas) and bool(_AGGREGATE.search(stext)) and not _is_incident_total(stext)
            units.append(u)
    return units


_PROCEDURE = frozenset({
    "say", "tell", "announce", "confirm", "release", "identify", "state", "add", "write", "post", "update",
    "arrest", "charge", "book", "arraign", "indict", "plead", "sentence", "convict", "rule", "file", "testify",
    "delay"})
_LATER = frozenset({"die", "succumb"})   # a later death: the day may still be the incident's, never a new incident
_STAMP = re.compile(r"(?:posted|updated|published|last\s+modified)\s*(?:on|at)?\s*:?\s*$", re.I)


def _procedural(sent, offset: int, t: dict, text: str) -> str | None:
    """``"drop"`` for the date of a statement, an arrest, a court step or a page stamp ("police
    said Thursday", "was arrested Sunday", "pleaded guilty on July 28", "Posted: Tuesday"), not the
    incident's; ``"later"`` for the day of a death ("died Sunday"), which never opens another
    incident; else ``None``."""
    if _STAMP.search(text[max(0, t["start"] - 20):t["start"]]):
        return "drop"
    at = t["start"] - offset
    tok = next((x for x in sent if x.idx <= at < x.idx + len(x) or x.idx >= at), None)
    if tok is None:
        return None
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head.i == tok.i:
            break
        if tok.dep_ not in ("npadvmod", "pobj", "prep", "nummod", "compound", "amod", "nmod", "appos", "tmod",
                            "advmod", "obl", "npmod", "dobj", "attr", "det", "quantmod"):
            return None
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    return "drop" if lemma in _PROCEDURE else "later" if lemma in _LATER else None


def _past(times: list[dict], start: int, end: int, published: str | None) -> bool:
    """Does the sentence name a year or month that ended before the publication date?"""
    if not published:
        return False
    pub = published[:10]
    for t in times:
        if not (start <= t["start"] and t["end"] <= end) or t.get("type") != "DATE":
            continue
        v = t.get("value") or ""
        if re.fullmatch(r"\d{4}", v) and v < pub[:4]:
            return True
        if re.fullmatch(r"\d{4}-\d\d", v) and v < pub[:7] and (int(pub[5:7]) - int(v[5:7])) % 12 != 1 \
                or re.fullmatch(r"\d{4}-\d\d", v) and v < pub[:7] and int(pub[8:10]) > 7:
            return True
    return False


def _is_incident_total(sentence: str) -> bool:
    """"the death toll from Sunday's attack rose to 30 overall" still counts one incident."""
    return bool(re.search(r"\b(?:toll|tally)\b", sentence, re.I)) and not re.search(
        r"\bsince\b|\bthis year\b|\bso far\b|\bweekend\s+(?:shooting|violence)|\bshootings\b", sentence, re.I)


def _family(unit: Unit) -> tuple[str | None, Any]:
    violent = [t for t in unit.triggers if by_code(t.code).family == "violence"]
    if unit.casualties and violent:
        return "violence", violent[0]
    if unit.casualties and not (unit.triggers and by_code(unit.triggers[0].code).family == "disaster"):
        return "violence", None                     # people killed or hurt: violence unless a disaster
    if unit.triggers:
        return by_code(unit.triggers[0].code).family, unit.triggers[0]
    if unit.casualties:
        return "violence", None
    return None, None


def _families(unit: Unit) -> list[str]:
    """The unit's own family first, then the other families its triggers name
    ("charged with murder in the fatal shooting ... Tuesday": an arrest, and the shooting's day)."""
    fam, _ = _family(unit)
    if fam is None:
        return []
    out = [fam]
    for t in unit.triggers:
        f = by_code(t.code).family
        if f not in out and t.score >= 0.6:
            out.append(f)
    return out


def _group(units: list[Unit], published: str | None) -> list[Incident]:
    incidents: list[Incident] = []
    open_by_family: dict[str, Incident] = {}
    for u in units:
        fams = _families(u)
        if fams and fams[0] == "violence" and u.casualties and "violence" not in open_by_family \
                and "disaster" in open_by_family \
                and not any(by_code(t.code).family == "violence" for t in u.triggers):
            # "Two people were slightly injured" after an earthquake: the quake's casualties, not an attack
            open_by_family["disaster"].units.append(u)
            continue
        for n, fam in enumerate(fams):
            if n == 0:
                _place_unit(u, fam, incidents, open_by_family)
                continue
            inc = open_by_family.get(fam)           # a secondary family: the unit only adds context
            own = next((t["value"][:10] for t in u.dates if not t.get("later")), None)
            if inc is None or (own and inc.date and (days_apart(own, inc.date) or 0) > SAME_DAY_GAP):
                if fam == "violence" or (not own and inc is None):
                    continue
                inc = Incident(fam, [], own)
                incidents.append(inc)
                open_by_family[fam] = inc
            inc.units.append(u)
            inc.secondary.add(u.start)
            inc.date = inc.date or own
    return incidents


def _place_unit(u: Unit, fam: str, incidents: list[Incident], open_by_family: dict[str, Incident]) -> None:
    if u.aggregate:
        incidents.append(Incident(fam, [u], None, aggregate=True))
        return
    if not u.casualties and (_AGGREGATE.search(u.sent.text) or _HABITUAL.search(u.sent.text)) \
            and fam not in open_by_family:
        return                                 # an ongoing campaign, a habit: background, not an incident
    firm = [t for t in u.dates if not t.get("later") and not (t.get("said") and u.casualties)]
    own = firm[0]["value"][:10] if firm and (u.casualties or fam != "violence") else None
    if own is None and firm and u.triggers:
        own = firm[0]["value"][:10]
    inc = open_by_family.get(fam)
    if u.past and u.casualties:
        incidents.append(Incident(fam, [u], None))      # "in 2007, a student killed 32 people"
        return
    if inc is not None and _fresh(u, inc):
        inc = None
    elif inc is not None and own and inc.date and _another(u, inc, own):
        same = [i for i in incidents if i.family == fam and not i.aggregate and i.date
                and (days_apart(own, i.date) or 0) <= SAME_DAY_GAP and not _another(u, i, own)
                and not _fresh(u, i)]
        inc = same[0] if same else None
        if inc is None and not u.casualties and not _HABITUAL.search(u.sent.text):
            # a later date without figures: the arrest, the funeral, the hearing day
            inc = open_by_family.get(fam) if fam != "violence" else None
    if inc is None:
        inc = Incident(fam, [], own)
        incidents.append(inc)
    inc.units.append(u)
    inc.date = inc.date or own
    open_by_family[fam] = inc


def _fold(incidents: list[Incident]) -> list[Incident]:
    """A violence incident without figures of its own ("Investigators say the shooting stemmed from
    an argument") and with no other day than an earlier one's is that incident retold: its
    sentences join the nearest earlier violence incident as context."""
    out: list[Incident] = []
    for inc in incidents:
        if inc.family == "violence" and not inc.aggregate:
            host = next((h for h in reversed(out) if h.family == "violence" and not h.aggregate), None)
            if host is not None and (inc.date is None or (host.date and days_apart(inc.date, host.date) == 0)) \
                    and _recap(inc, host):
                host.units = sorted(host.units + inc.units, key=lambda u: u.start)
                host.secondary |= {u.start for u in inc.units}
                continue
        out.append(inc)
    return out


def _figures(inc: Incident) -> dict[str, int]:
    out: dict[str, int] = {}
    for u in inc.units:
        if u.start in inc.secondary:
            continue
        for c in u.casualties:
            if not c.subset:
                out[c.kind] = max(out.get(c.kind, 0), c.min)
    return out


def _recap(inc: Incident, host: Incident) -> bool:
    """No figures, or none above the host's of the same kind ("the shooting that wounded five")."""
    mine, theirs = _figures(inc), _figures(host)
    if not mine:
        return True
    people = max(theirs.get("shot", 0), theirs.get("killed", 0) + theirs.get("injured", 0))
    return bool(theirs) and all(v <= theirs.get(k, people if k == "shot" else 0) for k, v in mine.items())


def _specific(units: list[Unit], family: str) -> set[str]:
    return {t.code for u in units for t in u.triggers[:1]
            if t.code not in _GENERIC and by_code(t.code).family == family}


def _another(u: Unit, inc: Incident, own: str) -> bool:
    """Does ``u`` (with its own date ``own``) report another incident than ``inc``?"""
    gap = days_apart(own, inc.date) or 0
    if gap > SAME_DAY_GAP:
        return True
    if gap == 0 or not u.casualties:
        return False
    if not any(x.casualties for x in inc.units):
        return True                    # the open incident was only talk of fighting: a new one
    mine, theirs = _specific([u], inc.family), _specific(inc.units, inc.family)
    return bool(mine) and not (mine & theirs)


def _fresh(u: Unit, inc: Incident) -> bool:
    """A casualty report with its own specific type after mere talk of the family opens an incident."""
    if not u.casualties or any(x.casualties for x in inc.units):
        return False
    mine, theirs = _specific([u], inc.family), _specific(inc.units, inc.family)
    return bool(mine) and not (mine & theirs)


def _counts(statements: list[Casualty]) -> Casualty | None:
    """The incident's figure for one kind: the largest statement, or a chain of statements
    continued by additive ones when larger ("a man was shot ... another man was shot": 2;
    an additive statement only continues a statement about one person, since "two were
    killed ... another was fatally shot" more often retells one of the two)."""
    stated = sorted((c for c in statements if not c.subset), key=lambda c: c.start)
    if not stated:
        return None
    best = max(stated, key=lambda c: (c.min, -c.start))
    chain = chain_max = 0
    top = best.min
    single = False
    for c in stated:
        if c.additive and (single or chain == 0):
            chain, chain_max = chain + c.min, chain_max + c.max
        elif not c.additive:
            chain, chain_max, single = c.min, c.max, c.min == 1
        top = max(top, chain)
    if top > best.min:
        return Casualty(best.kind, top, max(top, chain_max), best.qualifier, best.vague,
                        best.start, best.end, best.text)
    return best


def _police_town(article: Article, where: dict | None, gazetteer, head_end: int) -> dict | None:
    """The town whose police answered (``Chicago police``) over a place that is no town, or a
    town elsewhere: local news names the neighbourhood (``West Side``, ``Austin``) and the
    city's police department."""
    if where is not None and where.get("relative"):
        return where
    if where is not None and where.get("country") not in (None, "US"):
        return where
    states = {p["admin1"] for p in article.places if p.get("feature") == "admin1" and p.get("admin1")
              and p.get("country") == "US"}
    near = [(p["lat"], p["lon"]) for p in article.places if p.get("country") == "US" and p.get("lat") is not None
            and p.get("feature") in ("city", "county")]
    found = agency_place(article.text, 0, min(len(article.text), 4000), gazetteer, {"US"}, states, head_end, near)
    if found is None:
        if where is not None and where.get("precision") == "city":
            return where
        found = next((p for p in article.places if p.get("dateline") and p.get("precision") == "city"), None)
        if found is None and not (where is not None and where.get("precision") == "approximate"):
            found = site_town(article.headline, gazetteer)
            if found is not None and states and found["admin1"] not in states:
                found = None
        return place_dict(found) if found is not None else where
    if where is None or where.get("precision") not in ("city",) or where.get("name") != found["name"]:
        return place_dict(found)
    return where


def _lead_date(article: Article, inc: Incident) -> dict | None:
    """A follow-up story names the incident's day near its top ("Police say the shooting on
    Saturday ..."), if not in the incident's own sentences: the first recent day (within a
    week before publication) of the sentences before and around the incident's first one."""
    first = inc.units[0].start
    limit = inc.units[0].end + 300
    pub = day_of(article.published)
    if pub is None:
        return None
    cands = [t for t in own_dates(article.times, 0, min(limit, len(article.text)), article.published, article.text)
             if 0 <= (pub - day_of(t["value"])).days <= 7]
    if not cands:
        return None
    return event_date(cands[:1], None, article.published)


_FATAL = re.compile(r"\b(?:fatal\s+(?:shooting|stabbing)|shooting\s+death|fatally\s+(?:shooting|shot))\b", re.I)


def _implied_death(inc: Incident, text: str) -> Casualty | None:
    """"the fatal shooting", "a shooting death", "charged with fatally shooting a rider": someone
    died, though no sentence counts the dead (one, the least the words say)."""
    for u in inc.units:
        m = _FATAL.search(text, u.start, u.end)
        if m and not re.search(r"(?:\battempted\s+|\bnon-?)$", text[max(u.start, m.start() - 12):m.start()], re.I):
            return Casualty("killed", 1, 1, None, None, m.start(), m.end(), m.group(), cue=m.start())
    return None


def _figure(c: Casualty | None, value: int | None = None) -> dict | None:
    if c is None:
        return None
    d = c.to_dict()
    if value is not None and value != d["min"]:
        d["min"] = d["max"] = value
    return d


def _code(inc: Incident, units_before: list[Unit]) -> tuple[str, Any]:
    trigs = [t for u in inc.units for t in u.triggers if by_code(t.code).family == inc.family]
    if not trigs:
        text = " ".join(u.sent.text for u in inc.units)
        return ("SHOOTING" if _SHOOTING_WORDS.search(text) else "ATTACK"), None
    best = max(trigs, key=lambda t: (t.code not in _GENERIC, t.score, -t.start))
    if best.code == "ATTACK" and any(t.code == "SHOOTING" for t in trigs):
        best = max((t for t in trigs if t.code == "SHOOTING"), key=lambda t: (t.score, -t.start))
    if best.code in ("ATTACK",):
        # "Strikes on a village ... killed": the head noun names the air strikes of the sentence before
        first = inc.units[0]
        for prev in reversed(units_before[-2:]):
            for t in prev.triggers:
                head = t.text.split()[-1].lower()
                m = re.search(rf"\b{re.escape(head)}\b", first.sent.text, re.I) if len(head) > 3 else None
                if m and t.code not in _GENERIC and by_code(t.code).family == inc.family:
                    s = first.sent.start_char + first.offset + m.start()
                    return t.code, type(best)(t.code, best.score, s, s + len(m.group()), m.group())
    return best.code, best


def _event(article: Article, inc: Incident, n: int, units: list[Unit], gazetteer) -> dict:
    text = article.text
    first = inc.units[0]
    code, trig = _code(inc, [u for u in units if u.end <= first.start])
    et = by_code(code)
    stmts = [c for u in inc.units if u.start not in inc.secondary for c in u.casualties]
    killed = _counts([c for c in stmts if c.kind == "killed"]) or _implied_death(inc, text)
    injured = _counts([c for c in stmts if c.kind == "injured"])
    shot = _counts([c for c in stmts if c.kind == "shot"])
    totals = [c for c in stmts if c.total and not c.subset]
    k = killed.min if killed else 0
    inj_value = None
    people = _counts([c for c in stmts if c.kind in ("shot", "killed") and not c.total])
    shot_n = max([shot.min if shot else 0, people.min if people else 0] + [c.min for c in totals])
    if shot_n and shot_n - k > (injured.min if injured else 0):
        inj_value = shot_n - k
        if injured is None:
            injured = shot if shot is not None else max(totals, key=lambda c: c.min)
    cue_unit = next((u for u in inc.units if u.casualties), first)
    anchor = trig.start if trig is not None else (cue_unit.casualties[0].cue if cue_unit.casualties else None)
    dates = [t for u in inc.units for t in u.dates]
    near_unit = sorted((u for u in inc.units if u.dates), key=lambda u: (not u.casualties, u.start))
    when = event_date([t for u in near_unit for t in u.dates if not t.get("said")]
                      or [t for u in near_unit for t in u.dates], anchor, article.published)
    if when is not None and when["source"] == "published" and not inc.aggregate \
            and not any(u.past for u in inc.units) and all(c.min <= 20 for c in stmts):
        when = _lead_date(article, inc) or when
    places = list(article.places) + [p for u in inc.units for p in demonym_places(text, u.start, u.end, gazetteer)
                                     if not any(q["start"] <= p["start"] < q["end"] for q in article.places)]
    head_end = len(article.headline) if article.headline and text.startswith(article.headline) else 0
    persons = frozenset(e.id for e in article.entities if e.type == "PERSON")
    where, score = choose_place(places, inc.units, text, head_end, with_score=True, persons=persons)
    if where is None or score < 3.0 or (where.get("precision") not in ("city", "approximate")
                                        and not where.get("relative")):
        countries = {p["country"] for p in article.places if p.get("country")}
        states = {p["admin1"] for p in article.places if p.get("feature") == "admin1" and p.get("admin1")}
        if article.focus and article.focus.get("country"):
            countries = {article.focus["country"]}
        found = fallback_place(article.entities, inc.units, text, gazetteer, countries, states, head_end)
        where = found or where
    if where is None and article.focus and article.focus.get("source") == "dateline":
        where = next((p for p in article.places if p.get("dateline")), None)
    if where is not None:
        fb = fallback_place(article.entities, [u for u in units if u.start < 2000], text, gazetteer,
                            {where["country"]} if where.get("country") else set(), set(), head_end)
        context = article.places + ([fb] if fb else [])
        where = place_dict(city_level(county_town(refine_place(where, context, gazetteer), context), context, gazetteer,
                                      text=text))
    where = _police_town(article, where, gazetteer, head_end)
    tunit = next((u for u in inc.units if trig is not None and u.start <= trig.start < u.end), cue_unit)
    victim = None
    for c in tunit.casualties or cue_unit.casualties:
        vs, ve = c.victim or (c.start, c.end)
        victim = {"start": vs, "end": ve, "text": text[vs:ve]}
        break
    actor1, actor2, target = actor_spans(tunit.sent, tunit.offset, text,
                                          (trig.start, trig.end) if trig is not None else None,
                                          None, article.entities)
    if target is None and victim is not None:
        target = victim | {"entity": None}
    rep = None
    for u in sorted(inc.units, key=lambda u: u is not tunit):
        rep = reported_by(u.sent, u.offset, text, trig.start if trig is not None else None)
        if rep:
            break
    conf = 0.35 + (0.2 if stmts else 0) + (0.15 if when and when["source"] == "text" else 0) \
        + (0.15 if where else 0) + (0.1 * trig.score if trig is not None else 0)
    if inc.aggregate:
        conf *= 0.6
    return {
        "id": f"v{n}", "code": code, "type": et.type, "subtype": et.subtype, "family": et.family,
        "trigger": ({"start": trig.start, "end": trig.end, "text": trig.text} if trig is not None else
                    ({"start": stmts[0].cue, "end": stmts[0].end, "text": text[stmts[0].cue:stmts[0].end]}
                     if stmts else {"start": first.start, "end": first.end, "text": text[first.start:first.end]})),
        "date": when if not inc.aggregate else None,
        "place": where,
        "actor1": actor1, "actor2": actor2, "target": target,
        "killed": _figure(killed), "injured": _figure(injured, inj_value),
        "reported_by": rep,
        "aggregate": inc.aggregate,
        "evidence": [{"start": u.start, "end": u.end, "text": text[u.start:u.end]} for u in inc.units],
        "confidence": round(min(0.95, conf), 3),
        "_dates": len(dates),
    }


def build_events(article: Article, docs: list, gazetteer=None, classify=None) -> list[dict]:
    """The events of ``article`` (see the module docstring); ``docs`` as the pipeline gives them."""
    if not docs:
        return []
    units = _units(article, docs, classify or _classify())
    incidents = _fold(_group(units, article.published))
    out = []
    for inc in incidents:
        if not any(u.casualties or u.dates or any(t.code not in _GENERIC for t in u.triggers)
                   for u in inc.units):
            continue                           # "the toughest fighting": talk, no incident
        ev = _event(article, inc, len(out) + 1, units, gazetteer)
        ev.pop("_dates", None)
        out.append(ev)
    return out
