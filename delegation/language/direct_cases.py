"""Case blocks read straight into the model: a case type's fields, its rules and their conditions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from ..model import (
    AllOf,
    AnyOf,
    Basis,
    Between,
    CaseType,
    Channel,
    Citation,
    Compare,
    Inform,
    Quantity,
    Rule,
    Span,
    When,
)
from ..numbers import MAX_QUANTITY, MULTIPLIERS, parse_number, scaled
from ..records import assembled, field_default
from . import shapes
from .build import MAX_DIGITS, MAX_TERMS, _text
from .shapes import Unread

if TYPE_CHECKING:
    from .direct import Reader

# Enum members by value: calling the enum costs 1,5 µs a field, 3 % of a load.
_BASIS = {member.value: member for member in Basis}
_WHEN = {member.value: member for member in When}
_CHANNEL = {member.value: member for member in Channel}
# Each condition's "kind", as the model declares it (a record built without __init__ is given it).
_KIND = {kind: field_default(kind, "kind") for kind in (AllOf, AnyOf, Between, Compare)}
_PLACED = ("section", "category", "department")  # as Builder.places keeps them (kle, formerly: by value)


def case(reader: Reader, name: str, start: int, pos: int) -> tuple[CaseType, int]:
    """A case block's fields from after its "{"; the case type and where its block ends."""
    case_id, text = reader.name(name), reader.text
    at = reader.span(start)  # first: Reader.span counts forward from the span asked for last
    single: dict[str, str] = {}
    lists: dict[str, list[str]] = {"alias": [], "kle": [], "formerly": []}
    rules: list[Rule] = []
    while True:
        match = shapes.CASE_FIELD.match(text, pos)
        if match is None:
            raise Unread
        kind = match.lastgroup or ""
        pos = match.end()
        if kind == "close":
            break
        if kind == "rule":
            opened = match.group("rule_open") is not None
            made, pos = rule(reader, case_id, len(rules) + 1, match.start(kind), pos, opened)
            rules.append(made)
            continue
        if kind in ("alias", "kle", "formerly"):
            if kind == "formerly":
                values, pos = reader.names(pos)
            else:
                values = reader.strings(match.group(f"{kind}_texts"))
            lists[kind].extend(values)
            if kind != "alias" and reader.placing:
                reader.place("case", case_id, kind, kind, match.start(kind), values)
            continue
        if kind in _PLACED and reader.placing:
            reader.place("case", case_id, kind, kind, match.start(kind))
        if kind in single:
            raise Unread  # given twice: the builder says so
        elif kind == "title":
            single[kind] = _text(match.group("title_text"))
        else:  # section, category, department: one name (a second is no field: Unread)
            single[kind] = reader.name(match.group(f"{kind}_name"))
    fields = {
        "id": case_id,
        "title": single.get("title", ""),
        "aliases": tuple(lists["alias"]),
        "formerly": tuple(lists["formerly"]),
        "section": single.get("section"),
        "category": single.get("category"),
        "department": single.get("department"),
        "kle": tuple(lists["kle"]),
        "rules": tuple(rules),
        "span": at,
    }
    # Built without __init__ (assembled): 10.000 case types make 35.000 records, their fields read
    # as the builder reads them, and tests/test_direct.py holds them equal to the builder's.
    return assembled(CaseType, fields), pos


