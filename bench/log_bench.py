"""The decision log's cost (not part of the test run): python bench/log_bench.py [--seconds N] [--rounds N]

HTTP throughput of `delegation serve` on loopback (wrk, POST /plans/A/decide) without a log, with
a SQLite log and, when $DELEGATION_TEST_PG (or --pg URL) names a PostgreSQL server, with a
PostgreSQL log; the runs alternate for --rounds rounds so that a busy machine hurts each alike, and
the best round of each counts. Then the import cost of the log's libraries, and every entry is
checked to be in the log after the server's clean shutdown.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from service_bench import bench_http


def _import_ms(module: str, runs: int = 7) -> float:
    """The fewest milliseconds `import module` took in a fresh interpreter (python -X importtime)."""
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True
        ).stderr
        total = [line for line in out.splitlines() if line.rstrip().endswith(f"| {module}")]
        if total:
            best = min(best, int(total[-1].split("|")[1]) / 1000)
    return best


def _pg_database(url: str) -> str:
    import psycopg

    name = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def _count(url: str) -> int:
    from delegation.service.logbook import read_log

    return sum(1 for _ in read_log(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pg", default=os.environ.get("DELEGATION_TEST_PG"), help="a PostgreSQL server URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    kinds: dict[str, tuple[str, ...]] = {"no log": (), "SQLite log": ("--log", str(folder / "log.sqlite"))}
    if args.pg:
        kinds["PostgreSQL log"] = ("--log", _pg_database(args.pg))
    best: dict[str, dict] = {}
    answered = dict.fromkeys(kinds, 0)
    for _ in range(args.rounds):
        for name, serve_args in kinds.items():
            result = bench_http(args.seconds, args.connections, serve_args)
            if result is None:
                return
            answered[name] += result["requests"]
            if name not in best or result["rate"] > best[name]["rate"]:
                best[name] = result
    base = best["no log"]["rate"]
    for name, result in best.items():
        cost = (1 - result["rate"] / base) * 100
        print(
            f"{name:<16} {result['rate']:>8,.0f} requests/s   p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms"
            f"   non-2xx {result['non_2xx']}" + ("" if name == "no log" else f"   cost {cost:+.1f} %")
        )
    for name, serve_args in kinds.items():
        if serve_args:
            logged = _count(serve_args[1])
            print(f"{name:<16} {logged:>8,} entries logged of {answered[name]:,} answered (wrk's count)")
    for module in ("sqlite3", "psycopg", "sqlalchemy"):
        try:
            print(f"import {module:<12} {_import_ms(module):>8.1f} ms")
        except Exception as error:  # not installed
            print(f"import {module:<12} not installed ({error})")


if __name__ == "__main__":
    main()
