"""Quote extraction: the seed articles as a golden, and small hand-written texts in other shapes."""

from __future__ import annotations

import pytest

from dateline.model import Article, Span

from .conftest import SAMPLES

KEYS = {"id", "kind", "content", "pieces", "also", "cue", "speaker", "addressee", "confidence"}
SPEAKER_KEYS = {"name", "entity", "description", "role", "affiliation", "span"}


@pytest.fixture(scope="module")
def seed(pipeline):
    articles = list(pipeline.run_paths([str(SAMPLES / "seed_dump.txt")]))
    assert len(articles) == 2
    return articles


@pytest.fixture(scope="module")
def mosul(seed):
    return seed[0]


@pytest.fixture(scope="module")
def tech(seed):
    return seed[1]


def find(article: Article, words: str) -> dict:
    """The one quote whose content or a piece contains ``words``."""
    hits = [q for q in article.quotes
            if words in q["content"]["text"] or any(words in p["text"] for p in q["pieces"])]
    assert len(hits) == 1, (words, [h["content"]["text"] for h in hits])
    return hits[0]


def speaker_name(q: dict) -> str | None:
    return (q["speaker"] or {}).get("name")


def build(pipeline, *paragraphs: str, headline: str | None = None) -> Article:
    parts = ([headline] if headline else []) + list(paragraphs)
    text = "\n\n".join(parts)
    spans, pos = [], 0
    for part in parts:
        spans.append(Span(pos, pos + len(part), part))
        pos += len(part) + 2
    article = Article(text=text, headline=headline, paragraphs=spans[1:] if headline else spans)
    pipeline.annotate([article])
    return article


# ---------------------------------------------------------------- format

def test_format_and_offsets(seed):
    for article in seed:
        assert article.quotes
        starts = [q["content"]["start"] for q in article.quotes]
        assert starts == sorted(starts)
        for n, q in enumerate(article.quotes, 1):
            assert set(q) == KEYS and q["id"] == f"q{n}"
            assert q["kind"] in ("direct", "partial", "indirect")
            assert 0.0 <= q["confidence"] <= 1.0
            assert q["pieces"]
            if q["speaker"] is not None:
                assert set(q["speaker"]) == SPEAKER_KEYS
            if q["cue"] is not None:
                assert "lemma" in q["cue"]
        for s in article.spans():
            assert article.text[s.start:s.end] == s.text


# ---------------------------------------------------------------- the Mosul article

def test_defense_official_quote_and_continuation(mosul):
    q = find(mosul, "He was in Mosul at some point before the offensive")
    assert q["kind"] == "direct"
    assert q["speaker"]["span"]["text"] == "the official"
    assert q["speaker"]["description"] == "a US defense official"
    assert q["content"]["text"].startswith("He was in Mosul") and "Tal Afar" in q["content"]["text"]
    nxt = find(mosul, "He probably gave broad strategic guidance")
    # a continuation paragraph keeps no cue but inherits the speaker mention of its quote
    assert nxt["kind"] == "direct" and nxt["cue"] is None
    assert nxt["speaker"]["span"] == q["speaker"]["span"]
    assert nxt["speaker"]["description"] == "a US defense official"


def test_mohammedawi(mosul):
    q = find(mosul, "combing the city center area")
    assert q["kind"] == "partial"
    assert speaker_name(q) == "Abdulamir Al-Mohammedawi"
    assert "Rapid Response Division" in q["speaker"]["description"]
    assert q["speaker"]["role"] == "Lt. Col."
    assert q["speaker"]["affiliation"] == "Rapid Response Division"
    assert q["addressee"]["text"] == "AFP" and q["cue"]["lemma"] == "tell"
    assert any("combing the city center" in p["text"] and not p["text"].startswith("\u201c")
               for p in q["pieces"])
    q2 = find(mosul, "Currently there is no order")
    assert q2["kind"] == "direct"
    assert q2["speaker"]["span"]["text"] == "Mohammedawi"
    assert q2["speaker"]["entity"] == q["speaker"]["entity"] is not None


def test_said_x_and_pronoun(mosul):
    q = find(mosul, "We were used as human shields")
    assert q["kind"] == "direct" and speaker_name(q) == "Abdulrazzaq Ahmed"
    assert q["speaker"]["description"] == "Abdulrazzaq Ahmed, a 25-year-old civil servant"
    q = find(mosul, "They ran away like chickens")
    assert q["speaker"]["span"]["text"] == "he" and speaker_name(q) == "Rayan Mohammed"
    # the subhead repeating it is the same quote, not a second one
    assert [a["text"] for a in q["also"]] == ["They ran away like chickens"]


