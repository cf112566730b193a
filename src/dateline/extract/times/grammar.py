"""The recognition grammar: named, precompiled patterns that find candidate time
expressions. Each rule's name selects its normaliser in :mod:`.normalise`.

Patterns are matched case-insensitively, except month and weekday names, which must
be capitalised (``may``, ``march`` and ``sun`` are ordinary words).
"""

from __future__ import annotations

import re

from .lexicon import APPROX, MONTH, NUM, ORD, POD, UNIT, UNITS_PL, WEEKDAY, YEAR

__all__ = ["RULES", "TRIGGERS", "VETO", "PREFIX", "SUFFIX", "RANGE_OPEN", "RANGE_JOIN", "CLOCK_JOIN",
           "FUTURE_CUE"]

_M = rf"(?-i:{MONTH})"
_W = rf"(?-i:{WEEKDAY})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?:last|next|this|this coming|this past|coming|past)"
_YR2 = rf"(?:{YEAR}|'\d\d)"


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


#: (rule name, pattern), in priority order (earlier wins a tie in length).
RULES: list[tuple[str, re.Pattern]] = [
    ("iso", _c(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b")),
    ("numeric", _c(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\d/]|\.\d)")),
    ("mdy", _c(rf"\b(?:(?P<wd>{_W}),? )?(?P<mon>{_M}) (?P<day>{_DAY})\b(?!:\d|\d)(?:,? (?P<year>{YEAR})\b)?")),
    ("dmy", _c(rf"\b(?:(?P<wd>{_W}),? )?(?:the )?(?P<day>{_DAY}) (?:of )?(?P<mon>{_M})(?:,? (?P<year>{YEAR})\b)?")),
    ("month", _c(rf"(?:\b(?P<rel>{_REL}) )?(?<![\w.])(?P<mon>{_M})(?:,? (?:of )?(?P<year>{YEAR})\b"
                 rf"| (?P<rel2>last|next|this) year\b|(?!\.?,? \d{{1,2}}\b))")),
    ("holiday", _c(r"\b(?:(?P<rel>last|next|this) )?(?P<name>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|"
                   r"Thanksgiving(?: Day)?|Independence Day|Labor Day|Memorial Day|Valentine's Day|"
                   r"Halloween)(?:,? (?P<year>" + YEAR + r")\b)?")),
    ("fiscal", _c(rf"\b(?:(?:the )?fiscal(?: year)?|FY) ?(?P<year>{YEAR}|'?\d\d)\b(?!-| percent|%)")),
    ("year", _c(rf"(?<![\w$£€.,/])(?:the year )?(?P<year>{YEAR})(?![\w%/]|[.,]\d|-\w|\s?percent)")),
    ("year_words", _c(r"\b(?:the year )?(?:nineteen|two thousand(?: and)?)(?:[- ](?:ninety|eighty|seventy|"
                      r"sixty|fifty|forty|thirty|twenty|ten|one|two|three|four|five|six|seven|eight|nine|"
                      r"eleven|twelve)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)?\b|"
                      r"\bthe year two thousand\b(?! (?:years|months|days|people))")),
    ("decade", _c(r"\b(?:the )?(?:(?P<mod>early|mid|late)[- ]?)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s\b|"
                  r"\bthe (?:(?P<modw>early|mid|late)[- ]?)?(?P<decw>twenties|thirties|forties|fifties|sixties|"
                  r"seventies|eighties|nineties)\b")),
    ("yearend", _c(r"\byear[- ]end\b(?!-)")),
    ("century", _c(rf"\b(?:the )?(?P<n>{ORD}|\d{{1,2}}(?:st|nd|rd|th))[- ]century\b(?!-old)")),
    ("quarter", _c(r"\b(?:(?P<det>the|this year's|last year's|next year's|this|last|next|its|their|a|"
                   r"the company's|the same|the corresponding|that) )?(?:(?P<year0>" + YEAR + r") )?"
                   r"(?:(?P<ago>year-ago|year-earlier|comparable|comparable year-ago|prior-year|"
                   r"year-before) )?"
                   r"(?:(?:fiscal|calendar) )?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|"
                   r"latest|current|year-ago|year-earlier|previous|past|comparable|same|recent|just-ended|"
                   r"June|September|December|March)[- ])?(?:fiscal[- ])?"
                   rf"(?P<unit>quarter|half|period)\b(?![s-])(?: of (?:fiscal |the year |)(?P<year>{YEAR}|this year|"
                   r"last year|next year))?(?: (?P<rel2>last|this|next) year\b)?")),
    ("qshort", _c(rf"\b(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4])|(?P<h>[12])H|H(?P<h2>[12]))(?:[ -]?(?P<year>{_YR2}))?\b")),
    ("season", _c(rf"\b(?:(?P<rel>this|last|next|the coming|this past|the past|early|late|mid-?|the)"
                  rf" ?)?(?P<season>spring|summer|fall|autumn|winter)(?:,? (?:of )?(?P<year>{YEAR}))?\b")),
    ("relday", _c(rf"\b(?:(?P<mod>early|late) )?(?P<rd>today|tonight|tomorrow|yesterday|the day before "
                  rf"yesterday|the day after tomorrow)(?:'s)?(?: (?P<pod>{POD}))?\b(?!-)")),
    ("podrel", _c(rf"\b(?P<rel>this|last|tomorrow|yesterday) (?P<pod>{POD})\b")),
    ("weekday", _c(rf"(?:\b(?P<mod>early|late|mid)(?: on)? )?(?:\b(?P<rel>{_REL}) )?(?P<wd>{_W})"
                   rf"(?P<pl>s)?(?:'s)?(?: (?P<pod>{POD})(?P<pl2>s)?)?(?!\w)")),
    ("clock", _c(r"\b(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))? ?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)"
                 r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)(?= ?(?:GMT|UTC|EST|EDT|PST|PDT|local|hrs|h\b))"
                 r"|(?P<word>noon|midnight|midday))(?: ?(?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|local time))?")),
    ("ago", _c(rf"\b(?:(?P<approx>{APPROX}) )?(?P<num>{NUM}|several|a few|few|many|some)(?: or so)? "
               rf"(?:more )?(?P<unit>{UNIT}s?|{UNITS_PL})(?: or so)? (?P<dir>ago|earlier|later|from now|hence|back)\b")),
    ("yearago", _c(r"\b(?P<w>year|month|week|quarter)-(?P<dir>ago|earlier)\b")),
    ("anaphor", _c(r"\bthe (?P<unit>day|night|morning|afternoon|evening|week|month|year) "
                   r"(?P<dir>before|after|earlier|later)\b")),
    ("relunit", _c(rf"\b(?:(?P<mod>early|late|mid|earlier|later)[- ])?(?P<rel>this|last|next|the past|the last|"
                   rf"the next|the coming|the previous|the following|the current|the latest|past|coming|"
                   rf"previous|the same|that|the first|the final|the entire|the whole|the full|all|"
                   rf"the remaining)(?: (?P<num>{NUM}|several|few|many))?(?: full| fiscal)? (?P<unit>{UNIT}s?|{UNITS_PL})\b(?!-)")),
    ("duration", _c(rf"\b(?:(?P<approx>{APPROX}) )?(?:the )?(?P<num>{NUM})(?: more| full| straight| consecutive| "
                    rf"additional| long| trading| business| working)?[- ](?P<unit>{UNIT}s?|{UNITS_PL})(?:-long)?\b(?!-old)(?: or (?P<tail>so|more|longer|less|two))?")),
    ("vague", _c(rf"\b(?:(?P<det>recent|the coming|coming|the past|many|several|a few|few|some|the next|"
                 rf"the last|the|these|those) )?(?P<unit>{UNITS_PL}|decades-long)\b(?!-old)")),
    ("the_unit", _c(r"\b(?P<det>the|this|that) (?:fiscal )?(?P<unit>year|week|month|quarter|weekend|morning|period|"
                    r"season)\b(?!-)")),
    ("ref", _c(r"\b(?:(?P<now>now|currently|current|nowadays|these days|at present|presently)|(?P<past>recently|recent|formerly|the past)|"
               r"(?P<future>the (?:near |distant |foreseeable )?future|the years ahead|the (?:near|short|long) term))\b(?![ -]day)")),
    ("set", _c(rf"\b(?:(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)|(?P<q>every|each|per) (?:other )?(?P<unit>{UNIT}|{_W}|morning|night|evening)"
               rf"|(?:once|twice|three times) a (?P<unit2>{UNIT})|(?:every|each) (?P<mon>{_M}))\b")),
    ("dayrel", _c(r"\b(?P<dir>later|earlier) (?:in|that) (?:the )?day\b|\bmid-? ?(?P<pod>morning|afternoon)\b")),
]

_UNITS = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni"
_MONTH3 = r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"

#: rule name -> a cheap pattern that every match of the rule contains; a block without
#: it skips the rule (most blocks name no quarter, no century...), which saves most of
#: the scanning time. Each must find something wherever its rule matches.
TRIGGERS: dict[str, re.Pattern] = {name: _c(pattern) for name, pattern in {
    "iso": r"\d-\d\d-\d", "numeric": r"\d[/.]\d", "mdy": _MONTH3, "dmy": _MONTH3, "month": _MONTH3,
    "holiday": r"Christmas|New Year|Thanksgiving|Independence|Labor|Memorial|Valentine|Halloween",
    "fiscal": r"fiscal|FY", "year": r"1[6-9]\d\d|20\d\d", "year_words": r"nineteen|two thousand",
    "decade": r"0'?s\b|ties\b", "yearend": r"year[- ]end", "century": r"century",
    "quarter": r"quarter|half|period", "qshort": r"[1-4]Q|Q[1-4]|[12]H|H[12]",
    "season": r"spring|summer|fall|autumn|winter", "relday": r"today|tonight|tomorrow|yesterday",
    "podrel": r"morning|afternoon|evening|night", "weekday": r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)",
    "clock": r"[ap]\.?m|\d:\d|noon|midnight|midday", "ago": r"ago|earlier|later|from now|hence|back",
    "yearago": r"-ago|-earlier", "anaphor": r"before|after|earlier|later", "relunit": _UNITS,
    "duration": _UNITS, "vague": _UNITS, "the_unit": r"year|week|month|quarter|weekend|morning|period|season",
    "ref": r"now|current|these days|present|recent|formerly|past|future|ahead|term",
    "set": r"daily|weekly|monthly|yearly|hourly|nightly|every|each|per|once|twice|three times",
    "dayrel": r"day|morning|afternoon",
}.items()}
VETO_TRIGGER = _c(r"old|age|quarter|model|season")

