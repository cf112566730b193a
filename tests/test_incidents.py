"""The cross-article event merge: which reports are one incident, and what the incident says."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.model import Article, Span
from dateline.resolve.incidents import (
    date_interval,
    figure_policy,
    incident_id,
    merge_reports,
    same_incident,
)

MOSUL = {"name": "Mosul", "geonameid": "99072", "country": "IQ", "admin1": "Nineveh", "lat": 36.34, "lon": 43.13,
         "precision": "city", "relative": None}
# about 25 km from Mosul
BARTELLA = {"name": "Bartella", "geonameid": "1", "country": "IQ", "admin1": "Nineveh", "lat": 36.35, "lon": 43.38,
            "precision": "city", "relative": None}
# about 80 km from Mosul
ERBIL = {"name": "Erbil", "geonameid": "95446", "country": "IQ", "admin1": "Erbil", "lat": 36.19, "lon": 44.01,
         "precision": "city", "relative": None}
BAGHDAD = {"name": "Baghdad", "geonameid": "98182", "country": "IQ", "admin1": "Baghdad", "lat": 33.34,
           "lon": 44.40, "precision": "city", "relative": None}
RAQQA = {"name": "Raqqa", "geonameid": "172955", "country": "SY", "admin1": "Raqqa", "lat": 35.95, "lon": 39.01,
         "precision": "city", "relative": None}
IRAQ = {"name": "Iraq", "geonameid": "99237", "country": "IQ", "admin1": None, "lat": 33.0, "lon": 44.0,
        "precision": "country", "relative": None}
NINEVEH = {"name": "Nineveh", "geonameid": "2", "country": "IQ", "admin1": "Nineveh", "lat": 36.2, "lon": 42.9,
           "precision": "admin1", "relative": None}

_FAMILY = {"SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb", "violence"),
           "ATTACK": ("Violence against civilians", "Attack", "violence"),
           "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike", "violence"),
           "PEACE_PROTEST": ("Protests", "Peaceful protest", "demonstration"),
           "ARREST": ("Strategic developments", "Arrests", "strategic")}


def actor(name: str, named: bool = True) -> dict:
    return {"start": 0, "end": len(name), "text": name, "entity": "e1" if named else None}


def figure(low: int, high: int | None = None, qualifier: str | None = None) -> dict:
    return {"min": low, "max": low if high is None else high, "qualifier": qualifier, "vague": None,
            "start": 0, "end": 1, "text": str(low)}


def ev(code: str = "SUIC_BOMB", date: str | None = "2017-03-08", precision: str | None = "day",
       place: dict | None = MOSUL, killed: int | dict | None = None, injured: int | dict | None = None,
       actor1: dict | None = None, actor2: dict | None = None, target: dict | None = None,
       aggregate: bool = False, id: str = "v1", confidence: float = 0.8, sentence: str | None = None,
       source: str = "text") -> dict:
    """An event dict of the extractor's schema; spans are placeholders unless an article sets them."""
    type_, subtype, family = _FAMILY[code]
    if sentence is None:
        named = [f"{role} {a['text']}" for role, a in (("by", actor1), ("against", actor2), ("on", target)) if a]
        sentence = " ".join([f"A {subtype.lower()} struck {place['name'] if place else 'somewhere'}", *named]) + "."
    return {
        "id": id, "code": code, "type": type_, "subtype": subtype, "family": family,
        "trigger": {"start": 0, "end": 1, "text": sentence[:1]},
        "date": None if date is None else {"value": date, "precision": precision, "mod": None, "time": None,
                                           "source": source},
        "place": None if place is None else {**place, "start": 0, "end": 1, "text": sentence[:1]},
        "actor1": actor1, "actor2": actor2, "target": target,
        "killed": figure(killed) if isinstance(killed, int) else killed,
        "injured": figure(injured) if isinstance(injured, int) else injured,
        "reported_by": None, "aggregate": aggregate,
        "evidence": [{"start": 0, "end": len(sentence), "text": sentence}],
        "confidence": confidence,
    }


