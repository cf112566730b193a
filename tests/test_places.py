"""Places in the seed articles, with the real pipeline (extract_places called directly)."""

from __future__ import annotations

import pytest

from dateline.extract.places import article_focus, extract_places
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def seed_places(pipeline):
    out = {}
    nlp = pipeline.nlp
    for article in pipeline.run_paths([str(SAMPLES / "seed_dump.txt")]):
        if not hasattr(article, "text"):
            continue
        docs = [(span.start, nlp(span.text)) for _, span in article.blocks()]
        out[article.dateline.text if article.dateline else article.headline] = (article, extract_places(article, docs))
    return out


def _by_text(places):
    found = {}
    for p in places:
        found.setdefault(p["text"], p)
    return found


def test_spans_index_the_text(seed_places):
    for article, places in seed_places.values():
        assert places
        for p in places:
            assert article.text[p["start"]:p["end"]] == p["text"]
            s = p["sentence"]
            assert s["start"] <= p["start"] < p["end"] <= s["end"]
            if p["relative"]:
                r = p["relative"]
                assert article.text[r["start"]:r["end"]] == r["text"]


def test_mosul_article(seed_places):
    article, places = seed_places["MOSUL, Iraq"]
    found = _by_text(places)
    expected = {"Mosul": ("Mosul", "IQ"), "Tal Afar": ("Tall ‘Afar", "IQ"), "Raqqa": ("Ar Raqqah", "SY"),
                "Aleppo": ("Aleppo", "SY"), "Al-Bab": ("Al Bāb", "SY"), "Tikrit": ("Tikrīt", "IQ"),
                "Baghdad": ("Baghdad", "IQ"), "Syria": ("Syria", "SY"), "Iraq": ("Iraq", "IQ")}
    for surface, (name, cc) in expected.items():
        assert (found[surface]["name"], found[surface]["country"]) == (name, cc), surface
    mosul = found["Mosul"]
    assert abs(mosul["lat"] - 36.34) < 0.1 and abs(mosul["lon"] - 43.13) < 0.1
    assert found["Syria"]["feature"] == "country" and found["Iraq"]["precision"] == "country"
    washington = found["Washington"]
    assert (washington["country"], washington["admin1"]) == ("US", "District of Columbia")
    tikrit = found["Tikrit"]
    assert tikrit["relative"]["direction"] == "north" and tikrit["relative"]["anchor"] == "Tikrīt"
    assert tikrit["precision"] == "approximate"
    assert not any(p["country"] not in ("IQ", "SY", "US") for p in places)
    focus = article_focus(places)
    assert (focus["name"], focus["country"], focus["source"]) == ("Mosul", "IQ", "dateline")


def test_tech_article(seed_places):
    article, places = seed_places["JERUSALEM"]
    found = _by_text(places)
    for surface, cc in {"Israel": "IL", "Gaza": "PS", "Lebanon": "LB", "Iran": "IR", "Yemen": "YE",
                        "West Bank": "PS", "JERUSALEM": "IL"}.items():
        assert found[surface]["country"] == cc, surface
    assert found["JERUSALEM"]["dateline"] and found["Israel"]["feature"] == "country"
    focus = article_focus(places)
    assert (focus["name"], focus["country"]) == ("Jerusalem", "IL")


def test_no_places_without_entities():
    from dateline.model import Article, Span

    text = "Nothing here."
    assert extract_places(Article(text=text, paragraphs=[Span.of(text, 0, len(text))]), []) == []
    assert article_focus([]) is None
