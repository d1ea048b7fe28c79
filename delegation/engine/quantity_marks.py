"""The words before a number of a case text that change what it says: "over" and "knap" (past or
below it), "op til" and "mindst" (a ceiling or a floor), "ca." (an approximation), "à" (a price each)."""

from __future__ import annotations

import math
import re
from functools import cache

from ..hints import TYPE_CHECKING
from ..numbers import MAX_QUANTITY

if TYPE_CHECKING:
    from .quantities import TextQuantity

# Words that put a value past the number they precede, a currency word or an article between
# them allowed: "over kr. 500.000", "mere end 500.000 kr.", "more than DKK 500,000", "over en halv
# million". "over 500.000 kr." is not 500.000 kr., which the plans' bands set apart.
_PAST = (
    r"(over|above|exceeding|overstiger|overstigende|mere\s+end|more\s+than|flere\s+end|godt?|"
    r"just\s+over|lidt\s+over|i\s+overkanten\s+af|"
    r"under|below|mindre\s+end|less\s+than|færre\s+end|fewer\s+than|knap|knapt|næsten|nearly|almost|"
    r"just\s+under|lidt\s+under|i\s+underkanten\s+af)"
)
_BELOW = frozenset(
    {"under", "below", "mindre", "less", "færre", "fewer", "knap", "knapt", "næsten", "nearly", "almost"}
    | {"just under", "lidt under", "i underkanten af"}
)
# Words for a value close past the number ("godt 500.000 kr.", "knap 5 personer"): that value.
# The others leave it open how far: "under en halv million" is anything below it, a spread whose
# bands the case type's rules may answer alike or not (it was 499.999,99 kr., and Erhvervspuljen's
# band of 250.000-500.000 kr. answered it, where the plan gives amounts under 250.000 kr. another
# body). The spread's open end is an øre past the number (`whole_spread` makes it the next whole
# number of a count: "under 10 medarbejdere" is 0-9).
_CLOSE = frozenset(
    {"godt", "god", "knap", "knapt", "næsten", "nearly", "almost"}
    | {"just over", "lidt over", "i overkanten af", "just under", "lidt under", "i underkanten af"}
)
_STEP = 0.01


def marked(text: str, found: list[TextQuantity]) -> list[TextQuantity]:
    """The quantities, each marked by the words before it: "more than"/"less than" (`past`); a
    floor, a ceiling or an approximation ("mindst", "op til", "ca.": a `spread`); one that a share
    is taken of ("1 % af 30 mio. kr."), or a price each ("3 projekter à 800.000 kr."), is left out:
    the case's amount is another. The words may stand before the number or before its unit word
    ("over løntrin 52")."""
    if not found:
        return found
    # In a text of many numbers each pattern is first sought in the whole text, and tried before
    # each number only where it is there: before every one of 24 numbers, a search for each, they
    # were most of a decision's cost (one search of a title costs what a window's does).
    many = len(found) > 2
    share_of, each, up_to, at_least, past, about = (
        _where_found(text, pattern) if many else pattern for pattern in _marks()
    )
    kept: list[TextQuantity] = []
    taken = 0  # the end of the last tolerance read ("+/- 10 %"): its number is no quantity
    for quantity in found:
        number = quantity.rest[0]
        if number < taken:
            continue
        if share_of and share_of.search(text, max(0, number - 80), number):
            continue
        if each and each.search(text, max(0, number - 24), number):
            continue
        # before the number, and before the unit word that precedes it ("højst løntrin 53"), unless
        # money is the number's unit after it: "støtte under integrationspolitikken 100.000 kr."
        # is 100.000 kr., not under it
        ends = (number, quantity.before[0]) if quantity.before and not _money_after(quantity) else (number,)

        value = quantity.value
        low, high = quantity.spread or (value, value)  # a range's ends: "op til 2-3 mio." is up to 3
        if match := _before(text, up_to, ends):  # "op til 800.000 kr."
            quantity = _marked(text, quantity, match, (0.0, high))
        elif match := _before(text, at_least, ends):  # "mindst 5 personer"
            quantity = _marked(text, quantity, match, (low, math.inf))
        elif match := _before(text, past, ends):
            words = match[1].casefold().split()
            below = words[0] in _BELOW or " ".join(words) in _BELOW
            if quantity.spread is None:
                quantity = quantity._replace(past=-1 if below else 1)
                open_ended = words[0] not in _CLOSE and " ".join(words) not in _CLOSE
                if open_ended and (value >= _STEP or not below):  # "under 0" is no spread
                    # Its units stay the number's own: the word before "over" is no unit of it
                    # ("personer over 65 år" is an age, not 65 persons).
                    quantity = quantity._replace(
                        spread=(0.0, value - _STEP) if below else (value + _STEP, math.inf),
                        text=text[match.start() : quantity.rest[1]],
                    )
            else:  # "under 2-3 mio.": below somewhere in the range, so anything up to its top
                quantity = _marked(text, quantity, match, (0.0, high) if below else (low, math.inf))
        elif match := _before(text, about, ends):
            # half the last digit written, of each end of a range ("ca. 5-8"); one either way for
            # a number ending in its ones ("ca. 53")
            quantity = _marked(text, quantity, match, (max(0.0, low - _half(low)), high + _half(high)))
        elif quantity.spread is None and (tolerance := _tolerance().match(text, quantity.rest[1])):
            share = float(tolerance[1].replace(",", ".")) / 100  # "500.000 kr. +/- 10 %"
            taken = tolerance.end()
            quantity = quantity._replace(
                spread=(max(0.0, value * (1 - share)), value * (1 + share)),
                text=text[quantity.rest[0] : tolerance.end()],
            )
        kept.append(quantity)
    return kept


