"""Benchmarks of `delegation check`, `graph` and `body` (not part of the test run): python bench/check.py

Prints the median of: check() of plans A, B and C in a fresh process (parsing included) and warm
in-process, lint() of one loaded plan, build_graph() of plan B, the PNG through Graphviz, and the
wall time of the commands `delegation check` and `delegation graph --format png`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COLD_SNIPPET = """
import json, time
started = time.perf_counter()
import delegation
report = delegation.check()
print(json.dumps({"seconds": time.perf_counter() - started, "findings": len(report.findings)}))
"""


def _median(action, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    import delegation
    from delegation.analysis.graph import build_graph, draw
    from delegation.analysis.lint import lint
    from delegation.analysis.roles import body_report

    cold = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", COLD_SNIPPET], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    plan_a, plan_b = delegation.load("A"), delegation.load("B")
    rows = [
        (
            "check A, B, C (fresh process, incl. import and parse)",
            statistics.median(sample["seconds"] for sample in cold),
        ),
        ("check A, B, C (warm, in-process)", _median(delegation.check, 20)),
        ("lint plan A", _median(lambda: lint(plan_a), 20)),
        ("build_graph plan B", _median(lambda: build_graph(plan_b), 20)),
        ("body report ØEU, plan B", _median(lambda: body_report(plan_b, "oeu"), 20)),
    ]
    if shutil.which("dot"):
        rows.append(("png of plan B (summary view, Graphviz)", _median(lambda: draw(plan_b, "png"), 5)))
    command = Path(sys.executable).parent / "delegation"
    for args in (["check"], ["graph", "--plan", "B", "--format", "dot"]):
        rows.append(
            (
                f"delegation {' '.join(args)} (wall)",
                _median(lambda args=args: subprocess.run([str(command), *args], capture_output=True), 5),
            )
        )
    print(f"{cold[0]['findings']} findings in A, B, C")
    for name, seconds in rows:
        print(f"{name:<58} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
