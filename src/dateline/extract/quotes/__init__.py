"""Quotes with speakers: direct, partial and indirect attributions.

``extract_quotes(article, docs)`` returns one dict per attribution, in text order::

    {"id": "q1", "kind": "direct" | "partial" | "indirect",
     "content": span, "pieces": [span, ...], "also": [span, ...],
     "cue": span + {"lemma"} | None,
     "speaker": {"name", "entity", "description", "role", "affiliation", "span"} | None,
     "addressee": span + {"name", "entity"} | None,
     "confidence": float}

where a span is ``{"start", "end", "text"}`` indexing ``article.text``.

* **direct**: the words inside quote marks, marks excluded. ``pieces`` are the
  quoted stretches (one for a simple quote; several for ``"A," he said, "B."``
  or a quote running over paragraphs); ``content`` covers them all.
* **partial**: a quoted fragment inside reported speech. ``content`` is the whole
  reported clause as attributed (``supporters to make a stand in the city rather
  than “retreating in shame.”``, marks included since they sit inside it) and
  ``pieces`` are the verbatim quoted fragments, marks excluded. So ``pieces`` are
  always the verbatim words, and ``content`` always what the source is reported
  to have said.
* **indirect**: reported speech with no marks (``said Baghdadi had fled``,
  ``according to X``); ``content`` is the clause the cue governs (with a leading
  ``that``), ``pieces`` is ``[content]``.
* ``also``: other places where the same quote appears (a highlight bullet, a
  subhead or the headline repeating a body quote).
* ``speaker.span`` is the source as the attribution itself says it (``he``, ``the
  official``); ``name``/``entity`` give the resolved referent when the text
  supports it (see :mod:`.speakers`). A quote paragraph with no attribution of
  its own continues the speaker of the attribution in the paragraph before; its
  ``cue`` is then None and its ``speaker`` (``span`` included) is that of the
  attribution it continues, as PolNeAR links a continued quote to that source.

The steps: quote marks are scanned per block (:mod:`.marks`); a quote left open at
the end of a paragraph continues only when the next paragraph opens with a mark;
each quote's frame is read from the parse (:mod:`.frames`); reported speech is
found from cue verbs with clausal complements; fragments of one to three words
that no speech cue governs (scare quotes, titles) are dropped; speakers are
resolved in text order. Cost is linear in tokens (no re-parsing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Article
from .context import Context, span
from .frames import Frame, quote_frame, reported_frames, seg_index, subject_of
from .marks import Segment, opens_block, scan
from .speakers import Local, Resolver, local_speaker, _np_start

__all__ = ["extract_quotes"]

MAX_PARAGRAPHS = 12          # a quote never runs over more paragraphs than this
MIN_UNATTRIBUTED_WORDS = 6   # a quote with no cue and no speaker to continue must be this long
_NORM = re.compile(r"[^0-9a-z]+")
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_SENT_BREAK = re.compile("[.!?][\"'\u201d\u2019]*\\s")
_OPENERS = "\"'\u201c\u2018\u00ab`\u201e"
_CLOSERS = "\"'\u201d\u2019\u00bb"


@dataclass(slots=True)
class _Rec:
    kind: str
    pieces: list[tuple[int, int]]
    content: tuple[int, int]
    block: int
    pos: int
    frame: Frame | None = None
    fblock: int = -1
    cue: dict | None = None
    local: Local | None = None
    addressee: dict | None = None
    inherit: Any = None
    also: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    ref: Any = None
    starts_block: bool = False


def extract_quotes(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Quotes of one article; ``docs`` are (offset, spaCy Doc) per block in text order."""
    if not docs:
        return []
    ctx = Context.build(article, docs)
    blocks = ctx.blocks
    segs = [scan(doc.text) for _, _, doc in blocks]
    inside = [seg_index(doc, s) for (_, _, doc), s in zip(blocks, segs)]
    used: list[set[int]] = [set() for _ in blocks]
    recs: list[_Rec] = []
    orphans: list[_Rec] = []
    claimed: set[tuple[int, int]] = set()
    for unit in _units(blocks, segs):
        rec = _quote_rec(ctx, segs, inside, used, unit)
        if rec is None:
            continue
        claimed.update(unit)
        (recs if rec.frame is not None else orphans).append(rec)
    for bi, (_, off, doc) in enumerate(blocks):
        for fr in reported_frames(doc, inside[bi], used[bi]):
            cs, ce = fr.clause[0] + off, fr.clause[1] + off
            if any(_overlaps((cs, ce), r.content) or r.content[0] <= off + fr.cue.idx < r.content[1]
                   for r in recs):
                continue
            held = [o for o in orphans if o.block == bi and cs <= o.pieces[0][0] and o.pieces[-1][1] <= ce]
            rec = _Rec("partial" if held else "indirect", [p for o in held for p in o.pieces] or [(cs, ce)],
                       (cs, ce), bi, off + fr.cue.idx, fr, bi)
            orphans = [o for o in orphans if o not in held]
            _fill(ctx, rec, fr, off)
            recs.append(rec)
    recs.sort(key=lambda r: r.content[0])
    _place_orphans(ctx, recs, orphans)
    recs = _merge_repeats(ctx, recs)
    _resolve(ctx, recs, inside)
    return [_out(ctx, r, n) for n, r in enumerate(sorted(recs, key=lambda r: r.content[0]), 1)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _units(blocks, segs) -> list[list[tuple[int, int]]]:
    """Quoted segments grouped into quotes: a paragraph left open continues into the
    next one only if that paragraph opens with a quotation mark."""
    units: list[list[tuple[int, int]]] = []
    carry: list[tuple[int, int]] | None = None
    for bi, (kind, _, doc) in enumerate(blocks):
        for k, seg in enumerate(segs[bi]):
            if carry is not None and k == 0 and seg.open == len(doc.text) - len(doc.text.lstrip()):
                carry.append((bi, k))
                unit = carry
            else:
                unit = [(bi, k)]
                units.append(unit)
            carry = None
            if (not seg.closed and k == len(segs[bi]) - 1 and kind == "paragraph"
                    and len(unit) < MAX_PARAGRAPHS and bi + 1 < len(blocks)
                    and blocks[bi + 1][0] == "paragraph" and opens_block(blocks[bi + 1][2].text)):
                carry = unit
        if not segs[bi]:
            carry = None
    return units


def _quote_rec(ctx, segs, inside, used, unit) -> _Rec | None:
    blocks = ctx.blocks
    pieces = [(blocks[bi][1] + segs[bi][k].start, blocks[bi][1] + segs[bi][k].end) for bi, k in unit]
    bi, k = unit[0]
    frame, fb = quote_frame(blocks[bi][2], segs[bi], k, inside[bi], used[bi]), bi
    if frame is None and len(unit) > 1:
        bi2, k2 = unit[-1]
        frame, fb = quote_frame(blocks[bi2][2], segs[bi2], k2, inside[bi2], used[bi2]), bi2
    if frame is not None and frame.kind == "scare":
        if blocks[bi][0] == "paragraph":
            return None
        frame = None                 # a headline fragment may still repeat a body quote
    off = blocks[fb][1]
    seg0: Segment = segs[bi][k]
    rec = _Rec("direct", pieces, (pieces[0][0], pieces[-1][1]), bi, pieces[0][0],
               closed=all(segs[b][j].closed for b, j in unit[-1:]),
               starts_block=not blocks[bi][2].text[:seg0.open].strip())
    if frame is None:
        return rec
    rec.frame, rec.fblock = frame, fb
    if frame.cue is not None:
        used[fb].add(frame.cue.i)
    if frame.kind == "partial" and len(unit) == 1:
        rec.kind = "partial"
        rec.content = (frame.clause[0] + off, frame.clause[1] + off)
    _fill(ctx, rec, frame, off)
    return rec


def _fill(ctx: Context, rec: _Rec, fr: Frame, off: int) -> None:
    """Cue, source and addressee of a record from its frame (block offset ``off``)."""
    text, doc = ctx.text, ctx.blocks[rec.fblock][2]
    if fr.cue is not None:
        s, e = off + fr.cue.idx, off + fr.cue.idx + len(fr.cue.text)
        lemma = fr.cue.lemma_.lower()
        if fr.cue.lower_ == "according":
            to = next(c for c in fr.cue.children if c.lower_ == "to")
            e, lemma = off + to.idx + len(to.text), "according to"
        rec.cue = dict(span(text, s, e), lemma=lemma)
        rec.pos = s
    elif fr.cue_chars is not None:
        s, e, lemma = fr.cue_chars
        rec.cue = dict(span(text, off + s, off + e), lemma=lemma)
        rec.pos = off + s
    if fr.subject is not None:
        loc = local_speaker(ctx, fr.subject, off, rec.fblock)
        if fr.subject.lower_ in _RELATIVE and fr.cue is not None and fr.cue.dep_ == "relcl":
            loc.relative_to = local_speaker(ctx, fr.cue.head, off, rec.fblock)
        rec.local = loc
    if fr.addressee is not None:
        a = fr.addressee
        s = off + doc[_np_start(a)].idx
        e = off + a.idx + len(a.text)
        m = ctx.mention_at(s, e)
        rec.addressee = dict(span(text, s, e), name=m[3].name if m else None,
                             entity=m[3].id if m else None)


def _place_orphans(ctx: Context, recs: list[_Rec], orphans: list[_Rec]) -> None:
    """Quotes with no cue: the rest of an interrupted quote, a paragraph continuing
    the previous speaker, a quote after a colon, or an unattributed quote."""
    for o in sorted(orphans, key=lambda r: r.content[0]):
        kind = ctx.blocks[o.block][0]
        before = [r for r in recs if r.content[0] < o.content[0]]
        host = _host(ctx, recs, o)
        if host is not None:
            host.pieces = sorted(host.pieces + o.pieces)
            host.content = (min(host.content[0], o.content[0]), max(host.content[1], o.content[1]))
            continue
        prev = [r for r in before if r.block == o.block - 1 or (r.pieces and r.block < o.block <= _last_block(ctx, r))]
        prev = [r for r in prev if r.local is not None or r.inherit is not None]
        if o.starts_block and kind == "paragraph" and prev:
            o.inherit = prev[-1]
            recs.append(o)
            continue
        if o.starts_block and kind == "paragraph" and o.block > 0:
            colon = _colon_frame(ctx, o.block - 1)
            if colon is not None:
                o.frame, o.fblock = colon, o.block - 1
                _fill(ctx, o, colon, ctx.blocks[o.block - 1][1])
                recs.append(o)
                continue
        words = len(ctx.text[o.content[0]:o.content[1]].split())
        if words >= MIN_UNATTRIBUTED_WORDS or (kind != "paragraph" and words >= 3):
            recs.append(o)
    recs.sort(key=lambda r: r.content[0])


def _host(ctx: Context, recs: list[_Rec], o: _Rec) -> _Rec | None:
    """The direct quote that orphan ``o`` is the other half of, in the same block:
    ``"A," he said, "B."`` (the orphan B after the frame, or A before it)."""
    text = ctx.text
    same = [r for r in recs if r.block == o.block and r.frame is not None and r.cue is not None]
    for r in same:
        if r.kind != "direct" and r.content[0] <= o.content[0] and (
                o.content[1] <= r.content[1] or not _SENT_BREAK.search(text, r.content[1], o.content[0])):
            r.kind = "partial"           # another fragment of the same reported clause
            if r.pieces == [r.content]:
                r.pieces = []
            return r
    before = [r for r in same if r.content[1] <= o.content[0] and r.kind != "indirect"]
    if before and not o.starts_block:
        # the nearest direct quote before; a partial quote or quoted title may sit between
        h = next((r for r in reversed(before) if r.kind == "direct"), before[-1])
        gap = text[h.pieces[-1][1]:o.pieces[0][0]]
        between = gap.rstrip().rstrip(_OPENERS).rstrip().rstrip(_CLOSERS)
        if between and between[-1] in ",:.;\u2014" and h.cue["start"] > h.pieces[0][0] \
                and len(gap.split()) <= 40:
            return h
    after = [r for r in same if r.content[0] >= o.content[1]]
    if after:
        h = after[0]
        if o.pieces[-1][1] <= h.cue["start"] < h.pieces[0][0]:
            return h
    return None


def _last_block(ctx: Context, r: _Rec) -> int:
    end = r.content[1]
    return max(i for i, (_, off, _) in enumerate(ctx.blocks) if off <= end)


def _colon_frame(ctx: Context, bi: int) -> Frame | None:
    """``X said:`` (or ``X:``) closing block ``bi``: the frame of the quote after it."""
    doc = ctx.blocks[bi][2]
    if not doc.text.rstrip().endswith(":") or not len(doc):
        return None
    sent = doc[-1].sent
    none: list[int] = [-1] * len(doc)
    for t in reversed(list(sent)):
        if t.pos_ in ("VERB", "AUX") and t.lemma_ != "be":
            subj = subject_of(t, none)
            if subj is not None:
                return Frame(cue=t, subject=subj)
    subj = subject_of(sent.root, none)          # "The minister was blunt:"
    if subj is None:
        return None
    colon = len(doc.text.rstrip()) - 1
    return Frame(cue_chars=(colon, colon + 1, ":"), subject=subj)


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.casefold()).strip()


