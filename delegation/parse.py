"""Parse one rules file into model objects and directives; the one place Lark errors are converted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Transformer
from lark.exceptions import (UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken,
                             VisitError)

from . import grammar
from .errors import DslSyntaxError, did_you_mean, problem_at
from .model import (AllOf, AnyOf, Between, Body, CaseType, Category, Citation, Compare, Example,
                    Fact, Inform, Quantity, Rule, Section, Span)
from .numbers import MULTIPLIERS, parse_number


@dataclass(frozen=True)
class PlanHeader:
    id: str
    extends: str | None
    fields: dict[str, str]
    span: Span


@dataclass(frozen=True)
class Include:
    path: str
    span: Span


@dataclass(frozen=True)
class Override:
    case: CaseType


@dataclass(frozen=True)
class Remove:
    case_id: str
    span: Span


@dataclass(frozen=True)
class PreamblePart:
    default: str | None
    caveats: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Repeated:
    """A field given twice where once is allowed; reported by validation, not here."""

    what: str
    span: Span


@dataclass
class ParsedFile:
    path: str
    text: str
    items: list = field(default_factory=list)
    repeated: list[Repeated] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)


def _text(token: Token) -> str:
    """A STRING token's content, unescaped, with PDF line breaks folded into single spaces."""
    raw = token[1:-1]
    raw = re.sub(r"\\(.)", r"\1", raw)
    return " ".join(raw.split())


