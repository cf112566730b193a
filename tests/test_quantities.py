"""Quantities: number reading, each finding rule and exclusion, the span invariant, the seed."""

from __future__ import annotations

import pytest

from dateline.extract.quantities import extract_quantities
from dateline.extract.quantities.numbers import NUMBER_WORDS, VAGUE, parse_number
from dateline.extract.times import extract_times
from dateline.model import Article, Span


# ---------------------------------------------------------------- numbers.py

@pytest.mark.parametrize("text, value", [
    ("1,200", 1200), ("15.6", 15.6), ("3.5m", 3_500_000), ("eight", 8), ("twenty-three", 23),
    ("one hundred and five", 105), ("a dozen", 12), ("two dozen", 24), ("a hundred", 100),
    ("1.5 million", 1_500_000), ("$15.6 billion", 15_600_000_000), ("US$3bn", 3_000_000_000),
    ("£40k", 40_000), ("tens of thousands", 10_000), ("hundreds of thousands", 100_000),
    ("dozens", 12), ("two thousand five hundred", 2500), ("half a million", 500_000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "Tuesday", "and", "a", "12 km", "1 / 3", "people"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_vague_and_number_words_tables():
    assert VAGUE["dozens"] == 12 and VAGUE["scores"] == 20 and VAGUE["hundreds"] == 100
    assert VAGUE["tens of thousands"] == 10_000 and VAGUE["several"] == 3 and VAGUE["a few"] == 3
    assert NUMBER_WORDS["nineteen"] == 19 and NUMBER_WORDS["ninety"] == 90


# ---------------------------------------------------------------- extractor

@pytest.fixture(scope="module")
def q(nlp):
    def run(text: str) -> list[dict]:
        article = Article(text=text, paragraphs=[Span(0, len(text), text)], published="2024-05-01")
        docs = [(0, nlp(text))]
        article.times = extract_times(article, docs)
        found = extract_quantities(article, docs)
        for x in found:
            assert text[x["start"]:x["end"]] == x["text"]
            if x["noun"]:
                assert text[x["noun"]["start"]:x["noun"]["end"]] == x["noun"]["text"]
        return found
    return run


def test_casualty_counts_with_qualifier_and_noun(q):
    found = q("The strike killed at least 23 civilians, among them eight children and six women.")
    assert [(x["text"], x["value"], x["qualifier"], x["noun"]["text"]) for x in found] == [
        ("at least 23", 23, "at least", "civilians"), ("eight", 8, None, "children"), ("six", 6, None, "women")]
    assert all(x["kind"] == "count" and x["unit"] == "count" for x in found)


def test_compound_noun_kept(q):
    (x,) = q("Police said two suicide bombers attacked the wedding.")
    assert x["noun"]["text"] == "suicide bombers" and x["noun"]["lemma"] == "bomber"


def test_elliptical_count_has_no_noun(q):
    found = q("At least 26 people were killed and 25 wounded.")
    assert [(x["value"], x["noun"] and x["noun"]["text"]) for x in found] == [(26, "people"), (25, None)]


def test_article_a_is_not_a_quantity(q):
    assert q("A man was shot in the street.") == []


def test_money_with_scale_currency_and_change(q):
    found = q("The firms raised $15.6 billion in private funding in 2025, up from $12.2 billion in 2024.")
    first, second = found
    assert (first["text"], first["value"], first["unit"], first["kind"]) == ("$15.6 billion", 15_600_000_000, "USD", "money")
    assert first["time"]["text"] == "2025" and second["time"]["text"] == "2024"
    assert first["change"]["direction"] == "up" and first["change"]["from"]["value"] == 12_200_000_000
    assert first["measure"]["text"] == "private funding"


@pytest.mark.parametrize("text, unit, value", [
    ("Net profit was 1.4bn euros.", "EUR", 1_400_000_000), ("It cost £600m.", "GBP", 600_000_000),
    ("Sales hit 211bn yen.", "JPY", 211_000_000_000), ("The fee is €20.", "EUR", 20),
    ("They raised millions of dollars.", "USD", 1_000_000),
])
def test_currencies(q, text, unit, value):
    (x,) = q(text)
    assert (x["unit"], x["kind"], x["value"]) == (unit, "money", value)


def test_ranges(q):
    (x,) = q("Some 15 to 20 percent of employees were called up.")
    assert (x["text"], x["min"], x["max"], x["value"], x["unit"], x["qualifier"]) == (
        "Some 15 to 20 percent", 15, 20, 15, "percent", "some")
    (y,) = q("Between 15,000 and 20,000 couples go to court.")
    assert (y["text"], y["min"], y["max"], y["noun"]["text"]) == ("Between 15,000 and 20,000", 15000, 20000, "couples")
    z = q("The price range was 1,050-1,125 rupees ($24-$26).")
    assert [(a["min"], a["max"], a["unit"]) for a in z] == [(1050, 1125, "INR"), (24, 26, "USD")]


def test_from_to_is_two_quantities_and_a_change(q):
    a, b = q("The number of startups nearly doubled, from 160 to 312.")
    assert (a["value"], b["value"]) == (160, 312)
    assert b["change"]["direction"] == "up" and b["change"]["from"]["value"] == 160


def test_vague_amounts(q):
    (x,) = q("Hundreds of thousands of civilians are trapped.")
    assert (x["vague"], x["value"], x["noun"]["text"]) == ("hundreds of thousands", 100_000, "civilians")


def test_measures_and_percent(q):
    assert [(x["unit"], x["value"]) for x in q("Last year I was 91kg, and he jumped 17.30m at the trials.")] == [
        ("kg", 91), ("m", 17.3)]
    (p,) = q("Technology is 17 percent of the country's GDP.")
    assert (p["kind"], p["value"], p["measure"]["text"]) == ("percent", 17, "the country's GDP")


@pytest.mark.parametrize("text", [
    "He was born in 1942 and left in 1981.",                   # years
    "A 25-year-old civil servant escaped.",                    # age
    "She died in Japan aged 86.",                              # age
    "He became an MP at the age of 28.",                       # age
    "The film was released on 8 April.",                       # date
    "It marks the 60th anniversary of the recording.",         # ordinal
    "The talks lasted three months.",                          # duration
    "Arsenal won 5-1 on Tuesday.",                             # score
    "1 / 3",                                                   # gallery counter
    "Call 020 7946 0958 for details.",                         # phone
    "He lived at 10 Downing Street.",                          # address
    "It happened in the 300 block of North Street.",           # address
    "The meeting starts at 3 pm.",                             # clock time
    "Fans listened to Radio 1 and the Six Nations.",           # names
    "He was one of the biggest investors.",                    # pronoun one
    "The firm took a one-off charge.",                         # adjectival compound
])
def test_not_quantities(q, text):
    assert q(text) == []


def test_one_as_a_numeral_counts(q):
    (x,) = q("Two people were shot, one fatally.")[1:]
    assert x["value"] == 1


def test_ids_and_sentences(q):
    found = q("Five people were injured. Four cars burned.")
    assert [x["id"] for x in found] == ["n1", "n2"]
    assert found[0]["sentence"]["start"] == 0 and found[1]["sentence"]["start"] > found[0]["end"]


def test_without_docs_still_finds_money():
    article = Article(text="It cost $15.6bn, up 3%.")
    assert [x["text"] for x in extract_quantities(article, [])] == ["$15.6bn", "3%"]


# ---------------------------------------------------------------- seed (golden)

def test_seed_quantities(pipeline, seed_path):
    from dateline.api import extract

    articles = list(extract(seed_path, pipeline=pipeline))
    found = {}
    for a in articles:
        for x in a.quantities:
            assert a.text[x["start"]:x["end"]] == x["text"]
            found.setdefault(x["text"], []).append(x)
    assert found["at least 23"][0]["noun"]["text"] == "civilians"
    assert found["at least eight"][0]["noun"]["text"] == "children"
    assert found["six"][0]["noun"]["text"] == "women"
    assert found["At least 26"][0]["noun"]["text"] == "people"
    assert found["25"][0]["noun"]["text"] == "people"
    assert found["two"][-1]["noun"]["text"] == "suicide bombers"
    assert found["tens of thousands"][0]["value"] == 10_000
    assert found["$15.6 billion"][0]["change"]["from"]["text"] == "$12.2 billion"
    texts = set(found)
    assert not texts & {"1", "3", "2014", "2017", "25-year-old", "18", "2021"}   # counters, years, ages


def test_every_vague_amount_the_finder_matches_has_a_value():
    from dateline.extract.quantities.find import CORE
    from dateline.extract.quantities.numbers import VAGUE

    for size in ("tens", "hundreds"):
        for scale in ("thousands", "millions", "billions"):
            phrase = f"{size} of {scale}"
            m = CORE.search(f"It cost {phrase} of dollars.")
            assert m and m.group("vague") and " ".join(m.group("vague").lower().split()) in VAGUE, phrase


def test_a_reading_on_a_scale_is_a_measure_not_a_count(pipeline):
    from dateline.model import RawDocument

    doc = RawDocument(content="A magnitude 6.1 earthquake struck on Monday. The winds hit two towns.",
                      format="article", published="2025-01-13")
    art = next(a for a in pipeline.run([doc]) if hasattr(a, "quantities"))
    by_text = {q["text"]: q for q in art.quantities}
    assert by_text["6.1"]["kind"] == "measure" and by_text["6.1"]["unit"] == "magnitude"
    assert by_text["6.1"]["noun"] is None
    assert by_text["two"]["kind"] == "count" and by_text["two"]["noun"]["text"] == "towns"
