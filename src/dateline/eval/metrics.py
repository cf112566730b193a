"""Scores for main-text extraction and its metadata.

Three families, all pure functions over plain strings:

* **Scrapinghub shingle metric** (``article-extraction-benchmark``'s ``evaluate.py``,
  re-implemented from the description in ``shared/eval/extraction/README.md``):
  texts become ``\\w+`` token lists, then multisets of 4-token shingles; per page
  TP/FP/FN are normalised by their sum; corpus precision is the mean over pages with
  a non-empty prediction, recall the mean over pages with a non-empty gold, F1 the
  harmonic mean of those two means; accuracy is the share of exact token-list
  matches. :func:`bootstrap_std` gives the ``±`` figures (1,000 resamples, fixed seed).
* **Snippet metric** (trafilatura's ``tests/eval_common.py``): whitespace-normalised,
  case-sensitive substring tests of ``with`` / ``without`` snippets, counts summed over
  pages.
* **Metadata accuracy** (:func:`metadata_match`): headline, author, date against gold.

Metadata comparison rules (ours; neither source project defines one):

* both sides are NFKC-normalised, whitespace-collapsed, stripped and case-folded;
* ``date`` compares only the leading ``YYYY-MM-DD`` of each side (so a predicted
  ``2019-10-19T08:00:00`` matches gold ``2019-10-19``);
* ``author``: each side is split into names on ``;``, ``,``, ``&``, ``|``, ``/`` and the
  word ``and``; full stops count as spaces (``T. V. Raman`` = ``T V Raman``); the two
  *sets* of names must be equal (gold may be a list of names);
* a gold value of ``None`` means "never annotated": the page is left out of that field;
* an empty gold string (or empty list) means the right answer is "none": the page
  counts as correct only when the prediction is ``None`` or empty.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "tokenize",
    "shingles",
    "PageCounts",
    "shingle_counts",
    "token_accuracy",
    "corpus_scores",
    "bootstrap_std",
    "SnippetCounts",
    "snippet_counts",
    "snippet_scores",
    "normalise_ws",
    "metadata_match",
    "metadata_accuracy",
]

# ---------------------------------------------------------------- Scrapinghub

_TOKEN = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """Maximal runs of Unicode word characters; case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[str]:
    """The multiset of ``n``-token shingles of ``text``.

    A text with 1..n-1 tokens gives one shorter shingle; an empty text gives none.
    """
    tokens = tokenize(text)
    out: Counter[str] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = " ".join(tokens[i:i + n])
        if shingle:
            out[shingle] += 1
    return out


@dataclass(frozen=True, slots=True)
class PageCounts:
    """One page's TP/FP/FN, normalised so ``tp + fp + fn == 1`` (or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def has_prediction(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def has_gold(self) -> bool:
        return self.tp + self.fn > 0


def shingle_counts(gold: str | None, predicted: str | None, n: int = 4) -> PageCounts:
    """Compare one page's gold and predicted text by shingle multisets."""
    g, p = shingles(gold, n), shingles(predicted, n)
    tp = fp = fn = 0
    for key in g.keys() | p.keys():
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def token_accuracy(gold: str | None, predicted: str | None) -> float:
    """1.0 when the two token lists are identical, else 0.0."""
    return float(tokenize(gold) == tokenize(predicted))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def corpus_scores(pages: Sequence[PageCounts], accuracies: Sequence[float] | None = None) -> dict[str, float]:
    """Corpus precision, recall, F1 (and accuracy, when given per-page accuracies)."""
    precision = _mean([c.precision for c in pages if c.has_prediction])
    recall = _mean([c.recall for c in pages if c.has_gold])
    out = {"f1": _f1(precision, recall), "precision": precision, "recall": recall}
    if accuracies is not None:
        out["accuracy"] = _mean(list(accuracies))
    return out


