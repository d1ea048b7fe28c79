"""The direct reader (language/direct.py) gives exactly what lalr.run and the builder give: every
item, record, span, repeated field and place, on every shipped and fixture rules file, a synthetic
plan, mutated rules and generated case blocks in every layout; or it declines, and never takes a
text the grammar refuses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_rules import FUZZ, PLAN_A, _mutate, mutation

from delegation.language import direct, grammar, lalr
from delegation.language.build import Builder
from delegation.language.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [
        *ROOT.glob("rules/*.dlg"),
        *ROOT.glob("tests/golden/**/*.dlg"),
        *ROOT.glob("tests/fixtures/**/*.dlg"),
        *ROOT.glob("tests/fixtures/**/*.inc"),
    ]
)


def _result(builder: Builder, items: list) -> tuple:
    places = {
        key: (str(token), token.type, token.start, token.position) for key, token in builder.places.items()
    }
    return items, builder.repeated, places


def _both(text: str) -> tuple[tuple | None, tuple | None]:
    """(the direct reader's result or None when it declines, lalr.run's or None when it refuses)."""
    read = tables = None
    builder = Builder("f.dlg")
    try:
        read = _result(builder, direct.read(text, builder, placing=True))
    except direct.Unread:
        pass
    builder = Builder("f.dlg")
    try:
        tables = _result(builder, lalr.run(grammar.parser(), text, builder))
    except (lalr.Refused, lalr.CallbackFailed):
        pass
    return read, tables


def _same_or_declined(text: str) -> bool:
    """True when the direct reader read the text (and gave lalr.run's result), False when it declined."""
    read, tables = _both(text)
    if read is None:
        return False
    assert tables is not None, "read a text the grammar refuses"
    assert read == tables
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_same_as_the_tables_on_every_rules_file(path):
    read = _same_or_declined(path.read_text(encoding="utf-8"))
    # A plan file as the project writes it is read directly (its rule tests hold examples: not taken).
    if path.parent.name == "rules" and not path.name.endswith("_test.dlg"):
        assert read, path.name


@pytest.mark.parametrize(
    "path",
    [path for path in FILES if path.parent.name == "rules" and not path.name.endswith("_test.dlg")],
    ids=str,
)
def test_places_of_a_text_read_directly_are_found_when_asked(path):
    """A direct read records no places (a load never needs them); asked for, they are the tables'."""
    text = path.read_text(encoding="utf-8")
    loading = Builder("f.dlg")
    direct.read(text, loading)
    assert loading.places == {}
    parsed = parse_text(text, "f.dlg")
    assert parsed.found_places is None
    tables = Builder("f.dlg")
    lalr.run(grammar.parser(), text, tables)
    assert {
        key: (token, token.type, token.start, token.position) for key, token in parsed.places.items()
    } == {key: (token, token.type, token.start, token.position) for key, token in tables.places.items()}
    assert parsed.found_places is parsed.places  # found once


def test_a_synthetic_plan_is_read_directly_and_the_same(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_municipality

    write_municipality(tmp_path, "Prøvekommune", 400)
    for path in sorted(tmp_path.iterdir()):
        assert _same_or_declined(path.read_text(encoding="utf-8")), path.name


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_rules_are_read_the_same_or_declined(steps):
    _same_or_declined(_mutate(PLAN_A, steps))


# Case blocks in every layout the grammar allows: tokens apart by spaces, newlines or comments, or
# none where the lexer needs none; names that are the grammar's own words; conditions of and, or,
# in and parentheses; numbers, multipliers and units; fields given twice.
_GAP = st.sampled_from([" ", "  ", "\n", "\n    ", "\t", ' # note {x} "y"\n', "\r\n", "#\n"])
_TIGHT = st.sampled_from(["", " ", "\n", " # } \n"])
_NAMEISH = st.sampled_from(
    ["raad", "afd_b", "x1", "when", "case", "before", "mail", "title", "involve", "Raad"]
)
_STRING = st.sampled_from(
    ['"Sag"', '"Sag om \\"x\\""', '"to  linjer\n  her"', '"# ikke en kommentar }"', '""']
)
_QUANTITY = st.tuples(
    st.sampled_from(["500", "500.000", "2,5", "1.000.000,50", "05", "99999999999999999999"]),
    st.sampled_from(["", " mio.", " mia.", "mio."]),
    st.sampled_from(["", " kr.", " kr", " personer", " løntrin", " Kr.", " and", "kr.x"]),
)


@st.composite
def _condition(draw) -> str:
    def atom() -> str:
        number, multiplier, unit = draw(_QUANTITY)
        fact = draw(st.sampled_from(["amount", "persons", "in", "amount_2"]))
        if draw(st.booleans()):
            return f"{fact}{draw(_GAP)}{draw(st.sampled_from(['>', '>=', '<', '<=']))}{draw(_TIGHT)}{number}{multiplier}{unit}"
        high = draw(_QUANTITY)
        return f"{fact} in {number}{multiplier}{unit}{draw(_TIGHT)}..{draw(_TIGHT)}{''.join(high)}"

    parts = [atom()]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.sampled_from([" and ", " or ", "\nand ", " og "])))
        parts.append(atom())
    text = "".join(parts)
    return f"({text})" if draw(st.integers(0, 5)) == 0 else text


