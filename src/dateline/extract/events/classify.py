"""Event-type classifier: which ACLED sub-event types (and CASE 2021 extra types, and
everyday shootings) a sentence or short snippet evokes, with the trigger phrase.

    >>> best_type("Two suicide bombers attacked a checkpoint, killing five soldiers.").code
    'SUIC_BOMB'

How it decides (rules only; nothing is trained):

1. **Triggers.** The weighted rules of :mod:`.lexicon` are compiled once, at import,
   each on its own and indexed by the first characters it can match; a call tries a
   rule only at the word starts that fit (see "compiled tables" below), so a phrase
   can evoke several codes and nothing is compiled per call.
2. **Context.** A rule may *need* a cue somewhere in the text or in the trigger's
   sentence (``arrested`` is ``PROTEST_WITH_INTER`` only near protest words;
   ``attack`` needs signs of real violence, so a "scathing attack on the budget" or a
   striker's shot evoke nothing),
   may *avoid* cues, and may require a pattern just left of the trigger. Cues are
   searched lazily and once per call.
3. **Specificity.** A trigger's score is its rule's weight (specific sub-types
   outrank generic ones: suicide bomb > remote explosive > attack), plus up to 0.04
   for appearing early in the text (a snippet leads with its main event), plus 0.01
   per further trigger of the same code (at most 0.03); these bonuses only break ties
   within a weight tier. Each code is reported once, by its best trigger; codes come
   best first.
4. **Territory.** A change of control (``recaptured``, ``seized control of``, ``overran``)
   is ``GOV_REGAINS_TERIT`` when its actor is a state force and
   ``NON_STATE_ACTOR_OVERTAKES_TER`` when it is a rebel group, militia or named armed
   group. The actor is the grammatical subject when a spaCy ``doc`` is given (the
   agent of a passive), otherwise the nearest actor word before the trigger in its
   sentence (else the first after it); in a passive ("the rebels were pushed back")
   the subject is the side that lost. With no actor, verbs of *re*-taking lean to the
   government, others to the non-state side. A withdrawal or hand-over reported with
   the change of control makes it ``NON_VIOL_TERRIT_TRANSFER``.
5. **Shootings.** ``SHOOTING`` (a taxonomy code of dateline's own, everyday gun crime)
   is kept as such; scorers against ACLED-only label sets map it (see
   ``dateline.eval.event_types``).

``classify`` returns only triggers scoring at least :data:`MIN_SCORE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import CUES, LEFT_WINDOW, NONSTATE_ACTOR, RULES, STATE_ACTOR

__all__ = ["Trigger", "classify", "best_type", "MIN_SCORE"]

MIN_SCORE = 0.3
_POSITION_BONUS = 0.04
_SUPPORT_BONUS = 0.01
_SUPPORT_MAX = 0.03


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event type evoked by a text, with the phrase that evokes it."""

    code: str      # a taxonomy code (``dateline.extract.events.taxonomy``)
    score: float   # 0..1 confidence
    start: int     # offsets of the trigger phrase in the text given
    end: int
    text: str


# ---------------------------------------------------------------- compiled tables
#
# Python's ``re`` tries every branch of a big alternation at every position, which
# costs about 20 µs per pattern on a 240-character snippet. So every rule and cue is
# compiled on its own and tried only with ``match`` at the word starts where it can
# begin: at import, the possible first (up to) three lower-case characters of each
# pattern are read off its parse tree (:func:`_prefixes`), and a call looks up the
# first characters of each word of the lower-cased text in that index (one index for
# rules and cues together). A pattern whose start cannot be
# read off is scanned with ``finditer`` instead (none today).

_FLAGS = re.IGNORECASE
_KEY = 3
_WORD = re.compile(r"\w+")
_WORD_KEY = re.compile(r"\b\w{1,3}")

try:  # the parser behind ``re.compile``; private, so any surprise falls back to scanning
    from re import _constants as _sc
    from re import _parser as _sp
except ImportError:  # pragma: no cover - other Python versions
    _sp = _sc = None