def bootstrap_std(pages: Sequence[PageCounts], accuracies: Sequence[float],
                  n: int = 1000, seed: int = 0) -> dict[str, float]:
    """Standard deviation of each corpus score over ``n`` resamples of the pages."""
    if not pages:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0, "accuracy": 0.0}
    rng = random.Random(seed)
    k = len(pages)
    samples: dict[str, list[float]] = {"f1": [], "precision": [], "recall": [], "accuracy": []}
    for _ in range(n):
        idx = [rng.randrange(k) for _ in range(k)]
        scores = corpus_scores([pages[i] for i in idx], [accuracies[i] for i in idx])
        for key, value in scores.items():
            samples[key].append(value)
    return {key: _std(values) for key, values in samples.items()}


def _std(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    m = _mean(values)
    return (sum((v - m) ** 2 for v in values) / len(values)) ** 0.5


# ---------------------------------------------------------------- snippets

_WS = re.compile(r"\s+")


def normalise_ws(text: str | None) -> str:
    """Runs of whitespace become one space; ends stripped."""
    return _WS.sub(" ", text or "").strip()


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: "SnippetCounts") -> "SnippetCounts":
        return SnippetCounts(self.tp + other.tp, self.fn + other.fn,
                             self.fp + other.fp, self.tn + other.tn)


def snippet_counts(predicted: str | None, with_: Iterable[str], without: Iterable[str]) -> SnippetCounts:
    """Count ``with`` snippets found (TP) or missed (FN) and ``without`` snippets
    found (FP) or absent (TN) in ``predicted``; ``None`` finds nothing."""
    text = normalise_ws(predicted) if predicted else None
    tp = fn = fp = tn = 0
    for s in with_:
        if text is not None and normalise_ws(s) in text:
            tp += 1
        else:
            fn += 1
    for s in without:
        if text is not None and normalise_ws(s) in text:
            fp += 1
        else:
            tn += 1
    return SnippetCounts(tp, fn, fp, tn)


def snippet_scores(counts: SnippetCounts) -> dict[str, float]:
    """Precision, recall, accuracy and F1 from summed snippet counts."""
    tp, fn, fp, tn = counts.tp, counts.fn, counts.fp, counts.tn
    total = tp + fn + fp + tn
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "tp": tp, "fn": fn, "fp": fp, "tn": tn,
    }


# ---------------------------------------------------------------- metadata

_AUTHOR_SEP = re.compile(r"\s*(?:[;,&|/]|\band\b)\s*", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _norm(text: str) -> str:
    return normalise_ws(unicodedata.normalize("NFKC", text)).casefold()


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_empty(v) for v in value)
    return not str(value).strip()


def _authors(value: Any) -> frozenset[str]:
    items = value if isinstance(value, (list, tuple)) else [value]
    names = set()
    for item in items:
        if item is None:
            continue
        for name in _AUTHOR_SEP.split(_norm(str(item))):
            name = normalise_ws(name.replace(".", " "))
            if name:
                names.add(name)
    return frozenset(names)


def _date(value: Any) -> str:
    m = _DATE.match(_norm(str(value)))
    return m.group(0) if m else _norm(str(value))


def metadata_match(field: str, gold: Any, predicted: Any) -> bool | None:
    """Whether ``predicted`` is right for ``field`` (``title``, ``author``, ``date``).

    Returns ``None`` when the gold is ``None`` (page not annotated: leave it out).
    """
    if gold is None:
        return None
    if _is_empty(gold):
        return _is_empty(predicted)
    if _is_empty(predicted):
        return False
    if field == "author":
        return _authors(gold) == _authors(predicted)
    if field == "date":
        return _date(gold) == _date(predicted)
    return _norm(str(gold)) == _norm(str(predicted))


def metadata_accuracy(results: Iterable[bool | None]) -> dict[str, float]:
    """Accuracy over the annotated pages (``None`` results are left out)."""
    judged = [r for r in results if r is not None]
    correct = sum(1 for r in judged if r)
    return {"accuracy": correct / len(judged) if judged else 0.0,
            "correct": correct, "pages": len(judged)}
