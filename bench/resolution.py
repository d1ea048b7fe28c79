"""The front door measured: the evaluation set of tests/golden/resolution.json, per kind of query.

    python bench/resolution.py            # correct / asked back / wrong / missed per kind, and timings
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
from delegation.errors import DelegationError
from delegation.index import index_of
from delegation.resolve import resolve_case

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "golden" / "resolution.json"


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
    rows = json.loads(QUERIES.read_text(encoding="utf-8"))
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
        print(f"{kind:<12} {n:>4} {100 * counts['correct'] / n:>7.0f}% {counts['asked']:>6} "
              f"{counts['wrong']:>6} {counts['missed']:>7}")
    n = sum(total.values())
    print(f"{'all':<12} {n:>4} {100 * total['correct'] / n:>7.1f}% {total['asked']:>6} "
          f"{total['wrong']:>6} {total['missed']:>7}")
    if "--misses" in sys.argv:
        for result, row in misses:
            print(f"  {result:<7} {row['plan']} {row['query']!r} -> expected {row['expect']}")
    timings(rows)


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
    print(f"free text: median {statistics.median(samples) * 1e6:.0f} µs, "
          f"p99 {samples[int(len(samples) * 0.99)] * 1e6:.0f} µs over {len(samples)} resolutions")
    plan = plans["A"]
    exact = [time.perf_counter() for _ in range(1)]
    start = time.perf_counter()
    for _ in range(10_000):
        resolve_case(plan, "Bevillinger fra Erhvervspuljen")
    exact = (time.perf_counter() - start) / 10_000
    print(f"exact title: {exact * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
