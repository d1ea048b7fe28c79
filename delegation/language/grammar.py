"""Build the LALR parser from the packaged grammar file (once per process)."""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

from ..hints import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Lark


def packaged_folder(package: str, wanted: str, beside: str) -> str:
    """The folder of a data package holding files named `*wanted` (installed), else `beside` the sources.

    A data folder is a namespace package (no __init__.py), so its __path__ names the real folder;
    importlib.resources would say the same at the cost of importing tempfile and shutil, which
    `delegation decide` otherwise never needs.
    """
    try:
        folders = importlib.import_module(package).__path__
    except ModuleNotFoundError:  # run from a source tree, or an editable install
        folders = []
    for folder in folders:
        try:
            if any(name.endswith(wanted) for name in os.listdir(folder)):
                return str(folder)
        except OSError:
            continue
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), beside)


def grammar_path() -> str:
    """The .lark file: packaged as delegation.builtin_grammar, or grammar/ beside the source tree."""
    return os.path.join(packaged_folder("delegation.builtin_grammar", ".lark", "grammar"), "delegation.lark")


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser of the grammar, every token kept: lalr.run builds the model with its tables
    (a construct's position is its first token's), syntax errors are its own parse's, and fmt
    rebuilds the layout from its parse tree.

    Lark keeps the compiled tables (a pickle: 13 ms to read, 150 ms to build) in our cache folder,
    which only this user can write (cachedir), never in the shared temp folder, where another user
    could plant one under the name anyone can compute from the grammar. No safe folder: no cache.
    """
    from lark import Lark  # imported here: a cached plan needs no parser, and lark costs start-up time

    from ..cachedir import cache_dir

    with open(grammar_path(), encoding="utf-8") as handle:
        text = handle.read()
    folder = cache_dir()
    cache: bool | str = False
    if folder is not None:
        from lark import __version__ as lark_version

        from .sources import sha256

        key = sha256(f"{lark_version}\0{text}".encode()).hexdigest()[:32]
        cache = os.path.join(folder, f"grammar-{key}.lark")
    return Lark(text, parser="lalr", maybe_placeholders=False, keep_all_tokens=True, cache=cache)
