"""Lex and parse rules text in one loop, with the LALR tables and terminals Lark built from the grammar.

The general path: parse_text reads a text with it when the direct reader (direct.py) declines, and
rule tests' examples always go this way.

Lark's own loop makes two regex matches per token (spaces, then the token), counts lines character
by character, and goes through a lexer thread, a parser-state object, a rule-keyed callback table and
a child filter (which builds a Tree for every inlined _rule) for each token: on a plan of 10.000
case types that is most of the load. This loop does the same shift/reduce work with the same tables,
gives each rule method the children Lark would give it (tokens kept, _rules spliced in), skips
spaces and comments inside the token's own match, and works out a token's line only when asked.
It only has to be right for text the grammar accepts: on any error the caller asks Lark's own
parser, whose message is the one reported (see parse.parse_text). tests/test_lalr.py checks it
against Lark's parser.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .tokens import Lexeme, Lines

if TYPE_CHECKING:
    from typing import Protocol

    from lark import Lark
    from lark.grammar import Rule
    from lark.lexer import BasicLexer, UnlessCallback

    class _TokenMatch(Protocol):
        """A match of a scanner's token regex, whose alternatives are all named groups."""

        @property
        def lastgroup(self) -> str: ...
        def span(self, group: str) -> tuple[int, int]: ...

    class _TokenRegex(Protocol):
        def match(self, string: str, pos: int) -> _TokenMatch | None: ...


class Refused(Exception):
    """The text does not follow the grammar (Lark's own parse of it says how)."""


class CallbackFailed(Exception):
    """A rule callback raised: the rule's name and its first child, for the error's position."""

    def __init__(self, rule: str, first: object, error: Exception):
        super().__init__(rule, first, error)
        self.rule, self.first, self.error = rule, first, error


class _Reduce(NamedTuple):
    size: int  # how many values the rule takes off the stack
    inlined: tuple[int, ...]  # which of them are inlined _rules, to splice in, last first
    rule: str  # the rule's name
    number: int  # its place in _Tables.rules


class _Scanner(NamedTuple):
    """What one parser state accepts: a regex that skips ignored text and then matches one token,
    and the keywords a matched word becomes (Lark's "unless" rule: `case` is CASE, not NAME)."""

    token: _TokenRegex
    ignored: re.Pattern[str]
    keywords: dict[str, dict[str, str]]


class _Tables(NamedTuple):
    actions: dict[int, dict[str, int | _Reduce]]  # state -> terminal -> next state or reduction
    gotos: dict[int, dict[str, tuple[int, bool]]]  # state -> rule -> next state, wrap in a list?
    rules: list[str]
    scanners: _Scanners
    start: int
    end: int


def run(parser: Lark, text: str, transformer: object = None) -> Any:
    """Parse `text` with an LALR Lark parser built with keep_all_tokens; returns the start rule's
    value. Each rule's value is `transformer`'s method of that name called with the rule's children
    (Lexemes and the values of the rules inside), or a lark Tree when it has none."""
    from lark import Tree  # here, as lark's other names: a plan the direct reader reads needs no lark

    tables = _tables(parser)
    actions, gotos, scanners = tables.actions, tables.gotos, tables.scanners
    builders: list[Callable[[list[Any]], Any] | None] = [
        None if rule.startswith("_") else getattr(transformer, rule, None) or partial(Tree, rule)
        for rule in tables.rules
    ]  # None: an inlined _rule, spliced into its parent
    values: list[Any]  # Lexemes and rules' values
    value: Any
    token: Lexeme | None
    action: Any  # a shift (int) or a _Reduce, told apart by type() below (which mypy does not narrow)
    state, states, values = tables.start, [tables.start], []
    pos, end = 0, len(text)
    lines = Lines(text)
    while True:
        if pos < end:
            scanner = scanners[state]
            match = scanner.token.match(text, pos)
            if match is None:
                if cast("re.Match[str]", scanner.ignored.match(text, pos)).end() != end:
                    raise Refused
                pos = end  # only spaces and comments were left
                continue
            kind = match.lastgroup
            start, pos = match.span(kind)
            value = text[start:pos]
            keywords = scanner.keywords.get(kind)
            if keywords is not None:
                kind = keywords.get(value, kind)
            token = Lexeme(value)
            token.type = kind
            token.start = start
            token.lines = lines
        else:
            kind, token = "$END", None
        while True:
            try:
                action = actions[state][kind]
            except KeyError:
                raise Refused from None
            if type(action) is int:
                if token is None:
                    raise Refused
                state = action
                states.append(state)
                values.append(token)
                break
            size, inlined, rule, number = action
            build = builders[number]
            if size:
                children = values[-size:]
                del states[-size:], values[-size:]
                for index in inlined:  # splice the inlined rules' children in (last first)
                    if index or build is not None:
                        children[index : index + 1] = children[index]
                    else:  # a repetition grown by an inlined rule ("and" _atom)+: its list grows in
                        # place, as copying it at every item made a long one quadratic (10.000
                        # "and"s took 3,9 s, now 0,2 s); it is no other value's
                        head = children[0]
                        head.extend(children[1:])
                        children = head
            else:
                children = []
            if build is None:
                value = children
            else:
                try:
                    value = build(children)
                except Exception as error:
                    raise CallbackFailed(rule, children[0] if children else None, error) from error
            state, wrap = gotos[states[-1]][rule]
            if wrap:
                value = [value]
            states.append(state)
            values.append(value)
            if token is None and state == tables.end:
                return value


