"""eval/time.py: metrics on hand-computed examples, the harness on a tiny gold file,
and a quality gate on TempEval-3 TBAQ."""

from __future__ import annotations

import json

import pytest

from dateline.errors import EvalError
from dateline.eval.time import (
    attribute_scores,
    dateparser_times,
    evaluate_time,
    format_time_report,
    relaxed_pairs,
    span_scores,
)

from .conftest import need_shared


def _t(start, end, value="2000", type_="DATE"):
    return {"start": start, "end": end, "value": value, "type": type_}


def test_relaxed_pairs_are_one_to_one_by_largest_overlap():
    gold = [_t(0, 10), _t(20, 25)]
    pred = [_t(0, 3), _t(2, 12), _t(30, 35)]
    # gold 0 overlaps both 0-3 (3 chars) and 2-12 (8 chars): takes 2-12; gold 1 none
    assert relaxed_pairs(gold, pred) == [(0, 1)]
    # one prediction spanning two gold timexes pairs with only the first
    assert relaxed_pairs([_t(0, 4), _t(5, 9)], [_t(0, 9)]) == [(0, 0)]
    assert relaxed_pairs([], [_t(0, 1)]) == [] and relaxed_pairs([_t(0, 1)], []) == []
    # touching is not overlapping (end-exclusive)
    assert relaxed_pairs([_t(0, 4)], [_t(4, 8)]) == []


def test_span_and_attribute_scores_by_hand():
    s = span_scores(tp=3, n_pred=4, n_gold=6)
    assert s["precision"] == 0.75 and s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)          # 0.6
    a = attribute_scores(correct=2, matched=3, relaxed_f1=0.6)
    assert a["accuracy"] == pytest.approx(2 / 3) and a["f1"] == pytest.approx(0.4)
    assert span_scores(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert attribute_scores(0, 0, 0.0)["accuracy"] == 0.0


@pytest.fixture()
def tiny_gold(tmp_path):
    text = "\nThe strike began on Thursday and lasted two years. Talks resume next week.\n"
    timexes = [
        {"start": 21, "end": 29, "text": "Thursday", "type": "DATE", "value": "2017-03-09", "tid": "t1"},
        {"start": 41, "end": 50, "text": "two years", "type": "DURATION", "value": "P2Y", "tid": "t2"},
        {"start": 65, "end": 74, "text": "next week", "type": "DATE", "value": "2017-W11", "tid": "t3"},
    ]
    for t in timexes:
        assert text[t["start"]:t["end"]] == t["text"]
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps({"id": "d1", "dct": "2017-03-09", "text": text, "timexes": timexes}) + "\n",
                    encoding="utf-8")
    return path


def test_harness_on_a_tiny_gold_file(tiny_gold, pipeline):
    report = evaluate_time(str(tiny_gold), pipeline=pipeline)
    m = report["metrics"]
    assert report["task"] == "time" and report["pages"] == 1 and report["system"] == "dateline"
    assert m["counts"] == {"gold": 3, "predicted": 3, "strict": 3, "relaxed": 3}
    assert m["value"]["f1"] == 1.0 and m["type"]["accuracy"] == 1.0
    assert report["details"][0]["errors"] == []
    table = format_time_report(report)
    assert "value f1" in table and "1.0000" in table


def test_dateparser_baseline_runs(tiny_gold):
    hits = dateparser_times("He came on Thursday.", "2017-03-10")
    assert all(h["type"] == "DATE" and len(h["value"]) == 10 for h in hits)
    report = evaluate_time(str(tiny_gold), system="dateparser")
    assert report["system"] == "dateparser" and report["metrics"]["counts"]["gold"] == 3
    both = dict(report, baseline=report)
    assert "gain" in format_time_report(both)


def test_bad_inputs(tmp_path, tiny_gold):
    with pytest.raises(EvalError):
        evaluate_time(str(tmp_path / "missing.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError):
        evaluate_time(str(bad))
    with pytest.raises(EvalError):
        evaluate_time(str(tiny_gold), system="heideltime")


def test_quality_gate_tbaq(pipeline):
    """Pinned just below the scores reached on all 256 documents (value F1 0.803, relaxed
    F1 0.941, strict 0.842, type 0.901). TBAQ was also the set the rules were tuned on
    (since 2026-11-25 only its first 128 documents: value F1 0.827 there, 0.783 on the
    other 128), so the whole-set figures are not held-out ones."""
    path = need_shared("eval", "time", "tbaq.jsonl")
    m = evaluate_time(str(path), pipeline=pipeline)["metrics"]
    assert m["relaxed"]["f1"] >= 0.937
    assert m["strict"]["f1"] >= 0.838
    assert m["value"]["f1"] >= 0.80
    assert m["type"]["f1"] >= 0.897
