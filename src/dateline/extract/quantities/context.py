"""What a quantity is about: its time, its change, and what it measures.

* **time**: the nearest DATE/TIME/SET time expression of the same sentence (nearest by
  characters; on a tie the one after the quantity), as ``{start, end, text, value}``.
* **change**: "up from $12.2 billion" / "down from X" / "to $11.1bn from $10.9bn" give a
  change whose ``from`` is the earlier figure; "from 160 to 312" gives the second figure a
  change from the first (direction by comparing values); a percentage governed by a verb
  of change ("jumped 76%", "fell by 3%") gets ``{"direction", "from": None, "text": verb}``.
* **measure**: "17 percent of the country's GDP" -> "the country's GDP"; "$15.6 billion in
  private funding" -> "private funding"; else the subject of a verb of change ("sales rose
  2%" -> "sales").
"""

from __future__ import annotations

import re

__all__ = ["attach_context", "UP_VERBS", "DOWN_VERBS"]

UP_VERBS = frozenset({"rise", "jump", "grow", "increase", "climb", "surge", "soar", "gain", "double",
                      "triple", "treble", "rocket", "rebound", "expand", "up"})
DOWN_VERBS = frozenset({"fall", "drop", "decline", "decrease", "slump", "plunge", "slide", "sink",
                        "shrink", "tumble", "halve", "cut", "lose", "dip", "slip", "contract", "down"})
_UP_FROM = re.compile(r",?\s*(?:(up|down)\s+)?from\s+$", re.IGNORECASE)
_UP_FROM_LATE = re.compile(r",\s*(up|down)\s+from\s+$", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)
_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
_OF = re.compile(r"\s+(of|in)\s+", re.IGNORECASE)
_DETS = ("the ", "a ", "an ", "its ", "their ", "his ", "her ")


def _num(q: dict) -> dict:
    return {"start": q["start"], "end": q["end"], "text": q["text"], "value": q["value"], "unit": q["unit"]}


def _direction(new: float, old: float) -> str | None:
    return "up" if new > old else "down" if new < old else None


def _verb_change(tok) -> tuple[str, object] | None:
    """(direction, verb token) when ``tok`` is the amount of a verb of change."""
    head = tok.head
    if head.dep_ == "prep" and head.lower_ == "by":
        head = head.head
    if head.pos_ not in ("VERB", "AUX", "ADV", "ADP"):
        return None
    lemma = head.lemma_.lower()
    if lemma in UP_VERBS:
        return "up", head
    if lemma in DOWN_VERBS:
        return "down", head
    return None


def _chunk_text(doc, offset: int, char: int, text: str) -> dict | None:
    """The noun chunk starting at block-local ``char``, as an article span."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    for chunk in _chunks(doc):
        if chunk.start <= tok.i < chunk.end:
            if chunk.root.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "CARDINAL", "MONEY", "PERCENT"):
                return None
            s, e = max(chunk.start_char, char), chunk.end_char
            return {"start": s + offset, "end": e + offset, "text": text[s + offset:e + offset]}
    return None


def _chunks(doc):
    cached = doc.user_data.get("dateline_chunks")
    if cached is None:
        cached = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
        doc.user_data["dateline_chunks"] = cached
    return cached


def attach_context(quantities: list[dict], cores: list, doc, offset: int, text: str,
                   times: list[dict]) -> None:
    """Fill ``time``, ``change`` and ``measure`` of the block's ``quantities`` in place.

    ``cores`` are the finder's hits (token ranges), ``doc`` the block's spaCy Doc or None,
    ``offset`` the block's start in ``text`` (the article text), ``times`` the article's times.
    """
    for k, q in enumerate(quantities):
        s, e = q["sentence"]["start"], q["sentence"]["end"]
        q["time"] = _time(q, times, s, e)
        prev = quantities[k - 1] if k else None
        change = None
        if prev is not None and prev["sentence"] == q["sentence"]:
            between = text[prev["end"]:q["start"]]
            gap = text[max(s, prev["start"] - 12):prev["start"]]
            # "from 160 to 312": the second figure changes from the first
            if _TO.fullmatch(between) and _FROM.search(gap) and prev["unit"] == q["unit"]:
                fs = prev["start"] - (len(gap) - _FROM.search(gap).start())
                change = {"direction": _direction(q["value"], prev["value"]), "from": _num(prev),
                          "text": text[fs:q["end"]], "start": fs, "end": q["end"]}
            # "$15.6bn ..., up from $12.2bn", "to $11.1bn from $10.9bn": the earlier figure
            um = _UP_FROM.fullmatch(between) if len(between) < 20 else None
            um = um or (_UP_FROM_LATE.search(between) if len(between) < 80 else None)
            if um and prev["unit"] == q["unit"] and prev.get("change") is None:
                d = (um.group(1) or "").lower() or _direction(prev["value"], q["value"])
                cs = prev["end"] + um.start()
                while text[cs] in ", \t\n":
                    cs += 1
                prev["change"] = {"direction": d, "from": _num(q), "text": text[cs:q["end"]],
                                  "start": cs, "end": q["end"]}
        q["change"] = change
        q["measure"] = None
    if doc is None:
        return
    for q, h in zip(quantities, cores):
        i, j = h.tokens
        if i >= j:
            continue
        top = doc[j - 1]
        while i <= top.head.i < j and top.head.i != top.i:
            top = top.head
        if q["change"] is None and q["kind"] in ("percent", "money"):
            vc = _verb_change(top)
            if vc is not None:
                d, verb = vc
                vs = verb.idx + offset
                q["change"] = {"direction": d, "from": None, "text": text[vs:vs + len(verb.text)],
                               "start": vs, "end": vs + len(verb.text)}
        if q["kind"] in ("percent", "money"):
            local_end = q["end"] - offset
            m = _OF.match(doc.text, local_end)
            if m and (m.group(1).lower() == "of") == (q["kind"] == "percent"):
                q["measure"] = _chunk_text(doc, offset, m.end(), text)
                if q["measure"] and q["measure"]["text"].lower().startswith(_DETS) \
                        and q["kind"] == "money":
                    q["measure"] = None
            if q["measure"] is None and q["change"] is not None and q["change"]["from"] is None:
                verb = top.head if top.head.dep_ != "prep" else top.head.head
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    st = subj[0]
                    left = min((c.i for c in st.subtree), default=st.i)
                    a, b = doc[left].idx + offset, st.idx + len(st.text) + offset
                    if b - a < 80:
                        q["measure"] = {"start": a, "end": b, "text": text[a:b]}


def _time(q: dict, times: list[dict], s: int, e: int) -> dict | None:
    best, best_d = None, None
    for t in times:
        if t["start"] < s or t["end"] > e or t.get("type") == "DURATION":
            continue
        d = t["start"] - q["end"] if t["start"] >= q["end"] else (q["start"] - t["end"]) + 0.5
        if d < 0:
            continue
        if best_d is None or d < best_d:
            best, best_d = t, d
    if best is None:
        return None
    return {"start": best["start"], "end": best["end"], "text": best["text"], "value": best.get("value")}
