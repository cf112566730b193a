"""When an incident happened: a time expression of its own sentences, else the publication date."""

from __future__ import annotations

import re
from datetime import date

from ..times.calendar import parse_anchor

__all__ = ["day_of", "own_dates", "event_date", "precision_of", "days_apart"]

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^\d{4}-\d\d$")
_WEEK = re.compile(r"^\d{4}-W\d\d")
_YEAR = re.compile(r"^\d{4}$")


def day_of(value: str | None) -> date | None:
    """The calendar day an ISO date or date-time starts with, else ``None``."""
    return parse_anchor(value)


def precision_of(value: str | None) -> str | None:
    if not value:
        return None
    if _DAY.match(value):
        return "day"
    if _WEEK.match(value):
        return "week"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return None


def days_apart(a: str | None, b: str | None) -> int | None:
    da, db = day_of(a), day_of(b)
    return None if da is None or db is None else abs((da - db).days)


#: a page's own time stamps ("Posted: Tuesday, January 20, 2015 10:49 AM EST") and an
#: embedded post's signature ("— Name (@handle) January 23, 2016"): when the page or
#: the post was written, not when the incident happened.
_STAMP = re.compile(r"(?:\b(?:posted|updated|published|last updated|last modified|created|modified)\s*(?:on|at)?\s*:?"
                    r"|\(@\w{1,30}\))\s*$", re.I)


def own_dates(times: list[dict], start: int, end: int, published: str | None,
              text: str | None = None) -> list[dict]:
    """Day-precision DATE/TIME expressions within ``[start, end)`` that are not after
    the publication date (a future date is a court hearing or a funeral, not the incident)
    and, given the ``text``, are not a page's or an embedded post's time stamp."""
    pub = day_of(published)
    out = []
    for t in times:
        if not (start <= t["start"] and t["end"] <= end) or t.get("type") not in ("DATE", "TIME"):
            continue
        if text is not None and _STAMP.search(text, max(0, t["start"] - 40), t["start"]):
            continue
        d = day_of(t.get("value"))
        if d is None or t.get("range"):
            continue
        if pub is not None and ((d - pub).days > 0 or (pub - d).days > 400):
            continue
        if t.get("mod") in ("BEFORE", "AFTER", "APPROX") and "later" in t["text"].lower():
            continue
        out.append(t)
    return out


def event_date(times: list[dict], near: int | None, published: str | None) -> dict | None:
    """The date dict of an incident from its own day-precision ``times`` (the earliest day:
    reports name the incident's day, then the days of deaths, arrests and statements;
    among equal days the one nearest ``near``, the trigger or casualty cue), else the
    publication date."""
    if times:
        best = min(times, key=lambda t: (day_of(t["value"]), abs(t["start"] - near) if near is not None else 0,
                                         t["start"]))
        value = day_of(best["value"]).isoformat()
        return {"value": value, "precision": "day", "mod": best.get("mod"),
                "time": {"start": best["start"], "end": best["end"], "text": best["text"]},
                "source": "text"}
    if published and day_of(published):
        return {"value": day_of(published).isoformat(), "precision": "day", "mod": None, "time": None,
                "source": "published"}
    return None
