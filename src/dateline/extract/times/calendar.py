"""Calendar arithmetic on TIMEX3 values: parsing the anchor, shifting by units,
formatting weeks, quarters and seasons. Pure functions, no state."""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "parse_anchor", "shift_months", "iso_week", "quarter_of", "season_of",
    "nearest_weekday", "nearest_month", "resolve_month_day", "shift_value", "SEASON_MONTH",
]

_ANCHOR = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def parse_anchor(value: str | None) -> date | None:
    """The calendar day of an ISO date or date-time string; ``None`` when unreadable."""
    if not value:
        return None
    m = _ANCHOR.match(str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def season_of(d: date) -> str:
    """TIMEX3 season of a day; December belongs to the next year's winter."""
    m = d.month
    if m in (3, 4, 5):
        return f"{d.year}-SP"
    if m in (6, 7, 8):
        return f"{d.year}-SU"
    if m in (9, 10, 11):
        return f"{d.year}-FA"
    return f"{d.year + 1 if m == 12 else d.year}-WI"


def nearest_weekday(dct: date, weekday: int, direction: str) -> date:
    """The ``weekday`` (0 = Monday) nearest ``dct``: ``past`` = on or before,
    ``future`` = on or after, ``next`` = strictly after, ``last`` = strictly before."""
    diff = (weekday - dct.weekday()) % 7
    if direction == "nearest":
        return dct + timedelta(days=diff if diff <= 3 else diff - 7)
    if direction in ("future", "next"):
        if direction == "next" and diff == 0:
            diff = 7
        return dct + timedelta(days=diff)
    back = (dct.weekday() - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    return dct - timedelta(days=back)


def nearest_month(dct: date, month: int, direction: str) -> int:
    """Year of the ``month`` meant from ``dct``: ``past`` = the most recent (this month
    included, and the month after it, as for a day in :func:`resolve_month_day`), ``future`` = the next (this month included), ``last``/``next`` strict."""
    if direction == "past":             # reported plans may name next month ("cuts in September")
        return dct.year if month <= dct.month + 1 else dct.year - 1
    if direction == "last":
        return dct.year if month < dct.month else dct.year - 1
    if direction == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if direction == "next":
        return dct.year if month > dct.month else dct.year + 1
    gap = month - dct.month
    return dct.year + (1 if gap < -6 else -1 if gap > 5 else 0)


def resolve_month_day(dct: date, month: int, day: int, tense: str) -> int:
    """Year of ``month day`` with no year written. ``past``: the latest one no more than
    two months ahead of the anchor; ``future``: the first no more than a week before
    it; otherwise (``nearest``) the one in a window from nine months before to three
    months after the anchor (news mostly reports what happened)."""
    try:
        this = date(dct.year, month, day)
    except ValueError:
        return dct.year
    delta = (this - dct).days
    lo, hi = {"past": (-305, 60), "future": (-7, 358)}.get(tense, (-275, 90))
    if delta > hi:
        return dct.year - 1
    if delta < lo:
        return dct.year + 1
    return dct.year


def shift_value(value: str, n: int, unit: str) -> str | None:
    """``value`` (a calendar TIMEX3 value) moved by ``n`` units; ``None`` if it cannot be."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?", value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(4):
        q = y * 4 + int(m.group(4)) - 1 + (n * 4 if unit == "Y" else n if unit == "Q" else 0)
        return f"{q // 4}-Q{q % 4 + 1}"
    if m.group(5):
        return f"{y + (n if unit == 'Y' else 0)}-H{m.group(5)}"
    if m.group(3):
        d = date(y, int(m.group(2)), int(m.group(3)))
        if unit == "D":
            return (d + timedelta(days=n)).isoformat()
        if unit == "W":
            return (d + timedelta(weeks=n)).isoformat()
        yy, mm = shift_months(y, d.month, n * 12 if unit == "Y" else n)
        return f"{yy}-{mm:02d}-{min(d.day, 28 if mm == 2 else 30 if mm in (4, 6, 9, 11) else 31):02d}"
    if m.group(2):
        yy, mm = shift_months(y, int(m.group(2)), n * 12 if unit == "Y" else n if unit == "M" else 0)
        return f"{yy}-{mm:02d}"
    return str(y + (n if unit == "Y" else 0))
