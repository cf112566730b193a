"""Word tables and regular-expression fragments of the time grammar."""

from __future__ import annotations

__all__ = [
    "MONTHS", "WEEKDAYS", "NUMBERS", "ORDINALS", "UNITS", "PARTS_OF_DAY", "SEASONS",
    "month_number", "number_value", "unit_code",
    "MONTH", "WEEKDAY", "NUM", "UNIT", "UNITS_PL", "ORD", "POD", "YEAR", "APPROX",
]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
NUMBERS.update(_TENS)
NUMBERS.update({"a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "a pair of": 2,
                "a dozen": 12, "dozen": 12, "hundred": 100, "a hundred": 100, "one hundred": 100,
                "a thousand": 1000, "half a": 0, "a half": 0})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
#: unit word -> (TIMEX3 duration code, "T" when it is a time unit)
UNITS = {"second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
         "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
         "fortnight": ("2W", False), "month": ("M", False), "quarter": ("Q", False),
         "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
         "centurie": ("CE", False), "millennium": ("ML", False), "millennia": ("ML", False)}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
                "overnight": "TNI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# -------------------------------------------------------------- regex fragments
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])")
WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|"
           r"Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)")
_TENS_RE = "|".join(_TENS)
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
NUM = (r"(?:\d+(?:\.\d+)?(?: 1/2)?|(?:" + _TENS_RE + r")(?:[- ](?:one|two|three|four|five|six|seven|"
       r"eight|nine))?|" + _SMALL_RE + r"|a couple of|a couple|a pair of|a dozen|a single|"
       r"(?:a|one) hundred|a thousand|an|a|half a)")
UNIT = (r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|"
        r"century|millennium)")
UNITS_PL = r"(?:seconds|minutes|hours|days|nights|weeks|weekends|months|quarters|years|decades|centuries|millennia)"
ORD = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
POD = r"(?:morning|afternoon|evening|night|overnight)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
APPROX = (r"(?:about|around|roughly|approximately|nearly|almost|some|more than|less than|fewer than|"
          r"over|under|at least|at most|up to|just over|just under|no more than|no less than|"
          r"close to|upwards of|well over)")


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def number_value(word: str) -> float | None:
    """The number a numeral or number word stands for; ``None`` for vague ones."""
    w = word.lower().replace("-", " ").strip()
    if w in NUMBERS:
        return NUMBERS[w]
    if w.endswith(" 1/2"):
        base = number_value(w[:-4])
        return None if base is None else base + 0.5
    try:
        return float(w.replace(",", "")) if "." in w else int(w.replace(",", ""))
    except ValueError:
        pass
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in NUMBERS:
        return _TENS[parts[0]] + NUMBERS[parts[1]]
    return None


def unit_code(word: str) -> tuple[str, bool]:
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    for suffix in ("s", "es"):
        if w.endswith(suffix) and w[: -len(suffix)] in UNITS:
            return UNITS[w[: -len(suffix)]]
    if w == "centuries":
        return UNITS["century"]
    if w == "millennia":
        return UNITS["millennium"]
    raise KeyError(word)
