"""Rules text read straight into the model, a field a regex match; lalr.run parses what it declines.

lalr.run steps through every token and reduction in Python: a plan of 10.000 case types has 0,3
million tokens, and that loop was most of a cold load (1,5 s of 2,1 s). Here a whole field ("title
...", "cite ... > ...: ...") is one match of a pattern written from the grammar (shapes.py), and
its record is built at once: the same load takes 0,7 s. A plan that takes this path needs no lark
at all (its import and tables: 60-200 ms of a command's first answer after the rules changed).

It only has to be right for what it takes, and it takes only what it is sure of: a name that is
one of the grammar's words (where the contextual lexer might read it either way), a condition in
parentheses, a field given twice, a value the model refuses, an example, anything unforeseen raise
Unread, and parse_text parses the whole text with lalr.run (whose builder says what is wrong).
tests/test_direct.py holds it to lalr.run's result: every record, span, place and repeated field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Body, BodyKind, Category, Fact, PlanStatus, Section, Span, Thesaurus, new_span
from . import shapes
from .build import BODY_SINGLE, PLAN_SINGLE, _text, body_of
from .direct_cases import case
from .directives import Include, Override, PlanHeader, PreamblePart, Remove
from .shapes import Unread
from .tokens import Lexeme, Lines

if TYPE_CHECKING:
    import re
    from collections.abc import Collection, Iterable

    from .build import Builder

__all__ = ["Unread", "read"]


class Reader:
    """One rules text, read into the items it declares and its Builder's places."""

    def __init__(self, text: str, builder: Builder, placing: bool = False):
        self.text, self.builder, self.path = text, builder, builder.path
        self.placing = placing  # record the Builder's places (ParsedFile.places asks, on a problem)
        self.offset, self.line = 0, 1  # the offset asked for last (span) and its line
        self.lines = Lines(text)  # the places' tokens work out their own line when asked
        self.paths: dict[tuple[str, str], tuple[str, ...]] = {}  # a citation's headings as written -> read
        self.reserved = shapes.keywords()

    def items(self) -> list[Any]:
        text = self.text
        found: list[Any] = []
        pos = 0
        while True:
            match = shapes.TOP.match(text, pos)
            if match is None:
                raise Unread
            kind, group = match.lastgroup or "", match.group
            if kind == "end":
                return found
            if kind in ("case", "override"):
                keyword = "case" if kind == "case" else "override_case"
                made, pos = case(self, group(f"{kind}_id"), match.start(keyword), match.end())
                found.append(made if kind == "case" else Override(made))
                continue
            pos = match.end()
            at = self.span(match.start(kind))
            if kind in ("plan", "body", "preamble", "thesaurus"):
                item, pos = getattr(self, kind)(match, at, pos)
                found.append(item)
            elif kind == "include":
                found.append(Include(_text(group("include_path")), at))
            elif kind == "remove":
                found.append(Remove(self.name(group("remove_id")), at))
            elif kind == "fact":
                unit = group("fact_unit")
                label = _text(group("fact_label"))
                found.append(
                    Fact(
                        id=self.name(group("fact_id")),
                        label=label,
                        unit=_text(unit) if unit is not None else None,
                        integer=group("fact_integer") is not None,
                        span=at,
                    )
                )
            elif kind == "section":
                owner = self.name(group("section_owner"))
                title = _text(group("section_title"))
                found.append(Section(id=self.name(group("section_id")), title=title, owner=owner, span=at))
            else:
                title = _text(group("category_title"))
                found.append(Category(id=self.name(group("category_id")), title=title, span=at))

    # Blocks of one level: their fields, then the item the builder makes of them.

    def fields(
        self, pattern: re.Pattern[str], pos: int, single: Collection[str], listing: str = ""
    ) -> tuple[list[tuple[re.Match[str], list[str]]], int]:
        """A block's fields from `pos` to its closing brace, each with the names after it when it
        is the `listing` field (NAME+); Unread for a single-valued field given twice (the builder
        reports it)."""
        found: list[tuple[re.Match[str], list[str]]] = []
        seen: set[str] = set()
        while True:
            match = pattern.match(self.text, pos)
            if match is None:
                raise Unread
            kind = match.lastgroup or ""
            pos = match.end()
            if kind == "close":
                return found, pos
            if kind in single:
                if kind in seen:
                    raise Unread
                seen.add(kind)
            names: list[str] = []
            if kind == listing:
                names, pos = self.names(pos)
            found.append((match, names))

    def plan(self, opening: re.Match[str], at: Span, pos: int) -> tuple[PlanHeader, int]:
        matches, pos = self.fields(shapes.PLAN_FIELD, pos, PLAN_SINGLE)
        values: dict[str, Any] = {}
        for match, _ in matches:
            kind, group = match.lastgroup or "", match.group
            if kind == "date":
                values[kind] = group("date_value")
            elif kind == "status":
                values[kind] = PlanStatus(group("status_word"))
            elif kind == "in_force":
                values[kind] = (group("in_force_from"), group("in_force_until"))
            elif kind == "adoption":
                meeting, item = _text(group("adoption_meeting")), _text(group("adoption_item"))
                values[kind] = (group("adoption_date"), meeting, item)
            else:
                values[kind] = _text(group(f"{kind}_text"))
        extends = opening.group("plan_extends")
        header = PlanHeader(
            self.name(opening.group("plan_id")), _text(extends) if extends else None, values, at
        )
        return header, pos

    def body(self, opening: re.Match[str], at: Span, pos: int) -> tuple[Body, int]:
        body_id = self.name(opening.group("body_id"))
        matches, pos = self.fields(shapes.BODY_FIELD, pos, BODY_SINGLE, "delegates")
        values: dict[str, Any] = {}
        lists: dict[str, list[Any]] = {"areas": [], "aliases": [], "delegates_to": []}
        for match, names in matches:
            kind, group = match.lastgroup or "", match.group
            if kind == "kind":
                values[kind] = BodyKind(group("kind_word"))
            elif kind == "committee":
                values[kind] = self.name(group("committee_name"))
                if self.placing:
                    self.place("body", body_id, kind, kind, match.start(kind))
            elif kind == "relative":
                values[kind] = True
            elif kind == "alias":
                lists["aliases"].extend(self.strings(group("alias_texts")))
            elif kind == "delegates":
                lists["delegates_to"].extend(names)
                if self.placing:
                    self.place("body", body_id, "delegates_to", kind, match.start(kind), names)
            elif kind == "area":
                lists["areas"].append(_text(group("area_text")))
            else:
                values[kind] = _text(group(f"{kind}_text"))
        return body_of(body_id, values, lists, at), pos

    def preamble(self, opening: re.Match[str], at: Span, pos: int) -> tuple[PreamblePart, int]:
        matches, pos = self.fields(shapes.PREAMBLE_FIELD, pos, ("default",))
        texts: dict[str, list[str]] = {"default": [], "caveat": []}
        for match, _ in matches:
            kind = match.lastgroup or ""
            texts[kind].append(_text(match.group(f"{kind}_text")))
        default = texts["default"][0] if texts["default"] else None
        return PreamblePart(default, tuple(texts["caveat"]), at), pos

    def thesaurus(self, opening: re.Match[str], at: Span, pos: int) -> tuple[Thesaurus, int]:
        matches, pos = self.fields(shapes.THESAURUS_FIELD, pos, ())
        groups: dict[str, list[Any]] = {"synonyms": [], "ignore": [], "distinct": []}
        for match, _ in matches:
            kind = match.lastgroup or ""
            words = self.strings(match.group(f"{kind}_texts"))
            if kind == "ignore":
                groups[kind].extend(words)
            elif len(words) < 2:
                raise Unread  # a group of one: the grammar wants two
            else:
                groups[kind].append(tuple(words))
        thesaurus = Thesaurus(
            synonyms=tuple(groups["synonyms"]),
            ignore=tuple(groups["ignore"]),
            distinct=tuple(groups["distinct"]),
        )
        return thesaurus, pos

    # What the readers of fields share.

    def span(self, offset: int) -> Span:
        """Where `offset` is, counting the newlines since the offset asked for last (Lines.position,
        inlined with its state kept here: 55.000 spans a plan of 10.000 case types)."""
        text, last = self.text, self.offset
        if offset >= last:
            self.line += text.count("\n", last, offset)
        else:
            self.line -= text.count("\n", offset, last)
        self.offset = offset
        return new_span((self.path, self.line, offset - text.rfind("\n", 0, offset)))

    def name(self, word: str) -> str:
        """A NAME, unless it is one of the grammar's words: then the tables decide how it reads."""
        if word in self.reserved:
            raise Unread
        return word

    def names(self, pos: int) -> tuple[list[str], int]:
        """NAME+: the names from `pos` up to the next keyword or other token."""
        found = []
        while (match := shapes.NAME_AT.match(self.text, pos)) is not None and match.group(
            1
        ) not in self.reserved:
            found.append(match.group(1))
            pos = match.end()
        if not found:
            raise Unread
        return found, pos

    def strings(self, region: str) -> list[str]:
        """The strings of a field's region, each as the builder reads it."""
        return [_text(token) for token in shapes.IN_STRINGS.findall(region) if token.startswith('"')]

    def symbol(self, pos: int, wanted: str) -> int:
        found = shapes.SYMBOL_AT.match(self.text, pos)
        if found is None or found.group(1) != wanted:
            raise Unread
        return found.end()

    def place(
        self, kind: str, owner: str, field: str, keyword: str, offset: int, values: Iterable[str] = ()
    ) -> None:
        """Where a reference is written, as Builder.places keeps it: the field's keyword token,
        under the field and each value it lists ("kle=01.02")."""
        token = Lexeme(keyword)
        token.type, token.start, token.lines = keyword.upper(), offset, self.lines
        places = self.builder.places
        places.setdefault((kind, owner, field), token)
        for value in values:
            places.setdefault((kind, owner, f"{field}={value}"), token)


def read(text: str, builder: Builder, placing: bool = False) -> list[Any]:
    """The text's items, read straight (Unread where it cannot be); the builder's places only when
    `placing`."""
    return Reader(text, builder, placing).items()
