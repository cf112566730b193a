"""Plain-text renderings of articles and summaries for the terminal."""

from __future__ import annotations

import textwrap

import click

from .ingest import IngestReport
from .model import Article

__all__ = ["article_text", "ingest_summary", "table"]

_TYPE_COLOURS = {"PERSON": "cyan", "ORG": "magenta", "GPE": "green", "LOC": "green", "FAC": "green",
                 "NORP": "yellow", "EVENT": "red"}


def _highlight(article: Article, start: int, end: int, colour: bool) -> str:
    """The text of ``article.text[start:end]`` with entity mentions marked."""
    marks = sorted((m.start, m.end, e.type) for e in article.entities for m in e.mentions
                   if start <= m.start and m.end <= end)
    out, pos = [], start
    for m_start, m_end, etype in marks:
        if m_start < pos:
            continue
        out.append(article.text[pos:m_start])
        word = article.text[m_start:m_end]
        if colour:
            out.append(click.style(word, fg=_TYPE_COLOURS.get(etype, "blue"), bold=True))
        else:
            out.append(f"[{word}]")
        pos = m_end
    out.append(article.text[pos:end])
    return "".join(out)


def article_text(article: Article, colour: bool = False, width: int = 88) -> str:
    """Headline, dates, dateline, captions and body with entities highlighted."""
    lines = [click.style(article.headline or "(no headline)", bold=True) if colour else
             (article.headline or "(no headline)")]
    meta = [f"id {article.id}"]
    for label, value in (("published", article.published), ("updated", article.updated),
                         ("by", article.byline), ("language", article.language)):
        if value:
            meta.append(f"{label} {value}")
    lines.append(" · ".join(meta))
    src = article.source
    lines.append(f"source {src.path or '-'}" + (f" #{src.index}" if src.index else "")
                 + (f" id={src.id}" if src.id else "") + (f" {src.url}" if src.url else ""))
    if article.dateline:
        lines.append(f"dateline {article.dateline.text}")
    for h in article.highlights:
        lines.append(textwrap.fill("• " + _highlight(article, h.start, h.end, colour), width))
    for c in article.captions:
        lines.append(textwrap.fill("▣ " + c.text, width))
    lines.append("")
    blocks = sorted([("p", p) for p in article.paragraphs] + [("h", s) for s in article.subheads],
                    key=lambda kv: kv[1].start)
    for kind, span in blocks:
        body = _highlight(article, span.start, span.end, colour)
        if kind == "h":
            lines.append("")
            lines.append(click.style(span.text, bold=True, underline=True) if colour else f"## {span.text}")
        else:
            lines.append(body if colour else textwrap.fill(body, width))
        lines.append("")
    if article.entities:
        lines.append("Entities:")
        for e in article.entities:
            alias = f" (also: {', '.join(e.aliases)})" if e.aliases else ""
            lines.append(f"  {e.type:<8} {e.name}{alias} ×{len(e.mentions)}")
    return "\n".join(lines).rstrip() + "\n"


def ingest_summary(report: IngestReport, db: str) -> str:
    lines = [f"{'Interrupted' if report.interrupted else 'Done'} in {report.seconds:.1f}s "
             f"({report.rate:.1f} articles/s) -> {db}",
             f"  read        {report.read}",
             f"  stored      {report.stored}",
             f"  duplicates  {report.duplicates} (skipped)",
             f"  failed      {report.failed}"]
    for f in report.failures:
        lines.append(f"    {f}")
    if report.interrupted:
        lines.append("  Re-run the same command to resume; stored articles are skipped.")
    return "\n".join(lines)


def table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    """A fixed-width table: columns are (key, title, width); the last column is not cut."""
    head = "  ".join(title.ljust(w) for _, title, w in columns).rstrip()
    out = [head, "-" * len(head)]
    for row in rows:
        cells = []
        for i, (key, _, w) in enumerate(columns):
            value = "" if row.get(key) is None else str(row[key])
            value = value.replace("\n", " ")
            if i < len(columns) - 1:
                value = (value[: w - 1] + "…") if len(value) > w else value.ljust(w)
            cells.append(value)
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)
