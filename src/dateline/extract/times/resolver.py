"""Per-document resolution state: the anchor, the tense around an expression, and
what the text last referred to (for "the next day", "the year-earlier quarter").

A :class:`Resolver` lives for one document (one article, one eval record); nothing
is kept between documents.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar import parse_anchor
from .grammar import FUTURE_CUE

__all__ = ["Resolver", "Result"]

#: (type, value, mod) as a normaliser returns it.
Result = tuple[str, str, str | None]

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "prepare",
                 "want", "propose", "slate", "go", "seek", "agree", "vow", "promise", "threaten",
                 "likely", "able", "ready", "plan", "scheduled", "expected"}
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])|\n")
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|said|ago|last|yesterday|\w+ed)\b", re.IGNORECASE)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_CAL = re.compile(r"\d{4}(?:-|$)")


class Resolver:
    """Resolution state of one document anchored at ``anchor`` (an ISO date or
    date-time; ``None`` gives ``X`` placeholders)."""

    def __init__(self, anchor: str | None, day_first: bool = False):
        self.anchor = anchor
        self.dct: date | None = parse_anchor(anchor)
        self.day_first = day_first
        self.last_day: str | None = None
        self.last_quarter: str | None = None
        self.last_year: str | None = None
        self.last_month: str | None = None
        self.text = ""
        self.doc = None
        self.start = self.end = 0
        self._tense: str | None = None

    # ------------------------------------------------------------ current block
    def use(self, text: str, doc=None) -> None:
        """Work on one block of text (with its spaCy Doc when there is one)."""
        self.text, self.doc = text, doc

    def at(self, start: int, end: int) -> None:
        self.start, self.end, self._tense = start, end, None

    def before(self, n: int = 30) -> str:
        return self.text[max(0, self.start - n):self.start]

    def after(self, n: int = 30) -> str:
        return self.text[self.end:self.end + n]

    def remember(self, value: str) -> None:
        """Note a resolved calendar value for later anaphora."""
        if _DAY.match(value):
            self.last_day = value[:10]
        if _QUARTER.fullmatch(value) and (self.dct is None or int(value[:4]) >= self.dct.year - (self.dct.month <= 3)):
            self.last_quarter = value
        if re.match(r"\d{4}-\d\d(?:-|$)", value):
            self.last_month = value[:7]
        if _CAL.match(value) and not value.startswith("X"):
            self.last_year = value[:4]

    # ------------------------------------------------------------ tense
    def tense(self) -> str:
        """``future``, ``past`` or ``present`` for the clause around the current span."""
        if self._tense is None:
            self._tense = self._tense_from_doc() if self.doc is not None else None
            if self._tense is None:
                self._tense = self._tense_from_text()
        return self._tense

    def _tense_from_doc(self) -> str | None:
        span = self.doc.char_span(self.start, self.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span.root
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        for _ in range(3):
            verdict = _verb_tense(tok)
            if verdict:
                return verdict
            if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp") and tok.head is not tok:
                tok = tok.head
                continue
            break
        return "present"

    def _tense_from_text(self) -> str:
        text = self.text
        starts = [m.end() for m in _SENT_END.finditer(text, 0, self.start)]
        lo = starts[-1] if starts else 0
        m = _SENT_END.search(text, self.end)
        hi = m.start() + 1 if m else len(text)
        sentence = text[lo:hi]
        if FUTURE_CUE.search(sentence):
            return "future"
        return "past" if _PAST_CUE.search(sentence) else "present"


def _sets_ahead(tok) -> bool:
    """A "set" that plans ("set to open", "set for Monday"), not one that was done
    ("a record set on Aug. 6")."""
    return any(c.dep_ == "xcomp" or c.lower_ == "for" for c in tok.children)


def _past_frame(tok) -> bool:
    """``tok`` (a plan word: scheduled, due, expected) sits in a past frame: "had been
    scheduled", "had been due", so what was planned may lie before the anchor."""
    for t in (tok, tok.head):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in t.children):
            return True
        if t.head is t:
            break
    return False


def _verb_tense(tok) -> str | None:
    """``future`` (will, going to, expected/scheduled), ``past`` (simple past, perfect),
    ``present`` where the clause does not say (would, infinitives, a past "planned"),
    ``None`` to look at the governing clause."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {c.lower_ for c in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
        return "future"
    if "would" in lowers or "could" in lowers:
        return "present"
    if tok.lemma_ in _FUTURE_HEADS and tok.lemma_ not in ("go", "agree", "want") and not (
            tok.lemma_ == "set" and not _sets_ahead(tok)):
        if tok.tag_ == "VBD" or _past_frame(tok):
            return "present"
        return "future"
    if tok.tag_ == "VB" and "to" in lowers:
        head = tok.head
        if head is not tok and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"             # "is to resume", "are to meet"
        if head is not tok and head.lemma_ in _FUTURE_HEADS and head.tag_ != "VBD" and head.lemma_ != "go":
            return "present" if _past_frame(head) else "future"
        return "present"
    if tok.tag_ in ("VBD",) or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if tok.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in auxes):
        return "past"
    if tok.tag_ == "VBN" and tok.head is not tok and tok.dep_ in ("acl", "relcl"):
        return "past"
    if tok.tag_ == "MD" and tok.lower_ in _FUTURE_AUX:
        return "future"
    return None
