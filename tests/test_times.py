"""extract/times: time expressions normalised against the publication date.

The seed articles run through the real pipeline (article 1 updated 2017-03-09, a
Thursday; article 2 updated 2026-02-21), then hand-written sentences for each rule."""

from __future__ import annotations

import pytest

from dateline.extract.times import extract_times, normalise_times
from dateline.model import Article, Source, Span

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def seed(pipeline):
    articles = [a for a in pipeline.run_paths([str(SAMPLES / "seed_dump.txt")]) if isinstance(a, Article)]
    assert len(articles) == 2
    return articles


def _find(article, text, after=None, nth=0):
    """The time whose text is ``text`` (the ``nth`` one, or the first right after ``after``)."""
    found = [t for t in article.times if t["text"] == text]
    if after is not None:
        found = [t for t in found if article.text[:t["start"]].rstrip().endswith(after)]
    assert found, f"no time {text!r} (after {after!r}) in {[t['text'] for t in article.times]}"
    return found[nth]


def _check(t, value, type_="DATE", mod=None):
    assert (t["value"], t["type"], t["mod"]) == (value, type_, mod), t


def test_every_time_is_a_span_of_the_article(seed):
    for article in seed:
        assert article.times
        for t in article.times:
            assert article.text[t["start"]:t["end"]] == t["text"]
            assert t["anchor"] == article.updated
            assert set(t) >= {"start", "end", "text", "type", "value", "mod", "range", "anchor"}


def test_seed_article_one(seed):
    a = seed[0]
    _check(_find(a, "July 5, 2014"), "2014-07-05")                       # caption
    _check(_find(a, "Thursday", after="jihadists on"), "2017-03-09")    # a Thursday article: that day
    _check(_find(a, "Wednesday", after="militants on"), "2017-03-08")
    _check(_find(a, "Thursday", after="\n\nOn"), "2017-03-09")
    _check(_find(a, "Wednesday", after="official said"), "2017-03-08")
    _check(_find(a, "late on Wednesday"), "2017-03-08", mod="END")
    _check(_find(a, "October"), "2016-10")                               # past tense: the last October
    _check(_find(a, "November"), "2016-11")
    _check(_find(a, "2014", after="mosque in"), "2014")
    _check(_find(a, "2014", after="since"), "2014")
    _check(_find(a, "the beginning of this month"), "2017-03", mod="START")
    _check(_find(a, "earlier this month"), "2017-03")
    _check(_find(a, "mid-2014"), "2014", mod="MID")
    _check(_find(a, "recent days"), "PAST_REF")
    _check(_find(a, "Currently"), "PRESENT_REF")
    _check(_find(a, "now"), "PRESENT_REF")
    night = _find(a, "the night before")           # "before a wedding": an event, not a date
    _check(night, "XXXX-XX-XXTNI", "TIME")
    assert not [t for t in a.times if "year-old" in t["text"] or t["text"] in ("25", "18")]


def test_seed_article_two(seed):
    a = seed[1]
    _check(_find(a, "September 2025"), "2025-09")
    _check(_find(a, "October 2023", after="began in"), "2023-10")
    _check(_find(a, "October", after="since"), "2025-10")
    _check(_find(a, "mid-December"), "2025-12", mod="MID")
    _check(_find(a, "late 2023"), "2023", mod="END")
    _check(_find(a, "2024", after="late 2023 and"), "2024")
    _check(_find(a, "a year or more"), "P1Y", "DURATION", "EQUAL_OR_MORE")
    _check(_find(a, "April 2025", after="published in"), "2025-04")
    _check(_find(a, "2023", after="\n\nIn"), "2023")
    _check(_find(a, "2024", after="stagnated in"), "2024")
    _check(_find(a, "2025", after="2024 and"), "2025")
    _check(_find(a, "December", after="published in"), "2025-12")      # Feb 2026: the last December
    _check(_find(a, "December", after="said in"), "2025-12")
    _check(_find(a, "pre-2021"), "2021", mod="BEFORE")
    _check(_find(a, "The year 2021"), "2021")
    _check(_find(a, "The past two years"), "P2Y", "DURATION")
    for start, end in (("October 2023", "July 2024"), ("July 2024", "April 2025")):
        r = _find(a, f"Between {start} and {end}")
        assert r["range"] == {"begin": {"October 2023": "2023-10", "July 2024": "2024-07"}[start],
                              "end": {"July 2024": "2024-07", "April 2025": "2025-04"}[end]}
        assert r["type"] == "DURATION" and r["value"] == "P9M"
        assert [p["text"] for p in r["parts"]] == [start, end]
        assert all(a.text[p["start"]:p["end"]] == p["text"] for p in r["parts"])