def test_official_again_and_partial(mosul):
    q = find(mosul, "are still making plans to continue")
    assert q["speaker"]["span"]["text"] == "the official"
    assert q["speaker"]["description"] == "a US defense official"
    q = find(mosul, "retreating in shame")
    assert q["kind"] == "partial"
    assert speaker_name(q) == "Abu Bakr al-Baghdadi"
    assert [p["text"] for p in q["pieces"]] == ["retreating in shame."]
    assert q["content"]["text"].startswith("supporters to make a stand")


def test_no_scare_quotes(mosul):
    for q in mosul.quotes:
        texts = [q["content"]["text"]] + [p["text"] for p in q["pieces"]]
        assert not any(t.strip("\u201c\u201d\u2018\u2019 .") in ("caliphate", "flees Mosul") for t in texts)
    assert all(q["content"]["start"] > len(mosul.headline) for q in mosul.quotes)


def test_mosul_indirect(mosul):
    q = find(mosul, "Baghdadi had fled to avoid being trapped inside")
    assert q["kind"] == "indirect" and q["speaker"]["span"]["text"] == "a US defense official"
    q = find(mosul, "Among the dead were at least eight children")
    assert q["cue"]["text"] == "according to" and speaker_name(q) == "Syrian Observatory for Human Rights"
    q = find(mosul, "At least 26 people were killed")
    assert q["speaker"]["span"]["text"] == "Iraqi officials"
    q = find(mosul, "Strikes on a Daesh-held northern Syrian village")
    assert q["speaker"]["span"]["text"] == "a monitor"


# ---------------------------------------------------------------- the tech article

def test_netanyahu(tech):
    q = find(tech, "Investors are coming to Israel nonstop")
    assert q["kind"] == "direct" and speaker_name(q) == "Benjamin Netanyahu"
    assert q["speaker"]["role"] == "Prime Minister"


def test_highlight_repeat_is_one_quote(tech):
    q = find(tech, "High-tech companies had to overcome massive staffing cuts")
    assert speaker_name(q) == "Dror Bin"
    assert q["speaker"]["role"] == "IIA director"
    assert q["speaker"]["affiliation"] == "Israel Innovation Authority"
    assert q["addressee"]["text"] == "AFP"
    assert len(q["also"]) == 1 and q["also"][0]["start"] < tech.paragraphs[0].start
    q = find(tech, "air traffic, a crucial element")
    assert speaker_name(q) == "Dror Bin" and q["speaker"]["span"]["text"] == "he"


def test_baram_and_landau(tech):
    q = find(tech, "over 130 joined our operations during the war")
    assert speaker_name(q) == "Amir Baram" and q["speaker"]["role"] == "Director General"
    q = find(tech, "the ministry had primarily sourced")
    assert q["kind"] == "indirect" and speaker_name(q) == "Menahem Landau"
    assert q["speaker"]["role"] == "head of Caveret Ventures"
    assert q["speaker"]["affiliation"] == "Caveret Ventures"
    q = find(tech, "to accept products that were not necessarily")
    assert q["kind"] == "partial" and speaker_name(q) == "Menahem Landau"
    q = find(tech, "Defense-related technologies have replaced cybersecurity")
    assert q["speaker"]["span"]["text"] == "the reserve lieutenant colonel"
    assert speaker_name(q) == "Menahem Landau"
    q = find(tech, "Not only in Israel but worldwide")
    assert speaker_name(q) == "Menahem Landau" and q["cue"] is None


def test_according_to_organisation(tech):
    q = find(tech, "Cutting-edge technologies represent 17 percent")
    assert q["kind"] == "indirect" and q["cue"]["lemma"] == "according to"
    assert speaker_name(q) == "Israel Innovation Authority"


# ---------------------------------------------------------------- other shapes

def test_colon_introduction(pipeline):
    a = build(pipeline, "The minister was blunt:", "\u201cThere is no money left for this program.\u201d")
    q = find(a, "There is no money left")
    assert q["kind"] == "direct" and q["cue"]["text"] == ":"
    assert q["speaker"]["span"]["text"] == "The minister"
    a = build(pipeline, "Mayor Jane Porter said: \u201cWe will rebuild every bridge before winter.\u201d")
    q = find(a, "We will rebuild every bridge")
    assert q["kind"] == "direct" and speaker_name(q) == "Jane Porter"


