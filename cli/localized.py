"""The command line in the user's language: `--lang`, else DELEGATION_LANG, else Danish, for help,
usage errors and messages alike (click's own included)."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

import click

from delegation.messages import LANGUAGES, default_lang

from .answers import lang_in
from .click_da import CLICK_DA, METAVARS_DA
from .help_texts import HELP

_ENGLISH = {danish: english for english, danish in CLICK_DA.items()}
_CHOSEN: ContextVar[str | None] = ContextVar("delegation_cli_lang", default=None)

# The modules of click that mark their messages for translation with gettext's `_`/`ngettext`.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def cli_lang() -> str:
    """The language of this run: `--lang` on its command line, else DELEGATION_LANG, else Danish."""
    return _CHOSEN.get() or default_lang()


def say(key: str, *, lang: str | None = None, **values: object) -> str:
    """A text of the command line (help_texts.HELP) in this run's language, or in `lang`."""
    return HELP[key][lang if lang in LANGUAGES else cli_lang()].format(**values)


def _click_text(message: str) -> str:
    return CLICK_DA.get(message, message) if cli_lang() == "da" else message


def _click_plural(singular: str, plural: str, count: int) -> str:
    return _click_text(singular if count == 1 else plural)


def install_click_translations() -> None:
    """Click marks its messages with gettext's `_` and `ngettext`, bound in each of its modules:
    those names are pointed at the Danish table here (English passes through unchanged)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _click_text  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_plural  # type: ignore[attr-defined]


def _localize(command: click.Command, ctx: click.Context | None) -> None:
    """Help texts given as keys of HELP (and click's own, by their English) in this run's language."""
    lang = cli_lang()
    command.options_metavar = "[TILVALG]" if lang == "da" else "[OPTIONS]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "KOMMANDO [ARGUMENTER]..." if lang == "da" else "COMMAND [ARGS]..."
    source = command.__dict__.setdefault("_help_key", command.help)
    if source in HELP:
        command.help = HELP[source][lang]
    params = list(command.params)
    if ctx is not None:
        help_option = command.get_help_option(ctx)
        params += [help_option] if help_option is not None else []
    for param in params:
        if isinstance(param.type, click.Path):  # "file", "directory": in its metavar and its errors
            name = param.type.__dict__.setdefault("_name_key", _ENGLISH.get(param.type.name, param.type.name))
            param.type.name = _click_text(name)
        _localize_metavar(param, ctx, lang)
        if isinstance(param, click.Option):
            # click's help option is made in the language of its first use: remembered in English
            key = param.__dict__.setdefault("_help_key", _ENGLISH.get(param.help or "", param.help))
            if key in HELP:
                param.help = HELP[key][lang]
            elif key:
                param.help = _click_text(key)


def _localize_metavar(param: click.Parameter, ctx: click.Context | None, lang: str) -> None:
    """The placeholders of the usage line ("CASE", "NAME=VALUE") in the run's language."""
    if "_metavar_key" not in param.__dict__:
        if param.metavar is None and isinstance(param, click.Argument) and ctx is not None:
            param.__dict__["_metavar_key"] = param.make_metavar(
                ctx
            )  # "[CASE]", "PATHS...": as click makes it
        else:
            param.__dict__["_metavar_key"] = param.metavar
    english = param.__dict__["_metavar_key"]
    if english is not None:
        param.metavar = (
            re.sub(r"[A-Z]+", lambda word: METAVARS_DA.get(word[0], word[0]), english)
            if lang == "da"
            else english
        )


class LocalizedCommand(click.Command):
    """A command whose help (given as keys of HELP) is shown in the run's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _localize(self, ctx)  # before parsing: its usage errors name the options in that language
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        _localize(self, ctx)
        return super().get_help(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        _localize(self, None)
        return super().get_short_help_str(limit)


class LocalizedGroup(click.Group):
    """The group: finds the run's language first, then shows help and errors in it."""

    command_class = LocalizedCommand

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        token = _CHOSEN.set(lang_in(given))
        try:
            return super().main(given, *rest, **options)
        finally:
            _CHOSEN.reset(token)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _localize(self, ctx)
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        _localize(self, ctx)
        return super().get_help(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        # a subgroup ("log") is listed in its parent's help by its short help, like a command
        _localize(self, None)
        return super().get_short_help_str(limit)
