"""Recognisers for the lines of a scraped news page.

Each function looks at one line (already stripped) and says what it is:
gallery counters, captions with credits, date lines, bylines, bullets,
subheads, datelines and site chrome. They are site-independent rules; the
segmenter combines them with the context of neighbouring lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = [
    "norm",
    "is_counter",
    "is_chrome",
    "is_separator",
    "is_title_like",
    "bullet_body",
    "afp_subhead",
    "caption_credit",
    "is_breadcrumb",
    "byline_name",
    "find_dateline",
    "word_count",
]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "\u00a0": " "})
_WS = re.compile(r"\s+")


def norm(line: str) -> str:
    """A line as compared for equality: NFKC, quotes unified, case-folded, spaces collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", line).translate(_QUOTES)).strip().casefold()


def word_count(line: str) -> int:
    return len(line.split())


_COUNTER = re.compile(
    r"^(?:(?:photo|image|picture|slide|gallery)\s*)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$", re.I)


def is_counter(line: str) -> bool:
    """A gallery counter such as ``1 / 3``, ``2 of 12`` or ``Photo 3/5``."""
    return bool(_COUNTER.match(line.strip()))


_SEPARATOR = re.compile(r"^(?:[-=_*#~•·]\s*){3,}$|^\f$")


def is_separator(line: str) -> bool:
    """A rule of dashes, equals signs, stars and so on that separates parts of a dump."""
    return bool(_SEPARATOR.match(line.strip()))


@lru_cache(maxsize=1)
def _chrome_phrases() -> frozenset[str]:
    text = resources.files("dateline").joinpath("data/chrome.txt").read_text(encoding="utf-8")
    return frozenset(norm(l) for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#"))


_CHROME_PATTERNS = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|all rights reserved"
    r"|(?:read|see|watch|listen)\s+(?:more|also|next)\s*:"
    r"|(?:also read|related|more|tags?|topics?|filed under|category|categories)\s*:"
    r"|click here\b|tap here\b|sign up for\b|subscribe to\b|follow us on\b"
    r"|(?:share|follow)\s+(?:on|via)\b"
    r"|this article (?:was|has been) (?:updated|amended|corrected)\b.{0,40}$"
    r"|(?:\d+\s+)?(?:min(?:ute)?s?|hours?)\s+(?:read|ago)$"
    r"|advertisement\b.{0,30}$)",
    re.I,
)
_SOCIAL = {"facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "email", "e-mail", "print",
           "reddit", "pinterest", "share", "messenger", "copy", "link", "flipboard", "tweet", "mail"}


def is_chrome(line: str) -> bool:
    """Site chrome: follow/share buttons, ads, 'read more', copyright, social rows."""
    s = line.strip()
    if not s:
        return False
    key = norm(s).rstrip(" :»›>|·•-–—")
    if key in _chrome_phrases():
        return True
    if len(s) <= 160 and _CHROME_PATTERNS.match(s):
        return True
    words = [w.strip("|·•,;/") for w in key.split()]
    words = [w for w in words if w]
    return 2 <= len(words) <= 8 and all(w in _SOCIAL for w in words)


_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s+[>›»/|]\s+[^.!?]{1,40}){1,6}$")


def is_breadcrumb(line: str) -> bool:
    """Navigation trails such as ``Home > World > Middle East``."""
    return bool(_BREADCRUMB.match(line.strip())) and word_count(line) <= 12


_TERMINAL = re.compile(r"[.!?:;,…]['\"’”»)\]]*$")
_OPENING = re.compile(r"^[\"'“‘«(\[]?[A-Z0-9À-Ý]")


def is_title_like(line: str, max_words: int = 25) -> bool:
    """Short, capitalised, not ending like a sentence: a headline or subhead candidate."""
    s = line.strip()
    if not (3 <= len(s) <= 200) or not _OPENING.match(s):
        return False
    n = word_count(s)
    if n < 1 or n > max_words:
        return False
    if _TERMINAL.search(s) and not s.endswith(("?", "?'", '?"', "?”", "?’", "!")):
        return False
    return not (is_counter(s) or is_chrome(s) or is_separator(s))


_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙■►➤✓✔]|\*(?!\*)|-(?=\s)(?!.*\s-\s*$))\s+(?=\S)")


def bullet_body(line: str) -> int | None:
    """If the line is a bullet item, the index where its text starts, else None."""
    m = _BULLET.match(line)
    return m.end() if m else None


_AFP_SUBHEAD = re.compile(r"^\s*[-–—]\s+(\S.{0,118}?\S|\S)\s+[-–—]\s*$")


