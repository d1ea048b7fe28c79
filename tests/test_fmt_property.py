"""Properties of `fmt`: fmt(fmt(x)) == fmt(x) and parse(fmt(x)) == parse(x) (ignoring positions),
for every rules file in the repository and for random valid files with random layout and comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delegation import DelegationError
from delegation.language.fmt import format_text, meaning
from delegation.language.lexer import DECLARATIONS, FIELDS, OPERATOR_WORDS, VALUES
from delegation.language.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("rules/*.dlg"), *ROOT.glob("tests/**/*.dlg")])


def _parses(path: Path) -> bool:
    try:
        parse_text(path.read_text(encoding="utf-8"))
    except DelegationError:
        return False
    return True


@pytest.mark.parametrize("path", [p for p in FILES if _parses(p)], ids=lambda p: str(p.relative_to(ROOT)))
def test_rules_files(path):
    source = path.read_text(encoding="utf-8")
    once = format_text(source)
    assert format_text(once) == once
    assert meaning(parse_text(once)) == meaning(parse_text(source))


# --- random valid files ---------------------------------------------------------------------------

KEYWORDS = {*DECLARATIONS, *FIELDS, *VALUES, *OPERATOR_WORDS, "mio", "mia"}
names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda n: n not in KEYWORDS)
words = st.from_regex(r'[A-Za-zÆØÅæøå0-9.,()\-–]{1,9}|\\"|\\\\', fullmatch=True)
gaps = st.sampled_from([" ", "  ", "\t", "\n", "\n\n  ", "\n\n\n", " \r\n "])
comment_text = st.from_regex(r"[ A-Za-zæøå0-9#\"{}.:-]{0,20}", fullmatch=True)


@st.composite
def strings(draw) -> str:
    parts = draw(st.lists(st.tuples(words, gaps), max_size=6))
    lead = draw(st.sampled_from(["", " ", "\n  "]))
    return '"' + lead + "".join(word + gap for word, gap in parts) + '"'


@st.composite
def quantity(draw) -> list[str]:
    number = draw(st.sampled_from(["0", "5", "25", "500.000", "1,5", "250000", "2.500.000,75"]))
    tokens = [number]
    if draw(st.booleans()):
        tokens.append(draw(st.sampled_from(["mio.", "mia."])))
    if draw(st.booleans()):
        tokens.append(draw(st.sampled_from(["kr.", "personer"])))
    return tokens


def conditions(depth: int = 2):
    compare = st.tuples(names, st.sampled_from([">", ">=", "<", "<="]), quantity()).map(
        lambda t: [t[0], t[1], *t[2]]
    )
    between = st.tuples(names, quantity(), quantity()).map(lambda t: [t[0], "in", *t[1], "..", *t[2]])
    atom = compare | between
    if depth == 0:
        return atom
    inner = conditions(depth - 1)
    grouped = inner.map(lambda c: ["(", *c, ")"])
    joined = st.tuples(atom | grouped, st.sampled_from(["and", "or"]), atom | grouped).map(
        lambda t: [*t[0], t[1], *t[2]]
    )
    return atom | joined


def cite(optional_path: bool = False):
    path = st.lists(strings(), min_size=0 if optional_path else 1, max_size=3)
    return st.tuples(path, strings()).map(
        lambda t: ["cite", *sum(([s, ">"] for s in t[0]), [])[:-1], *([":"] if t[0] else []), t[1]]
    )


rule_fields = st.one_of(
    st.tuples(st.just("decides"), names).map(list),
    st.tuples(st.just("basis"), st.sampled_from(["lovbestemt", "praksis", "procedurekrav"])).map(list),
    st.tuples(
        names,
        st.sampled_from(["before", "after", "periodic"]),
        st.sampled_from([[], ["by", "mail"], ["by", "meeting"]]),
    ).map(lambda t: ["inform", t[0], t[1], *t[2]]),
    st.lists(names, min_size=1, max_size=3).map(lambda n: ["involve", *n]),
    st.tuples(st.just("note"), strings()).map(list),
    cite(),
)


@st.composite
def rule(draw) -> list[str]:
    tokens = ["rule"]
    if draw(st.booleans()):
        tokens.append(draw(names))
    if draw(st.booleans()):
        tokens += ["when", *draw(conditions())]
    return [*tokens, "{", *sum(draw(st.lists(rule_fields, max_size=4)), []), "}"]


@st.composite
def case(draw) -> list[str]:
    fields = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("title"), strings()).map(list),
                st.lists(strings(), min_size=1, max_size=3).map(lambda s: ["alias", *s]),
                st.tuples(st.sampled_from(["section", "category", "department"]), names).map(list),
                rule(),
            ),
            max_size=4,
        )
    )
    head = draw(st.sampled_from([["case"], ["override", "case"]]))
    return [*head, draw(names), "{", *sum(fields, []), "}"]


@st.composite
def example(draw) -> list[str]:
    tokens = ["example", draw(names)]
    given_facts = draw(st.lists(st.tuples(names, quantity()), max_size=3))
    if given_facts:
        tokens.append("given")
        for index, (fact, amount) in enumerate(given_facts):
            tokens += (["and"] if index else []) + [fact, *amount]
    fields = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("basis"), st.sampled_from(["default", "praksis"])).map(list),
                st.tuples(st.sampled_from(["decides", "department"]), names).map(list),
                cite(optional_path=True),
            ),
            max_size=3,
        )
    )
    return [*tokens, "{", *sum(fields, []), "}"]


items = st.one_of(
    case(),
    example(),
    st.tuples(names, strings(), st.booleans(), st.booleans()).map(
        lambda t: ["fact", t[0], t[1], *(["unit", '"kr."'] if t[2] else []), *(["integer"] if t[3] else [])]
    ),
    st.tuples(names, strings(), names).map(lambda t: ["section", t[0], t[1], "owner", t[2]]),
    st.tuples(names, strings()).map(lambda t: ["category", *t]),
    st.tuples(names, strings(), st.sampled_from(["council", "committee"])).map(
        lambda t: ["body", t[0], "{", "name", t[1], "kind", t[2], "}"]
    ),
    names.map(lambda n: ["remove", "case", n]),
    strings().map(lambda s: ["include", s]),
)


@st.composite
def rules_files(draw) -> str:
    tokens = sum(draw(st.lists(items, min_size=1, max_size=5)), [])
    out = []
    for token in tokens:
        out.append(token)
        gap = draw(gaps)
        if draw(st.integers(0, 5)) == 0:
            gap = f"{gap}#{draw(comment_text)}\n{draw(gaps)}"
        out.append(gap)
    return draw(gaps) + "".join(out)


@settings(max_examples=150, deadline=None)
@given(rules_files())
def test_random_files(source):
    once = format_text(source)
    assert format_text(once) == once
    assert meaning(parse_text(once)) == meaning(parse_text(source))
    comments = source.count("#") - sum(s.count("#") for s in _strings(source))
    assert once.count("#") - sum(s.count("#") for s in _strings(once)) == comments


def _strings(text: str) -> list[str]:
    """The string literals and comments' own quotes aside, the text inside double quotes."""
    found, inside, current, index = [], False, [], 0
    while index < len(text):
        char = text[index]
        if not inside and char == "#":
            end = text.find("\n", index)
            index = len(text) if end == -1 else end
            continue
        if char == "\\" and inside:
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == '"':
            if inside:
                found.append("".join(current))
                current = []
            inside = not inside
        elif inside:
            current.append(char)
        index += 1
    return found
