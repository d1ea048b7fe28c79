"""Model objects and directives from the parser's reductions: a method per grammar rule."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Set
from typing import TYPE_CHECKING, Any, Literal, cast

from ..errors import Refusal
from ..messages import Message
from ..model import (
    AllOf,
    AnyOf,
    Basis,
    Between,
    Body,
    BodyKind,
    CaseType,
    Category,
    Channel,
    Citation,
    Compare,
    Example,
    Fact,
    Inform,
    PlanStatus,
    Quantity,
    Rule,
    Section,
    Span,
    Thesaurus,
    When,
)
from ..numbers import MAX_QUANTITY, MULTIPLIERS, parse_number, scaled
from .directives import Include, Override, PlanHeader, PreamblePart, Remove, Repeated
from .tokens import Lexeme

if TYPE_CHECKING:
    from typing import TypeAlias


if TYPE_CHECKING:
    # A block's field as its field rule builds it: (name, value, keyword token).
    _Entry: TypeAlias = tuple[str, Any, Lexeme]


def _text(token: str) -> str:
    """A STRING token's content, unescaped, with PDF line breaks folded into single spaces."""
    raw = token[1:-1]
    if "\\" in raw:
        raw = re.sub(r"\\(.)", r"\1", raw)
    return " ".join(raw.split())


def _condition(token: str) -> str:
    """The plan's condition after an 'if': its words, never none ("if \"\"" would be answered as
    no condition while the JSON and a diff said there was one)."""
    condition = _text(token)
    if not condition:
        raise Refusal(Message("parse.empty_condition"))
    return condition


def _decided(value: str | tuple[str, str] | None) -> tuple[str | None, str | None]:
    """A `decides` field's body and the plan's condition for it (Builder.decides)."""
    return value if isinstance(value, tuple) else (value, None)


class _RuleDraft(dict[str, Any]):
    """A rule's fields as read; its case builds the Rule, numbering it when it has no name."""


def body_of(body_id: str, values: dict[str, Any], lists: dict[str, list[Any]], span: Span) -> Body:
    """A body from its fields as read (`values`: the single ones; `lists`: areas, aliases,
    delegates_to), with the defaults of those not written; the builder's and the direct reader's."""
    return Body(
        id=body_id,
        name=values.get("name", ""),
        kind=values.get("kind", BodyKind.group),
        short=values.get("short"),
        head=values.get("head"),
        committee=values.get("committee"),
        relative=values.get("relative", False),
        areas=tuple(lists.get("areas", ())),
        aliases=tuple(lists.get("aliases", ())),
        delegates_to=tuple(lists.get("delegates_to", ())),
        span=span,
    )


def _strings(children: list[Any]) -> list[str]:
    return [_text(child) for child in children if type(child) is Lexeme and child.type == "STRING"]


def _entries(children: list[Any]) -> list[Any]:
    """The fields of a block (the tuples and objects the field rules built), keywords left out."""
    return [child for child in children if type(child) is not Lexeme]


# A case type's fields that name something elsewhere in the plan, as validation checks them.
_CASE_REFERENCES = ("section", "category", "department", "kle", "formerly")

MAX_NESTING = 32  # and/or groups inside one another
# Terms of one and/or group: a plan's conditions have a handful, and 20.000 "and"s in one rule took
# `delegation fmt` 12 s (its layout of the group is not linear).
MAX_TERMS = 64
# The fields a plan header and a body take once (a second is a Repeated), as the direct reader
# takes them too.
PLAN_SINGLE = frozenset(
    {"extends", "title", "date", "source", "document", "municipality", "status", "in_force", "adoption"}
)
BODY_SINGLE = frozenset({"name", "short", "kind", "head", "committee", "relative"})
MAX_DIGITS = 30  # characters of a number read (1.000.000.000.000.000.000 is 25)


