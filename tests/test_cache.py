"""The compiled-plan cache: never stale, never trusted when corrupt, safe when processes race."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import delegation
from delegation.cachedir import safe_folder
from delegation.engine import cache
from delegation.engine.registry import builtin_rules_dir
from delegation.language.assemble import load_plan_and_sources


@pytest.fixture
def rules(tmp_path, monkeypatch):
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    return folder


def _compile(main: Path):
    plan, sources = load_plan_and_sources(main)
    cache.write(main.resolve(), plan, sources)
    return plan


def test_hit_returns_an_equal_plan(rules):
    main = (rules / "plan_b.dlg").resolve()
    plan = _compile(main)
    cached = cache.read(main)
    assert cached == plan
    assert cached.decide("erhvervspulje", amount=300_000).decides == "magistraten"


def test_an_edit_to_any_source_invalidates(rules):
    main = (rules / "plan_b.dlg").resolve()
    _compile(main)
    parent = rules / "plan_a.dlg"  # B extends A: editing A must be noticed too
    parent.write_text(parent.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.read(main) is None


def test_a_file_with_a_byte_order_mark_is_found_in_the_cache(rules):
    main = (rules / "plan_a.dlg").resolve()
    main.write_bytes(b"\xef\xbb\xbf" + main.read_bytes())
    _compile(main)
    assert cache.read(main) is not None


def test_corrupt_entry_is_ignored_and_rebuilt(rules):
    main = (rules / "plan_a.dlg").resolve()
    _compile(main)
    entry = next(Path(cache.cache_dir()).glob("plan-*.json"))
    entry.write_bytes(b"not json")
    assert cache.read(main) is None
    _compile(main)
    assert cache.read(main) is not None


def test_disabled_by_environment(rules, monkeypatch):
    monkeypatch.setenv("DELEGATION_NO_CACHE", "1")
    main = (rules / "plan_a.dlg").resolve()
    _compile(main)
    assert cache.read(main) is None


def test_racing_processes_agree(rules, tmp_path):
    script = (
        "import sys, delegation; p = delegation.load(sys.argv[1]);"
        "print(p.decide('erhvervspulje', amount=600000).decides)"
    )
    env = {"DELEGATION_CACHE_DIR": str(cache.cache_dir()), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(rules / "plan_c.dlg")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,  # `python -c` puts the working directory first: the installed package, as here
        )
        for _ in range(4)
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert [out.strip() for out, _ in outputs] == ["magistraten"] * 4, outputs
    assert cache.read((rules / "plan_c.dlg").resolve()) is not None


def test_the_resolver_index_is_kept_beside_the_plan_and_never_served_for_other_rules(rules):
    from delegation.engine.index import index_from_data, index_of, names_of

    main = (rules / "plan_a.dlg").resolve()
    plan = _compile(main)
    plan.memo["path"] = main
    built = index_of(plan)
    found = cache.read_index(main, cache.read(main), "index", index_from_data)
    assert found is not None and found.exact == built.exact

    # Its names, for a title typed as the plan writes it, in an entry of their own: written by the
    # first that looks for them (from the stored index), read alone after that
    def read_back():
        plan = cache.read(main)
        assert plan is not None
        plan.memo["path"] = main
        return plan

    first, then = read_back(), read_back()
    assert names_of(first) == (built.exact, built.siblings) and "index" in first.memo
    assert names_of(then) == (built.exact, built.siblings) and "index" not in then.memo
    # Edited rules: the stored index belongs to other sources and is not used.
    (rules / "plan_a.dlg").write_text(
        (rules / "plan_a.dlg").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    edited = _compile(main)
    assert cache.read_index(main, edited, "index", index_from_data) is None
    assert cache.read_index(main, edited, "names", lambda data: data) is None


PLANTED = b"cos\nsystem\n(S'touch PLANTED_RAN'\ntR."  # a pickle that runs a command when unpickled


def test_a_planted_pickle_in_the_cache_runs_nothing(rules, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    main = (rules / "plan_a.dlg").resolve()
    _compile(main)
    for entry in Path(cache.cache_dir()).iterdir():
        entry.write_bytes(PLANTED)
    # Every name a cache entry has had, old format included.
    (Path(cache.cache_dir()) / "plan-00000000000000000000000000000000.pickle").write_bytes(PLANTED)
    assert cache.read(main) is None
    assert delegation.load(main).decide("erhvervspuljen", amount=600_000).decides == "byraadet"
    assert delegation.load(main).decide("hvem godkender årsregnskabet").case_type.id == "aarsregnskab"
    assert not (tmp_path / "PLANTED_RAN").exists()


@pytest.mark.parametrize(
    "mode, problem", [(0o777, "andre kan skrive i den"), (0o775, "andre kan skrive i den")]
)
def test_a_cache_folder_others_can_write_is_not_used(rules, tmp_path, monkeypatch, capfd, mode, problem):
    shared = tmp_path / f"shared-{mode:o}"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(shared))
    safe_folder.cache_clear()
    main = (rules / "plan_a.dlg").resolve()
    _compile(main)
    assert cache.cache_dir() is None and list(shared.iterdir()) == []
    assert problem in capfd.readouterr().err


def test_a_new_cache_folder_is_private(rules, tmp_path, monkeypatch):
    folder = tmp_path / "fresh" / "cache"
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(folder))
    safe_folder.cache_clear()
    _compile((rules / "plan_a.dlg").resolve())
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(entry.stat().st_mode & 0o077 == 0 for entry in folder.iterdir())


def test_the_grammar_tables_are_cached_only_in_the_private_folder(tmp_path, monkeypatch):
    import tempfile

    from delegation.language import grammar

    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    private = tmp_path / "private"
    monkeypatch.setenv("DELEGATION_CACHE_DIR", str(private))
    safe_folder.cache_clear()
    grammar.parser.cache_clear()
    try:
        grammar.parser()
        assert list(shared_tmp.iterdir()) == []
        assert [p.name.startswith("grammar-") for p in private.iterdir()] == [True]
        # A planted file in the shared temp folder is never read: the tables come from the private one.
        (shared_tmp / ".lark_cache_planted.tmp").write_bytes(PLANTED)
        grammar.parser.cache_clear()
        assert grammar.parser().parse("plan A { }")
    finally:
        grammar.parser.cache_clear()
        safe_folder.cache_clear()


def test_a_write_keeps_only_the_newest_entries_of_each_kind(rules, monkeypatch):
    import os

    folder = Path(os.environ["DELEGATION_CACHE_DIR"])
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    monkeypatch.setattr(cache, "KEEP", 3)
    for number in range(6):  # orphans of earlier engines: the oldest first
        for kind in ("plan", "index", "names"):
            old = folder / f"{kind}-{number:032x}.json"
            old.write_text("{}")
            os.utime(old, (1_000_000 + number, 1_000_000 + number))
    # Not the cache's to remove: a file of the user's, named alike; a temporary file of a live writer.
    theirs = folder / "plan-2024.json"
    theirs.write_text("{}")
    os.utime(theirs, (1_000, 1_000))
    (folder / ".plan-live.tmp").write_text("")
    abandoned = folder / ".plan-killed.tmp"
    abandoned.write_text("")
    os.utime(abandoned, (1_000, 1_000))
    main = (rules / "plan_a.dlg").resolve()
    _compile(main)
    plans = sorted(path.name for path in folder.glob("plan-*.json"))
    assert Path(cache._entry(str(folder), main)).name in plans and "plan-2024.json" in plans
    assert f"plan-{5:032x}.json" in plans and f"plan-{2:032x}.json" not in plans and len(plans) == 4
    assert len(list(folder.glob("index-*.json"))) == len(list(folder.glob("names-*.json"))) == 3
    assert (folder / ".plan-live.tmp").exists() and not abandoned.exists()
    assert cache.read(main) is not None


@pytest.mark.parametrize("data", [b"", b"plan A {}\n", "æøå ".encode() * 5000])
def test_the_digest_is_hashlibs_sha256(data):
    """Digests come from the C module hashlib falls back to (hashlib loads OpenSSL): the same bytes."""
    import hashlib

    from delegation.language.sources import sha256, text_digest

    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert text_digest(b"\xef\xbb\xbf" + data) == hashlib.sha256(data).hexdigest()


def test_threads_reading_plans_at_once_each_get_the_whole_plan(rules):
    """plandata prepares a class's builder on first use: threads switching as often as the
    interpreter can all read equal plans, and the builders stay right for later reads."""
    import json
    import threading

    from delegation import plandata

    plan = _compile((rules / "plan_b.dlg").resolve())
    text = json.dumps(plandata.plan_to_data(plan))
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(5):
            plandata._builder.cache_clear()
            start, found = threading.Barrier(6), []

            def read(start: threading.Barrier, found: list) -> None:
                start.wait()
                found.append(plandata.plan_from_data(json.loads(text)))

            threads = [threading.Thread(target=read, args=(start, found)) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert found == [plan] * 6
            assert plandata.plan_from_data(json.loads(text)) == plan
    finally:
        sys.setswitchinterval(interval)
