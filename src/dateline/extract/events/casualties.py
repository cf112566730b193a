"""Casualty statements: who was killed, hurt or shot in one sentence, and how many.

    "At least 26 people were killed"            killed  26  (qualifier "at least")
    "killing at least 23 civilians"             killed  23
    "Five people were injured in a shooting"    injured  5
    "a man was shot and killed"                 killed   1 (and shot 1)
    "a 15-year-old boy was shot in the leg"     shot     1 (read as injured unless he died)
    "Three people were shot, two of them fatally"   shot 3, killed 2
    "2 dead, 3 injured"                         killed 2, injured 3
    "No one was hurt"                           injured  0
    "Among the dead were eight children"        killed   8, subset (not added to a total)

Each statement is read from the dependency parse of the sentence: the cue (kill, die, dead,
wound, injure, hurt, shoot, fatally...) and its victims (the passive subject, the object,
the noun a participle modifies), whose count is read from the noun phrase: a number (from
``article.quantities`` when given, else :func:`~dateline.extract.quantities.numbers.parse_number`),
a singular person noun or pronoun (1), ``no one`` (0), a coordinated list (summed).
A few headline shapes the parser gets wrong ("2 dead, 3 injured in Newark shooting") are
read by pattern. ``shot`` is kept apart from ``injured``: whether a person who was shot
survived is decided per incident (:mod:`.build`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..quantities.numbers import NUMBER_WORDS, parse_number
from .counting import NUMBERISH, QUALIFIERS, count_np, is_person, own_count

__all__ = ["Casualty", "find_casualties", "QUALIFIERS"]

KILL = frozenset({"kill", "murder", "slay", "execute", "massacre"})
INJURE = frozenset({"wound", "injure", "hurt", "maim", "injured", "wounded"})
SHOOT = frozenset({"shoot", "gun", "strike", "graze"})
DIE = frozenset({"die", "perish", "succumb"})
DEATH_NOUNS = frozenset({"death", "fatality", "dead", "killing"})
INJURY_NOUNS = frozenset({"injury", "injured", "wounded"})

_NUM_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d[\d,]*|(?:{_NUM_WORD})(?:[\s-]+(?:{_NUM_WORD}))?)"
_HEADLINE = re.compile(
    rf"(?<![\w$.-])(?P<qual>(?:at least|more than|over|nearly|about)\s+)?(?P<num>{_NUM})"
    r"\s+(?:(?:people|persons|men|women|teens|children|kids|others|more|victims|officers|[a-z]+s)\s+)?"
    r"(?P<cue>dead|killed|slain|injured|wounded|hurt|shot)\b(?!\s+(?:by|in the|with)\s+(?:police|officers))",
    re.I)
_SEVERITY = re.compile(r"\b(?:critically|seriously|fatally|mortally|gravely|badly|slightly)\b", re.I)
_ADDITIVE = frozenset({"another", "additional"})
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}


@dataclass(slots=True)
class Casualty:
    """One statement of people killed, injured or shot (``kind``), in article offsets."""

    kind: str                      # killed | injured | shot
    min: int
    max: int
    qualifier: str | None
    vague: str | None
    start: int
    end: int
    text: str
    subset: bool = False           # "including eight children": part of a total given elsewhere
    additive: bool = False         # "another man was shot", "three were also wounded"
    total: bool = False            # an ordinal total: "a fifth person had also been shot"
    cue: int = -1                  # article offset of the cue word
    victim: tuple[int, int] | None = None   # the victims' noun phrase, article offsets
    cause: tuple[int, int] | None = None    # "The bombings ... wounded 25": the event noun that acted

    def to_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "qualifier": self.qualifier, "vague": self.vague,
                "start": self.start, "end": self.end, "text": self.text}


# ---------------------------------------------------------------- counting a noun phrase

_CUE_WORDS = frozenset(w for w in """
kill killed kills killing slay slain slew slaying murder murdered murdering execute executed massacred
wound wounded wounding wounds injure injured injuring injures hurt hurting maim maimed
shoot shot shoots shooting gunned gun strike struck striking graze grazed die died dies dying
perish perished succumb succumbed dead survive survived survives surviving
""".split())


def _kind(tok) -> str | None:
    low = tok.lower_
    if low not in _CUE_WORDS:
        return None
    lem = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        if lem in KILL or low in ("killed", "slain"):
            return "killed"
        if lem in INJURE:
            return "injured"
        if lem in DIE:
            return "killed"
        if lem in SHOOT or low in ("shot", "gunned"):
            if lem == "strike" and not any(t.lower_ in ("bullet", "gunfire", "round", "shot", "bullets")
                                          for t in tok.sent):
                return None
            return "shot"
        if lem == "survive":
            return "injured"
        return None
    if low in ("dead",) and tok.pos_ in ("ADJ", "NOUN"):
        return "killed"
    if low in ("killed", "slain"):
        return "killed"
    if low in ("injured", "wounded", "hurt"):
        return "injured"
    if low == "shot" and tok.pos_ != "NOUN":
        return "shot"
    return None


def _modifiers(tok) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("advmod", "acomp", "prep", "oprd", "npadvmod", "xcomp")}


def _refine(kind: str, tok) -> str:
    """``shot`` becomes ``killed`` with fatally/dead/to death/and killed; ``injured`` with wounded."""
    if kind != "shot":
        return kind
    mods = _modifiers(tok)
    if mods & {"fatally", "mortally", "dead"}:
        return "killed"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return "killed"
        if c.dep_ == "conj" and _kind(c) in ("killed", "injured") and c.i > tok.i:
            return _kind(c)
    if tok.dep_ == "conj" and _kind(tok.head) in ("killed", "injured"):
        return _kind(tok.head)
    return kind


def _victims(tok):
    """The noun heads of the victims of the cue ``tok`` (empty when not found)."""
    subj = [c for c in tok.children if c.dep_ in ("nsubjpass",)]
    if subj and subj[0].lower_ in ("who", "that") and tok.dep_ == "relcl":
        return [tok.head] if is_person(tok.head) or tok.head.like_num else []
    if subj:
        return subj
    if tok.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "dobj") for c in tok.children):
        return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    passive = any(c.dep_ == "auxpass" for c in tok.children) or tok.tag_ == "VBN"
    if tok.lemma_.lower() in DIE or tok.lower_ in ("dead", "survived", "survive"):
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj:
            return subj
        if tok.dep_ in ("acomp", "oprd", "attr"):            # "X was found dead", "left two people dead"
            head = tok.head
            got = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != tok.i]
            if tok.dep_ == "oprd":
                got = [c for c in head.children if c.dep_ == "dobj"] or got
            return got
        if tok.dep_ == "relcl":
            return [tok.head]
    obj = [c for c in tok.children if c.dep_ == "dobj"]
    if obj:
        return obj
    if tok.dep_ == "relcl" and any(c.dep_ in ("nsubjpass",) or c.lower_ in ("who", "that") for c in tok.children):
        return [tok.head]
    if tok.dep_ == "relcl" and passive:
        return [tok.head]
    if tok.dep_ in ("acl", "amod") and passive:                # "people killed in", "three wounded"
        return [tok.head]
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):   # "shot and killed": the first verb's subject
        return _victims(tok.head) if not any(c.dep_ == "nsubj" for c in tok.children) else []
    if tok.dep_ == "appos" or tok.dep_ == "ROOT":
        nums = [c for c in tok.children if c.dep_ in ("nummod",)]
        if nums:
            return nums
    return []


_IRREALIS = frozenset({"threaten", "try", "want", "plan", "mean", "vow", "attempt", "intend", "seek", "fear",
                       "could", "would", "might", "may", "will", "should", "must", "if"})


def _irrealis(tok) -> bool:
    """"did not mean to hurt him", "threatened to kill", "could have died": no casualty."""
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.dep_ in ("aux", "mark") and c.lower_ in _IRREALIS for c in t.children):
            return True
        if t.dep_ in ("xcomp", "conj") and t.head is not t:
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in _IRREALIS:
                return True
            t = t.head
            continue
        break
    return False


def _subset(tok, victim) -> bool:
    for t in (victim, *victim.ancestors):
        if t.lower_ in ("including", "among") or t.lemma_ == "include":
            return True
        if t.i == tok.i:
            break
    for t in tok.ancestors:
        if t.lower_ in ("including", "among"):
            return True
    return any(c.lower_ == "among" for c in tok.children) or (
        tok.dep_ == "pobj" and tok.head.lower_ == "among")


def _span(offset: int, victims, cue) -> tuple[int, int]:
    lo = min([v.left_edge.idx for v in victims] + [cue.idx])
    hi = max([v.right_edge.idx + len(v.right_edge) if v.i > cue.i else v.idx + len(v) for v in victims]
             + [cue.idx + len(cue)])
    return lo + offset, hi + offset


def find_casualties(sent, offset: int, text: str, quantities: list[dict] | None = None) -> list[Casualty]:
    """Casualty statements in the spaCy sentence ``sent`` whose doc starts at ``offset`` of ``text``."""
    quantities = quantities or []
    out: list[Casualty] = []
    seen: set[tuple[int, str]] = set()
    for tok in sent:
        kind = _kind(tok)
        if kind is None:
            if tok.lower_ in ("fatally", "mortally") and tok.head.i != tok.i:     # "one fatally"
                head = tok.head
                prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
                if not (head.like_num or head.lower_ in NUMBERISH) and prev is not None \
                        and (prev.like_num or prev.lower_ in NUMBERISH) and prev.head.i == head.i:
                    head = prev                     # "four teens, one fatally, were shot": fatally on "teens"
                if head.like_num or head.lower_ in NUMBERISH:
                    c = _statement("killed", tok, [head], sent, offset, text, quantities)
                    if c:
                        out.append(c)
            elif tok.lemma_.lower() in DEATH_NOUNS | INJURY_NOUNS and tok.pos_ == "NOUN":
                nums = [c for c in tok.children if c.dep_ == "nummod"]
                if nums and not _SEVERITY.search(sent.text):
                    k = "killed" if tok.lemma_.lower() in DEATH_NOUNS else "injured"
                    c = _statement(k, tok, [tok], sent, offset, text, quantities)
                    if c:
                        out.append(c)
            continue
        if _irrealis(tok):
            continue
        kind = _refine(kind, tok)
        victims = _victims(tok)
        if not victims:
            continue
        if kind == "killed" and _kind(tok) == "shot" and len(victims) == 1:
            others = [c for c in victims[0].children if c.dep_ == "conj" and c.lemma_.lower() in ("other", "others")]
            if others:                              # "fatally shot a man and three others"
                c = _statement("shot", tok, victims, sent, offset, text, quantities)
                if c is not None:
                    out.append(c)
                head = victims[0]
                own = own_count(head, offset, quantities)
                if own is not None:
                    s, e = head.left_edge.idx + offset, head.idx + len(head) + offset
                    out.append(Casualty("killed", own[0], own[1], own[2], own[3], min(s, tok.idx + offset),
                                        max(e, tok.idx + len(tok) + offset),
                                        text[min(s, tok.idx + offset):max(e, tok.idx + len(tok) + offset)],
                                        cue=tok.idx + offset, victim=(s, e)))
                    seen.add((tok.idx + offset, "killed"))
                continue
        c = _statement(kind, tok, victims, sent, offset, text, quantities)
        if c is not None and (c.cue, c.kind) not in seen:
            seen.add((c.cue, c.kind))
            out.append(c)
    out += _headline(sent, offset, text, {c.cue for c in out})
    return out


def _statement(kind, tok, victims, sent, offset, text, quantities) -> Casualty | None:
    total = [0, 0]
    qual = vague = None
    known = False
    for v in victims:
        if v.dep_ == "nsubjpass" and v.lower_ in ("who", "that"):
            continue
        if kind == "shot" and not (is_person(v) or v.like_num or v.pos_ in ("PRON", "PROPN")
                                   or v.lower_ in NUMBERISH):
            continue                                  # "shot down the asking price", "shot the car"
        got = count_np(v, offset, quantities)
        if got is None:
            continue
        total = [total[0] + got[0], total[1] + got[1]]
        qual, vague, known = qual or got[2], vague or got[3], True
    if not known:
        return None
    if total[0] == 0 and kind != "shot" and any(c.lower_ in ("critically", "seriously", "life") for c in tok.subtree):
        return None                                       # "none were critically injured": severity
    lo, hi = _span(offset, victims, tok)
    words = {t.lower_ for v in victims for t in v.subtree} | {c.lower_ for c in tok.children}
    additive = bool(words & _ADDITIVE) and total[0] > 0
    heads = [v for v in victims if v.dep_ != "nsubjpass" or v.lower_ not in ("who", "that")]
    if kind == "killed" and len(heads) == 1 and heads[0].lower_ in ("himself", "herself"):
        additive = True                               # "... then killed himself": one more death
    ordinal = next((_ORDINALS[t.lower_] for v in victims for t in v.children
                    if t.lower_ in _ORDINALS and t.dep_ == "amod"
                    and any(d.lower_ in ("a", "an") and d.dep_ == "det" for d in v.children)), None)
    vs = min(v.left_edge.idx for v in heads) + offset
    ve = max((v.right_edge.idx + len(v.right_edge)) if v.right_edge.i < tok.i or v.i > tok.i
             else v.idx + len(v) for v in heads) + offset
    if vs <= tok.idx + offset < ve:                   # the phrase spans its own verb: keep the heads
        ve = max(v.idx + len(v) for v in heads) + offset
    cause = next(((c.idx + offset, c.idx + len(c) + offset) for c in tok.children
                  if c.dep_ == "nsubj" and c.pos_ == "NOUN" and not is_person(c)), None)
    c = Casualty(kind, total[0], total[1], qual, vague, lo, hi, text[lo:hi],
                 subset=any(_subset(tok, v) for v in victims), additive=additive and ordinal is None,
                 cue=tok.idx + offset, victim=(vs, ve), cause=cause)
    if ordinal and kind in ("shot", "injured", "killed"):
        c.min = c.max = ordinal
        c.total = True
    return c


def _headline(sent, offset: int, text: str, cues: set[int]) -> list[Casualty]:
    """Counts the parser misses in terse headline shapes: "2 dead, 3 injured"."""
    out = []
    for m in _HEADLINE.finditer(sent.text):
        cue_at = sent.start_char + m.start("cue") + offset
        if cue_at in cues:
            continue
        value = parse_number(m.group("num"))
        if value is None or value > 10_000:
            continue
        cue = m.group("cue").lower()
        kind = {"dead": "killed", "killed": "killed", "slain": "killed", "shot": "shot"}.get(cue, "injured")
        s = sent.start_char + m.start("num") + offset
        if m.group("qual"):
            s = sent.start_char + m.start("qual") + offset
        e = sent.start_char + m.end("cue") + offset
        qual = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
        before = sent.text[:m.start()].lower()
        out.append(Casualty(kind, int(value), int(value), qual, None, s, e, text[s:e],
                            subset=bool(re.search(r"\b(?:including|among)\s*$", before)), cue=cue_at))
    return out
