"""Danish-style numbers: parse "500.000", "2 mio.", "1,5 mio. kr." and format them back."""

from __future__ import annotations

import math
import re
from functools import cache

# The largest value of a fact or threshold: a billion billion kroner, far beyond any municipal
# amount and far below where floats lose whole numbers' digits in formatting.
MAX_QUANTITY = 1e18

MULTIPLIERS = {"mio.": 1_000_000, "mio": 1_000_000, "mia.": 1_000_000_000, "mia": 1_000_000_000}
# Multipliers as people write them in running text ("2 millioner", "250 t.kr."), folded to lower case.
_TEXT_MULTIPLIERS = {
    "mio": 1e6,
    "mill": 1e6,
    "million": 1e6,
    "millioner": 1e6,
    "mia": 1e9,
    "milliard": 1e9,
    "milliarder": 1e9,
    "t.kr": 1e3,
    "tkr": 1e3,
    "tusind": 1e3,
    "tusinde": 1e3,
    "k": 1e3,  # "600k"
    "m": 1e6,  # "2.5m DKK", only before a currency (_QUANTITY)
}

_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+([,.]\d+)?$")


def parse_number(token: str) -> float:
    """One number token: dots group thousands, a comma is the decimal mark.

    A lone dot followed by other than three digits (``2.5``) is read as a decimal point,
    since that is how a user typing on the command line most likely meant it.
    """
    token = token.strip()
    match = _NUMBER.match(token)
    if not match:
        raise ValueError(f"not a number: {token!r}")
    if match[1]:  # the first form matched: its dots group thousands
        token = token.replace(".", "")
    return _whole(token) if token.isdigit() else float(token.replace(",", "."))


def _whole(digits: str) -> float:
    """A whole number as a float, or infinity past MAX_QUANTITY: 10^18 + 1 is 1e18 as a float, and
    would pass for the largest amount allowed."""
    value = int(digits)
    return float(value) if value <= MAX_QUANTITY else math.inf


def parse_amount(text: str) -> float:
    """A value as a Danish user types it: "500000", "500.000", "500 000", "500.000 kr.", "kr. 500.000",
    "2 mio.", "2 millioner", "1,5 mia.", "250 t.kr.", "3/4 mio.", "1½ mio."; also "600,000" and "1,000,000.50" (English
    grouping, see `english_number`); a leading minus is kept, for the caller to refuse as below zero
    rather than as not a number."""
    cleaned = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= MAX_AMOUNT_TEXT:
        return _whole(cleaned)  # "300000", as a command line gives it: what the pattern reads it as
    match = _amount().match(cleaned) if len(cleaned) <= MAX_AMOUNT_TEXT else None
    if not match:
        fraction = fraction_pattern().fullmatch(cleaned) if len(cleaned) <= MAX_AMOUNT_TEXT else None
        if fraction is None:
            raise ValueError(f"not a number: {text!r}")
        return scaled(fraction_value(fraction), multiplier_of(fraction[6]) or 0)
    value = english_number(match["number"], match["mult"])
    if value is None:
        value = parse_number(match["number"].replace(" ", "."))
    if match["mult"]:
        factor = multiplier_of(match["mult"])
        if factor is None:
            raise ValueError(f"not a number: {text!r}")
        value = scaled(value, factor)
    return -value if match["sign"] else value


# Commas grouping thousands, as English writes them ("600,000", "1,000,000.50").
_ENGLISH = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"


def english_number(number: str, multiplier: str | None) -> float | None:
    """A number grouped the English way, or None. "600,000" is read as six hundred thousand: a
    Danish decimal comma is never followed by exactly three digits in an amount (øre take two).
    With a Danish multiplier the comma stays decimal ("1,250 mio." is 1.25 million), as does a
    lone comma followed by one, two or four digits."""
    # "k" is English too: "DKK 2,500k" is two and a half million
    if (
        (multiplier and multiplier.casefold() != "k")
        or "," not in number
        or not re.fullmatch(_ENGLISH, number)
    ):
        return None
    digits = number.replace(",", "")
    return _whole(digits) if digits.isdigit() else float(digits)


def scaled(value: float, factor: float) -> float:
    """A number times its multiplier, to the øre: 2,01 mio. is 2.010.000, where the float product
    is 2.009.999,9999999998 (and would miss a threshold of 2.010.000)."""
    return round(value * factor, 2)


