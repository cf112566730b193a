"""One incident, many reports: merge the events of different articles into incidents.

A *report* is one article's event (the dict the events extractor puts in
``Article.events``) plus ``article_id``, ``published`` (the article's published,
else updated, date) and optionally ``url``. An *incident* is what happened in
the world; several reports may describe it.

When two reports describe the same incident (:func:`same_incident`, symmetric):

* never when they come from the same article (the extractor already split them)
  or when either is an aggregate ("more than 300 killed this year");
* the event *families* must be equal (taxonomy ``family``: violence, territory,
  demonstration, strategic, crime, disaster, diplomacy), the codes may differ
  within a family (``ATTACK`` and ``SUIC_BOMB``);
* *dates* are read as intervals (:func:`report_interval`): a day, an ISO week,
  a month, a year; a date the extractor took from the publication date
  (``source: "published"``) is the :data:`DATE_WINDOW_DAYS` days up to that
  day, because an article reports what happened before it appeared. Day-, week-
  and publication-level intervals must be at most :data:`DATE_TOLERANCE_DAYS`
  apart (so two dates read from the texts may differ by a day, midnight and time
  zones; a publication date matches events of the three days before it); when
  one date is month-level they must overlap (the day lies in that month) and the
  places must agree at city level; a year-level date needs the same code and
  city-level places. Keeping text dates to a day apart stops daily reports
  from one city (clashes on Monday, Tuesday, Wednesday) chaining into one
  incident;
* *places* must be in the same country when both name one, and within
  :data:`PLACE_KM` of each other at the coarser precision of the two (50 km for
  cities, 100 km for approximate/relative places such as "north of Tikrit",
  250 km and the same first-level division for admin1, 500 km for regions); a
  country-level place only matches when both dates are the same day (both read
  from the texts);
* *actors* (actor1, actor2, target) must not contradict: two *named* actors in
  the same role (both linked to an entity) must share a name (one contained in
  the other word by word, or an acronym of it, after dropping generic words such
  as "militants" and mapping a few well-known alternative names of one group,
  :data:`ACTOR_SYNONYMS`: Daesh, ISIS, ISIL -> Islamic State), unless the name
  appears in another role of the other report; unnamed actors ("gunmen") never
  contradict;
* *casualty figures* must be compatible: ranges within a factor
  (``high <= 4 * low + 10`` for killed, ``5 * low + 20`` for injured), which lets
  a later report revise 3 killed to 12, but keeps 2 and 200 apart;
* a report without a date only matches with the same code, city-level places
  and a corroboration (a shared named actor, or the same non-zero killed
  figure); a report without a place only matches on the same day (both dates from
  the texts), with the same code and a corroboration.

Incidents are the connected components of that relation (:func:`merge_reports`),
so they do not depend on the order in which reports arrive; a chain of matching
reports forms one incident. Each incident takes:

* ``id``: ``"ev_"`` + the first 12 hex digits of SHA-256 over its sorted report
  keys ``article_id:event_id`` (one per line): the same reports, the same id;
* ``code`` (and its ``type``, ``subtype``, ``family``): the most frequent code
  among its reports; ties go to the more specific code (``OTHER`` least, then the
  broad ``ATTACK``, ``ARMED_CLASH``, ``SHOOTING``, ...), then taxonomy order;
* ``date``: the earliest day-level date read from a text among the reports,
  else the earliest publication-based day, else the most precise one (earliest
  first); ``place``: the most precise place, then the one of the
  most confident report, then the one most reports give; each actor role: the
  name most reports give (named before unnamed, then the longest); every picked
  value names the report it came from in ``report``;
* ``killed`` and ``injured``, the counts policy (after ACLED, which codes the
  most conservative credible figure and revises it when later reports update
  it): each report counts with the low end of its range. When all reports
  agree, that figure (rule ``single`` or ``agreed``). When the figures only
  ever rise with later publication (reports published at the same moment agree,
  and each later moment reports at least as many), the latest figure: a
  revision (rule ``revision``). Otherwise, conflicting credible reports: the
  lowest figure (rule ``minimum``); a report without a published date makes a
  disagreement a conflict. ``killed_rule``/``injured_rule`` say which applied, and
  every report's own figures are kept in ``reports``;
* ``reports``: one entry per report (article, event id, published date, code,
  date, killed, injured, trigger and evidence spans of that article), ordered by
  publication; ``n_reports``, ``n_articles``, ``first_published``,
  ``last_published``; ``confidence``: the highest report confidence, raised for
  corroboration (``1 - (1 - best) * 0.7 ** (n_articles - 1)``).

All functions are pure; nothing here touches a database.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from datetime import date, timedelta
from typing import Any, Iterable, NamedTuple

from ..extract.events.taxonomy import TYPES, by_code
from .aliases import INITIAL_STOPWORDS, normalise_name

__all__ = [
    "DATE_WINDOW_DAYS",
    "PLACE_KM",
    "same_incident",
    "merge_reports",
    "report_key",
    "incident_id",
    "date_interval",
    "report_interval",
    "family_of",
    "figure_policy",
    "haversine_km",
    "figure_range",
    "actor_key",
    "town_level",
]

DATE_WINDOW_DAYS = 3
"""A date taken from the publication date covers the incident this many days before it."""

DATE_TOLERANCE_DAYS = 1
"""Greatest gap in days between two day-, week- or publication-level date intervals of one incident."""

PLACE_KM: dict[str, float] = {"city": 50.0, "approximate": 100.0, "admin1": 250.0, "region": 500.0}
"""Greatest distance between two places of one incident, by the coarser precision."""

KILLED_TOLERANCE = (4, 10)
INJURED_TOLERANCE = (5, 20)
CORROBORATION = 0.7

ROLES = ("actor1", "actor2", "target")

ACTOR_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["isis", "isil", "is", "daesh", "islamic state of iraq and syria",
                     "islamic state of iraq and the levant", "islamic state of iraq and al sham"], "islamic state"),
    **dict.fromkeys(["pkk", "kurdistan workers party"], "kurdistan workers party"),
    **dict.fromkeys(["hts", "hayat tahrir al sham", "tahrir al sham"], "hayat tahrir al sham"),
    **dict.fromkeys(["al shabab", "al shabaab", "shabaab", "shabab"], "al shabaab"),
}
"""Alternative names of one armed group, as :func:`actor_key` forms, mapped to one form."""

_GENERIC_ACTOR_WORDS = frozenset({"militants", "militant", "fighters", "group", "jihadists", "jihadist",
                                  "extremists", "terrorists", "terrorist", "members", "insurgents", "gunmen"})

_PLACE_RANK = {"city": 0, "approximate": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
_DATE_RANK = {"day": 0, "published": 1, "week": 2, "month": 3, "year": 4}
_CODE_ORDER = {t.code: i for i, t in enumerate(TYPES)}
_BROAD_CODES = {"OTHER": 0, "ATTACK": 1, "ARMED_CLASH": 1, "SHOOTING": 1, "PEACE_PROTEST": 1,
                "MOB_VIOL": 1, "ORG_CRIME": 1, "NATURAL_DISASTER": 1, "MAN_MADE_DISASTER": 1,
                "DIPLO": 1}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


# -- keys ---------------------------------------------------------------------

def report_key(report: dict) -> str:
    """``article_id:event_id``, the key of one report."""
    return f"{report.get('article_id') or ''}:{report.get('id') or report.get('event_id') or ''}"


def incident_id(keys: Iterable[str]) -> str:
    """The deterministic id of the incident formed by these report keys."""
    digest = hashlib.sha256("\n".join(sorted(set(keys))).encode("utf-8")).hexdigest()
    return "ev_" + digest[:12]


def family_of(report: dict) -> str | None:
    """The report's merge family: its own ``family``, else its code's in the taxonomy."""
    if report.get("family"):
        return report["family"]
    try:
        return by_code(report.get("code") or "").family
    except KeyError:
        return report.get("code")


# -- dates ----------------------------------------------------------------------

def date_interval(value: Any, precision: str | None = None) -> tuple[date, date, str] | None:
    """``(first day, last day, precision)`` of an ISO date, week, month or year value.

    ``precision`` may coarsen the value (``"2017-03-08"`` at ``"month"`` is March
    2017); it never refines it. ``None`` for a value that is not such a date.
    """
    if isinstance(value, dict):
        value, precision = value.get("value"), value.get("precision")
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            lo, hi, found = day, day, "day"
        elif m := _WEEK.match(value):
            lo = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            hi, found = lo + timedelta(days=6), "week"
        elif m := _MONTH.match(value):
            lo, found = date(int(m[1]), int(m[2]), 1), "month"
            hi = (lo.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        elif m := _YEAR.match(value):
            lo, hi, found = date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), "year"
        else:
            return None
    except ValueError:
        return None
    wanted = precision if precision in _DATE_RANK and precision != "published" else found
    if _DATE_RANK[wanted] <= _DATE_RANK[found]:
        return lo, hi, found
    if wanted == "week":
        first = lo - timedelta(days=lo.isoweekday() - 1)
        return first, first + timedelta(days=6), "week"
    if wanted == "month":
        first = lo.replace(day=1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return first, last, "month"
    return date(lo.year, 1, 1), date(lo.year, 12, 31), "year"


def report_interval(report: dict) -> tuple[date, date, str] | None:
    """The interval a report's ``date`` covers, as the merge compares it: :func:`date_interval`,
    except that a day taken from the publication date (``source: "published"``) covers
    the :data:`DATE_WINDOW_DAYS` days up to it, with precision ``"published"``."""
    value = report.get("date")
    interval = date_interval(value)
    if interval is None or interval[2] != "day" or value.get("source") != "published":
        return interval
    return interval[0] - timedelta(days=DATE_WINDOW_DAYS), interval[1], "published"


def _gap_days(a: tuple[date, date, str], b: tuple[date, date, str]) -> int:
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def _date_relation(a: tuple | None, b: tuple | None) -> str:
    """none | incompatible | same_day | near | overlap | weak."""
    if a is None or b is None:
        return "none"
    coarse = max(_DATE_RANK[a[2]], _DATE_RANK[b[2]])
    gap = _gap_days(a, b)
    if coarse <= _DATE_RANK["week"]:
        if gap > DATE_TOLERANCE_DAYS:
            return "incompatible"
        return "same_day" if coarse == 0 and gap == 0 else "near"
    if gap > 0:
        return "incompatible"
    return "overlap" if coarse == _DATE_RANK["month"] else "weak"


# -- places -----------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class _Place(NamedTuple):
    rank: int
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    gid: str | None
    name: str | None


def _place(place: dict | None) -> _Place | None:
    if not isinstance(place, dict):
        return None
    lat, lon = place.get("lat"), place.get("lon")
    has_point = isinstance(lat, (int, float)) and isinstance(lon, (int, float))
    precision = place.get("precision")
    if precision not in _PLACE_RANK:
        precision = "city" if has_point else "country"
    if place.get("relative") and _PLACE_RANK[precision] < _PLACE_RANK["approximate"]:
        precision = "approximate"
    country = (place.get("country") or "").upper() or None
    if precision == "continent" or (not has_point and country is None and not place.get("geonameid")):
        return None
    gid = place.get("geonameid")
    name = place.get("name") or place.get("text")
    return _Place(_PLACE_RANK[precision], country, place.get("admin1") or None,
                  float(lat) if has_point else None, float(lon) if has_point else None,
                  None if gid is None else str(gid), normalise_name(name) if name else None)


def town_level(place: dict | None) -> bool:
    """Whether ``place`` is precise enough (a town, or a place relative to one) to
    match another report strongly: the only kind that can join an undated report."""
    found = _place(place)
    return found is not None and found.rank <= _PLACE_RANK["approximate"]


def _place_relation(a: _Place | None, b: _Place | None) -> str:
    """none | incompatible | strong | medium | country."""
    if a is None or b is None:
        return "none"
    if a.country and b.country and a.country != b.country:
        return "incompatible"
    coarse = max(a.rank, b.rank)
    points = a.lat is not None and b.lat is not None
    if points and coarse <= _PLACE_RANK["region"] and abs(a.lat - b.lat) * 111.0 > PLACE_KM["region"]:
        return "incompatible"
    far = points and haversine_km(a.lat, a.lon, b.lat, b.lon)
    if coarse <= _PLACE_RANK["approximate"]:
        if points:
            limit = PLACE_KM["city" if coarse == 0 else "approximate"]
            return "strong" if far <= limit else "incompatible"
        same = (a.gid is not None and a.gid == b.gid) or (a.name is not None and a.name == b.name)
        return "strong" if same else "incompatible"
    if coarse <= _PLACE_RANK["region"]:
        if coarse == _PLACE_RANK["admin1"] and a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return "incompatible"
        if points:
            limit = PLACE_KM["admin1" if coarse == _PLACE_RANK["admin1"] else "region"]
            return "medium" if far <= limit else "incompatible"
        if coarse == _PLACE_RANK["admin1"] and a.admin1 and a.admin1 == b.admin1:
            return "medium"
    if a.country and a.country == b.country:
        return "country"
    return "none" if not (a.country and b.country) else "incompatible"


# -- actors and figures ---------------------------------------------------------

def actor_key(text: str) -> str:
    """The comparison key of an actor's name: normalised, generic group nouns dropped
    (``militants``, ``fighters``, ``group``...), well-known alternative names of one
    group mapped to one form (``Daesh``, ``ISIS``, ``ISIL`` -> ``islamic state``)."""
    words = [w for w in normalise_name(text).replace("'", "").split() if w not in _GENERIC_ACTOR_WORDS]
    key = " ".join(words)
    return ACTOR_SYNONYMS.get(key, key)


def _named(actor: Any) -> str | None:
    if isinstance(actor, dict) and actor.get("entity") and actor.get("text"):
        return actor_key(actor["text"]) or None
    return None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in INITIAL_STOPWORDS)


def _names_agree(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long = sorted((x, y), key=lambda s: (len(s), s))
    sw, lw = short.split(), long.split()
    if set(sw) <= set(lw):
        return True
    return len(sw) == 1 and len(short) >= 2 and short == _initials(long)


def _actor_relation(a: dict[str, str], b: dict[str, str]) -> str:
    """incompatible | agree | unknown, over named actors by role."""
    agree = False
    for role in ROLES:
        x, y = a.get(role), b.get(role)
        if not (x and y):
            continue
        if _names_agree(x, y):
            agree = True
        elif not (any(_names_agree(x, o) for o in b.values())
                  and any(_names_agree(y, o) for o in a.values())):
            return "incompatible"
    return "agree" if agree else "unknown"


def figure_range(value: Any) -> tuple[int, int] | None:
    """``(low, high)`` of a casualty figure, or ``None`` when not reported."""
    if not isinstance(value, dict):
        return None
    lo, hi = value.get("min"), value.get("max")
    lo = lo if isinstance(lo, (int, float)) and not isinstance(lo, bool) else None
    hi = hi if isinstance(hi, (int, float)) and not isinstance(hi, bool) else None
    if lo is None and hi is None:
        return None
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    return int(lo), int(max(lo, hi))


def _figures_compatible(a: tuple[int, int] | None, b: tuple[int, int] | None,
                        tolerance: tuple[int, int]) -> bool:
    if a is None or b is None:
        return True
    factor, slack = tolerance
    return a[1] * factor + slack >= b[0] and b[1] * factor + slack >= a[0]


# -- the pairwise test ----------------------------------------------------------

class _Features(NamedTuple):
    article: str | None
    aggregate: bool
    family: str | None
    code: str | None
    date: tuple | None
    place: _Place | None
    actors: dict[str, str]
    killed: tuple[int, int] | None
    injured: tuple[int, int] | None


def _features(report: dict) -> _Features:
    actors = {role: name for role in ROLES if (name := _named(report.get(role)))}
    return _Features(report.get("article_id"), bool(report.get("aggregate")), family_of(report),
                     report.get("code"), report_interval(report), _place(report.get("place")),
                     actors, figure_range(report.get("killed")), figure_range(report.get("injured")))


def _match(a: _Features, b: _Features) -> bool:
    if a.aggregate or b.aggregate or a.family is None or a.family != b.family:
        return False
    if a.article is not None and a.article == b.article:
        return False
    if not (_figures_compatible(a.killed, b.killed, KILLED_TOLERANCE)
            and _figures_compatible(a.injured, b.injured, INJURED_TOLERANCE)):
        return False
    actors = _actor_relation(a.actors, b.actors)
    if actors == "incompatible":
        return False
    dates = _date_relation(a.date, b.date)
    places = _place_relation(a.place, b.place)
    if dates == "incompatible" or places == "incompatible":
        return False
    same_code = a.code == b.code
    corroborated = actors == "agree" or (a.killed is not None and b.killed is not None
                                         and a.killed[0] == b.killed[0] > 0)
    if dates == "none":
        return same_code and places == "strong" and corroborated
    if places == "none":
        return same_code and dates == "same_day" and corroborated
    if places == "country":
        return dates == "same_day"
    if dates == "weak":
        return same_code and places == "strong"
    if dates == "overlap":
        return places == "strong"
    return True


def same_incident(a: dict, b: dict) -> bool:
    """Whether two reports (event dicts with ``article_id``) describe one incident.

    Symmetric: ``same_incident(a, b) == same_incident(b, a)``. The rules are in
    the module docstring.
    """
    return _match(_features(a), _features(b))


# -- merging --------------------------------------------------------------------

def merge_reports(reports: Iterable[dict], settled: Iterable[Iterable[str]] = ()) -> list[dict]:
    """Group reports into incidents: the connected components of :func:`same_incident`.

    Aggregates form no incident. Reports repeating a key (``article_id:event_id``)
    count once. The result (incidents sorted by id, each built as the module
    docstring describes) does not depend on the order of ``reports``.

    ``settled`` are groups of report keys already known to be exactly the
    components among themselves (the store passes its stored incidents): each
    group is joined without testing, and pairs of two settled reports are not
    tested again, so merging new reports into known incidents costs
    ``new x all`` tests instead of ``all x all``. With no groups every pair is
    tested.
    """
    unique: dict[str, dict] = {}
    for report in reports:
        key = report_key(report)
        if key not in unique or _canonical(report) < _canonical(unique[key]):
            unique[key] = report
    keys = sorted(unique)
    items = [unique[k] for k in keys if not unique[k].get("aggregate")]
    feats = [_features(r) for r in items]
    parent = list(range(len(items)))
    index = {report_key(r): i for i, r in enumerate(items)}
    fixed = [False] * len(items)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group in settled:
        members = sorted(index[k] for k in group if k in index)
        for i in members:
            fixed[i] = True
            parent[find(i)] = find(members[0])
    by_family: dict[str | None, list[int]] = {}
    for i, f in enumerate(feats):
        by_family.setdefault(f.family, []).append(i)
    tolerance = timedelta(days=DATE_TOLERANCE_DAYS)
    for members in by_family.values():
        # dated reports by start: a later-starting report can only match while it starts
        # within the tolerance of this one's end; undated reports are tested against all
        dated = sorted((i for i in members if feats[i].date), key=lambda i: (feats[i].date[0], i))
        undated = [i for i in members if not feats[i].date]
        pairs = [(i, j) for x, i in enumerate(undated) for j in undated[x + 1:] + dated]
        for x, i in enumerate(dated):
            limit = feats[i].date[1] + tolerance
            for j in dated[x + 1:]:
                if feats[j].date[0] > limit:
                    break
                pairs.append((i, j))
        for i, j in pairs:
            if not (fixed[i] and fixed[j]) and find(i) != find(j) and _match(feats[i], feats[j]):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[dict]] = {}
    for i, report in enumerate(items):
        groups.setdefault(find(i), []).append(report)
    return sorted((_incident(g) for g in groups.values()), key=lambda inc: inc["id"])


def _canonical(report: dict) -> str:
    return repr(sorted(report.items(), key=lambda kv: kv[0]))


def _by_time(report: dict) -> tuple:
    return (report.get("published") or "", report_key(report))


def _pick_code(reports: list[dict]) -> str | None:
    counts = Counter(r.get("code") for r in reports if r.get("code"))
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], -_BROAD_CODES.get(c, 2), _CODE_ORDER.get(c, len(_CODE_ORDER)), c))


def _with_report(value: dict, report: dict) -> dict:
    return {**value, "report": report_key(report)}


def _pick_date(reports: list[dict]) -> dict | None:
    dated = [(report_interval(r), r) for r in reports]
    dated = [(iv, r) for iv, r in dated if iv is not None]
    if not dated:
        return None
    iv, best = min(dated, key=lambda x: (_DATE_RANK[x[0][2]], x[0][1], report_key(x[1])))
    return _with_report(best["date"], best) | {"precision": "day" if iv[2] == "published" else iv[2]}


def _pick_place(reports: list[dict]) -> dict | None:
    placed = [(_place(r.get("place")), r) for r in reports]
    placed = [(p, r) for p, r in placed if p is not None]
    if not placed:
        return None
    counts = Counter(p.gid or p.name for p, _ in placed)
    _, best = min(placed, key=lambda x: (x[0].rank, -float(x[1].get("confidence") or 0.0),
                                         -counts[x[0].gid or x[0].name], report_key(x[1])))
    return _with_report(best["place"], best)


def _pick_actor(reports: list[dict], role: str) -> dict | None:
    found = [(r[role], r) for r in reports if isinstance(r.get(role), dict) and r[role].get("text")]
    if not found:
        return None
    counts = Counter(actor_key(a["text"]) for a, _ in found)
    actor, report = min(found, key=lambda x: (not x[0].get("entity"), -counts[actor_key(x[0]["text"])],
                                              -len(x[0]["text"]), x[0]["text"], report_key(x[1])))
    return _with_report(actor, report)


def figure_policy(reports: list[dict], field: str) -> tuple[int | None, str | None]:
    """The incident's figure for ``field`` (``"killed"``/``"injured"``) and the rule used.

    Each report counts with the low end of its range. Rules: ``single`` (one
    report gives a figure), ``agreed`` (all give the same), ``revision`` (the
    figure only rises with later publication: the latest), ``minimum`` (any
    other disagreement: the lowest). ``(None, None)`` when no report gives one.
    """
    known = [(r.get("published"), report_key(r), f[0]) for r in reports if (f := figure_range(r.get(field)))]
    if not known:
        return None, None
    values = {v for _, _, v in known}
    if len(values) == 1:
        return known[0][2], "single" if len(known) == 1 else "agreed"
    lowest = min(values)
    if any(not pub for pub, _, _ in known):
        return lowest, "minimum"
    moments: dict[str, set[int]] = {}
    for pub, _, v in known:
        moments.setdefault(pub, set()).add(v)
    sequence = [moments[p] for p in sorted(moments)]
    if all(len(s) == 1 for s in sequence):
        flat = [next(iter(s)) for s in sequence]
        if all(x <= y for x, y in zip(flat, flat[1:])):
            return flat[-1], "revision"
    return lowest, "minimum"


def _report_entry(report: dict) -> dict:
    entry = {"article_id": report.get("article_id"), "event_id": report.get("id") or report.get("event_id"),
             "published": report.get("published"), "code": report.get("code"),
             "date": report.get("date"), "killed": report.get("killed"), "injured": report.get("injured"),
             "trigger": report.get("trigger"), "evidence": list(report.get("evidence") or []),
             "confidence": report.get("confidence")}
    if report.get("url"):
        entry["url"] = report["url"]
    return entry


def _incident(reports: list[dict]) -> dict:
    reports = sorted(reports, key=_by_time)
    code = _pick_code(reports)
    with_code = next((r for r in reports if r.get("code") == code), reports[0])
    try:
        kind = by_code(code or "")
        names = {"type": kind.type, "subtype": kind.subtype, "family": kind.family}
    except KeyError:
        names = {"type": with_code.get("type"), "subtype": with_code.get("subtype"),
                 "family": family_of(with_code)}
    killed, killed_rule = figure_policy(reports, "killed")
    injured, injured_rule = figure_policy(reports, "injured")
    published = sorted(r["published"] for r in reports if r.get("published"))
    articles = {r.get("article_id") for r in reports}
    best = max(float(r.get("confidence") or 0.0) for r in reports)
    confidence = 1.0 - (1.0 - best) * CORROBORATION ** (len(articles) - 1)
    return {
        "id": incident_id(report_key(r) for r in reports),
        "code": code, **names,
        "date": _pick_date(reports),
        "place": _pick_place(reports),
        **{role: _pick_actor(reports, role) for role in ROLES},
        "killed": killed, "killed_rule": killed_rule,
        "injured": injured, "injured_rule": injured_rule,
        "n_reports": len(reports), "n_articles": len(articles),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "confidence": round(min(confidence, 1.0), 3),
        "reports": [_report_entry(r) for r in reports],
    }
