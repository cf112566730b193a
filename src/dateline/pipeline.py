"""Wires the stages together; the only module that knows their order.

    readers -> segment -> nlp (per block) -> extractors -> resolvers

Stage functions stay plain; the pipeline only batches them. Engines (a process
pool, Spark) call the same :class:`Pipeline` methods over partitions.
"""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator, Sequence

from .errors import InputError
from .extract.entities import dateline_mentions, mentions_from_doc
from .extract.events import extract_events
from .extract.quotes import extract_quotes
from .extract.places import article_focus, extract_places
from .extract.quantities import extract_quantities
from .extract.times import extract_times
from .model import Article, Failure, RawDocument, Skipped
from .nlp import load_model, memory_zone, pipe
from .readers import iter_documents
from .resolve.aliases import resolve_entities
from .segment import segment
from .settings import Settings

__all__ = ["Pipeline", "batched"]


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Pipeline:
    """Runs dateline's stages with one set of :class:`Settings`.

    The spaCy model is loaded on first use, not at construction, so building a
    pipeline is cheap and segmentation-only runs never load it.
    """

    def __init__(self, settings: Settings | None = None, nlp=None):
        self.settings = settings or Settings()
        self._nlp = nlp

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.settings.model, tuple(self.settings.disable))
        return self._nlp

    # -- stages -------------------------------------------------------------
    def documents(self, paths: Sequence[str], stdin=None,
                  seen: set[str] | None = None) -> Iterator[RawDocument | Failure | Skipped]:
        return iter_documents(paths, self.settings, stdin=stdin, seen=seen)

    def segment(self, items: Iterable[RawDocument | Failure | Skipped]) -> Iterator[Article | Failure | Skipped]:
        """Segment every raw document; failures and skip counts pass through, new failures are added."""
        for item in items:
            if isinstance(item, (Failure, Skipped)):
                yield item
                continue
            try:
                yield from segment(item)
            except InputError as exc:
                yield Failure.from_error(exc.located(item.path, item.line))

    def annotate(self, articles: list[Article]) -> list[Article]:
        """Run spaCy per block and the extractors over a batch of articles, in place."""
        if not self.settings.nlp or not articles:
            return articles
        jobs: list[tuple[Article, int]] = []
        texts: list[str] = []
        for article in articles:
            if article.language not in (None, self.settings.language):
                continue          # an English model on another language gives noise, not facts
            for _, span in article.blocks():
                jobs.append((article, span.start))
                texts.append(span.text)
        # A memory zone frees the strings and lexemes this batch added to the
        # vocabulary once its facts are plain data; without it a long run grows
        # with every new word it meets. No Doc, Token or Span outlives the block.
        with memory_zone(self.nlp):
            docs: dict[int, list] = {id(a): [] for a in articles}
            for (article, offset), doc in zip(jobs, pipe(self.nlp, texts)):
                docs[id(article)].append((offset, doc))
            for article in articles:
                self.extract(article, docs[id(article)])
        return articles

    def extract(self, article: Article, docs: list) -> Article:
        """Run the extractors over one article whose blocks spaCy has parsed.

        ``docs`` holds ``(offset, Doc)`` per block, in text order; facts are
        written onto the article in article coordinates.
        """
        found = [m for offset, doc in docs for m in mentions_from_doc(doc, offset, article.text)]
        found = dateline_mentions(found, article.dateline, article.text)
        article.entities = resolve_entities(found, article.text) if found else []
        article.quotes = extract_quotes(article, docs)
        article.times = extract_times(article, docs)
        article.places = extract_places(article, docs)
        article.focus = article_focus(article.places)
        article.quantities = extract_quantities(article, docs)
        article.events = extract_events(article, docs)   # last: reads quantities, times, places
        return article

    # -- whole runs ---------------------------------------------------------
    def run(self, items: Iterable[RawDocument | Failure]) -> Iterator[Article | Failure]:
        """Segment and annotate, batch by batch, keeping input order."""
        for chunk in batched(self.segment(items), self.settings.batch_size):
            self.annotate([a for a in chunk if isinstance(a, Article)])
            yield from chunk

    def run_paths(self, paths: Sequence[str], stdin=None) -> Iterator[Article | Failure]:
        return self.run(self.documents(paths, stdin=stdin))