def _prefixes(pattern: str) -> frozenset[str] | None:
    """Lower-case strings (1..3 chars) one of which every match of ``pattern`` starts
    with; None when that cannot be read off (a match may start with anything)."""
    if _sp is None:  # pragma: no cover
        return None
    try:
        tree = _sp.parse(pattern, _FLAGS)
    except Exception:  # pragma: no cover - compile() below raises the real error
        return None
    done: set[str] = set()

    def extend(states: set[str], seq) -> set[str]:
        """Open prefixes after ``seq``; prefixes that can grow no further go to ``done``."""
        for op, av in seq:
            if not states:
                return states
            if op is _sc.AT and av is _sc.AT_BOUNDARY:
                # a word boundary right after a word character ends the word: mark it
                ended = {s + " " for s in states if s and (s[-1].isalnum() or s[-1] == "_")}
                done.update(ended)
                states = {s for s in states if not s or not (s[-1].isalnum() or s[-1] == "_")}
                continue
            if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
                continue
            if op is _sc.LITERAL:
                states = {s + chr(av).lower() for s in states}
            elif op is _sc.IN and all(o is _sc.LITERAL for o, _ in av) and len(av) <= 4:
                states = {s + chr(c).lower() for s in states for _, c in av}
            elif op is _sc.IN and av == [(_sc.CATEGORY, _sc.CATEGORY_DIGIT)]:
                states = {s + d for s in states for d in "0123456789"}
            elif op is _sc.SUBPATTERN:
                states = extend(states, av[-1])
            elif op is _sc.BRANCH:
                states = set().union(*(extend(set(states), branch) for branch in av[1]))
            elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
                lo, hi, body = av
                once = extend(set(states), body)
                if lo == 0:
                    done.update(once)
                    continue
                if hi != 1:
                    done.update(once)
                    return set()
                states = once
            else:
                done.update(states)
                return set()
            full = {s for s in states if len(s) >= _KEY}
            done.update(full)
            states -= full
        return states

    done.update(extend({""}, tree))
    if "" in done:
        return None
    return frozenset(done)


class _Index:
    """Rules and cues indexed by the first characters they can match at a word start.

    A word is looked up by its first three characters (all of it when shorter); a
    pattern whose known start is shorter than three word characters and may go on
    with any word character is also kept under that shorter start (``short``; none
    today). ``hits(lower)`` lists ``(word start, rule ids, cue ids)`` to try there.
    """

    __slots__ = ("rules", "cues", "by_key", "short", "scan_rules", "scan_cues")

    def __init__(self, rules: list[str], cues: list[str]) -> None:
        self.rules = [re.compile(p, _FLAGS) for p in rules]
        self.cues = [re.compile(p, _FLAGS) for p in cues]
        by_key: dict[str, tuple[list[int], list[int]]] = {}
        short: dict[str, tuple[list[int], list[int]]] = {}
        self.scan_rules: list[int] = []
        self.scan_cues: set[int] = set()
        for kind, patterns in enumerate((rules, cues)):
            for i, pattern in enumerate(patterns):
                keys = _prefixes(pattern)
                if keys is None or any(not k[0].isalnum() for k in keys):
                    (self.scan_rules.append if kind == 0 else self.scan_cues.add)(i)
                    continue
                for key in keys:
                    word = _WORD.match(key).group()
                    table = by_key if len(word) == _KEY or len(word) < len(key) else short
                    ids = table.setdefault(word, ([], []))[kind]
                    if i not in ids:
                        ids.append(i)
        self.by_key = {k: (tuple(r), frozenset(c)) for k, (r, c) in by_key.items()}
        self.short = {k: (tuple(r), frozenset(c)) for k, (r, c) in short.items()}

    def hits(self, lower: str) -> list[tuple[int, tuple[int, ...], frozenset[int]]]:
        get = self.by_key.get
        if not self.short:
            return [(m.start(), *v) for m in _WORD_KEY.finditer(lower) if (v := get(m.group()))]
        out = []
        for m in _WORD_KEY.finditer(lower):
            key = m.group()
            found = [v for v in (get(key), *(self.short.get(key[:n]) for n in range(1, len(key) + 1)))
                     if v]
            if found:
                out.append((m.start(), tuple(r for v in found for r in v[0]),
                            frozenset().union(*(v[1] for v in found))))
        return out


