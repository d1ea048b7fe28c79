"""The decision log's cost (not part of the test run): python bench/log_bench.py [--seconds N] [--rounds N]

`delegation serve` on loopback, driven by wrk (POST /plans/A/decide), without a log, with a SQLite
log and, when $DELEGATION_TEST_PG (or --pg URL) names a PostgreSQL server, with a PostgreSQL log.
The kinds alternate for --rounds rounds, so that a busy machine hurts each alike. Reported per kind:
the best round's requests/s and latency, and the server's CPU time per answer (its user + system
time over the answers of the run, writer thread included): on a shared machine the CPU time per
answer is the steadier measure of what the log costs, and at full load on a core of its own the
service's throughput is its inverse. Then: every answer is in the log after the clean shutdown
(wrk counts the answers it waited for; a few more are answered as it stops), and the import cost
of the log's libraries.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from service_bench import WRK_SCRIPT, _free_port, _ms, _wait


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(seconds: int, connections: int, serve_args: tuple[str, ...], lua: str) -> dict:
    wrk = shutil.which("wrk")
    assert wrk is not None
    script = shutil.which("delegation") or str(Path(sys.executable).with_name("delegation"))
    port = _free_port()
    server = subprocess.Popen([script, "serve", "--port", str(port), *serve_args], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz", time.monotonic() + 60)
        warm = subprocess.run(
            [wrk, "-t1", "-c4", "-d2s", "-s", lua, base + "/plans/A/decide"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        before = _cpu_seconds(server.pid)
        out = subprocess.run(
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                lua,
                base + "/plans/A/decide",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        time.sleep(0.5)  # the writer's last batch of the run
        used = _cpu_seconds(server.pid) - before
    finally:
        server.terminate()
        server.wait(timeout=60)
    answered = [int(re.search(r"(\d+) requests in", text).group(1)) for text in (warm, out)]
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "cpu_ms": used * 1000 / answered[1],
        "answered": sum(answered),
    }


def _import_ms(module: str, runs: int = 7) -> float:
    """The fewest milliseconds `import module` took in a fresh interpreter (python -X importtime)."""
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True
        ).stderr
        total = [line for line in out.splitlines() if line.rstrip().endswith(f"| {module}")]
        if not total:
            raise ImportError(module)
        best = min(best, int(total[-1].split("|")[1]) / 1000)
    return best


def _pg_database(url: str) -> str:
    import psycopg

    name = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pg", default=os.environ.get("DELEGATION_TEST_PG"), help="a PostgreSQL server URL")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    from delegation.service.logbook import read_log

    folder = Path(tempfile.mkdtemp())
    kinds: dict[str, tuple[str, ...]] = {"no log": (), "SQLite log": ("--log", str(folder / "log.sqlite"))}
    if args.pg:
        kinds["PostgreSQL log"] = ("--log", _pg_database(args.pg))
    lua = folder / "post.lua"
    lua.write_text(WRK_SCRIPT)
    runs: dict[str, list[dict]] = {name: [] for name in kinds}
    for _ in range(args.rounds):
        for name, serve_args in kinds.items():
            runs[name].append(run(args.seconds, args.connections, serve_args, str(lua)))
    base_cpu = statistics.median(r["cpu_ms"] for r in runs["no log"])
    base_rate = max(r["rate"] for r in runs["no log"])
    for name, results in runs.items():
        best = max(results, key=lambda r: r["rate"])
        cpu = statistics.median(r["cpu_ms"] for r in results)
        cost = (
            ""
            if name == "no log"
            else f"   cost: CPU {(cpu / base_cpu - 1) * 100:+.1f} %, rate {(1 - best['rate'] / base_rate) * 100:+.1f} %"
        )
        print(
            f"{name:<15} {best['rate']:>7,.0f} requests/s  p50 {best['p50']:.2f} ms  p99 {best['p99']:.2f} ms"
            f"  CPU {cpu:.3f} ms/answer (median of {len(results)}){cost}"
        )
    for name, serve_args in kinds.items():
        if serve_args:
            logged = sum(1 for _ in read_log(serve_args[1]))
            answered = sum(r["answered"] for r in runs[name])
            print(f"{name:<15} {logged:>7,} entries logged, wrk counted {answered:,} answers")
    for module in ("sqlite3", "psycopg", "sqlalchemy"):
        try:
            print(f"import {module:<11} {_import_ms(module):>7.1f} ms (fastest of 7)")
        except ImportError:
            print(f"import {module:<11} not installed")


if __name__ == "__main__":
    main()
