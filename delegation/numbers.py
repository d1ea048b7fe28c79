"""Danish-style numbers: parse "500.000", "2 mio.", "1,5 mio. kr." and format them back."""

from __future__ import annotations

import re

MULTIPLIERS = {"mio.": 1_000_000, "mio": 1_000_000, "mia.": 1_000_000_000, "mia": 1_000_000_000}

_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+([,.]\d+)?$")
_TEXT = re.compile(r"^\s*(?P<number>[\d.,]+)\s*(?P<mult>mio\.?|mia\.?)?\s*(?P<unit>kr\.?)?\s*$", re.I)


def parse_number(token: str) -> float:
    """One number token: dots group thousands, a comma is the decimal mark.

    A lone dot followed by other than three digits (``2.5``) is read as a decimal point,
    since that is how a user typing on the command line most likely meant it.
    """
    token = token.strip()
    match = _NUMBER.match(token)
    if not match:
        raise ValueError(f"not a number: {token!r}")
    if match[1]:                   # the first form matched: its dots group thousands
        token = token.replace(".", "")
    return float(token.replace(",", "."))


def parse_amount(text: str) -> float:
    """A value as a user types it: "500000", "500.000", "500.000 kr.", "2 mio.", "1,5 mio. kr."."""
    cleaned = text.replace("\u00a0", " ").replace("\u202f", " ")
    match = _TEXT.match(cleaned)
    if not match:
        raise ValueError(f"not a number: {text!r}")
    value = parse_number(match["number"])
    if match["mult"]:
        value *= MULTIPLIERS[match["mult"].lower()]
    return value


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
