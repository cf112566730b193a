"""eval/events.py: scoring helpers on hand-made records, the harness on a tiny file, and a
quality gate on the first incidents of the GVA set."""

from __future__ import annotations

import json

import pytest

from dateline.errors import EvalError
from dateline.eval.events import (
    city_of,
    evaluate_events,
    format_events_report,
    pick_incident,
    score_incident,
    select_part,
    state_name,
    summarise,
)

from .conftest import need_shared

GOLD = {"date": "2014-01-12", "state": "Illinois", "city": "Chicago (Englewood)", "killed": 1, "injured": 2}


def _incident(**kw):
    base = {"family": "violence", "code": "SHOOTING", "n_articles": 1, "confidence": 0.8,
            "date": {"value": "2014-01-12"}, "killed": 1, "injured": 2,
            "place": {"name": "Chicago", "admin1": "Illinois", "country": "US", "precision": "city",
                      "relative": None}}
    return base | kw


def test_state_names_from_admin1():
    assert state_name("US.IL") == "Illinois"
    assert state_name("IL") == "Illinois"
    assert state_name("Illinois") == "Illinois"
    assert state_name("IQ.15", "IQ") is None and state_name(None) is None


def test_city_of_places():
    assert city_of({"name": "Elgin", "precision": "city"}) == "Elgin"
    assert city_of({"name": "Cook County", "precision": "approximate", "relative": None}) == "Cook"
    assert city_of({"name": "Illinois", "precision": "admin1"}) is None
    assert city_of(None) is None


def test_score_incident_fields():
    s = score_incident(GOLD, _incident())
    assert s["found"] and s["date"] and s["state"] and s["killed"] and s["injured"] and s["both"]
    assert s["city_lenient"] and not s["city_strict"]          # gold "Chicago (Englewood)"
    s = score_incident(GOLD, _incident(killed=None, injured={"min": 3, "max": 3}, date={"value": "2014-01-13"}))
    assert not s["killed"] and s["killed_error"] == 1        # no figure on a found incident counts 0
    assert not s["injured"] and s["injured_error"] == 1 and not s["date"]
    s = score_incident(GOLD, None)
    assert not any(s[k] for k in ("found", "date", "city_lenient", "state", "killed", "injured", "both"))
    assert s["killed_error"] == 1 and s["injured_error"] == 2
    # state from the text when the place has none; St./Saint folded
    s = score_incident({**GOLD, "city": "Saint Louis", "state": "Missouri"},
                       _incident(place={"name": "St. Louis", "admin1": None, "country": "US",
                                        "precision": "city"}), ["Missouri"])
    assert s["city_strict"] and s["state"]


def test_pick_incident_prefers_corroborated_violence():
    one = _incident(n_articles=1, confidence=0.9)
    two = _incident(n_articles=2, confidence=0.5)
    arrest = _incident(family="strategic", n_articles=5)
    assert pick_incident([one, two, arrest]) is two
    assert pick_incident([arrest]) is None


def test_select_part_halves():
    recs = list(range(7))
    assert select_part(recs, "first") == [0, 1, 2]
    assert select_part(recs, "second") == [3, 4, 5, 6]
    assert select_part(recs, "second", limit=2) == [3, 4]
    with pytest.raises(EvalError):
        select_part(recs, "third")


def test_summarise_rates():
    d = [score_incident(GOLD, _incident()) | {"events": 1}, score_incident(GOLD, None) | {"events": 0}]
    m = summarise(d)
    assert m["found"] == 0.5 and m["killed"] == 0.5 and m["events_per_incident"] == 0.5


