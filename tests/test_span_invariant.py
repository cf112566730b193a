"""The span invariant over the evaluation sets and the benchmark corpus:
``article.text[s.start:s.end] == s.text`` for every span of every article."""

from __future__ import annotations

import gzip
import json
from itertools import islice


from dateline.errors import InputError
from dateline.model import Article, Failure, RawDocument
from dateline.readers.html import html_document
from dateline.segment import segment

from .conftest import need_shared


def _check(article: Article) -> int:
    spans = article.spans()
    for s in spans:
        assert article.text[s.start:s.end] == s.text, (article.source, s)
    again = Article.from_dict(json.loads(json.dumps(article.to_dict(), ensure_ascii=False)))
    assert again.to_dict() == article.to_dict()
    return len(spans)


def _pages():
    folder = need_shared("eval", "extraction", "scrapinghub", "html")
    for path in sorted(folder.glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            yield str(path), fh.read()
    with open(need_shared("eval", "extraction", "trafilatura-en.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield rec["id"], rec["html"]


def _raw_documents():
    for name, html in _pages():
        try:
            yield html_document(html, path=name)
        except InputError:
            continue


def test_every_span_of_every_eval_article_indexes_its_text():
    articles = spans = 0
    for raw in _raw_documents():
        try:
            found = segment(raw)
        except InputError:
            continue
        for article in found:
            spans += _check(article)
            articles += 1
    assert articles >= 340 and spans > 5000


def test_entity_spans_on_eval_pages_and_bbc(pipeline):
    raws = list(islice(_raw_documents(), 40))
    bbc = need_shared("bench", "bbc.jsonl")
    with open(bbc, encoding="utf-8") as fh:
        for line in islice(fh, 100):
            rec = json.loads(line)
            raws.append(RawDocument(rec["text"], "article", path=str(bbc), id=rec["id"], headline=rec["headline"]))
    items = list(pipeline.run(raws))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) >= 135 and not [i for i in items if isinstance(i, Failure) and i.path == str(bbc)]
    mentions = 0
    for article in articles:
        _check(article)
        mentions += sum(len(e.mentions) for e in article.entities)
    assert mentions > 1000
