import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delegation.engine.quantities import quantities
from delegation.numbers import format_number, format_quantity, parse_amount, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("500000", 500_000),
        ("500.000", 500_000),
        ("500.000 kr.", 500_000),
        ("1.000 kr.", 1_000),
        ("2 mio.", 2_000_000),
        ("2 mio. kr.", 2_000_000),
        ("1,5 mio.", 1_500_000),
        ("50 mio", 50_000_000),
        ("1.234.567", 1_234_567),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("0", 0),
        ("500\u00a0000", 500_000),  # a no-break space groups thousands, as Danish text writes it
        ("5 kroner", 5),
        ("-5", -5),  # kept negative: the caller refuses it as below zero, not as not a number
        ("1 mia.", 1_000_000_000),
        ("53", 53),
        # English grouping: a comma before exactly three digits groups thousands ...
        ("600,000", 600_000),
        ("1,000,000", 1_000_000),
        ("1,000,000.50", 1_000_000.5),
        ("600,000 dkk", 600_000),
        # ... but stays the decimal mark before a multiplier, and before one, two or four digits
        ("1,250 mio.", 1_250_000),
        ("1,50", 1.5),
        ("1,5000", 1.5),
        ("600k", 600_000),
        ("2,01 mio.", 2_010_000),  # to the øre, not 2009999.9999999998
        ("1,1 mia.", 1_100_000_000),
        ("250 t.kr.", 250_000),
        ("3/4 mio.", 750_000),  # a fraction of a million, as a letter writes it
        ("1 3/4 mio.", 1_750_000),  # and a whole number before it
        ("1½ mio. kr.", 1_500_000),
        ("¼ mia.", 250_000_000),
        # "m" is a million next to a currency, as in a text ("DKK 80m"); alone it is refused
        ("DKK 80m", 80_000_000),
        ("80m DKK", 80_000_000),
        ("DKK 0.6m", 600_000),
        ("dkk 500.000", 500_000),
    ],
)
def test_parse_amount(text, value):
    if value is None:
        with pytest.raises(ValueError):
            parse_amount(text)
    else:
        assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "5x",
        "1.00.000",
        "mio.",
        "5 kr. kr.",
        "--5",
        "1,000.000",
        "1,00,000",
        "5kk",
        "3/4",
        "1/0 mio.",
        "5m",
        "500 m",
    ],
)
def test_parse_amount_rejects(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_parse_number_token():
    assert parse_number("250.000") == 250_000
    assert parse_number("25,5") == 25.5


@pytest.mark.parametrize(
    "value, text",
    [
        (500_000, "500.000"),
        (2_000_000, "2 mio."),
        (1_500_000, "1,5 mio."),
        (50_000_000, "50 mio."),
        (25_000, "25.000"),
        (53, "53"),
        (0.5, "0,5"),
        (1_234_567, "1.234.567"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_format_quantity_with_unit():
    assert format_quantity(500_000, "kr.") == "500.000 kr."
    assert format_quantity(5, "personer") == "5 personer"


@pytest.mark.parametrize(
    "text, found",
    [
        ("udlicitering med fem medarbejdere", [(5.0, ("medarbejdere",))]),
        ("Five employees", [(5.0, ("employees",))]),
        ("1.000 kr. og tre personer", [(1000.0, ("kr.",)), (3.0, ("personer",))]),
        ("en medarbejder", []),  # an article, not a count
        ("fire employees", []),  # English: a dismissal, not four persons
        ("letter to staff", []),
        ("to medarbejdere fra hver af de fire distrikter", []),  # "to" and "fire": no counts
        ("Tilsyn med fem", []),  # a count needs the word it counts
        ("femten personer", [(15.0, ("personer",))]),  # not "fem"
        ("ingen medarbejdere overdrages", [(0.0, ("medarbejdere",))]),
        ("Tilskud på EUR 40.000", []),  # another currency than the plans' kroner
        ("tilskud på 40.000 euro", []),
        ("DKK 2,500k", [(2_500_000.0, ("kr.", "dkk"))]),  # "k" is English: its comma groups thousands
        ("Overskridelse med -600.000 kr.", []),  # below zero
        ("½-1 mio. kr.", []),  # a range from a fraction: not "1 mio."
        (
            "Erhvervspuljen, sag 24/12345 - 300.000 kr.",
            [(300_000.0, ("kr.",))],
        ),  # a case number, then the amount
        ("3 projekter à 800.000 kr.", [(3.0, ("projekter",))]),  # a price each: the case's amount is the sum
        ("3 x 100.000 kr.", [(3.0, ("x",))]),
        ("50 % medfinansiering af projekt til 800.000 kr.", [(50.0, ())]),
        ("en halv million", [(500_000.0, ("kr.",))]),
        ("1½ mio. kr.", [(1_500_000.0, ("kr.",))]),
        ("tilskud på ½ mio. kr.", [(500_000.0, ("kr.",))]),
        ("½ mio.", [(500_000.0, ("kr.",))]),
        ("1.5 million", [(1_500_000.0, ("kr.",))]),  # English decimal point, before a multiplier only
        ("version 2.5 af planen", []),
        ("1 % af 30 mio. kr.", [(1.0, ())]),  # the 30 mio. is what a share is taken of: no amount
        ("2 % af en bevilling på 20 mio. kr.", [(2.0, ())]),  # a few words may name what it is of
        ("3.000 kr. om måneden", []),  # by the month: not the amount a rule weighs
        ("30.000 om måneden", []),
        ("30.000 kr./md.", []),
        ("DKK 30,000 per month", []),
        ("tilskud på 30.000 kr. månedligt", []),
        ("300.000 kr. pr. år i tre år", [(3.0, ("år",))]),  # a year's share of a grant of three years
        ("300.000 kr. årligt", [(300_000.0, ("kr.",))]),  # a year's amount, the case's own
        ("5 medarbejdere i 12 måneder", [(5.0, ("medarbejdere",)), (12.0, ("måneder", "i"))]),
        ("Anlægsregnskab 2024-2025 på 60 mio. kr.", [(60_000_000.0, ("kr.", "kr."))]),
        # a year, a dash, the amount: a subject line's parts, no range
        ("Erhvervspuljen 2025 – 300.000 kr.", [(2025.0, ("erhvervspuljen",)), (300_000.0, ("kr.",))]),
        ("Lånoptagelse 2025 - 150 mio.", [(2025.0, ("lånoptagelse",)), (150_000_000.0, ("kr.",))]),
        (
            "innovationspuljen 2.5m DKK",
            [(2_500_000.0, ("kr.", "dkk", "innovationspuljen"))],
        ),  # m before a currency: million
        ("2,5m kr.", [(2_500_000.0, ("kr.", "kr."))]),
        ("vejen udvides 2,5 m", [(2.5, ("m", "udvides"))]),  # alone, m is metres
        # ... and after a currency: "DKK 80m", "DKK 0.6m" (its English decimal point too)
        ("Borrowing DKK 80m from KommuneKredit", [(80_000_000.0, ("kr.", "from", "dkk"))]),
        ("DKK 0.6m for a pilot", [(600_000.0, ("kr.", "for", "dkk"))]),
        ("80 m sti", [(80.0, ("m",))]),
        ("udgift kr. 500 m vej", [(500.0, ("m", "kr."))]),  # metres: a million's "m" is written close
        # fractions of a million ("3/4 mio."), never a date ("mødet 3/4")
        ("Erhvervspuljen – 3/4 mio. til eventsekretariat", [(750_000.0, ("kr.",))]),
        ("¾ mio kr", [(750_000.0, ("kr.",))]),
        ("en kvart million", [(250_000.0, ("kr.",))]),  # fractions in words
        ("halvanden mio. kr.", [(1_500_000.0, ("kr.",))]),
        ("tre kvart mio.", [(750_000.0, ("kr.",))]),  # no count of three
        ("Grant from the business pool of half a million kroner", [(500_000.0, ("kr.",))]),  # English
        ("a quarter of a million DKK", [(250_000.0, ("kr.",))]),
        ("one and a half million kroner", [(1_500_000.0, ("kr.",))]),  # no count of one
        ("three quarters of a million", [(750_000.0, ("kr.",))]),
        ("half the staff", []),
        ("mødet 3/4", []),
        ("Erhvervspuljen på 2 1/2 mio. kr.", [(2_500_000.0, ("kr.",))]),  # two and a half, not a half
        ("-3/4 mio.", []),
        # a ceiling is no amount of the case: any amount up to it, on either side of a threshold
        ("Overskridelse af anlægsbevilling – op til 800.000 kr.", []),
        ("højst kr. 200.000", []),
        ("up to DKK 2 million", []),
        ("beløbet overstiger ikke 500.000 kr.", []),  # "not more than": a ceiling, not past it
        ("beløbet ikke overstiger 500.000 kr.", []),
        ("not exceeding DKK 500,000", []),
        ("tilskud på 300.000 kr. til op til 5 projekter", [(300_000.0, ("kr.", "på"))]),
    ],
)
def test_counts_written_as_words(text, found):
    assert [(q.value, q.units) for q in quantities(text) if q.spread is None] == found


@pytest.mark.parametrize(
    "text, value, spread, units",
    [
        # a range's two ends are one quantity: its value the low end, the multiplier shared
        ("mellem 45 og 55 mio. kr.", 45e6, (45e6, 55e6), ("kr.", "og", "mellem")),
        ("fra 200.000 til 300.000 kr.", 200_000, (200_000, 300_000), ("kr.", "til", "fra")),
        ("200.000-300.000 kr.", 200_000, (200_000, 300_000), ("kr.",)),
        ("500.000-1 mio. kr.", 500_000, (500_000, 1e6), ("kr.",)),  # the multiplier is the second end's alone
        ("løntrin 52-54", 52, (52, 54), ("løntrin",)),
        ("anlægsbevilling på 45 til 55 mio. kr.", 45e6, (45e6, 55e6), ("kr.", "til", "på")),
        ("3 eller 7 personer", 3, (3, 7), ("personer", "eller")),
        ("ca. 2-3 mio. kr.", 2e6, (1.5e6, 3.5e6), ("kr.", "ca.")),  # the range, each end about
        ("under 2-3 mio. kr.", 2e6, (0, 3e6), ("kr.", "under")),  # below somewhere in it
        ("400-600.000 kr.", 400_000, (400_000, 600_000), ("kr.",)),  # a range written short
        ("1½-2 mio. kr.", 1.5e6, (1.5e6, 2e6), ("kr.",)),
        # one end a year's number, written alike and close: a range, not a year and an amount
        ("2000-3000 kr.", 2000, (2000, 3000), ("kr.",)),
        ("mellem 2000 og 3000 kr.", 2000, (2000, 3000), ("kr.", "og", "mellem")),
        # an approximation: the number written, good to half its last digit either way
        ("ca. 2 mio. kr.", 2e6, (1.5e6, 2.5e6), ("kr.", "kr.", "ca.")),
        ("omkring 480.000 kr.", 480_000, (475_000, 485_000), ("kr.", "omkring")),
        ("cirka 2,5 mio.", 2.5e6, (2.45e6, 2.55e6), ("kr.", "cirka")),
        ("approx. DKK 2m", 2e6, (1.5e6, 2.5e6), ("kr.", "dkk")),
        ("anslået 20 medarbejdere", 20, (15, 25), ("medarbejdere", "anslået")),
        ("i størrelsesordenen 2 mio.", 2e6, (1.5e6, 2.5e6), ("kr.", "størrelsesordenen")),
        ("500.000 kr. +/- 10 pct.", 500_000, (450_000, 550_000), ("kr.",)),
        ("300.000 kr. til 400.000 kr.", 300_000, (300_000, 400_000), ("kr.", "til")),
        # a ceiling is a spread from nothing, a floor one without end, also before the unit word
        ("op til 2-3 mio. kr.", 2e6, (0, 3e6), ("kr.", "til")),
        ("højst kr. 200.000", 200_000, (0, 200_000), ("kr.",)),
        ("mindst 500.000 kr.", 500_000, (500_000, math.inf), ("kr.", "mindst")),
        ("ikke færre end 6 medarbejdere", 6, (6, math.inf), ("medarbejdere", "end")),  # a floor, not "under"
        ("ikke flere end 4 personer", 4, (0, 4), ("personer", "end")),
        ("højst løntrin 53", 53, (0, 53), ("løntrin",)),
        # "under" and "over" leave it open how far: below or past the number, by an øre (a whole
        # number of a count: textfacts.whole_spread)
        ("under en halv million", 500_000, (0, 499_999.99), ("kr.",)),
        ("over 500.000 kr.", 500_000, (500_000.01, math.inf), ("kr.", "over")),
        ("mere end 5 personer", 5, (5.01, math.inf), ("personer", "end")),
    ],
)
def test_ranges_and_approximations(text, value, spread, units):
    [found] = quantities(text)
    assert (found.value, found.spread, found.units) == (value, spread, units)


@pytest.mark.parametrize(
    "text, past",
    [("godt 500.000 kr.", 1), ("knap 5 personer", -1), ("lidt over 2 mio.", 1), ("under 0 personer", -1)],
)
def test_words_for_close_past_a_number_give_the_value_past_it(text, past):
    """ "godt", "knap", "lidt over": just past the number, a value, where "over" is any past it."""
    [found] = quantities(text)
    assert (found.past, found.spread) == (past, None)


@pytest.mark.parametrize(
    "text",
    ["12-05-2025", "mellem 2 og 3 mio. kr. om måneden", "1 % af 20-30 mio. kr.", "mødet den 12.05.2025"],
)
def test_no_range_read(text):
    """Three numbers in a row are a date; a ceiling, a month's amount, what a share is taken of: no amount."""
    assert [q for q in quantities(text) if q.spread] == [] and all(q.value < 100 for q in quantities(text))


def test_a_year_before_an_amount_is_no_range_with_it():
    """A range's ends written alike, one a year's number, join only with the first end round
    ("2000-3000 kr."): "2025-5000 kr." is a year and an amount."""
    assert [(q.value, q.spread) for q in quantities("Erhvervspuljen 2025-5000 kr.")] == [
        (2025.0, None),
        (5000.0, None),
    ]


@pytest.mark.parametrize(
    "text, value",
    [("knap 500.000 kr.", 499_999.99), ("næsten 5 mio. kr.", 4_999_999.99), ("godt 500.000 kr.", 500_000.01)],
)
def test_just_under_and_just_over(text, value):
    """The words "knap" and "næsten" put a value below the number, "godt" past it (as "under" and "over" are)."""
    [found] = quantities(text)
    assert found.value + found.past * 0.01 == pytest.approx(value)


def test_a_text_s_numbers_are_read_up_to_a_bound():
    """150 numbers in 300 characters cost a decision 10-20 ms; a case text has a handful."""
    from delegation.engine.quantities import MAX_QUANTITIES

    assert len(quantities("1 " * 150)) == MAX_QUANTITIES
    assert len(quantities("fem personer " * 40)) == MAX_QUANTITIES


@given(st.integers(min_value=0, max_value=10**22))
def test_digits_alone_read_as_the_amount_pattern_reads_them(number):
    """parse_amount reads bare digits without its pattern ("--amount 300000"): the same value,
    infinity past MAX_QUANTITY included (10^18 + 1 as a float would pass for 10^18)."""
    assert parse_amount(str(number)) == parse_amount(f"{number} kr")