def test_harness_on_tiny_file(tmp_path, pipeline):
    rec = {"incident_id": "1", "gold": {"date": "2014-01-12", "state": "Illinois", "city": "Elgin",
                                        "killed": 0, "injured": 5, "participants": []},
           "articles": [{"id": "a1", "title": "Elgin shooting leaves 5 injured", "date": "2014-01-12",
                         "url": "http://example.com/a1", "original_url": "http://example.com/a1",
                         "text": "Five people were injured in a shooting in Elgin, Illinois, early Sunday, "
                                 "authorities said.\n\nAll five were expected to survive."}]}
    path = tmp_path / "gva.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    report = evaluate_events(str(path), pipeline=pipeline)
    assert report["incidents"] == 1 and report["articles"] == 1
    m = report["metrics"]
    assert m["found"] == 1.0 and m["injured"] == 1.0 and m["killed"] == 1.0 and m["city_lenient"] == 1.0
    assert m["date"] == 1.0 and m["events_per_incident"] == 1.0
    text = format_events_report(report)
    assert "events_per_incident" in text and "injured" in text
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"incident_id": 1}\n', encoding="utf-8")
    with pytest.raises(EvalError):
        evaluate_events(str(bad), pipeline=pipeline)


def test_gva_quality_gate(pipeline):
    """First 150 incidents of gva-dev; pins sit just under the figures reached (see README)."""
    path = need_shared("eval", "events", "gva-dev.jsonl")
    report = evaluate_events(str(path), limit=150, pipeline=pipeline)
    m = report["metrics"]
    assert m["found"] >= 0.95          # reached 0.96
    assert m["killed"] >= 0.85         # 0.86
    assert m["injured"] >= 0.70        # 0.7067 (was 0.7267: merges changed by the new dates/towns)
    assert m["date"] >= 0.72           # 0.7267
    assert m["city_lenient"] >= 0.61   # 0.62
    assert m["events_per_incident"] <= 1.34   # 1.3267 (round-ups are aggregates, retold sentences fold)


def test_county_cities_compare_without_their_marker():
    from dateline.eval.events import score_incident

    gold = {"date": "2016-01-02", "state": "Georgia", "city": "Bartow County", "killed": 1, "injured": 0}
    picked = {"place": {"name": "Bartow County", "precision": "approximate", "relative": None,
                        "country": "US", "admin1": "US.GA"}, "date": {"value": "2016-01-02"},
              "killed": {"min": 1}, "injured": None}
    got = score_incident(gold, picked)
    assert got["city_strict"] and got["city_lenient"]
    gold2 = dict(gold, city="Charles Mix (county)")
    picked2 = {**picked, "place": {**picked["place"], "name": "Charles Mix County"}}
    assert score_incident(gold2, picked2)["city_lenient"]
    assert not score_incident(dict(gold, city="Cartersville"), picked)["city_strict"]


def test_one_town_under_the_gazetteer_and_gva_names():
    from dateline.eval.events import score_incident

    def city(pred, gold):
        picked = {"place": {"name": pred, "precision": "city", "relative": None, "country": "US", "admin1": "US.NY"},
                  "date": {"value": "2016-01-02"}, "killed": None, "injured": None}
        return score_incident({"date": "2016-01-02", "state": "New York", "city": gold, "killed": 0, "injured": 0},
                              picked)["city_lenient"]
    assert city("The Bronx", "Bronx") and city("New York City", "New York") and city("Bronx", "New York (Bronx)") is False
    assert not city("New York", "New York City") and not city("Jersey City", "Jersey Shore")


def test_cli_part_scores_one_half(tmp_path):
    from click.testing import CliRunner

    from dateline.cli import main

    def rec(iid, town):
        return {"incident_id": iid, "gold": {"date": "2014-01-12", "state": "Illinois", "city": town,
                                             "killed": 0, "injured": 2, "participants": []},
                "articles": [{"id": f"a{iid}", "title": f"{town} shooting", "date": "2014-01-12",
                              "url": "http://example.com/x", "original_url": "http://example.com/x",
                              "text": f"Two people were injured in a shooting in {town}, Illinois, on Sunday."}]}
    path = tmp_path / "gva.jsonl"
    path.write_text("".join(json.dumps(rec(str(i), t)) + "\n" for i, t in enumerate(["Elgin", "Aurora"], 1)),
                    encoding="utf-8")
    run = CliRunner().invoke(main, ["eval", "events", str(path), "--part", "second", "--json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.output)
    assert report["part"] == "second" and report["incidents"] == 1
    assert [d["gold"]["city"] for d in report["details"]] == ["Aurora"]
    run = CliRunner().invoke(main, ["eval", "quantities", "--part", "first"])
    assert run.exit_code != 0 and "--part is for the events task" in run.output