def report(article: str, published: str | None = "2017-03-09", **kw) -> dict:
    return {**ev(**kw), "article_id": article, "published": published}


def article(published: str | None, *events: dict, headline: str = "Report", url: str | None = None) -> Article:
    """A real article whose text holds each event's sentence; every span indexes the text."""
    from dateline.model import Source

    sentences = [e["evidence"][0]["text"] for e in events] or ["Nothing happened."]
    body = " ".join(dict.fromkeys(sentences))
    text = f"{headline}\n\n{body}"
    fixed = []
    for e in events:
        sentence = e["evidence"][0]["text"]
        start = text.index(sentence)
        span = Span.of(text, start, start + len(sentence)).to_dict()
        word = Span.of(text, start, start + 1).to_dict()
        def find(form: str, required: bool = False) -> dict:
            at = sentence.find(form)
            assert at >= 0 or not required, f"{form!r} is not in {sentence!r}"
            return word if at < 0 else Span.of(text, start + at, start + at + len(form)).to_dict()

        e = {**e, "evidence": [span], "trigger": word}
        if e.get("place"):
            e["place"] = {**e["place"], **find(e["place"]["name"])}
        for role in ("actor1", "actor2", "target"):
            if e.get(role):
                e[role] = {**e[role], **find(e[role]["text"], required=True)}
        for label in ("killed", "injured"):
            if e.get(label):
                e[label] = {**e[label], **word}
        fixed.append(e)
    art = Article(text=text, headline=headline, published=published, events=fixed,
                  paragraphs=[Span.of(text, len(headline) + 2, len(text))], source=Source(url=url))
    for span in art.spans():
        assert text[span.start:span.end] == span.text
    return art


# -- the pairwise test --------------------------------------------------------

def test_same_article_never_merges_and_aggregates_never_merge():
    assert not same_incident(report("a", id="v1"), report("a", id="v2"))
    assert same_incident(report("a"), report("b"))
    assert not same_incident(report("a", aggregate=True), report("b"))
    assert not same_incident(report("a", aggregate=True), report("b", aggregate=True))
    assert merge_reports([report("a", aggregate=True), report("b", aggregate=True)]) == []


def test_families_must_match_codes_may_differ():
    assert same_incident(report("a", code="SUIC_BOMB"), report("b", code="ATTACK"))
    assert not same_incident(report("a", code="SUIC_BOMB"), report("b", code="PEACE_PROTEST"))


def test_dates_within_the_window():
    base = report("a", date="2017-03-08")
    assert same_incident(base, report("b", date="2017-03-09"))
    assert not same_incident(base, report("b", date="2017-03-10"))      # two dates read from texts: a day apart
    assert same_incident(base, report("b", date="2017-W10", precision="week"))
    # a date taken from the publication date covers the three days before it
    published = report("b", date="2017-03-11", source="published")
    assert same_incident(base, published)
    assert not same_incident(report("a", date="2017-03-06"), published)
    assert not same_incident(report("a", date="2017-03-13"), published)
    assert same_incident(published, report("c", date="2017-03-14", source="published"))
    assert not same_incident(published, report("c", date="2017-03-16", source="published"))


def test_daily_reports_from_one_city_do_not_chain():
    days = [report(f"a{d}", date=f"2017-03-{d:02d}", code="ATTACK") for d in range(1, 30, 2)]
    assert len(merge_reports(days)) == len(days)


def test_month_level_dates_compare_by_month_and_need_a_city_match():
    month = report("b", date="2017-03", precision="month")
    assert same_incident(report("a", date="2017-03-28"), month)
    assert not same_incident(report("a", date="2017-04-01"), month)
    assert not same_incident(report("a", date="2017-03-08", place=NINEVEH),
                             report("b", date="2017-03", precision="month", place=NINEVEH))
    assert not same_incident(report("a", date="2017"), report("b", date="2017-03-08", code="ATTACK"))
    assert same_incident(report("a", date="2017", precision="year"), report("b", date="2017-03-08"))


