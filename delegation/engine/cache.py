"""The compiled-plan cache: JSON data keyed by every source's content, in a folder only its user writes.

Nothing read from the cache can run code: plans and indexes are JSON (rebuilt by plandata and
index_from_data), and a cache folder that another user owns, or that group or others may write,
is not used at all (said once on stderr). Entries are written atomically, so a racing reader
sees the old entry or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import re
import stat
from functools import lru_cache

from ..cachedir import cache_dir
from ..hints import TYPE_CHECKING, TypeVar
from ..language.sources import MAX_SOURCE_BYTES, StrPath, sha256, text_digest
from ..model import Plan, building
from ..plandata import plan_from_data, plan_to_data

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path
    from typing import Any

FORMAT = 2  # 1 was a pickle
T = TypeVar("T")


def _digest(path: str) -> str | None:
    """The digest of a source as it is now; None when it is not a regular file within the size
    limit (a FIFO put in an included file's place blocked the read, and a reload with it, for good):
    the entry is then stale, and the loader says what is wrong with the file."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)  # before fdopen, which refuses a folder with an exception of its own
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SOURCE_BYTES:
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return text_digest(stream.read(MAX_SOURCE_BYTES + 1))
    finally:
        os.close(handle)


@lru_cache(maxsize=1)
def _engine_stamp() -> str:
    """Changes whenever the engine or grammar could read the same sources differently.

    The engine's own source files are part of it, so that an edited engine never meets a plan
    compiled by its previous self: the version, and each file's path, size and modification time,
    as Python's own bytecode cache checks its sources (reading and hashing the 100 files took 2-4
    ms of a `delegation decide`; their stat calls take a tenth of that). Where every file has the
    same time (a reproducible build, a Nix store), their contents are hashed instead. The command
    (installed as delegation/cli, beside the source tree as cli/) reads no plan and is left out.
    """
    from .._version import __version__
    from ..language import grammar

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sources: list[tuple[str, str, int, int]] = []  # (name, path, size, modified)
    _engine_files(package, "", sources)
    sources.sort()
    engine = sha256(f"{__version__}\0{package}".encode())
    if len({modified for _, _, _, modified in sources}) > 1:
        for name, _, size, modified in sources:
            engine.update(f"{name}\0{size}\0{modified}\n".encode())
    else:
        for name, path, _, _ in sources:
            with open(path, "rb") as handle:
                engine.update(name.encode() + b"\0" + handle.read())
    with open(grammar.grammar_path(), "rb") as handle:
        engine.update(handle.read())
    return f"{FORMAT}:{engine.hexdigest()}"


def _engine_files(folder: str, relative: str, found: list[tuple[str, str, int, int]]) -> None:
    """The package's .py files below `folder`, without byte code or the command (os.scandir, whose
    entries know their kind: 0.45 ms for the 101 files, os.walk with a stat each 0.65 ms)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # an unreadable folder: skipped, as os.walk skips it
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):  # a linked folder is not followed, as os.walk
            if entry.name != "__pycache__" and not (relative == "" and entry.name == "cli"):
                _engine_files(entry.path, f"{relative}{entry.name}/", found)
        elif entry.name.endswith(".py"):
            info = entry.stat()
            found.append((relative + entry.name, entry.path, info.st_size, info.st_mtime_ns))


def _entry(folder: str, main: StrPath, kind: str = "plan") -> str:
    key = sha256(f"{os.fspath(main)}\0{_engine_stamp()}".encode()).hexdigest()[:32]
    return os.path.join(folder, f"{kind}-{key}.json")


def _load(entry: str) -> dict[str, Any] | None:
    """An entry's JSON; None for anything else in its place (a FIFO blocked the read for good, a
    nested-too-deep document raised RecursionError): the plan is then compiled again."""
    try:
        handle = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            record = json.load(stream)
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(handle)
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


def read(main: StrPath) -> Plan | None:
    """The cached plan for this main file if every recorded source still has the same content."""
    folder = cache_dir()
    if folder is None:
        return None
    # The JSON too is read with the collector paused: its millions of dicts and lists set off
    # collections that walk everything made so far (reading 100.000 case types took 10.9 s, 5.9 s with the collector paused).
    with building():
        record = _load(_entry(folder, main))
        if record is None:
            return None
        try:
            for source, digest in record["sources"].items():
                if _digest(source) != digest:
                    return None
            return plan_from_data(record["plan"])
        except (KeyError, TypeError, ValueError, AttributeError):  # an entry of another shape: compiled again
            return None


def write(main: StrPath, plan: Plan, sources: Mapping[str, str] | Mapping[Path, str]) -> None:
    """Store atomically (temp file + rename), so a racing reader sees the old or the new, never half."""
    folder = cache_dir()
    if folder is None:
        return
    record = {
        "format": FORMAT,
        "sources": {os.fspath(path): digest for path, digest in sources.items()},
        "plan": plan_to_data(plan),
    }
    _store(folder, _entry(folder, main), record)


def _store(folder: str, entry: str, record: dict[str, Any]) -> None:
    try:
        import tempfile  # here, not at the top: a `delegation decide` that hits the cache never needs it

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")  # mode 0600
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(record, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, entry)
        _prune(folder)
    except OSError:
        pass  # a read-only or full disk only costs speed


KEEP = 128  # entries of each kind: every plan of a few rules folders, for a few engine versions
INDEX_PARTS = ("index", "names")  # the resolver's index, and its names alone (read_index)
_KINDS = ("plan", *INDEX_PARTS)
_ENTRY = re.compile(rf"({'|'.join(_KINDS)})-[0-9a-f]{{32}}\.json")
_ABANDONED = 3600  # seconds after which a temporary file is a killed writer's, not a live one's


def _prune(folder: str) -> None:
    """Remove all but the KEEP newest entries of each kind, and temporary files a killed writer
    left. An entry's name hashes the engine that wrote it, so every upgrade (and, for an author,
    every edit of the engine) orphans the old ones: a developer's cache had grown to 82 MB. Run
    only after a write, which a hit never does. Only regular files named as this module names
    them are ever removed (a folder given by DELEGATION_CACHE_DIR may hold others)."""
    import time  # here: only a write prunes

    entries: dict[str, list[tuple[float, str]]] = {kind: [] for kind in _KINDS}
    now = time.time()
    for item in os.scandir(folder):
        try:
            if not item.is_file(follow_symlinks=False):
                continue
            modified = item.stat(follow_symlinks=False).st_mtime
            named = _ENTRY.fullmatch(item.name)
            if named is not None:
                entries[named[1]].append((modified, item.path))
            elif (
                item.name.startswith(".plan-") and item.name.endswith(".tmp") and now - modified > _ABANDONED
            ):
                os.unlink(item.path)
        except OSError:  # gone meanwhile (another process pruned it): nothing to do
            continue
    for found in entries.values():
        found.sort(reverse=True)
        for _, path in found[KEEP:]:
            try:
                os.unlink(path)
            except OSError:
                continue


# The resolver's index of a plan is kept beside the plan's entry, in a file of its own: it is built
# on the first free-text query (not at load: on 10.000 case types it costs as much as the load),
# and a decide by id or title never reads it. Such a decide reads only the index's names (the
# "names" entry: Aarhus plan B's is 30 KB of the index's 250 KB, 0,3 ms to read against 7 ms).


def _plan_digest(plan: Plan) -> list[list[str]]:
    return [[source.path, source.sha256] for source in plan.sources]


def read_index(main: StrPath, plan: Plan, part: str, convert: Callable[[Any], T]) -> T | None:
    """A part of the index stored for this main file (INDEX_PARTS), made by `convert` from its
    data, if it was built from exactly this plan's sources."""
    folder = cache_dir()
    if folder is None:
        return None
    with building():  # as read: an index of 100.000 case types is millions of objects too
        record = _load(_entry(folder, main, part))
        if record is None or record.get("sources") != _plan_digest(plan):
            return None
        try:
            return convert(record["index"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def write_index(main: StrPath, plan: Plan, part: str, data: Any) -> None:
    folder = cache_dir()
    if folder is not None:
        record = {"format": FORMAT, "sources": _plan_digest(plan), "index": data}
        _store(folder, _entry(folder, main, part), record)