def _merge_repeats(ctx: Context, recs: list[_Rec]) -> list[_Rec]:
    """A quote in a headline, highlight, subhead or caption that repeats a body
    quote becomes an ``also`` span of the body quote."""
    body = [r for r in recs if ctx.blocks[r.block][0] == "paragraph" and r.kind != "indirect"]
    out = []
    for r in recs:
        if ctx.blocks[r.block][0] == "paragraph" or r.kind == "indirect":
            out.append(r)
            continue
        mine = _norm(" ".join(ctx.text[s:e] for s, e in r.pieces))
        host = None
        for b in body:
            theirs = _norm(" ".join(ctx.text[s:e] for s, e in b.pieces))
            if mine and theirs and len(min(mine, theirs, key=len).split()) >= 3 and (mine in theirs or theirs in mine):
                host = b
                break
        if host is not None:
            host.also += r.pieces
        elif r.frame is not None or len(mine.split()) >= MIN_UNATTRIBUTED_WORDS:
            out.append(r)
    return out


def _resolve(ctx: Context, recs: list[_Rec], inside: list[list[int]]) -> None:
    """Resolve speakers in text order, with person subjects as the salience trail."""
    events: list[tuple[int, int, Any]] = []
    for bi, (_, off, doc) in enumerate(ctx.blocks):
        for t in doc:
            if t.dep_ in ("nsubj", "nsubjpass") and inside[bi][t.i] < 0:
                le, re_ = t.left_edge, t.right_edge
                if re_.i - le.i > 12:
                    le = re_ = t
                found = ctx.mentions_in(off + le.idx, off + re_.idx + len(re_.text))
                m = next((x for x in found if x[3].type == "PERSON"), None)
                if m is not None:
                    events.append((off + t.idx, 0, (bi, m[3], local_speaker(ctx, t, off, bi))))
    for n, r in enumerate(recs):
        events.append((r.pos, 1, r))
    events.sort(key=lambda e: (e[0], e[1]))
    res = Resolver()
    for pos, what, item in events:
        if what == 0:
            res.note_subject(item[1], pos, item[0], item[2])
        elif item.inherit is not None:
            item.ref = item.inherit.ref
            if item.ref is None and item.inherit.local is not None:
                item.local = item.inherit.local
                item.inherit = None
        elif item.local is not None:
            item.ref = res.resolve(item.local)


def _confidence(r: _Rec) -> float:
    base = {"direct": 0.9, "partial": 0.75, "indirect": 0.6}[r.kind]
    if r.frame is None and r.inherit is None:
        base = 0.35
    elif r.inherit is not None:
        base -= 0.15
    elif r.local is not None and r.local.pronoun and r.ref is None:
        base -= 0.2
    elif r.local is None:
        base -= 0.25
    if not r.closed:
        base -= 0.2
    return round(max(0.05, min(1.0, base)), 2)


def _out(ctx: Context, r: _Rec, n: int) -> dict:
    text = ctx.text
    if r.inherit is not None:
        root = r.inherit
        while root.inherit is not None:
            root = root.inherit
        speaker = Resolver.as_speaker(root.local, r.ref if r.ref is not None else root.ref)
    else:
        speaker = Resolver.as_speaker(r.local, r.ref)
    return {
        "id": f"q{n}",
        "kind": r.kind,
        "content": span(text, *r.content),
        "pieces": [span(text, s, e) for s, e in r.pieces],
        "also": [span(text, s, e) for s, e in r.also],
        "cue": r.cue,
        "speaker": speaker,
        "addressee": r.addressee,
        "confidence": _confidence(r),
    }