def test_places_by_distance_and_precision():
    assert same_incident(report("a", place=MOSUL), report("b", place=BARTELLA))
    assert not same_incident(report("a", place=MOSUL), report("b", place=ERBIL))
    near_mosul = {**ERBIL, "precision": "approximate", "relative": {"direction": "east", "anchor": "Mosul"}}
    assert same_incident(report("a", place=MOSUL), report("b", place=near_mosul))
    assert not same_incident(report("a", place=MOSUL), report("b", place=RAQQA))
    assert same_incident(report("a", place=MOSUL), report("b", place=NINEVEH))
    assert not same_incident(report("a", place=BAGHDAD), report("b", place=NINEVEH))


def test_a_country_level_place_only_matches_on_the_same_day():
    assert same_incident(report("a", place=MOSUL), report("b", place=IRAQ))
    assert not same_incident(report("a", place=MOSUL), report("b", place=IRAQ, date="2017-03-09"))
    assert not same_incident(report("a", place=RAQQA), report("b", place=IRAQ))


def test_named_actors_must_not_contradict():
    isis = actor("Islamic State")
    assert same_incident(report("a", actor1=isis), report("b", actor1=actor("the Islamic State group")))
    assert same_incident(report("a", actor1=isis), report("b", actor1=actor("IS")))
    assert not same_incident(report("a", actor1=isis), report("b", actor1=actor("Kurdistan Workers' Party")))
    assert same_incident(report("a", actor1=isis), report("b", actor1=actor("gunmen", named=False)))
    assert same_incident(report("a", actor1=actor("Daesh")), report("b", actor1=actor("Islamic State militants")))
    assert not same_incident(report("a", actor1=actor("Daesh")), report("b", actor1=actor("Taliban fighters")))
    # one report's actor1 is the other's actor2: roles differ, names do not contradict
    pkk, army = actor("PKK"), actor("Turkish army")
    assert same_incident(report("a", actor1=pkk, actor2=army), report("b", actor1=army, actor2=pkk))


def test_casualty_figures_must_be_compatible():
    assert same_incident(report("a", killed=3), report("b", killed=12))
    assert same_incident(report("a", killed=40), report("b", killed=100))
    assert not same_incident(report("a", killed=2), report("b", killed=200))
    assert same_incident(report("a", killed=2), report("b"))
    assert not same_incident(report("a", injured=1), report("b", injured=300))


def test_undated_or_unplaced_reports_need_a_strong_match():
    undated = report("b", date=None, killed=5)
    assert not same_incident(report("a"), undated)
    assert same_incident(report("a", killed=5), undated)
    assert not same_incident(report("a", killed=5, code="ATTACK"), undated)
    assert not same_incident(report("a", killed=5, place=NINEVEH), undated)
    unplaced = report("b", place=None, actor1=actor("Islamic State"))
    assert not same_incident(report("a"), unplaced)
    assert same_incident(report("a", actor1=actor("Islamic State")), unplaced)
    assert not same_incident(report("a", actor1=actor("Islamic State"), date="2017-03-09"), unplaced)
    assert not same_incident(report("a", actor1=actor("Islamic State")),
                             report("b", place=None, actor1=actor("IS"), source="published"))


_reports = st.builds(
    report,
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.sampled_from(["2017-03-08", "2017-03-10", None]),
    code=st.sampled_from(["SUIC_BOMB", "ATTACK", "PEACE_PROTEST"]),
    date=st.sampled_from(["2017-03-06", "2017-03-08", "2017-03-09", "2017-03-10", "2017-03-15", "2017-03", None]),
    precision=st.sampled_from(["day", None]),
    place=st.sampled_from([MOSUL, BARTELLA, ERBIL, IRAQ, NINEVEH, RAQQA, None]),
    killed=st.sampled_from([None, 0, 2, 5, 12, 200]),
    actor1=st.sampled_from([None, actor("Islamic State"), actor("PKK"), actor("gunmen", named=False)]),
    aggregate=st.booleans(),
    id=st.sampled_from(["v1", "v2", "v3"]),
    source=st.sampled_from(["text", "text", "published"]),
)


