"""Danish-style numbers: parse "500.000", "2 mio.", "1,5 mio. kr." and format them back."""

from __future__ import annotations

import itertools
import math
import re
from functools import cache

from .hints import NamedTuple

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
    grouping, see `_english`); a leading minus is kept, for the caller to refuse as below zero
    rather than as not a number."""
    cleaned = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    match = _AMOUNT.match(cleaned) if len(cleaned) <= MAX_AMOUNT_TEXT else None
    if not match:
        fraction = _words()[1].fullmatch(cleaned) if len(cleaned) <= MAX_AMOUNT_TEXT else None
        if fraction is None:
            raise ValueError(f"not a number: {text!r}")
        return scaled(_fraction(fraction), _multiplier(fraction[6]) or 0)
    value = _english(match["number"], match["mult"])
    if value is None:
        value = parse_number(match["number"].replace(" ", "."))
    if match["mult"]:
        factor = _multiplier(match["mult"])
        if factor is None:
            raise ValueError(f"not a number: {text!r}")
        value = scaled(value, factor)
    return -value if match["sign"] else value


# Commas grouping thousands, as English writes them ("600,000", "1,000,000.50").
_ENGLISH = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"


def _english(number: str, multiplier: str | None) -> float | None:
    """A number grouped the English way, or None. "600,000" is read as six hundred thousand: a
    Danish decimal comma is never followed by exactly three digits in an amount (øre take two).
    With a multiplier the comma stays decimal ("1,250 mio." is 1.25 million), as does a lone
    comma followed by one, two or four digits."""
    if multiplier or "," not in number or not re.fullmatch(_ENGLISH, number):
        return None
    digits = number.replace(",", "")
    return _whole(digits) if digits.isdigit() else float(digits)


def scaled(value: float, factor: float) -> float:
    """A number times its multiplier, to the øre: 2,01 mio. is 2.010.000, where the float product
    is 2.009.999,9999999998 (and would miss a threshold of 2.010.000)."""
    return round(value * factor, 2)


def _multiplier(word: str) -> float | None:
    """The factor of a multiplier as matched; None for a look-alike the case-blind match let in
    (a dotless "ı" in "mıo")."""
    key = re.sub(r"[\s.]", "", word.casefold())
    return _TEXT_MULTIPLIERS.get("t.kr" if key == "tkr" else key)


# Possessive spaces (\s*+): with plain \s* around the optional parts, a value padded with a few
# hundred spaces took the matcher seconds (cubic backtracking), holding the interpreter meanwhile.
_AMOUNT = re.compile(
    r"^\s*+(?:(?P<currency>kr\.?|dkk)\s*+)?(?P<sign>-)?\s*+"
    r"(?P<number>\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[,.]\d+)?)\s*+"
    r"(?P<mult>mio|mill|millioner|million|mia|milliarder|milliard|t\.\s?kr|tkr|tusinde?|k"
    r"|m(?=\s*+(?:kr|dkk|kroner)\b)|(?(currency)m|(?!)))?\.?\s*+"  # "m", a million by a currency: "DKK 80m"
    r"(?:kr\.?|kroner|dkk)?\s*+$",
    re.IGNORECASE,
)
MAX_AMOUNT_TEXT = 64  # "1.000.000.000,50 kr." is 20 characters: anything far longer is not an amount


# A quantity in running text: "75 mio. kr.", "kr. 500.000", "8 medarbejdere", "løntrin 54",
# "500 000 kr" (a space groups thousands), "1,5 mia.". The words around the number are its unit.
_QUANTITY = (
    r"(?:(?P<before>(?P<currency>(?:kr|dkk|kroner)(?![^\W\d_])\.?)|[^\W\d_]+\.?)\s+)?"
    r"(?<![\d.,])(?P<number>\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
    r"|\d+\.\d{1,2}(?=\s*(?:(?:mio|mill|million|mia|milliard)\w*|m\s*(?:kr|dkk|kroner))\b)"  # "1.5 million", "2.5m DKK"
    r"|(?(currency)\d+\.\d{1,2}(?=m\b)|(?!))"  # "DKK 0.6m"
    r"|\d+(?:,\d+)?)(?!\d|[.,]\d)"
    # "m" is a million only next to a currency ("2,5m kr.", "DKK 80m"): "2,5 m" alone is metres
    r"(?:\s*(?P<mult>mio|mill|millioner|million|mia|milliarder|milliard|t\.\s?kr|tkr|tusinde?|k"
    r"|m(?=\s*(?:kr|dkk|kroner)\b)|(?(currency)(?<=\d)m|(?!)))\b\.?)?"  # "DKK 80m", not "kr. 500 m vej"
    r"(?:\s*(?P<after>[^\W\d_]+\.?))?"
)


@cache
def _quantity() -> re.Pattern[str]:
    # Compiled on first use: 2 ms at import, on the path of every `delegation decide`.
    return re.compile(_QUANTITY, re.IGNORECASE)


class TextQuantity(NamedTuple):
    value: float
    units: tuple[str, ...]  # the words after and before the number, lower-cased ("kr.", "løntrin")
    text: str  # as written
    # Where the words stand: (start, end) of the word before, and of the number with its
    # multiplier and the word after; a caller that reads the quantity as a fact strips them.
    before: tuple[int, int] | None = None
    rest: tuple[int, int] = (0, 0)
    past: int = 0  # 1 after "over", "mere end", "more than"; -1 after "under", "mindre end"
    # The values the words allow where they give no one value: a range's ends ("mellem 2 og 3 mio.",
    # "2-3 mio.") or an approximation's ("ca. 2 mio.": 1,5-2,5 mio.); `value` is then the low end
    # or the value as written, and the case type's bands say whether it matters (engine/textfacts).
    spread: tuple[float, float] | None = None
    factor: float = 1  # the multiplier written after the number ("mio.": 1.000.000)


# Where a quantity may start: at a run of digits (a number never starts after a digit, "." or ","),
# or at the word before it, found by reading the text backwards from the digits.
_DIGITS = re.compile(r"\d+")
_BEFORE_REVERSED = re.compile(r"\s+\.?[^\W\d_]+")


# Counts people write as words ("fem medarbejdere", "six employees"): two to twelve. "En"/"et"/"one"
# are left out: they are articles far more often than counts; so are Danish "to" and "fire",
# English words too ("to staff", "fire employees" is a dismissal, not four persons).
_COUNT_WORDS = {
    "two": 2,
    **dict.fromkeys(("tre", "three"), 3),
    "four": 4,
    **dict.fromkeys(("fem", "five"), 5),
    **dict.fromkeys(("seks", "six"), 6),
    **dict.fromkeys(("syv", "seven"), 7),
    **dict.fromkeys(("otte", "eight"), 8),
    **dict.fromkeys(("ni", "nine"), 9),
    **dict.fromkeys(("ti", "ten"), 10),
    **dict.fromkeys(("elleve", "eleven"), 11),
    **dict.fromkeys(("tolv", "twelve"), 12),
}
_COUNT = r"(?<![^\W\d_])(" + "|".join(_COUNT_WORDS) + r")\s+([^\W\d_]+\.?)"


# Fractions of a million as people write amounts: "en halv million", "1½ mio. kr.", "3/4 mio.".
# Only before a multiplier: "3/4" alone is the third of April.
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_FRACTION = (
    r"(?<![\w.,/-])(?:(\d{0,6})\s*([½¼¾])|(?:(\d{1,6})\s+)?([1-9])\s*/\s*([2-9]|10)|(?:en\s+)?halv)"
    r"\s*(mio|mill|millioner|million|mia|milliarder|milliard)\b\.?"
    r"(?:\s*(?:kr\b\.?|kroner\b|dkk\b))?"
)


def _fraction(match: re.Match[str]) -> float:
    """The number a fraction match stands for, before its multiplier."""
    whole, sign, units, numerator, denominator = match.group(1, 2, 3, 4, 5)
    if sign:
        return int(whole or 0) + _FRACTIONS[sign]
    if numerator:  # "2 1/2 mio." is two and a half
        return int(units or 0) + int(numerator) / int(denominator)
    return 0.5


@cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Compiled on first use, as _quantity is: 1 ms at import, on the path of every `delegation decide`.
    return re.compile(_COUNT, re.IGNORECASE), re.compile(_FRACTION, re.IGNORECASE)


# The numbers of a text read at most, of each kind: a case text has a handful. "1 1 1 ..." (150
# numbers in a 300-character body the service counts as light work) cost a decision 10-20 ms,
# each number's words weighed against every fact's unit; the first 24 cost 2-3 ms.
MAX_QUANTITIES = 24


def quantities(text: str) -> list[TextQuantity]:
    """Every number in a text with the words that may be its unit; the caller decides which fact
    each one is (a year or a journal number has no unit word that names a fact)."""
    found = _with_past(text, _single(text, _numerals(text)))
    count, half = _words()
    if count.search(text) is None and "halv" not in text.casefold() and not any(c in text for c in "½¼¾/"):
        return found
    counted = [
        TextQuantity(float(_COUNT_WORDS[m[1].lower()]), (m[2].lower(),), m[0], None, m.span())
        for m in itertools.islice(count.finditer(text), MAX_QUANTITIES)
    ]
    halves = [
        TextQuantity(scaled(_fraction(m), _multiplier(m[6]) or 0), ("kr.",), m[0], None, m.span())
        for m in itertools.islice(half.finditer(text), MAX_QUANTITIES)
    ]
    taken = [(q.rest[0], q.rest[1]) for q in halves]
    found = [q for q in found if not any(start <= q.rest[0] < end for start, end in taken)]
    return sorted((*found, *_with_past(text, counted + halves)), key=lambda quantity: quantity.rest)


# Words that put a value past the number they precede, a currency word or an article between
# them allowed: "over kr. 500.000", "mere end 500.000 kr.", "more than DKK 500,000", "over en halv
# million". "over 500.000 kr." is not 500.000 kr., which the plans' bands set apart.
_PAST = (
    r"(?<![^\W\d_])(over|above|exceeding|overstiger|overstigende|mere\s+end|more\s+than|godt|just\s+over|"
    r"under|below|mindre\s+end|less\s+than|knap|knapt|næsten|nearly|almost|just\s+under)"
    r"\s+(?:(?:kr\.?|dkk|en|et)\s*)?$"
)
_BELOW = frozenset(
    {"under", "below", "mindre", "less", "knap", "knapt", "næsten", "nearly", "almost", "just under"}
)


def _with_past(text: str, found: list[TextQuantity]) -> list[TextQuantity]:
    """The quantities, each marked when the words before it say "more than" or "less than"; one
    that a share is taken of ("1 % af 30 mio. kr.") is left out: the case's amount is the share;
    so is a ceiling ("op til 800.000 kr.", "højst", "up to"): any amount up to it, which may lie
    on either side of a threshold, as a range's ends may."""
    if not found:
        return found
    # In a text of many numbers each pattern is first sought in the whole text, and tried before
    # each number only where it is there: before every one of 24 numbers, four searches each,
    # they were most of a decision's cost (one search of a title costs what a window's does).
    many = len(found) > 2
    share_of, up_to, past, about = (_where_found(text, pattern) if many else pattern for pattern in _marks())
    marked = []
    for quantity in found:
        if share_of and share_of.search(text, max(0, quantity.rest[0] - 60), quantity.rest[0]):
            continue
        window = max(0, quantity.rest[0] - 24), quantity.rest[0]
        if up_to and up_to.search(text, *window):
            continue
        match = past.search(text, *window) if past else None
        if match is not None:
            words = match[1].casefold().split()
            below = words[0] in _BELOW or " ".join(words) in _BELOW
            quantity = quantity._replace(past=-1 if below else 1)
        elif about and quantity.spread is None and about.search(text, *window):
            half = _last_digit(quantity.value) / 2
            quantity = quantity._replace(spread=(max(0.0, quantity.value - half), quantity.value + half))
        marked.append(quantity)
    return marked


