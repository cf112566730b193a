"""Counting the people a noun phrase names: "at least 23 civilians" (23, "at least"),
"his wife, two young children and his mother-in-law" (4), "a 12-year-old" (1), "no one" (0),
"Veondus Dennis and Antwan Wheeler" (2); ``None`` when the phrase does not say how many
("people were shot") or names no people ("shot about 10 times", "the $100 asking price").

Numbers come from ``article.quantities`` when the quantities extractor found them, else from
:func:`~dateline.extract.quantities.numbers.parse_number` (number words are imported from
there, never repeated here).
"""

from __future__ import annotations

import re

from ..quantities.numbers import NUMBER_WORDS, VAGUE, parse_number

__all__ = ["count_np", "own_count", "is_person", "PERSON_NOUNS", "QUALIFIERS", "NUMBERISH"]

PERSON_NOUNS = frozenset("""
man men woman women boy boys girl girls child children kid kids teen teens teenager teenagers
person people persons victim victims officer officers deputy deputies trooper agent agents
suspect suspects gunman gunmen shooter driver passenger student students resident residents
mother father son daughter wife husband brother sister friend friends baby babies toddler
toddlers infant infants civilian civilians soldier soldiers worker workers youth youths
adult adults juvenile juveniles customer customers employee employees clerk guard guards
relative relatives cousin uncle aunt grandmother grandfather girlfriend boyfriend neighbor
neighbour bystander bystanders member members individual individuals fighter fighters
policeman policemen militant militants rebel rebels protester protesters pedestrian
patron patrons occupant occupants homeowner owner classmate teacher sibling siblings
grandson granddaughter nephew niece stepfather stepson mom dad partner roommate
""".split())
_NOT_PEOPLE = frozenset("""
time times round rounds shot shots bullet bullets year years day days hour hours minute minutes week weeks
month months dollar dollars mile miles foot feet block blocks car cars vehicle vehicles house houses home
homes building buildings percent dog dogs animal animals cat cats horse horses cow cows gun guns weapon
weapons round casing casings
""".split())
NUMBERISH = set(NUMBER_WORDS) | {"dozen", "dozens", "hundreds", "thousands", "scores", "several"}
_PRONOUN_ONE = frozenset({"he", "she", "him", "her", "himself", "herself"})
_ZERO = frozenset({"nobody", "none"})
#: qualifiers read before a count, longest first.
QUALIFIERS = ("at least", "more than", "as many as", "up to", "nearly", "almost", "about", "around",
              "approximately", "roughly", "over", "some", "an estimated", "fewer than", "less than",
              "at most")
_QUAL_RE = re.compile(r"\b(" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + r")\s*$", re.I)


def _quantity_at(quantities: list[dict], start: int, end: int) -> dict | None:
    for q in quantities:
        if start <= q["start"] and q["end"] <= end and q.get("unit") in (None, "count"):
            return q
    return None


def _number_of(tok, offset: int, quantities: list[dict]) -> tuple[int, int, str | None, str | None] | None:
    """``(min, max, qualifier, vague)`` for a number token (with its own modifiers)."""
    sub = [tok]
    i = tok.i - 1
    while i >= 0 and tok.i - i <= 5:                  # the number phrase: "at least 23", "two dozen", "a dozen"
        t = tok.doc[i]
        if t.like_num or t.lower_ in NUMBERISH or t.lower_ in ("least", "at", "than", "more", "about", "nearly",
                                                                   "almost", "some", "up", "to", "as", "many",
                                                                   "and", "-", "over", "around", "a"):
            sub.insert(0, t)
            i -= 1
            continue
        break
    while len(sub) > 1 and not (sub[0].like_num or sub[0].lower_ in NUMBERISH) and sub[0].lower_ not in (
            "at", "more", "about", "nearly", "almost", "some", "up", "as", "over", "around", "a"):
        sub = sub[1:]
    left, right = sub[0], tok
    s, e = left.idx + offset, right.idx + len(right) + offset
    q = _quantity_at(quantities, s, e) if quantities else None
    if q is not None and q.get("value") is not None:
        lo = q.get("min") if q.get("min") is not None else q["value"]
        hi = q.get("max") if q.get("max") is not None else q["value"]
        return int(lo), int(hi), q.get("qualifier"), q.get("vague")
    words = [t.text for t in sub if t.like_num or t.lower_ in NUMBERISH or t.lower_ in ("a", "and", "-")]
    while words and words[0].lower() in ("a", "and", "-") and " ".join(words).lower() not in VAGUE:
        words = words[1:]
    text = " ".join(words) if words else tok.text
    value = parse_number(text)
    if value is None:
        return None
    before = tok.doc.text[:left.idx]
    qm = _QUAL_RE.search(before[-20:])
    qual = None
    if qm and qm.group(1).lower() not in ("some",):
        qual = " ".join(qm.group(1).lower().split())
    elif any(t.lower_ in ("least",) for t in sub):
        qual = "at least"
    vague = text.lower() if text.lower() in VAGUE else None
    v = int(value)
    if re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()):
        return None                                   # "2014 Isla Vista killings": a year
    hi = v if qual not in ("up to", "at most", "fewer than", "less than") else v
    return v, hi, qual, vague


