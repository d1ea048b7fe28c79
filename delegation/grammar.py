"""Build the LALR parser from the packaged grammar file (once per process)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Lark


def grammar_path() -> Path:
    """The .lark file: packaged as delegation.builtin_grammar, or grammar/ beside the source tree."""
    try:
        packaged = resources.files("delegation.builtin_grammar") / "delegation.lark"
        if packaged.is_file():
            return Path(str(packaged))
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "grammar" / "delegation.lark"


@lru_cache(maxsize=1)
def parser() -> "Lark":
    """The reference LALR parser (Lark's own lexer, a parse tree): used to report syntax errors.

    Lark keeps the compiled tables in its own cache keyed by the grammar.
    """
    from lark import Lark  # imported here: a cached plan needs no parser, and lark costs start-up time
    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", maybe_placeholders=False,
                cache=True)


@lru_cache(maxsize=1)
def building_parser() -> "Lark":
    """The same grammar with every token kept: lalr.run builds the model with it (a construct's
    position is its first token's; errors are reported by parser()), and fmt rebuilds the layout
    from its parse tree."""
    from lark import Lark
    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", maybe_placeholders=False,
                keep_all_tokens=True, cache=True)