# ---------------------------------------------------------------- unit sentences

def _one(text, dct="2017-03-09", **kw):
    found = normalise_times(text, dct, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, value, type_, mod", [
    ("They will meet next Tuesday.", "next Tuesday", "2017-03-14", "DATE", None),
    ("The vote will be held on Tuesday.", "Tuesday", "2017-03-14", "DATE", None),
    ("The vote was held on Tuesday.", "Tuesday", "2017-03-07", "DATE", None),
    ("He arrived a week ago.", "a week ago", "2017-W09", "DATE", None),
    ("He arrived three days ago.", "three days ago", "2017-03-06", "DATE", None),
    ("The talks resume tonight.", "tonight", "2017-03-09TNI", "TIME", None),
    ("He died yesterday.", "yesterday", "2017-03-08", "DATE", None),
    ("Police were called on Monday night.", "Monday night", "2017-03-06TNI", "DATE", None),
    ("Revenue rose in Q3 2024.", "Q3 2024", "2024-Q3", "DATE", None),
    ("Revenue rose in the third quarter.", "the third quarter", "2016-Q3", "DATE", None),
    ("Revenue will rise in the third quarter.", "the third quarter", "2017-Q3", "DATE", None),
    ("Revenue rose in the first quarter.", "the first quarter", "2017-Q1", "DATE", None),
    ("Net income rose 5% for the year.", "the year", "2017", "DATE", None),
    ("Net income for the year ended was flat.", "the year", "P1Y", "DURATION", None),
    ("Hate groups grew over the past year.", "the past year", "2016", "DATE", None),
    ("Three days later, the index recovered.", "Three days later", "P3D", "DURATION", None),
    ("The index fell for eight trading days.", "eight trading days", "P8D", "DURATION", None),
    ("Profits will suffer in the near term.", "the near term", "FUTURE_REF", "DATE", None),
    ("Sales in fiscal 2025 were flat.", "fiscal 2025", "2025", "DATE", None),
    ("Crime fell in the 1990s.", "the 1990s", "199", "DATE", None),
    ("It was built in the late 1970s.", "the late 1970s", "197", "DATE", "END"),
    ("The plant will reopen this summer.", "this summer", "2017-SU", "DATE", None),
    ("Talks collapsed last summer.", "last summer", "2016-SU", "DATE", None),
    ("Prices rose last year.", "last year", "2016", "DATE", None),
    ("Prices will rise next month.", "next month", "2017-04", "DATE", None),
    ("The index fell last week.", "last week", "2017-W09", "DATE", None),
    ("Output rose later this year.", "later this year", "2017", "DATE", None),
    ("Officials met at the end of last year.", "the end of last year", "2016", "DATE", "END"),
    ("The deal closed in early 2015.", "early 2015", "2015", "DATE", "START"),
    ("The deal closed in mid-December.", "mid-December", "2016-12", "DATE", "MID"),
    ("He served for two years.", "two years", "P2Y", "DURATION", None),
    ("He served for more than 10 years.", "more than 10 years", "P10Y", "DURATION", "MORE_THAN"),
    ("a five-year plan", "five-year", "P5Y", "DURATION", None),
    ("The strike lasted 36 hours.", "36 hours", "PT36H", "DURATION", None),
    ("The paper is printed daily.", "daily", "P1D", "SET", None),
    ("They meet every Thursday.", "every Thursday", "XXXX-WXX-4", "SET", None),
    ("It costs $5 a month.", "a month", "P1M", "SET", None),
    ("Talks are now under way.", "now", "PRESENT_REF", "DATE", None),
    ("He recently resigned.", "recently", "PAST_REF", "DATE", None),
    ("Prices may rise in the future.", "the future", "FUTURE_REF", "DATE", None),
    ("The blast happened at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2017-03-08T22:00", "TIME", None),
    ("The report came out on March 3, 2016.", "March 3, 2016", "2016-03-03", "DATE", None),
    ("The report came out on 3 March 2016.", "3 March 2016", "2016-03-03", "DATE", None),
    ("The report came out on Jan. 5.", "Jan. 5", "2017-01-05", "DATE", None),
    ("The report came out on 2016-03-03.", "2016-03-03", "2016-03-03", "DATE", None),
    ("Shops close on Christmas Day.", "Christmas Day", "2016-12-25", "DATE", None),
    ("The war ended in the 20th century.", "the 20th century", "19", "DATE", None),
    ("Profit rose in the first half of 2016.", "the first half of 2016", "2016-H1", "DATE", None),
])
def test_expressions(text, span, value, type_, mod):
    t = _one(text)
    assert (t["text"], t["value"], t["type"], t["mod"]) == (span, value, type_, mod)
    assert text[t["start"]:t["end"]] == t["text"]


