"""The front door measured: the evaluation sets of tests/golden/resolution*.json, per kind of query.

    python bench/resolution.py            # correct / asked back / wrong / missed per kind, and timings
                                          # (the project's own set, a reviewer's and an audit's)
    python bench/resolution.py --misses   # also every query that was not answered correctly

Each query is decided as `delegation decide "TEXT" --plan P [--fact ...] --json` decides it. An
expectation is a case type id, null ("the plan does not list it") or "?" (asking back is right).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import delegation
from delegation.engine.index import index_of
from delegation.engine.resolve import resolve_case
from delegation.errors import DelegationError

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
SETS = {
    "own": GOLDEN / "resolution.json",
    "review": GOLDEN / "resolution_review.json",
    "audit": GOLDEN / "resolution_audit.json",
}


def outcome(row: dict) -> str:
    """correct, asked (back), wrong or missed, for one query of the evaluation set."""
    plan = delegation.load(row["plan"])
    try:
        decision = plan.decide(row["query"], **row["facts"])
    except DelegationError:
        return "missed"
    expect = row["expect"]
    if decision.candidates:
        return "correct" if expect == "?" else "asked"
    found = decision.case_type.id if decision.case_type else None
    if found == expect or (expect == "?" and found is None):
        return "correct"
    if found is None:
        return "missed" if expect else "wrong"
    return "wrong"


def main() -> None:
    for name, path in SETS.items():
        print(f"{name}: {path.name}")
        report(json.loads(path.read_text(encoding="utf-8")))
    timings(json.loads(SETS["own"].read_text(encoding="utf-8")))


def report(rows: list[dict]) -> None:
    table: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for row in rows:
        result = outcome(row)
        table[row["kind"]][result] += 1
        if result != "correct":
            misses.append((result, row))
    print(f"{'kind':<12} {'n':>4} {'correct':>8} {'asked':>6} {'wrong':>6} {'missed':>7}")
    total: Counter = Counter()
    for kind, counts in table.items():
        n = sum(counts.values())
        total.update(counts)
        print(
            f"{kind:<12} {n:>4} {100 * counts['correct'] / n:>7.0f}% {counts['asked']:>6} "
            f"{counts['wrong']:>6} {counts['missed']:>7}"
        )
    n = sum(total.values())
    print(
        f"{'all':<12} {n:>4} {100 * total['correct'] / n:>7.1f}% {total['asked']:>6} "
        f"{total['wrong']:>6} {total['missed']:>7}"
    )
    if "--misses" in sys.argv:
        for result, row in misses:
            print(f"  {result:<7} {row['plan']} {row['query']!r} -> expected {row['expect']}")


def timings(rows: list[dict]) -> None:
    """Free-text resolution in-process (index built beforehand, as the compiled cache keeps it)."""
    plans = {p.id: p for p in delegation.plans()}
    for plan in plans.values():
        index_of(plan)
    samples = []
    for _ in range(20):
        for row in rows:
            plan = plans[row["plan"]]
            start = time.perf_counter()
            resolve_case(plan, row["query"])
            samples.append(time.perf_counter() - start)
    samples.sort()
    print(
        f"free text: median {statistics.median(samples) * 1e6:.0f} µs, "
        f"p99 {samples[int(len(samples) * 0.99)] * 1e6:.0f} µs over {len(samples)} resolutions"
    )
    plan = plans["A"]
    start = time.perf_counter()
    for _ in range(10_000):
        resolve_case(plan, "Bevillinger fra Erhvervspuljen")
    exact = (time.perf_counter() - start) / 10_000
    print(f"exact title: {exact * 1e6:.1f} µs")


def synthetic(case_types: int = 10_000) -> None:
    """Free text on the synthetic plan of bench/synth.py, and what the index costs beside a load."""
    import os
    import random
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ["DELEGATION_NO_CACHE"] = "1"
    from synth import write_municipality

    from delegation.engine.index import Index
    from delegation.language.assemble import load_plan

    files = write_municipality(Path(tempfile.mkdtemp()), "Synth", case_types)
    start = time.perf_counter()
    plan = load_plan(next(iter(files.values())))
    load = time.perf_counter() - start
    start = time.perf_counter()
    plan.memo["index"] = Index(plan)
    build = time.perf_counter() - start
    print(
        f"{case_types} case types: load {load:.2f} s; the index, built on the first free-text "
        f"query and then cached: {build:.2f} s"
    )
    rng = random.Random(1)
    samples = []
    for case in rng.sample(list(plan.case_types.values()), 300):
        words = case.title.split() + list(case.aliases)
        query = "hvem beslutter " + " ".join(rng.sample(words, max(1, len(words) // 2)))
        start = time.perf_counter()
        resolve_case(plan, query)
        samples.append(time.perf_counter() - start)
    samples.sort()
    print(
        f"free text, {case_types} case types: median {statistics.median(samples) * 1e6:.0f} µs, "
        f"p99 {samples[int(len(samples) * 0.99)] * 1e6:.0f} µs"
    )


if __name__ == "__main__":
    main()
    synthetic()