def _marks() -> tuple[re.Pattern[str], ...]:
    return _share_of(), _up_to(), _past_pattern(), _about()


def _where_found(text: str, pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern, or None where the text holds no match of it without its anchor at the end
    (the words it looks for before a number are nowhere in the text)."""
    return pattern if _unanchored(pattern).search(text) else None


@cache
def _unanchored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern.removesuffix("$"), pattern.flags)


@cache
def _about() -> re.Pattern[str]:
    # An approximation: "ca. 2 mio.", "omkring 500.000 kr.", "approx. DKK 2m", "anslået 3 mio."
    return re.compile(
        r"(?<![^\W\d_])(?:ca\.?|cirka|circa|omkring|omtrent|anslået|anslåede|skønnet|skønsmæssigt|estimeret"
        r"|approx\.?|approximately|about|around|roughly|estimated|i\s+omegnen\s+af|in\s+the\s+region\s+of)"
        r"\s+(?:(?:kr\.?|dkk|en|et)\s*)?$",
        re.IGNORECASE,
    )


def _last_digit(value: float) -> float:
    """What the last digit written stands for: 1.000.000 in "2 mio.", 10.000 in "480.000", 100.000
    in "2,5 mio.": an approximation is good to half of it either way."""
    if not value <= MAX_QUANTITY:  # infinity: refused as too large where it is read
        return 0.0
    rest, zeros = round(value * 100), 0
    while rest and rest % 10 == 0:
        rest, zeros = rest // 10, zeros + 1
    return float(10**zeros) / 100


@cache
def _past_pattern() -> re.Pattern[str]:
    return re.compile(_PAST, re.IGNORECASE)


@cache
def _up_to() -> re.Pattern[str]:
    return re.compile(
        r"(?<![^\W\d_])(?:op\s+til|højst|maks(?:imalt)?\.?|max\.?|up\s+to|at\s+most|no\s+more\s+than"
        r"|ikke\s+(?:over|overstiger|overstigende|mere\s+end)|(?:overstiger|overskrider)\s+ikke"
        r"|not\s+(?:over|exceeding|more\s+than))"
        r"\s+(?:(?:kr\.?|dkk|en|et)\s*)?$",
        re.IGNORECASE,
    )


@cache
def _share_of() -> re.Pattern[str]:
    # "2 % af en bevilling på 20 mio. kr.": a few words may name what the share is of
    return re.compile(r"(?:%|procent|pct\.?|percent)\s*(?:af|of)\s[^\d%]{0,40}$", re.IGNORECASE)


# What makes a number no single value of the case: a range's ends ("mellem 45 og 55 mio. kr.",
# "45 til 55 mio. kr.", "løntrin 52-54", "3 eller 7 personer") and an amount by the month
# ("3.000 kr. om måneden", "30.000 kr./md."). Neither is read: the answer lists the bands, where
# one end or a month's amount answered confidently and wrongly.
_RANGE_WORDS = frozenset({"til", "eller", "à", "to", "or"})  # "3 til 7": a range as it stands
_PAIR_WORDS = frozenset({"og", "and"})  # "5 og 6": a range only after "mellem", "fra"
_RANGE_OPENERS = frozenset({"mellem", "fra", "between", "from"})
_MONTHLY = (
    r"(?:om|i|pr\.?|per|hver|a|each)\s+(?:måned(?:en)?|md\.?|month)\b|/\s*md\b|"
    r"\bmånedlig(?:t|e)?\b|\bmonthly\b"
)


def _single(text: str, found: list[TextQuantity]) -> list[TextQuantity]:
    """The quantities less those by the month or year, a range's two ends made one quantity with
    its spread (three numbers in a row, "12-05-2025", are none)."""
    pairs = []
    for at, (first, second) in enumerate(zip(found, found[1:])):
        between = text[first.rest[1] : second.rest[0]].strip()
        words = set(first.units)
        if between in ("-", "–", "—", "/", "à") or (
            not between and (words & _RANGE_WORDS or (words & _PAIR_WORDS and words & _RANGE_OPENERS))
        ):
            pairs.append(at)
    if pairs:
        chained = {at for at in pairs if at - 1 in pairs or at + 1 in pairs}
        ranges = {
            at: _range(text, found[at], found[at + 1])
            for at in pairs
            # "Erhvervspuljen 2025 – 300.000 kr.": a year, then the amount, no range
            if at not in chained and _year(found[at]) is _year(found[at + 1])
        }
        dropped = {at + 1 for at in ranges} | {at + step for at in chained for step in (0, 1)}
        found = [ranges.get(at, quantity) for at, quantity in enumerate(found) if at not in dropped]
    monthly = _monthly()
    # a year's amount over several years ("300.000 kr. pr. år i tre år") is no more the case's
    # amount than a month's is: the case is the whole, which the text does not give
    yearly = _yearly() if _years().search(text) else None
    if len(found) > 2 and not monthly.search(text) and not (yearly and yearly.search(text)):
        return found  # as in _with_past
    # the period may follow the unit the number took ("30.000 om måneden": "om" was its unit word)
    return [
        quantity
        for quantity in found
        if not monthly.search(text, quantity.rest[0], quantity.rest[1] + 20)
        and not (yearly and yearly.search(text, quantity.rest[0], quantity.rest[1] + 20))
    ]


def _year(quantity: TextQuantity) -> bool:
    """Whether a number may be a year: a whole number from 1900 to 2099, no multiplier."""
    return quantity.factor == 1 and quantity.value in _YEARS


_YEARS = frozenset(map(float, range(1900, 2100)))


def _range(text: str, first: TextQuantity, second: TextQuantity) -> TextQuantity:
    """One quantity for "mellem 2 og 3 mio. kr.", "2-3 mio.", "løntrin 52-54": the words of both
    ends, the multiplier after the second also the first's when it has none ("2-3 mio.", not
    "500.000-1 mio.")."""
    low, high = first.value, second.value
    if first.factor == 1 and second.factor != 1 and low * second.factor <= high:
        low = scaled(low, second.factor)
    low, high = min(low, high), max(low, high)
    opened = first.before and text[first.before[0] : first.before[1]].casefold() in _RANGE_OPENERS
    start = first.before[0] if first.before and opened else first.rest[0]
    return TextQuantity(
        low,
        tuple(dict.fromkeys((*second.units, *first.units))),  # the word before the first stays last
        text[start : second.rest[1]].strip(),
        first.before,
        (first.rest[0], second.rest[1]),
        spread=(low, high),
        factor=second.factor,
    )


@cache
def _years() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:i|over|for|in)\s+(?:\d+|to|tre|fire|fem|seks|syv|otte|ni|ti|two|three|four|five)\s+(?:år|years)\b",
        re.IGNORECASE,
    )


@cache
def _yearly() -> re.Pattern[str]:
    return re.compile(
        r"(?:om|pr\.?|per|hvert|a|each)\s+(?:året|år|year)\b|\bårlig(?:t|e)?\b|\byearly\b|\bannually\b",
        re.IGNORECASE,
    )


@cache
def _monthly() -> re.Pattern[str]:
    return re.compile(_MONTHLY, re.IGNORECASE)


def _numerals(text: str) -> list[TextQuantity]:
    """The quantities written with digits."""
    # The pattern is tried only where a quantity may start, the same matches as its finditer: the
    # optional word before the number made finditer try every letter of the text (50-75 µs for a
    # case title, a third of resolving it; this way 3-6 µs).
    found: list[TextQuantity] = []
    pattern = _quantity()
    reversed_text = ""
    end = 0
    for digits in _DIGITS.finditer(text):
        start = digits.start()
        if start < end:
            continue
        if len(found) == MAX_QUANTITIES:
            break
        reversed_text = reversed_text or text[::-1]
        before = _BEFORE_REVERSED.match(reversed_text, len(text) - start)
        for at in (len(text) - before.end(), start) if before else (start,):
            match = pattern.match(text, at) if at >= end else None
            if match is not None:
                end = match.end()
                quantity = _quantity_of(match)
                if quantity is not None:
                    found.append(quantity)
    return found


def _quantity_of(match: re.Match[str]) -> TextQuantity | None:
    number, mult, after, before = match.group("number", "mult", "after", "before")
    english = _english(number, mult)
    if number.isascii() and number.isdigit():  # "2024", "12": parse_number's answer, without its pattern
        value = float(number)
    elif english is not None:
        value = english
    else:
        grouped = number.replace(" ", ".").replace("\u00a0", ".").replace("\u202f", ".")
        try:
            value = parse_number(grouped)
        except ValueError:
            return None
    units = [word.lower() for word in (after, before) if word]
    factor = _multiplier(mult) if mult else 1.0
    if factor is None:
        return None
    if mult:
        value = scaled(value, factor)
        units = ["kr.", *units]  # "2 mio." is an amount of money when nothing else is said
    return TextQuantity(
        value,
        tuple(units),
        match.group(0).strip(),
        match.span("before") if before else None,
        (match.start("number"), match.end()),
        factor=factor,
    )


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
