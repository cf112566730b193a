"""Attribution frames read from the dependency parse of one block.

A *frame* is the cue (a speech verb, ``according to``, a colon, a dash) with its
source and addressee. :func:`quote_frame` finds the frame of one quoted segment
in the sentences it touches: a cue verb outside the quote marks that governs the
quote in the parse is preferred, else the nearest cue verb. The quote is
*direct* when nothing but the frame (source, cue, addressee, time phrases, a
leading conjunction) stands beside it in its sentence, and *partial* when it is
embedded in reported speech (``urged supporters to ... rather than “retreating
in shame.”``); the content of a partial quote is the reported clause. A cue the
parse gives no subject takes the noun phrase beside it (:func:`adjacent_subject`:
``said retired neurosurgeon Ben Carson``); a quote after a colon takes the subject
of the last verb before it (``as Tom Ridge put it:``).
:func:`reported_frames` finds reported speech without marks: a cue verb with a
clausal complement (``said Baghdadi had fled``), a directive verb with an
object and a to-infinitive, or ``according to X``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import (ATTITUDE_VERBS, CLAUSAL_DEPS, COGNITION_VERBS, CONTENT_PREPS,
                      DIRECT_VERBS, DIRECTIVE_VERBS, SPEECH_VERBS, TO_ADDRESSEE, XCOMP_VERBS)
from .marks import Segment

__all__ = ["Frame", "seg_index", "quote_frame", "reported_frames", "subject_of"]

_LEAD_WORDS = frozenset({"but", "and", "so", "still", "yet", "also", "then", "however",
                         "meanwhile", "now", "later", "instead", "or"})
_FRAME_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent",
                               "prt", "dative", "punct", "cc", "nsubj", "nsubjpass", "dobj"})
_TELL = frozenset({"tell", "inform", "assure", "remind", "warn", "ask", "write", "text", "email"})
_DASH = re.compile(r"[ \t]*[\u2014\u2013][ \t]*(?=[A-Z])")
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})


@dataclass(slots=True)
class Frame:
    """An attribution frame in one block (token objects of that block's Doc)."""

    cue: Any = None                  # token, or None for a colon/dash frame given by chars
    cue_chars: tuple[int, int, str] | None = None   # (start, end, lemma) in block coordinates
    subject: Any = None              # token heading the source phrase
    addressee: Any = None            # token heading the addressee phrase
    kind: str = "direct"
    clause: tuple[int, int] | None = None            # content chars (block) when partial/indirect
    governs: bool = False
    segments: list[int] = field(default_factory=list)


def seg_index(doc, segs: list[Segment]) -> list[int]:
    """For each token of ``doc``, the index of the segment (marks included) it lies in, or -1."""
    out = [-1] * len(doc)
    k = 0
    for t in doc:
        while k < len(segs) and segs[k].close <= t.idx:
            k += 1
        if k < len(segs) and segs[k].open <= t.idx < segs[k].close:
            out[t.i] = k
    return out


def _is_cue(t) -> bool:
    if t.lower_ == "according":
        return any(c.lower_ == "to" for c in t.children)
    return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in DIRECT_VERBS and t.lemma_ != "be"


def subject_of(cue, inside: list[int]):
    """The token heading the cue's source: its subject (inherited by ``saying``,
    ``adding`` and conjoined verbs), or the object of ``according to``."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    t = cue
    for _ in range(3):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "expl")
                     and inside[c.i] < 0 and c.dep_ != "expl"), None)
        if subj is not None:
            return subj
        if t.dep_ in ("advcl", "xcomp", "conj", "pcomp") and t.head.i != t.i:
            t = t.head
            if t.dep_ == "prep" and t.pos_ == "ADP" and t.head.i != t.i:
                t = t.head               # "began by saying", "quoted X as saying"
        else:
            return None
    return None


_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
_NO_INVERSION = frozenset({"tell", "inform", "assure", "remind", "warn"})


def adjacent_subject(cue, first, last, lo: int, inside: list[int]):
    """The source of a cue the parse gives no subject: the noun phrase right after it
    when it follows the quote (``"...," said retired neurosurgeon Ben Carson``), else
    the noun phrase between the quote (or the sentence start) and the cue
    (``"...," Representative Steve Cohen, Democrat of Tennessee, told``)."""
    doc = cue.doc
    if cue.lower_ == "according":
        return None
    if cue.i > last.i and cue.lemma_.lower() not in _NO_INVERSION:
        run = []
        for t in doc[cue.i + 1:]:
            if inside[t.i] >= 0 or not (t.pos_ in _NP_POS or t.dep_ in ("compound", "amod")):
                break
            run.append(t)
        head = _np_head(run[:8])
        if head is not None:
            return head
    start = last.i + 1 if last.i < cue.i else lo
    run = [t for t in doc[start:cue.i] if inside[t.i] < 0 and not t.is_punct and t.pos_ != "ADV"]
    if not run or len(run) > 16:
        return None
    ids = {t.i for t in run}
    heads = [t for t in run if (t.head.i not in ids or t.head.i == t.i)
             and t.pos_ in ("PROPN", "NOUN", "PRON") and not t.ent_type_ in ("DATE", "TIME")]
    if heads:
        return heads[0]
    person = [t for t in run if t.ent_type_ == "PERSON"]
    if person:
        end = next((t for t in person if t.i + 1 >= cue.i or doc[t.i + 1].ent_type_ != "PERSON"
                    or doc[t.i + 1].ent_iob_ == "B"), person[-1])
        return end
    return None


def _addressee(cue, inside: list[int]):
    if cue.lemma_.lower() not in _TELL:
        return None
    return next((c for c in cue.children if c.dep_ in ("dobj", "dative") and inside[c.i] < 0
                 and c.pos_ in ("PROPN", "NOUN", "PRON")), None)


def _frame_tokens(cue, subj, addr) -> set[int]:
    keep = {cue.i}
    for c in cue.children:
        if c.dep_ in _FRAME_CHILD_DEPS and c.dep_ != "dobj":
            keep.update(x.i for x in c.subtree)
    for x in (subj, addr):
        if x is not None:
            keep.update(y.i for y in x.subtree)
    if cue.lower_ == "according":
        keep.update(x.i for x in cue.subtree)
    return keep


def _governs(cue, root) -> tuple[bool, bool]:
    """(cue is an ancestor of root, the path is clausal or root is a verb)."""
    clausal = root.pos_ in ("VERB", "AUX")
    t = root
    for _ in range(40):
        if t.dep_ in CLAUSAL_DEPS:
            clausal = True
        if t.head.i == t.i:
            return False, clausal
        t = t.head
        if t.i == cue.i:
            return True, clausal
    return False, clausal


def _clause(cue, first, inside: list[int], k: int) -> tuple[int, int] | None:
    """Token range (i, j) of the cue's complement holding token ``first``."""
    best = None
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass", "punct", "aux", "neg", "dative", "agent"):
            continue
        if c.left_edge.i <= first.i <= c.right_edge.i:
            best = (c.left_edge.i, c.right_edge.i)
            if c.dep_ == "xcomp":
                obj = next((o for o in cue.children if o.dep_ == "dobj" and o.i < c.i), None)
                if obj is not None:
                    best = (obj.left_edge.i, best[1])
            break
    return best


def quote_frame(doc, segs: list[Segment], k: int, inside: list[int], used: set[int]) -> Frame | None:
    """The frame of segment ``k`` of ``doc`` (see the module docstring), or None when
    no cue is found; a frame of kind ``scare`` marks a short fragment that no speech
    cue governs as a complement (a scare quote or a title, not a quote)."""
    seg = segs[k]
    toks = [t for t in doc if inside[t.i] == k]
    if not toks:
        return None
    first, last = toks[0], toks[-1]
    lo, hi = _region(doc, first.i, last.i, inside)
    roots = [t for t in toks if inside[t.head.i] != k or t.head.i == t.i]
    roots = [t for t in roots if not t.is_punct] or roots
    cands = [t for t in doc[lo:hi] if inside[t.i] < 0 and _is_cue(t) and t.i not in used]
    gov = [(c, _governs(c, roots[0])) for c in cands]
    gov_c = [(c, g) for c, g in gov if g[0]]
    pool = gov_c or [(c, g) for c, g in gov if subject_of(c, inside) is not None]
    if pool:
        cue, (governs, clausal) = min(pool, key=lambda cg: min(abs(cg[0].i - first.i), abs(cg[0].i - last.i)))
        subj = subject_of(cue, inside)
        if subj is None:
            subj = adjacent_subject(cue, first, last, lo, inside)
        addr = _addressee(cue, inside)
        frame = Frame(cue=cue, subject=subj, addressee=addr, governs=governs, segments=[k])
        keep = _frame_tokens(cue, subj, addr)
        if subj is not None and subj.left_edge.i <= first.i <= subj.right_edge.i:
            return Frame(kind="scare")   # a quoted title naming the source ("according to “The Fixers”")
        pre = [t for t in doc[cue.i + 1 if cue.i < first.i else lo:first.i]
               if inside[t.i] < 0 and (t.is_alpha or t.like_num)
               and t.i not in keep and t.lower_ not in _LEAD_WORDS and t.pos_ != "CCONJ"]
        short = len(doc.text[seg.start:seg.end].split()) <= 3
        if pre:
            frame.kind = "partial"
            if short and not (governs and clausal):
                return Frame(kind="scare")   # near a speech verb ("declared its “caliphate”")
            rng = _clause(cue, first, inside, k)
            if rng:
                start, end = doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]])
            else:
                after_cue = [t for t in pre if t.i > cue.i]
                start, end = (after_cue or pre)[0].idx, seg.close
            frame.clause = (min(start, seg.open), max(end, seg.close))
        elif short and not governs:
            return Frame(kind="scare")
        return frame
    before = doc.text[:seg.open].rstrip()
    sent_start = doc[lo].idx
    if before.endswith(":") and len(before) - sent_start <= 200:
        colon = len(before) - 1
        lead = [t for t in doc[lo:first.i] if t.idx < colon and not t.is_punct]
        head = _np_head(lead) if len(before) - sent_start <= 80 else None
        if head is None:                 # "as Tom Ridge put it:", "The report makes it clear:"
            head = _colon_subject(lead, inside)
        if head is not None:
            return Frame(cue_chars=(colon, colon + 1, ":"), subject=head, segments=[k])
    m = _DASH.match(doc.text, seg.close)
    if m:
        after = [t for t in doc[last.i + 1:] if t.idx >= m.end()]
        name = []
        for t in after:
            if t.is_punct and t.text not in ".-'\u2019":
                break
            name.append(t)
        head = _np_head(name[:8])
        if head is not None:
            return Frame(cue_chars=(m.start() + len(m.group()) - len(m.group().lstrip()),
                                    m.end(), "\u2014"), subject=head, segments=[k])
    return None


