"""Find plans: the built-in rules shipped with the package, or any rules file or folder."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from functools import lru_cache

from ..errors import DelegationError, InputError, Problem, SourceError, ValidationError, did_you_mean
from ..hints import cast
from ..language.grammar import packaged_folder
from ..language.sources import StrPath, read_source, shown_path, status
from ..messages import Message
from ..model import Plan
from . import cache

# A plan declaration starts a line: "plan A {" or "plan B extends ...". Reading this line is enough
# to list the plans of a folder without parsing every file.
_PLAN_LINE = re.compile(r"^plan\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def builtin_rules_dir() -> str:
    """The packaged rules (delegation.builtin_rules), or rules/ beside the source tree."""
    return packaged_folder("delegation.builtin_rules", ".dlg", "rules")


def plan_files(rules_dir: StrPath | None = None, required: bool = False) -> dict[str, str]:
    """Plan id -> file, for every file in the folder that declares a plan; `required`: a folder
    with none is an error (every plan of it was asked for: nothing answered, and exit 0)."""
    folder = shown_path(rules_dir) if rules_dir else builtin_rules_dir()
    if not _is_folder(folder):
        raise SourceError(Problem("registry.no_folder", {"folder": folder}))
    found: dict[str, str] = {}
    for plan_id, path in _declared_plans(folder, _stamp(folder)):
        found.setdefault(plan_id, path)
    if required and not found:
        raise SourceError(
            Problem(
                "checking.no_plans", {"folder": folder}, hint=Message("checking.no_plans.hint"), field="rules"
            )
        )
    return found


def check_unique(rules_dir: StrPath | None = None, plan_id: str | None = None) -> None:
    """SourceError when two files of the folder declare one plan (`plan_id`, or any): a copy
    ("plan_c - kopi.dlg") silently won over the file being edited, by its name's sort order."""
    folder = shown_path(rules_dir) if rules_dir else builtin_rules_dir()
    seen: dict[str, str] = {}
    for declared, path in _declared_plans(folder, _stamp(folder)):
        if declared in seen and plan_id in (None, declared):
            raise SourceError(
                Problem(
                    "registry.duplicate",
                    {
                        "plan": declared,
                        "files": f"{os.path.basename(seen[declared])}, {os.path.basename(path)}",
                    },
                    hint=Message("registry.duplicate.hint"),
                    code="DLG002",
                )
            )
        seen.setdefault(declared, path)


@lru_cache(maxsize=16)
def _declared_plans(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, str], ...]:
    """The folder's plan files, read once per state of the folder (`stamp`): `load("A")` asks for
    them on every call."""
    found: list[tuple[str, str]] = []
    inside = os.path.join(os.path.realpath(folder), "")
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".dlg"))
    except OSError:
        names = []
    for name in names:
        path = os.path.join(folder, name)
        if os.path.islink(path) and not os.path.realpath(path).startswith(inside):
            continue  # a link out of the folder (or to itself): its plan would read files no reload watches
        plan_id = declared_plan(path)
        if plan_id:
            found.append((plan_id, path))
    return tuple(found)


def declared_plan(path: StrPath) -> str | None:
    """The id a rules file declares ("plan A {"), read without parsing; None for an included file,
    and for anything that is not a readable rules file (an editor's dangling lock link, a FIFO, a
    file over the size limit): those are the loader's to report, never a reason to hang or crash."""
    try:
        text = read_source(path)
    except SourceError:
        return None
    # Lines starting "plan" found by str.find, then matched: _PLAN_LINE.search tries every line
    # start of the file (0.6 ms for the Aarhus folder, this 0.05 ms).
    lined = "\n" + text
    at = lined.find("\nplan")
    while at != -1:
        match = _PLAN_LINE.match(lined, at + 1)
        if match:
            return match.group(1)
        at = lined.find("\nplan", at + 1)
    return None


@lru_cache(maxsize=64)
def _load_cached(path: str, stamp: tuple[tuple[str, int, int], ...]) -> Plan:
    """In-process memo over the disk cache over a full parse and validation."""
    plan = cache.read(path)
    if plan is None:
        from pathlib import Path  # here: only compiling needs it (7 ms of imports)

        from ..language.assemble import load_plan_and_sources

        plan, sources = load_plan_and_sources(Path(path))
        cache.write(path, plan, sources)
    plan.memo["path"] = path
    return plan


def forget() -> None:
    """Drop the in-process memos of plans and plan files: the next `load` reads the files again,
    checked against the compiled cache by content, whatever their modification stamps say (a
    reload after `cp -p` or two saves within one clock tick must not serve the old rules)."""
    _declared_plans.cache_clear()
    _load_cached.cache_clear()


def _stamp(folder: str) -> tuple[tuple[str, int, int], ...]:
    """Modification stamps of every file in a rules folder and below it (a plan reads nothing
    outside it), so an edited file, an included one too, is never served stale.

    os.scandir, not Path.glob: the same stamps in a tenth of the time (15 against 140 µs for the
    Aarhus folder), and every `load` and unclear text asks for them.
    """
    entries: list[tuple[str, int, int]] = []
    pending = [(folder, "")]
    while pending and len(entries) < 10_000:
        current, prefix = pending.pop()
        try:
            with os.scandir(current) as scan:
                for entry in scan:
                    if entry.name.startswith((".#", "__pycache__")) or entry.name.endswith(
                        (".swp", ".swx", "~")
                    ):
                        continue  # editors' lock and swap files, Python's byte code
                    try:
                        if entry.is_dir():
                            pending.append((entry.path, f"{prefix}{entry.name}/"))
                            continue
                        info = entry.stat()
                    except OSError:  # a dangling link: not a rules file
                        continue
                    entries.append((prefix + entry.name, info.st_mtime_ns, info.st_size))
        except OSError:
            continue
    return tuple(sorted(entries))


