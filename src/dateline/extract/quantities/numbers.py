"""Reading numbers written in digits or words.

    >>> parse_number("1,200")
    1200.0
    >>> parse_number("one hundred and five")
    105.0
    >>> parse_number("$15.6 billion")
    15600000000.0
    >>> parse_number("tens of thousands")
    10000.0
    >>> parse_number("Tuesday") is None
    True

Vague amounts take the conservative reading used by ACLED coders: "dozens" is 12,
"hundreds" 100, "tens of thousands" 10,000 (see :data:`VAGUE`). "several" and "a few"
are read as 3 (the smallest amount the word can mean, more than "a couple").

Values are floats; an integral value compares equal to the int (``12.0 == 12``).
"""

from __future__ import annotations

import re

__all__ = ["parse_number", "NUMBER_WORDS", "SCALES", "VAGUE", "SCALE_SUFFIXES",
           "is_number_word", "vague_value"]

#: ones, teens and tens written as words.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

#: multipliers written as words (and their usual abbreviations).
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000,
    "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}
#: one-letter scale suffixes glued to digits ("3.5m", "$20bn", "40k").
SCALE_SUFFIXES: dict[str, int] = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000,
                                  "bn": 1_000_000_000, "mn": 1_000_000, "tn": 1_000_000_000_000,
                                  "trn": 1_000_000_000_000}

#: conservative readings of vague amounts (ACLED practice); keys are lower case.
VAGUE: dict[str, int] = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
    "tens of millions": 10_000_000, "hundreds of millions": 100_000_000,
    "tens of billions": 10_000_000_000, "hundreds of billions": 100_000_000_000,
    "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000, "trillions": 1_000_000_000_000,
    "hundreds": 100, "dozens": 12, "scores": 20, "tens": 10,
    "several": 3, "a few": 3, "a couple": 2, "a couple of": 2, "a handful": 3,
    "a handful of": 3, "a dozen": 12, "a score": 20,
}

#: words that count as one item of a number ("a dozen" is not vague: it is 12).
_ARTICLE_NUMBERS = {"a": 1, "an": 1}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

_CURRENCY_CHARS = "$£€¥₹₦₽₩"
_DIGITS = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"\s*(?P<suffix>bn|mn|mln|bln|tn|trn|k|m|b)?$", re.IGNORECASE)
_SPLIT = re.compile(r"[\s\-]+")
_HALF = re.compile(r"^half\s+an?\s+(hundred|thousand|million|billion|trillion|dozen)$")
_LEAD = re.compile(r"^(?:[A-Z]{1,3})?[" + re.escape(_CURRENCY_CHARS) + r"]\s*")


def is_number_word(word: str) -> bool:
    """True for a number word, scale word or "dozen" (lower or any case)."""
    w = word.lower()
    return w in NUMBER_WORDS or w in SCALES or w in ("dozen", "score")


def vague_value(text: str) -> int | None:
    """The conservative value of a vague amount ("dozens", "tens of thousands"), else None."""
    t = " ".join(text.lower().split())
    return VAGUE.get(t)


def _digits(tok: str) -> float | None:
    m = _DIGITS.match(tok)
    if not m:
        return None
    v = float(m.group("num").replace(",", ""))
    suf = m.group("suffix")
    if suf:
        v *= SCALE_SUFFIXES[suf.lower()]
    return v


def _words(parts: list[str]) -> float | None:
    """Fold number words: total of completed groups plus the current group."""
    total = 0.0
    current = 0.0
    seen = False
    pending_article = False
    for p in parts:
        if p == "and":
            if not seen:
                return None
            continue
        if p in _ARTICLE_NUMBERS:
            if seen:
                return None
            pending_article = True
            continue
        if p in NUMBER_WORDS:
            current += NUMBER_WORDS[p]
            seen = True
        elif p in ("dozen", "score"):
            unit = 12 if p == "dozen" else 20
            current = (current or 1) * unit
            seen = True
        elif p in SCALES:
            scale = SCALES[p]
            base = current if (current or seen) else 1
            if scale == 100:
                current = base * 100
            else:
                total += base * scale
                current = 0
            seen = True
        elif p in _FRACTIONS and pending_article:
            current += _FRACTIONS[p]
            seen = True
        else:
            v = _digits(p)
            if v is None or seen:
                return None
            current = v
            seen = True
        pending_article = False
    if not seen:
        return None
    return float(total + current)


def parse_number(text: str) -> float | None:
    """The number written in ``text`` (digits, words, scales, vague amounts), else None.

    A leading currency sign or code ("$", "US$", "£") is skipped; a trailing unit is not
    (``parse_number("15 km")`` is None). "a dozen" is 12, "two dozen" 24, "a hundred" 100.
    """
    if not text:
        return None
    t = text.strip()
    t = _LEAD.sub("", t)
    t = t.strip()
    if not t:
        return None
    v = _digits(t)
    if v is not None:
        return v
    low = " ".join(t.lower().split())
    if low in VAGUE:
        return float(VAGUE[low])
    half = _HALF.match(low)
    if half:   # "half a million", "half a dozen"
        return 0.5 * (12 if half.group(1) == "dozen" else SCALES[half.group(1)])
    parts = [p for p in _SPLIT.split(low) if p]
    # "1.5 million", "15.6 bn": digits then scale words
    return _words(parts)
