"""Benchmark of `delegation diff` (not part of the test run): python bench/diff_bench.py [--cases N].

Writes a synthetic municipality of N case types (default 10,000) with bench/synth.py, the one
generator of every benchmark: plan X is its plan A, plan Y its plan B (four in ten case types
overridden, 1 % removed, 1 % added). It then measures, in this process and best of --runs: load
(parse, assemble, validate) of each plan, `diff(X, Y)`, its JSON, the text, Markdown and HTML
rendering, and `diff(X, X)`. Target: diff of two 10,000-case-type plans in <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_municipality  # noqa: E402

TARGET = 1.0


def best(function, runs: int) -> tuple[float, object]:
    """The best time of `runs` calls (the previous result is freed before each call) and a result."""
    times, result = [], None
    for _ in range(runs):
        result = None
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(cases: int, runs: int) -> dict:
    """Load two synthetic plans of `cases` case types and time the diff and its renderings."""
    os.environ["DELEGATION_NO_CACHE"] = "1"

    from delegation.analysis.diffing import diff
    from delegation.language.assemble import load_plan
    from delegation.presentation.report import render_markdown, render_text
    from delegation.presentation.report_html import render_html

    folder = Path(tempfile.mkdtemp(prefix="delegation-diff-bench-"))
    try:
        paths = write_municipality(folder, "Diff", cases)
        path_x, path_y = paths["A"], paths["B"]
        load_x, plan_x = best(lambda: load_plan(path_x), 1)
        load_y, plan_y = best(lambda: load_plan(path_y), 1)
        took, result = best(lambda: diff(plan_x, plan_y), runs)
        same, identity = best(lambda: diff(plan_x, plan_x), runs)
        as_json, text = best(result.to_json, runs)
        as_text, _ = best(lambda: render_text(result), runs)
        as_md, _ = best(lambda: render_markdown(result), runs)
        as_html, page = best(lambda: render_html(result), runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert not any(c.change != "unchanged" for c in identity.changes), "diff(X, X) has changes"
    return dict(
        plan_x=plan_x,
        plan_y=plan_y,
        result=result,
        load_x=load_x,
        load_y=load_y,
        took=took,
        same=same,
        as_json=as_json,
        text=text,
        as_text=as_text,
        as_md=as_md,
        as_html=as_html,
        page=page,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="case types per plan")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the best is reported")
    args = parser.parse_args()
    m = measure(args.cases, args.runs)
    plan_x, plan_y, result = m["plan_x"], m["plan_y"], m["result"]
    load_x, load_y, took, same = m["load_x"], m["load_y"], m["took"], m["same"]
    as_json, text, as_text, as_md, as_html, page = (
        m["as_json"],
        m["text"],
        m["as_text"],
        m["as_md"],
        m["as_html"],
        m["page"],
    )
    counts = {
        kind: sum(c.change == kind for c in result.changes)
        for kind in ("changed", "added", "removed", "unchanged")
    }
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"plans: {len(plan_x.case_types):,} and {len(plan_y.case_types):,} case types; diff: "
        + ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
        + f"; {sum(len(c.bands) for c in result.changes):,} bands"
    )
    print(f"{'measure':<44} {'seconds':>9}  target")
    print(f"{'load plan X (parse, assemble, validate)':<44} {load_x:>9.3f}")
    print(f"{'load plan Y':<44} {load_y:>9.3f}")
    verdict = "meets" if took <= TARGET else "MISSES"
    print(f"{'diff(X, Y)':<44} {took:>9.3f}  <= {TARGET:g} s: {verdict}")
    print(f"{'diff(X, X)':<44} {same:>9.3f}")
    print(f"{'to_json (' + format(len(text) // 1024, ',') + ' KiB)':<44} {as_json:>9.3f}")
    print(f"{'render text':<44} {as_text:>9.3f}")
    print(f"{'render Markdown':<44} {as_md:>9.3f}")
    print(f"{'render HTML (' + format(len(page) // 1024, ',') + ' KiB)':<44} {as_html:>9.3f}")
    if took > TARGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
