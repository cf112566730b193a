"""The pipeline end to end on the samples: entities, the span invariant, the JSON contract."""

from __future__ import annotations

import json

import pytest

import dateline
from dateline.extract.entities import dateline_mentions
from dateline.model import SCHEMA, Article, Failure, Mention, Span

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def sample_articles(pipeline):
    items = list(pipeline.run_paths([str(SAMPLES)]))
    assert not [i for i in items if isinstance(i, Failure)]
    return items


def test_samples_give_every_article(sample_articles):
    heads = sorted(a.headline for a in sample_articles)
    assert len(sample_articles) == 6
    assert "River floods force thousands from homes in northern Italy" in heads
    assert "City festival returns after four-year break" in heads


def test_span_invariant_holds_for_every_span(sample_articles):
    checked = 0
    for a in sample_articles:
        for s in a.spans():
            assert a.text[s.start:s.end] == s.text, (a.headline, s)
            checked += 1
        again = Article.from_dict(json.loads(json.dumps(a.to_dict())))
        for s in again.spans():
            assert again.text[s.start:s.end] == s.text
    assert checked > 200


def test_contract_fields(sample_articles):
    keys = {"schema", "id", "source", "language", "headline", "published", "updated", "byline", "dateline",
            "highlights", "captions", "subheads", "text", "paragraphs", "entities", "quotes", "times",
            "places", "focus", "quantities", "events"}
    for a in sample_articles:
        d = a.to_dict()
        assert set(d) == keys
        assert d["schema"] == SCHEMA
        assert set(d["source"]) == {"path", "url", "format", "index", "id"}


def test_jsonl_ids_are_kept_for_joining_back(sample_articles):
    by_id = {a.source.id: a for a in sample_articles if a.source.id}
    assert set(by_id) == {"wire-0001", "wire-0002", "3"}
    assert by_id["wire-0001"].source.url.endswith("port-strike")
    assert by_id["wire-0001"].published == "2025-03-04"
    assert by_id["wire-0001"].dateline.text == "ROTTERDAM, Netherlands"


def test_html_sample_metadata_and_caption(sample_articles):
    (a,) = [a for a in sample_articles if a.source.format == "html"]
    assert a.byline == "Giulia Ferraro"
    assert a.published == "2024-05-17"
    assert a.dateline.text == "BOLOGNA, Italy"
    assert any(c.credit and "Luca Bianchi" in c.credit.text for c in a.captions)
    assert "Most read" not in a.body and "All rights reserved" not in a.body
    assert [s.text for s in a.subheads] == ["Trains halted"]


def test_seed_entities_cluster_aliases(sample_articles):
    seed = {a.headline: a for a in sample_articles if a.source.path.endswith("seed_dump.txt")}
    mosul = seed["Daesh leader Baghdadi ‘flees Mosul’ as Iraqi forces advance"]
    ents = {e.name.casefold(): e for e in mosul.entities}
    baghdadi = ents["abu bakr al-baghdadi"]
    assert baghdadi.type == "PERSON" and "Baghdadi" in baghdadi.aliases
    assert {"SDF"} <= set(ents["syrian democratic forces"].aliases)
    assert ents["mosul"].type == "GPE"           # the dateline's MOSUL joins Mosul
    assert "MOSUL" in ents["mosul"].aliases
    tech = seed["Battered by Gaza war, Israel’s tech sector in recovery mode"]
    iia = [e for e in tech.entities if e.name == "Israel Innovation Authority"]
    assert iia and "IIA" in iia[0].aliases and len(iia[0].mentions) >= 4


def test_dateline_mentions_relabel_and_add():
    text = "ROTTERDAM, Netherlands: Strike in Rotterdam."
    dl = Span(0, 22, "ROTTERDAM, Netherlands")
    found = dateline_mentions([Mention(11, 22, "Netherlands", "ORG"), Mention(34, 43, "Rotterdam", "PERSON")],
                              dl, text)
    assert [(m.text, m.label) for m in found] == [("ROTTERDAM", "GPE"), ("Netherlands", "GPE"),
                                                  ("Rotterdam", "GPE")]
    assert dateline_mentions(found, None, text) == found


def test_python_api_extract_from_text_and_path(pipeline, seed_path):
    arts = list(dateline.extract(seed_path.read_text(encoding="utf-8"), pipeline=pipeline))
    assert len(arts) == 2
    assert [a.id for a in dateline.extract(seed_path, pipeline=pipeline)] == [a.id for a in arts]


def test_python_api_errors(pipeline, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(dateline.InputError, match="empty.txt"):
        list(dateline.extract(str(tmp_path / "empty.txt"), pipeline=pipeline))
    seen = []
    assert list(dateline.extract([tmp_path / "empty.txt"], pipeline=pipeline, on_error=seen.append)) == []
    assert seen and seen[0].path.endswith("empty.txt")


def test_segmentation_only_runs_without_model():
    p = dateline.Pipeline(dateline.Settings(nlp=False, model="no-such-model"))
    arts = [a for a in p.run_paths([str(SAMPLES / "seed_dump.txt")])]
    assert len(arts) == 2 and all(a.entities == [] for a in arts)


def test_missing_model_is_a_config_error():
    from dateline.errors import ConfigError

    p = dateline.Pipeline(dateline.Settings(model="no_such_model_xyz"))
    with pytest.raises(ConfigError, match="no_such_model_xyz"):
        list(p.run_paths([str(SAMPLES / "seed_dump.txt")]))