#: spans that are never times: ages, and numbers of things that merely look like years.
VETO = _c(rf"\b(?:{NUM}|\d+)[- ](?:{UNIT}|years|months|weeks|days)[- ]olds?\b|\baged? \d+\b|"
          r"\b\d+ (?:years|months) (?:of age|old)\b|"
          r"\b(?:one|two|three)[- ]quarters? of\b(?! (?:a |the )?(?:year|century|(?:19|20)\d\d))|"   # fractions
          r"\b(?:19|20)\d\d-(?:\d\d\d\d)\b(?=\s*(?:model|season))")

#: left modifiers: text just before a candidate -> TIMEX3 mod (``None`` keeps the value's mod).
PREFIX = [
    (_c(r"(?:the )?(?:very )?(?:beginning|start|outset|dawn|opening) of $"), "START"),
    (_c(r"(?:the )?(?:end|close|conclusion|last days?) of $"), "END"),
    (_c(r"(?:the )?(?:middle|midst) of $"), "MID"),
    (_c(r"(?:the )?(?:first half|early part|earlier part) of $"), "START"),
    (_c(r"(?:the )?(?:second half|latter part|later part|last half) of $"), "END"),
    (_c(r"\b(?:early|earlier) (?:in )?$"), "START"),
    (_c(r"\b(?:late|later) (?:in )?$"), "END"),
    (_c(r"\bmid-? ?$"), "MID"),
    (_c(r"\bpre-$"), "BEFORE"),
    (_c(r"\bpost-$"), "AFTER"),
]
#: right modifiers of durations.
SUFFIX = [(_c(r"^ or (?:more|longer)\b"), "EQUAL_OR_MORE"), (_c(r"^ or (?:less|fewer)\b"), "EQUAL_OR_LESS"),
          (_c(r"^ or so\b"), "APPROX")]
RANGE_OPEN = _c(r"\b(?:between|from)\s+$")
RANGE_JOIN = _c(r"^\s*(?:and|to|through|thru|until|till|-|–|—)\s*$")
CLOCK_JOIN = _c(r"^(?:\s*,?\s*(?:on|at|of)?\s*|\s*,\s*)$")

#: words of a sentence that point forward in time (used when no parse is at hand).
FUTURE_CUE = _c(r"\b(?:will|shall|'ll|going to|is to|are to|plans? to|planning to|expected to|expects to|"
                r"scheduled|set to|due to|slated|intends? to|upcoming|next(?! to\b)|coming)\b")
