"""extract/events: casualty statements, incidents of one article, date/place/actors, the seed goldens."""

from __future__ import annotations

import pytest

from dateline.extract.events.casualties import find_casualties
from dateline.model import Article, RawDocument

SEED_AIR = "Strikes on a Daesh-held northern Syrian village"
SEED_BOMB = "At least 26 people were killed late on Wednesday"


def _cas(nlp, sentence):
    doc = nlp(sentence)
    return [(c.kind, c.min, c.qualifier, c.subset) for c in find_casualties(doc[:], 0, sentence)]


def _kinds(found, kind):
    return [n for k, n, _, sub in found if k == kind and not sub]


@pytest.mark.parametrize("sentence, kind, n, qualifier", [
    ("At least 26 people were killed in the attack.", "killed", 26, "at least"),
    ("The strikes killed at least 23 civilians on Thursday.", "killed", 23, "at least"),
    ("Five people were injured in a shooting in Elgin early this morning.", "injured", 5, None),
    ("Police said a man was shot and killed on Saturday night.", "killed", 1, None),
    ("A 15-year-old boy was shot in the leg.", "shot", 1, None),
    ("Two more people have been fatally shot in Newark.", "killed", 2, None),
    ("The shooting left two people dead and three wounded.", "injured", 3, None),
    ("Barbee was rushed to a hospital where he was pronounced dead.", "killed", 1, None),
    ("Three people were shot, two of them fatally, early Sunday.", "killed", 2, None),
    ("All five were expected to survive.", "injured", 5, None),
])
def test_casualty_phrasings(nlp, sentence, kind, n, qualifier):
    found = _cas(nlp, sentence)
    assert (kind, n, qualifier) in [(k, m, q) for k, m, q, sub in found], found


def test_numbers_as_words_and_lists_sum(nlp):
    found = _cas(nlp, "Police say an officer shot and killed his wife, two young children and his "
                      "mother-in-law, before killing himself.")
    assert 4 in _kinds(found, "killed")


def test_one_fatally_and_headline_shapes(nlp):
    assert ("killed", 1) in [(k, n) for k, n, _, _ in _cas(nlp, "Two men were shot, one fatally, in Chicago.")]
    found = _cas(nlp, "Authorities: 2 dead, 3 injured in Newark shooting")
    assert _kinds(found, "killed") == [2] and _kinds(found, "injured") == [3]


def test_one_fatally_after_a_plural_noun(nlp):
    # the parser hangs "fatally" on "teens", not on "one"
    found = _cas(nlp, "He shovels snow from the lot of a McDonald's, where four teens, one fatally, were shot.")
    assert _kinds(found, "killed") == [1] and _kinds(found, "shot") == [4]


def test_no_one_hurt_is_zero_and_irrealis_is_nothing(nlp):
    assert _kinds(_cas(nlp, "No one was hurt."), "injured") == [0]
    assert _cas(nlp, "He did not mean to hurt him.") == []
    assert _cas(nlp, "The gunman threatened to kill the clerk.") == []


def test_subsets_are_marked_and_not_counted(nlp):
    found = _cas(nlp, "Four victims, including a 12-year-old boy, were expected to survive.")
    assert _kinds(found, "injured") == [4]


def test_years_are_not_counts(nlp):
    assert _cas(nlp, "2014 Isla Vista killings") == []


def _article(pipeline, text, headline=None, published="2014-03-10"):
    raw = RawDocument(content=text, format="article", headline=headline, published=published)
    arts = [a for a in pipeline.run([raw]) if isinstance(a, Article)]
    assert len(arts) == 1
    return arts[0]


def _violent(article):
    return [e for e in article.events if e["family"] == "violence" and not e["aggregate"]]


def _spans_ok(article):
    for s in article.spans():
        assert article.text[s.start:s.end] == s.text


def test_one_incident_from_headline_and_lead(pipeline):
    art = _article(pipeline,
                   "A man was shot and killed on Saturday night in Elgin, Illinois, police said.\n\n"
                   "Another man was shot in the leg, police said.\n\n"
                   "The wounded man was taken to a hospital in stable condition.",
                   headline="Elgin shooting leaves one dead")
    events = _violent(art)
    assert len(events) == 1
    ev = events[0]
    assert ev["killed"]["min"] == 1
    assert ev["injured"]["min"] == 1          # one shot dead, another man shot: one hurt
    assert ev["date"]["value"] == "2014-03-08" and ev["date"]["source"] == "text"
    assert ev["place"]["name"] == "Elgin"
    assert ev["reported_by"] is not None and "police said" in ev["reported_by"]["text"]
    _spans_ok(art)


def test_date_falls_back_to_published(pipeline):
    art = _article(pipeline, "A 15-year-old boy was shot in the leg in Elgin, Illinois, police said.",
                   published="2014-03-10")
    ev = _violent(art)[0]
    assert ev["date"] == {"value": "2014-03-10", "precision": "day", "mod": None, "time": None,
                          "source": "published"}
    assert ev["injured"]["min"] == 1 and ev["killed"] is None