def test_numeric_dates_follow_the_day_order():
    assert _one("Filed on 03/04/2025.")["value"] == "2025-03-04"
    assert _one("Filed on 03/04/2025.", day_first=True)["value"] == "2025-04-03"
    assert _one("Filed on 25/04/2025.")["value"] == "2025-04-25"   # 25 cannot be a month


def test_day_order_from_the_source_domain():
    text = "Filed on 03/04/2025."
    art = Article(text=text, published="2025-05-01", paragraphs=[Span(0, len(text), text)],
                  source=Source(url="https://www.bbc.co.uk/news/1"))
    assert extract_times(art, [])[0]["value"] == "2025-04-03"
    art.source = Source(url="https://apnews.com/article/1")
    assert extract_times(art, [])[0]["value"] == "2025-03-04"


@pytest.mark.parametrize("text", [
    "A 25-year-old man was arrested.",
    "The victim, aged 31, was taken to hospital.",
    "The boy is 12 years old.",
    "He may resign.",
    "Prices fall when supply rises.",
    "About 2000 people marched.",
])
def test_not_times(text, nlp):
    assert normalise_times(text, "2017-03-09", nlp(text)) == []


def test_months_follow_the_tense():
    assert _one("Elections were held in October.")["value"] == "2016-10"
    assert _one("Elections will be held in October.")["value"] == "2017-10"
    feb = "2026-02-21"
    assert _one("The figures were published in December.", feb)["value"] == "2025-12"
    assert _one("The deal will close in December.", feb)["value"] == "2026-12"


def test_tense_from_the_parse(nlp):
    text = "The minister said on Thursday that talks will resume on Monday."
    found = normalise_times(text, "2017-03-10", nlp(text))
    assert [(t["text"], t["value"]) for t in found] == [("Thursday", "2017-03-09"), ("Monday", "2017-03-13")]


def test_anaphora_and_no_anchor():
    text = "The attack came on March 5, 2016. The next day, troops arrived."
    found = normalise_times(text, "2017-03-09")
    assert [(t["text"], t["value"]) for t in found] == [("March 5, 2016", "2016-03-05"),
                                                         ("The next day", "2016-03-06")]
    assert _one("He left on Thursday.", None)["value"] == "XXXX-WXX-4"
    assert _one("He left yesterday.", None)["value"] == "XXXX-XX-XX"
    assert _one("It happened in October.", None)["value"] == "XXXX-10"
    assert _one("He left on Thursday.", None)["anchor"] is None