def is_person(tok) -> bool:
    low = tok.lower_
    if low in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS or tok.ent_type_ == "PERSON":
        return True
    if low in ("old", "olds") and tok.i >= 2 and tok.doc[tok.i - 2].lower_ in ("year", "years", "month", "week"):
        return True                                  # "a 12-year-old"
    return low.endswith(("-year-old", "-old"))


def own_count(tok, offset: int, quantities: list[dict]):
    """The count of one conjunct: ``(min, max, qualifier, vague)`` or None when unknown."""
    low = tok.lower_
    if low in _ZERO or (low == "one" and any(c.lower_ == "no" for c in tok.children)):
        return 0, 0, None, None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return 0, 0, None, None
    if tok.like_num or low in NUMBERISH:
        if any(c.lower_ in _NOT_PEOPLE for c in tok.children):
            return None                               # "shot about 10 times"
        return _number_of(tok, offset, quantities)
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod") and (c.like_num or c.lower_ in NUMBERISH):
            if low in _NOT_PEOPLE or tok.lemma_.lower() in _NOT_PEOPLE or (
                    c.i > 0 and tok.doc[c.i - 1].text in "$£€¥"):
                return None                           # "shot about 10 times", "killed 3 dogs", "$100 price"
            return _number_of(c, offset, quantities)
    if low == "both":
        return 2, 2, None, None
    if tok.pos_ == "PRON":
        return (1, 1, None, None) if low in _PRONOUN_ONE else None
    if not is_person(tok):
        return None
    if tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ != "PERSON":
        for c in tok.children:                       # "all five", "both victims"
            if c.lower_ == "both":
                return 2, 2, None, None
        return None                                   # "people were shot": how many is not said
    return 1, 1, None, None


def _conjuncts(tok) -> list:
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def count_np(tok, offset: int, quantities: list[dict], names: bool = False):
    """Count of a victim noun phrase headed by ``tok``, conjuncts summed (None: unknown).
    ``names``: a proper name counts as one person (it is listed with people)."""
    total = [0, 0]
    qual = vague = None
    known = False
    if not names and tok.pos_ == "PROPN":
        names = any(is_person(t) for t in _conjuncts(tok))
    own = own_count(tok, offset, quantities)
    if own is None and names and tok.pos_ == "PROPN" and tok.tag_ != "NNPS":
        own = (1, 1, None, None)                      # "Veondus Dennis and Antwan Wheeler"
    if own is not None:
        total = [own[0], own[1]]
        qual, vague, known = own[2], own[3], True
    explicit = own is not None and (tok.like_num or any(c.dep_ == "nummod" for c in tok.children))
    kids = list(tok.children)
    for c in list(kids):                               # "Jacinta Walker, 18, and Aveion Bolden": past the age
        if c.dep_ == "appos" and c.like_num and not explicit:
            kids += [g for g in c.children if g.dep_ == "conj"]
    for c in kids:
        between = tok.doc[min(tok.i, c.i) + 1:max(tok.i, c.i)]
        if any(t.lower_ in ("including", "among", "such") for t in between):
            continue                                  # "four victims, including a 12-year-old boy"
        if c.lower_ in ("himself", "herself") and c.dep_ in ("appos", "conj"):
            total = [total[0] + 1, total[1] + 1]      # "kills 7-year-old daughter, himself"
            known = True
            continue
        if c.dep_ == "conj" or (c.dep_ == "appos" and not explicit and is_person(c)
                                 and any(g.dep_ == "nummod" for g in c.children)):
            sub = count_np(c, offset, quantities, names)
            if sub is not None:
                total = [total[0] + sub[0], total[1] + sub[1]]
                qual = qual or sub[2]
                known = True
    return (total[0], total[1], qual, vague) if known else None


# ---------------------------------------------------------------- cues and their victims
