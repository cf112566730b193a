"""Who acted, against whom, and who reported it, read from the parse of a sentence.

* ``actor1``: the subject of the trigger verb (``two suicide bombers attacked``), the
  agent of a passive (``conducted by the coalition``), or the subject of an active
  casualty verb (``a gunman killed``);
* ``actor2``: the other side in a battle (``clashed with X``, ``fighting between X and Y``);
* ``target``: the object of the trigger verb (``attacked a celebration ...``) or the
  victims of a casualty statement (``civilians``);
* ``reported_by``: the subject and verb of a reporting clause (``a monitor said``,
  ``Iraqi officials said``, ``said police``) or ``according to X``.

Every span is cut at the sentence and at a place or time phrase that only says where or
when (``a wedding north of Baghdad`` keeps ``a wedding``).
"""

from __future__ import annotations

import re

__all__ = ["actor_spans", "reported_by", "np_span"]

_REPORT = frozenset({"say", "tell", "report", "announce", "confirm", "state", "add", "claim"})
_SOURCES = frozenset({"police", "authorities", "officials", "official", "monitor", "observatory", "sheriff",
                      "spokesman", "spokeswoman", "spokesperson", "ministry", "agency", "officers",
                      "witnesses", "residents", "media", "sources", "source", "army", "military"})
_CUT = re.compile(r"\s+(?:(?:north|south|east|west|northern|southern|eastern|western)\S*\s+of\b|"
                  r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")


def np_span(tok, offset: int, text: str, limit: tuple[int, int] | None = None, clauses: bool = False) -> dict:
    """``{"start", "end", "text"}`` of the noun phrase headed by ``tok`` (without its
    clauses, unless ``clauses``)."""
    s = tok.left_edge.idx + offset
    right = tok.right_edge
    keep = clauses
    clauses = [c for c in tok.children if c.dep_ in ("acl", "relcl", "advcl") and c.i > tok.i]
    if clauses and not keep:
        right = tok.doc[clauses[0].left_edge.i - 1]
    e = right.idx + len(right) + offset
    while right.i > tok.i and right.is_punct:
        right = right.doc[right.i - 1]
        e = right.idx + len(right) + offset
    if limit:
        s, e = max(s, limit[0]), min(e, limit[1])
    m = _CUT.search(text, s, e)
    if m and m.start() > tok.idx + offset:
        e = m.start()
    return {"start": s, "end": e, "text": text[s:e]}


def _entity_at(entities, start: int, end: int) -> str | None:
    for ent in entities:
        for m in ent.mentions:
            if start <= m.start and m.end <= end:
                return ent.id
    return None


def _with_entity(span: dict | None, entities) -> dict | None:
    if span is None:
        return None
    return span | {"entity": _entity_at(entities, span["start"], span["end"])}


def _token_at(sent, offset: int, start: int):
    for t in sent:
        if t.idx + offset <= start < t.idx + offset + len(t):
            return t
    return None


def actor_spans(sent, offset: int, text: str, trigger: tuple[int, int] | None,
                victim_span: dict | None, entities) -> tuple[dict | None, dict | None, dict | None]:
    """``(actor1, actor2, target)`` for a sentence with a trigger at article offsets ``trigger``."""
    actor1 = actor2 = target = None
    tok = _token_at(sent, offset, trigger[0]) if trigger else None
    if tok is not None:
        head = tok
        # a noun trigger ("Strikes ... killed", "suicide bombers attacked") acts through its verb
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "compound"):
            if head.dep_ == "compound":
                head = head.head
            if head.dep_ == "nsubj":
                subj = head
                actor1 = np_span(subj, offset, text) if subj.lemma_.lower() in (
                    "bomber", "gunman", "militant", "attacker", "shooter", "fighter") else None
                head = head.head
        for c in head.children:
            if actor1 is None and c.dep_ == "nsubj" and c.lower_ not in ("who", "that", "which") and c.i != tok.i:
                actor1 = np_span(c, offset, text)
            elif c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        actor1 = np_span(g, offset, text)
            elif c.dep_ == "dobj" and target is None:
                target = np_span(c, offset, text, clauses=True)
            elif c.dep_ == "prep" and c.lower_ in ("with", "against") and head.lemma_.lower() in (
                    "clash", "fight", "battle", "engage"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        actor2 = np_span(g, offset, text)
        if actor1 is None:                             # "Strikes ... conducted by the coalition"
            for t in sent:
                if t.dep_ == "agent" and abs(t.i - tok.i) <= 20:
                    pobj = [g for g in t.children if g.dep_ == "pobj"]
                    if pobj:
                        actor1 = np_span(pobj[0], offset, text)
                        break
        if actor1 and actor1["start"] <= tok.idx + offset < actor1["end"] and tok.pos_ != "NOUN":
            actor1 = None
    if target is None and victim_span is not None:
        target = victim_span
    return (_with_entity(actor1, entities), _with_entity(actor2, entities), _with_entity(target, entities))


def reported_by(sent, offset: int, text: str, cue_at: int | None = None) -> dict | None:
    """The reporting clause of the sentence (``a monitor said``), or None."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = [g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"]
            if pobj:
                s = t.idx + offset
                e = pobj[0].right_edge.idx + len(pobj[0].right_edge) + offset
                return {"start": s, "end": e, "text": text[s:e]}
    for t in sent:
        if t.lemma_.lower() not in _REPORT or t.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        if not subj or subj[0].lower_ in ("he", "she", "it", "they", "who", "i", "we", "you"):
            continue
        if cue_at is not None and subj[0].left_edge.idx + offset <= cue_at <= subj[0].right_edge.idx + offset:
            continue
        sub = subj[0]
        if sub.lemma_.lower() not in _SOURCES and sub.ent_type_ not in ("ORG", "PERSON", "NORP") \
                and not any(g.lemma_.lower() in _SOURCES for g in sub.subtree):
            continue
        if sub.i < t.i:
            s, e = sub.left_edge.idx + offset, t.idx + len(t) + offset
        else:
            s, e = t.idx + offset, sub.right_edge.idx + len(sub.right_edge) + offset
        if e - s > 120:
            continue
        return {"start": s, "end": e, "text": text[s:e]}
    return None
