"""Task ``extraction``: how well does dateline get an article's body out of HTML?

Two gold sets (see ``shared/eval/extraction/README.md``), recognised by shape:

* ``scrapinghub/`` - a folder with ``ground-truth.json`` and ``html/<id>.html.gz``;
  scored with the benchmark's shingle metric (:mod:`dateline.eval.metrics`).
* ``trafilatura-en.jsonl`` - JSON Lines with ``html``, ``with`` and ``without`` per page;
  scored with trafilatura's snippet metric, plus title/author/date accuracy.

A *body function* turns one page into ``(body, headline, byline, published)``.
:func:`default_body` is dateline's own path (HTML reader, then the segmenter),
:func:`reader_body` the HTML reader alone, and :func:`trafilatura_baseline_body`
bare trafilatura, for "ours vs trafilatura"::

    python -m dateline.eval.extraction ../shared/eval/extraction/scrapinghub
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError, InputError
from . import metrics as M

__all__ = [
    "evaluate_extraction",
    "default_body",
    "reader_body",
    "trafilatura_baseline_body",
    "format_report",
    "BodyResult",
]

#: ``(body, headline, byline, published)``; any of them may be ``None``.
BodyResult = tuple[str | None, str | None, str | None, str | None]
BodyFn = Callable[[str, str | None], BodyResult]

SCRAPINGHUB = "scrapinghub"
TRAFILATURA = "trafilatura-en"
_META_FIELDS = (("title", 1), ("author", 2), ("date", 3))


# ---------------------------------------------------------------- body functions

def default_body(html: str, url: str | None = None) -> BodyResult:
    """dateline's own extraction: :func:`html_document`, then the segmenter; the
    body, headline, byline and date of the first article.

    Raises :class:`InputError` when the page holds no article.
    """
    from ..readers.html import html_document
    from ..segment import segment

    articles = segment(html_document(html, url=url))
    if not articles:
        return None, None, None, None
    first = articles[0]
    return first.body, first.headline, first.byline, first.published


def reader_body(html: str, url: str | None = None) -> BodyResult:
    """The HTML reader alone (no segmenter): its whole text as the body.

    Scores the reader apart from the segmenter, so a drop can be pinned on one stage.
    """
    from ..readers.html import html_document

    raw = html_document(html, url=url)
    return raw.content, raw.headline, raw.byline, raw.published


def trafilatura_baseline_body(html: str, url: str | None = None) -> BodyResult:
    """Bare trafilatura with the settings of its own evaluation (tables included,
    comments and formatting excluded, everything else default)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=True,
        include_formatting=False, with_metadata=True,
    )
    if doc is None:
        return None, None, None, None
    return doc.text, doc.title, doc.author, doc.date


# ---------------------------------------------------------------- gold sets

@dataclass(frozen=True, slots=True)
class _Page:
    id: str
    url: str | None
    html: str
    gold: dict[str, Any]


