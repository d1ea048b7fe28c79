"""Which rules folder answers: --rules, then $DELEGATION_RULES, then delegation.toml upward, then the packaged rules."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping

from ..errors import InputError, Problem, did_you_mean
from ..hints import TYPE_CHECKING
from ..i18n import LANGUAGES, text
from ..language.sources import StrPath, shown_path, status
from ..messages import Localized, Message
from ..records import record

if TYPE_CHECKING:
    from typing import Literal

    Origin = Literal["option", "env", "project", "builtin"]

PROJECT_FILE = "delegation.toml"
ENV_VAR = "DELEGATION_RULES"
MAX_PROJECT_BYTES = 64 * 1024  # a project file names a folder; anything this big is not one


@record(kw_only=False)
class RulesFolder:
    """The folder plans are read from, and why that one: an author editing rules/ in a checkout
    must see those rules answer, not the copy `pip install .` put in site-packages."""

    path: str
    origin: Origin
    project_file: str | None = None  # the delegation.toml that named it (origin "project")

    def origin_text(self, lang: str = "da") -> str:
        """Why this folder, for a person: "--rules", "DELEGATION_RULES", the project file's path."""
        return text(lang, f"rules.origin.{self.origin}", file=self.project_file or PROJECT_FILE)


def find_rules(
    option: StrPath | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    start: StrPath | None = None,
) -> RulesFolder:
    """The rules folder as ruff and pytest find their configuration: an explicit `option` first,
    then $DELEGATION_RULES, then the first delegation.toml in `start` (the working directory) or
    above it, whose `rules` names the folder relative to the file; else the packaged rules.

    InputError (exit 2) for a folder that does not exist and for a project file that cannot be
    read or does not say `rules = "..."`: a mistake in the set-up is said, never skipped over.
    """
    environ = os.environ if environ is None else environ
    if option is not None and os.fspath(option) != "":
        return _existing(os.fspath(option), "option")
    if environ.get(ENV_VAR, "").strip():
        return _existing(environ[ENV_VAR].strip(), "env")
    project = _project_file(os.fspath(start) if start is not None else None)
    if project is not None:
        return _existing(os.path.join(os.path.dirname(project), _rules_named_in(project)), "project", project)
    from .registry import builtin_rules_dir  # here: the registry needs the language stage

    return RulesFolder(builtin_rules_dir(), "builtin")


def _existing(folder: str, origin: Origin, project: str | None = None) -> RulesFolder:
    folder = shown_path(folder)  # "rules/" and "./rules" are "rules"; ".." stays for the system to resolve
    found = RulesFolder(folder, origin, project)
    where = Localized(**{lang: found.origin_text(lang) for lang in LANGUAGES})
    try:
        found_status = status(folder)
        if found_status is None:
            raise InputError(Problem("rules.missing", {"folder": folder, "origin": where}, field="rules"))
        if not stat.S_ISDIR(found_status.st_mode):
            raise InputError(Problem("rules.not_folder", {"folder": folder, "origin": where}, field="rules"))
        if not os.access(folder, os.R_OK | os.X_OK):  # its plans could not be listed: say so
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return RulesFolder(os.path.realpath(folder), origin, project)
    except (OSError, RuntimeError) as error:  # a name too long, a link loop, a deleted working folder
        if isinstance(error, RecursionError):
            raise
        reason = getattr(error, "strerror", None) or str(error)
        problem = Problem(
            "rules.unreadable", {"folder": folder, "origin": where, "error": reason}, field="rules"
        )
        raise InputError(problem) from None


def _project_file(start: str | None) -> str | None:
    """The nearest delegation.toml in the folder or above it (None when the working directory is gone)."""
    try:
        here = os.path.realpath(start or os.getcwd())
    except OSError:
        return None
    while True:
        candidate = os.path.join(here, PROJECT_FILE)
        found = status(candidate)
        if found is not None and stat.S_ISREG(found.st_mode):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _rules_named_in(project: str) -> str:
    """The `rules` of a project file, checked: TOML, only known keys, a string."""
    import tomllib  # here: only a run inside a project with a delegation.toml needs it

    def refuse(key: str, hint: Message | None = None, **values: object) -> InputError:
        return InputError(Problem(key, {"file": project, **values}, hint=hint or Message("rules.toml.hint")))

    try:
        with open(project, "rb") as handle:
            raw = handle.read(MAX_PROJECT_BYTES + 1)
    except OSError as error:
        raise refuse("rules.toml.unreadable", error=error.strerror or error) from None
    if len(raw) > MAX_PROJECT_BYTES:
        raise refuse("rules.toml.too_big", size=MAX_PROJECT_BYTES)
    try:
        settings = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise refuse("rules.toml.not_utf8") from None
    except tomllib.TOMLDecodeError as error:
        raise refuse("rules.toml.syntax", error=error) from None
    except RecursionError:  # "a=[[[[…" thousands deep
        raise refuse("rules.toml.syntax", error=Message("rules.toml.too_deep")) from None
    for key in settings:
        if key != "rules":
            raise refuse("rules.toml.key", did_you_mean(key, ["rules"]), name=key)
    folder = settings.get("rules")
    if folder is None or (isinstance(folder, str) and not folder.strip()):
        raise refuse("rules.toml.no_rules")
    if not isinstance(folder, str):
        raise refuse("rules.toml.type", kind=type(folder).__name__)
    return folder
