"""Normalisers for expressions that name a calendar position: dates, months,
years, decades, centuries, quarters, seasons, holidays, clock times.

Each takes the rule's match and the document's :class:`Resolver` and returns
``(type, value, mod)`` or ``None`` (not a time after all).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import nearest_month, quarter_of, resolve_month_day, season_of
from .lexicon import ORDINALS, SEASONS, WEEKDAYS, month_number, number_value
from .resolver import Resolver, Result

__all__ = ["HANDLERS"]


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year2(text: str) -> int:
    n = int(text.lstrip("'"))
    if n >= 100:
        return n
    return 1900 + n if n > 40 else 2000 + n


_UNTIL = re.compile(r"\b(?:by|until|till|through|before)\s+(?:(?:early|late|mid)-?\s*|the (?:end|beginning|"
                    r"middle|start) of\s+)?$", re.IGNORECASE)


def _dir(r: Resolver) -> str:
    """How to place an unanchored month or weekday: after, before or nearest the anchor."""
    tense = r.tense()
    if tense == "future":
        return "future"
    if _UNTIL.search(r.before(40)):
        return "nearest"
    return "past" if tense == "past" else "nearest"


def iso(m: re.Match, r: Resolver) -> Result | None:
    v = _ymd(int(m["y"]), int(m["m"]), int(m["d"]))
    if v and m["hh"]:
        return "TIME", f"{v}T{m['hh']}:{m['mm']}", None
    return ("DATE", v, None) if v else None


def numeric(m: re.Match, r: Resolver) -> Result | None:
    a, b, y = int(m["a"]), int(m["b"]), _year2(m["y"])
    if m["sep"] == "." and len(m["y"]) == 2:
        return None                     # 3.5.25 is more likely a version or a score
    day_first = r.day_first if a <= 12 and b <= 12 else a > 12
    d, mo = (a, b) if day_first else (b, a)
    v = _ymd(y, mo, d)
    return ("DATE", v, None) if v else None


def month_day(m: re.Match, r: Resolver) -> Result | None:
    mon, day = month_number(m["mon"]), int(re.match(r"\d+", m["day"]).group())
    if m["year"]:
        v = _ymd(int(m["year"]), mon, day)
    elif r.dct is None:
        v = f"XXXX-{mon:02d}-{day:02d}"
    else:
        y = resolve_month_day(r.dct, mon, day, _dir(r))
        if m["wd"]:
            wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
            y = next((c for c in (y, y - 1, y + 1) if _weekday_is(c, mon, day, wd)), y)
        v = _ymd(y, mon, day)
    return ("DATE", v, None) if v else None


def _weekday_is(y: int, mon: int, day: int, wd: int) -> bool:
    try:
        return date(y, mon, day).weekday() == wd
    except ValueError:
        return False


def month(m: re.Match, r: Resolver) -> Result | None:
    name = m["mon"]
    mon = month_number(name)
    bare = not (m["year"] or m["rel"] or m["rel2"])
    if bare and name.lower() not in _FULL_MONTHS and not name.endswith("."):
        return None                     # a bare "Jan" or "Sept" alone is too often a name
    if bare and name in ("May", "June", "July") and not _MONTH_CUE.search(r.before(14)):
        return None                     # "May" the modal, June and July the first names...
    if name == "May" and bare and _modal_may(m, r):
        return None                     # ... unless "in", "by", "since" ... comes before
    if m["year"]:
        return "DATE", f"{m['year']}-{mon:02d}", None
    if r.dct is None:
        return "DATE", f"XXXX-{mon:02d}", None
    rel2 = (m["rel2"] or "").lower()
    if rel2:
        y = r.dct.year + {"last": -1, "next": 1}.get(rel2, 0)
    else:
        rel = (m["rel"] or "").lower()
        direction = {"last": "last", "past": "last", "this past": "last", "next": "next",
                     "coming": "future", "this coming": "future"}.get(rel)
        if rel == "this":
            y = r.dct.year
        else:
            y = nearest_month(r.dct, mon, direction or _dir(r))
    return "DATE", f"{y}-{mon:02d}", None


_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"}
_MONTH_CUE = re.compile(r"\b(?:in|by|since|until|till|from|through|during|of|before|after|early|late|mid|"
                        r"end|beginning|last|next|this|between|and|or|to)[\s-]+$", re.IGNORECASE)


def _modal_may(m: re.Match, r: Resolver) -> bool:
    if r.doc is not None:
        span = r.doc.char_span(m.start("mon"), m.end("mon"))
        if span is not None and len(span) == 1:
            return span[0].tag_ == "MD" or span[0].pos_ in ("AUX", "VERB")
    return bool(re.match(r"\s+(?:be|have|not|also|well|still|need|take|face|soon|never)\b", r.after(12)))


def holiday(m: re.Match, r: Resolver) -> Result | None:
    name = m["name"].lower()
    if name.startswith("christmas"):
        mo, d = 12, 24 if name.endswith("eve") else 25
    elif name.startswith("new year"):
        mo, d = (12, 31) if name.endswith("eve") else (1, 1)
    elif name.startswith("independence"):
        mo, d = 7, 4
    elif name.startswith("valentine"):
        mo, d = 2, 14
    elif name.startswith("halloween"):
        mo, d = 10, 31
    else:
        mo, d = 0, 0
    y = int(m["year"]) if m["year"] else None
    if y is None and r.dct is not None:
        rel = (m["rel"] or "").lower()
        tense = {"last": "past", "next": "future"}.get(rel, r.tense())
        y = resolve_month_day(r.dct, mo or 11, d or 20, tense)
    if y is None:
        return "DATE", "XXXX-XX-XX", None
    if not mo:                          # moving feasts: n-th weekday of a month
        mo, wd, n = {"thanksgiving": (11, 3, 4), "labor": (9, 0, 1), "memorial": (5, 0, -1)}[name.split()[0]]
        first = date(y, mo, 1)
        if n > 0:
            day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        else:
            last = date(y, mo + 1, 1) - timedelta(days=1)
            day = last - timedelta(days=(last.weekday() - wd) % 7)
        return "DATE", day.isoformat(), None
    return "DATE", f"{y}-{mo:02d}-{d:02d}", None


def fiscal(m: re.Match, r: Resolver) -> Result | None:
    return "DATE", str(_year2(m["year"])), None


def year(m: re.Match, r: Resolver) -> Result | None:
    before = r.before(12)
    if re.search(r"[A-Za-z]-$", before) and not re.search(r"\b(?:mid|pre|post|early|late)-$", before, re.I):
        return None
    if re.search(r"(?:No\.|number|\bCOVID-|\bSection|\bRoom|\bFlight|#)\s*$", before, re.I):
        return None
    if r.doc is not None:
        span = r.doc.char_span(m.start("year"), m.end("year"))
        if span is not None and len(span) == 1:
            tok = span[0]
            if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or (
                    tok.ent_type_ == "CARDINAL" and tok.dep_ == "nummod" and tok.head.pos_ == "NOUN"
                    and tok.head.lower_ not in ("season", "model", "budget", "election", "census")):
                return None
    return "DATE", m["year"], None


_WORD_NUM = {"ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
             "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def year_words(m: re.Match, r: Resolver) -> Result | None:
    if re.match(r"\s+(?:years|months|weeks|days|people|of)\b", r.after(10)):
        return None
    words = re.split(r"[- ]+", m.group(0).lower().replace("the year ", ""))
    if words[0] == "nineteen":
        if len(words) == 1:
            return None
        base, rest = 1900, words[1:]
    else:
        base, rest = 2000, [w for w in words[2:] if w != "and"]
    total = 0
    for w in rest:
        total += _WORD_NUM.get(w) or number_value(w) or 0
    return "DATE", str(base + total), None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def decade(m: re.Match, r: Resolver) -> Result | None:
    if m["decw"]:                       # "the nineties": of the 20th century
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["modw"] or "").lower())
        return "DATE", f"19{_DECADE_WORDS[m['decw'].lower()]}", mod
    d = m["dec"]
    if d.startswith("'"):
        n = int(d[1])
        d = f"19{n}0" if n >= 3 else f"20{n}0"
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["mod"] or "").lower())
    return "DATE", d[:3], mod


def yearend(m: re.Match, r: Resolver) -> Result | None:
    """"by year-end": the last day of the anchor's year; "since year-end", or in
    past-tense reporting early in a year, the one before."""
    if r.dct is None:
        return "DATE", "XXXX-12-31", None
    y = r.dct.year
    if re.search(r"\bsince\s+$", r.before(8), re.IGNORECASE) or (r.tense() == "past" and r.dct.month <= 3):
        y -= 1
    return "DATE", f"{y}-12-31", None


def century(m: re.Match, r: Resolver) -> Result | None:
    n = ORDINALS.get(m["n"].lower()) or int(re.match(r"\d+", m["n"]).group())
    return "DATE", f"{n - 1:02d}", None


_QWORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
           "march": 1, "june": 2, "september": 3, "december": 4}


def quarter(m: re.Match, r: Resolver) -> Result | None:
    det, word, unit = (m["det"] or "").lower(), (m["ord"] or "").lower(), m["unit"].lower()
    n = _QWORDS.get(word)
    if unit == "half":
        if n not in (1, 2) or m["ord"] in ("March", "June", "September", "December"):
            return None
        return "DATE", f"{_year_of(m, r, det)}-H{n}", None
    if unit == "period" and not (m["year0"] or word in ("year-ago", "year-earlier", "latest", "comparable", "same")
                                 or det in ("the same", "the corresponding")):
        return None
    if m["year0"]:
        q = n or (r.last_quarter[-1] if r.last_quarter else None)
        return "DATE", f"{m['year0']}-Q{q}" if q else m["year0"], None
    if not n and not det and not word:
        return None
    if det == "a" and not n:
        return None
    if n:
        y = _year_of(m, r, det)
        if m["ago"] and y != "XXXX":
            y = str(int(y) - 1)
        elif (y != "XXXX" and not m["year"] and det not in ("this year's", "next year's", "next")
              and r.dct is not None and n > quarter_of(r.dct.month) and r.tense() != "future"):
            y = str(int(y) - 1)         # a reported quarter still ahead this year is last year's
        return "DATE", f"{y}-Q{n}" if y != "XXXX" else f"XXXX-Q{n}", None
    if m["ago"]:
        word = "year-ago"
    if r.dct is None:
        return "DATE", "XXXX-QX", None
    cur = r.dct.year * 4 + quarter_of(r.dct.month) - 1
    if word in ("year-ago", "year-earlier", "comparable", "same") or det in ("the same", "the corresponding"):
        ref = r.last_quarter or _q(cur - 1)
        y, q = ref.split("-Q")
        return "DATE", f"{int(y) - 1}-Q{q}", None
    if word in ("current",) or det == "this":
        return "DATE", _q(cur), None
    if word == "next" or det == "next":
        return "DATE", _q(cur + 1), None
    if word in ("latest", "past", "recent", "just-ended", "previous", "last", "final") or det == "last":
        return "DATE", _q(cur - 1), None
    if det in ("the", "its", "their", "the company's", "last year's", "that"):
        if det == "last year's":
            y, q = (r.last_quarter or _q(cur - 1)).split("-Q")
            return "DATE", f"{int(y) - 1}-Q{q}", None
        return "DATE", r.last_quarter or _q(cur - 1), None
    return None


def _q(k: int) -> str:
    return f"{k // 4}-Q{k % 4 + 1}"


def _year_of(m: re.Match, r: Resolver, det: str) -> str:
    y = m["year"]
    if y and y[0].isdigit():
        return y
    if r.dct is None:
        return "XXXX"
    shift = {"last year's": -1, "next year's": 1}.get(det, 0)
    if y:
        shift = {"last year": -1, "next year": 1}.get(y.lower(), 0)
    return str(r.dct.year + shift)


def qshort(m: re.Match, r: Resolver) -> Result | None:
    q, h = m["q"] or m["q2"], m["h"] or m["h2"]
    if m["year"]:
        y = str(_year2(m["year"]))
    elif r.dct is not None:
        y = str(r.dct.year)
    else:
        y = "XXXX"
    return "DATE", f"{y}-Q{q}" if q else f"{y}-H{h}", None


def season(m: re.Match, r: Resolver) -> Result | None:
    rel, name = (m["rel"] or "").lower().rstrip("-").strip(), m["season"].lower()
    code = SEASONS[name]
    if name == "fall" and not (rel or m["year"]) and not r.before(4).lower().endswith(("in ", "of ")):
        return None
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
    if m["year"]:
        return "DATE", f"{m['year']}-{code}", mod
    if r.dct is None:
        return "DATE", f"XXXX-{code}", mod
    here = season_of(r.dct)
    y = int(here[:4])
    order = ["WI", "SP", "SU", "FA"]
    gap = order.index(code) - order.index(here[5:])
    if rel in ("last", "this past", "the past") or (rel not in ("next", "the coming", "this") and r.tense() == "past"):
        if gap > 0 or (gap == 0 and rel in ("last", "the past")):
            y -= 1
    elif rel in ("next", "the coming") or r.tense() == "future":
        if gap < 0 or (gap == 0 and rel == "next"):
            y += 1
    return "DATE", f"{y}-{code}", mod


def clock(m: re.Match, r: Resolver) -> Result | None:
    if m["word"]:
        hh, mm = (0, 0) if m["word"].lower() == "midnight" else (12, 0)
    elif m["h24"]:
        hh, mm = int(m["h24"]), int(m["m24"])
    else:
        hh, mm = int(m["h"]), int(m["m"] or 0)
        if hh > 12:
            return None
        pm = m["ap"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    day = r.dct.isoformat() if r.dct is not None else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", None


HANDLERS = {
    "iso": iso, "numeric": numeric, "mdy": month_day, "dmy": month_day, "month": month,
    "holiday": holiday, "fiscal": fiscal, "year": year, "year_words": year_words,
    "decade": decade, "yearend": yearend, "century": century, "quarter": quarter, "qshort": qshort,
    "season": season, "clock": clock,
}