def _detect(path: Path) -> str:
    if path.is_dir():
        if (path / "ground-truth.json").is_file() and (path / "html").is_dir():
            return SCRAPINGHUB
        raise EvalError(f"{path}: a folder must hold ground-truth.json and html/ (Scrapinghub layout)")
    if not path.is_file():
        raise EvalError(f"{path}: no such file or folder")
    if path.name == "ground-truth.json" and (path.parent / "html").is_dir():
        return SCRAPINGHUB
    try:
        with path.open(encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
        record = json.loads(first)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: not an extraction gold set (expected JSON Lines: {exc})") from exc
    if isinstance(record, dict) and "html" in record and "with" in record and "without" in record:
        return TRAFILATURA
    raise EvalError(
        f"{path}: not an extraction gold set; expected a Scrapinghub folder "
        "(ground-truth.json + html/) or JSON Lines records with html, with and without"
    )


def _scrapinghub_pages(folder: Path) -> tuple[int, Iterator[_Page]]:
    try:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{folder / 'ground-truth.json'}: cannot read: {exc}") from exc
    if not isinstance(truth, dict):
        raise EvalError(f"{folder / 'ground-truth.json'}: expected an object mapping page ids to gold")
    keys = sorted(truth)

    def pages() -> Iterator[_Page]:
        for key in keys:
            item = truth[key]
            page = folder / "html" / f"{key}.html.gz"
            try:
                with gzip.open(page, "rt", encoding="utf-8") as fh:
                    html = fh.read()
            except OSError as exc:
                raise EvalError(f"{page}: cannot read: {exc}") from exc
            yield _Page(key, item.get("url"), html, {"body": item.get("articleBody") or ""})

    return len(keys), pages()


def _trafilatura_pages(path: Path) -> tuple[int, Iterator[_Page]]:
    try:
        with path.open(encoding="utf-8") as fh:
            count = sum(1 for line in fh if line.strip())
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc

    def pages() -> Iterator[_Page]:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                    yield _Page(str(r.get("id") or n), r.get("url"), r["html"],
                                {"with": list(r["with"]), "without": list(r["without"]),
                                 "title": r.get("title"), "author": r.get("author"),
                                 "date": r.get("date")})
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise EvalError(f"{path}:{n}: bad record: {exc}") from exc

    return count, pages()


# ---------------------------------------------------------------- evaluation

def evaluate_extraction(
    path: str,
    body_fn: BodyFn | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Score ``body_fn`` (default :func:`default_body`) on the gold set at ``path``.

    ``limit`` takes the first pages only (ids in sorted / file order); ``progress`` is
    called as ``progress(done, total)`` after each page. A page whose body function
    raises :class:`InputError` counts as an empty prediction. Returns a report dict:
    ``task``, ``dataset``, ``path``, ``extractor``, ``pages``, ``failed``, ``seconds``,
    ``metrics`` and per-page ``details``.
    """
    body_fn = body_fn or default_body
    p = Path(path)
    dataset = _detect(p)
    if dataset == SCRAPINGHUB:
        total, pages = _scrapinghub_pages(p if p.is_dir() else p.parent)
    else:
        total, pages = _trafilatura_pages(p)
    if limit is not None:
        total = min(total, max(0, limit))

    start = time.perf_counter()
    details: list[dict[str, Any]] = []
    page_counts: list[M.PageCounts] = []
    accuracies: list[float] = []
    snippets = M.SnippetCounts()
    meta: dict[str, list[bool | None]] = {f: [] for f, _ in _META_FIELDS}
    failed = 0

    for done, page in enumerate(pages, 1):
        if done > total:
            break
        error = None
        try:
            result = body_fn(page.html, page.url)
        except InputError as exc:
            result, error = (None, None, None, None), f"{exc.kind}: {exc.reason}"
            failed += 1
        except Exception as exc:
            exc.add_note(f"while evaluating page {page.id} of {path}")
            raise
        body = result[0] or ""
        row: dict[str, Any] = {"id": page.id, "url": page.url}
        if dataset == SCRAPINGHUB:
            counts = M.shingle_counts(page.gold["body"], body)
            acc = M.token_accuracy(page.gold["body"], body)
            page_counts.append(counts)
            accuracies.append(acc)
            row.update(precision=counts.precision if counts.has_prediction else None,
                       recall=counts.recall, accuracy=acc)
        else:
            c = M.snippet_counts(body, page.gold["with"], page.gold["without"])
            snippets = snippets + c
            row.update(precision=c.tp / (c.tp + c.fp) if c.tp + c.fp else None,
                       recall=c.tp / (c.tp + c.fn) if c.tp + c.fn else None,
                       tp=c.tp, fn=c.fn, fp=c.fp, tn=c.tn)
            for f, i in _META_FIELDS:
                ok = M.metadata_match(f, page.gold[f], result[i])
                meta[f].append(ok)
                if ok is False:
                    row[f] = {"gold": page.gold[f], "predicted": result[i]}
        if error:
            row["error"] = error
        details.append(row)
        if progress is not None:
            progress(done, total)

    if dataset == SCRAPINGHUB:
        body_scores = M.corpus_scores(page_counts, accuracies)
        body_scores["std"] = M.bootstrap_std(page_counts, accuracies, n=1000, seed=0)
        metrics: dict[str, Any] = {"body": body_scores}
    else:
        metrics = {"body": M.snippet_scores(snippets)}
        for f, _ in _META_FIELDS:
            metrics[f] = M.metadata_accuracy(meta[f])

    return {
        "task": "extraction",
        "dataset": dataset,
        "path": str(path),
        "extractor": getattr(body_fn, "__name__", repr(body_fn)),
        "pages": len(details),
        "failed": failed,
        "seconds": round(time.perf_counter() - start, 2),
        "metrics": metrics,
        "details": details,
    }


# ---------------------------------------------------------------- reporting

def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "-" if value is None else str(value)


def format_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table of ``report``; with ``baseline`` (another report on the same
    set, e.g. :func:`trafilatura_baseline_body`), columns side by side with the gain."""
    reports = [report] + ([baseline] if baseline else [])
    head = (f"task {report['task']} | dataset {report['dataset']} | {report['pages']} pages | "
            f"{report['path']}")
    names = [r["extractor"] for r in reports]
    rows: list[list[str]] = [["metric", *names] + (["gain"] if baseline else [])]
    m = report["metrics"]
    for group, scores in m.items():
        keys = ("f1", "precision", "recall", "accuracy") if group == "body" else ("accuracy",)
        for key in keys:
            if key not in scores:
                continue
            values = [r["metrics"].get(group, {}).get(key) for r in reports]
            cells = []
            for r, v in zip(reports, values):
                std = r["metrics"].get(group, {}).get("std", {}).get(key)
                cell = _fmt(v) + (f" ± {std:.3f}" if std is not None else "")
                if group != "body":
                    g = r["metrics"][group]
                    cell += f" ({g['correct']}/{g['pages']})"
                cells.append(cell)
            if baseline and all(isinstance(v, float) for v in values):
                cells.append(f"{values[0] - values[1]:+.4f}")
            rows.append([f"{group} {key}", *cells])
    rows.append(["failed", *(str(r["failed"]) for r in reports)] + ([""] if baseline else []))
    rows.append(["seconds", *(f"{r['seconds']:.1f}" for r in reports)] + ([""] if baseline else []))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [head]
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