def afp_subhead(line: str) -> tuple[int, int] | None:
    """``- Rise in defense startups -`` style subheads: the (start, end) of the inner text."""
    m = _AFP_SUBHEAD.match(line)
    if not m or word_count(m.group(1)) > 15:
        return None
    return m.start(1), m.end(1)


_AGENCIES = re.compile(
    r"\b(?:AFP|AP|Reuters|REUTERS|EPA|Getty|Xinhua|Anadolu|Bloomberg|Shutterstock|Alamy|PA|"
    r"Photo|photo|Photograph|Picture|Image|File|Courtesy|Credit|Supplied|Handout|HANDOUT|"
    r"Sipa|SIPA|ANSA|dpa|DPA|AAP|Kyodo|Yonhap|IANS|PTI|TASS|WANA|UPI|NurPhoto|Pool|POOL)\b")
_CREDIT_PAREN = re.compile(r"\(([^()]{2,120})\)\s*$")
_CREDIT_PREFIX = re.compile(r"(?:^|\s)((?:Photo|Picture|Image|Photograph|Credit)s?(?:\s+by)?\s*[:|]\s*[^.]{2,80})$")


def caption_credit(line: str) -> tuple[int, int] | None:
    """The (start, end) of a photo credit at the end of a caption line, if any.

    ``... on Thursday. (AFP / ARIS MESSINIS)`` -> the span of ``AFP / ARIS MESSINIS``.
    A parenthesis counts as a credit when it names an agency or photo word, or is
    ``SOURCE / NAME`` shaped; acronyms such as ``(SDF)`` do not.
    """
    m = _CREDIT_PAREN.search(line)
    if m:
        inner = m.group(1)
        if _AGENCIES.search(inner) or re.search(r"\S\s*/\s*\S", inner):
            return m.start(1), m.end(1)
        return None
    m = _CREDIT_PREFIX.search(line)
    if m:
        return m.start(1), m.end(1)
    return None


_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin|la|le|da|di)){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})*)"
    r"(?:\s*(?:[|,–—-]|\bin\b)\s*.{0,60})?$",
    re.I,
)


def byline_name(line: str) -> str | None:
    """``By Jane Doe, Reuters`` -> ``Jane Doe``; None when the line is not a byline."""
    s = line.strip()
    if len(s) > 120:
        return None
    m = _BYLINE.match(s)
    if not m or not s[:2].lower() in ("by", "wr", "re"):
        return None
    parts = [p.strip() for p in re.split(r",", m.group("name")) if p.strip()]
    parts = [p for p in parts if not _AGENCIES.fullmatch(p)]
    name = ", ".join(parts)
    return name if name[:1].isupper() else None


_NOT_PLACES = {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "LIVE", "VIDEO", "PHOTOS",
               "ANALYSIS", "OPINION", "EDITORIAL", "NOTE", "CORRECTION", "WARNING", "EDITOR",
               "URGENT", "FLASH", "ALERT", "READ", "SEE", "RELATED", "PHOTO", "Q", "A"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATELINE = re.compile(
    r"^(?P<place>(?P<city>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,2}))?)"
    r"(?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?"
    r"(?:\s*\((?P<agency>[^()]{1,30})\))?"
    r"\s*(?P<sep>:|—|–|--|-)\s+(?=\S)"
)
_TITLE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2}(?:,\s*[A-Z][A-Za-z.\-]+(?:\s+[A-Z][a-z]+)?)?)"
    r"\s*\((?P<agency>AFP|AP|Reuters|dpa|EFE|ANSA|Xinhua|UPI|IANS|PTI|Anadolu|AA)\)\s*(?:—|–|--|-|:)\s+(?=\S)"
)


def find_dateline(paragraph: str) -> tuple[int, int] | None:
    """The (start, end) of a dateline's place at the start of a body paragraph.

    ``MOSUL, Iraq: Daesh group chief ...`` -> span of ``MOSUL, Iraq``;
    ``WASHINGTON (Reuters) - ...`` -> ``WASHINGTON``; ``Paris (AFP) - ...`` -> ``Paris``.
    """
    m = _DATELINE.match(paragraph)
    if m:
        city = m.group("city")
        letters = [c for c in city if c.isalpha()]
        if len(letters) < 2 or city.split()[0].strip(".'’-") in _NOT_PLACES:
            return None
        region = m.group("region")
        if region and region[:3].lower() in _MONTHS and m.group("date") is None:
            return None
        if m.group("sep") == "-" and not (m.group("agency") or m.group("region") or m.group("date")):
            # "US - China talks" reads like a headline, not a dateline; need more evidence
            if paragraph[m.end():m.end() + 1].islower():
                return None
        if len(m.group("place")) > 60:
            return None
        return m.start("place"), m.end("place")
    m = _TITLE_DATELINE.match(paragraph)
    if m:
        return m.start("place"), m.end("place")
    return None
