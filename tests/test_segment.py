"""Segmenter: golden tests on the real seed dump, and rules on text of other shapes."""

from __future__ import annotations

import pytest

from dateline.errors import NoArticleFound
from dateline.model import RawDocument
from dateline.segment import segment

CHROME = ("Follow", "1 / 3", "2 / 3", "3 / 3", "Updated 09 March 2017", "Updated 21 February 2026")


def dump(text: str, fmt: str = "dump", **kw) -> list:
    return segment(RawDocument(text, fmt, path="t.txt", **kw))


@pytest.fixture(scope="module")
def seed(seed_path):
    return dump(seed_path.read_text(encoding="utf-8"))


def test_seed_gives_exactly_two_articles(seed):
    assert [a.headline for a in seed] == [
        "Daesh leader Baghdadi ‘flees Mosul’ as Iraqi forces advance",
        "Battered by Gaza war, Israel’s tech sector in recovery mode",
    ]


def test_seed_dates(seed):
    assert seed[0].updated == "2017-03-09" and seed[1].updated == "2026-02-21"
    assert seed[0].published is None and seed[1].published is None


def test_seed_datelines(seed):
    assert seed[0].dateline.text == "MOSUL, Iraq"
    assert seed[1].dateline.text == "JERUSALEM"
    for a in seed:
        assert a.text[a.dateline.start:a.dateline.end] == a.dateline.text
        assert a.dateline.start == a.paragraphs[0].start


def test_seed_captions_with_credits(seed):
    caps = seed[0].captions
    assert len(caps) == 3
    assert caps[0].text.startswith("A man purported to be the reclusive leader")
    assert [c.credit.text for c in caps] == [
        "REUTERS/Social Media Website via Reuters TV/File Photo", "AFP / ARIS MESSINIS", "AFP / ARIS MESSINIS"]
    assert seed[1].captions == []


def test_seed_highlights(seed):
    assert seed[0].highlights == []
    (hl,) = seed[1].highlights
    assert hl.text.startswith("“High-tech companies had to overcome massive staffing cuts")
    assert hl.text.endswith("IIA director Dror Bin told")


def test_seed_subheads(seed):
    assert [s.text for s in seed[0].subheads] == ["'They ran away like chickens'", "Still a major threat"]
    assert [s.text for s in seed[1].subheads] == ["Rise in defense startups"]


def test_seed_body_has_no_chrome(seed):
    for a in seed:
        body = a.body
        for chrome in CHROME:
            assert chrome not in [p.text for p in a.paragraphs]
        assert a.headline not in body
        assert "(AFP / ARIS MESSINIS)" not in body
        assert not any(p.text.startswith("•") for p in a.paragraphs)
    assert seed[0].paragraphs[0].text.startswith("MOSUL, Iraq: Daesh group chief")
    assert seed[0].paragraphs[-1].text.startswith("There was no immediate claim of responsibility")
    assert seed[1].paragraphs[-1].text.startswith("“Not only in Israel but worldwide")
    assert len(seed[0].paragraphs) == 33 and len(seed[1].paragraphs) == 25


def test_seed_spans_index_text(seed):
    for a in seed:
        for s in a.spans():
            assert a.text[s.start:s.end] == s.text
        assert a.text.startswith(a.headline)


OTHER_SITE = """Home > World > Americas

Senate passes stopgap spending bill hours before shutdown deadline
By Jane Q. Doe and Omar Farouk, Reuters
March 14, 2024 at 6:02 PM EDT
Share on Facebook
Share on Twitter

* Bill funds government through late September
* Vote was 77-13

WASHINGTON (Reuters) - The U.S. Senate on Thursday passed a stopgap bill to keep the government funded, sending it to President Joe Biden to sign into law.

The measure passed with broad support from both parties after weeks of negotiations.

What happens next

The bill now goes to the White House, where officials said the president would sign it on Friday.

Reporting by Jane Q. Doe; Editing by Omar Farouk
Related Coverage
Markets rise as shutdown fears recede
Read more: Who voted against the bill
"""


def test_other_site_shape():
    (a,) = dump(OTHER_SITE)
    assert a.headline == "Senate passes stopgap spending bill hours before shutdown deadline"
    assert a.byline == "Jane Q. Doe and Omar Farouk"
    assert a.published == "2024-03-14T18:02"
    assert [h.text for h in a.highlights] == ["Bill funds government through late September", "Vote was 77-13"]
    assert a.dateline.text == "WASHINGTON"
    assert [s.text for s in a.subheads] == ["What happens next"]
    body = a.body
    for chrome in ("Share on", "Reporting by", "Related Coverage", "Markets rise", "Read more", "Home >"):
        assert chrome not in body
    assert len(a.paragraphs) == 3


TWO_WITH_RULE = """Council approves new bus lanes
The city council voted 9-2 on Tuesday to add bus lanes on four avenues, a plan that officials say will cut commute times by a fifth.
Work is due to start in the spring.
----------
Library extends weekend opening hours
The central library will open on Sundays from next month, the library board said on Wednesday, after a petition gathered 5,000 signatures.
"""


def test_rule_separated_dump_splits():
    arts = dump(TWO_WITH_RULE)
    assert [a.headline for a in arts] == ["Council approves new bus lanes", "Library extends weekend opening hours"]
    assert [len(a.paragraphs) for a in arts] == [2, 1]
    assert [a.source.index for a in arts] == [0, 1]


WRAPPED = """Drought cuts wheat harvest forecast

The agriculture ministry cut its wheat harvest forecast by
eight percent on Monday, citing the driest spring in three
decades across the southern plains.

Farmers in the region said irrigation reservoirs were at
their lowest level since records began and that many had
planted less than usual.
"""


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    (a,) = dump(WRAPPED)
    assert len(a.paragraphs) == 2
    assert a.paragraphs[0].text.startswith("The agriculture ministry cut") and "by eight percent" in a.paragraphs[0].text
    assert a.paragraphs[1].text.endswith("planted less than usual.")


def test_article_format_uses_given_headline_and_skips_its_repeat():
    text = "Port strike ends\n\nDock workers returned to work on Friday after a deal on pay.\n"
    (a,) = dump(text, fmt="article", headline="Port strike ends", published="2025-03-07")
    assert a.headline == "Port strike ends"
    assert a.published == "2025-03-07"
    assert [p.text for p in a.paragraphs] == ["Dock workers returned to work on Friday after a deal on pay."]


def test_body_sentences_are_not_subheads_or_datelines():
    text = ("Headline for a test\n\nUS officials said on Monday that talks would resume. They gave no date.\n"
            "UPDATE: a correction was issued later in the day about the figures.\n"
            "He declined to comment\n")
    (a,) = dump(text)
    assert a.dateline is None
    assert a.subheads == []
    assert len(a.paragraphs) == 2     # the trailing unpunctuated fragment has no paragraph after it


def test_chrome_only_input_has_no_article():
    with pytest.raises(NoArticleFound) as err:
        dump("Follow\nShare\n1 / 3\nAdvertisement\n")
    assert "t.txt" in str(err.value)
