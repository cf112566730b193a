"""eval/quotes.py: span normalisation, one-to-one matching and the metrics on tiny
hand-built records (expected numbers worked out by hand in the comments), the harness
and the textacy baseline on small files, and a quality gate on PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import EvalError
from dateline.eval import BASELINES, TASKS, format_task_report, run_eval
from dateline.eval.quotes import (
    covering,
    evaluate_quotes,
    format_quotes_report,
    match,
    normalise,
    predicted_items,
    record_article,
    score_document,
    summarise,
)

from .conftest import need_shared


def sp(text: str, sub: str, nth: int = 0) -> dict:
    """The span of the ``nth`` occurrence of ``sub`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "text": sub}


def quote(text, content, kind="direct", speaker=None, cue=None, **more):
    return {"kind": kind, "content": sp(text, content) if content else None,
            "speaker": {"name": speaker, "span": sp(text, speaker)} if speaker else None,
            "cue": sp(text, cue) if cue else None, **more}


# ---------------------------------------------------------------- spans


def test_normalise_strips_whitespace_punctuation_and_quote_marks():
    text = " “Hello, world.” ''Yes,'' he said: «non» "
    assert text[slice(*normalise(text, 0, 16))] == "Hello, world"
    s = text.index("''Yes")
    assert text[slice(*normalise(text, s, s + 9))] == "Yes"
    s = text.index("«")
    assert text[slice(*normalise(text, s - 1, s + 6))] == "non"
    colon = text.index(":")
    assert normalise(text, colon, colon + 1) == (colon, colon + 1)   # would be empty: raw kept


def test_covering_of_dicts_lists_and_none():
    assert covering({"start": 3, "end": 9, "text": "x"}) == (3, 9)
    assert covering([{"start": 10, "end": 12}, {"start": 2, "end": 5}]) == (2, 12)
    assert covering(None) is None and covering([]) is None and covering({"start": 1}) is None


def test_bad_predicted_spans_are_invalid():
    text = "abc def"
    items = predicted_items(text, [{"kind": "direct", "content": {"start": 2, "end": 99, "text": "?"}},
                                   {"kind": "indirect"}, {"kind": "partial", "pieces": [sp(text, "def")]}])
    assert [i["content"] for i in items] == [None, None, (4, 7)]
    assert [i["direct"] for i in items] == [True, False, False]


# ---------------------------------------------------------------- metrics by hand

TEXT = ("“We will rebuild,” the mayor said. “All of it.”\n"
        "Officials said that the bridge would reopen.\n"
        "It is said that taxes rise.")


def gold():
    t = TEXT
    return [
        {"id": "E1", "content": [sp(t, "“We will rebuild,”"), sp(t, "“All of it.”")],  # discontinuous
         "source": sp(t, "the mayor"), "cue": sp(t, "said"), "direct": True},
        {"id": "E2", "content": sp(t, "that the bridge would reopen"),
         "source": sp(t, "Officials"), "cue": sp(t, "said", 1), "direct": False},
        {"id": "E3", "content": sp(t, "that taxes rise"), "source": None,
         "cue": sp(t, "is said"), "direct": False},
    ]


def predictions():
    t = TEXT
    return [
        quote(t, "We will rebuild,", "direct", "mayor", "said"),                 # P1 ~ E1, speaker overlaps only
        {**quote(t, "that the bridge would reopen.", "indirect", "Officials"),
         "cue": sp(t, "said", 1)},                                              # P2 = E2 once normalised
        quote(t, "taxes rise", "partial", "It", "is said"),                     # P3 ~ E3; gold has no source
        quote(t, "All of it.", "direct"),                                       # P4 also inside E1: a false positive
    ]


def test_matching_is_one_to_one_and_greedy_by_overlap():
    golds = [{"content": (0, 50)}, {"content": (60, 70)}]
    preds = [{"content": (40, 65)}, {"content": (5, 45)}, {"content": (5, 45)}]
    # overlaps: P1-G0 40, P2-G0 40, P0-G0 10, P0-G1 5. Greedy by size: P1 takes G0 (tie with P2
    # broken by prediction order), P0-G0 is then blocked, so P0 takes G1.
    assert match(preds, golds, exact=False) == [(1, 0), (0, 1)]
    assert match(preds, [{"content": (5, 45)}], exact=True) == [(1, 0)]    # the duplicate is left over


def test_metrics_on_a_hand_built_record():
    m = summarise(score_document(TEXT, gold(), predictions()))
    ov, ex = m["overlap"], m["exact"]
    # overlap: P1-E1, P2-E2, P3-E3 matched; P4 overlaps E1 too but E1 is taken
    assert (ov["all"]["gold"], ov["all"]["predicted"]) == (3, 4)
    assert ov["all"]["precision"] == pytest.approx(3 / 4) and ov["all"]["recall"] == 1.0
    assert ov["all"]["f1"] == pytest.approx(2 * 0.75 / 1.75)
    # direct: recall over gold direct (E1 found: 1/1), precision over predicted direct (P1 yes, P4 no)
    assert ov["direct"]["recall"] == 1.0 and ov["direct"]["precision"] == 0.5
    assert ov["direct"]["f1"] == pytest.approx(2 / 3)
    assert ov["indirect"]["precision"] == ov["indirect"]["recall"] == ov["indirect"]["f1"] == 1.0
    # speakers: "mayor" overlaps "the mayor" (not exact); "Officials" exact; "It" vs null: wrong
    assert ov["all"]["speaker"] == {"overlap": pytest.approx(2 / 3), "exact": pytest.approx(1 / 3), "pairs": 3}
    assert ov["direct"]["speaker"] == {"overlap": 1.0, "exact": 0.0, "pairs": 1}
    assert ov["indirect"]["speaker"] == {"overlap": 0.5, "exact": 0.5, "pairs": 2}
    assert ov["all"]["cue"]["overlap"] == ov["all"]["cue"]["exact"] == 1.0
    assert ov["all"]["kind"]["accuracy"] == 1.0          # partial counts as indirect
    # exact: only P2-E2 ("that the bridge would reopen." loses its full stop)
    assert ex["all"]["precision"] == pytest.approx(1 / 4) and ex["all"]["recall"] == pytest.approx(1 / 3)
    assert ex["all"]["f1"] == pytest.approx(2 / 7)
    assert ex["direct"]["f1"] == 0.0 and ex["indirect"]["f1"] == pytest.approx(0.5)
    assert ex["all"]["speaker"]["exact"] == 1.0 and ex["all"]["speaker"]["pairs"] == 1


def test_exact_match_of_a_discontinuous_gold_uses_its_covering_span():
    cover = TEXT[: TEXT.index("\n")]                      # “We will ... All of it.”
    m = summarise(score_document(TEXT, gold()[:1], [quote(TEXT, cover, "direct", "the mayor", "said")]))
    assert m["exact"]["all"]["f1"] == 1.0 and m["exact"]["direct"]["speaker"]["exact"] == 1.0


def test_missing_speakers_and_cues():
    t = TEXT
    golds = gold()[1:]                                    # E2 has a source, E3 none
    preds = [quote(t, "that the bridge would reopen"),                    # no speaker, no cue
             {**quote(t, "that taxes rise", "indirect"), "speaker": {"name": "x", "span": None}}]
    m = summarise(score_document(t, golds, preds))["overlap"]["all"]
    assert m["speaker"]["overlap"] == 0.5              # E3: null gold, null predicted span: correct
    assert m["cue"]["overlap"] == 0.0
    assert m["kind"]["accuracy"] == 0.5                # the first one was predicted direct


def test_no_predictions_and_invalid_ones():
    c = score_document(TEXT, gold(), [])
    m = summarise(c)
    assert m["overlap"]["all"]["precision"] == 0.0 and m["overlap"]["all"]["f1"] == 0.0
    c = score_document(TEXT, gold(), [{"kind": "direct"}])
    assert c["invalid"] == 1 and summarise(c)["overlap"]["direct"]["predicted"] == 1


# ---------------------------------------------------------------- harness


def test_record_article_keeps_the_text_and_its_offsets():
    text = "A headline.\n\n  First paragraph.\nSecond line.\n\n"
    a = record_article({"id": "x", "text": text, "attributions": []})
    assert a.text == text and a.headline == "A headline."
    assert [p.text for p in a.paragraphs] == ["First paragraph.", "Second line."]
    assert all(text[p.start:p.end] == p.text for p in a.paragraphs)
    assert [k for k, _ in a.blocks()] == ["headline", "paragraph", "paragraph"]
    assert a.source.id == "x"


def write_records(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    second = "Tax plan.\n\n“It is a fine plan for all of us,” Jones said. Jones said that it will pass."
    return write_records(tmp_path / "tiny.jsonl", [
        {"id": "a", "text": TEXT.replace("\n", "\n\n", 1), "attributions": []},
        {"id": "b", "text": second, "attributions": [
            {"id": "E1", "content": sp(second, "“It is a fine plan for all of us,”"),
             "source": sp(second, "Jones"), "cue": sp(second, "said"), "direct": True},
            {"id": "E2", "content": sp(second, "that it will pass"), "source": sp(second, "Jones", 1),
             "cue": sp(second, "said", 1), "direct": False}]},
    ])


def test_evaluate_quotes_with_an_extractor(tiny, pipeline):
    seen = []

    def extractor(article, docs):
        seen.append((article.source.id, [off for off, _ in docs]))
        if article.source.id == "b":
            return [quote(article.text, "It is a fine plan for all of us,", "direct", "Jones", "said")]
        return []

    report = evaluate_quotes(str(tiny), pipeline=pipeline, extractor=extractor)
    assert report["task"] == "quotes" and report["dataset"] == "tiny" and report["documents"] == 2
    assert report["extractor"] == "extractor" and report["failed"] == 0
    assert seen[1] == ("b", [0, 11])                    # headline and body, parsed once each
    m = report["metrics"]
    assert m["exact"]["all"]["precision"] == 1.0 and m["exact"]["all"]["recall"] == 0.5
    assert m["exact"]["direct"]["recall"] == 1.0 and m["exact"]["indirect"]["recall"] == 0.0
    assert report["details"][1] == {"id": "b", "publisher": None, "gold": 2, "predicted": 1,
                                    "exact": 1, "overlap": 1, "speaker": 1, "cue": 1}
    assert evaluate_quotes(str(tiny), pipeline=pipeline, extractor=extractor, limit=1)["documents"] == 1
    text = format_task_report({**report, "baseline": report})
    assert "exact direct F1 (P/R)" in text and "gain F1" in text and "speaker all" in text


def test_unavailable_extractor_and_bad_files(tmp_path, tiny):
    class Missing:
        __name__ = "missing"

        def unavailable(self):
            return "not installed"

        def __call__(self, article, docs):  # pragma: no cover
            return []

    report = evaluate_quotes(str(tiny), extractor=Missing())
    assert report["unavailable"] == "not installed" and "metrics" not in report
    assert "missing: unavailable: not installed" in format_quotes_report(report)
    with pytest.raises(EvalError, match="no such file"):
        evaluate_quotes(str(tmp_path / "nope.jsonl"))
    with pytest.raises(EvalError, match="unknown quote extractor"):
        evaluate_quotes(str(tiny), extractor="nope")
    bad = write_records(tmp_path / "bad.jsonl", [{"text": "no attributions"}])
    with pytest.raises(EvalError, match="bad.jsonl:1: not a quotes gold record"):
        evaluate_quotes(str(bad))


def test_registered_with_a_textacy_baseline(tiny, pipeline):
    pytest.importorskip("textacy")
    assert TASKS["quotes"] is evaluate_quotes and BASELINES["quotes"] == {"extractor": "textacy"}
    report = run_eval("quotes", str(tiny), baseline=True, pipeline=pipeline)
    base = report["baseline"]
    assert base["extractor"] == "textacy" and base["documents"] == 2 and base["failed"] == 0
    # textacy finds the direct quote with its speaker and cue, and nothing indirect
    ov = base["metrics"]["overlap"]
    assert ov["direct"]["recall"] == 1.0 and ov["all"]["predicted"] >= 1
    assert ov["direct"]["speaker"]["exact"] == 1.0 and ov["direct"]["cue"]["exact"] == 1.0
    assert ov["indirect"]["recall"] == 0.0
    assert "textacy" in format_task_report(report)


# ---------------------------------------------------------------- quality gate on PolNeAR dev

# >>> FLOORS: our extractor on polnear-dev, pinned a little below a measured run. <<<
# Measured on 2026-11-25 (dateline eval quotes ../shared/eval/quotes/polnear-dev.jsonl):
#   overlap F1 all 0.7412 (P 0.927 R 0.618), direct 0.9492, indirect 0.6785; exact F1 all 0.5312,
#   exact direct 0.8584; on overlap-matched pairs speaker 0.8713 (direct 0.8850), cue 0.8839;
#   content+speaker F1 all 0.6458, direct 0.8147. textacy direct_quotations, for reference:
#   overlap F1 all 0.3524, direct 0.7768; exact all 0.1252; content+speaker all 0.3147. Raise the floors when the
#   extractor improves; a drop under them is a regression to explain, not to re-pin silently.
FLOORS = {
    ("overlap", "all", "f1"): 0.73,
    ("overlap", "direct", "f1"): 0.94,
    ("overlap", "indirect", "f1"): 0.665,
    ("exact", "all", "f1"): 0.52,
    ("exact", "direct", "f1"): 0.85,
    ("overlap", "all", "speaker"): 0.86,
    ("overlap", "direct", "speaker"): 0.875,
    ("overlap", "all", "cue"): 0.87,
    ("overlap", "all", "with_speaker_f1"): 0.635,
}


def test_quality_gate_polnear_dev(pipeline):
    path = need_shared("eval", "quotes", "polnear-dev.jsonl")
    report = evaluate_quotes(str(path), pipeline=pipeline)
    assert report["documents"] == 84 and report["failed"] == 0
    assert report["metrics"]["exact"]["all"]["gold"] == 2189
    for (matching, split, name), floor in FLOORS.items():
        m = report["metrics"][matching][split]
        score = (m[name] if name == "f1" else m["with_speaker"]["f1"] if name == "with_speaker_f1"
                 else m[name]["overlap"])
        assert score >= floor, f"{matching} {split} {name} {score:.4f} < {floor}\n" + format_quotes_report(report)


def test_content_plus_speaker_counts_only_right_speakers():
    """Two gold quotes; both contents found, one with the wrong speaker:
    content+speaker P = R = 1/2."""
    from dateline.eval.quotes import score_document, summarise

    text = "“Alpha beta gamma,” Ann said. “Delta epsilon zeta,” Bob said."
    a0, a1 = text.index("“Alpha"), text.index("“Delta")
    ann, bob = text.index("Ann"), text.index("Bob")

    def span(start, end):
        return {"start": start, "end": end, "text": text[start:end]}

    gold = [
        {"source": span(ann, ann + 3), "cue": span(ann + 4, ann + 8),
         "content": span(a0, text.index(" Ann")), "direct": True},
        {"source": span(bob, bob + 3), "cue": span(bob + 4, bob + 8),
         "content": span(a1, text.index(" Bob")), "direct": True},
    ]

    def quote(c0, c1, s0, s1):
        return {"kind": "direct", "content": {"start": c0, "end": c1, "text": text[c0:c1]},
                "speaker": {"span": {"start": s0, "end": s1, "text": text[s0:s1]}}}

    preds = [quote(a0 + 1, a0 + 17, ann, ann + 3), quote(a1 + 1, a1 + 19, ann, ann + 3)]
    m = summarise(score_document(text, gold, preds))["overlap"]["all"]["with_speaker"]
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5
