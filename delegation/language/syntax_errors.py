"""Text that does not follow the grammar: Lark's error, as a DslSyntaxError with the expected words and
a did-you-mean hint. The one place Lark's exceptions are converted."""

from __future__ import annotations

import re
from typing import cast

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import DslSyntaxError, did_you_mean, problem_at
from ..messages import LANGUAGES, Message, message_text
from . import grammar

_FRIENDLY = {
    "NAME": "syntax.name",
    "STRING": "syntax.string",
    "NUMBER": "syntax.number",
    "DATE": "syntax.date",
    "COMPARATOR": "syntax.comparator",
    "MULTIPLIER": "syntax.multiplier",
    "UNIT": "syntax.unit",
    "$END": "syntax.end",
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


class _Expected(Message):
    """What the grammar would accept, listed in the language the message is shown in."""

    __slots__ = ("terminals",)

    def __init__(self, terminals: list[tuple[str, list[str]]]):
        super().__init__("syntax.expected")
        self.terminals = terminals

    def text(self, lang: str | None = None) -> str:
        chosen = lang if lang in LANGUAGES else None
        or_word = f" {message_text('syntax.or', {}, chosen)} "
        names = [
            message_text(_FRIENDLY[name], {}, chosen)
            if name in _FRIENDLY
            else or_word.join(f"'{w}'" for w in literal)
            if literal
            else name
            for name, literal in self.terminals
        ]
        items = ", ".join(sorted(names, key=lambda n: n.strip("'").lower()))
        return message_text("syntax.expected", {"items": items}, chosen)


def _describe(expected: set[str]) -> tuple[_Expected | None, list[str]]:
    terminals: list[tuple[str, list[str]]] = []
    words: list[str] = []
    for name in expected:
        literal = [] if name in _FRIENDLY else sorted(_words(name))
        words.extend(literal)
        terminals.append((name, literal))
    return (_Expected(terminals) if terminals else None), words


def convert(error: UnexpectedInput, path: str, text: str) -> DslSyntaxError:
    """Lark's error as a DslSyntaxError: where, what was found, what would do, a likely fix."""
    line, column = getattr(error, "line", 0) or 0, getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        line, column = max(1, text.count("\n") + (not text.endswith("\n"))), 1  # the last line
    expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    described, words = _describe(expected)
    args: dict[str, object]
    if isinstance(error, UnexpectedCharacters):
        assert error.pos_in_stream is not None  # the lexer's position, always set here
        found: object = (
            repr(text[error.pos_in_stream]) if error.pos_in_stream < len(text) else Message("syntax.end")
        )
        key, args = "syntax.character", {"found": found}
        # "or ['']": a character Python counts as a space and the grammar does not (a no-break space
        # pasted from Word) split to nothing, and the error itself failed (IndexError)
        rest = text[error.pos_in_stream :] if error.pos_in_stream < len(text) else ""
        found_text = (rest.split(None, 1) or [""])[0]
    elif isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        key, args = "syntax.eof", {}
        found_text = ""
    else:
        found_text = str(cast(UnexpectedToken, error).token)  # neither characters nor the end
        key, args = "syntax.token", {"found": repr(found_text)}
    hint = None
    if isinstance(error, UnexpectedCharacters) and text[error.pos_in_stream :].startswith('"'):
        hint = Message("syntax.string.hint")
    elif found_text:
        hint = did_you_mean(found_text.strip('"'), words)
    if hint is None and "RBRACE" in expected and isinstance(error, (UnexpectedEOF, UnexpectedToken)):
        hint = Message("syntax.brace.hint")
    if described is not None:
        key, args = key + ".expected", {**args, "expected": described}
    return DslSyntaxError(problem_at(key, args, path, text, line, column, hint, code="DLG001"))


def syntax_error(path: str, text: str) -> DslSyntaxError:
    """The error Lark's own parser reports for this text, converted; the one place that does."""
    try:
        grammar.parser().parse(text)
    except UnexpectedInput as error:
        return convert(error, path, text)
    raise AssertionError(f"{path}: the fast parser refused text that lark accepts")
