"""The offline gazetteer: keys, lookups of transliteration variants, load cost, resolution."""

from __future__ import annotations

import time

import pytest

from dateline.resolve.gazetteer import Gazetteer, Mention, loose_key, name_key, resolve_mentions


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def test_keys_fold_diacritics_apostrophes_and_hyphens():
    assert name_key("Al-Bab") == name_key("Al Bāb") == "al bab"
    assert name_key("Tall ‘Afar") == name_key("Tall 'Afar") == "tall afar"
    assert name_key("Tikrīt") == "tikrit"
    assert name_key("U.S.") == "us" and name_key("St. Louis") == "st louis"
    assert loose_key("Tal Afar") == loose_key("Tall ‘Afar")
    assert loose_key("Raqqa") == loose_key("Ar Raqqah")


@pytest.mark.parametrize("surface, name, country", [
    ("Al-Bab", "Al Bāb", "SY"), ("Al Bāb", "Al Bāb", "SY"), ("Raqqa", "Ar Raqqah", "SY"),
    ("Ar Raqqah", "Ar Raqqah", "SY"), ("Tikrit", "Tikrīt", "IQ"), ("Tal Afar", "Tall ‘Afar", "IQ"),
    ("Tall ‘Afar", "Tall ‘Afar", "IQ"), ("Mosul", "Mosul", "IQ"), ("MOSUL", "Mosul", "IQ"),
])
def test_transliteration_variants_meet(gaz, surface, name, country):
    assert any(c.name == name and c.country == country for c in gaz.lookup(surface))


def test_countries_states_demonyms_abbreviations(gaz):
    us = [c for c in gaz.lookup("U.S.") if c.feature == "country"]
    assert us and us[0].country == "US"
    assert gaz.lookup("American")[0].match == "demonym"
    assert any(c.feature == "admin1" and c.admin1 == "WV" for c in gaz.lookup("W.Va."))
    assert any(c.feature == "continent" for c in gaz.lookup("Europe"))
    assert gaz.admin1_name("US", "TX") == "Texas"
    assert gaz.lookup("") == ()


def test_load_is_cached_and_cheap():
    t = time.perf_counter()
    again = Gazetteer.load()
    assert Gazetteer.load() is again
    assert time.perf_counter() - t < 1.0


def test_context_and_qualifiers_disambiguate(gaz):
    paris_tx, paris = resolve_mentions([Mention(0, 5, "Paris", qualifier="Texas"), Mention(20, 25, "Paris")], gaz)
    assert paris_tx.candidate.admin1 == "TX" and paris.candidate.admin1 == "TX"   # one sense per document
    alone = resolve_mentions([Mention(0, 5, "Paris")], gaz)[0]
    assert alone.candidate.country == "FR"
    lb = resolve_mentions([Mention(0, 10, "Long Beach", qualifier="CA")], gaz)[0]
    assert (lb.candidate.country, lb.candidate.admin1) == ("US", "CA")
    georgia = resolve_mentions([Mention(0, 7, "Georgia"), Mention(10, 17, "Tbilisi")], gaz)[0]
    assert georgia.candidate.feature == "country" and georgia.candidate.country == "GE"
    georgia = resolve_mentions([Mention(0, 7, "Georgia"), Mention(10, 17, "Atlanta")], gaz)[0]
    assert georgia.candidate.feature == "admin1" and georgia.candidate.country == "US"
    dc = resolve_mentions([Mention(0, 10, "Washington")], gaz)[0]
    assert (dc.candidate.country, dc.candidate.admin1) == ("US", "DC")
    county = resolve_mentions([Mention(0, 13, "Laurel County"), Mention(20, 28, "Kentucky")], gaz)[0]
    assert county.approximate and county.candidate.admin1 == "KY"


def test_counties_divisions_and_demonyms(gaz):
    rapides = gaz.lookup("Rapides Parish")
    assert rapides and rapides[0].feature == "county" and (rapides[0].country, rapides[0].admin1) == ("US", "LA")
    assert rapides[0].population > 0 and 30.5 < rapides[0].lat < 31.8          # its own point, not Louisiana's
    assert any(c.admin1 == "GA" and c.match == "county" for c in gaz.lookup("Oconee"))   # "Oconee" = the county
    assert any(c.admin1 == "TN" for c in gaz.lookup("Loudon Co."))
    assert any(c.feature == "admin1" and c.country == "DE" for c in gaz.lookup("Bavaria"))    # GeoNames names
    assert any(c.feature == "county" and c.country == "GB" for c in gaz.lookup("Cambridgeshire"))
    assert gaz.lookup("Minnesotans")[0].admin1 == "MN" and gaz.lookup("Latvians")[0].country == "LV"
    assert gaz.lookup("European")[0].feature == "continent"
    ontario = next(c for c in gaz.lookup("Ontario") if c.feature == "admin1")
    assert ontario.lat > 48                                                    # not the populated south's centre


def test_counties_and_towns_resolve_together(gaz):
    walker, huntsville = resolve_mentions([Mention(0, 13, "Walker County"), Mention(20, 30, "Huntsville")], gaz)
    assert walker.candidate.admin1 == huntsville.candidate.admin1               # one state, whichever
    rapides, alex = resolve_mentions([Mention(0, 14, "Rapides Parish"), Mention(20, 30, "Alexandria")], gaz)
    assert alex.candidate.admin1 == "LA" and rapides.approximate
    ga = resolve_mentions([Mention(0, 6, "Athens"), Mention(10, 23, "Clarke County"), Mention(30, 36, "Oconee"),
                           Mention(40, 46, "Barrow")], gaz)
    assert {r.candidate.admin1 for r in ga} == {"GA"}                          # not Greece, not Utqiagvik
    tx = resolve_mentions([Mention(0, 9, "Mansfield"), Mention(20, 29, "Arlington"),
                           Mention(40, 53, "Grand Prairie")], gaz)
    assert {r.candidate.admin1 for r in tx} == {"TX"}                          # a cluster beats big namesakes
    twp = resolve_mentions([Mention(0, 17, "Hamilton Township", qualifier="Ohio")], gaz)[0]
    assert twp.candidate.admin1 == "OH" and twp.approximate
    quebec = resolve_mentions([Mention(0, 6, "Quebec"), Mention(10, 17, "Toronto")], gaz)[0]
    assert quebec.candidate.feature == "admin1"
    middle_east = resolve_mentions([Mention(0, 11, "Middle East"), Mention(20, 25, "Egypt")], gaz)[0]
    assert middle_east.candidate.feature == "region"                           # not a Baltimore neighbourhood
    italy = resolve_mentions([Mention(0, 5, "Italy"), Mention(20, 25, "Texas")], gaz)[0]
    assert italy.candidate.feature == "country"


def test_features_and_parts_named_after_a_town(gaz):
    from dateline.resolve.gazetteer import near_namesake

    assert any(c.admin1 == "GA" for c in near_namesake("Lake Hartwell", gaz))
    assert any(c.name == "Los Angeles" for c in near_namesake("Port of Los Angeles", gaz))
    assert any(c.admin1 == "OH" for c in near_namesake("Hamilton Township", gaz))
    assert near_namesake("Paris", gaz) == [] and near_namesake("Lake", gaz) == []
    la = resolve_mentions([Mention(0, 17, "South Los Angeles")], gaz)[0]
    assert la.candidate.name == "Los Angeles" and la.approximate
