"""The numbers of a case text with the words around them ("75 mio. kr.", "fem medarbejdere",
"mellem 2 og 3 mio."): what may be a fact's value, for engine/textfacts to say which fact."""

from __future__ import annotations

import itertools
import re
from functools import cache

from ..hints import TYPE_CHECKING, NamedTuple
from ..numbers import (
    FRACTION_HINTS,
    FRACTIONS,
    english_number,
    fraction_pattern,
    fraction_value,
    multiplier_of,
    parse_number,
    scaled,
)
from .danish import fold, stem
from .quantity_marks import marked

if TYPE_CHECKING:
    from collections.abc import Container

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
    # 1 after "over", "mere end", "more than"; -1 after "under", "mindre end" (with a spread from
    # the number on, but after "godt", "knap": quantity_marks._CLOSE)
    past: int = 0
    # The values the words allow where they give no one value: a range's ends ("mellem 2 og 3 mio.",
    # "2-3 mio.") or an approximation's ("ca. 2 mio.": 1,5-2,5 mio.); `value` is then the low end
    # or the value as written, and the case type's bands say whether it matters (engine/textfacts).
    spread: tuple[float, float] | None = None
    factor: float = 1  # the multiplier written after the number ("mio.": 1.000.000)
    # The word after the unit ("480.000 kr. årligt"): it may say which of two facts with one unit
    # the number is, as the word before does ("i alt årligt 480.000 kr."), by the fact's label.
    then: str = ""


# Where a quantity may start: at a run of digits (a number never starts after a digit, "." or ","),
# or at the word before it, found by reading the text backwards from the digits.
_DIGITS = re.compile(r"\d+")
_BEFORE_REVERSED = re.compile(r"\s+\.?[^\W\d_]+")


# Counts people write as words ("fem medarbejdere", "six employees"): two to twenty. "En"/"et"/"one"
# are left out: they are articles far more often than counts; so are Danish "to" and "fire",
# English words too ("to staff", "fire employees" is a dismissal, not four persons), and words of
# many uses besides in Danish ("to gange om året", "hver af de fire distrikter").
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
    **dict.fromkeys(("tretten", "thirteen"), 13),
    **dict.fromkeys(("fjorten", "fourteen"), 14),
    **dict.fromkeys(("femten", "fifteen"), 15),
    **dict.fromkeys(("seksten", "sixteen"), 16),
    **dict.fromkeys(("sytten", "seventeen"), 17),
    **dict.fromkeys(("atten", "eighteen"), 18),
    **dict.fromkeys(("nitten", "nineteen"), 19),
    **dict.fromkeys(("tyve", "twenty"), 20),
    # none and one, where they cannot be an article: "ingen medarbejdere", "en enkelt medarbejder"
    **dict.fromkeys(("ingen", "no"), 0),
    **dict.fromkeys(("enkelt", "én"), 1),
}
_COUNT = r"(?<![^\W\d_])(" + "|".join(_COUNT_WORDS) + r")\s+([^\W\d_]+\.?)"


@cache
def _counts() -> re.Pattern[str]:
    # Compiled on first use, as _quantity is: 1 ms at import, on the path of every `delegation decide`.
    return re.compile(_COUNT, re.IGNORECASE)


# The numbers of a text read at most, of each kind: a case text has a handful. "1 1 1 ..." (150
# numbers in a 300-character body the service counts as light work) cost a decision 10-20 ms,
# each number's words weighed against every fact's unit; the first 24 cost 2-3 ms.
MAX_QUANTITIES = 24


def quantities(text: str) -> list[TextQuantity]:
    """Every number in a text with the words that may be its unit; the caller decides which fact
    each one is (a year or a journal number has no unit word that names a fact)."""
    found = marked(text, _single(text, _numerals(text)))
    count, half = _counts(), fraction_pattern()
    folded = text.casefold()
    if count.search(text) is None and not any(hint in folded for hint in FRACTION_HINTS):
        return found
    counted = [
        TextQuantity(float(value), (m[2].lower(),), m[0], None, m.span())
        for m in itertools.islice(count.finditer(text), MAX_QUANTITIES)
        # .get: under IGNORECASE "i" matches "ı" and "İ", "s" matches "ſ" ("nı ansatte" was a 500)
        if (value := _COUNT_WORDS.get(m[1].lower())) is not None
    ]
    halves = [
        TextQuantity(scaled(fraction_value(m), multiplier_of(m[6]) or 0), ("kr.",), m[0], None, m.span())
        for m in itertools.islice(half.finditer(text), MAX_QUANTITIES)
    ]
    taken = [(q.rest[0], q.rest[1]) for q in halves]
    found, counted = (  # "tre kvart mio." is three quarters of a million, no count of three
        [q for q in read if not any(start <= q.rest[0] < end for start, end in taken)]
        for read in (found, counted)
    )
    return sorted((*found, *marked(text, counted + halves)), key=lambda quantity: quantity.rest)