@st.composite
def _rule(draw) -> str:
    fields = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["decides", "basis", "inform", "involve", "recommends", "note", "cite"]))
        gap = draw(_GAP)
        if kind == "decides":
            condition = draw(st.sampled_from(["", ' if "ved uenighed"', " if", ' if"x"', ' if " "']))
            fields.append(f"decides{gap}{draw(_NAMEISH)}{condition}")
        elif kind == "basis":
            fields.append(
                f"basis{gap}{draw(st.sampled_from(['lovbestemt', 'praksis', 'byraadsbestemt', 'lovbestemtx']))}"
            )
        elif kind == "inform":
            often = draw(st.sampled_from(["", ' "årligt"']))
            channel = draw(st.sampled_from(["", " by meeting", " by mail", " by post"]))
            when = draw(st.sampled_from(["before", "after", "periodic"]))
            fields.append(f"inform{gap}{draw(_NAMEISH)}{draw(_TIGHT)}{when}{often}{channel}")
        elif kind in ("involve", "recommends"):
            names = " ".join(draw(st.lists(_NAMEISH, min_size=1, max_size=3)))
            condition = (
                draw(st.sampled_from(["", ' if "kompliceret"', ' if ""'])) if kind == "involve" else ""
            )
            fields.append(f"{kind}{gap}{names}{condition}")
        elif kind == "note":
            fields.append(f"note{gap}{draw(_STRING)}")
        else:
            path = "".join(
                f"{draw(_STRING)}{draw(_TIGHT)}>{draw(_TIGHT)}" for _ in range(draw(st.integers(0, 2)))
            )
            fields.append(f"cite{gap}{path}{draw(_STRING)}{draw(_TIGHT)}:{draw(_GAP)}{draw(_STRING)}")
    name = draw(st.sampled_from(["", " r1", " when", " decides"]))
    condition = f" when {draw(_condition())}" if draw(st.booleans()) else ""
    inner = "".join(f"{draw(_GAP)}{field}" for field in fields)
    return f"rule{name}{condition}{draw(_TIGHT)}{{{inner}{draw(_GAP)}}}"


@st.composite
def _case(draw) -> str:
    fields = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(
            st.sampled_from(
                ["title", "alias", "section", "category", "department", "kle", "formerly", "rule", "rule"]
            )
        )
        gap = draw(_GAP)
        if kind in ("title",):
            fields.append(f"title{gap}{draw(_STRING)}")
        elif kind in ("alias", "kle"):
            fields.append(f"{kind}{gap}{' '.join(draw(st.lists(_STRING, min_size=1, max_size=3)))}")
        elif kind in ("section", "category", "department"):
            fields.append(f"{kind}{gap}{draw(_NAMEISH)}")
        elif kind == "formerly":
            fields.append(f"formerly{gap}{' '.join(draw(st.lists(_NAMEISH, min_size=1, max_size=3)))}")
        else:
            fields.append(draw(_rule()))
    opener = draw(st.sampled_from(["case", "override case", "case\n", "override\ncase"]))
    inner = "".join(f"{draw(_GAP)}{field}" for field in fields)
    return f"{opener} {draw(_NAMEISH)}{draw(_TIGHT)}{{{inner}{draw(_GAP)}}}"


_EXTENDS = st.sampled_from(["", ' extends "a.dlg"', " extends"])


