"""Normalisers for expressions read against the anchor or the text: today,
weekdays, "last week", "two years ago", durations, vague references and sets.

Each takes the rule's match and the document's :class:`Resolver` and returns
``(type, value, mod)`` or ``None``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import iso_week, nearest_weekday, quarter_of, shift_months, shift_value
from .lexicon import PARTS_OF_DAY, WEEKDAYS, month_number, number_value, unit_code
from .resolver import Resolver, Result

__all__ = ["HANDLERS", "this_unit", "APPROX_MOD"]

APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "just over": "MORE_THAN", "upwards of": "MORE_THAN", "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}
_EDGE_MOD = {"early": "START", "late": "END", "mid": "MID"}
_VAGUE = {"several", "a few", "few", "many", "some"}


def _day(r: Resolver, shift: int = 0) -> str:
    if r.dct is None:
        return "XXXX-XX-XX"
    return (r.dct + timedelta(days=shift)).isoformat()


def relday(m: re.Match, r: Resolver) -> Result | None:
    word = m["rd"].lower()
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
             "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    value = _day(r, shift)
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("TNI" if word == "tonight" else None)
    mod = _EDGE_MOD.get((m["mod"] or "").lower())
    if pod:
        return "TIME", f"{value}{pod}", mod
    return "DATE", value, mod


def podrel(m: re.Match, r: Resolver) -> Result | None:
    rel, pod = m["rel"].lower(), PARTS_OF_DAY[m["pod"].lower()]
    shift = {"this": 0, "last": -1 if pod == "TNI" else 0, "tomorrow": 1, "yesterday": -1}[rel]
    if rel == "last" and pod != "TNI":
        return None
    return "TIME", f"{_day(r, shift)}{pod}", None


def weekday(m: re.Match, r: Resolver) -> Result | None:
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    suffix = pod or ""
    mod = _EDGE_MOD.get((m["mod"] or "").lower())
    if m["pl"] or m["pl2"]:
        return "SET", f"XXXX-WXX-{wd + 1}{suffix}", None
    if r.dct is None:
        return "DATE", f"XXXX-WXX-{wd + 1}{suffix}", mod
    rel = (m["rel"] or "").lower()
    direction = {"last": "last", "next": "next", "this coming": "future", "coming": "future",
                 "this past": "last", "past": "last"}.get(rel)
    if direction is None:
        direction = {"future": "future", "past": "past"}.get(r.tense(), "nearest")
    return "DATE", nearest_weekday(r.dct, wd, direction).isoformat() + suffix, mod


def _granular(d: date, code: str) -> str:
    if code == "D":
        return d.isoformat()
    if code in ("W", "WE"):
        return iso_week(d) + ("-WE" if code == "WE" else "")
    if code == "M":
        return f"{d.year}-{d.month:02d}"
    if code == "Q":
        return f"{d.year}-Q{quarter_of(d.month)}"
    if code == "DE":
        return str(d.year)[:3]
    if code == "CE":
        return str(d.year)[:2]
    return str(d.year)


def _shift(d: date, n: float, code: str) -> date:
    if code in ("D",):
        return d + timedelta(days=round(n))
    if code in ("W", "WE", "2W"):
        return d + timedelta(weeks=round(n * (2 if code == "2W" else 1)))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(code, 0) * n
    y, mo = shift_months(d.year, d.month, round(months))
    return date(y, mo, min(d.day, 28))


def ago(m: re.Match, r: Resolver) -> Result | None:
    code, is_time = unit_code(m["unit"])
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    mod = APPROX_MOD.get((m["approx"] or "").lower())
    num = m["num"].lower()
    if num in _VAGUE or number_value(num) is None:
        if direction in ("earlier", "later") and code in ("D", "W", "H"):
            return "DURATION", _duration(None, code, is_time), None
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    n = number_value(num)
    if direction in ("earlier", "later") and code in ("D", "W", "H", "M", "S") and (code != "M" or is_time) and (
            is_time or not r.last_day):
        # "three days later" with no day named before it, "an hour earlier": a length, as
        # TimeML marks it (the word after it signals the relation); after a named day,
        # the day it points to (below), which is what a reader of the record needs
        return "DURATION", _duration(n, code, is_time), mod
    if direction in ("earlier", "later", "ago") and code == "Y" and r.last_quarter and n == 1:
        return "DATE", shift_value(r.last_quarter, sign, "Y"), mod
    if direction in ("earlier", "later") and code in ("D", "W") and r.last_day:
        ref = date.fromisoformat(r.last_day)
    elif r.dct is None:
        return "DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(code, "XXXX"), mod
    else:
        ref = r.dct
    if is_time:
        return "DATE", ref.isoformat(), mod
    if n != int(n) and code == "Y":
        return "DATE", _granular(_shift(ref, sign * n * 12, "M"), "M"), mod
    return "DATE", _granular(_shift(ref, sign * n, code), code), mod


def anaphor(m: re.Match, r: Resolver) -> Result | None:
    """"the day before", "the night after": a day next to the last one the text named,
    or unknown (``X``) when an event follows ("the night before a wedding")."""
    unit, sign = m["unit"].lower(), -1 if m["dir"].lower() in ("before", "earlier") else 1
    pod = PARTS_OF_DAY.get(unit, "")
    type_ = "TIME" if pod else "DATE"
    if unit in ("week", "month", "year"):
        code = {"week": "W", "month": "M", "year": "Y"}[unit]
        if r.last_day and not _EVENT_NEXT.match(r.after(12)):
            return "DATE", _granular(_shift(date.fromisoformat(r.last_day), sign, code), code), None
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[code], None
    if _EVENT_NEXT.match(r.after(12)) or not (r.last_day or r.dct):
        return type_, "XXXX-XX-XX" + pod, None
    ref = date.fromisoformat(r.last_day) if r.last_day else r.dct
    return type_, (ref + timedelta(days=sign)).isoformat() + pod, None


_EVENT_NEXT = re.compile(r"\s+(?:a|an|the|his|her|its|their|this|that|[A-Z]\w*)\b")


def yearago(m: re.Match, r: Resolver) -> Result | None:
    unit = m["w"].lower()
    if unit == "year" and r.last_quarter:
        return "DATE", shift_value(r.last_quarter, -1, "Y"), None
    if r.dct is None:
        return "DATE", "XXXX", None
    code = {"year": "Y", "month": "M", "week": "W", "quarter": "Q"}[unit]
    return "DATE", _granular(_shift(r.dct, -1, code), code), None


def _duration(n: float | None, code: str, is_time: bool) -> str:
    if code == "DE":
        n, code = (None if n is None else n * 10), "Y"
    elif code == "CE":
        n, code = (None if n is None else n * 100), "Y"
    elif code == "WE":
        n, code = (None if n is None else n * 2), "D"
    elif code == "2W":
        n, code = (None if n is None else n * 2), "W"
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{code}"
    if n != int(n):
        if code == "Y" and (n * 12) == int(n * 12):
            whole = int(n)
            return f"P{whole}Y{int((n - whole) * 12)}M" if whole else f"P{int(n * 12)}M"
        if code == "H" and is_time:
            return f"PT{int(n)}H{int((n - int(n)) * 60)}M" if int(n) else f"PT{int(n * 60)}M"
        return f"P{t}{n:g}{code}"
    return f"P{t}{int(n)}{code}"


def this_unit(unit: str, r: Resolver, shift: int = 0) -> str | None:
    """The calendar value of "this <unit>" (``shift`` = -1 for "last", 1 for "next")."""
    try:
        code, is_time = unit_code(unit)
    except KeyError:
        return None
    if is_time:
        return None
    if r.dct is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                "Q": "XXXX-QX"}.get(code, "XXXX")
    return _granular(_shift(r.dct, shift, code), code)


def relunit(m: re.Match, r: Resolver) -> Result | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if m["unit"][0].isupper() and m["rel"][0].isupper() and r.before(2).strip(" ") in ('"', "“", "'", "`"):
        return None                     # a title: ABC's "This Week"
    try:
        code, is_time = unit_code(unit)
    except KeyError:
        return None
    plural = unit.endswith(("s", "ies")) or unit == "millennia"
    edge = (m["mod"] or "").lower()
    mod = _EDGE_MOD.get(edge)
    if m["num"] or plural:
        num = (m["num"] or "").lower()
        n = None if (not num or num in _VAGUE) else number_value(num)
        if rel in ("this", "that", "the same", "all") and not num:
            return None
        return "DURATION", _duration(n, code, is_time), mod
    if rel in ("the first", "the remaining"):
        return None
    if rel in ("the past", "the last") and code in ("Y", "DE") and not m["mod"] and r.dct is not None:
        return "DATE", this_unit(unit, r, -1), None     # "over the past year": the year before (TimeML)
    if rel in ("the past", "the last", "past", "the coming", "the entire", "the whole", "all") or (
            rel == "the next" and code != "D"):
        return "DURATION", _duration(1, code, is_time), mod
    if is_time:
        return None
    if rel in ("that", "the same") or (code == "D" and rel in ("the next", "the following", "the previous")):
        ref = {"D": r.last_day, "Y": r.last_year}.get(code)
        shift = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
        if ref:
            v = shift_value(ref, shift, code) if code == "D" else str(int(ref) + shift)
            return "DATE", v, mod
    if rel in ("the following", "the previous") and code == "M" and r.last_month:
        return "DATE", shift_value(r.last_month, 1 if rel == "the following" else -1, "M"), mod
    if rel in ("the following", "the previous") and code == "Y" and r.last_year:
        return "DATE", str(int(r.last_year) + (1 if rel == "the following" else -1)), mod
    if rel == "the latest" and code == "Y" and r.dct is not None:
        return "DATE", str(r.dct.year - 1), mod     # the latest (completed) year, as for quarters
    shift = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1,
             "the following": 1, "the next": 1}.get(rel, 0)
    value = this_unit(unit, r, shift)
    return ("DATE", value, mod) if value else None


def duration(m: re.Match, r: Resolver) -> Result | None:
    num, unit = m["num"].lower(), m["unit"].lower()
    code, is_time = unit_code(unit)
    if unit == "second" and num in ("a", "an", "one"):
        return None
    n = number_value(num)
    if num == "half a":
        n = 0.5
    if n is not None and n == 0:
        return None
    mod = APPROX_MOD.get((m["approx"] or "").lower())
    tail = (m["tail"] or "").lower()
    if tail in ("more", "longer"):
        mod = "EQUAL_OR_MORE"
    elif tail == "less":
        mod = "EQUAL_OR_LESS"
    elif tail in ("so", "two"):
        mod = "APPROX"
    if num in ("a", "an") and re.search(r"(?:\d|percent|%|times|twice|once|\$\S*|cents?|dollars?)\s*$", r.before(40)):
        return "SET", _duration(1, code, is_time), None
    return "DURATION", _duration(n, code, is_time), mod


def vague(m: re.Match, r: Resolver) -> Result | None:
    det, unit = (m["det"] or "").lower(), m["unit"].lower()
    if unit == "decades-long":
        return "DURATION", "PXDE", None
    if det == "recent":
        return "DATE", "PAST_REF", None
    if det == "these" and unit == "days":
        return "DATE", "PRESENT_REF", None
    if det == "those" and unit == "days":
        return "DATE", "PAST_REF", None
    if det in ("these", "those"):
        return None
    code, is_time = unit_code(unit)
    if code == "WE":
        return None
    return "DURATION", _duration(None, code, is_time), None


def the_unit(m: re.Match, r: Resolver) -> Result | None:
    det, unit = m["det"].lower(), m["unit"].lower()
    if unit in ("period", "season", "quarter"):
        return None
    if det == "that":
        if unit == "year" and r.last_year:
            return "DATE", r.last_year, None
        return None
    if unit == "morning":
        return ("TIME", f"{r.last_day}TMO", None) if r.last_day else None
    if unit == "weekend":
        if r.dct is None:
            return "DATE", "XXXX-WXX-WE", None
        sat = nearest_weekday(r.dct, 5, "future" if r.tense() == "future" else "past")
        return "DATE", iso_week(sat) + "-WE", None
    if det == "this":
        return None
    if unit == "week":
        return "DATE", this_unit("week", r) or "XXXX-WXX", None
    if unit == "year" and not _YEAR_ENDED.match(r.after(12)):
        # "for the year", "the first nine months of the year": the calendar year in
        # question (TimeML); "the year ended Sept. 30" is a twelve-month period.
        return "DATE", str(r.dct.year) if r.dct is not None else "XXXX", None
    return "DURATION", _duration(1, unit_code(unit)[0], False), None


_YEAR_ENDED = re.compile(r"\s*(?:ended|ending|to date|through|that ended|which ended)\b", re.IGNORECASE)


def ref(m: re.Match, r: Resolver) -> Result | None:
    if m["now"]:
        return "DATE", "PRESENT_REF", None
    if m["past"]:
        return "DATE", "PAST_REF", None
    return "DATE", "FUTURE_REF", None


_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
            "semiannually": "P6M"}


def set_(m: re.Match, r: Resolver) -> Result | None:
    if m["adv"]:
        return "SET", _SET_ADV[m["adv"].lower()], None
    if m["mon"]:                        # "each July"
        return "SET", f"XXXX-{month_number(m['mon']):02d}", None
    unit = (m["unit"] or m["unit2"]).lower()
    other = " other " in m.group(0).lower()
    if unit.rstrip(".") in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit.rstrip('.')] + 1}", None
    if unit in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XX{PARTS_OF_DAY[unit]}", None
    code, is_time = unit_code(unit)
    return "SET", _duration(2 if other else 1, code, is_time), None


def dayrel(m: re.Match, r: Resolver) -> Result | None:
    """"later in the day": the day last named (else the anchor's); "mid-afternoon": that
    part of it."""
    day = r.last_day or (r.dct.isoformat() if r.dct is not None else "XXXX-XX-XX")
    if m["pod"]:
        return "TIME", day + PARTS_OF_DAY[m["pod"].lower()], "MID"
    return "DATE", day, None


HANDLERS = {
    "relday": relday, "podrel": podrel, "anaphor": anaphor, "weekday": weekday, "ago": ago, "yearago": yearago,
    "relunit": relunit, "duration": duration, "vague": vague, "the_unit": the_unit,
    "ref": ref, "set": set_, "dayrel": dayrel,
}