# What makes a number no single value of the case: a range's ends ("mellem 45 og 55 mio. kr.",
# "45 til 55 mio. kr.", "løntrin 52-54", "3 eller 7 personer") and an amount by the month
# ("3.000 kr. om måneden", "30.000 kr./md."). Neither is read: the answer lists the bands, where
# one end or a month's amount answered confidently and wrongly.
_RANGE_WORDS = frozenset({"til", "eller", "à", "to", "or"})  # "3 til 7": a range as it stands
_PAIR_WORDS = frozenset({"og", "and"})  # "5 og 6": a range only after "mellem", "fra"
_RANGE_OPENERS = frozenset({"mellem", "fra", "between", "from"})
_SHORT_WORDS = frozenset({"til", "to", "og", "and"})  # not "à": "3 à 800.000 kr." is a price each
_MONTHLY = (
    r"(?:om|i|pr\.?|per|hver|a|each)\s+(?:måned(?:en)?|md\.?|month)\b|/\s*md\b|"
    r"\bmånedlig(?:t|e)?\b|\bmonthly\b"
)


def _single(text: str, found: list[TextQuantity]) -> list[TextQuantity]:
    """The quantities less those of a date ("12-05-2025") and those by the month or year, a range's
    two ends made one quantity with its spread (three numbers in a row are none)."""
    if found and (_DATE.search(text) or _may_hold_a_month(text) or "/" in text or "-" in text):
        dates = [match.span() for pattern in (_DATE, _written_date()) for match in pattern.finditer(text)]
        dates += [match.span() for match in _YEAR_SPAN.finditer(text) if _consecutive(*match.groups())]
        found = [q for q in found if not any(start <= q.rest[0] < end for start, end in dates)]
    pairs = []
    for at, (first, second) in enumerate(zip(found, found[1:])):
        between = text[first.rest[1] : second.rest[0]].strip()
        words = set(first.units)
        joined = (
            between in ("-", "–", "—", "/")
            or _RANGE_BETWEEN.fullmatch(between) is not None  # "300.000 kr. til 400.000 kr."
            or (not between or _CURRENCY.fullmatch(between) is not None)  # "DKK 300,000 to DKK 450,000"
            and bool(words & _RANGE_WORDS or (words & _PAIR_WORDS and words & _RANGE_OPENERS))
        )
        # a dash with spaces around it parts a subject line ("sag 123 - 300.000 kr."); one without,
        # or "til", "og", join a range written short ("400-600.000 kr.", "mellem 400 og 600.000 kr.")
        close = text[first.rest[1] : second.rest[0]] in ("-", "–") or (
            not between and bool(words & _SHORT_WORDS)
        )
        if joined and _alike(first, second, close):
            pairs.append(at)
    if pairs:
        chained = {at for at in pairs if at - 1 in pairs or at + 1 in pairs}
        ranges = {at: _range(text, found[at], found[at + 1]) for at in pairs if at not in chained}
        dropped = {at + 1 for at in ranges} | {at + step for at in chained for step in (0, 1)}
        found = [ranges.get(at, quantity) for at, quantity in enumerate(found) if at not in dropped]
    # a number after a lone minus or a fraction and a dash (_NEGATIVE): no amount read
    found = [q for q in found if not _NEGATIVE.search(text, 0, q.rest[0])]
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


# below zero ("-600.000 kr."), or a range from a fraction ("½-1 mio."): no one amount read
_NEGATIVE = re.compile(r"(?:(?:^|\s)[-−]|[½¼¾]\s*[-–])$")
# A budget or fiscal year written as two ("2025/26", "2025-2026"): no amount, and no range.
_YEAR_SPAN = re.compile(r"(?<![\d.,])((?:19|20)\d{2})\s*[/-]\s*(\d{4}|\d{2})(?![\d.,])")


def _consecutive(first: str, second: str) -> bool:
    """Whether `second` is the year after `first`, written whole or by its last two digits."""
    following = int(first) + 1
    return int(second) == (following if len(second) == 4 else following % 100)


_DATE = re.compile(r"(?<![\d.,/-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d.,/-]?\d)")
_MONTHS_DA = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
# A date written with its month's name ("pr. 1. juli 2025", "den 31. marts", "1 July 2025", "July 1,
# 2025"), with the word that says "as of" before it: it says when, not what the case is. Its numbers
# are no amount, and its words find no case type ("juli" was read as a typo of the "juni" of
# "Forventet regnskab pr. ultimo juni" and pulled a tariff change under the answering score). An
# English date needs its year: "5 may be moved" is no date.
# A year is 19xx or 20xx, and no amount: "pr. 1. maj 2500 kr." is dated the 1st of May and gives
# 2.500 kr., "den 3. december 2000 kr." 2.000 kr. (a currency before a number is that number's:
# "July 1, 2025 DKK 5,000").
_YEAR = r"\s+(?:19|20)[0-9]{2}(?![0-9.,]|\s*(?:kr\.?+|dkk|kroner|mio\.?+|mia\.?+|,-)(?!\w)(?!\s*[0-9]))"
_WRITTEN_DATE = (
    r"(?<![\w.])(?:(?:pr|per|den|d|fra|from|on|of|as\s+of)\.?\s+)?(?:"
    rf"[0-9]{{1,2}}\.?\s*(?:{_MONTHS_DA})(?:{_YEAR})?"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS_EN}){_YEAR}"
    rf"|(?:{_MONTHS_EN})\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?{_YEAR}"
    r")(?!\w)"
)