def multiplier_of(word: str) -> float | None:
    """The factor of a multiplier as matched; None for a look-alike the case-blind match let in
    (a dotless "ı" in "mıo")."""
    key = re.sub(r"[\s.]", "", word.casefold())
    return _TEXT_MULTIPLIERS.get("t.kr" if key == "tkr" else key)


# Possessive spaces (\s*+): with plain \s* around the optional parts, a value padded with a few
# hundred spaces took the matcher seconds (cubic backtracking), holding the interpreter meanwhile.
@cache
def _amount() -> re.Pattern[str]:
    """The pattern of an amount as typed, compiled on first use (1,5 ms at import, which a decision
    given "300000" never needs)."""
    return re.compile(_AMOUNT, re.IGNORECASE)


_AMOUNT = (
    r"^\s*+(?:(?P<currency>kr\.?|dkk)\s*+)?(?P<sign>-)?\s*+"
    r"(?P<number>\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[,.]\d+)?)\s*+"
    r"(?P<mult>mio|mill|millioner|million|mia|milliarder|milliard|t\.\s?kr|tkr|tusinde?|k"
    r"|m(?=\s*+(?:kr|dkk|kroner)\b)|(?(currency)m|(?!)))?\.?\s*+"  # "m", a million by a currency: "DKK 80m"
    r"(?:kr\.?|kroner|dkk)?\s*+$"
)
MAX_AMOUNT_TEXT = 64  # "1.000.000.000,50 kr." is 20 characters: anything far longer is not an amount


# Fractions of a million as people write amounts: "en halv million", "1½ mio. kr.", "3/4 mio.",
# "en kvart million", "halvanden million", "trekvart mio.", and in English "half a million", "a
# quarter of a million", "one and a half million". Only before a multiplier: "3/4" alone is the
# third of April. A longer word first: "halvanden" holds "halv", "one and a half" holds "half".
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_WORDS = {
    "halvanden": 1.5,
    "trekvart": 0.75,
    "tre kvart": 0.75,
    "kvart": 0.25,
    "halv": 0.5,
    "one and a half": 1.5,
    "three quarter": 0.75,
    "quarter": 0.25,
    "half": 0.5,
}
# What a text holds if the pattern can match in it (sought first: most texts have none of these).
FRACTION_HINTS = ("halv", "kvart", "half", "quarter", *FRACTIONS, "/")
_FRACTION = (
    r"(?<![\w.,/-])(?:(\d{0,6})\s*([½¼¾])|(?:(\d{1,6})\s+)?([1-9])\s*/\s*([2-9]|10)"
    r"|(?:en\s+)?(?:halvanden|tre\s*kvart|kvart|halv)"
    r"|(?:an?\s+)?(?:one\s+and\s+a\s+half|three\s+quarters?|quarter|half)(?:\s+of)?(?:\s+an?)?)"
    r"\s*(mio|mill|millioner|million|mia|milliarder|milliard)\b\.?"
    r"(?:\s*(?:kr\b\.?|kroner\b|dkk\b))?"
)


def fraction_value(match: re.Match[str]) -> float:
    """The number a fraction match stands for, before its multiplier."""
    whole, sign, units, numerator, denominator = match.group(1, 2, 3, 4, 5)
    if sign:
        return int(whole or 0) + FRACTIONS[sign]
    if numerator:  # "2 1/2 mio." is two and a half
        return int(units or 0) + int(numerator) / int(denominator)
    said = " ".join(match.group().casefold().split())
    return next(value for word, value in _WORDS.items() if word in said)


@cache
def fraction_pattern() -> re.Pattern[str]:
    # Compiled on first use: 1 ms at import, on the path of every `delegation decide`.
    return re.compile(_FRACTION, re.IGNORECASE)


def whole_or_float(value: float) -> int | float:
    """A whole number as an int (500.000 kr. -> 500000), as decisions echo facts; else the float."""
    return int(value) if value == int(value) else value


def format_number(value: float) -> str:
    """500000 -> "500.000", 2000000 -> "2 mio.", 1500000 -> "1,5 mio.", 0.5 -> "0,5"."""
    if value >= 1_000_000 and (value / 1_000_000) * 10 == int((value / 1_000_000) * 10):
        millions = value / 1_000_000
        text = f"{millions:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} mio."
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:.2f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + decimals if decimals else "")


def format_quantity(value: float, unit: str | None) -> str:
    """A number with its unit, as the plans write it: "500.000 kr.", "2 mio. kr.", "5 personer"."""
    return f"{format_number(value)} {unit}" if unit else format_number(value)
