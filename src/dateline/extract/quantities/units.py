"""Units: currencies (ISO 4217), percent, measures, and the words that are not units.

Everything here is data plus the regular-expression fragments :mod:`.find` compiles once.
"""

from __future__ import annotations

import re

__all__ = ["CURRENCY_SIGNS", "CURRENCY_WORDS", "MEASURE_UNITS", "TIME_UNITS", "PERCENT_WORDS",
           "currency_of_sign", "currency_of_word", "measure_of", "SIGN_RE", "UNIT_RE"]

#: currency signs (with an optional country prefix) -> ISO 4217.
CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "nt$": "TWD",
    "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₦": "NGN", "₽": "RUB", "₩": "KRW",
    "₪": "ILS", "₺": "TRY", "rs": "INR", "rs.": "INR",
}

#: currency words after a number -> ISO 4217 (lower case, singular and plural).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "australian dollars": "AUD", "australian dollar": "AUD", "canadian dollars": "CAD",
    "canadian dollar": "CAD", "hong kong dollars": "HKD", "singapore dollars": "SGD",
    "new zealand dollars": "NZD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "pounds sterling": "GBP", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "naira": "NGN", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "shekel": "ILS", "shekels": "ILS",
    "swiss francs": "CHF", "francs": "CHF", "riyal": "SAR", "riyals": "SAR", "dirham": "AED",
    "dirhams": "AED", "lira": "TRY", "rand": "ZAR", "pesos": "MXN", "kronor": "SEK",
    "kroner": "NOK", "zloty": "PLN", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "hryvnia": "UAH", "hryvnias": "UAH", "bitcoin": "BTC",
}

#: words that make a number a percentage.
PERCENT_WORDS = ("%", "percent", "per cent", "pc", "percentage points", "percentage point")

#: measure unit as written (lower case) -> canonical unit.
MEASURE_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "mile": "miles", "miles": "miles", "m": "m", "metre": "m", "metres": "m",
    "meter": "m", "meters": "m", "cm": "cm", "mm": "mm", "ft": "feet", "feet": "feet", "foot": "feet",
    "inch": "inches", "inches": "inches", "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg",
    "kilogram": "kg", "kilograms": "kg", "gram": "g", "grams": "g", "g": "g", "mg": "mg",
    "tonne": "tonnes", "tonnes": "tonnes", "ton": "tonnes", "tons": "tonnes", "lb": "lb",
    "lbs": "lb", "barrel": "barrels", "barrels": "barrels", "bpd": "barrels per day",
    "litre": "litres", "litres": "litres", "liter": "litres", "liters": "litres",
    "gallon": "gallons", "gallons": "gallons", "mph": "mph", "km/h": "km/h", "kph": "km/h",
    "degrees": "degrees", "degree": "degrees", "degrees c": "degrees C", "degrees f": "degrees F",
    "degrees celsius": "degrees C", "degrees fahrenheit": "degrees F", "°c": "degrees C",
    "°f": "degrees F", "acre": "acres", "acres": "acres", "hectare": "hectares",
    "hectares": "hectares", "sq km": "sq km", "square kilometres": "sq km",
    "square kilometers": "sq km", "square miles": "sq miles", "square metres": "sq m",
    "square feet": "sq feet", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "gwh": "GWh",
    "twh": "TWh", "megawatts": "MW", "gigawatts": "GW", "gb": "GB", "mb": "MB", "tb": "TB",
    "mbps": "Mbps", "gbps": "Gbps", "times": "times", "fold": "times",
}

#: nouns whose count is a duration (kept by the time extractor, not here); lemmas.
TIME_UNITS = frozenset({
    "second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month",
    "year", "decade", "century", "millennium", "season", "term", "quarter", "time", "sec", "min",
    "hr", "yr", "mins", "hrs", "yrs", "am", "pm", "a.m.", "p.m.", "o'clock",
})

_SIGNS = sorted(CURRENCY_SIGNS, key=len, reverse=True)
#: a currency sign before a number ("US$", "£", "Rs").
SIGN_RE = r"(?:(?:US|AU?|CA?|HK|NZ|S|R|NT)\$|[$£€¥₹₦₽₩₪₺]|Rs\.?(?=\s?\d))"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CUR_WORDS = _alt(CURRENCY_WORDS)
_MEASURES = _alt(k for k in MEASURE_UNITS if k not in ("m", "g", "times", "fold"))
#: a unit after a number: percent, currency word or measure ("m" and "times" handled apart).
UNIT_RE = (r"(?P<pct>%|\s?(?:per\s?cent|percent|percentage\s+points?|pc)\b)"
           r"|\s?(?P<curw>(?:" + _CUR_WORDS + r"))\b"
           r"|\s?(?P<meas>(?:" + _MEASURES + r"))(?![\w/])"
           r"|(?P<mult>\s(?:times|fold)\b|-fold\b)")


def currency_of_sign(sign: str) -> str | None:
    """ISO 4217 code of a currency sign ("US$" -> "USD"), else None."""
    return CURRENCY_SIGNS.get(sign.strip().lower())


def currency_of_word(word: str) -> str | None:
    """ISO 4217 code of a currency word ("euros" -> "EUR"), else None."""
    return CURRENCY_WORDS.get(" ".join(word.lower().split()))


def measure_of(word: str) -> str | None:
    """Canonical measure unit of a unit word ("kilometres" -> "km"), else None."""
    return MEASURE_UNITS.get(" ".join(word.lower().split()))