@st.composite
def _block(draw) -> str:
    """A plan header, body, preamble or thesaurus with fields in any order, some given twice."""
    kind = draw(st.sampled_from(["plan", "body", "preamble", "thesaurus"]))
    choices = {
        "plan": [
            f"title{{gap}}{draw(_STRING)}",
            "date 2025-04-08",
            "date 2025-04-081",
            'source "Bilag 2"',
            'document "1469"',
            'municipality "Aarhus Kommune"',
            "status adopted",
            "status draftx",
            "in_force from 2026-01-01",
            "in_force from 2026-01-01 until 2026-06-30",
            'adoption 2025-12-17 meeting "Byrådet" item "8"',
        ],
        "body": [
            f"name{{gap}}{draw(_STRING)}",
            'short "BA"',
            "kind department",
            "kind committees",
            'head "Borgmesteren"',
            f"committee{{gap}}{draw(_NAMEISH)}",
            'area "Natur" "Miljø"',
            'area "Natur"',
            'alias "a" "b"',
            "relative",
            f"delegates to{{gap}}{' '.join(draw(st.lists(_NAMEISH, min_size=1, max_size=3)))}",
            "delegates afd",
        ],
        "preamble": ['default "Udgangspunktet"', f"caveat{{gap}}{draw(_STRING)}", 'caveat "Forbehold"'],
        "thesaurus": [
            'synonyms "lån" "laan" "låne"',
            'synonyms "a"',
            'ignore "hvem" "hvad"',
            'distinct "x" "y"',
        ],
    }[kind]
    fields = [
        field.replace("{gap}", draw(_GAP)) for field in draw(st.lists(st.sampled_from(choices), max_size=6))
    ]
    inner = "".join(f"{draw(_GAP)}{field}" for field in fields)
    opener = {
        "plan": f"plan {draw(_NAMEISH)}{draw(_EXTENDS)}",
        "body": f"body {draw(_NAMEISH)}",
        "preamble": "preamble",
        "thesaurus": "thesaurus",
    }[kind]
    return f"{opener}{draw(_TIGHT)}{{{inner}{draw(_GAP)}}}"


_ITEMS = st.one_of(
    _case(),
    _block(),
    st.sampled_from(
        [
            'include "a.dlg"',
            'fact amount "beløb" unit "kr."',
            'fact persons "antal personer" integer',
            'section s "Afsnit" owner raad',
            'category k "Kategori"',
            "remove case gammel",
            'body raad { name "Rådet" kind council alias "r" "råd" }',
            'plan P extends "a.dlg" { title "P" }',
            'preamble { default "Udgangspunktet" }',
            'thesaurus { synonyms "a" "b" ignore "c" }',
            "example sag given amount 5 { decides raad }",
            'body x { name "}" }',
        ]
    ),
)


@FUZZ
@given(st.lists(_ITEMS, min_size=1, max_size=4), _GAP)
def test_generated_case_blocks_are_read_the_same_or_declined(items, gap):
    _same_or_declined(gap.join(items))


def test_plain_shapes_are_read_directly_in_any_layout():
    """What the generator varies most, spaces and comments, does not make the reader decline."""
    text = (
        'case  sag # kommentar\n{ title\n"Sag" alias "a"#x\n"b" section s\n'
        'rule r when amount in 5 .. 10 mio. kr. and persons>=5 or amount<2{decides raad if\n"uenighed" basis\tpraksis\n'
        'inform udvalg periodic "årligt" by mail involve ba afd if "hvis" cite "A">"B":"C" } }\n'
        'override case andet { rule { recommends x y note "n" cite "A": "B" } } remove case gammel'
    )
    assert _same_or_declined(text)
    rule = parse_text(text).items[0].rules[0]
    assert rule.when.kind == "any_of" and (rule.decides, rule.decides_if) == ("raad", "uenighed")


def test_loading_the_built_in_plans_needs_no_lark(tmp_path):
    """A plan the direct reader reads entirely is loaded without importing lark (its import and
    tables: 60-200 ms of the first answer after the rules changed); the rule tests' examples are
    read through lalr.run."""
    import subprocess

    code = (
        "import sys; from delegation.language.assemble import load_plan; "
        "from delegation.engine.registry import builtin_rules_dir; import os; "
        "[load_plan(os.path.join(builtin_rules_dir(), f'plan_{p}.dlg')) for p in 'abc']; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'lark'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "text",
    [
        "case c { rule { inform raadbefore } }",  # a name is never cut short for a keyword to follow
        'case c { rule { inform xperiodic "årligt" by mail } }',
        "case c { rule { decidesraad } }",  # where no name may stand, the lexer cuts "decides" off
        "case c { rule { decides raad basis lovbestemtx } }",
        'case c { section s2x1 category k title"A" }',
        "body b { kind committeex }",
        "plan P { date 2025-04-081 }",
        "case c { rule when amount > ١ { decides raad } }",  # another script's digit
    ],
)
def test_a_keyword_glued_to_a_word_is_read_as_the_lexer_reads_it_or_declined(text):
    read, tables = _both(text)
    assert read is None or read == tables
    if tables is None:
        assert read is None
