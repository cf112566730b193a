"""Trigger lexicon of the event-type classifier (see ``classify.py``).

Each :class:`Rule` names a taxonomy code, a weight (its *specificity*: how surely
the phrase alone evokes that sub-type; a suicide bombing outranks a bombing, which
outranks an attack) and a regular expression for the trigger phrase itself. Context
that the phrase needs is kept out of the match, so ``text[start:end]`` is the trigger:

* right context as a lookahead inside ``pattern`` (``explosive device(?=... found)``);
* ``need``: names of :data:`CUES` of which at least one must occur in the text
  (anywhere); ``avoid``: names of cues none of which may occur;
* ``left``: a pattern that must match in the :data:`LEFT_WINDOW` characters before the
  trigger (Python lookbehinds must be fixed-width, so this is checked separately);
* ``near``: names of cues one of which must occur in the trigger's own sentence
  (protesters who were shot, not a shooting elsewhere in a story that mentions a rally).

Weights come in tiers (about 0.95 for the most specific weapons and claims, 0.9 for
sub-types named outright, 0.8 for sub-types inferred from context, 0.6-0.7 for
generic words), and the classifier's bonuses for position and repeated evidence
(at most 0.04 + 0.03) only break ties within a tier.

Two pseudo-codes are resolved by the classifier, not here: ``TERRITORY`` (a change of
control; the actor decides between government and non-state actor) and ``SHOOTING``
(kept as a code: everyday gun crime).

The word lists follow the ACLED codebook's sub-event definitions (2019 edition) and
the CASE 2021 notes for the five extra types; they name kinds of events, weapons and
actors, never particular incidents. Matching is case-insensitive unless a pattern
says ``(?-i:...)`` (``IED``, ``IS``).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Rule", "RULES", "CUES", "LEFT_WINDOW", "STATE_ACTOR", "NONSTATE_ACTOR"]

LEFT_WINDOW = 60


class Rule(NamedTuple):
    code: str
    weight: float
    pattern: str
    need: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    left: str | None = None
    near: tuple[str, ...] = ()


# ---------------------------------------------------------------- shared word lists

_WEAPONS = (r"(?:weapons?|arms|ammunitions?|ammo|munitions?|firearms?|guns?|rifles?|pistols?|revolvers?|"
            r"kalashnikovs?|ak-?47s?|machine[- ]?guns?|carbines?|muskets?|explosives?|detonators?|"
            r"grenades?|rounds|cartridges|bullets|magazines|bombs?|mortars?|rockets?|missiles?|"
            r"launchers?|improvised explosive devices?|(?-i:IEDs?)|explosive devices?|landmines?|mines)")
_FOUND = r"(?:seized|seize|seizing|seizure|recovered|recover|recovery|found|find|discovered|discover|uncovered|unearthed|confiscated|impounded|intercepted|dismantled)"
# the topic of a protest is not its event ("protest against police brutality"):
# fixed-width lookbehinds, one per phrase
_NOT_TOPIC = (r"(?<!against )(?<!against police )(?<!against gun )(?<!denounce )(?<!condemn )"
              r"(?<!over police )(?<!against state )(?<!against the )(?<!about )")

# a noun after a determiner ("the arrest of"): checked on its own, see the arrest rules
_NOT_NOUN = r"(?<!the )(?<!his )(?<!her )(?<!its )(?<!their )"
_DET_LEFT = r"\b(?:the|his|her|its|their) $"

#: government / state forces (ACLED "State forces").
STATE_ACTOR = (r"\b(?:government|govt|pro-government|regime|army|armies|troops?|soldiers?|military|"
               r"security forces|(?:national|federal|state) (?:forces|guard)|police|policemen|"
               r"loyalists?|army units|marines|airborne|special forces|commandos|gendarmes?|"
               r"federal troops|armed forces|defen[cs]e forces|(?-i:IDF)|coalition forces|"
               r"law enforcement|officers|authorities)\b")
#: rebels, militias, insurgents, named armed groups (ACLED "Rebel groups", "Political militias").
NONSTATE_ACTOR = (r"(?:\b(?:rebels?|rebel fighters|militants?|insurgents?|insurgency|fighters|guerrill?as?|"
                  r"jihadists?|terrorists?|militias?|militiamen|separatists?|opposition|mujahideen|"
                  r"extremists?|gunmen|bandits|islamists?|insurgent|armed groups?|"
                  r"islamic state|taliban|houthis?|huthis?|al[- ]shabb?aa?b|shebab|boko haram|hezbollah|hizbollah|"
                  r"al[- ]qaeda|al[- ]nusra|nusra|hamas|kurdish (?:forces|fighters|militia)|peshmerga|"
                  r"(?-i:ISIS|ISIL|IS|SDF|YPG|PKK|FARC|ELN|ADF|M23|HTS|SLM|SPLA|SPLM|LRA))\b)")


# ---------------------------------------------------------------- context cues
# name -> pattern searched in the text (lazily, only when a rule asks).

CUES: dict[str, str] = {
    "protest": r"\b(?:protest(?:s|ers?|ors?|ing|ed)?|demonstrat(?:ors?|ions?|ed|ing)|rall(?:y|ies|ied)|"
               r"marche[ds]|marchers|(?-i:march)|sit-?ins?|picket\w*|walkouts?|took to the streets|"
               r"anti-government|anti-regime|yellow vests?|rioters|riots?|riot police|burn(?:ing|t|ed) (?:tyres|tires))\b",
    "violence": r"\b(?:kill\w*|dead|deaths?|died|wound\w*|injur\w*|hurt|casualt\w*|gun\w*|armed|weapons?|"
                r"bullets?|shot|stab\w*|knife|police|troops|soldiers?|militants?|rebels?|civilians?|"
                r"victims?|hospital\w*|bomb\w*|massacre\w*|violen\w*|insurgents?|terror\w*|"
                r"fighters|forces|attackers?|assailants?|suspects?|villagers|residents|army|military|"
                r"militias?|offensive|clash\w*|strongholds?|positions|machetes?|knives|spears|"
                r"bows and arrows|cutlass(?:es)?)\b",
    "hostile": r"\b(?:attack\w*|militants?|insurgents?|terror\w*|rebels?|bombers?|planted|targeted|targeting|"
               r"detonat\w*|gunmen|claimed|jihad\w*|extremists?|suspected|assailants|"
               r"taliban|al-shabaab|al-shabab|boko haram|(?-i:ISIS|ISIL|IS|PKK)|security forces|"
               r"soldiers|troops|police|checkpoint|convoy|patrol)\b",
    "sports": r"\b(?:striker|goalkeeper|goal|goals|match|league|coach|tournament|cup|scored|"
              r"midfielder|defender|penalty|championship|innings|wicket|quarterback|"
              r"touchdown|olympics?|semi-?final|final whistle|referee|club)\b",
    "finance": r"\b(?:shares?|stocks?|stock markets?|financial markets?|investors?|earnings|revenue|sales|nasdaq|"
               r"dow|profits?|inflation|currency|bond yields?|quarter)\b",
    "politics_metaphor": r"\b(?:verbal|scathing|stinging|blistering|rhetorical|personal|political|"
                         r"campaign|debate|criticism|critic\w*|remarks?|tweets?|speech|op-ed|"
                         r"policy|policies|proposal|bill|budget|election)\b",
    "state": STATE_ACTOR,
    "nonstate": NONSTATE_ACTOR,
    "strike_labour": r"\b(?:workers|union|unions|staff|employees|teachers|nurses|doctors|drivers|"
                     r"general strike|hunger strike|strikers|walkout|pay|wages?|salar\w+)\b",
    "accident": r"\b(?:accident\w*|crash\w*|collision|collided|derail\w*|collaps\w*|leak\w*|"
                r"capsiz\w*|sank|sinking|malfunction\w*|negligence|safety|warehouse|factory|plant|"
                r"refinery|boiler|gas cylinders?|dangerous chemicals|hazardous|propane|fire ?fighters|"
                r"blaze|fireworks|mine shaft|pipeline)\b",
    "chem_context": r"\b(?:attack\w*|weapons?|shell\w*|rockets?|bombs?|dropp\w*|fired|rebels?|regime|"
                    r"army|government forces|militants?|jihadists?|terrorists?|troops|clashes|"
                    r"(?-i:ISIS|ISIL|OPCW)|opcw|exposure|symptoms|suffocat\w*|inspectors|fact-finding|"
                    r"used against)\b",
    "volcano": r"\b(?:volcan\w*|lava|ash|magma|geysers?)\b",
    "responsibility_context": r"\b(?:attack\w*|bomb\w*|strikes?|explosions?|blasts?|assault\w*|kill\w*|"
                              r"shooting|massacre|violence|hack\w*|cyber\w*|interference|incident|"
                              r"responsib\w*|behind|downing|sabotage|shell\w*|rockets?|missiles?|"
                              r"raid|ambush|expulsion|poisoning|guilt|guilty)\b",
    "weapons_protesters": r"\b(?:threw|thrown|hurl\w*|stone-?throw\w*|rioters|molotov\w*|petrol bombs|"
                          r"clash\w*|turned violent|looted|torched)\b",
    "crowd": r"\b(?:crowds?|mobs?|residents|villagers|youths|locals|community members|onlookers|passers-?by)\b",
    "casualty": r"\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|casualt\w*|bodies|shot)\b",
    "fire_accident": r"\b(?:a|the) (?:huge |massive |major |big |raging |deadly )?(?:fire|blaze|inferno)\b(?! to)",
    "grievance": r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|vigils?|outrage|anger)\b[^.]{0,40}"
                 r"\b(?:over|against|after|following|about|condemning|denouncing|for)\b[^.]{0,40}\b(?:killings?|deaths?|"
                 r"murders?|shootings?|brutality|massacres?|assault|rape|lynching|(?:was|were|had been) (?:killed|shot|"
                 r"murdered|beaten))\b",
    "arrest_grievance": r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|sit-?ins?|vigils?|outrage|"
                        r"anger|took place|took to the streets)\b[^.]{0,40}\b(?:over|against|after|following|"
                        r"condemning|denouncing|demanding|protesting) (?:the )?(?:\w+ )?(?:arrests?|detentions?|"
                        r"jailing|imprisonment|release)\b",
    "chem_weapon_context": r"\b(?:chemical (?:weapons?|attacks?)|sarin|mustard gas|nerve agent|barrel bombs?|"
                           r"poisonous gas attack|gas attack)\b",
}


# ---------------------------------------------------------------- rules

RULES: tuple[Rule, ...] = (
    # -- Explosions/Remote violence ------------------------------------------------
    # Chemical weapon (ACLED: use of chemical weapons; it outranks the delivery method).
    Rule("CHEM_WEAP", 0.97, r"\bchemical(?:ly)?[- ](?:weapons?|attacks?|armed|agents?|munitions?|bombs?|shells?)\b"),
    Rule("CHEM_WEAP", 0.96, r"\b(?:sarin|mustard gas|nerve (?:agent|gas)|vx (?:agent|gas)|tabun|"
                            r"chlorine(?: gas| bombs?| barrels?)?|phosgene)\b", need=("chem_context",)),
    Rule("CHEM_WEAP", 0.96, r"\b(?:poison(?:ous|ed)?|toxic) (?:gas|chemicals?)\b", need=("chem_context",),
         avoid=("accident",)),
    Rule("CHEM_WEAP", 0.95, r"\bgas attacks?\b", avoid=("accident",)),
    Rule("CHEM_WEAP", 0.9, r"\b(?:toxic|poisonous|chemical|asphyxiating) (?:substances?|agents?|materials?|gases)\b|"
                           r"\bgass(?:ed|ing)\b", need=("chem_context",), avoid=("accident",)),
    # Suicide bomb.
    Rule("SUIC_BOMB", 0.97, r"\bsuicide[- ](?:car[- ])?(?:bomb\w*|attack\w*|vests?|belts?|blasts?|"
                            r"explosions?|operations?|mission|truck|vehicle|squad|assault)\b"),
    Rule("SUIC_BOMB", 0.96, r"\bblew (?:himself|herself|themselves) up\b|\b(?:killing|killed) "
                            r"(?:himself|herself|themselves)\b(?=[^.]{0,60}\b(?:explo|bomb|blast|detonat))"),
    Rule("SUIC_BOMB", 0.95, r"\b(?:detonated|detonating|exploded|triggered) (?:his|her|their) "
                            r"(?:explosives?|explosive[- ](?:vests?|belts?)|vests?|belts?|bombs?)\b"),
    Rule("SUIC_BOMB", 0.95, r"\b(?:detonated|detonating|set off|triggered) (?:\w+ )?explosives?,? "
                            r"(?=killing (?:himself|herself|themselves))"),
    Rule("SUIC_BOMB", 0.92, r"\b(?:explosive|explosives-laden|bomb) (?:vests?|belts?)\b"),
    Rule("SUIC_BOMB", 0.94, r"\b(?:martyrdom (?:operations?|attacks?|seekers?)|self-detonat\w*|"
                            r"suicide (?:bomber|attacker|driver)s?)\b"),
    # Air/drone strike.
    Rule("AIR_STRIKE", 0.92, r"\b(?:air ?strikes?|air[- ]raids?|aerial (?:bombardments?|bombings?|attacks?|strikes?)|"
                             r"drone (?:strikes?|attacks?|raids?)|air attacks?|bombing raids?|"
                             r"barrel bombs?|air campaign|airstrikes?|(?:air|combat|bombing) sorties|"
                             r"aerial (?:raids?|campaign|assault|operations?|bombardment)|bombing runs?|carpet bombing|"
                             r"close air support)\b", avoid=("sports",)),
    Rule("AIR_STRIKE", 0.9, r"\b(?:warplanes?|war planes?|fighter jets?|jets|jet fighters|bombers|"
                            r"helicopter gunships?|gunships?|combat aircraft|military aircraft|"
                            r"air force|drones?|unmanned aerial vehicles?|(?-i:UAVs?)|planes|aircraft|helicopters?)\b"
                            r"(?=[^.]{0,80}\b(?:pound\w*|bomb\w*|struck|strik\w*|hit|hitting|target\w*|"
                            r"fired|attack\w*|raid\w*|shell\w*|kill\w*|destroy\w*|dropp\w*|launch\w*|sorties|"
                            r"carried out (?:\w+ )?(?:strikes|raids)|conducted (?:\w+ )?(?:strikes|raids)))"),
    Rule("AIR_STRIKE", 0.78, r"(?<!hunger )(?<!general )(?<!labour )(?<!labor )(?<!missile )(?<!rocket )(?<!artillery )"
                             r"\bstrikes\b(?= (?:on|against|targeting|hit|hitting|killed|destroyed|struck)\b)",
         need=("violence",), avoid=("strike_labour", "sports", "protest")),
    Rule("AIR_STRIKE", 0.88, r"\b(?:pounded|bombed|struck|targeted|hit|attacked|raided|strafed)\b"
                             r"(?=[^.]{0,40}\b(?:from the air|by (?:\w+ )?(?:warplanes|jets|aircraft|drones?|planes)))"),
    Rule("AIR_STRIKE", 0.86, r"\b(?:bombed|bombing|bombard(?:ed|ment))\b",
         left=r"\b(?:warplanes?|jets|aircraft|planes|air force|drones?|coalition|israel\w*|"
              r"russian|american|(?-i:US|U\.S\.))\b[^.]*$"),
    # Shelling / artillery / missile (a rocket-propelled grenade is a rocket).
    Rule("ART_MISS_ATTACK", 0.91, r"\b(?:rocket[- ]propelled grenades?|(?-i:RPGs?))\b"),
    Rule("ART_MISS_ATTACK", 0.89, r"\b(?:shell(?:ing|ed|s)|artillery|mortars?|howitzers?|"
                                  r"rockets?|missiles?|katyushas?|grads?|projectiles|"
                                  r"multiple rocket launchers?|tank (?:fire|shells?|attacks?|rounds?))\b(?!-)",
         avoid=("protest",)),
    Rule("ART_MISS_ATTACK", 0.8, r"\bbombard(?:ed|ing|ments?|s)?\b(?! (?:\w+ )?with\b)", avoid=("protest",)),
    Rule("ART_MISS_ATTACK", 0.86, r"\btanks\b(?= (?:attacked|fired|shelled|opened fire|pounded))"),
    Rule("ART_MISS_ATTACK", 0.6, r"\b(?:shell(?:ing|ed)|artillery|mortars?|rockets?|missiles?)\b(?!-)",
         need=("protest",)),
    # Remote explosive / landmine / IED.
    Rule("REM_EXPLOS", 0.9, r"\b(?:improvised explosive devices?|(?-i:IEDs?|VBIEDs?|RCIEDs?)|roadside bombs?|"
                            r"land ?mines?|car[- ]bombs?|car bombings?|booby[- ]traps?|booby-trapped|"
                            r"magnetic bombs?|sticky bombs?|parcel bombs?|letter bombs?|"
                            r"remote[- ]controlled (?:bombs?|devices?|explosives?)|"
                            r"(?:bomb|explosive)-(?:laden|packed) (?:car|vehicle|truck|motorcycle))\b"),
    Rule("REM_EXPLOS", 0.86, r"\b(?:explosive devices?|explosives|bombs?|mines?)\b(?=[^.]{0,50}\b(?:exploded|"
                             r"explod\w*|detonat\w*|went off|blew up|ripped|blast|killed|wounded|injured|planted|"
                             r"placed|hit))", avoid=("accident",)),
    Rule("REM_EXPLOS", 0.84, r"\b(?:detonated|set off|planted|triggered|exploded)\b(?=[^.]{0,30}\b(?:explosives?|"
                             r"bombs?|devices?|mines?))"),
    Rule("REM_EXPLOS", 0.72, r"\b(?:bomb(?:ing)?s?|bomb blasts?|blasts?|explosions?|exploded|detonations?)\b",
         need=("hostile",), avoid=("accident",)),
    Rule("REM_EXPLOS", 0.58, r"\b(?:bomb blasts?|blasts?(?! (?:of|from the past|critics))|explosions?(?! of)|exploded|"
                             r"detonations?)\b", avoid=("accident", "sports", "finance", "volcano", "politics_metaphor")),
    # Grenade.
    Rule("GRENADE", 0.9, r"(?<!stun )(?<!flash )(?<!gas )(?<!smoke )(?<!sound )(?<!teargas )\b(?:hand[- ])?grenades?\b|"
                         r"\bgrenade attacks?\b"),
    Rule("GRENADE", 0.88, r"\b(?:lobbed|hurled|threw|tossed)\b(?=[^.]{0,25}\b(?:grenades?|explosives?))"),
    Rule("GRENADE", 0.87, r"\b(?:lobbed|hurled|threw|thrown|tossed)\b(?= (?:a |an |two |three |several |some )?"
                          r"(?:crude |country-made |home-?made |hand-?made |improvised )?bombs?\b)|"
                          r"\b(?:crude|country-made) bombs?\b|\bbombs? (?:was |were )?(?:thrown|hurled|lobbed|tossed)\b"),
    Rule("GRENADE", 0.88, r"\b(?:stun|flash)\b(?= ?(?:grenades?|bombs?|devices?))|\b(?-i:M(?:67|84|26|61|2)s?)\b",
         avoid=("protest",)),

    # -- Battles -------------------------------------------------------------------
    Rule("ARMED_CLASH", 0.76, r"\b(?:clash(?:ed|es|ing)?|gun ?battles?|gunfights?|firefights?|fire ?fights?|"
                              r"exchanges? of fire|exchanged fire|skirmish\w*|ambush\w*|shoot-?outs?|"
                              r"heavy fighting|fierce fighting|battles?|battled|engaged|fire exchange|"
                              r"exchange of gunfire|traded fire|trading fire|gun duel|fighting|fought)\b",
         need=("violence",), avoid=("protest",)),
    Rule("ARMED_CLASH", 0.72, r"\b(?:confrontations?|hostilities|combat|engagements?|encounters?|"
                              r"(?:came|come|coming|was|were) under (?:heavy |intense |sustained )?(?:fire|attack)|"
                              r"exchanges? of (?:heavy )?(?:gun)?fire)\b", need=("violence",), avoid=("protest",)),
    Rule("ARMED_CLASH", 0.66, r"\b(?:offensive|(?:military|security|counter-?terror\w*|counter-?insurgency) "
                              r"operations?)\b", need=("violence",), avoid=("protest",)),
    Rule("ARMED_CLASH", 0.74, r"\b(?:killed|neutrali[sz]ed|eliminated|killing)\b(?= (?:\w+ ){0,4}(?:militants?|"
                              r"insurgents?|rebels?|terrorists?|jihadists?|fighters|gunmen|bandits|soldiers|troops|"
                              r"policemen|police officers|security personnel|militiamen))", avoid=("protest",)),
    Rule("ARMED_CLASH", 0.6, r"\b(?:soldiers|troops|policemen|police officers|militants|insurgents|rebels|fighters|"
                             r"security personnel|militiamen|jihadists|gunmen|servicemen)\b(?= (?:were|have been|had been) "
                             r"(?:killed|wounded|injured|shot)\b)", avoid=("protest",)),
    Rule("ARMED_CLASH", 0.61, r"\b(?:soldiers|troops|policemen|police officers|police|army|military|convoys?|patrols?|"
                              r"bases?|checkpoints?|posts?|positions|militants|insurgents|rebels|fighters)\b"
                              r"(?= (?:\w+ ){0,2}(?:was|were|had been|have been|has been) (?:\w+ )?attacked\b)",
         avoid=("protest",)),
    Rule("ARMED_CLASH", 0.72, r"\b(?:la(?:id|y|ying) siege|under siege|siege)\b", need=("violence",), avoid=("protest",)),
    # armed men shot dead: a fight between armed sides, not violence against civilians
    Rule("ARMED_CLASH", 0.82, r"\b(?:shot dead|gunned down|shot and killed)\b(?= (?:\w+ ){0,3}(?:suspected )?(?:militants?|"
                              r"insurgents?|rebels?|terrorists?|jihadists?|fighters|gunmen|bandits|soldiers|troops|"
                              r"policemen|police officers|militiamen)\b)", avoid=("protest",)),
    Rule("ARMED_CLASH", 0.72, r"\b(?:fighting|fought|counter-?attack\w*|repell?ed|repulsed|"
                              r"stormed|raided|besieg\w*|overpowered|foil(?:ed|ing))\b",
         need=("violence",), avoid=("protest",)),
    Rule("ARMED_CLASH", 0.74, r"\b(?:attack(?:ed|s|ing)?|assault(?:ed|s)?|raids?|targeted|killed|ambushed)\b"
                              r"(?=[^.]{0,60}\b(?:troops|soldiers?|army|military|checkpoints?|outposts?|posts?|"
                              r"bases?|barracks|convoys?|patrols?|positions|security forces|policemen|police "
                              r"(?:station|post|officers|convoy|patrol)|garrison|forces|militiamen|militia)\b)",
         avoid=("protest",)),
    # Change of control (the actor decides GOV_REGAINS_TERIT / NON_STATE_ACTOR_OVERTAKES_TER).
    Rule("TERRITORY", 0.86, r"\b(?:recaptur\w+|re-?took|retak\w+|regain(?:ed|s|ing)?(?: full)? control|"
                            r"seized control|took (?:full )?control|taken control|take control|gained control|"
                            r"wrested control|control over|(?:took|taken) the control|"
                            r"(?:took|taken|seized|captured|overran|overrun|stormed) (?:over )?(?:the )?(?:\w+ ){0,2}"
                            r"(?:town|city|village|district|area|areas|province|capital|region|territory|base|"
                            r"airport|port|hill\w*|positions?|neighbou?rhoods?|headquarters|border|crossing|"
                            r"oil fields?|fields|district cent(?:er|re)|strongholds?|highway)|"
                            r"took over|taken over|overr?an|overrun|(?-i:liberat(?:ed|ing))|"
                            r"drove (?:\w+ ){0,4}out|driving (?:\w+ ){0,4}out|driven out|"
                            r"pushed back|expelled (?:\w+ ){0,3}from|pushed deep(?:er)? into|"
                            r"fell to|fallen to|entered|fell into (?:the )?hands of|fallen into (?:the )?hands of|"
                            r"(?:came|come|fell|brought|placed) under (?:the |their |its )?(?:full )?control|"
                            r"took back|taken back|seized back|won back|reclaim(?:ed|ing)|wrested|"
                            r"restored (?:state |government |full )?(?:control|authority))\b",
         need=("violence",), avoid=("protest",)),
    Rule("TERRITORY", 0.74, r"\b(?:captured|seized|advanced|advances|cleared|(?:pushed|advanced|swept|marched|"
                            r"stormed) into)\b",
         need=("violence",), avoid=("protest",)),
    # Non-violent transfer: a withdrawal or a hand-over (outranks the change of control it
    # comes with, see classify.py).
    Rule("NON_VIOL_TERRIT_TRANSFER", 0.9, r"\b(?:hand(?:ed|ing|s)? over|handover|hand-over|transfer(?:red)?|"
                                          r"ceded|ceding|return(?:ed)?)\b(?=(?: of)? (?:[\w-]+ ){0,6}?(?:districts?|"
                                          r"territor(?:y|ies)|areas?|towns?|city|region|province|control|villages?|"
                                          r"bases?|positions?))"),
    Rule("NON_VIOL_TERRIT_TRANSFER", 0.88, r"\b(?:relinquish(?:ed|es|ing)?|gave up|give up|giving up|surrender(?:ed|ing)?)"
                                           r"\b(?= (?:\w+ ){0,3}(?:control|territor(?:y|ies)|towns?|city|districts?|"
                                           r"areas?|regions?|province|bases?|positions?|villages?)\b)|\bwithout (?:any )?"
                                           r"(?:fighting|a fight|a shot (?:being )?fired|firing a shot|bloodshed|"
                                           r"(?:any )?resistance)\b|\bpeaceful(?:ly)? (?:handover|hand-over|transfer|"
                                           r"withdrawal)\b", need=("violence",)),
    Rule("NON_VIOL_TERRIT_TRANSFER", 0.74, r"\b(?:hand(?:ed|ing|s)? over|handover|hand-over|ceded|ceding|"
                                           r"withdr[ae]w\w*|withdrawal|pulled out|vacated|deserted|abandoned|"
                                           r"without (?:a fight|any resistance|resistance)|(?:had )?not encountered "
                                           r"any resistance|no resistance|unopposed|evacuated (?:their|its) positions)\b",
         need=("violence",), avoid=("protest",)),

    # -- Violence against civilians ---------------------------------------------------
    Rule("SEX_VIOL", 0.93, r"\b(?:rap(?:e|ed|es|ing|ist|ists)|gang-?rap\w*|sexual(?:ly)? (?:violence|"
                           r"assault\w*|abus\w*|attack\w*|harass\w*|exploit\w*)|molest\w*|sexual slavery|"
                           r"sex(?:ual)? attack|sex slaves?|indecent(?:ly)? assault\w*|defilement|"
                           r"(?:was|were|been|being) defiled|defiled (?:a |an |his |her |the )?(?:minor|girl|"
                           r"teenager|child|daughter|pupil|student|\w+-year-old)|forced (?:into )?(?:marriages?|"
                           r"prostitution)|sodomi[sz]\w*)\b"),
    Rule("ABDUCT_DISSAP", 0.9, r"\b(?:abduct\w*|kidnap\w*|hostages?|held captive|taken captive|"
                               r"forc(?:ed|ibly) disappear\w*|enforced disappearances?|disappeared|"
                               r"went missing|taken away|whisked away|snatched|held hostage|taken hostage|"
                               r"seized (?:\w+ ){0,3}hostages?|captives?|ransom|to (?:an )?unknown (?:location|"
                               r"destination|place)|whereabouts (?:are |is |remain |remains )?(?:still )?unknown|"
                               r"incommunicado)\b"),
    Rule("ABDUCT_DISSAP", 0.6, r"\b(?:(?:were|was|are|is|remain|remains|reported|gone|still) missing)\b"
                               r"(?! (?:the|out|a|an|his|her|their|its|some|several|key)\b)",
         avoid=("accident",)),
    Rule("ABDUCT_DISSAP", 0.74, r"\b(?:have|has|had) taken\b(?=[^.]{0,60}\b(?:people|persons|men|women|children|"
                                r"villagers|students|civilians|child|woman|man)\b)", need=("violence",)),
    Rule("ATTACK", 0.8, r"\b(?:massacr\w*|execut(?:ed|ions?|ing)|behead\w*|slaughter\w*|"
                        r"hacked to death|burn(?:ed|t) alive|tortur\w*|mutilat\w*|shot dead|gunned down|"
                        r"abused|ill-treated|"
                        r"(?:stabbed|beaten|hacked|shot) to death|stabb\w+|assassinat\w*|murder\w*|"
                        r"(?:hacked|stabbed|clubbed|macheted|bludgeoned) (?:\w+ ){1,4}to death)\b",
         avoid=("grievance",)),
    Rule("ATTACK", 0.74, r"\b(?:attack(?:ed|s|ing)?|assault(?:ed|s)?|raids?|raided|opened fire|gunned down|"
                         r"kill(?:ed|s|ing)|targeted)\b"
                         r"(?=[^.]{0,60}\b(?:civilians?|villagers?|villages?|residents|worshipp?ers|churche?s?|"
                         r"mosques?|markets?|bar|restaurant|teahouse|cafe|school|pupils|travell?ers|passengers|"
                         r"farmers|herders|women|children|famil(?:y|ies)|people|homes?|houses?|pilgrims|"
                         r"shoppers|wedding|funeral|journalists?|teenage\w*|boy|girl|young man)\b)",
         avoid=("protest",)),
    Rule("ATTACK", 0.7, r"\b(?:(?:threw|thrown|hurled|lobbed|tossed) (?:\w+ ){0,2}(?:petrol bombs?|molotov\w*|"
                        r"firebombs?|fire bombs?|acid)|acid attacks?|petrol[- ]bomb(?:ed|ing)|firebomb(?:ed|ing))\b",
         avoid=("protest",)),
    Rule("ATTACK", 0.6, r"\b(?:was|were|been|being|got) (?:\w+ )?attacked\b|\b(?:civilians|villagers|people|residents|"
                        r"children|women|worshippers|passengers|farmers) (?:were|have been|had been) "
                        r"(?:killed|massacred|shot|hacked|butchered)\b",
         avoid=("sports", "politics_metaphor", "protest")),
    Rule("ATTACK", 0.62, r"\b(?:attack(?:ed|s)?|assault(?:ed|s)?|gunmen|assailants|attackers)\b",
         need=("violence",), avoid=("sports", "politics_metaphor", "protest")),
    # Everyday gun crime (not an ACLED code; see classify.py).
    Rule("SHOOTING", 0.7, r"\b(?:shootings?|shot (?:dead|and killed|and wounded|multiple times|in the)|"
                          r"(?:was|were|been|got|being) (?:fatally |accidentally |critically )?shot|"
                          r"fatally shot|gunshot wounds?|gunfire|gunman|gunmen|opened fire|"
                          r"accidental(?:ly)? (?:discharge|fired|shot)|(?:gun|weapon) (?:went off|discharged)|"
                          r"officer-involved|police-involved|drive-by|"
                          r"fired (?:\w+ )?(?:shots? )?(?:at|on|upon|into)(?= (?:a |an |the |his |her |their )?(?:\w+ )?"
                          r"(?:vehicles?|cars?|bus|buses|houses?|homes?|people|crowds?|villagers|residents|men|man|"
                          r"women|woman|pedestrians|passers-?by|motorists|travell?ers|police|soldiers|troops|patrol)\b))\b",
         avoid=("sports", "finance", "grievance")),

    # -- Protests and riots -------------------------------------------------------------
    Rule("PEACE_PROTEST", 0.64, r"\b(?:protest(?:s|ers?|ors?|ed|ing)?|demonstrat(?:ions?|ors?|ed)|"
                                r"rall(?:y|ies|ied)|march(?:ed|es)|marchers|sit-?ins?|vigils?|picket\w*|"
                                r"walkouts?|took to the streets|take to the streets|taking to the streets|"
                                r"civil disobedience|boycott\w*|chant\w*|placards|banners|slogans|petition\w*|"
                                r"human chains?|motorcades?|car caravans?|downed tools|down tools|industrial action|"
                                r"work stoppages?|stay-?aways?|bandh|hartal)\b"),
    Rule("PEACE_PROTEST", 0.5, r"\bgathered\b"),
    Rule("PEACE_PROTEST", 0.68, r"\bpeaceful(?:ly)?\b(?=[^.]{0,20}\b(?:protest|demonstrat|rall|march|gather|sit-in))"),
    Rule("PEACE_PROTEST", 0.66, r"\b(?:strike|strikes|on strike|went on strike|general strike|hunger strike)\b",
         need=("strike_labour",), left=r"(?<!air )(?<!drone )(?<!missile )$"),
    Rule("PROTEST_WITH_INTER", 0.8, _NOT_TOPIC + _NOT_NOUN + r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|ing)?|"
                                    r"detentions?|rounded up|taken into custody)\b", need=("protest",)),
    # "the arrest of ..." can be what a protest is about ("protest over the arrest of their leader")
    Rule("PROTEST_WITH_INTER", 0.8, r"\b(?:arrests?|detentions?)\b", need=("protest",), avoid=("arrest_grievance",),
         left=_DET_LEFT),
    Rule("PROTEST_WITH_INTER", 0.81, r"\b(?:tear[- ]?gas|water[- ]?cannons?|dispers\w+|broke up|break up|"
                                     r"pepper spray|batons?|baton-charged|lathi-?charg\w*|"
                                     r"rubber(?:-coated)? bullets|plastic bullets|pellet guns?|"
                                     r"(?:stun|flash|smoke|sound|tear[- ]?gas) (?:grenades?|bombs?|canisters?|shells?)|"
                                     r"cordon(?:ed)? off|kettl\w+|forcibly (?:removed|evicted|dispersed|cleared|"
                                     r"dragged|broke up)|forcefully (?:removed|evicted|dispersed|cleared)|"
                                     r"(?:police|officers|troops|soldiers|security forces) (?:intervened|moved in)|"
                                     r"(?:prevent\w*|stopp\w*|block\w*|barr(?:ed|ing)) (?:\w+ ){0,2}(?:protesters|"
                                     r"demonstrators|marchers|activists|crowds?|march|rally|procession)|"
                                     r"clear(?:ed|ing)? (?:\w+ ){0,2}(?:protesters|demonstrators|sit-?ins?|"
                                     r"protest (?:camps?|sites?)|encampments?)|chased (?:away|off)|manhandl\w+|"
                                     r"charged (?:at )?(?:the )?(?:crowds?|protesters|demonstrators|marchers)|"
                                     r"(?:were|was) (?:\w+ )?(?:stopped|blocked|prevented|pushed back|turned back|"
                                     r"chased away|forced back|evicted|removed) by (?:the )?(?:\w+ )?(?:police|"
                                     r"security|officers|troops|soldiers|authorities|gendarme\w*))\b",
         near=("protest",)),
    Rule("PROTEST_WITH_INTER", 0.7, r"\b(?:tear-?gass(?:ed|ing)|water[- ]?cannons?|baton-?charg\w*|lathi-?charg\w*|"
                                    r"rubber(?:-coated)? bullets|tear[- ]?gas (?:canisters|shells))\b"),
    # lethal or serious force used on protesters; a death or beating that the protest is *about*
    # (the "grievance") is not force against these protesters
    Rule("FORCE_AGAINST_PROTEST", 0.84, _NOT_TOPIC + r"\b(?:opened fire|fired(?! (?:tear|water|pepper|stun|warning|flash|rubber|plastic|"
                                        r"pellets|blanks|smoke|shots? (?:in|into) the air|in the air|into the air))|"
                                        r"live (?:rounds|ammunition|fire)|crackdown|cracked down|massacre)\b",
         near=("protest",), avoid=("weapons_protesters",)),
    Rule("FORCE_AGAINST_PROTEST", 0.84, _NOT_TOPIC + r"\b(?:shot(?! (?:tear|rubber|plastic|pellets|in the air|into the air))|"
                                        r"shooting|gunfire|brutal(?:ly)?|beat(?:en)?|killed|kill|died|dead|deaths|"
                                        r"wounded|injured)\b",
         near=("protest",), avoid=("weapons_protesters", "grievance")),
    Rule("VIOL_DEMONSTR", 0.86, r"\b(?:rioters|riot(?:s|ing|ed)?(?! police| gear| squad| control| act)|"
                                r"stone-?throw\w*|threw (?:\w+ )?(?:stones|rocks|bottles|projectiles|objects|"
                                r"petrol bombs|molotov\w*|firebombs|fireworks|eggs|bricks)|"
                                r"(?:stones|rocks|bottles|projectiles|petrol bombs|molotov cocktails) (?:were )?thrown|"
                                r"hurl\w* (?:stones|rocks|bottles|projectiles)|pelt\w*|molotov\w*|"
                                r"turned violent|turn(?:s|ing)? (?:very )?violent|street violence|"
                                r"vandali[sz]\w*|torch\w*|set (?:\w+ )?(?:on )?fire|set ablaze|smash\w*|"
                                r"looted|looting|barricades?|block(?:ed|ing) (?:the )?(?:roads?|highways?|traffic)|"
                                r"shut down roads|broke into|stormed|clash(?:ed|es|ing)?|fought|scuffl\w*)\b",
         need=("protest",)),
    # "violence" as the protest's topic ("protest against violence") is not a violent protest
    Rule("VIOL_DEMONSTR", 0.7, r"\b(?:violent (?:protests?|demonstrations?|rall(?:y|ies)|riots?|unrest|clashes|"
                               r"protesters|demonstrators|crowds?)|(?:violence|clashes|unrest) (?:erupted|broke out|flared|escalated|spread)|"
                               r"(?:escalating|growing|mounting|widespread|sporadic|fresh|renewed|street) (?:violence|clashes)|"
                               r"(?<!against )(?<!about )(?<!to )unrest)\b", need=("protest",)),
    Rule("MOB_VIOL", 0.88, r"\b(?:mobs?|lynch\w*|vigilantism|(?:angry|irate|enraged|furious) (?:\w+ )?(?:crowds?|"
                           r"residents|villagers|youths?|locals|people|community members|traders|motorists)|"
                           r"instant justice|street justice|"
                           r"mob justice|jungle justice|(?:beaten|lynched|burnt|burned|killed) by (?:a |an )?"
                           r"(?:angry )?(?:crowd|mob|residents|villagers))\b",
         avoid=("sports", "finance")),
    Rule("MOB_VIOL", 0.92, r"\b(?:beat(?:en)?|lynched|stoned|set (?:\w+ )?ablaze|set (?:\w+ )?on fire|burn(?:ed|t) "
                           r"(?:\w+ )?alive|killed|attacked)\b(?=[^.]{0,40}\b(?:suspected|alleged|accused)(?: of)? "
                           r"(?:\w+ )?(?:thie(?:f|ves)|theft|steal\w*|robb\w*|kidnap\w*|witch\w*|wizards?|"
                           r"sorcery|criminals?|rustl\w+|rap(?:e|ing|ists?)|blasphem\w+))", need=("crowd",)),
    Rule("MOB_VIOL", 0.975, r"\bby (?:an? |the )?(?:angry |irate |enraged |furious )?mobs?\b", avoid=("protest",)),
    Rule("MOB_VIOL", 0.82, r"\bvigilantes?\b(?=[^.]{0,60}\b(?:kill\w*|beat\w*|lynch\w*|attack\w*|burn\w*|"
                           r"assault\w*|hack\w*))|\b(?:beaten|attacked|assaulted|killed) (?:up )?by "
                           r"(?:\w+ )?vigilantes\b"),

    # -- Strategic developments -----------------------------------------------------------
    Rule("AGREEMENT", 0.86, r"\b(?:cease-?fire|ceasfire|truce|armistice|peace (?:talks|deal|agreement|accord|"
                            r"process|treaty|negotiations)|agreements?|accords?|signed (?:a |an )?(?:deal|pact|"
                            r"treaty|accord)|prisoner (?:swap|exchange)|in exchange for|agreed|"
                            r"memorandum of understanding)\b"),
    Rule("AGREEMENT", 0.8, r"\b(?:releas(?:ed|es|ing|e)|freed|swapped|exchanged)\b(?= (?:\w+ ){0,4}(?:prisoners|"
                           r"detainees|captives|hostages|soldiers|fighters|rebels|bodies)\b(?![^.]{0,30}\bbail))",
         need=("violence",)),
    Rule("AGREEMENT", 0.8, r"\b(?:signed|reached|struck|brokered)\b(?= (?:\w+ ){0,3}(?:deal|pact|treaty|accord|"
                           r"agreement|understanding|settlement))"),
    Rule("AGREEMENT", 0.62, r"\b(?:deals?|pact|reconciliation|negotiat\w+|talks|mediation)\b"),
    Rule("ARREST", 0.8, r"\b(?:arrests?|detentions?|jailing|imprisonment)\b", avoid=("arrest_grievance",), left=_DET_LEFT),
    Rule("ARREST", 0.8, _NOT_NOUN + r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|detention|jailed|imprisoned|"
                        r"taken into custody|in custody|apprehended|nabbed|rounded up|rounding up|round-ups?|"
                        r"held by police|"
                        r"remanded|charged with|indicted)\b"),
    Rule("ARREST", 0.78, r"\b(?:captured|intercepted|picked up|held)\b(?=[^.]{0,50}\b(?:suspects?|suspected|"
                         r"members?|militants?|men|persons|people|individuals|terrorists?|leaders?|activists?|"
                         r"commanders?|fighters)\b)|\b(?:suspects?|suspected \w+|members?|militants?|men|persons|"
                         r"people|individuals|terrorists?|leaders?|activists?|commanders?|fighters) (?:were |was |have been |"
                         r"has been )?(?:captured|intercepted)\b"),
    Rule("CHANGE_TO_GROUP_ACT", 0.76, r"\b(?:were|was|been|be) (?:formed|established|created|launched|dissolved|"
                                      r"disbanded|renamed|merged)\b|\b(?:formed|founded|dissolved|disbanded|"
                                      r"renamed|merged|defected|defections?|split from|joined (?:forces|the)|"
                                      r"reinforc\w+|redeploy\w*|deploy\w*|moving troops|moved (?:troops|forces|in)|"
                                      r"mobili[sz]\w+|military (?:drills?|exercises?|manoeuvres)|drills|exercises|"
                                      r"new (?:leader|commander|chief)|appointed|relocat\w+|recruit\w*|"
                                      r"laid down (?:their|its) arms|laying down (?:their|its) arms|surrender\w*|"
                                      r"amnesty|beef(?:ed|ing) up|consolidat\w+|buildup|build-up|"
                                      r"announced (?:a |the )?(?:new|formation|creation)|pledged allegiance|"
                                      r"alliance|coalition was|splinter group|rebrand\w*|dissolution|"
                                      r"resum(?:ed|es|ing|ption)|suspend(?:ed|s)|halt(?:ed|s)|disband\w*|"
                                      r"demobili[sz]\w+|lay(?:ing)? down (?:their|its|his) (?:arms|weapons)|"
                                      r"laid down (?:their|its|his) (?:arms|weapons)|"
                                      r"(?:sent|sends|sending|dispatch(?:ed|es|ing)) (?:\w+ ){0,3}(?:troops|soldiers|"
                                      r"reinforcements|forces|units|battalions)|(?:mass|amass)(?:ed|es|ing) (?:\w+ )?"
                                      r"(?:troops|forces)|troop (?:movements?|build-?up|reinforcements?)|"
                                      r"change(?:d|s)? (?:its|their) name|new name|split (?:into|from|away)|"
                                      r"splinter(?:ed|ing)?|broke away|breakaway (?:faction|group)|(?:integrat|reintegrat)(?:ed|ing|ion) (?:\w+ ){0,3}into)\b"),
    Rule("HQ_ESTABLISHED", 0.9, r"\b(?:set(?:ting)? up|sets up|establish\w*|built|build(?:ing|s)?|open(?:ed|s)?|"
                                r"(?:moved|relocated|transferred) (?:its|their)|"
                                r"install\w*|erect\w*|construct\w*)\b(?=[^.]{0,40}\b(?:bases?|headquarters|"
                                r"(?:military|observation|army|police|security) (?:posts?|points?)|outposts?|"
                                r"posts|camps?|garrisons?|command cent(?:er|re)s?|checkpoints?|barracks)\b)"),
    Rule("HQ_ESTABLISHED", 0.84, r"\b(?:set(?:ting)? up|sets up|establish(?:ed|es|ing)|open(?:ed|s|ing))\b"
                                 r"(?=(?: \w+){0,3} (?:presence|command posts?|"
                                 r"training camps?|training cent(?:er|re)s?)\b)", need=("nonstate",)),
    Rule("PROPERTY_DISTRUCT", 0.93, r"\b(?:loot(?:ed|ing|ers)?|pillag\w*|plunder\w*|ransack\w*)\b",
         avoid=("protest",)),
    Rule("PROPERTY_DISTRUCT", 0.82, r"\b(?:loot(?:ed|ing|ers)?|pillag\w*|plunder\w*|ransack\w*|vandali[sz]\w*|"
                                    r"set (?:\w+ )?(?:on )?fire|set ablaze|torch(?:ed|ing)|burn(?:ed|t|ing) down|"
                                    r"arson|demolish\w*|bulldoz\w*|razed|destroyed (?:\w+ )?(?:houses|homes|"
                                    r"properties|property|shops|buildings|crops|vehicles|cars)|made away with|"
                                    r"burn(?:ed|t) (?:\w+ )?(?:houses|homes|huts|shops|vehicles|cars|buildings)|"
                                    r"destruction of (?:property|homes|houses))\b",
         avoid=("protest",)),
    Rule("PROPERTY_DISTRUCT", 0.8, r"\b(?:destroy(?:ed|ing|s)?|damag(?:ed|ing)|vandali[sz]\w*|sabotag\w*|"
                                   r"defac(?:ed|ing)|wreck(?:ed|ing)|smash(?:ed|ing)|raz(?:ed|ing)|flatten(?:ed|ing)|"
                                   r"burn(?:ed|t|ing)|torch(?:ed|ing)|set (?:\w+ )?(?:on )?fire to|set alight|"
                                   r"uproot(?:ed|ing)|cut down|pulled down|tore down|knocked down)\b"
                                   r"(?=(?: \w+){0,4} (?:houses?|homes?|huts?|shops?|stores?|buildings?|propert(?:y|ies)|"
                                   r"crops?|farms?|farmlands?|fields|plantations?|granar(?:y|ies)|harvests?|vehicles?|"
                                   r"cars?|trucks?|buses|schools?|church(?:es)?|mosques?|temples?|shrines?|statues?|"
                                   r"monuments?|graves?|offices?|masts?|(?:telecom\w*|phone|cell|radio) towers?|antennas?|"
                                   r"pylons?|power lines|infrastructure|bridges?|market stalls?|stalls|businesses|"
                                   r"warehouses?|equipment|machinery|tractors?|billboards?|posters?|polling stations?|"
                                   r"ballot boxes|premises|residences?|dwellings?|compounds?|villages?|(?:\w+ )?trees|orchards?|"
                                   r"vineyards?|livestock)\b)",
         avoid=("protest", "casualty", "accident", "fire_accident")),
    Rule("DISR_WEAP", 0.91, r"\b" + _FOUND + r"\b(?=[^.,;]{0,70}?\b" + _WEAPONS + r"\b(?!-))"),
    # an attack with explosives or missiles prevented: foiled, thwarted, intercepted, shot down
    Rule("DISR_WEAP", 0.98, r"\b(?:foil(?:ed|ing|s)?|thwart(?:ed|ing|s)?|avert(?:ed|ing)?|prevent(?:ed|ing)?|"
                            r"disrupt(?:ed|ing)?|frustrat(?:ed|ing)|intercept(?:ed|ing)?)\b"
                            r"(?=(?: \w+){0,3}[- ](?:suicide|bomb\w*|car[- ]bomb\w*|explosi\w+|(?-i:IEDs?)|"
                            r"blasts?|missiles?|rockets?|drones?)\b)"),
    Rule("DISR_WEAP", 0.98, r"\bbefore (?:he|she|they|it) (?:could|was able to|were able to|managed to) "
                            r"(?:detonate|blow|explode|set off|trigger)\b|\b(?:would-be|failed) suicide bombers?\b"),
    Rule("DISR_WEAP", 0.93, r"\b(?:intercept(?:ed|ing|s)?|shot down|downed|shooting down)\b(?=(?: \w+){0,4} "
                            r"(?:drones?|missiles?|rockets?|projectiles|(?-i:UAVs?))\b)|"
                            r"\b(?:drones?|missiles?|rockets?|projectiles|(?-i:UAVs?)) (?:were |was )?"
                            r"(?:intercepted|shot down|downed)\b|\b(?:air|missile) defen[cs]es?\b(?=[^.]{0,40}\b"
                            r"(?:intercept\w*|shot down|downed|destroyed))|\bbomb plots?\b"),
    Rule("DISR_WEAP", 0.91, r"\b" + _WEAPONS + r"\b(?=[^.]{0,70}\b(?:were|was|have been|has been|had been) "
                           r"(?:\w+ )?" + _FOUND + r")"),
    Rule("DISR_WEAP", 0.92, r"\b(?:defus\w+|bomb disposal|bomb squad|disarm(?:ed|ing)|deactivat\w+|"
                            r"(?:arms|weapons?|ammunition|munitions?) (?:caches?|depots?|dumps?|haul|stockpiles?|"
                            r"hideouts?)|caches?|controlled explosion|(?:shot|brought) down (?:\w+ )?(?:drones?|"
                            r"missiles?|rockets?)|"
                            r"(?:destroyed|neutrali[sz]ed|dismantled) (?:a |an |the |two |several )?(?:\w+[- ])*"
                            r"(?:explosive devices?|(?-i:IEDs?)|bombs?|mines?))\b"),
    Rule("DISR_WEAP", 0.92, r"\b(?:unexploded (?:ordnance|bombs?|shells?|devices?|munitions?)|(?-i:UXOs?)|demin(?:ing|ed)|"
                            r"deminers|mine[- ]clearance|mine[- ]clearing|bomb[- ]making (?:factory|factories|"
                            r"workshops?|materials?|facilit(?:y|ies)|equipment)|bomb factor(?:y|ies)|"
                            r"(?:removed|cleared|disposed of|destroyed) (?:\w+ ){0,3}(?:land ?mines|mines|"
                            r"ordnance|explosives|(?-i:IEDs)))\b"),
    Rule("DISR_WEAP", 0.88, r"\b(?:suspicious (?:packages?|devices?|objects?|parcels?)|"
                            r"(?:packages?|parcels?) (?:were |was )?intercepted)\b"),
    Rule("OTHER", 0.9, r"\bmass graves?\b"),
    Rule("OTHER", 0.86, r"\b(?:fled|flee(?:ing)?|displaced|evacuated|uprooted)\b",
         left=r"\b(?:thousands|hundreds|millions|tens of thousands|\d[\d,.]*(?: million)?)\b[^.]{0,40}$"),
    Rule("OTHER", 0.6, r"\b(?:fled|flee(?:ing)?|displaced|displacement|refugees|exodus|"
                       r"expulsion|mass expulsion|deported|deportation|humanitarian|curfew|state of emergency|"
                       r"bodies (?:were )?(?:found|discovered|recovered)|martial law|internet (?:shutdown|blackout|"
                       r"cuts?|outage)|(?:shut|cut) (?:down |off )?(?:the )?internet|exhum\w+|"
                       r"(?:corpses|remains|bodies) (?:of (?:\w+ ){0,3})?(?:were |was |have been |had been )?"
                       r"(?:found|discovered|recovered|dumped|washed up)|found dead|"
                       r"(?:body|bodies|corpses?|remains) of (?:\w+ ){1,4}(?:was |were |has been |have been )?"
                       r"(?:found|discovered|recovered|exhumed))\b"),

    # -- CASE 2021 unseen types ---------------------------------------------------------------
    Rule("ORG_CRIME", 0.9, r"\b(?:smuggl\w*|traffick\w*|drug (?:lords?|cartels?|dealers?|deal\w*|gangs?|trade|"
                           r"smugglers|haul|bust|ring)|narco\w*|cartels?|counterfeit\w*|fake (?:currency|notes|money)|"
                           r"money laundering|laundered|launder(?:ing)?|bribe\w*|briber\w*|corrupt(?:ion)?|embezzl\w*|"
                           r"fraud\w*|scam\w*|extort\w*|racketeer\w*|organi[sz]ed crime|mafia|cyber ?crim\w*|"
                           r"ransomware|robber(?:y|ies)|robbed|armed robbers?|"
                           r"burglar\w*|break and enter|break-ins?|theft|thieves|stolen|stole|contraband|"
                           r"poach\w*|kingpin|illegal (?:mining|logging|migrants?|arms|"
                           r"weapons|drugs)|human trafficking|drugs|narcotics|cocaine|heroin|methamphetamine|cannabis|"
                           r"marijuana|hashish|opium|tramadol|captagon|ecstasy pills|pira(?:cy|tes?)|"
                           r"hijack(?:ed|ing|ers?)?(?= (?:a |an |the |two |three )?(?:\w+ )?(?:ships?|vessels?|tankers?|"
                           r"planes?|aircraft|bus|buses|trucks?|lorr(?:y|ies)|vehicles?|cars?|boats?|dhows?|flights?)\b)|"
                           r"(?:ships?|vessels?|tankers?|planes?|aircraft|bus|trucks?|vehicles?|cars?|boats?) (?:was |were )?"
                           r"hijacked)\b",
         avoid=("sports",)),
    Rule("ORG_CRIME", 0.7, r"\b(?:gangs?|gangsters?|gang members?|criminal (?:gangs?|groups?|networks?))\b",
         avoid=("sports",)),
    Rule("NATURAL_DISASTER", 0.92, r"\b(?:earthquakes?|quakes?|aftershocks?|tremors?|tsunamis?|floods?|flooding|"
                                   r"flash floods?|flooded(?! (?:the )?(?:streets|into|in|with|social))|"
                                   r"storms?|hurricanes?|cyclones?|typhoons?|tornado(?:e?s)?|"
                                   r"volcan\w*|landslides?|mudslides?|avalanches?|"
                                   r"wildfires?|bushfires?|forest fires?|brush fires?|drought|heat ?waves?|"
                                   r"torrential rains?|heavy rains?|monsoon\w*|blizzards?|snowstorms?|hailstorms?|"
                                   r"magnitude|epidemics?|pandemics?|outbreaks?|cholera|ebola|covid(?:-19)?|"
                                   r"coronavirus|measles|dengue|malaria|famine|locusts?|natural disasters?|"
                                   r"(?:searing|extreme|high) temperatures|high winds|rainfall|lightning|"
                                   r"heavy snow(?:fall)?|storm surge|cold wave|inundat\w+|infections?|"
                                   r"virus|plague|swine flu|bird flu|zika|"
                                   r"(?:new|confirmed) cases)\b",
         avoid=("protest",)),
    Rule("NATURAL_DISASTER", 0.9, r"\berupt(?:ed|ion|ions|ing)\b", need=("volcano",)),
    Rule("MAN_MADE_DISASTER", 0.9, r"\b(?:(?:plane|air|helicopter|car|bus|train|road|traffic|truck|boat|ferry|"
                                   r"vehicle|motorcycle|jet|aircraft)[- ]?(?:crash\w*|accidents?|collisions?|"
                                   r"derailments?|disasters?)|crash(?:ed|es)?|collided|collisions?|derail\w*|"
                                   r"capsiz\w*|sank|sinking|shipwreck|ran aground|"
                                   r"(?:building|bridge|dam|mine|roof|stadium|factory|structure)s? collaps\w*|"
                                   r"collaps(?:ed|e) of (?:a |the )?(?:building|bridge|dam|mine|roof)|collapsed|"
                                   r"(?:chemical|gas|oil|toxic|radiation|ammonia|chlorine) (?:leaks?|spills?|explosions?)|"
                                   r"leak(?:ed|ing)?|oil spills?|spill|poisoning|poisoned|contaminat\w+|toxins?|"
                                   r"industrial accidents?|fire broke out|broke out in a fire|gas explosion|"
                                   r"food poisoning|drowned|hospitali[sz]ed after (?:consuming|eating|drinking)|"
                                   r"bootleg|spurious liquor|toxic (?:alcohol|liquor|fumes)|(?:factory|plant|warehouse|refinery|mine|pipeline|"
                                   r"fireworks|tanker|depot) (?:fire|blaze|explosion|blast)s?|"
                                   r"(?:explosions?|blasts?|fire|blaze) (?:at|in) (?:a |the )?(?:\w+ ){0,2}(?:warehouse|"
                                   r"factory|plant|refinery|mine|depot|facility|pipeline|market|hospital|hotel|"
                                   r"school|dormitory|nightclub|club|restaurant|building)|"
                                   r"lost control|accidents?|(?:was|were) struck by (?:a|an) (?:\w+ )?(?:bulk carrier|ship|vessel|truck|car|train|bus|vehicle|"
                                   r"tanker|boat|freighter|lorry)|"
                                   r"blaze|fire ?fighters|caught fire|burned out|burnt out|gas cylinders? exploded|"
                                   r"power (?:outage|failure|cut)s?|blackouts?|stampede)\b",
         avoid=("chem_weapon_context",)),
    Rule("MAN_MADE_DISASTER", 0.78, r"\b(?:explosions?|blasts?|exploded|fires?|(?:containers?|cylinders?|tanks?|"
                                    r"boilers?) exploded)\b", need=("accident",), avoid=("chem_weapon_context",)),
    Rule("DIPLO", 0.9, r"\b(?:sanctions|sanction(?:ed|ing)? (?:\w+ ){0,3}(?:for|over|entities|officials|"
                       r"individuals|companies|firms|banks|leaders)|embargo\w*|expel(?:led|s|ling)? (?:\w+ ){0,3}"
                       r"(?:diplomats?|ambassadors?|envoys?|embassy)|(?:diplomats?|ambassadors?|envoys?) (?:were |was )?"
                       r"expelled|(?:throws?|threw|kicks?|kicked) out (?:\w+ )?diplomats|persona non grata|"
                       r"summon(?:ed|s|ing)? (?:the )?(?:\w+ )?(?:ambassador|envoy|charg[eé])|recall(?:ed|s)? (?:its |their )?"
                       r"(?:ambassador|envoy)|sever(?:ed)? (?:diplomatic )?ties|cut (?:diplomatic )?ties|"
                       r"closed (?:its|the) embassy|closure of (?:the )?embass\w+|diplomatic (?:relations|ties|row)|"
                       r"travel ban|asset freeze|new (?:actions|measures) targeting)\b"),
    # a snippet that opens with a condemnation reports the statement, not the attack it names
    Rule("DIPLO", 0.98, r"\b(?:(?:strongly |firmly |severely )?(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|deplor(?:ed|es|ing)))\b"
                        r"(?= (?:the |a |an |this |these |yesterday's |last \w+'s |\w+'s )?(?:[\w-]+ ){0,3}(?:attacks?|"
                        r"bombings?|air ?strikes?|strikes|killings?|shelling|assaults?|violence|massacres?|executions?|"
                        r"kidnappings?|abductions?|blasts?|explosions?|crackdown|use of)\b)",
         left=r"^[^.!?;]*$", avoid=("protest",)),
    Rule("DIPLO", 0.72, r"\b(?:condemn(?:ed|s|ing|ation)?|urg(?:ed|es|ing)|call(?:ed|s|ing)? on|called for|"
                        r"appeal(?:ed|s)? to|warn(?:ed|s|ing)?|threaten(?:ed|s|ing)?|vow(?:ed|s)? (?:revenge|to)|"
                        r"prais(?:ed|es|ing)|welcomed|denounc\w+|protested to|demand(?:ed|s) (?:that|the)|"
                        r"retaliat\w+ against|diplomatic|foreign minist\w+|foreign ministry|state department|"
                        r"(?:un|u\.n\.) security council|summit|bilateral|ambassadors?|embass(?:y|ies)|"
                        r"envoys?|diplomats?|ultimatum|deplor(?:ed|es|ing)|commend(?:ed|s)|"
                        r"express(?:ed|es|ing) (?:its |their |his |her )?(?:deep |grave |serious |strong |full )?"
                        r"(?:concern|regret|solidarity|support|condolences|outrage))\b",
         avoid=("protest",)),
    Rule("ATTRIB", 0.95, r"\b(?:claim(?:ed|s|ing)? (?:the )?(?:full )?responsibility|"
                         r"den(?:ied|ies|y|ying) (?:any )?(?:responsibility|involvement|(?:being |it was |they were |"
                         r"its \w+ (?:were|was) )?(?:responsible|behind))|"
                         r"(?:was|were|is|are) (?:not )?(?:responsible|behind) (?:for )?(?:the )?|responsible for|"
                         r"pinned the blame|held responsible|hold (?:\w+ )?responsible|"
                         r"claims? of responsibility|(?:took|take|takes|accepted|assumed|admitted) (?:full )?"
                         r"(?:responsibility|credit)|claimed credit|"
                         r"claim(?:ed|s)(?= (?!that |to )(?:\w+ ){0,3}(?:attacks?|bombings?|killings?|assassination|"
                         r"ambush|blasts?|explosions?|abductions?|kidnapping|operation|raid|strike)\b)|"
                         r"(?:was|were) behind|(?:are|is) behind|who (?:was|were) behind)\b"),
    Rule("ATTRIB", 0.84, r"(?<!\bthe )\b(?:blam(?:ed|es|ing|e)|accus(?:ed|es|ing|ations?)|allegations?|"
                         r"attribut(?:ed|es|ing))\b", need=("responsibility_context",)),
)
