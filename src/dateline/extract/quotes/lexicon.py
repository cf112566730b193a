"""Word lists for quote attribution: cue verbs, pronouns, person nouns, marks.

Plain module constants (frozensets); nothing here is mutated at run time.
"""

from __future__ import annotations

#: Verbs that introduce or frame speech (direct quotes and reported speech).
SPEECH_VERBS: frozenset[str] = frozenset("""
say tell add explain note write tweet post state declare announce claim argue insist
contend maintain warn urge ask reply respond answer continue conclude recall remark
acknowledge admit concede confirm deny report reveal suggest predict promise vow pledge
threaten assert boast complain joke quip observe comment shout yell scream whisper cry
testify inform assure remind caution emphasize emphasise stress repeat echo counter
retort agree disagree mention lament muse wonder speculate hint charge accuse allege
propose recommend demand advise signal read blast slam mock brag interject elaborate
describe estimate indicate declare proclaim concur pronounce recount explain add
""".split())

#: Verbs of thought and belief that report a source's content (reported speech only).
COGNITION_VERBS: frozenset[str] = frozenset("""
think believe hope expect fear feel worry doubt suspect learn realize realise assume
guess reckon predict find show conclude know understand acknowledge consider decide
argue imply
""".split())

#: Verbs whose reported content is an object plus a to-infinitive ("urged X to ...").
DIRECTIVE_VERBS: frozenset[str] = frozenset("""
urge ask tell warn advise order encourage call implore beg instruct invite press push
""".split())

#: Verbs of stance whose reported content is an object, a to-infinitive or the object
#: of a preposition ("called for a ban", "supports the bill", "talked about taxes").
ATTITUDE_VERBS: frozenset[str] = frozenset("""
support oppose favor favour endorse propose call criticize criticise praise blame accuse
cite refer point talk speak discuss describe mock defend condemn denounce dismiss
question back reject welcome applaud slam blast want prefer plan decide refuse decline
promise vow pledge threaten hope seek demand intend fear tout champion decry lambaste
celebrate highlight emphasize emphasise stress acknowledge admit deny announce unveil
recommend advocate insist rule oppose""".split())

#: Attitude verbs whose content is a to-infinitive ("wants to build a wall").
XCOMP_VERBS: frozenset[str] = frozenset("""
want plan decide refuse decline agree promise vow pledge threaten hope seek intend
prefer""".split())

#: Prepositions that introduce the content of an attitude verb.
CONTENT_PREPS: frozenset[str] = frozenset({"about", "for", "on", "to", "against", "of"})

#: Verbs whose ``to`` phrase is an addressee, not content ("speaking to reporters").
TO_ADDRESSEE: frozenset[str] = frozenset({"talk", "speak", "call", "announce", "describe", "admit",
                                          "acknowledge", "deny", "promise", "pledge", "vow"})

#: Cue verbs that may govern a direct quote (a subset is enough: any speech verb).
DIRECT_VERBS: frozenset[str] = SPEECH_VERBS | frozenset({"think", "wonder", "conclude", "go"})

#: Dependency labels of a verb's children that belong to the attribution frame.
FRAME_DEPS: frozenset[str] = frozenset({
    "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "dative",
    "dobj", "punct", "cc", "prt", "tmod", "agent", "mark",
})

#: Clausal dependency labels along which a cue governs reported content.
CLAUSAL_DEPS: frozenset[str] = frozenset({
    "ccomp", "xcomp", "advcl", "pcomp", "parataxis", "conj", "csubj", "acl", "relcl",
})

PRONOUNS_SINGULAR: frozenset[str] = frozenset({"he", "she", "him", "her"})
PRONOUNS_PLURAL: frozenset[str] = frozenset({"they", "them", "we"})
PRONOUNS_OTHER: frozenset[str] = frozenset({"i", "it", "you", "who", "which", "that", "this"})

#: Heads of descriptions that denote a person (for resolving "the official said").
PERSON_NOUNS: frozenset[str] = frozenset("""
official spokesman spokeswoman spokesperson minister director president chairman chairwoman
chair chief head leader commander colonel general officer lieutenant captain major sergeant
governor senator representative mayor ambassador envoy diplomat secretary adviser advisor
aide analyst expert source witness resident man woman boy girl father mother son daughter
husband wife brother sister lawyer attorney judge prosecutor investigator researcher professor
scientist doctor nurse economist founder executive ceo manager partner owner investor
student teacher worker employee farmer soldier fighter activist candidate lawmaker legislator
politician strategist consultant pollster correspondent reporter journalist editor author
writer veteran survivor victim mother neighbor neighbour friend colleague member monitor
official spokesperson coordinator negotiator inspector engineer entrepreneur banker trader
""".split())

#: Heads of descriptions that denote an organisation or a document.
ORG_NOUNS: frozenset[str] = frozenset("""
ministry government company firm group agency authority department office report study
survey poll statement committee council coalition army military police monitor observatory
organization organisation network newspaper campaign party administration court commission
""".split())

#: Heads of descriptions that denote a document whose source is the organisation
#: named in it ("data from the Israel Innovation Authority", "an IIA report").
DOCUMENT_NOUNS: frozenset[str] = frozenset("""
data datum figure figures report study survey statement estimate estimates number numbers poll
analysis statistic statistics document release assessment review
""".split())

#: Titles that may precede a name and form (part of) a role.
TITLE_WORDS: frozenset[str] = frozenset("""
mr mrs ms dr sen rep gov gen col lt maj capt sgt adm rev prof
""".split())

#: Double and single quotation mark characters; ``''`` and ```` are handled as pairs.
DOUBLE_OPEN: frozenset[str] = frozenset({"\u201c", "\u201e", "\u00ab", "``", "\u201f", "\u301d"})
DOUBLE_CLOSE: frozenset[str] = frozenset({"\u201d", "\u00bb", "\u301e"})
DOUBLE_BOTH: frozenset[str] = frozenset({'"', "''", "\uff02"})
SINGLE_OPEN: frozenset[str] = frozenset({"\u2018", "\u201a", "\u2039"})
SINGLE_CLOSE: frozenset[str] = frozenset({"\u2019", "\u203a"})
SINGLE_BOTH: frozenset[str] = frozenset({"'"})
QUOTE_CHARS: str = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a\u301d\u301e\uff02`"