def test_background_incident_and_aggregate_kept_apart(pipeline):
    art = _article(pipeline,
                   "Three people were wounded on Sunday in a shooting in Elgin, Illinois, police said.\n\n"
                   "In 2012, a gunman killed 26 people at an elementary school in Newtown, Connecticut.\n\n"
                   "Police said 40 people have been killed in shootings in the city so far this year.",
                   published="2014-03-10")
    events = art.events
    main = [e for e in events if e["injured"] and e["injured"]["min"] == 3]
    assert len(main) == 1 and main[0]["killed"] is None
    assert any(e["aggregate"] and e["killed"]["min"] == 40 for e in events)
    assert not any(e["killed"] and e["killed"]["min"] == 26 and e is main[0] for e in events)
    _spans_ok(art)


def test_relative_place_from_demonym(pipeline):
    art = _article(pipeline, "Air strikes on a northern Syrian village killed at least 12 civilians on "
                             "Thursday, a monitor said.", published="2017-03-09")
    ev = _violent(art)[0]
    assert ev["place"]["country"] == "SY"
    assert ev["place"]["relative"]["direction"] == "north"
    assert ev["place"]["precision"] == "country"


@pytest.fixture(scope="module")
def seed(pipeline, seed_path):
    arts = [a for a in pipeline.run_paths([str(seed_path)]) if isinstance(a, Article)]
    return arts[0]


def _event_with(article, needle):
    for e in article.events:
        if any(needle in ev["text"] for ev in e["evidence"]):
            return e
    raise AssertionError(f"no event with evidence {needle!r}")


def test_seed_air_strike(seed):
    ev = _event_with(seed, SEED_AIR)
    assert ev["code"] == "AIR_STRIKE" and ev["subtype"] == "Air/drone strike" and not ev["aggregate"]
    assert ev["date"]["value"] == "2017-03-09"
    assert ev["place"]["country"] == "SY" and ev["place"]["relative"]["direction"] == "north"
    assert "northern Syrian village" in ev["place"]["text"]
    assert ev["place"]["precision"] in ("country", "region", "approximate")
    assert ev["killed"]["min"] == 23 and ev["killed"]["qualifier"] == "at least"
    assert ev["actor1"]["text"] == "the coalition"
    assert "civilians" in ev["target"]["text"]
    assert ev["reported_by"]["text"] == "a monitor said"


def test_seed_suicide_bombing(seed):
    ev = _event_with(seed, SEED_BOMB)
    assert ev["code"] == "SUIC_BOMB" and ev["family"] == "violence"
    assert ev["date"]["value"] == "2017-03-08" and ev["date"]["mod"] == "END"
    assert ev["date"]["time"]["text"] == "late on Wednesday"
    assert ev["place"]["country"] == "IQ" and ev["place"]["relative"]["direction"] == "north"
    assert "Tikrit" in ev["place"]["text"]
    assert ev["killed"]["min"] == 26 and ev["killed"]["qualifier"] == "at least"
    assert ev["injured"]["min"] == 25
    assert ev["actor1"]["text"] == "two suicide bombers"
    assert ev["target"]["text"].startswith("a celebration")
    assert ev["reported_by"]["text"] == "Iraqi officials said"


def test_seed_aggregate_never_merged(seed):
    agg = _event_with(seed, "unintentionally killed at least 220 civilians")
    assert agg["aggregate"] is True
    for e in seed.events:
        if e is not agg and e["killed"]:
            assert e["killed"]["min"] != 220


def test_seed_spans_and_schema(seed):
    keys = {"id", "code", "type", "subtype", "family", "trigger", "date", "place", "actor1", "actor2", "target",
            "killed", "injured", "reported_by", "aggregate", "evidence", "confidence"}
    assert seed.events
    for e in seed.events:
        assert set(e) == keys
        assert 0 < e["confidence"] <= 1
    _spans_ok(seed)


def _one_article(pipeline, text: str, published: str, headline: str | None = None):
    from dateline.model import RawDocument

    doc = RawDocument(content=text, format="article", published=published, headline=headline, source_format="jsonl")
    return next(a for a in pipeline.run([doc]) if hasattr(a, "events"))


def test_the_town_whose_police_answered_wins_over_a_neighbourhood(pipeline):
    art = _one_article(pipeline,
                       "A 19-year-old man was shot and killed early Sunday in the Englewood neighborhood on the "
                       "South Side, Chicago police said. No one is in custody.", "2016-08-22",
                       headline="Man killed in Englewood shooting")
    main = [e for e in art.events if not e["aggregate"] and e["killed"]]
    assert main, art.events
    place = main[0]["place"]
    assert place and place["name"] == "Chicago" and place["country"] == "US"
    assert main[0]["date"]["value"] == "2016-08-21" and main[0]["killed"]["min"] == 1


