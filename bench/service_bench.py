"""Service benchmarks (not part of the test run): python bench/service_bench.py [--seconds N].

1. Batch throughput in one process (decide_lines over JSON Lines, output serialised).
2. HTTP load on loopback: `delegation serve` on a free port, driven by `wrk` (Debian's package)
   with single POST /plans/A/decide requests for a bounded time; requests/s and latency
   percentiles. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"case": "erhvervspuljen", "facts": {"amount": 300000}}'
"""


def bench_batch(count: int) -> float:
    from delegation.service.batch import json_lines

    lines = [
        json.dumps({"case": "erhvervspuljen", "facts": {"amount": 100_000 + i}, "plan": "A"})
        for i in range(count)
    ]
    list(json_lines(lines[:200]))
    started = time.perf_counter()
    written = sum(1 for _ in json_lines(lines))
    return written / (time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, deadline: float) -> None:
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"server at {url} did not start") from None
            time.sleep(0.1)


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def bench_http(seconds: int, connections: int) -> dict | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is not installed (apt-get install wrk): HTTP load skipped", file=sys.stderr)
        return None
    script = shutil.which("delegation") or str(Path(sys.executable).with_name("delegation"))
    port = _free_port()
    server = subprocess.Popen(
        [script, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/healthz", time.monotonic() + 30)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(WRK_SCRIPT)
        subprocess.run(
            [wrk, "-t1", "-c4", "-d2s", "-s", lua.name, base + "/plans/A/decide"],
            capture_output=True,
            check=True,
        )  # warm-up
        out = subprocess.run(
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                lua.name,
                base + "/plans/A/decide",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        os.unlink(lua.name)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": rate,
        "p50": latency["50"],
        "p99": latency["99"],
        "non_2xx": int(errors.group(1)) if errors else 0,
        "connections": connections,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of the HTTP load run")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    batch = bench_batch(20_000)
    print(
        f"{'batch throughput (one process, 20.000 lines)':<48} {batch:>10,.0f} decisions/s"
        f"   target >= 20.000: {'meets' if batch >= 20_000 else 'MISSES'}"
    )
    http = bench_http(args.seconds, args.connections)
    if http:
        meets = http["rate"] >= 1500 and http["p99"] <= 20
        print(
            f"{'HTTP POST /plans/A/decide (wrk, ' + str(http['connections']) + ' connections)':<48} "
            f"{http['rate']:>10,.0f} requests/s   p50 {http['p50']:.1f} ms, p99 {http['p99']:.1f} ms, "
            f"non-2xx {http['non_2xx']}   target >= 1.500/s, p99 <= 20 ms: "
            f"{'meets' if meets else 'MISSES'}"
        )


if __name__ == "__main__":
    main()