class _Build(Transformer):
    """Turns the parse tree into model objects; method names are the grammar's rule names."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.repeated: list[Repeated] = []

    def _call_userfunc(self, tree, new_children=None):
        # Every rule method takes (meta, children). Calling it directly, instead of through
        # lark's v_args wrapper (rebuilt on every node), makes parsing a plan a fifth faster.
        method = getattr(self, tree.data, None)
        children = tree.children if new_children is None else new_children
        if method is None:
            return self.__default__(tree.data, children, tree.meta)
        try:
            return method(tree.meta, children)
        except Exception as error:   # reported with its location by parse_text, as lark would
            raise VisitError(tree.data, tree, error) from error

    def _span(self, meta) -> Span:
        return Span(file=self.path, line=getattr(meta, "line", 0), column=getattr(meta, "column", 0))

    def _fields(self, children, single: set[str], owner: str):
        """Group (name, value, span) children; single-valued fields keep the first, note repeats."""
        values: dict[str, object] = {}
        lists: dict[str, list] = {}
        for name, value, span in children:
            if name in single:
                if name in values:
                    self.repeated.append(Repeated(f"{owner}: '{name}'", span))
                    continue
                values[name] = value
            else:
                lists.setdefault(name, []).extend(value if isinstance(value, list) else [value])
        return values, lists

    # plan metadata
    def plan(self, meta, children):
        name, *rest = children
        extends = None
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "extends":
            extends = rest.pop(0)[1]
        values, _ = self._fields(rest, {"title", "date", "source", "document", "municipality"},
                                 f"plan {name}")
        return PlanHeader(str(name), extends, values, self._span(meta))

    def extends(self, meta, children):
        return ("extends", _text(children[0]), self._span(meta))

    def _field(name, convert=_text):  # noqa: N805 - a factory used in the class body
        def method(self, meta, children):
            return (name, convert(children[0]), self._span(meta))
        return method

    plan_title = _field("title")
    plan_date = _field("date", str)
    plan_source = _field("source")
    plan_document = _field("document")
    plan_municipality = _field("municipality")

    def include(self, meta, children):
        return Include(_text(children[0]), self._span(meta))

    # bodies
    body_name = _field("name")
    body_short = _field("short")
    body_kind = _field("kind", str)
    body_head = _field("head")
    body_committee = _field("committee", str)
    body_area = _field("areas")

    def body_alias(self, meta, children):
        return ("aliases", [_text(c) for c in children], self._span(meta))

    def body_relative(self, meta, children):
        return ("relative", True, self._span(meta))

    def body_delegates(self, meta, children):
        return ("delegates_to", [str(c) for c in children], self._span(meta))

    def body(self, meta, children):
        name, *rest = children
        values, lists = self._fields(
            rest, {"name", "short", "kind", "head", "committee", "relative"}, f"body {name}")
        return Body(id=str(name), name=values.get("name", ""), kind=values.get("kind", "group"),
                    short=values.get("short"), head=values.get("head"),
                    committee=values.get("committee"), relative=values.get("relative", False),
                    areas=tuple(lists.get("areas", ())), aliases=tuple(lists.get("aliases", ())),
                    delegates_to=tuple(lists.get("delegates_to", ())), span=self._span(meta))

    # facts, sections, categories, preamble
    def fact(self, meta, children):
        name, label, *rest = children
        unit = next((value for kind, value in rest if kind == "unit"), None)
        integer = any(kind == "integer" for kind, _ in rest)
        return Fact(id=str(name), label=_text(label), unit=unit, integer=integer,
                    span=self._span(meta))

    def fact_unit(self, meta, children):
        return ("unit", _text(children[0]))

    def fact_integer(self, meta, children):
        return ("integer", True)

    def section(self, meta, children):
        name, title, owner = children
        return Section(id=str(name), title=_text(title), owner=str(owner), span=self._span(meta))

    def category(self, meta, children):
        name, title = children
        return Category(id=str(name), title=_text(title), span=self._span(meta))

    preamble_default = _field("default")
    preamble_caveat = _field("caveat")

    def preamble(self, meta, children):
        values, lists = self._fields(children, {"default"}, "preamble")
        return PreamblePart(values.get("default"), tuple(lists.get("caveat", ())), self._span(meta))

    # case types
    case_title = _field("title")
    case_section = _field("section", str)
    case_category = _field("category", str)
    case_department = _field("department", str)

    def case_alias(self, meta, children):
        return ("aliases", [_text(c) for c in children], self._span(meta))

    def case_kle(self, meta, children):
        return ("kle", [_text(c) for c in children], self._span(meta))

    def case(self, meta, children):
        name, *rest = children
        case_id = str(name)
        rules = [child for child in rest if isinstance(child, Rule)]
        values, lists = self._fields(
            [child for child in rest if not isinstance(child, Rule)],
            {"title", "section", "category", "department"}, f"case {case_id}")
        numbered = tuple(
            rule if rule.id else rule.model_copy(update={"id": f"{case_id}.{index}"})
            for index, rule in enumerate(rules, start=1))
        return CaseType(id=case_id, title=values.get("title", ""),
                        aliases=tuple(lists.get("aliases", ())), section=values.get("section"),
                        category=values.get("category"), department=values.get("department"),
                        kle=tuple(lists.get("kle", ())), rules=numbered, span=self._span(meta))

    def override(self, meta, children):
        return Override(children[0])

    def remove(self, meta, children):
        return Remove(str(children[0]), self._span(meta))

    # rules
    def rule(self, meta, children):
        rule_id = ""
        if children and isinstance(children[0], Token):
            rule_id = str(children.pop(0))
        condition = None
        if children and isinstance(children[0], tuple) and children[0][0] == "when":
            condition = children.pop(0)[1]
        values, lists = self._fields(children, {"decides", "basis", "note"}, "rule")
        body_spans: dict[str, Span] = {}
        for name, value, span in children:
            if name in ("decides", "involve", "recommends", "inform"):
                for body in (value if isinstance(value, list) else [value]):
                    body_spans.setdefault(body.body if isinstance(body, Inform) else body, span)
        return Rule(body_spans=body_spans, id=rule_id, when=condition, decides=values.get("decides"),
                    basis=values.get("basis"), inform=tuple(lists.get("inform", ())),
                    involve=tuple(lists.get("involve", ())),
                    recommends=tuple(lists.get("recommends", ())), note=values.get("note"),
                    citations=tuple(lists.get("cite", ())), span=self._span(meta))

    def when(self, meta, children):
        return ("when", children[0], self._span(meta))

    decides = _field("decides", str)
    basis = _field("basis", str)
    note = _field("note")

    def inform(self, meta, children):
        body, when, *channel = children
        return ("inform", Inform(body=str(body), when=str(when),
                                 channel=channel[0] if channel else "unspecified"),
                self._span(meta))

    def channel(self, meta, children):
        return str(children[0])

    def involve(self, meta, children):
        return ("involve", [str(c) for c in children], self._span(meta))

    def recommends(self, meta, children):
        return ("recommends", [str(c) for c in children], self._span(meta))

    def cite(self, meta, children):
        *path, text = (_text(c) for c in children)
        return ("cite", Citation(path=tuple(path), text=text, span=self._span(meta)),
                self._span(meta))

    # examples (rule tests)
    def example(self, meta, children):
        name, *rest = children
        facts: dict[str, Quantity] = {}
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "given":
            facts = rest.pop(0)[1]
        values, lists = self._fields(rest, {"department", "decides", "basis"}, f"example {name}")
        return Example(case=str(name), facts=facts, department=values.get("department"),
                       decides=values.get("decides"), basis=values.get("basis"),
                       inform=tuple(lists.get("inform", ())), involve=tuple(lists.get("involve", ())),
                       recommends=tuple(lists.get("recommends", ())),
                       citations=tuple(lists.get("cite", ())), span=self._span(meta))

    def given(self, meta, children):
        facts: dict[str, Quantity] = {}
        for name, quantity in children:
            if name in facts:
                self.repeated.append(Repeated(f"given: '{name}'", quantity.span))
                continue
            facts[name] = quantity
        return ("given", facts, self._span(meta))

    def fact_value(self, meta, children):
        name, quantity = children
        return (str(name), quantity)

    def example_basis(self, meta, children):
        return ("basis", str(children[1]), self._span(meta))

    def example_cite(self, meta, children):
        *path, text = (_text(c) for c in children)
        return ("cite", Citation(path=tuple(path), text=text, span=self._span(meta)),
                self._span(meta))

    # conditions
    def compare(self, meta, children):
        fact, op, quantity = children
        return Compare(fact=str(fact), op=str(op), value=quantity, span=self._span(meta))

    def between(self, meta, children):
        fact, low, high = children
        return Between(fact=str(fact), low=low, high=high, span=self._span(meta))

    def all_of(self, meta, children):
        return AllOf(items=tuple(children), span=self._span(meta))

    def any_of(self, meta, children):
        return AnyOf(items=tuple(children), span=self._span(meta))

    def quantity(self, meta, children):
        number, *rest = children
        value = parse_number(str(number))
        unit = None
        for token in rest:
            if token.type == "MULTIPLIER":
                value *= MULTIPLIERS[str(token)]
            else:
                unit = str(token)
        return Quantity(value=value, unit=unit, span=self._span(meta))

    def start(self, meta, children):
        return children


_FRIENDLY = {
    "NAME": "a name (letters, digits, _)",
    "STRING": 'a quoted string ("...")',
    "NUMBER": "a number (500.000, 2 mio.)",
    "DATE": "a date (YYYY-MM-DD)",
    "COMPARATOR": "a comparison (>, >=, <, <=)",
    "MULTIPLIER": "mio. or mia.",
    "UNIT": "a unit (kr.)",
    "$END": "the end of the file",
}


def _words(terminal_name: str) -> list[str]:
    """The literal words a terminal accepts: its string, or the alternatives of an enumeration."""
    term = grammar.parser().get_terminal(terminal_name)
    pattern = term.pattern
    if pattern.type == "str":
        return [pattern.value]
    inner = pattern.value
    if inner.startswith("(?:") and inner.endswith(")"):
        inner = inner[3:-1]
    parts = inner.split("|")
    if all(re.fullmatch(r"[a-z]+", part) for part in parts):
        return parts
    return []


def _describe(expected: set[str]) -> tuple[str, list[str]]:
    names: list[str] = []
    words: list[str] = []
    for name in expected:
        if name in _FRIENDLY:
            names.append(_FRIENDLY[name])
            continue
        literal = sorted(_words(name))
        words.extend(literal)
        names.append(" or ".join(f"'{w}'" for w in literal) if literal else name)
    return ", ".join(sorted(names, key=lambda n: n.strip("'").lower())), words


def _convert(error: UnexpectedInput, path: str, text: str) -> DslSyntaxError:
    line, column = getattr(error, "line", 0) or 0, getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        line, column = len(text.splitlines()) or 1, 1
    expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    described, words = _describe(expected)
    if isinstance(error, UnexpectedCharacters):
        found = repr(text[error.pos_in_stream]) if error.pos_in_stream < len(text) else "end"
        message = f"unexpected character {found}"
        found_text = text[error.pos_in_stream:].split(None, 1)[0] if error.pos_in_stream < len(text) else ""
    elif isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken)
                                              and error.token.type == "$END"):
        message = "unexpected end of file"
        found_text = ""
    else:
        found_text = str(error.token)
        message = f"unexpected {found_text!r}"
    hint = None
    if isinstance(error, UnexpectedCharacters) and text[error.pos_in_stream:].startswith('"'):
        hint = 'is a string not closed? every " needs a closing "'
    elif found_text:
        hint = did_you_mean(found_text.strip('"'), words)
    if hint is None and "RBRACE" in expected and isinstance(error, (UnexpectedEOF, UnexpectedToken)):
        hint = "is a closing '}' missing?"
    if described:
        message += f"; expected {described}"
    return DslSyntaxError(problem_at(message, path, text, line, column, hint, code="DLG001"))


def parse_text(text: str, path: str = "<string>") -> ParsedFile:
    """Parse rules text; raises DslSyntaxError with file:line:col, source line and hint."""
    try:
        tree = grammar.parser().parse(text)
    except UnexpectedInput as error:
        raise _convert(error, path, text) from None
    builder = _Build(path)
    try:
        items = builder.transform(tree)
    except VisitError as error:  # a value the grammar admits but the model cannot hold
        meta = getattr(error.obj, "meta", None)
        line, column = getattr(meta, "line", 0), getattr(meta, "column", 0)
        raise DslSyntaxError(problem_at(f"cannot read this {error.rule or 'construct'}: {error.orig_exc}",
                                        path, text, line, column, code="DLG001")) from None
    # Examples are rule tests, not part of the plan: kept apart so the loader never sees them.
    examples = [item for item in items if isinstance(item, Example)]
    rules = [item for item in items if not isinstance(item, Example)]
    return ParsedFile(path=path, text=text, items=rules, repeated=builder.repeated, examples=examples)
