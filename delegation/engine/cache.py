"""A compiled-plan cache on disk, keyed by the content of every source file, safe to race."""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import cast

from ..language.sources import text_digest
from ..model import Plan, building

FORMAT = 1


def cache_dir() -> Path | None:
    """$DELEGATION_CACHE_DIR, else the user cache folder; None when DELEGATION_NO_CACHE is set."""
    if os.environ.get("DELEGATION_NO_CACHE"):
        return None
    configured = os.environ.get("DELEGATION_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "delegation"


def _digest(path: Path) -> str | None:
    try:
        return text_digest(path.read_bytes())
    except OSError:
        return None


@lru_cache(maxsize=1)
def _engine_stamp() -> str:
    """Changes whenever the engine or grammar could read the same sources differently.

    The engine's own source files are part of it, so that an edited engine never meets a plan
    compiled by its previous self (costs about a millisecond per process).
    """
    from ..language import grammar

    engine = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")) + [grammar.grammar_path()]:
        engine.update(path.read_bytes())
    return f"{FORMAT}:{engine.hexdigest()}"


def _entry(folder: Path, main: Path) -> Path:
    key = hashlib.sha256(f"{main}\0{_engine_stamp()}".encode()).hexdigest()[:32]
    return folder / f"plan-{key}.pickle"


def read(main: Path) -> Plan | None:
    """The cached plan for this main file if every recorded source still has the same content."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(_entry(folder, main), "rb") as handle, building():
            record = pickle.load(handle)
        if not isinstance(record, dict) or record.get("format") != FORMAT:
            return None
        for source, digest in record["sources"].items():
            if _digest(Path(source)) != digest:
                return None
        plan = record["plan"]
        return plan if isinstance(plan, Plan) else None
    except Exception:  # a missing, truncated or foreign cache file is simply rebuilt
        return None


def write(main: Path, plan: Plan, sources: dict[Path, str]) -> None:
    """Store atomically (temp file + rename), so a racing reader sees the old or the new, never half."""
    folder = cache_dir()
    if folder is None:
        return
    record = {
        "format": FORMAT,
        "sources": {str(path): digest for path, digest in sources.items()},
        "plan": plan,
    }
    _store(folder, _entry(folder, main), record)


def _store(folder: Path, entry: Path, record: dict[str, object]) -> None:
    try:
        import tempfile  # here, not at the top: a `delegation decide` that hits the cache never needs it

        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        pass  # a read-only or full disk only costs speed


# The resolver's index of a plan is kept beside the plan's entry, in a file of its own: it is built
# on the first free-text query (not at load: on 10.000 case types it costs as much as the load),
# and a decide by id or title never reads it.


def _index_entry(folder: Path, main: Path) -> Path:
    return _entry(folder, main).with_suffix(".index")


def _plan_digest(plan: Plan) -> tuple[tuple[str, str], ...]:
    return tuple((source.path, source.sha256) for source in plan.sources)


def read_index(main: Path, plan: Plan) -> object | None:
    """The index stored for this main file, if it was built from exactly this plan's sources."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(_index_entry(folder, main), "rb") as handle, building():
            record = pickle.load(handle)
        if (
            isinstance(record, dict)
            and record.get("format") == FORMAT
            and record.get("sources") == _plan_digest(plan)
        ):
            return cast(object, record["index"])  # the caller checks it is an Index
    except Exception:  # missing, truncated or foreign: built again
        pass
    return None


def write_index(main: Path, plan: Plan, index: object) -> None:
    folder = cache_dir()
    if folder is not None:
        _store(
            folder,
            _index_entry(folder, main),
            {"format": FORMAT, "sources": _plan_digest(plan), "index": index},
        )
