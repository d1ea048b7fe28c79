"""The grammar's plain shapes as regexes, a field a match: what the direct reader reads (direct.py).

Each pattern is written from grammar/delegation.lark's terminals: the same spaces and comments
between tokens (%ignore), the same STRING, NAME, NUMBER, DATE and UNIT, a keyword as a whole word
(where a name may stand, the contextual lexer makes a word a keyword only when all of it is one). An
alternative is named after its keyword and its parts `keyword_part`: the outer group closes last,
so it is the match's lastgroup. Where the lexer would read a text otherwise (a keyword glued to
the next word where no name may stand: "decidesraad"), the patterns match nothing, and the
reader declines.
"""

from __future__ import annotations

import re
from functools import cache

from . import grammar


class Unread(Exception):
    """A text with a shape the direct reader does not take: lalr.run parses it."""


SKIP = r"(?:[ \t\f\r\n]+|#[^\n]*)*+"  # %ignore WS and COMMENT
STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
NAME = r"[A-Za-z_][A-Za-z0-9_]*+"  # possessive: never shortened to let a keyword follow ("raadbefore")
_END = r"(?![A-Za-z0-9_])"  # a keyword is a whole NAME-shaped word
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_STRINGS = rf"(?:{SKIP}{STRING})++"

_NUMBER = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
_UNIT = r"(?!(?:and|or)\b)(?:kr\.|[a-zæøå]+\.?)"
NAME_AT = re.compile(rf"{SKIP}({NAME}){_END}")
# A condition's atom up to its value: the fact and its comparison or "in" (one match, not three).
ATOM_AT = re.compile(rf"{SKIP}({NAME}){_END}{SKIP}(?:(in){_END}|(>=|<=|>|<))")
# NUMBER MULTIPLIER? UNIT?, each token as the contextual lexer lexes it there (one match, not six).
QUANTITY_AT = re.compile(rf"{SKIP}({_NUMBER})(?:{SKIP}(mio\.|mia\.))?(?:{SKIP}({_UNIT}))?")
IF_AT = re.compile(rf"{SKIP}if{_END}{SKIP}({STRING})")
JOINER_AT = re.compile(rf"{SKIP}(and|or|in){_END}")
SYMBOL_AT = re.compile(rf"{SKIP}(>=|<=|>|<|\.\.|\{{|\()")
IN_STRINGS = re.compile(rf"#[^\n]*|{STRING}")  # a field's strings, less the comments between them


def _field(name: str, rest: str = "") -> str:
    return rf"(?P<{name}>{name}{_END}{rest})"


def _text(name: str) -> str:
    return _field(name, rf"{SKIP}(?P<{name}_text>{STRING})")


def _strings(name: str) -> str:
    return _field(name, f"(?P<{name}_texts>{_STRINGS})")


def _name(name: str) -> str:
    return _field(name, rf"{SKIP}(?P<{name}_name>{NAME}){_END}")


def _word(name: str, words: str) -> str:
    return _field(name, rf"{SKIP}(?P<{name}_word>{words}){_END}")


def _fields(*alternatives: str) -> re.Pattern[str]:
    """A block's next field, or its closing brace ("close"), after spaces and comments."""
    return re.compile(SKIP + "(?:" + "|".join([*alternatives, r"(?P<close>\})"]) + ")")


