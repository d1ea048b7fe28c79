"""The language: rules text -> tokens -> a validated Plan (grammar, parser, include/extends, checks, layout)."""

from ..hints import TYPE_CHECKING
from ..lazy import exports

if TYPE_CHECKING:
    from .assemble import assemble as assemble
    from .assemble import load_plan as load_plan
    from .fmt import format_paths as format_paths
    from .fmt import format_text as format_text
    from .grammar import parser as parser
    from .lexer import DelegationLexer as DelegationLexer
    from .parse import parse_text as parse_text
    from .validate import validate as validate

__getattr__, __all__ = exports(
    __name__,
    {
        "parse_text": "parse",
        "load_plan": "assemble",
        "assemble": "assemble",
        "validate": "validate",
        "format_text": "fmt",
        "format_paths": "fmt",
        "DelegationLexer": "lexer",
        "parser": "grammar",
    },
)