def _is_stop(t, inside: list[int]) -> bool:
    """Sentence-final punctuation outside quote marks: the parser ends the sentence
    there, or a capitalised word or an opening quotation mark follows."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return inside[t.i] < 0 and t.is_punct and t.text[-1:] in ".!?\u2026" and (
        t.is_sent_end or nxt is not None and (nxt.is_title or inside[nxt.i] >= 0))


def _region(doc, i: int, j: int, inside: list[int]) -> tuple[int, int]:
    """Token range of the sentence(s) around tokens ``i..j``, bounded by sentence-final
    punctuation outside quote marks (spaCy's own splits inside quotes are ignored)."""
    lo = i
    while lo > 0 and not _is_stop(doc[lo - 1], inside):
        lo -= 1
    hi = j + 1
    while hi < len(doc) and not _is_stop(doc[hi], inside):
        hi += 1
    return lo, min(hi + 1, len(doc))


def _colon_subject(toks: list, inside: list[int]):
    """The subject of the last verb (not ``be``) before a colon, outside quote marks."""
    for t in reversed(toks):
        if inside[t.i] < 0 and t.pos_ in ("VERB", "AUX") and t.lemma_ != "be":
            subj = subject_of(t, inside)
            if subj is not None and subj.i < t.i and inside[subj.i] < 0 and subj.i >= toks[0].i:
                return subj
    return None


def _np_head(toks: list):
    """The syntactic head of a short token run (the token whose head lies outside it)."""
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    heads = [t for t in heads if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return heads[-1] if heads else None


def reported_frames(doc, inside: list[int], used: set[int]) -> list[Frame]:
    """Reported speech with no quote marks around it (see the module docstring)."""
    out: list[Frame] = []
    for t in doc:
        if inside[t.i] >= 0 or t.i in used:
            continue
        low = t.lower_
        if low == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            if to is None or not any(c.dep_ == "pobj" for c in to.children):
                continue
            sent = t.sent
            left = (sent.start, t.left_edge.i - 1)
            right = (t.right_edge.i + 1, sent.end - 1)
            rng = left if left[1] - left[0] >= right[1] - right[0] else right
            rng = _strip(doc, *rng)
            if rng is None:
                continue
            out.append(Frame(cue=t, subject=subject_of(t, inside), kind="indirect",
                             clause=(doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]]))))
            continue
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or not (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS
                                    or lemma in ATTITUDE_VERBS):
            continue
        comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
        rng = None
        if comp is not None:
            rng = (comp.left_edge.i, comp.right_edge.i)
            if comp.i > t.i:
                rng = (max(rng[0], t.i + 1), rng[1])
            else:
                rng = (rng[0], min(rng[1], t.i - 1))
        elif lemma in DIRECTIVE_VERBS:
            x = next((c for c in t.children if c.dep_ == "xcomp" and c.i > t.i), None)
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
            if x is not None and obj is not None and obj.i < x.i:
                rng = (obj.left_edge.i, x.right_edge.i)
        if rng is None and lemma in ATTITUDE_VERBS:
            rng = _object(t, lemma)
        if rng is None:
            continue
        rng = _strip(doc, *rng)
        if rng is None or rng[1] - rng[0] < (0 if comp is None else 2):
            continue
        subj = subject_of(t, inside)
        if subj is None and (lemma in COGNITION_VERBS or comp is None):
            continue
        out.append(Frame(cue=t, subject=subj, addressee=_addressee(t, inside), kind="indirect",
                         clause=(doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]]))))
    # no nested attributions: a cue inside another frame's content is part of that content
    return [f for f in out if not any(g is not f and g.clause[0] <= f.cue.idx < g.clause[1]
                                      for g in out)]


def _object(t, lemma: str) -> tuple[int, int] | None:
    """Content of a stance verb: its to-infinitive, object, or prepositional object."""
    kids = [c for c in t.children if c.i > t.i]
    if lemma in XCOMP_VERBS:
        x = next((c for c in kids if c.dep_ == "xcomp"), None)
        if x is not None:
            return x.left_edge.i, x.right_edge.i
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is not None and obj.pos_ != "PRON":
        return obj.left_edge.i, obj.right_edge.i
    prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
                 and not (c.lower_ == "to" and lemma in TO_ADDRESSEE)), None)
    if prep is not None:
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None and pobj.pos_ != "PRON" and pobj.ent_type_ not in _WHEN_WHERE:
            return pobj.left_edge.i, pobj.right_edge.i
    return None


def _strip(doc, i: int, j: int) -> tuple[int, int] | None:
    while i <= j and (doc[i].is_punct and doc[i].text not in "\"\u201c\u2018'" or doc[i].is_space):
        i += 1
    while j >= i and (doc[j].is_punct and doc[j].text not in "\"\u201d\u2019'" or doc[j].is_space):
        j -= 1
    return (i, j) if i <= j else None