def test_extract_times_places_spans_in_article_coordinates(nlp):
    text = "Headline here\n\nHe left on Thursday.\n\nHe returned in 2014."
    paras = [Span(15, 35, text[15:35]), Span(37, len(text), text[37:])]
    art = Article(text=text, updated="2017-03-09T10:00:00", paragraphs=paras)
    docs = [(p.start, nlp(p.text)) for p in paras]
    found = extract_times(art, docs)
    assert [(t["text"], t["value"]) for t in found] == [("Thursday", "2017-03-09"), ("2014", "2014")]
    assert all(text[t["start"]:t["end"]] == t["text"] for t in found)
    assert found[0]["anchor"] == "2017-03-09T10:00:00"


# ---------------------------------------------------------------- general normalisation fixes

def test_last_month_day_keeps_the_day():
    t = _one("He was shot to death last Oct. 23 at his home.", "1999-04-19")
    assert (t["text"], t["value"]) == ("Oct. 23", "1998-10-23")


def test_past_report_of_next_month():
    assert _one("Refiners were told of a cutback in their supply in September.", "1990-08-16")["value"] == "1990-09"
    assert _one("Elections were held in October.", "2017-03-09")["value"] == "2016-10"


def test_until_with_an_edge_modifier():
    t = _one("The board gave Merieux until mid-November to reply.", "1989-10-30")
    assert (t["value"], t["mod"]) == ("1989-11", "MID")


def test_next_to_is_not_a_future_cue():
    t = _one("A bomb exploded next to the embassy Friday morning.", "1998-08-08")
    assert t["value"].startswith("1998-08-07")


def test_is_to_points_ahead(nlp):
    text = "The stock is to resume trading in Paris Tuesday."
    assert normalise_times(text, "1989-10-27", nlp(text))[0]["value"] == "1989-10-31"


def test_a_set_record_is_past(nlp):
    text = "The index is within 70 points of its record high set on Aug. 6."
    assert normalise_times(text, "1998-02-06", nlp(text))[0]["value"] == "1997-08-06"


def test_past_perfect_plan_is_not_future(nlp):
    text = "The offer had been due to expire Friday evening."
    assert normalise_times(text, "1989-10-30", nlp(text))[0]["value"] == "1989-10-27TEV"


def test_following_month_is_anaphoric():
    text = "The board met in March 1989. The following month, the company put itself up for sale."
    found = normalise_times(text, "1989-10-27")
    assert [(t["text"], t["value"]) for t in found] == [("March 1989", "1989-03"),
                                                         ("The following month", "1989-04")]


def test_current_and_latest_fiscal_year():
    assert _one("It expects higher sales in the current fiscal year.", "1989-11-02")["value"] == "1989"
    assert _one("It had sales of $7 billion in the latest fiscal year.", "1989-10-26")["value"] == "1988"


def test_later_after_a_named_day_is_that_day():
    found = normalise_times("Talks began on Oct. 12, 2016. Three days later, they collapsed.", "2017-03-09")
    assert [(t["text"], t["type"], t["value"]) for t in found][-1] == ("Three days later", "DATE", "2016-10-15")


def test_year_end_decade_words_and_titles():
    assert _one("The deal should close by year-end.")["value"] == "2017-12-31"
    assert _one("Prices rose since year-end.")["value"] == "2016-12-31"
    assert _one("Crime fell through the nineties.")["value"] == "199"
    assert normalise_times('He said on ABC\'s "This Week" that talks would go on.', "2017-03-09") == []
    assert normalise_times("Iraq imports about three-quarters of its food.", "2017-03-09") == []


def test_bare_months_after_a_cue_and_parts_of_the_day():
    assert _one("The company agreed in June to buy the bank.")["value"] == "2016-06"
    assert normalise_times("June Carter sang.", "2017-03-09") == []
    assert _one("Talks should conclude by May.")["value"] == "2017-05"
    assert _one("Orangemen march each July.")["value"] == "XXXX-07"
    t = _one("By mid-afternoon, shares had recovered.")
    assert (t["type"], t["value"]) == ("TIME", "2017-03-09TAF")