@given(_reports, _reports)
def test_same_incident_is_symmetric(a, b):
    assert same_incident(a, b) == same_incident(b, a)


def _summary(incidents):
    return [(i["id"], i["n_reports"], i["code"], i["killed"], i["killed_rule"], (i["date"] or {}).get("value"),
             (i["place"] or {}).get("name"), i["confidence"]) for i in incidents]


@settings(max_examples=60, deadline=None)
@given(st.lists(_reports, min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_merge_does_not_depend_on_input_order(reports, rnd):
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert _summary(merge_reports(shuffled)) == _summary(merge_reports(reports))
    assert merge_reports(shuffled) == merge_reports(reports)


def test_components_are_transitive():
    # Mosul ~ Bartella (25 km) ~ east of Bartella (40 km further), Mosul and the last 65 km apart
    east = {**BARTELLA, "name": "Khazir", "lon": 43.82}
    reps = [report("a", place=MOSUL), report("b", place=BARTELLA), report("c", place=east)]
    assert not same_incident(reps[0], reps[2])
    (incident,) = merge_reports(reps)
    assert incident["n_reports"] == 3


# -- what an incident says ----------------------------------------------------

def test_incident_id_is_deterministic_over_report_keys():
    reps = [report("b"), report("a")]
    (incident,) = merge_reports(reps)
    assert incident["id"] == incident_id(["a:v1", "b:v1"]) == incident_id(["b:v1", "a:v1"])
    assert incident["id"].startswith("ev_") and len(incident["id"]) == 15


def test_incident_fields():
    reps = [
        report("a", published="2017-03-09", code="ATTACK", date="2017-03-08", place=NINEVEH,
               actor1=actor("gunmen", named=False), confidence=0.6),
        report("b", published="2017-03-09", code="SUIC_BOMB", date="2017-03-08", place=MOSUL,
               actor1=actor("Islamic State"), confidence=0.7),
        report("c", published="2017-03-10", code="SUIC_BOMB", date="2017-03-08", place=BARTELLA,
               actor1=actor("Islamic State"), confidence=0.9),
    ]
    (incident,) = merge_reports(reps)
    assert (incident["code"], incident["subtype"], incident["family"]) == ("SUIC_BOMB", "Suicide bomb", "violence")
    assert incident["date"]["value"] == "2017-03-08" and incident["date"]["report"] == "a:v1"
    assert incident["place"]["name"] == "Bartella"          # city beats admin1; then the more confident report
    assert incident["actor1"]["text"] == "Islamic State"
    assert incident["n_reports"] == 3 and incident["n_articles"] == 3
    assert (incident["first_published"], incident["last_published"]) == ("2017-03-09", "2017-03-10")
    assert [r["article_id"] for r in incident["reports"]] == ["a", "b", "c"]
    assert incident["reports"][1]["evidence"][0]["text"].startswith("A suicide bomb")
    assert 0.9 < incident["confidence"] <= 1.0


def test_text_dates_beat_publication_dates():
    (incident,) = merge_reports([report("a", date="2017-03-09", source="published"), report("b", date="2017-03-08")])
    assert incident["date"]["value"] == "2017-03-08" and incident["date"]["source"] == "text"
    (incident,) = merge_reports([report("a", date="2017-03-10", source="published"),
                                 report("b", date="2017-03-09", source="published")])
    assert (incident["date"]["value"], incident["date"]["precision"]) == ("2017-03-09", "day")


def test_settled_groups_give_the_same_incidents():
    rnd = random.Random(3)
    reps = [report(f"a{i}", killed=rnd.choice([None, 3, 4]), place=rnd.choice([MOSUL, BARTELLA, BAGHDAD]),
                   date=f"2017-03-{rnd.randint(1, 9):02d}") for i in range(40)]
    old, new = reps[:30], reps[30:]
    groups = [[f"{r['article_id']}:{r['event_id']}" for r in inc["reports"]] for inc in merge_reports(old)]
    assert merge_reports(reps, settled=groups) == merge_reports(reps)


def test_code_ties_go_to_the_more_specific_code():
    (incident,) = merge_reports([report("a", code="ATTACK"), report("b", code="SUIC_BOMB")])
    assert incident["code"] == "SUIC_BOMB"


def test_counts_policy():
    def fig(*pairs):
        return figure_policy([report(f"a{i}", published=p, killed=k) for i, (p, k) in enumerate(pairs)], "killed")

    assert fig(("2017-03-08", None)) == (None, None)
    assert fig(("2017-03-08", 3)) == (3, "single")
    assert fig(("2017-03-08", 3), ("2017-03-09", 3)) == (3, "agreed")
    assert fig(("2017-03-08", 3), ("2017-03-09", 5), ("2017-03-10", 12)) == (12, "revision")
    assert fig(("2017-03-08", 3), ("2017-03-08", 3), ("2017-03-09", 12)) == (12, "revision")
    assert fig(("2017-03-08", 12), ("2017-03-09", 3)) == (3, "minimum")           # revised down: conservative
    assert fig(("2017-03-08", 3), ("2017-03-08", 5)) == (3, "minimum")            # same moment, conflict
    assert fig(("2017-03-08", 3), ("2017-03-09", 8), ("2017-03-10", 5)) == (3, "minimum")
    assert fig((None, 3), ("2017-03-09", 5)) == (3, "minimum")
    ranged = [report("a", published="2017-03-08", killed=figure(4, 6)),
              report("b", published="2017-03-09", killed=figure(9, 10))]
    assert figure_policy(ranged, "killed") == (9, "revision")                     # low end of each range


def test_every_report_keeps_its_own_figures():
    (incident,) = merge_reports([report("a", published="2017-03-08", killed=3, injured=20),
                                 report("b", published="2017-03-09", killed=12, injured=15)])
    assert (incident["killed"], incident["killed_rule"]) == (12, "revision")
    assert (incident["injured"], incident["injured_rule"]) == (15, "minimum")
    assert [(r["killed"]["min"], r["injured"]["min"]) for r in incident["reports"]] == [(3, 20), (12, 15)]


def test_date_intervals():
    assert date_interval("2017-03-08")[2] == "day"
    assert date_interval({"value": "2017-03-08", "precision": "month"})[:2] == (
        date_interval("2017-03")[0], date_interval("2017-03")[1])
    assert date_interval("2017-02")[1].day == 28 and date_interval("2016-02")[1].day == 29
    assert date_interval("2017-W01")[0].isoformat() == "2017-01-02"
    assert date_interval("2017-13-01") is None and date_interval("PRESENT_REF") is None and date_interval(None) is None


def test_hand_built_articles_keep_the_span_invariant():
    art = article("2017-03-09", ev(killed=3, actor1=actor("Islamic State")), ev(code="ARREST", id="v2"))
    assert [e["evidence"][0]["text"] for e in art.events] == [
        "A suicide bomb struck Mosul by Islamic State.", "A arrests struck Mosul."]
    assert art.events[0]["actor1"]["text"] == "Islamic State"


def test_many_reports_merge_quickly():
    rnd = random.Random(5)
    reps = [report(f"a{i}", killed=rnd.choice([None, 3, 4]), place=rnd.choice([MOSUL, BARTELLA, BAGHDAD]),
                   date=f"2017-03-{rnd.randint(1, 28):02d}") for i in range(300)]
    incidents = merge_reports(reps)
    assert sum(i["n_reports"] for i in incidents) == 300
