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