def rule(reader: Reader, case_id: str, number: int, start: int, pos: int, opened: bool) -> tuple[Rule, int]:
    """A rule from after its keyword (after its "{" when `opened`): its name, condition and
    fields, to its closing brace."""
    text, at = reader.text, reader.span(start)
    rule_id, when = "", None
    if not opened:
        word = shapes.NAME_AT.match(text, pos)
        if word is not None and word.group(1) != "when":
            rule_id, pos = reader.name(word.group(1)), word.end()
            word = shapes.NAME_AT.match(text, pos)
        if word is not None and word.group(1) == "when":
            when, pos = condition(reader, word.end())
        pos = reader.symbol(pos, "{")
    single: dict[str, Any] = {}
    lists: dict[str, list[Any]] = {"inform": [], "involve": [], "recommends": [], "cite": []}
    involve_if: str | None = None
    body_spans: dict[str, Span] = {}
    while True:
        match = shapes.RULE_FIELD.match(text, pos)
        if match is None:
            raise Unread
        kind, group = match.lastgroup or "", match.group
        pos = match.end()
        if kind == "close":
            break
        if kind in single:
            raise Unread  # given twice: the builder says so
        named: list[str] = []
        if kind == "decides":  # one name (a second is no field: Unread), maybe the plan's condition
            single[kind] = reader.name(group("decides_name"))
            stated = group("decides_if")
            single["decides_if"] = _stated(stated) if stated is not None else None
            named = [single[kind]]
        elif kind == "basis":
            single[kind] = _BASIS[group("basis_word")]
        elif kind == "note":
            single[kind] = _text(group("note_text"))
        elif kind == "inform":
            often, channel = group("inform_often"), group("inform_channel")
            named = [reader.name(group("inform_body"))]
            informed = {
                "body": named[0],
                "when": _WHEN[group("inform_when")],
                "channel": _CHANNEL[channel] if channel else Channel.unspecified,
                "frequency": _text(often) if often is not None else None,
            }
            lists[kind].append(assembled(Inform, informed))
        elif kind in ("involve", "recommends"):
            named, pos = reader.names(pos)
            if kind == "involve":
                condition_at = shapes.IF_AT.match(text, pos)
                if involve_if is not None or (condition_at is not None and lists[kind]):
                    raise Unread  # one condition per rule, alone: the builder refuses the rest
                if condition_at is not None:
                    involve_if, pos = _stated(condition_at.group(1)), condition_at.end()
            lists[kind].extend(named)
        else:  # cite
            # The headings a plan's bullets are cited under repeat: read once a file, one tuple
            # shared (10.000 case types cite 11.000 times under a few dozen paths).
            written = (group("cite_path"), group("cite_last"))
            path = reader.paths.get(written)
            if path is None:
                path = reader.paths[written] = (*reader.strings(written[0]), _text(written[1]))
            cited = {"path": path, "text": _text(group("cite_text")), "span": reader.span(match.start(kind))}
            lists[kind].append(assembled(Citation, cited))
        if named:
            named_at = reader.span(match.start(kind))
            for body in named:
                body_spans.setdefault(body, named_at)
    fields = {
        "id": rule_id or f"{case_id}.{number}",
        "when": when,
        "decides": single.get("decides"),
        "decides_if": single.get("decides_if"),
        "basis": single.get("basis"),
        "inform": tuple(lists["inform"]),
        "involve": tuple(lists["involve"]),
        "involve_if": involve_if,
        "recommends": tuple(lists["recommends"]),
        "note": single.get("note"),
        "citations": tuple(lists["cite"]),
        "body_spans": body_spans,
        "span": at,
    }
    return assembled(Rule, fields), pos


def _stated(token: str) -> str:
    """The plan's condition after an 'if'; an empty one is the builder's to refuse."""
    condition = _text(token)
    if not condition:
        raise Unread
    return condition


def condition(reader: Reader, pos: int) -> tuple[Any, int]:
    """atom ("and" atom)* ("or" ...)*, without parentheses: an "or" of "and"s, as the grammar
    groups them; a group's span is its first atom's."""
    groups: list[list[Any]] = [[]]
    while True:
        atom, pos = _atom(reader, pos)
        groups[-1].append(atom)
        joiner = shapes.JOINER_AT.match(reader.text, pos)
        if joiner is None or joiner.group(1) == "in":
            break
        pos = joiner.end()
        if joiner.group(1) == "or":
            groups.append([])
    if len(groups) > MAX_TERMS or any(len(group) > MAX_TERMS for group in groups):
        raise Unread  # the builder refuses it, with its message
    terms = [
        group[0]
        if len(group) == 1
        else assembled(AllOf, {"kind": _KIND[AllOf], "items": tuple(group), "span": group[0].span})
        for group in groups
    ]
    if len(terms) == 1:
        return terms[0], pos
    return assembled(AnyOf, {"kind": _KIND[AnyOf], "items": tuple(terms), "span": terms[0].span}), pos


def _atom(reader: Reader, pos: int) -> tuple[Compare | Between, int]:
    atom = shapes.ATOM_AT.match(reader.text, pos)
    if atom is None:
        raise Unread  # a parenthesis, an operator the grammar lacks, or no condition at all
    name, at = reader.name(atom.group(1)), reader.span(atom.start(1))
    if atom.group(2) is not None:  # in LOW .. HIGH
        low, pos = _quantity(reader, atom.end())
        high, pos = _quantity(reader, reader.symbol(pos, ".."))
        return assembled(
            Between, {"kind": _KIND[Between], "fact": name, "low": low, "high": high, "span": at}
        ), pos
    value, pos = _quantity(reader, atom.end())
    op = cast('Literal[">", ">=", "<", "<="]', atom.group(3))
    return assembled(
        Compare, {"kind": _KIND[Compare], "fact": name, "op": op, "value": value, "span": at}
    ), pos


def _quantity(reader: Reader, pos: int) -> tuple[Quantity, int]:
    """NUMBER MULTIPLIER? UNIT?"""
    quantity = shapes.QUANTITY_AT.match(reader.text, pos)
    if quantity is None:
        raise Unread
    number, multiplier, unit = quantity.groups()
    if len(number) > MAX_DIGITS:
        raise Unread  # the builder refuses it, with its message
    value = parse_number(number)
    if multiplier is not None:
        value = scaled(value, MULTIPLIERS[multiplier])
    if not value <= MAX_QUANTITY:
        raise Unread  # the builder refuses it, with its message
    fields = {"value": float(value), "unit": unit, "span": reader.span(quantity.start(1))}
    return assembled(Quantity, fields), quantity.end()
