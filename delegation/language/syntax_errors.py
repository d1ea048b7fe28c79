"""Text that does not follow the grammar: Lark's error, as a DslSyntaxError with the expected words and
a did-you-mean hint. The one place Lark's exceptions are converted."""

from __future__ import annotations

import re
from typing import cast

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import DslSyntaxError, did_you_mean, problem_at
from . import grammar

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


def convert(error: UnexpectedInput, path: str, text: str) -> DslSyntaxError:
    """Lark's error as a DslSyntaxError: where, what was found, what would do, a likely fix."""
    line, column = getattr(error, "line", 0) or 0, getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        line, column = max(1, text.count("\n") + (not text.endswith("\n"))), 1  # the last line
    expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    described, words = _describe(expected)
    if isinstance(error, UnexpectedCharacters):
        assert error.pos_in_stream is not None  # the lexer's position, always set here
        found = repr(text[error.pos_in_stream]) if error.pos_in_stream < len(text) else "end"
        message = f"unexpected character {found}"
        found_text = text[error.pos_in_stream :].split(None, 1)[0] if error.pos_in_stream < len(text) else ""
    elif isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        message = "unexpected end of file"
        found_text = ""
    else:
        found_text = str(cast(UnexpectedToken, error).token)  # neither characters nor the end
        message = f"unexpected {found_text!r}"
    hint = None
    if isinstance(error, UnexpectedCharacters) and text[error.pos_in_stream :].startswith('"'):
        hint = 'is a string not closed? every " needs a closing "'
    elif found_text:
        hint = did_you_mean(found_text.strip('"'), words)
    if hint is None and "RBRACE" in expected and isinstance(error, (UnexpectedEOF, UnexpectedToken)):
        hint = "is a closing '}' missing?"
    if described:
        message += f"; expected {described}"
    return DslSyntaxError(problem_at(message, path, text, line, column, hint, code="DLG001"))


def syntax_error(path: str, text: str) -> DslSyntaxError:
    """The error Lark's own parser reports for this text, converted; the one place that does."""
    try:
        grammar.parser().parse(text)
    except UnexpectedInput as error:
        return convert(error, path, text)
    raise AssertionError(f"{path}: the fast parser refused text that lark accepts")
