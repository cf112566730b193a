"""Scoring of ``dateline eval event-types``: metrics on tiny hand-made files, the
SHOOTING mapping and the fallback, and the quality gate on CASE 2021 task 2."""

from __future__ import annotations

import json

import pytest

from dateline.errors import EvalError
from dateline.eval import run_eval
from dateline.eval.event_types import (
    SUBTASKS, case_label, evaluate_event_types, fallback_label, format_event_types_report, label_scores,
)

from .conftest import need_shared


def _write(tmp_path, rows):
    path = tmp_path / "types.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_label_scores_by_hand():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "B"]
    s = label_scores(gold, pred)
    assert s["per_label"]["A"] == {"p": 1.0, "r": 0.5, "f1": pytest.approx(2 / 3), "n": 2}
    assert s["per_label"]["B"]["p"] == pytest.approx(1 / 3)
    assert s["per_label"]["B"]["r"] == 1.0
    assert s["per_label"]["C"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "n": 1}
    assert s["micro_f1"] == 0.5
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0.0) / 3)
    assert s["macro_p"] == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert s["macro_r"] == pytest.approx((0.5 + 1 + 0) / 3)


def test_label_scores_restricted_to_a_label_set():
    s = label_scores(["A", "B"], ["A", "X"], labels=("A", "B"))
    assert set(s["per_label"]) == {"A", "B"}      # X counts as wrong but is not averaged
    assert s["macro_f1"] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        label_scores(["A"], [])


def test_evaluate_tiny_file(tmp_path):
    path = _write(tmp_path, [
        {"id": 1, "text": "A suicide bomber blew himself up at a checkpoint, killing four soldiers.", "label": "SUIC_BOMB"},
        {"id": 2, "text": "Police fired tear gas to disperse the protesters outside the ministry.", "label": "PROTEST_WITH_INTER"},
        {"id": 3, "text": "A 6.2 magnitude earthquake shook the island.", "label": "NATURAL_DISASTER"},
        {"id": 4, "text": "The ministry expelled two diplomats and imposed sanctions.", "label": "ATTRIB"},
    ])
    report = evaluate_event_types(str(path))
    m = report["metrics"]
    assert report["task"] == "event-types" and report["pages"] == 4 and report["dataset"] == "types"
    assert m["micro_f1"] == 0.75
    assert m["per_label"]["ATTRIB"]["r"] == 0.0 and m["per_label"]["DIPLO"]["p"] == 0.0
    assert m["macro_f1"] == pytest.approx(3 / 5)          # 3 right labels, ATTRIB and DIPLO wrong
    assert m["subtasks"][1]["n"] == 2 and m["subtasks"][1]["micro_f1"] == 1.0
    assert m["subtasks"][2]["n"] == 3 and m["subtasks"][3]["n"] == 4
    assert m["held_out_even"]["n"] == 2 and m["held_out_even"]["micro_f1"] == 0.5
    assert m["dev_odd"]["micro_f1"] == 1.0
    assert evaluate_event_types(str(path), half="even")["pages"] == 2
    assert evaluate_event_types(str(path), half="odd", limit=2)["pages"] == 1
    text = format_event_types_report(report)
    assert "macro f1" in text and "held_out_even" in text and "SUIC_BOMB" in text


def test_run_eval_registry_and_baseline(tmp_path):
    path = _write(tmp_path, [{"id": 1, "text": "Rebels and soldiers clashed overnight.", "label": "ARMED_CLASH"}])
    report = run_eval("event-types", str(path))
    assert report["metrics"]["micro_f1"] == 1.0
    base = evaluate_event_types(str(path), system="keywords")
    assert base["system"] == "keywords"
    assert "gain" in format_event_types_report(report, base)


def test_bad_input(tmp_path):
    with pytest.raises(EvalError):
        evaluate_event_types(str(tmp_path / "missing.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="bad.jsonl:1"):
        evaluate_event_types(str(bad))
    path = _write(tmp_path, [{"id": 1, "text": "x", "label": "OTHER"}])
    with pytest.raises(EvalError):
        evaluate_event_types(str(path), half="middle")


def test_shooting_is_mapped_to_acled_labels():
    assert case_label("A man was shot outside a bar on Main Street late Friday.") == ("ATTACK", "shooting")
    assert case_label("Two soldiers and a militant were shot during the night in the village.") == \
        ("ARMED_CLASH", "shooting")


def test_fallback():
    assert fallback_label("Crowds of students gathered in protest.") == "PEACE_PROTEST"
    assert fallback_label("Several soldiers died in the north.") == "ARMED_CLASH"
    assert fallback_label("The minister spoke about the economy.") == "OTHER"
    assert case_label("The minister spoke about the economy.") == ("OTHER", "fallback")
    assert set(SUBTASKS[3]) >= set(SUBTASKS[2]) >= set(SUBTASKS[1]) and len(SUBTASKS[3]) == 30


# Quality gate: pinned just under what the rules reach on the whole file; the even-id
# half was held out from rule development (rules were written looking at odd ids only).
def test_quality_gate_case2021():
    path = need_shared("eval", "events", "case2021-types-dev.jsonl")
    report = evaluate_event_types(str(path))
    m = report["metrics"]
    assert report["pages"] == 504
    assert m["macro_f1"] >= MACRO_F1_MIN, m["macro_f1"]
    assert m["micro_f1"] >= MICRO_F1_MIN, m["micro_f1"]
    assert m["held_out_even"]["macro_f1"] >= HELD_OUT_MACRO_F1_MIN, m["held_out_even"]


MACRO_F1_MIN = 0.81
MICRO_F1_MIN = 0.83
HELD_OUT_MACRO_F1_MIN = 0.65