_CUE_NAMES = tuple(CUES)
_CUE_ID = {name: i for i, name in enumerate(_CUE_NAMES)}
_INDEX = _Index([rule.pattern for rule in RULES], [CUES[name] for name in _CUE_NAMES])
_LEFT = {i: re.compile(rule.left, _FLAGS) for i, rule in enumerate(RULES) if rule.left}
_ACTOR = re.compile(f"(?P<state>{STATE_ACTOR})|(?P<nonstate>{NONSTATE_ACTOR})", _FLAGS)
_RETAKE = re.compile(r"\b(?:re-?\w+|regain\w*|liberat\w+|drove|driv\w+|pushed back|expelled|cleared)\b", _FLAGS)
_SENTENCE_END = re.compile(r"[.!?;]\s")

_Hits = list[tuple[int, tuple[int, ...], frozenset[int]]]


class _Cues:
    """Lazy, memoised cue lookups for one text (``hits``: None = search the whole text)."""

    __slots__ = ("text", "hits", "seen")

    def __init__(self, text: str, hits: _Hits | None) -> None:
        self.text = text
        self.hits = hits
        self.seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        hit = self.seen.get(name)
        if hit is None:
            cid = _CUE_ID[name]
            pattern = _INDEX.cues[cid]
            if self.hits is None or cid in _INDEX.scan_cues:
                hit = pattern.search(self.text) is not None
            else:
                text = self.text
                hit = any(pattern.match(text, i) for i, _, cids in self.hits if cid in cids)
            self.seen[name] = hit
        return hit


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (split at ``. ! ? ;`` + space)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = _SENTENCE_END.search(text, end)
    return left, (right.start() if right else len(text))


def _near(text: str, start: int, end: int, names: tuple[str, ...]) -> bool:
    left, right = _sentence(text, start, end)
    return any(_INDEX.cues[_CUE_ID[name]].search(text, left, right) for name in names)


def _matches(text: str, hits: _Hits | None):
    """(rule id, match) for every rule match in ``text``."""
    patterns = _INDEX.rules
    if hits is None:  # lower-casing changed lengths: scan every rule
        for rid, pattern in enumerate(patterns):
            for m in pattern.finditer(text):
                yield rid, m
        return
    for i, rids, _ in hits:
        for rid in rids:
            m = patterns[rid].match(text, i)
            if m is not None:
                yield rid, m
    for rid in _INDEX.scan_rules:
        for m in patterns[rid].finditer(text):
            yield rid, m


# ---------------------------------------------------------------- actors (territory)

def _actor_of_text(text: str) -> str | None:
    """``"state"``, ``"nonstate"`` or None for a short phrase (its last actor word)."""
    kind = None
    for m in _ACTOR.finditer(text):
        kind = m.lastgroup
    return kind


_TERRITORY_CODES = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
_OTHER_SIDE = {"state": "nonstate", "nonstate": "state"}
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got|get)(?: \w+ly)? $", _FLAGS)
_AGENT = re.compile(r"\bby (?:the )?", _FLAGS)


def _actor_from_doc(doc: Any, start: int) -> str | None:
    """The kind of the actor of the verb governing ``start``: its subject or passive
    agent; a passive subject is the side that lost, so the other side."""
    base = getattr(doc, "start_char", 0)  # a Span's tokens carry Doc offsets
    token = next((t for t in doc if t.idx - base <= start < t.idx - base + len(t.text)), None)
    if token is None:
        return None
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for _ in range(3):
        passive = None
        for child in verb.children:
            if child.dep_ not in ("nsubj", "agent", "nsubjpass"):
                continue
            kind = _actor_of_text(" ".join(t.text for t in child.subtree))
            if kind is None:
                continue
            if child.dep_ == "nsubjpass":
                passive = _OTHER_SIDE[kind]
            else:
                return kind
        if passive:
            return passive
        if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return None


