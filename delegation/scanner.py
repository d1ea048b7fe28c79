"""Split rules text into tokens for the parser: Lark's contextual lexer, one regex match per token."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.lexer import BasicLexer, ContextualLexer, PatternStr


class _StateScanner(NamedTuple):
    """What one parser state accepts: a regex that skips ignored text and then matches one token,
    and the keywords a matched word becomes (Lark's "unless" rule: `case` is CASE, not NAME)."""

    token: re.Pattern
    ignored: re.Pattern
    keywords: dict[str, dict[str, str]]


class FastContextualLexer(ContextualLexer):
    """Lark's contextual lexer, same terminals, same order, same keyword rule, but faster.

    Lark's own lexer makes two regex matches per token (the ignored spaces, then the token) and
    counts lines character by character; on a plan of 10.000 case types that is half the parse
    time. Here the spaces and comments are skipped inside the token's own match, and lines are
    counted with str.count. Installed through Lark's `_plugins` hook (the one lark-cython uses).
    Any error is left to the reference parser, which reports it (see parse.parse_text).
    """

    def __init__(self, conf, states, always_accept=()):
        super().__init__(conf, states, always_accept)
        self._scanners = _Scanners(self.lexers, conf.g_regex_flags)

    def lex(self, lexer_state, parser_state) -> Iterator[Token]:
        text = lexer_state.text.text
        pos, end = lexer_state.line_ctr.char_pos, lexer_state.text.end
        line, line_start, counted = 1, 0, 0
        scanners = self._scanners
        while pos < end:
            scanner = scanners[parser_state.position]
            match = scanner.token.match(text, pos, end)
            if match is None:
                if scanner.ignored.match(text, pos, end).end() == end:
                    return          # only spaces and comments were left
                raise UnexpectedCharacters(text, pos, line, pos - line_start + 1)
            kind = match.lastgroup
            start, pos = match.start(kind), match.end()
            newlines = text.count("\n", counted, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", counted, start) + 1
            counted = start
            value = text[start:pos]
            keywords = scanner.keywords.get(kind)
            if keywords is not None:
                kind = keywords.get(value, kind)
            token = Token(kind, value, start, line, start - line_start + 1)
            lexer_state.last_token = token
            yield token


class _Scanners(dict):
    """The scanner of each parser state, compiled when the state is first met (states with the
    same terminals share one)."""

    def __init__(self, lexers: dict[int, BasicLexer], flags: int):
        super().__init__()
        self.lexers, self.flags, self.by_lexer = lexers, flags, {}

    def __missing__(self, state: int) -> _StateScanner:
        lexer = self.lexers[state]
        if id(lexer) not in self.by_lexer:
            self.by_lexer[id(lexer)] = _state_scanner(lexer, self.flags)
        self[state] = self.by_lexer[id(lexer)]
        return self[state]


def _state_scanner(lexer: BasicLexer, flags: int) -> _StateScanner:
    scanner = lexer.scanner      # Lark's terminal order, with keywords folded into the words
    ignored = "|".join(t.pattern.to_regexp() for t in lexer.terminals if t.name in lexer.ignore_types)
    tokens = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanner.terminals
                      if t.name not in lexer.ignore_types)
    keywords = {name: {t.pattern.value: t.name for t in unless.scanner.terminals
                       if isinstance(t.pattern, PatternStr) and not t.pattern.flags}
                for name, unless in lexer.callback.items()}
    # Possessive (*+): a token is never sought inside the spaces or comments just skipped.
    return _StateScanner(re.compile(f"(?:{ignored})*+(?:{tokens})", flags),
                         re.compile(f"(?:{ignored})*", flags), keywords)
