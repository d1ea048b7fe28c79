"""How the engine grows with plan size (not part of the test run): python bench/scale.py [--sizes ...].

For each size, a synthetic municipality (bench/synth.py) is written to a temporary folder and, in a
fresh process each: parse + assemble + validate time and peak memory (ru_maxrss, minus a bare
interpreter's), the compiled-cache read time, the same files through the LALR tables alone, and
in-process decide latency on that plan.
The growth column is time per case type relative to the smallest size: about 1.0 means linear.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_municipality  # noqa: E402

PROBE = r"""
import json, resource, statistics, sys, time
from delegation.engine import cache
from delegation.language.parse import parse_text
from delegation.language.assemble import load_plan_and_sources
parse_text("")
from delegation.language import grammar as _grammar
_grammar.parser()  # built once per process (lark and its tables), as parse_text("") built it before
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
plan, sources = load_plan_and_sources(sys.argv[1])
loaded = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
cache.write(plan_path := __import__("pathlib").Path(sys.argv[1]).resolve(), plan, sources)
started = time.perf_counter()
assert cache.read(plan_path) is not None
cached = time.perf_counter() - started
ids = list(plan.case_types)
facts = dict(amount=300000, persons=5, salary_step=53, annual_amount=40000)
for case in ids:                       # a served plan is warm: every case type answered once
    plan.decide(case, **facts)
def latencies(pool):
    samples = []
    for index in range(20000):
        case = pool[(index * 7919) % len(pool)]
        began = time.perf_counter()
        plan.decide(case, **facts)
        samples.append(time.perf_counter() - began)
    return sorted(samples)
spread, local = latencies(ids), latencies(ids[:100])

# The same files through the LALR tables alone (lalr.run and the builder), as every file was read
# before the direct reader: what the load would cost without it.
from delegation.language import grammar
from delegation.language import lalr
from delegation.language.build import Builder
started = time.perf_counter()
for path in sources:
    lalr.run(grammar.parser(), path.read_text(encoding="utf-8"), Builder(str(path)))
tables = time.perf_counter() - started
print(json.dumps({"load": loaded, "peak_kb": peak, "cached": cached, "tables": tables,
                  "median": statistics.median(spread), "p99": spread[int(0.99 * len(spread))],
                  "median_local": statistics.median(local)}))
"""


def measure(size: int, folder: Path) -> dict:
    paths = write_municipality(folder / f"n{size}", f"Kommune med {size} sagstyper", size)
    env = {**os.environ, "DELEGATION_CACHE_DIR": str(folder / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(paths["A"])], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="delegation-scale-") as tmp:
        rows = [(size, measure(size, Path(tmp))) for size in args.sizes]
    first_size, first = rows[0]
    print(
        f"{'case types':>10} {'parse+validate':>15} {'per case':>9} {'growth':>7} {'tables':>8} "
        f"{'peak memory':>12} {'cache read':>11} {'decide median':>14} {'p99':>8} {'100 in turn':>12}"
    )
    for size, row in rows:
        growth = (row["load"] / size) / (first["load"] / first_size)
        print(
            f"{size:>10,} {row['load']:>13.2f} s {row['load'] / size * 1e3:>6.2f} ms {growth:>7.2f} "
            f"{row['tables']:>6.2f} s {row['peak_kb'] / 1024:>9.0f} MB {row['cached']:>9.2f} s "
            f"{row['median'] * 1e6:>11.1f} µs {row['p99'] * 1e6:>5.1f} µs "
            f"{row['median_local'] * 1e6:>9.1f} µs"
        )


if __name__ == "__main__":
    main()
