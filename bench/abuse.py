"""Abuse run (not part of the test run): python bench/abuse.py [--seconds 60] [--clients 8].

Starts `delegation serve` on a free loopback port and, for a bounded time, lets --clients threads
send what an abusive or broken client sends: 1,000-character case texts, full batches of 1,000
cases with 200-character texts, and the Spørg page with a 100 KB text. Meanwhile a prober asks
/healthz and an ordinary decision every 50 ms, and another process a batch of one case half a
second after the last (does an honest client get its turn for work?). Prints the prober's latency percentiles (targets:
/healthz p99 <= 50 ms, ordinary decisions p99 <= 100 ms) and how the abusive requests were
answered (200, or 503 with Retry-After when the heavy work is at its limit). Only 127.0.0.1 is
contacted, and every loop stops by itself.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_bench import _free_port, _wait  # noqa: E402

LONG = ("Ansøgning om tilskud fra Erhvervspuljen vedrørende et meget langt projekt " * 20)[:1000]
BATCH = {"cases": [{"case": LONG[:200], "facts": {"amount": 300_000}} for _ in range(1000)]}


def _call(url: str, payload: dict | None = None, timeout: float = 30) -> tuple[int, float]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def abuser(base: str, stop: float, answers: Counter, number: int) -> None:
    kinds = [
        lambda: _call(base + "/plans/A/decide", {"case": LONG}),
        lambda: _call(base + "/plans/B/decide/batch", BATCH),
        lambda: _call(base + "/sporg?sag=" + "x" * 100_000),
    ]
    turn = number
    while time.monotonic() < stop:
        status, _ = kinds[turn % len(kinds)]()
        answers[status] += 1
        turn += 1


def prober(base: str, stop: float) -> tuple[list[float], list[float], Counter]:
    health: list[float] = []
    decisions: list[float] = []
    failures: Counter = Counter()
    while time.monotonic() < stop:
        status, took = _call(base + "/healthz", timeout=10)
        health.append(took)
        failures[f"healthz {status}"] += status != 200
        status, took = _call(base + "/plans/A/decide", {"case": "erhvervspuljen", "facts": {"amount": 1}})
        decisions.append(took)
        failures[f"decide {status}"] += status != 200
        time.sleep(0.05)
    return health, decisions, failures


def honest(base: str, stop: float) -> list[tuple[int, float]]:
    """A batch of one case every half second, as an honest case system sends work now and then:
    does it get its turn among the abusers' work?"""
    batches = []
    while time.monotonic() < stop:
        batches.append(_call(base + "/plans/A/decide/batch", {"cases": [{"case": "erhvervspuljen"}]}))
        time.sleep(0.5)
    return batches


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    script = shutil.which("delegation") or str(Path(sys.executable).with_name("delegation"))
    port = _free_port()
    server = subprocess.Popen(
        [script, "serve", "--port", str(port)], stderr=subprocess.DEVNULL, env=dict(os.environ)
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz", time.monotonic() + 30)
        stop = time.monotonic() + args.seconds
        answers: Counter = Counter()
        threads = [
            threading.Thread(target=abuser, args=(base, stop, answers, n)) for n in range(args.clients)
        ]
        # The prober in a process of its own: in a thread it waited for the abusers' threads to
        # hand over this process's interpreter lock, and counted that wait as the server's.
        with multiprocessing.get_context("fork").Pool(2) as pool:
            probed = pool.apply_async(prober, (base, stop))
            sent = pool.apply_async(honest, (base, stop))
            for thread in threads:
                thread.start()
            health, decisions, failures = probed.get(timeout=args.seconds + 60)
            batches = sent.get(timeout=args.seconds + 60)
            for thread in threads:
                thread.join(timeout=args.seconds + 60)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{args.clients} abusive clients for {args.seconds} s: answers {dict(answers)}")
    print(
        f"/healthz ({len(health)} probes): median {statistics.median(health):.1f} ms, "
        f"p99 {_p(health, 0.99):.1f} ms (target <= 50 ms)"
    )
    print(
        f"ordinary decide ({len(decisions)} probes): median {statistics.median(decisions):.1f} ms, "
        f"p99 {_p(decisions, 0.99):.1f} ms (target <= 100 ms); failures {+failures or 'none'}"
    )
    served = [took for status, took in batches if status == 200]
    print(
        f"an honest batch of one case, half a second after the last ({len(batches)}): {len(served)} answered, "
        f"{dict(Counter(status for status, _ in batches if status != 200)) or 'none'} refused"
        + (f"; median {statistics.median(served):.0f} ms" if served else "")
    )


if __name__ == "__main__":
    main()
