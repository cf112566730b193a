"""Speakers: the source noun phrase of an attribution, and what it refers to.

:func:`local_speaker` reads the source mention from the parse: the subject of the
cue verb (``he``, ``the official``, ``Prime Minister Benjamin Netanyahu``), the
object of ``according to``, or a name after a dash. It gives

* ``span``: the mention as written: a named entity inside the subject phrase
  (a PERSON first), else the noun phrase up to its head (``a US defense official``);
* ``description``: the whole subject phrase without relative clauses
  (``Abdulrazzaq Ahmed, a 25-year-old civil servant``);
* ``role``: the title before a name (``Prime Minister``, ``IIA director``), else the
  apposition (``head of Caveret Ventures``), else for unnamed people the head noun
  with its compounds (``defense official``);
* ``affiliation``: the canonical name of an organisation (else place) named in the
  description other than the speaker (``IIA`` -> ``Israel Innovation Authority``).

:class:`Resolver` then links local mentions to referents in text order:
names by entity; ``he``/``she`` to the most recent person that was a speaker or a
subject (within three paragraphs); ``they``/``we`` to the most recent plural or
organisation speaker; a definite description (``the official``) to the latest
referent with the same head noun whose modifiers include its own (``the US
defense official`` -> ``a US defense official``), else, for a person noun, to the
most recent named person speaker within two paragraphs (``the reserve lieutenant
colonel`` after ``said Menahem Landau``); otherwise it stays a description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .context import Context, span
from .lexicon import DOCUMENT_NOUNS, PERSON_NOUNS, PRONOUNS_PLURAL, PRONOUNS_SINGULAR

__all__ = ["Local", "local_speaker", "Resolver"]

_CUT_DEPS = frozenset({"relcl", "acl", "advcl"})
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SPACE"})
_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


@dataclass(slots=True)
class Local:
    """The source mention of one attribution, before resolution."""

    span: dict
    pos: int
    block: int
    pronoun: str | None = None          # "sg", "pl", "other"
    entity: Any = None                  # Entity when the mention names one
    description: str | None = None
    role: str | None = None
    affiliation: str | None = None
    head: str = ""
    mods: frozenset[str] = field(default_factory=frozenset)
    definite: bool = False
    plural: bool = False
    relative_to: Any = None             # for "who said": the Local of the noun it modifies


def _trim_tokens(toks: list) -> list:
    while toks and toks[0].pos_ in _EDGE_POS:
        toks = toks[1:]
    while toks and toks[-1].pos_ in _EDGE_POS and not (
            toks[-1].text == ")" and any(t.text == "(" for t in toks)):
        toks = toks[:-1]
    return toks


def _description_tokens(head) -> list:
    """The head's subtree, cut before the first relative/adverbial clause after the head."""
    toks = list(head.subtree)
    cut = None
    for t in toks:
        if t.i > head.i and t.dep_ in _CUT_DEPS and t.head.i >= head.i:
            cut = t.left_edge.i if cut is None else min(cut, t.left_edge.i)
    if cut is not None:
        toks = [t for t in toks if t.i < cut]
    return _trim_tokens(toks)


def _chars(toks: list, offset: int) -> tuple[int, int]:
    return offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)


def _clean_role(text: str) -> str | None:
    words = text.strip(" ,;:-\u2014").split()
    while words and words[0].lower() in _DETS:
        words = words[1:]
    out = " ".join(words).strip(" ,;:")
    return out or None


def local_speaker(ctx: Context, head, offset: int, block: int) -> Local:
    """The source mention whose syntactic head is ``head`` (see the module docstring)."""
    text = ctx.text
    low = head.lower_
    if head.pos_ == "PRON" or low in PRONOUNS_SINGULAR or low in PRONOUNS_PLURAL:
        kind = "sg" if low in PRONOUNS_SINGULAR else "pl" if low in PRONOUNS_PLURAL else "other"
        s, e = offset + head.idx, offset + head.idx + len(head.text)
        return Local(span(text, s, e), s, block, pronoun=kind, head=low, plural=kind == "pl")
    toks = _description_tokens(head) or [head]
    ds, de = _chars(toks, offset)
    desc = span(text, ds, de)
    found = ctx.mentions_in(ds, de)
    person = next((m for m in found if m[3].type == "PERSON"), None)
    named = person or next((m for m in found if m[0] <= offset + head.idx < m[1]
                            and m[3].type in ("ORG", "GPE", "NORP", "PERSON")), None)
    left = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
    left = [t for t in left if t.dep_ not in ("punct",) and t.i >= _np_start(head)]
    mods = frozenset(t.lower_ for t in left if t.i != head.i and t.lower_ not in _DETS)
    definite = bool(left) and left[0].lower_ in ("the", "this", "that", "these", "those")
    loc = Local(span(text, ds, de), offset + head.idx, block, head=head.lemma_.lower(), mods=mods,
                definite=definite, plural=head.tag_ in ("NNS", "NNPS"))
    loc.description = desc["text"]
    if named:
        loc.span = span(text, named[0], named[1])
        loc.entity = named[3]
    else:
        s, e = _chars(left or [head], offset)
        loc.span = span(text, s, e)
        loc.entity = ctx.entity_named(head.text) if head.text[:1].isupper() else None
        if loc.entity is None and loc.head in DOCUMENT_NOUNS:
            org = next((m for m in found if m[3].type == "ORG"), None)
            loc.entity = org[3] if org else None
    others = [m for m in found if named is None or m[3] is not named[3]]
    org = next((m for m in others if m[3].type == "ORG"), None) or \
        next((m for m in others if m[3].type in ("GPE", "NORP")), None)
    loc.affiliation = org[3].name if org else None
    if named and named[3].type == "PERSON":
        loc.role = _clean_role(text[ds:named[0]])
        if not loc.role:
            ap = next((t for t in _name_head(head, named, offset).children if t.dep_ == "appos"), None)
            if ap is not None:
                at = _description_tokens(ap)
                at = [t for t in at if not (t.dep_ == "appos" and t.head.i != ap.i and False)]
                cut = next((t.i for t in at if t.i > ap.i and t.dep_ == "punct"), None)
                at = [t for t in at if cut is None or t.i < cut] or [ap]
                loc.role = _clean_role(text[_chars(at, offset)[0]:_chars(at, offset)[1]])
    elif not named and head.lemma_.lower() in PERSON_NOUNS:
        comp = [t for t in left if t.dep_ in ("compound", "amod") and not ctx.mentions_in(
            offset + t.idx, offset + t.idx + len(t.text)) and t.i != head.i] + [head]
        comp = [t for t in comp if t.i >= max(x.i for x in comp) - 3]
        loc.role = " ".join(t.text for t in sorted(comp, key=lambda t: t.i))
    return loc