@cache
def _written_date() -> re.Pattern[str]:
    return re.compile(_WRITTEN_DATE, re.IGNORECASE)


def without_dates(text: str, known: Container[str] = ()) -> str:
    """The text less the dates written with a month's name (_WRITTEN_DATE), but for a month whose
    stem is `known` (the plan's words): "Forventet regnskab pr. 30. september" keeps "september",
    which tells the plan's bullets for June and September apart."""
    if not _may_hold_a_month(text):
        return text
    if not known:
        return _written_date().sub(" ", text)

    def dropped(date: re.Match[str]) -> str:
        month = _month().search(date.group())
        return f" {month.group()} " if month and stem(fold(month.group())) in known else " "

    return _written_date().sub(dropped, text)


@cache
def _month() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_MONTHS_DA}|{_MONTHS_EN})(?!\w)", re.IGNORECASE)


_MONTH_STARTS = tuple("jan feb mar apr maj may jun jul aug sep okt oct nov dec".split())


def _may_hold_a_month(text: str) -> bool:
    """Whether _WRITTEN_DATE may match: a digit and a month's first letters. The pattern itself
    costs 5-10 µs on a 60-character text (its case-blind alternatives tried at every position),
    this 1 µs."""
    if _DIGITS.search(text) is None:
        return False
    lowered = text.lower()
    return any(start in lowered for start in _MONTH_STARTS)


_RANGE_BETWEEN = re.compile(r"(?:til|to)(?:\s+(?:kr\.?|dkk|kroner))?", re.IGNORECASE)
_CURRENCY = re.compile(r"kr\.?|dkk|kroner", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)")


def _alike(first: TextQuantity, second: TextQuantity, close: bool) -> bool:
    """Whether two numbers may be a range's ends: written alike. A year is no end of an amount's
    range ("Erhvervspuljen 2025 – 300.000 kr."), nor is a number without grouping or multiplier
    of one with thousands grouped ("j.nr. 1234 - 600.000 kr."), unless it is the range written
    short, joined close ("400-600.000 kr.": 400.000 to 600.000), or two plain numbers of as many
    digits joined close, the first round and the second larger ("2000-3000 kr."; a year span is
    read before; "Erhvervspuljen 2025-5000 kr." is a year and an amount)."""
    grouped = [bool(_THOUSANDS.search(q.text)) for q in (first, second)]
    plain = [q.factor == 1 and not g for q, g in zip((first, second), grouped)]
    if _year(first) is not _year(second):
        return (
            close
            and all(plain)
            and first.value % 100 == 0
            and len(str(int(first.value))) == len(str(int(second.value)))
            and first.value < second.value
        )
    if grouped[1] and plain[0]:
        return close and _short(first, second) < second.value
    return not (grouped[0] and plain[1])


def _short(first: TextQuantity, second: TextQuantity) -> float:
    """The first end of a range written short ("400-600.000"), as many digits as the second."""
    digits = len(str(int(second.value))) - len(str(int(first.value)))
    return first.value * float(10 ** max(digits, 0))


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
    elif _THOUSANDS.search(second.text) and not _THOUSANDS.search(first.text) and first.factor == 1:
        low = _short(first, second)  # "400-600.000 kr."
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


# Other currencies than the kroner the plans count in: "EUR 40.000", "40.000 euro", "€40.000".
_FOREIGN = frozenset({"eur", "euro", "euros", "usd", "dollar", "dollars", "sek", "nok", "gbp", "pund", "chf"})


def _quantity_of(match: re.Match[str]) -> TextQuantity | None:
    number, mult, after, before = match.group("number", "mult", "after", "before")
    if {word.casefold().rstrip(".") for word in (after, before) if word} & _FOREIGN or match.string[
        : match.start("number")
    ].rstrip().endswith(("€", "$", "£")):
        return None
    english = english_number(number, mult)
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
    if after in FRACTIONS and not mult:  # "1½" in "1½-2 mio.": the fraction is the number's
        value, after = value + FRACTIONS[after], None
    units = [word.lower() for word in (after, before) if word]
    factor = multiplier_of(mult) if mult else 1.0
    if factor is None:
        return None
    if mult:
        value = scaled(value, factor)
        units = ["kr.", *units]  # "2 mio." is an amount of money when nothing else is said
    following = _FOLLOWING.match(match.string, match.end())
    return TextQuantity(
        value,
        tuple(units),
        match.group(0).strip(),
        match.span("before") if before else None,
        (match.start("number"), match.end()),
        factor=factor,
        then=following.group(1).lower() if following else "",
    )


_FOLLOWING = re.compile(r"[\s,]*([^\W\d_]+)")