TOP = re.compile(
    SKIP
    + "(?:"
    + "|".join(
        [
            _field("case", rf"{SKIP}(?P<case_id>{NAME}){SKIP}\{{"),
            rf"(?P<override>override{_END}{SKIP}(?P<override_case>case){_END}{SKIP}(?P<override_id>{NAME}){SKIP}\{{)",
            _field("remove", rf"{SKIP}case{_END}{SKIP}(?P<remove_id>{NAME}){_END}"),
            _field("include", rf"{SKIP}(?P<include_path>{STRING})"),
            _field(
                "fact",
                rf"{SKIP}(?P<fact_id>{NAME}){SKIP}(?P<fact_label>{STRING})"
                rf"(?:{SKIP}unit{_END}{SKIP}(?P<fact_unit>{STRING}))?(?:{SKIP}(?P<fact_integer>integer){_END})?",
            ),
            _field(
                "section",
                rf"{SKIP}(?P<section_id>{NAME}){SKIP}(?P<section_title>{STRING}){SKIP}"
                rf"owner{_END}{SKIP}(?P<section_owner>{NAME}){_END}",
            ),
            _field("category", rf"{SKIP}(?P<category_id>{NAME}){SKIP}(?P<category_title>{STRING})"),
            _field(
                "plan",
                rf"{SKIP}(?P<plan_id>{NAME}){_END}(?:{SKIP}extends{_END}{SKIP}(?P<plan_extends>{STRING}))?{SKIP}\{{",
            ),
            _field("body", rf"{SKIP}(?P<body_id>{NAME}){SKIP}\{{"),
            _field("preamble", rf"{SKIP}\{{"),
            _field("thesaurus", rf"{SKIP}\{{"),
            r"(?P<end>\Z)",
        ]
    )
    + ")"
)
CASE_FIELD = _fields(
    _text("title"),
    _strings("alias"),
    _strings("kle"),
    _name("section"),
    _name("category"),
    _name("department"),
    _field("formerly"),
    _field("rule", rf"(?:{SKIP}(?P<rule_open>\{{))?"),  # "rule {": no name, no condition
)
RULE_FIELD = _fields(
    _field(
        "decides",
        rf"{SKIP}(?P<decides_name>{NAME}){_END}(?:{SKIP}if{_END}{SKIP}(?P<decides_if>{STRING}))?",
    ),
    _word("basis", "lovbestemt|byraadsbestemt|praksis|procedurekrav"),
    _field(
        "inform",
        rf"{SKIP}(?P<inform_body>{NAME}){SKIP}(?P<inform_when>before|after|periodic){_END}"
        rf"(?:{SKIP}(?P<inform_often>{STRING}))?(?:{SKIP}by{_END}{SKIP}(?P<inform_channel>meeting|mail){_END})?",
    ),
    _field("involve"),
    _field("recommends"),
    _text("note"),
    _field(
        "cite",
        rf"(?P<cite_path>(?:{SKIP}{STRING}{SKIP}>)*+){SKIP}(?P<cite_last>{STRING}){SKIP}:"
        rf"{SKIP}(?P<cite_text>{STRING})",
    ),
)
PLAN_FIELD = _fields(
    *(_text(name) for name in ("title", "source", "document", "municipality")),
    _field("date", rf"{SKIP}(?P<date_value>{_DATE})"),
    _word("status", "draft|adopted|repealed"),
    _field(
        "in_force",
        rf"{SKIP}from{_END}{SKIP}(?P<in_force_from>{_DATE})(?:{SKIP}until{_END}{SKIP}(?P<in_force_until>{_DATE}))?",
    ),
    _field(
        "adoption",
        rf"{SKIP}(?P<adoption_date>{_DATE}){SKIP}meeting{_END}{SKIP}(?P<adoption_meeting>{STRING})"
        rf"{SKIP}item{_END}{SKIP}(?P<adoption_item>{STRING})",
    ),
)
BODY_FIELD = _fields(
    *(_text(name) for name in ("name", "short", "head", "area")),
    _word("kind", "council|executive|department|committee|group"),
    _name("committee"),
    _strings("alias"),
    _field("relative"),
    _field("delegates", rf"{SKIP}to{_END}"),
)
PREAMBLE_FIELD = _fields(_text("default"), _text("caveat"))
THESAURUS_FIELD = _fields(_strings("synonyms"), _strings("ignore"), _strings("distinct"))


@cache
def keywords() -> frozenset[str]:
    """Every word the grammar writes in quotes ("case", "before", "lovbestemt"): never read as a
    name, as the contextual lexer reads such a word as a name only where it is no keyword."""
    with open(grammar.grammar_path(), encoding="utf-8") as handle:
        return frozenset(re.findall(rf'"({NAME})"', handle.read()))
