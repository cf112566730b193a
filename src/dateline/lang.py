"""A small, dependency-free language guess from function words and scripts.

Good enough to tell English from the other languages news pages come in, so
that an English model is not run over German text without the user knowing.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]

_STOPWORDS = {
    "en": "the and of to in is that for with was on as are it by be from has have said this were which their not but".split(),
    "de": "der die und das ist nicht ein eine mit den von auf für sich dem auch es wird im zu des sie wie".split(),
    "fr": "le la les et des est une un pour dans que qui sur pas au du par avec il elle sont ont".split(),
    "es": "el la los las y de que en un una por con para es del se su al lo como más pero".split(),
    "pt": "o a os as e de que em um uma para com não do da dos das se por mais ao foi".split(),
    "it": "il lo la gli le e di che in un una per con non del della sono è si anche come".split(),
    "nl": "de het een en van is dat op te in voor met zijn niet ook maar aan er door".split(),
    "id": "yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke karena ada".split(),
}
_INDEX: dict[str, dict[str, float]] = {}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPTS = [("ru", re.compile(r"[\u0400-\u04FF]")), ("ar", re.compile(r"[\u0600-\u06FF]")),
            ("he", re.compile(r"[\u0590-\u05FF]")), ("ja", re.compile(r"[\u3040-\u30FF]")),
            ("ko", re.compile(r"[\uAC00-\uD7AF]")), ("zh", re.compile(r"[\u4E00-\u9FFF]")),
            ("el", re.compile(r"[\u0370-\u03FF]"))]


def _weights() -> dict[str, dict[str, float]]:
    if not _INDEX:
        for lang, words in _STOPWORDS.items():
            for w in words:
                _INDEX.setdefault(w, {})[lang] = 1.0
    return _INDEX


def detect_language(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little to tell."""
    chunk = text[:sample]
    letters = sum(1 for c in chunk if c.isalpha())
    if letters < 20:
        return None
    for code, rx in _SCRIPTS:
        if len(rx.findall(chunk)) > letters * 0.3:
            return code
    scores: dict[str, float] = {}
    index = _weights()
    for w in _WORD.findall(chunk.lower()):
        for lang, weight in index.get(w, {}).items():
            scores[lang] = scores.get(lang, 0.0) + weight
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None
