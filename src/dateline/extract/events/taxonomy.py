"""The event taxonomy: ACLED event types and sub-event types, CASE 2021's extra
types, and the everyday crime shooting, each under one short code.

``code`` is the CASE 2021 task 2 label where one exists (they abbreviate ACLED's
sub-event types), so ``dateline eval event-types`` compares codes directly.
``family`` groups types for the cross-article merge: two reports only describe the
same incident when their families are equal.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["EventType", "TYPES", "by_code"]


class EventType(NamedTuple):
    code: str
    type: str        # ACLED event type (or dateline's extra group)
    subtype: str     # ACLED sub-event type
    family: str      # merge family


def _t(code: str, type_: str, subtype: str, family: str) -> EventType:
    return EventType(code, type_, subtype, family)


TYPES: tuple[EventType, ...] = (
    _t("ARMED_CLASH", "Battles", "Armed clash", "violence"),
    _t("GOV_REGAINS_TERIT", "Battles", "Government regains territory", "territory"),
    _t("NON_STATE_ACTOR_OVERTAKES_TER", "Battles", "Non-state actor overtakes territory", "territory"),
    _t("CHEM_WEAP", "Explosions/Remote violence", "Chemical weapon", "violence"),
    _t("AIR_STRIKE", "Explosions/Remote violence", "Air/drone strike", "violence"),
    _t("SUIC_BOMB", "Explosions/Remote violence", "Suicide bomb", "violence"),
    _t("ART_MISS_ATTACK", "Explosions/Remote violence", "Shelling/artillery/missile attack", "violence"),
    _t("REM_EXPLOS", "Explosions/Remote violence", "Remote explosive/landmine/IED", "violence"),
    _t("GRENADE", "Explosions/Remote violence", "Grenade", "violence"),
    _t("SEX_VIOL", "Violence against civilians", "Sexual violence", "violence"),
    _t("ATTACK", "Violence against civilians", "Attack", "violence"),
    _t("ABDUCT_DISSAP", "Violence against civilians", "Abduction/forced disappearance", "violence"),
    _t("PEACE_PROTEST", "Protests", "Peaceful protest", "demonstration"),
    _t("PROTEST_WITH_INTER", "Protests", "Protest with intervention", "demonstration"),
    _t("FORCE_AGAINST_PROTEST", "Protests", "Excessive force against protesters", "demonstration"),
    _t("VIOL_DEMONSTR", "Riots", "Violent demonstration", "demonstration"),
    _t("MOB_VIOL", "Riots", "Mob violence", "demonstration"),
    _t("AGREEMENT", "Strategic developments", "Agreement", "strategic"),
    _t("ARREST", "Strategic developments", "Arrests", "strategic"),
    _t("CHANGE_TO_GROUP_ACT", "Strategic developments", "Change to group/activity", "strategic"),
    _t("DISR_WEAP", "Strategic developments", "Disrupted weapons use", "strategic"),
    _t("HQ_ESTABLISHED", "Strategic developments", "Headquarters or base established", "strategic"),
    _t("PROPERTY_DISTRUCT", "Strategic developments", "Looting/property destruction", "strategic"),
    _t("NON_VIOL_TERRIT_TRANSFER", "Strategic developments", "Non-violent transfer of territory", "territory"),
    _t("OTHER", "Strategic developments", "Other", "strategic"),
    _t("ORG_CRIME", "Crime", "Organized crime", "crime"),
    _t("SHOOTING", "Crime", "Shooting", "violence"),
    _t("NATURAL_DISASTER", "Disasters", "Natural disaster", "disaster"),
    _t("MAN_MADE_DISASTER", "Disasters", "Man-made disaster", "disaster"),
    _t("DIPLO", "Diplomacy", "Diplomatic event", "diplomacy"),
    _t("ATTRIB", "Diplomacy", "Attribution of responsibility", "diplomacy"),
)

_BY_CODE = {t.code: t for t in TYPES}


def by_code(code: str) -> EventType:
    """The :class:`EventType` for ``code``; ``KeyError`` for an unknown code."""
    return _BY_CODE[code]