class Builder:
    """Builds model objects as the parser reduces; method names are the grammar's rule names.

    Each method gets all of its rule's tokens, keywords included (the grammar is parsed with
    keep_all_tokens), so a construct's position is that of its first token.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.repeated: list[Repeated] = []
        # Where a case type's or a body's references are written, (kind, id, field or
        # "field=value") -> keyword:
        # validation points at the line naming an unknown section, not at the block's first line.
        # Tokens, not Spans: a Span is worked out only for a reference that is wrong.
        self.places: dict[tuple[str, str, str], Lexeme] = {}
        self._depth: dict[int, int] = {}  # and/or groups: how deep each one nests

    def _span(self, first: Any) -> Span:
        """Where a construct starts: its first token, or the start of its first part."""
        if type(first) is Lexeme:
            return Span(self.path, *first.position)
        return cast(Span, first.span)

    def _fields(
        self, children: list[_Entry], single: Set[str], owner: str
    ) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """Group (name, value, keyword) entries; single-valued fields keep the first, note repeats.

        An entry carries its keyword token, not a Span: most fields never need their position,
        and a Span is a model object to build.
        """
        values: dict[str, Any] = {}  # to the models, which validate them
        lists: dict[str, list[Any]] = {}
        for name, value, keyword in children:
            if name in single:
                if name in values:
                    self.repeated.append(Repeated(f"{owner}: '{name}'", self._span(keyword)))
                    continue
                values[name] = value
            else:
                lists.setdefault(name, []).extend(value if isinstance(value, list) else [value])
        return values, lists

    def _place(self, kind: str, owner: str, entries: list[Any], fields: tuple[str, ...]) -> None:
        """Keep where each of `fields` is written, and each value of a listing field ("kle",
        "formerly", "delegates_to") as "field=value": a wrong one is reported on its own line."""
        for entry in entries:
            if type(entry) is tuple and entry[0] in fields:
                name, value, keyword = entry
                self.places.setdefault((kind, owner, name), keyword)
                if type(value) is list:
                    for item in value:
                        self.places.setdefault((kind, owner, f"{name}={item}"), keyword)

    # plan metadata
    def plan(self, children: list[Any]) -> PlanHeader:
        name = str(children[1])
        values, _ = self._fields(
            _entries(children[2:]),
            PLAN_SINGLE,
            f"plan {name}",
        )
        extends = values.pop("extends", None)
        return PlanHeader(name, extends, values, self._span(children[0]))

    def _field(  # type: ignore[misc]  # noqa: N805 - a factory used in the class body
        name: str, convert: Callable[[Lexeme], object] = _text
    ) -> Callable[[Builder, list[Any]], _Entry]:
        def method(self: Builder, children: list[Any]) -> _Entry:
            return (name, convert(children[1]), children[0])

        return method

    extends = _field("extends")
    plan_title = _field("title")
    plan_date = _field("date", str)
    plan_source = _field("source")
    plan_document = _field("document")
    plan_municipality = _field("municipality")
    plan_status = _field("status", lambda word: PlanStatus(str(word)))

    def plan_in_force(self, children: list[Any]) -> _Entry:
        until = str(children[3]) if len(children) > 3 else None
        return ("in_force", (str(children[2]), until), children[0])

    def in_force_until(self, children: list[Any]) -> str:
        return str(children[1])

    def plan_adoption(self, children: list[Any]) -> _Entry:
        return ("adoption", (str(children[1]), _text(children[3]), _text(children[5])), children[0])

    def include(self, children: list[Any]) -> Include:
        return Include(_text(children[1]), self._span(children[0]))

    # bodies
    body_name = _field("name")
    body_short = _field("short")
    body_kind = _field("kind", lambda word: BodyKind(str(word)))
    body_head = _field("head")
    body_committee = _field("committee", str)
    body_area = _field("areas")

    def body_alias(self, children: list[Any]) -> _Entry:
        return ("aliases", _strings(children), children[0])

    def body_relative(self, children: list[Any]) -> _Entry:
        return ("relative", True, children[0])

    def body_delegates(self, children: list[Any]) -> _Entry:
        return ("delegates_to", [str(c) for c in children[2:]], children[0])

    def body(self, children: list[Any]) -> Body:
        name = str(children[1])
        entries = _entries(children[2:])
        values, lists = self._fields(entries, BODY_SINGLE, f"body {name}")
        self._place("body", name, entries, ("committee", "delegates_to"))
        return body_of(name, values, lists, self._span(children[0]))

    # facts, sections, categories, preamble
    def fact(self, children: list[Any]) -> Fact:
        _, name, label, *rest = children
        unit = next((value for kind, value in rest if kind == "unit"), None)
        integer = any(kind == "integer" for kind, _ in rest)
        return Fact(
            id=str(name), label=_text(label), unit=unit, integer=integer, span=self._span(children[0])
        )

    def fact_unit(self, children: list[Any]) -> tuple[str, str]:
        return ("unit", _text(children[1]))

    def fact_integer(self, children: list[Any]) -> tuple[str, bool]:
        return ("integer", True)

    def section(self, children: list[Any]) -> Section:
        _, name, title, _, owner = children
        return Section(id=str(name), title=_text(title), owner=str(owner), span=self._span(children[0]))

    def category(self, children: list[Any]) -> Category:
        _, name, title = children
        return Category(id=str(name), title=_text(title), span=self._span(children[0]))

    preamble_default = _field("default")
    preamble_caveat = _field("caveat")

    def preamble(self, children: list[Any]) -> PreamblePart:
        values, lists = self._fields(_entries(children), {"default"}, "preamble")
        return PreamblePart(values.get("default"), tuple(lists.get("caveat", ())), self._span(children[0]))

    # case types
    case_title = _field("title")
    case_section = _field("section", str)
    case_category = _field("category", str)
    case_department = _field("department", str)

    def case_alias(self, children: list[Any]) -> _Entry:
        return ("aliases", _strings(children), children[0])

    def case_kle(self, children: list[Any]) -> _Entry:
        return ("kle", _strings(children), children[0])

    def case_formerly(self, children: list[Any]) -> _Entry:
        return ("formerly", [str(c) for c in children[1:]], children[0])

    # the thesaurus
    def thesaurus_synonyms(self, children: list[Any]) -> _Entry:
        return ("synonyms", [tuple(_strings(children))], children[0])

    def thesaurus_ignore(self, children: list[Any]) -> _Entry:
        return ("ignore", _strings(children), children[0])

    def thesaurus_distinct(self, children: list[Any]) -> _Entry:
        return ("distinct", [tuple(_strings(children))], children[0])

    def thesaurus(self, children: list[Any]) -> Thesaurus:
        _, lists = self._fields(_entries(children), set(), "thesaurus")
        return Thesaurus(
            synonyms=tuple(lists.get("synonyms", ())),
            ignore=tuple(lists.get("ignore", ())),
            distinct=tuple(lists.get("distinct", ())),
        )

    def case(self, children: list[Any]) -> CaseType:
        case_id = str(children[1])
        entries = _entries(children[2:])
        drafts = [entry for entry in entries if type(entry) is _RuleDraft]
        values, lists = self._fields(
            [entry for entry in entries if type(entry) is not _RuleDraft],
            {"title", "section", "category", "department"},
            f"case {case_id}",
        )
        self._place("case", case_id, entries, _CASE_REFERENCES)
        numbered = tuple(
            Rule(id=draft.pop("id") or f"{case_id}.{index}", **draft)
            for index, draft in enumerate(drafts, start=1)
        )
        return CaseType(
            id=case_id,
            title=values.get("title", ""),
            aliases=tuple(lists.get("aliases", ())),
            section=values.get("section"),
            category=values.get("category"),
            department=values.get("department"),
            kle=tuple(lists.get("kle", ())),
            formerly=tuple(lists.get("formerly", ())),
            rules=numbered,
            span=self._span(children[0]),
        )

    def override(self, children: list[Any]) -> Override:
        return Override(children[1])

    def remove(self, children: list[Any]) -> Remove:
        return Remove(str(children[2]), self._span(children[0]))

    # rules
    def rule(self, children: list[Any]) -> _RuleDraft:
        second = children[1]
        rule_id = str(second) if type(second) is Lexeme and second.type == "NAME" else ""
        entries = _entries(children)
        condition = None
        if entries and entries[0][0] == "when":
            condition = entries.pop(0)[1]
        values, lists = self._fields(entries, {"decides", "basis", "note"}, "rule")
        conditional = lists.get("involve_if", [])
        if conditional and (len(conditional) > 1 or lists.get("involve")):
            # One condition per rule, for all its involved bodies: a second one, or a plain
            # involvement beside it, would be reported under the wrong condition.
            raise Refusal(Message("parse.involve_if"))
        decides, decides_if = _decided(values.get("decides"))
        body_spans: dict[str, Span] = {}
        for name, value, keyword in entries:
            if name == "involve_if":
                name, value = "involve", value[0]
            elif name == "decides":
                value = _decided(value)[0]
            if name in ("decides", "involve", "recommends", "inform"):
                span = self._span(keyword)
                for body in value if isinstance(value, list) else [value]:
                    body_spans.setdefault(body.body if isinstance(body, Inform) else body, span)
        return _RuleDraft(
            body_spans=body_spans,
            id=rule_id,
            when=condition,
            decides=decides,
            decides_if=decides_if,
            basis=values.get("basis"),
            inform=tuple(lists.get("inform", ())),
            involve=(*lists.get("involve", ()), *(body for names, _ in conditional for body in names)),
            involve_if=conditional[0][1] if conditional else None,
            recommends=tuple(lists.get("recommends", ())),
            note=values.get("note"),
            citations=tuple(lists.get("cite", ())),
            span=self._span(children[0]),
        )

    def when(self, children: list[Any]) -> _Entry:
        return ("when", _entries(children)[0], children[0])

    def decides(self, children: list[Any]) -> _Entry:
        condition = next((c[1] for c in children[2:] if type(c) is tuple), None)
        # "decides <body> if \"...\"": only when the plan's condition holds
        return (
            "decides",
            str(children[1]) if condition is None else (str(children[1]), condition),
            children[0],
        )

    def decides_if(self, children: list[Any]) -> tuple[str, str]:
        return ("if", _condition(children[1]))

    basis = _field("basis", lambda word: Basis(str(word)))
    note = _field("note")

    def inform(self, children: list[Any]) -> _Entry:
        _, body, when, *rest = children
        frequency = _strings(rest)
        channel = [item for item in rest if type(item) is str]
        return (
            "inform",
            Inform(
                body=str(body),
                when=When(str(when)),
                channel=Channel(channel[0]) if channel else Channel.unspecified,
                frequency=frequency[0] if frequency else None,
            ),
            children[0],
        )

    def channel(self, children: list[Any]) -> str:
        return str(children[1])

    def involve(self, children: list[Any]) -> _Entry:
        names = [str(c) for c in children[1:] if type(c) is Lexeme]
        condition = next((c[1] for c in children[1:] if type(c) is tuple), None)
        if condition is not None:  # "involve ba if \"...\"": only when the plan's condition holds
            return ("involve_if", (names, condition), children[0])
        return ("involve", names, children[0])

    def involve_if(self, children: list[Any]) -> tuple[str, str]:
        return ("if", _condition(children[1]))

    def recommends(self, children: list[Any]) -> _Entry:
        return ("recommends", [str(c) for c in children[1:]], children[0])

    def cite(self, children: list[Any]) -> _Entry:
        *path, text = _strings(children)
        return ("cite", Citation(path=tuple(path), text=text, span=self._span(children[0])), children[0])

    # examples (rule tests)
    def example(self, children: list[Any]) -> Example:
        name = str(children[1])
        entries = _entries(children[2:])
        facts: dict[str, Quantity] = {}
        if entries and entries[0][0] == "given":
            facts = entries.pop(0)[1]
        values, lists = self._fields(entries, {"department", "decides", "basis"}, f"example {name}")
        decides, condition = _decided(values.get("decides"))
        if condition is not None:  # an example says who decides, given facts: the rule has the condition
            raise Refusal(Message("parse.example_condition"))
        return Example(
            case=name,
            facts=facts,
            department=values.get("department"),
            decides=decides,
            basis=values.get("basis"),
            inform=tuple(lists.get("inform", ())),
            involve=(
                *lists.get("involve", ()),
                *(body for names, _ in lists.get("involve_if", ()) for body in names),
            ),
            recommends=tuple(lists.get("recommends", ())),
            citations=tuple(lists.get("cite", ())),
            span=self._span(children[0]),
        )

    def given(self, children: list[Any]) -> _Entry:
        facts: dict[str, Quantity] = {}
        for name, quantity in _entries(children):
            if name in facts:
                self.repeated.append(Repeated(f"given: '{name}'", quantity.span))
                continue
            facts[name] = quantity
        return ("given", facts, children[0])

    def fact_value(self, children: list[Any]) -> tuple[str, Quantity]:
        name, quantity = children
        return (str(name), quantity)

    def example_basis(self, children: list[Any]) -> _Entry:
        return ("basis", Basis(str(children[1])), children[0])

    example_cite = cite

    # conditions
    def compare(self, children: list[Any]) -> Compare:
        fact, op, quantity = children
        return Compare(
            fact=str(fact),
            op=cast('Literal[">", ">=", "<", "<="]', str(op)),
            value=quantity,
            span=self._span(fact),
        )

    def between(self, children: list[Any]) -> Between:
        fact, _, low, _, high = children
        return Between(fact=str(fact), low=low, high=high, span=self._span(fact))

    def _nested(self, kind: type[AllOf] | type[AnyOf], children: list[Any]) -> AllOf | AnyOf:
        """An and/or group, at most MAX_NESTING groups deep: every later stage walks conditions
        recursively, and a plan is read by people, who do not nest conditions forty deep."""
        items = tuple(_entries(children))
        if len(items) > MAX_TERMS:
            raise Refusal(Message("parse.terms", limit=MAX_TERMS))
        depth = 1 + max((self._depth.get(id(item), 0) for item in items), default=0)
        if depth > MAX_NESTING:
            raise Refusal(Message("parse.nesting", limit=MAX_NESTING))
        built = kind(items=items, span=self._span(children[0]))
        self._depth[id(built)] = depth
        return built

    def all_of(self, children: list[Any]) -> AllOf | AnyOf:
        return self._nested(AllOf, children)

    def any_of(self, children: list[Any]) -> AllOf | AnyOf:
        return self._nested(AnyOf, children)

    def quantity(self, children: list[Any]) -> Quantity:
        number, *rest = children
        # Digits past a threshold's are refused before int() reads them: it refuses 4.300 and more
        # with an error of its own, and a 20-digit number is over MAX_QUANTITY whatever it is.
        value = parse_number(str(number)) if len(number) <= MAX_DIGITS else math.inf
        unit = None
        for token in rest:
            if token.type == "MULTIPLIER":
                value = scaled(value, MULTIPLIERS[str(token)])
            else:
                unit = str(token)
        if not value <= MAX_QUANTITY:
            shown = number if len(number) <= MAX_DIGITS else f"{number[:MAX_DIGITS]}…"
            raise Refusal(
                Message("parse.quantity", number=shown, limit=f"{MAX_QUANTITY:,.0f}".replace(",", "."))
            )
        return Quantity(value=float(value), unit=unit, span=self._span(number))

    def start(self, children: list[Any]) -> list[Any]:
        return children