def test_trailing_dash_name(pipeline):
    a = build(pipeline, "\u201cDemocracy dies in darkness.\u201d \u2014 Bob Woodward")
    q = find(a, "Democracy dies in darkness")
    assert q["speaker"]["span"]["text"] == "Bob Woodward"


def test_said_x_inversion_guillemets_and_nyt_marks(pipeline):
    a = build(pipeline,
              "\u00abWe need more time to reach the villages\u00bb, said Ahmed Karim, a spokesman for the Red Crescent.",
              "''I don't think the deal will survive the winter,'' said Senator Tom Wells of Ohio.")
    q = find(a, "We need more time")
    assert q["content"]["text"] == "We need more time to reach the villages"
    assert speaker_name(q) == "Ahmed Karim"
    assert q["speaker"]["description"] == "Ahmed Karim, a spokesman for the Red Crescent"
    q = find(a, "I don't think the deal")
    assert q["kind"] == "direct" and speaker_name(q) == "Tom Wells"
    assert q["content"]["text"].startswith("I don't") and "''" not in q["content"]["text"]


def test_interrupted_quote_is_one_quote(pipeline):
    a = build(pipeline, "\u201cWe tried everything,\u201d the coach, Mark Diaz, said, "
                        "\u201cbut the team was simply too tired to win tonight.\u201d")
    q = find(a, "We tried everything")
    assert len(a.quotes) == 1 and len(q["pieces"]) == 2
    assert speaker_name(q) == "Mark Diaz"


def test_unclosed_mark_stays_in_its_paragraph(pipeline):
    a = build(pipeline, "Officials said the shelter was \u201ca disaster waiting to happen and nobody listened",
              "A second paragraph written by the reporter follows, with no quotation in it at all.")
    for q in a.quotes:
        assert q["content"]["end"] <= a.paragraphs[0].end
    q = find(a, "a disaster waiting to happen")
    assert q["kind"] == "partial" and q["speaker"]["span"]["text"] == "Officials"


def test_multi_paragraph_quote(pipeline):
    a = build(pipeline,
              "\u201cThe first paragraph of a long statement goes here and it does not close,",
              "\u201cand the second paragraph carries on with the same statement,",
              "\u201cand the last one closes it at the end,\u201d said Maria Lopez, the union leader.")
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert len(q["pieces"]) == 3 and speaker_name(q) == "Maria Lopez"
    assert q["content"]["start"] == a.paragraphs[0].start + 1
    assert q["speaker"]["role"] == "union leader"


def test_scare_quote_and_title_are_not_quotes(pipeline):
    a = build(pipeline, "Rebels declared a so-called \u201cliberated zone\u201d in the north on Friday.",
              headline="Army \u2018retakes town\u2019 as rebels flee")
    assert a.quotes == []


def test_empty_inputs():
    from dateline.extract.quotes import extract_quotes

    assert extract_quotes(Article(text=""), []) == []


def test_quote_after_sentence_in_nyt_marks(pipeline):
    a = build(pipeline, "Mr. Lund said he was opening a new bakery on Main Street. ''Without fresh bread, "
                        "the town would be in trouble,'' he said of the plan. ''This is a necessity.''")
    q = find(a, "Without fresh bread")
    assert q["kind"] == "direct" and q["speaker"]["span"]["text"] == "he"
    assert any("This is a necessity" in p["text"] for p in q["pieces"])


def test_inverted_and_unparsed_subjects(pipeline):
    a = build(pipeline, "\"I am not going to change my mind about the budget,\" said retired "
                        "judge Ellen Park, asked about her earlier vote.",
              "Ms. Park, visibly tired, flatly responded: \"We will vote again next week.\"",
              "Or, as Tom Berry, a former city treasurer, put it: \"The money is simply gone.\"")
    assert find(a, "change my mind")["speaker"]["span"]["text"] == "Ellen Park"
    assert "Park" in find(a, "vote again next week")["speaker"]["span"]["text"]
    assert find(a, "money is simply gone")["speaker"]["span"]["text"] == "Tom Berry"


def test_split_quote_around_a_quoted_title(pipeline):
    a = build(pipeline, "\"It is nonsense,\" Mr. Dale said on \"Morning Edition.\" \"She knows that "
                        "the numbers do not add up and everybody knows it.\"")
    q = find(a, "It is nonsense")
    assert any("numbers do not add up" in p["text"] for p in q["pieces"])
    assert q["speaker"]["span"]["text"] == "Dale" or "Dale" in q["speaker"]["span"]["text"]