def _actor_near(text: str, start: int, end: int) -> str | None:
    """The nearest actor before the trigger in its sentence, else the first after it.
    In a passive (``were pushed back``) the agent after ``by`` acts; without one the
    subject before the trigger is the side that lost."""
    left, right = _sentence(text, start, end)
    before = text[left:start]
    if _PASSIVE.search(before):
        by = _AGENT.search(text, end, right)
        if by:
            kind = _actor_of_text(text[by.end():min(right, by.end() + 40)])
            if kind:
                return kind
        kind = _actor_of_text(before)
        return _OTHER_SIDE[kind] if kind else None
    kind = _actor_of_text(before)
    if kind:
        return kind
    m = _ACTOR.search(text, end, right)
    return m.lastgroup if m else None


def _territory_code(text: str, start: int, end: int, doc: Any) -> str:
    kind = None
    if doc is not None:
        try:
            kind = _actor_from_doc(doc, start)
        except (AttributeError, TypeError):  # a doc-like object without a parse
            kind = None
    if kind is None:
        kind = _actor_near(text, start, end)
    if kind is None:
        kind = "state" if _RETAKE.match(text, start) else "nonstate"
    return "GOV_REGAINS_TERIT" if kind == "state" else "NON_STATE_ACTOR_OVERTAKES_TER"


# ---------------------------------------------------------------- classify

def classify(text: str, doc: Any = None) -> list[Trigger]:
    """Event types evoked by ``text`` (a sentence or a short snippet), best first; ``[]`` when none.

    ``doc`` is an optional spaCy ``Doc``/``Span`` of exactly ``text``; it is used to find
    the actor of a territorial change. Results do not need it.
    """
    if not text:
        return []
    n = len(text)
    lower = text.lower()
    hits = _INDEX.hits(lower) if len(lower) == n else None
    cues = _Cues(text, hits)
    best: dict[str, Trigger] = {}
    support: dict[str, int] = {}
    for rid, m in _matches(text, hits):
        rule = RULES[rid]
        if rule.need and not any(cues(c) for c in rule.need):
            continue
        if rule.avoid and any(cues(c) for c in rule.avoid):
            continue
        start, end = m.span()
        if start == end:
            continue
        left = _LEFT.get(rid)
        if left is not None and not left.search(text, max(0, start - LEFT_WINDOW), start):
            continue
        if rule.near and not _near(text, start, end, rule.near):
            continue
        code = rule.code
        if code == "TERRITORY":
            code = _territory_code(text, start, end, doc)
        score = rule.weight + _POSITION_BONUS * (1.0 - start / n)
        support[code] = support.get(code, 0) + 1
        held = best.get(code)
        if held is None or score > held.score:
            best[code] = Trigger(code, score, start, end, text[start:end])
    scored = {code: min(1.0, trig.score + min(_SUPPORT_MAX, _SUPPORT_BONUS * (support[code] - 1)))
              for code, trig in best.items()}
    if "NON_VIOL_TERRIT_TRANSFER" in scored:
        # a withdrawal or hand-over reported with a change of control: the change was non-violent
        taken = [scored[c] for c in _TERRITORY_CODES if c in scored]
        if taken:
            scored["NON_VIOL_TERRIT_TRANSFER"] = max(scored["NON_VIOL_TERRIT_TRANSFER"], max(taken) + 0.01)
    out = [Trigger(code, round(score, 4), best[code].start, best[code].end, best[code].text)
           for code, score in scored.items() if score >= MIN_SCORE]
    out.sort(key=lambda t: (-t.score, t.start))
    return out


def best_type(text: str, doc: Any = None) -> Trigger | None:
    """The top trigger of :func:`classify`, or None."""
    found = classify(text, doc)
    return found[0] if found else None