def test_a_follow_up_story_takes_the_day_named_near_its_top(pipeline):
    art = _one_article(pipeline,
                       "Police have identified the woman who was fatally shot Saturday night outside a bar. "
                       "Her family said she was a nurse who loved to dance. Memphis police are still looking "
                       "for the gunman, who fled in a silver car.", "2016-08-23",
                       headline="Victim of weekend shooting identified")
    main = [e for e in art.events if not e["aggregate"]]
    assert main and main[0]["date"]["value"] == "2016-08-20"
    assert main[0]["place"] and main[0]["place"]["name"] == "Memphis"


def test_injuries_after_a_disaster_belong_to_it_not_to_an_attack(pipeline):
    art = _one_article(pipeline,
                       "An earthquake of magnitude 6.1 struck off the coast on Monday evening, the weather "
                       "agency said.\n\nThere were no immediate reports of deaths. Two people were slightly "
                       "injured in the city, local officials said.", "2025-01-13")
    codes = [e["code"] for e in art.events if not e["aggregate"]]
    assert codes == ["NATURAL_DISASTER"], art.events
    assert art.events[0]["injured"]["min"] == 2


def test_weekend_round_up_is_an_aggregate(pipeline):
    art = _article(pipeline,
                   "A 7-year-old boy was shot and killed on Saturday night in Chicago, police said.\n\n"
                   "At least seven people had been killed and 40 wounded in shootings across Chicago since "
                   "Friday night.",
                   headline="3 dead, 26 wounded in weekend Chicago shootings", published="2014-03-10")
    events = _violent(art)
    assert len(events) == 1 and events[0]["killed"]["min"] == 1 and events[0]["injured"] is None
    assert any(e["aggregate"] and e["killed"] and e["killed"]["min"] == 7 for e in art.events)


def test_a_statement_day_is_not_the_incident_day(pipeline):
    art = _article(pipeline,
                   "A man was shot and killed on Saturday in Elgin, Illinois.\n\n"
                   "Police said Monday that two men were shot and killed in the attack.\n\n"
                   "Investigators say the shooting that killed two men stemmed from an argument.",
                   published="2014-03-11")
    events = _violent(art)
    assert len(events) == 1
    assert events[0]["date"]["value"] == "2014-03-08" and events[0]["killed"]["min"] == 2


def test_a_fatal_shooting_without_a_count_is_one_dead(pipeline):
    art = _article(pipeline, "Police are investigating the fatal shooting at a bowling alley in Lexington, "
                             "Kentucky, on Saturday.", published="2014-03-10")
    assert _violent(art)[0]["killed"]["min"] == 1
    art = _article(pipeline, "Police are investigating a non-fatal shooting in Elgin on Saturday.",
                   published="2014-03-10")
    assert all(e["killed"] is None for e in _violent(art))


def test_a_page_stamp_does_not_date_the_incident(pipeline):
    art = _article(pipeline,
                   "School remembers teen who died from gunshot Posted: Tuesday, January 20, 2015 10:49 AM EST\n\n"
                   "A 15-year-old boy died after he was shot in the head on Sunday in Savannah, Georgia, "
                   "police said.", published="2015-01-20")
    events = _violent(art)
    assert events and events[0]["date"]["value"] == "2015-01-18"


def test_the_suburb_is_the_place_not_the_city_it_is_near(pipeline):
    art = _article(pipeline,
                   "Authorities say four people were shot during a party at a hotel in the Denver suburb of "
                   "Wheat Ridge on Saturday.", published="2014-05-26")
    events = _violent(art)
    assert events and events[0]["place"]["name"] == "Wheat Ridge"
    assert events[0]["injured"]["min"] == 4


def test_a_county_gives_way_to_the_town_named_inside_it():
    from dateline.extract.events.locate import county_town

    county = {"name": "Mason County", "feature": "county", "country": "US", "admin1": "Washington",
              "lat": 47.35, "lon": -123.18, "start": 10, "relative": None}
    shelton = {"name": "Shelton", "feature": "city", "country": "US", "admin1": "Washington",
               "lat": 47.215, "lon": -123.10, "start": 80, "relative": None}
    seattle = {"name": "Seattle", "feature": "city", "country": "US", "admin1": "Washington",
               "lat": 47.61, "lon": -122.33, "start": 5, "relative": None}
    portland = {"name": "Portland", "feature": "city", "country": "US", "admin1": "Oregon",
                "lat": 47.3, "lon": -123.2, "start": 7, "relative": None}     # wrong state, however near
    assert county_town(county, [county, seattle, portland, shelton])["name"] == "Shelton"
    assert county_town(county, [county, seattle, portland]) is county        # no town inside: the county
    assert county_town(shelton, [county, seattle]) is shelton                 # a town stays a town
