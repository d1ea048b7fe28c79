"""Find plans: the built-in Aarhus rules shipped with the package, or any rules file or folder."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError, Problem, SourceError, did_you_mean
from .load import load_plan, read_source
from .model import Plan
from .parse import PlanHeader, parse_text


def builtin_rules_dir() -> Path:
    """The packaged rules (delegation.builtin_rules), or rules/ beside the source tree."""
    try:
        packaged = Path(str(resources.files("delegation.builtin_rules")))
        if (packaged / "plan_a.dlg").is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "rules"


def plan_files(rules_dir: str | Path | None = None) -> dict[str, Path]:
    """Plan id -> file, for every file in the folder that declares a plan."""
    folder = Path(rules_dir) if rules_dir else builtin_rules_dir()
    if not folder.is_dir():
        raise SourceError(Problem(f"{folder}: no such rules folder"))
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.dlg")):
        parsed = parse_text(read_source(path), path.name)
        header = next((item for item in parsed.items if isinstance(item, PlanHeader)), None)
        if header:
            found[header.id] = path
    return found


@lru_cache(maxsize=64)
def _load_cached(path: Path, stamp: tuple) -> Plan:
    return load_plan(path)


def _stamp(path: Path) -> tuple:
    """Modification stamps of the folder's rules files, so an edited file is never served stale."""
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                 for p in sorted(path.parent.glob("*.dlg")))


def load(plan: str | Path, rules_dir: str | Path | None = None) -> Plan:
    """A plan by id ("A", case-insensitive) from the rules folder, or by path to a rules file."""
    candidate = Path(plan)
    if candidate.suffix == ".dlg" or candidate.exists() or "/" in str(plan):
        if candidate.is_dir():
            raise InputError(Problem(f"{candidate}: is a folder; name a plan file in it",
                                     hint=", ".join(str(p) for p in plan_files(candidate).values())))
        if not candidate.exists():
            raise InputError(Problem(f"{candidate}: no such rules file"))
        resolved = candidate.resolve()
        return _load_cached(resolved, _stamp(resolved))
    files = plan_files(rules_dir)
    wanted = {key.lower(): key for key in files}
    key = wanted.get(str(plan).lower())
    if key is None:
        raise InputError(Problem(
            f"unknown plan '{plan}'; the plans are: {', '.join(files) or 'none'}",
            hint=did_you_mean(str(plan), files) or "or give the path to a .dlg rules file"))
    path = files[key].resolve()
    return _load_cached(path, _stamp(path))


def plans(rules_dir: str | Path | None = None) -> list[Plan]:
    """Every plan in the rules folder (the built-in Aarhus plans by default), by id."""
    return [load(path) for _, path in sorted(plan_files(rules_dir).items())]
