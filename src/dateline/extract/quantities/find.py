"""Finding quantities in one block of text: one regular-expression scan, then the parse.

A *core* is a number in digits ("1,200", "15.6", "$1.13bn", "£600m") or words ("eight",
"twenty-three", "a dozen", "half a million"), or a vague amount ("dozens", "tens of
thousands"). Around a core the finder reads, in the text itself:

* a currency sign before it and a unit after it (percent, currency word, measure);
* a range: "15 to 20 percent", "between 10 and 15", "10-15", "$24-$26" (but "from X to Y"
  is two quantities and a change; see :mod:`.context`);
* a qualifier just before it ("at least", "more than", "up to", ...).

Then it drops what is not a quantity: anything overlapping a time expression; durations
("three months"); ages ("26-year-old", "aged 86", "25, of Elgin"); ordinals and glued
labels ("60th", "G7", "4x100m"); four-digit years; numbers in names ("Six Nations",
"Radio 1", "version 1.0", "number six"); sports scores ("5-1", "6-3"); gallery counters
("1 / 3"); phone numbers; street addresses ("300 block of", "10 Downing Street"); clock
times ("3 pm"); adjectival compounds ("one-off", "two-thirds"); the pronoun "one" ("one of
the", "the one"). The counted noun is the parse head of the number (``nummod``), or the
object of "of" after a vague amount ("thousands of readers"), compounds kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER_WORDS, SCALES, VAGUE, parse_number
from .units import (CURRENCY_WORDS, SIGN_RE, TIME_UNITS, UNIT_RE, currency_of_sign,
                    currency_of_word, measure_of)

__all__ = ["Hit", "find_quantities", "QUALIFIERS"]

_NW = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SC = "hundred|thousand|million|billion|trillion|dozen"
_WORDS = (rf"\b(?:(?:half\s+)?an?\s+(?:{_SC})|(?:{_NW}))"
          rf"(?:(?:\s+and\s+|\s+|-)(?:{_NW}|{_SC})\b)*\b")
_VAGUE = (r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
          r"|dozens|hundreds|thousands|millions|billions|(?:scores|tens)(?=\s+of\b))\b")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?"
CORE = re.compile(
    rf"(?<![\w.,:/$£€])(?:(?P<sign>{SIGN_RE})\s?)?(?:"
    rf"(?P<num>{_DIGITS})(?![\d:])(?:(?P<suf>bn|mn|mln|bln|tn|trn|k|m|b)(?!\w)"
    rf"|\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    rf"|(?P<words>{_WORDS})|(?P<vague>{_VAGUE}))", re.IGNORECASE)
UNIT = re.compile(UNIT_RE, re.IGNORECASE)
_WPART = re.compile(r"[a-z]+", re.IGNORECASE)
_SEP = re.compile(r"\s*(?:(?P<dash>[-–—])|\s(?P<word>to|and)\s)\s*", re.IGNORECASE)

#: qualifiers read just before a quantity (lower case, as written).
QUALIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "up to", "over", "under",
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
    "estimated", "as many as", "as much as", "as few as", "as little as", "in the region of",
    "close to", "upwards of", "no fewer than", "no more than", "no less than", "not more than",
    "just over", "just under", "well over", "below", "above", "in excess of",
)
_QUAL = re.compile(r"(?<![\w-])(" + "|".join(q.replace(" ", r"\s+") for q in
                   sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w-])between\s+$", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?<![\w-])(?:aged?|ages?\s+of)\s+$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?)[-\s]+old\b|,\s+of\s+[A-Z]|\s+years?\s+of\s+age\b",
                        re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_GALLERY_AFTER = re.compile(r"\s*/\s*\d")
_GALLERY_BEFORE = re.compile(r"\d\s*/\s*$")
_PAGE_FURNITURE = re.compile(r"\s*\d+\s*(?:/|of)\s*\d+\s*", re.IGNORECASE)
_ADDRESS = re.compile(r"\s+block\b|(?:\s+[A-Z][a-z]+){1,3}\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|"
                      r"Drive|Boulevard|Blvd|Way|Place|Square|Close|Crescent|Terrace)\b")
_CLOCK = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b|GMT\b|BST\b|UTC\b|EST\b|EDT\b|CET\b|o'clock\b)",
                    re.IGNORECASE)
_LABEL = re.compile(r"(?<![\w-])(?:number|no\.|nos\.|version|v|radio|page|pages|chapter|room|route|"
                    r"flight|channel|article|section|level|grade|category|phase|stage|round|"
                    r"episode|series|volume|vol\.|figure|table|line|platform|gate|terminal|"
                    r"bus|highway|interstate|pier|the\s+top|day|game|week|match|windows|ios|android|"
                    r"iphone|formula|tier|class|pg|rank|ranked|seed|seeded)\s+$", re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d{2,5}\)?[ .-]\d{3,4}[ .-]?\d{3,4}(?!\d)")
_OF_CURRENCY = re.compile(r"\s+of\s+(" + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
                          + r")\b", re.IGNORECASE)
_M_IS_METRE = re.compile(r"(?:\s*[^\w\s$£€]|\s*$|\s+(?:at|in|on|of|to|for|and|or|by|from|with|the|a|"
                         r"an|was|is|were|are|has|had|have|as|when|while|which|who|race|final|"
                         r"relay|event|hurdles|freestyle|breaststroke|backstroke|butterfly)\b)",
                         re.IGNORECASE)
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC", "PERSON",
                        "GPE", "LOC", "NORP", "LANGUAGE", "ORDINAL"})
_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
           "tn": 1e12, "trn": 1e12}
_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt", "die", "arrest", "shoot", "detain",
                             "abduct", "kidnap", "rescue", "survive"})
_TENS = frozenset({"twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
                   "ninety"})
_BIG = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})


@dataclass(slots=True)
class Hit:
    """One quantity found in a block (offsets into the block's text)."""

    start: int
    end: int
    value: float
    min: float
    max: float
    unit: str
    kind: str
    qualifier: str | None = None
    vague: str | None = None
    noun: tuple[int, int, str] | None = None
    num_start: int = 0
    tokens: tuple[int, int] = (0, 0)            # token range [i, j) of the core


def _trim_words(text: str, s: int, e: int) -> int:
    """End of the longest well-formed number-word phrase starting at ``s`` (≤ ``e``)."""
    parts = [(m.group().lower(), m.end()) for m in _WPART.finditer(text, s, e)]
    end = s
    prev = None
    for i, (w, pe) in enumerate(parts):
        if w in ("a", "an", "half"):
            if i == 0 or (w in ("a", "an") and prev == "half"):
                prev = w
                continue
            break
        if w == "and":
            nxt = parts[i + 1][0] if i + 1 < len(parts) else None
            if prev in _BIG and nxt in NUMBER_WORDS:
                prev = w
                continue
            break
        if w in NUMBER_WORDS:
            ok = prev is None or prev in _BIG or prev == "and" or (prev in _TENS and NUMBER_WORDS[w] < 10)
        else:   # a scale word
            ok = prev is None or prev in ("a", "an") or prev in NUMBER_WORDS or prev in _BIG
        if not ok or (prev in ("a", "an") and w not in _BIG):
            break
        prev, end = w, pe
    return end


def _core_value(m: re.Match, text: str) -> tuple[float | None, int, str | None]:
    """(value, end, vague) of a core match; ``end`` may shrink for word numbers."""
    if m.group("num"):
        v = float(m.group("num").replace(",", ""))
        if m.group("scale"):
            v *= SCALES[m.group("scale").lower()]
        return v, m.end(), None
    if m.group("words"):
        end = _trim_words(text, m.start("words"), m.end())
        return parse_number(text[m.start("words"):end]), end, None
    vague = " ".join(m.group("vague").lower().split())
    value = VAGUE.get(vague)
    return (None if value is None else float(value)), m.end(), vague


def _unit_after(text: str, pos: int) -> tuple[str, str, int] | None:
    """(kind, unit, end) of a unit written at ``pos``, else None."""
    u = UNIT.match(text, pos)
    if not u:
        return None
    if u.group("pct"):
        return "percent", "percent", u.end()
    if u.group("curw"):
        return "money", currency_of_word(u.group("curw")) or "USD", u.end()
    if u.group("meas"):
        return "measure", measure_of(u.group("meas")) or u.group("meas").lower(), u.end()
    return "measure", "times", u.end()


class _Core:
    __slots__ = ("start", "num_start", "end", "value", "vague", "sign", "suf", "kind", "unit", "is_year",
                 "mult")

    def __init__(self, m: re.Match, text: str):
        self.start = m.start()
        self.num_start = m.start("num") if m.group("num") else (m.start("words") if m.group("words")
                                                                 else m.start("vague"))
        self.value, self.end, self.vague = _core_value(m, text)
        self.sign = m.group("sign")
        self.suf = (m.group("suf") or "").lower()
        num = m.group("num") or ""
        self.is_year = (len(num) == 4 and num.isdigit() and 1000 <= int(num) <= 2100
                        and not self.suf and not m.group("scale") and not self.sign)
        self.kind, self.unit = "count", "count"
        self.mult = SCALES[m.group("scale").lower()] if m.group("scale") else 1
        if self.sign:
            self.kind, self.unit = "money", currency_of_sign(self.sign) or "USD"
        u = _unit_after(text, self.end) if self.value is not None else None
        if u and not (self.kind == "money" and u[0] != "money"):
            if u[0] == "money" or self.kind != "money":
                self.kind, self.unit, self.end = u
        if self.suf:
            if self.suf == "m" and self.kind == "count" and _M_IS_METRE.match(text, self.end):
                self.kind, self.unit = "measure", "m"
            else:
                self.value = (self.value or 0) * _SUFFIX[self.suf]
                self.mult = _SUFFIX[self.suf]
        if self.vague and self.kind == "count":
            oc = _OF_CURRENCY.match(text, self.end)
            if oc:
                self.kind, self.unit, self.end = "money", currency_of_word(oc.group(1)) or "USD", oc.end()


def _tokens(doc, s: int, e: int) -> tuple[int, int]:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


_SCALE_BEFORE = re.compile(r"\b(magnitude|category|level|force|grade|stage)[\s-]+$", re.IGNORECASE)


def _noun(doc, i: int, j: int, vague: bool) -> tuple[int, int, str, object] | None:
    """The counted noun of the core tokens [i, j): (start, end, text, head token)."""
    if doc is None or i >= j:
        return None
    top = None
    for t in doc[i:j]:
        if not (i <= t.head.i < j) or t.head.i == t.i:
            top = t
    if top is None:
        return None
    head = None
    if top.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "nmod") and top.head.i >= j \
            and top.head.pos_ in ("NOUN", "PROPN"):
        head = top.head
    if head is None and vague:
        for c in top.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [o for o in c.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")]
                if objs:
                    head = objs[0]
                break
    if head is None and j < len(doc) and doc[j].tag_ in ("NNS", "NNPS") and top.dep_ != "pobj":
        head = doc[j]
    if head is None:
        return None
    while head.dep_ in ("compound", "nmod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN") \
            and head.head.i - head.i <= 3:
        head = head.head   # "e-mail messages", "Serie A appearances": the head is the last noun
    k = head.i
    while k - 1 >= j and doc[k - 1].dep_ == "compound" and doc[k - 1].head.i >= k:
        k -= 1
    return doc[k].idx, head.idx + len(head.text), doc.text[doc[k].idx:head.idx + len(head.text)], head


def _blocked(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def find_quantities(text: str, doc=None, time_spans: list[tuple[int, int]] = ()) -> list[Hit]:
    """Quantities of one block ``text``; ``doc`` is its spaCy Doc (or None), ``time_spans``
    the block-local spans of its time expressions (never quantities)."""
    if _PAGE_FURNITURE.fullmatch(text):
        return []
    out: list[Hit] = []
    pos = 0
    n = len(text)
    while True:
        m = CORE.search(text, pos)
        if m is None:
            break
        c = _Core(m, text)
        pos = max(c.end, m.start() + 1)
        if c.value is None:
            continue
        lo, hi, end, kind, unit = c.value, c.value, c.end, c.kind, c.unit
        before = text[max(0, c.start - 30):c.start]
        # ranges: "15 to 20 percent", "between 10 and 15", "1,050-1,125 rupees", "$24-$26"
        sep = _SEP.match(text, end)
        second = None
        if sep:
            m2 = CORE.match(text, sep.end())
            if m2:
                c2 = _Core(m2, text)
                word = (sep.group("word") or "").lower()
                ok = c2.value is not None and (
                    (word == "and" and _BETWEEN.search(before))
                    or (word == "to" and not _FROM.search(before))
                    or (sep.group("dash") is not None and m.group("num") and m2.group("num")))
                if ok and kind != "count" and c2.kind != kind:
                    ok = False
                if ok and kind == "count" and c2.kind == "count" and word == "to" and not (
                        c2.value > c.value):
                    ok = False
                if ok:
                    second = c2
        if second is not None:
            if kind == "count" and second.kind != "count":
                kind, unit = second.kind, second.unit
            if second.mult > 1 and c.mult == 1:
                lo *= second.mult   # "1 to 2 million", "$1-2bn"
            lo, hi, end = min(lo, second.value), max(lo, second.value), second.end
            pos = max(pos, end)
        if end < n and (text[end].isalnum() or _HYPHEN_WORD.match(text, end)):
            continue   # glued label or ordinal ("60th", "G7"), adjectival compound ("one-off")
        if _blocked(time_spans, c.num_start, end):
            continue
        start = c.start
        qualifier = None
        bm = _BETWEEN.search(before) if second is not None else None
        if bm:
            start = c.start - (len(before) - bm.start())
        else:
            qm = _QUAL.search(before)
            if qm:
                qualifier = " ".join(qm.group(1).lower().split())
                start = c.start - (len(before) - qm.start(1))
        bare = kind == "count" and not c.vague
        if bare:
            if c.is_year and second is None:
                nxt = doc.char_span(c.start, c.end, alignment_mode="expand") if doc is not None else None
                if not (nxt is not None and nxt.end < len(doc) and doc[nxt.end].tag_ == "NNS"):
                    continue
            if (_AGE_BEFORE.search(before) or _AGE_AFTER.match(text, end) or _LABEL.search(before)
                    or _GALLERY_AFTER.match(text, end) or _GALLERY_BEFORE.search(before)
                    or _ADDRESS.match(text, end) or _CLOCK.match(text, end)):
                continue
            if _PHONE.match(text, c.num_start) or (m.group("num") and m.group("num")[0] == "0"
                                                   and len(m.group("num")) >= 3 and "." not in m.group("num")):
                continue
            if second is not None and sep.group("dash") and hi <= 200 and lo == int(lo) and hi == int(hi):
                # "5-1", "6-3 6-1": a score unless a plural noun follows ("10-15 people")
                tj = _tokens(doc, c.num_start, end) if doc is not None else (0, 0)
                if not (doc is not None and tj[1] < len(doc) and doc[tj[1]].tag_ == "NNS"):
                    continue
        i, j = _tokens(doc, c.num_start, end) if doc is not None else (0, 0)
        noun = None
        if doc is not None and i < j:
            first = doc[i]
            if bare and first.ent_type_ in _NAME_ENTS:
                continue
            if bare and m.group("words") and first.text[0].isupper() and not first.is_sent_start \
                    and j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[0].isupper():
                continue   # "the Six Nations", "League One"
            if bare and i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start \
                    and not (j < len(doc) and doc[j].tag_ in ("NNS", "NNPS")):
                continue   # "Radio 1", "Firefox 1.0", "BWV 216"
            if bare and m.group("words") and first.lower_ == "one" and end - c.num_start == 3:
                nxt = text[end:end + 4].lower()
                keep = first.dep_ == "nummod" or (j < len(doc) and doc[j].pos_ == "ADV") \
                    or first.head.lemma_ in _CASUALTY_VERBS
                if not keep or nxt.startswith(" of ") or (i > 0 and doc[i - 1].lower_ in (
                        "the", "this", "that", "no", "any", "every", "each", "which", "no-")):
                    continue
            found = _noun(doc, i, j, bool(c.vague))
            if found is not None:
                if found[3].lemma_.lower() in TIME_UNITS or found[3].lower_ in TIME_UNITS:
                    if kind in ("count", "measure"):
                        continue   # a duration: "three months", "83 minutes"
                    found = None
                elif kind == "count":
                    noun = found[:3]
        elif bare and m.group("words") and text[c.num_start:end].lower() == "one":
            continue
        if kind == "count" and noun is None and _TIME_WORD_AFTER.match(text, end):
            continue
        if kind == "count" and _SCALE_BEFORE.search(text, max(0, c.num_start - 24), c.num_start):
            # "magnitude 6.1", "a 7.2-magnitude quake", "category 4", "level 3": a reading on a scale
            kind, unit, noun = "measure", _SCALE_BEFORE.search(text, max(0, c.num_start - 24),
                                                              c.num_start).group(1).lower(), None
        out.append(Hit(start, end, lo, lo, hi, unit, kind, qualifier, c.vague, noun, c.num_start, (i, j)))
    return out


_TIME_WORD_AFTER = re.compile(r"\s+(?:" + "|".join(sorted({w + "s" for w in TIME_UNITS} | set(TIME_UNITS),
                                                          key=len, reverse=True)) + r")\b", re.IGNORECASE)