def names_a_file(plan: StrPath) -> bool:
    """The one rule for when a plan argument is a path: a Path object, a name ending in ".dlg", or
    a name with a path separator ("./B"). Anything else is a plan id, so a folder or file called
    "B" in the working directory never stands in for plan B."""
    text = os.fspath(plan)
    return not isinstance(plan, str) or text.endswith(".dlg") or "/" in text or os.sep in text


def _is_folder(path: str) -> bool:
    found = status(path)
    return found is not None and stat.S_ISDIR(found.st_mode)


def plan_path(plan: StrPath, rules_dir: StrPath | None = None) -> str:
    """The rules file of a plan given by id ("A", case-insensitive) or by path; InputError if none."""
    try:
        return _plan_path(plan, rules_dir)
    except (OSError, RuntimeError) as error:  # a name too long, a link loop, a folder gone
        if isinstance(error, RecursionError):
            raise
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(
            Problem("source.unreadable", {"name": str(plan), "reason": reason}, field="plan")
        ) from None


def _plan_path(plan: StrPath, rules_dir: StrPath | None) -> str:
    candidate = shown_path(plan)
    if names_a_file(plan):
        if _is_folder(candidate):
            raise InputError(
                Problem(
                    "registry.folder",
                    {"path": candidate},
                    hint=Message(
                        "registry.folder.hint",
                        files=", ".join(plan_files(candidate).values()) or Message("word.none"),
                    ),
                )
            )
        if status(candidate) is None:
            raise InputError(Problem("source.missing", {"name": candidate}))
        return os.path.realpath(candidate)
    files = plan_files(rules_dir)
    wanted = {key.lower(): key for key in files}
    key = wanted.get(str(plan).lower())
    if key is None:
        raise InputError(
            Problem(
                "registry.unknown_plan",
                {"plan": str(plan), "plans": ", ".join(files) or Message("word.none")},
                hint=did_you_mean(str(plan), files) or Message("registry.unknown_plan.hint"),
                field="plan",
            )
        )
    check_unique(rules_dir, key)
    return os.path.realpath(files[key])


def load(plan: StrPath, rules_dir: StrPath | None = None) -> Plan:
    """A plan by id ("A", case-insensitive) from the rules folder, or by path to a rules file."""
    path = plan_path(plan, rules_dir)
    loaded = _load_cached(path, _stamp(os.path.dirname(path)))
    if not names_a_file(plan) and loaded.id.lower() != str(plan).lower():
        raise ValidationError(
            Problem(
                "registry.wrong_id",
                {"file": os.path.basename(path), "declared": loaded.id, "plan": str(plan)},
            )
        )
    return loaded


def plans(rules_dir: StrPath | None = None) -> list[Plan]:
    """Every plan in the rules folder (the built-in plans by default), by id."""
    check_unique(rules_dir)
    return [load(path) for _, path in sorted(plan_files(rules_dir, required=True).items())]


def companions(plan: Plan) -> list[Plan]:
    """The other plans of the same municipality in the plan's rules folder (the drafts it is
    weighed against), by id; none for a plan not loaded from a file or naming no municipality."""
    served = plan.memo.get("served_with")
    if served is not None:  # a service answers from the plans it validated, never fresh from disk
        return list(served)
    path = plan.memo.get("path")
    if path is None or not plan.municipality:
        return []
    path = os.fspath(path)  # a Path set by a caller, as the memo held before
    # Kept per state of the folder: an unclear text asks for them on every resolution, and
    # loading each by path costs a dozen file-system calls (a third of such a resolution).
    stamp = _stamp(os.path.dirname(path))
    known = plan.memo.get("companions")
    if known is not None and known[0] == stamp:
        return cast("list[Plan]", known[1])
    found = []
    for other_path in dict(_declared_plans(os.path.dirname(path), stamp)).values():
        if os.path.realpath(other_path) == path:
            continue
        try:
            other = load(other_path)
        except DelegationError:
            continue  # a broken draft beside this one says nothing about this plan's cases
        if other.municipality == plan.municipality:
            found.append(other)
    plan.memo["companions"] = (stamp, found)
    return found


def by_municipality(plans: Iterable[Plan]) -> dict[str, list[Plan]]:
    """One municipality's plans together, by id ("" for plans that name no municipality)."""
    groups: dict[str, list[Plan]] = {}
    for plan in sorted(plans, key=lambda p: p.id):
        groups.setdefault(plan.municipality or "", []).append(plan)
    return groups


def municipalities(rules_dir: StrPath | None = None) -> dict[str, list[Plan]]:
    """The plans of the rules folder, each municipality's together (the built-in Aarhus drafts by
    default): the plans one of them has had in force, and its drafts."""
    return by_municipality(plans(rules_dir))