_MONEY = frozenset({"kr.", "kr", "kroner", "dkk"})


def _money_after(quantity: TextQuantity) -> bool:
    """Whether the number is followed by its currency or a multiplier ("100.000 kr.", "2 mio.")."""
    return quantity.factor != 1 or (len(quantity.units) > 1 and quantity.units[0] in _MONEY)


def _marked(
    text: str, quantity: TextQuantity, match: re.Match[str], spread: tuple[float, float]
) -> TextQuantity:
    """The quantity with the spread the words `match` found give it, quoted from them; the word
    before them joins its unit words, as the word before a number does ("i alt årligt ca.
    450.000 kr.": "årligt" says which amount it is)."""
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    units = (*quantity.units, before[1].lower()) if before else quantity.units
    return quantity._replace(spread=spread, text=text[match.start() : quantity.rest[1]], units=units)


_WORD_BEFORE = re.compile(r"([^\W\d_]+\.?)\s*$")


def _before(text: str, pattern: re.Pattern[str] | None, ends: tuple[int, ...]) -> re.Match[str] | None:
    """The pattern's match just before one of `ends` (the pattern ends with "$"), or None."""
    if pattern is None:
        return None
    for end in ends:
        match = pattern.search(text, max(0, end - 28), end)
        if match is not None:
            return match
    return None


@cache
def _tolerance() -> re.Pattern[str]:
    return re.compile(
        r"\s*,?\s*(?:\+/-|\+-|±|plus/minus|plus\s+minus|give\s+or\s+take)\s*(\d{1,2}(?:,\d)?)\s*(?:%|procent|pct\.?|percent)",
        re.IGNORECASE,
    )


def _marks() -> tuple[re.Pattern[str], ...]:
    return _share_of(), _each(), _up_to(), _at_least(), _past_pattern(), _about()


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
    return _just_before(
        r"ca\.?|cirka|circa|omkring(?:\s+de)?|omtrent|rundt\s+regnet|tæt\s+på"
        r"|(?:anslået|anslåede|skønnet|estimeret|estimated)(?:\s+til)?|skønsmæssigt|i\s+omegnen\s+af"
        r"|i\s+størrelsesordenen(?:\s+af)?|størrelsesorden|approx\.?|approximately|about|around|roughly"
        r"|in\s+the\s+region\s+of|in\s+the\s+order\s+of|close\s+to"
    )


def _just_before(words: str) -> re.Pattern[str]:
    """Words that stand just before a number, a currency word or an article between allowed
    ("over kr. 500.000", "mindst en million"): searched in a window that ends at the number."""
    return re.compile(rf"(?<![^\W\d_])(?:{words})\s+(?:(?:kr\.?|dkk|en|et)\s*)?$", re.IGNORECASE)


def _half(value: float) -> float:
    """How far an approximation may be off: half its last digit written, at least one for a whole
    number ending in its ones."""
    last = _last_digit(value)
    return max(last / 2, 1.0 if value.is_integer() and last == 1 else 0.0)


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
    return _just_before(_PAST)


@cache
def _up_to() -> re.Pattern[str]:
    return _just_before(
        r"op\s+til|op\s+mod|højst|maks(?:imalt)?\.?|max\.?|up\s+to|at\s+most|no\s+more\s+than"
        r"|ikke\s+(?:over|overstiger|overstigende|mere\s+end|flere\s+end)|(?:overstiger|overskrider)\s+ikke"
        r"|not\s+(?:over|exceeding|more\s+than)"
    )


@cache
def _at_least() -> re.Pattern[str]:
    return _just_before(
        r"mindst|minimum|min\.|at\s+least|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than"
        r"|ikke\s+(?:under|mindre\s+end|færre\s+end)"
    )


@cache
def _each() -> re.Pattern[str]:
    # a price each: "3 projekter à 800.000 kr.", "3 x 100.000 kr." (the case's amount is the sum)
    return re.compile(r"(?:(?<![^\W\d_])[àá]|\d\s*[x×])\s*(?:(?:kr\.?|dkk)\s*)?$", re.IGNORECASE)


@cache
def _share_of() -> re.Pattern[str]:
    # "2 % af en bevilling på 20 mio. kr.", "50 % medfinansiering af projekt til 800.000 kr.": a
    # word or two may stand between the share and "af", and a few name what it is of
    return re.compile(
        r"(?:%|procent|pct\.?|percent)\s*(?:[^\W\d_]+\s+){0,2}(?:af|of)\s[^\d%]{0,40}$", re.IGNORECASE
    )
