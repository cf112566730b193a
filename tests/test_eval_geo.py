"""Quality gate for geoparsing (LGL, TR-News): figures pinned just below those reached.

Gold-span resolution runs on the whole of both sets (no spaCy, about a second).
Own recognition needs spaCy, so the gate scores only the first 60 LGL documents.
"""

from __future__ import annotations

import math

import pytest

from dateline.eval.geo import MAX_ERROR_KM, error_stats, evaluate_geo, format_geo_report, match_spans
from tests.conftest import need_shared

# reached on the first 60 LGL documents with en_core_web_sm: F1 0.725, acc@161 0.615
RECOGNITION_F1 = 0.71
OWN_ACC = 0.60


def test_error_stats_and_matching():
    s = error_stats([0.0, 100.0, 200.0, MAX_ERROR_KM])
    assert s["acc@161"] == 0.5 and s["median_km"] == 150.0
    logs = [0.0, math.log(101), math.log(201), math.log(1 + MAX_ERROR_KM)]
    expected = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (math.log(MAX_ERROR_KM) * 3)
    assert s["auc"] == round(expected, 4)
    assert match_spans([(0, 5), (10, 15)], [(1, 4), (0, 5), (20, 25)]) == {0: 1}


# reached: LGL acc@161 0.8501, AUC 0.211; TR-News 0.8918, AUC 0.148
@pytest.mark.parametrize("name, acc, auc", [("lgl.jsonl", 0.845, 0.22), ("tr-news.jsonl", 0.885, 0.155)])
def test_gold_span_resolution_gate(name, acc, auc):
    report = evaluate_geo(str(need_shared("eval", "geo", name)), gold_spans=True)
    res = report["metrics"]["resolution"]
    assert res["acc@161"] >= acc and res["auc"] <= auc, format_geo_report(report)


def test_own_recognition_gate(pipeline):
    report = evaluate_geo(str(need_shared("eval", "geo", "lgl.jsonl")), limit=60, pipeline=pipeline)
    m = report["metrics"]
    assert m["recognition"]["f1"] >= RECOGNITION_F1 and m["resolution"]["acc@161"] >= OWN_ACC, format_geo_report(report)
    assert "recognition" in format_geo_report(report)

