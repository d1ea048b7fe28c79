"""Parse one rules file into model objects and directives (errors: syntax_errors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..errors import DslSyntaxError, Refusal, problem_at
from ..messages import Message
from ..model import Example
from . import direct, grammar, lalr
from .build import Builder
from .directives import Include, Override, PlanHeader, PreamblePart, Remove, Repeated
from .tokens import Lexeme

if TYPE_CHECKING:
    from lark import Lark

    from .directives import Item

# The directives, as the assembler and the rule tests import them with the parser.
__all__ = ["Include", "Override", "ParsedFile", "PlanHeader", "PreamblePart", "Remove", "parse_text"]


@dataclass
class ParsedFile:
    path: str
    text: str
    items: list[Item] = field(default_factory=list)
    repeated: list[Repeated] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    # Builder.places when the tables parsed the text; None when the direct reader did, which
    # records none (7 % of a load): `places` finds them again when a problem asks where.
    found_places: dict[tuple[str, str, str], Lexeme] | None = None

    @property
    def places(self) -> dict[tuple[str, str, str], Lexeme]:
        """Where each block's references are written (Builder.places)."""
        if self.found_places is None:
            builder = Builder(self.path)
            direct.read(self.text, builder, placing=True)
            self.found_places = builder.places
        return self.found_places


@lru_cache(maxsize=1)
def _building_parser() -> Lark:
    return grammar.parser()


MAX_PARENTHESES = 64  # nested "(" in one condition: deeper costs the parser quadratic time


def _too_deep(text: str) -> int | None:
    """The offset of the first "(" nested deeper than MAX_PARENTHESES, outside strings and
    comments, or None. Checked before parsing: 40.000 nested parentheses took the parser 13 s."""
    if text.count("(") <= MAX_PARENTHESES:
        return None
    depth, position, length = 0, 0, len(text)
    while position < length:
        char = text[position]
        if char == '"':
            position += 1
            while position < length and text[position] != '"':
                position += 2 if text[position] == "\\" else 1
        elif char == "#":
            newline = text.find("\n", position)
            position = length if newline < 0 else newline
        elif char == "(":
            depth += 1
            if depth > MAX_PARENTHESES:
                return position
        elif char == ")":
            depth = max(depth - 1, 0)
        position += 1
    return None


# The grammar's rules whose values the model can refuse, as a reader names them.
_PARTS = {
    "rule": "part.rule",
    "all_of": "part.condition",
    "any_of": "part.condition",
    "quantity": "part.quantity",
}


def _through_tables(text: str, path: str, builder: Builder) -> list[Any]:
    """The text's items by lalr.run, its problems as DslSyntaxErrors."""
    try:
        return cast("list[Any]", lalr.run(_building_parser(), text, builder))
    except lalr.Refused:
        from .syntax_errors import syntax_error  # lark's own parse says where and why

        raise syntax_error(path, text) from None
    except lalr.CallbackFailed as failed:  # a value the grammar admits but the model cannot hold
        first = failed.first
        line, column = (
            (first.line, first.column)
            if isinstance(first, Lexeme)
            else (first.span.line, first.span.column)
            if hasattr(first, "span")
            else (1, 1)
        )
        error = failed.error
        detail = error.message if isinstance(error, Refusal) else Message("parse.detail", detail=str(error))
        part = (
            Message(_PARTS[failed.rule]) if failed.rule in _PARTS else Message("part.other", name=failed.rule)
        )
        raise DslSyntaxError(
            problem_at(
                "parse.callback",
                {"part": part, "detail": detail},
                path,
                text,
                line,
                column,
                code="DLG001",
            )
        ) from None


def parse_text(text: str, path: str = "<string>") -> ParsedFile:
    """Parse rules text; raises DslSyntaxError with file:line:col, source line and hint."""
    deep = _too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        column = deep - (text.rfind("\n", 0, deep) + 1) + 1
        raise DslSyntaxError(
            problem_at(
                "parse.parentheses",
                {"limit": MAX_PARENTHESES},
                path,
                text,
                line,
                column,
                hint=Message("parse.parentheses.hint"),
                code="DLG001",
            )
        )
    builder = Builder(path)
    items: list[Any]
    places = None
    try:
        items = direct.read(text, builder)
    except direct.Unread:  # a shape the direct reader does not take: every token through the tables
        builder = Builder(path)
        items = _through_tables(text, path, builder)
        places = builder.places
    # Examples are rule tests, not part of the plan: kept apart so the loader never sees them.
    examples = [item for item in items if isinstance(item, Example)]
    rules = [item for item in items if not isinstance(item, Example)]
    return ParsedFile(
        path=path, text=text, items=rules, repeated=builder.repeated, examples=examples, found_places=places
    )