_BUILT: weakref.WeakKeyDictionary[Lark, _Tables] = weakref.WeakKeyDictionary()


def _tables(parser: Lark) -> _Tables:
    """The parser's action table with each reduction's shape worked out once, and its scanners."""
    built = _BUILT.get(parser)
    if built is None:
        from lark.parsers.lalr_analysis import Shift

        if not parser.options.keep_all_tokens or any(
            rule.options.expand1 or rule.alias for rule in parser.rules
        ):
            raise ValueError("lalr.run needs keep_all_tokens and no ?rules or aliases")
        conf = parser.parse_interactive("").parser_state.parse_conf
        rules = sorted({rule.origin.name for rule in parser.rules})
        reductions: dict[object, _Reduce] = {}
        actions = {
            state: {
                terminal: arg if kind is Shift else reductions.setdefault(arg, _reduction(arg, rules))
                for terminal, (kind, arg) in row.items()
            }
            for state, row in conf.states.items()
        }
        gotos = {
            state: {symbol: _goto(actions, state, symbol) for symbol in row if symbol in rules}
            for state, row in actions.items()
        }
        built = _BUILT[parser] = _Tables(
            actions, gotos, rules, _Scanners(parser.parser.lexer.lexers), conf.start_state, conf.end_state
        )
    return built


def _goto(actions: dict[int, dict[str, int | _Reduce]], state: int, symbol: str) -> tuple[int, bool]:
    """Where the parser goes once `symbol` is built in `state`, past the states whose one move,
    whatever comes next, is to wrap it in an inlined one-symbol rule (`_case_field: case_title`,
    a fifth of all reductions): that is done here once, not at every parse. The value then becomes
    what the inlined rule gives its parent: a list of one, unless it already is a list (an inlined
    rule's). An error is still caught before the next token is shifted, as LALR's own default
    reductions allow."""
    # A goto (a rule's symbol) is always a shift: the next state.
    target, wrapped = cast(int, actions[state][symbol]), False
    while True:
        moves = set(actions[target].values())
        move = moves.pop() if len(moves) == 1 else None
        if type(move) is not _Reduce or move.size != 1 or not move.rule.startswith("_"):
            return target, wrapped
        wrapped = wrapped or not symbol.startswith("_")
        symbol = move.rule
        target = cast(int, actions[state][symbol])


def _reduction(rule: Rule, rules: list[str]) -> _Reduce:
    inlined = tuple(
        index
        for index, symbol in reversed(list(enumerate(rule.expansion)))
        if not symbol.is_term and symbol.name.startswith("_")
    )
    return _Reduce(len(rule.expansion), inlined, rule.origin.name, rules.index(rule.origin.name))


class _Scanners(dict[int, _Scanner]):
    """The scanner of each parser state, compiled when the state is first met (states with the
    same terminals share one)."""

    lexers: dict[int, BasicLexer]
    by_lexer: dict[int, _Scanner]  # id(lexer) -> its scanner

    def __init__(self, lexers: dict[int, BasicLexer]):
        super().__init__()
        self.lexers, self.by_lexer = lexers, {}

    def __missing__(self, state: int) -> _Scanner:
        lexer = self.lexers[state]
        if id(lexer) not in self.by_lexer:
            self.by_lexer[id(lexer)] = _scanner(lexer)
        self[state] = self.by_lexer[id(lexer)]
        return self[state]


def _scanner(lexer: BasicLexer) -> _Scanner:
    from lark.lexer import PatternStr

    scanner = lexer.scanner  # Lark's terminal order, with keywords folded into the words
    ignored = "|".join(t.pattern.to_regexp() for t in lexer.terminals if t.name in lexer.ignore_types)
    tokens = "|".join(
        f"(?P<{t.name}>{t.pattern.to_regexp()})"
        for t in scanner.terminals
        if t.name not in lexer.ignore_types
    )
    keywords = {
        name: {
            t.pattern.value: t.name
            for t in cast("UnlessCallback", unless).scanner.terminals
            if isinstance(t.pattern, PatternStr) and not t.pattern.flags
        }
        for name, unless in lexer.callback.items()
    }
    # Possessive (*+): a token is never sought inside the spaces or comments just skipped.
    return _Scanner(
        cast("_TokenRegex", re.compile(f"(?:{ignored})*+(?:{tokens})", lexer.g_regex_flags)),
        re.compile(f"(?:{ignored})*", lexer.g_regex_flags),
        keywords,
    )
