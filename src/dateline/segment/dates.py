"""Publication and update dates written on the page (``Updated 09 March 2017``)."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date_line", "iso_date"]

_MONTHS = {m: i for i, ms in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in ms}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:(?:,|\s+at|\s*[-|–—])?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*\(?(?P<tz>[A-Z]{2,4}|[+-]\d{2}:?\d{2})\)?)?)?"
_DATE_FORMS = [
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})",
    rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
    r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2})[^\s]*)?",
]
_LABEL = (r"(?:(?P<label>updated|last updated|modified|last modified|published|first published|posted|"
          r"created|date|released|issued)(?:\s+(?:on|at))?\s*:?\s*)?")
_LINE_RES = [re.compile(rf"^{_LABEL}{form}{_TIME if 'T(' not in form else ''}\s*\.?$", re.I)
             for form in _DATE_FORMS]
_UPDATE_LABELS = {"updated", "last updated", "modified", "last modified"}


def iso_date(year: int, month: int, day: int, hour: str | None = None, minute: str | None = None,
             ampm: str | None = None) -> str | None:
    """ISO 8601 date (or date and time when given); None for an impossible date."""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if hour is None or minute is None:
        return d.isoformat()
    h, mi = int(hour), int(minute)
    if ampm:
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if h > 23 or mi > 59:
        return d.isoformat()
    return f"{d.isoformat()}T{h:02d}:{mi:02d}"


def parse_date_line(line: str) -> tuple[str, str] | None:
    """``Updated 09 March 2017`` -> ``("updated", "2017-03-09")``.

    Returns ``(kind, iso)`` where kind is ``updated`` or ``published`` (a bare date
    or a ``Published``/``Posted`` label), or None when the line is not a date line.
    """
    s = line.strip()
    if len(s) > 90:
        return None
    for rx in _LINE_RES:
        m = rx.match(s)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["mnum"]) if g.get("mnum") else _MONTHS.get((g.get("month") or "").lower().rstrip("."))
        if not month:
            continue
        iso = iso_date(int(g["year"]), month, int(g["day"]), g.get("hour"), g.get("minute"), g.get("ampm"))
        if iso is None:
            return None
        label = (g.get("label") or "").lower()
        return ("updated" if label in _UPDATE_LABELS else "published", iso)
    return None