def _np_start(head) -> int:
    """First token of the pre-head part of the noun phrase (determiners, modifiers)."""
    start = head.i
    for t in head.lefts:
        if t.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "case", "punct"):
            start = min(start, t.left_edge.i)
    return start


def _name_head(head, named, offset: int):
    """The token inside the named mention that heads it (for appositions)."""
    inside = [t for t in head.subtree if named[0] <= offset + t.idx < named[1]]
    ids = {t.i for t in inside}
    for t in inside:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return head


class Resolver:
    """Links local mentions to referents in text order (see the module docstring)."""

    def __init__(self) -> None:
        self.referents: list[dict] = []
        self.subjects: list[tuple[int, int, dict]] = []   # (pos, block, referent) salience trail

    def _by_entity(self, entity) -> dict | None:
        return next((r for r in reversed(self.referents) if r["entity"] is entity), None)

    def note_subject(self, entity, pos: int, block: int, loc: Local | None = None) -> None:
        """A person named as a subject (not a speaker): a pronoun may refer to it."""
        ref = self._by_entity(entity) or self._new(entity=entity)
        if loc is not None and loc.entity is entity:
            for key in ("description", "role", "affiliation"):
                if ref.get(key) is None and getattr(loc, key):
                    ref[key] = getattr(loc, key)
        self.subjects.append((pos, block, ref))

    def _new(self, **kw) -> dict:
        ref = {"entity": None, "description": None, "role": None, "affiliation": None,
               "head": "", "mods": frozenset(), "person": False, "plural": False, "speaker": False}
        ref.update(kw)
        if ref["entity"] is not None:
            ref["person"] = ref["entity"].type == "PERSON"
        self.referents.append(ref)
        return ref

    def _recent(self, block: int, pos: int, want, reach: int) -> dict | None:
        for p, b, ref in reversed(self.subjects):
            if p >= pos:
                continue
            if block - b > reach:
                return None
            if want(ref):
                return ref
        return None

    def resolve(self, loc: Local) -> dict | None:
        """The referent of ``loc`` (a dict), or None when it cannot be told."""
        ref = None
        if loc.relative_to is not None:
            ref = self.resolve(loc.relative_to)
        elif loc.entity is not None:
            ref = self._by_entity(loc.entity) or self._new(entity=loc.entity)
        elif loc.pronoun == "sg":
            ref = self._recent(loc.block, loc.pos, lambda r: r["person"] and not r["plural"], 3)
        elif loc.pronoun == "pl":
            ref = self._recent(loc.block, loc.pos, lambda r: r["speaker"] and (
                r["plural"] or (r["entity"] is not None and r["entity"].type in ("ORG", "NORP"))), 2)
        elif loc.pronoun:
            ref = None
        elif loc.definite:
            ref = self._recent(loc.block, loc.pos, lambda r: r["head"] == loc.head
                               and loc.mods <= r["mods"] and r["speaker"], 10**6)
            if ref is None and loc.head in PERSON_NOUNS and not loc.plural:
                ref = self._recent(loc.block, loc.pos, lambda r: r["speaker"] and r["person"]
                                   and r["entity"] is not None, 2)
        if ref is None and not loc.pronoun:
            ref = self._new(description=loc.description, head=loc.head, mods=loc.mods,
                            person=loc.head in PERSON_NOUNS, plural=loc.plural)
        if ref is None:
            return None
        for key in ("description", "role", "affiliation"):
            if ref.get(key) is None and getattr(loc, key):
                ref[key] = getattr(loc, key)
        ref["speaker"] = True
        self.subjects.append((loc.pos, loc.block, ref))
        return ref

    @staticmethod
    def as_speaker(loc: Local | None, ref: dict | None) -> dict | None:
        """The ``speaker`` dict of the output format."""
        if loc is None and ref is None:
            return None
        ent = ref["entity"] if ref else None
        own = loc is not None and not loc.pronoun and not (loc.definite and loc.entity is None)
        first, second = ((loc, ref or {}) if own else (ref or {}, loc))

        def pick(key):
            for src in (first, second):
                val = src.get(key) if isinstance(src, dict) else getattr(src, key, None)
                if val:
                    return val
            return None
        return {
            "name": ent.name if ent is not None else None,
            "entity": ent.id if ent is not None else None,
            "description": pick("description"),
            "role": pick("role"),
            "affiliation": pick("affiliation"),
            "span": loc.span if loc else None,
        }
