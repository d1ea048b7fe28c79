"""Reload soak (not part of the test run): python bench/reload_soak.py [--rounds 5] [--seconds 120].

Each round starts `delegation serve` on a free loopback port over a copy of the rules, lets
--clients threads ask single decisions and /healthz on keep-alive connections, and meanwhile
rewrites plan_a.dlg in place (not atomically: half the text, a pause, the rest), alternating two
valid versions, and sends SIGHUP every second. Counts every answer that is not 200, every
connection error (by kind), and every decision whose receipt hash is not one of the two complete
versions (an answer from a half-written plan). Target: 0, 0 and 0. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_bench import _free_port, _wait  # noqa: E402

QUESTION = json.dumps({"case": "erhvervspuljen", "facts": {"amount": 300_000}})


def _versions(rules: Path) -> tuple[str, str]:
    """Plan A as shipped, and the same plan with one more comment line: two complete versions."""
    text = (rules / "plan_a.dlg").read_text(encoding="utf-8")
    return text, text + "\n# reload soak: the second version\n"


def _digests(folder: Path, versions: tuple[str, str], cache: Path) -> set[str]:
    """The receipt hash of plan A in each complete version, loaded from the folder the server
    reads (the receipt names the source paths); the folder is left holding the first version."""
    from delegation.engine.outcomes import receipt
    from delegation.engine.registry import load

    os.environ["DELEGATION_CACHE_DIR"] = str(cache)
    known = set()
    for text in reversed(versions):
        (folder / "plan_a.dlg").write_text(text, encoding="utf-8")
        known.add(receipt(load("A", folder)).rules_sha256)
    return known


def client(port: int, stop: float, answers: Counter, errors: Counter, hashes: Counter) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    turn = 0
    while time.monotonic() < stop:
        turn += 1
        try:
            if turn % 10 == 0:
                connection.request("GET", "/healthz")
            else:
                connection.request("POST", "/plans/A/decide", QUESTION, {"content-type": "application/json"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors[type(error).__name__] += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        answers[response.status] += 1
        if response.status == 200 and turn % 10:
            hashes[json.loads(body)["receipt"]["rules_sha256"]] += 1
    connection.close()


def rewriter(server: subprocess.Popen, plan: Path, versions: tuple[str, str], stop: float) -> int:
    """Rewrite the plan in place every 1.3 s (half, a pause, the rest), and SIGHUP every second."""
    writes = 0
    next_write = next_hup = time.monotonic()
    while time.monotonic() < stop:
        now = time.monotonic()
        if now >= next_write:
            text = versions[writes % 2].encode()
            with plan.open("wb") as handle:  # truncates: a reader in between sees half a plan
                handle.write(text[: len(text) // 2])
                handle.flush()
                time.sleep(0.02)
                handle.write(text[len(text) // 2 :])
            writes += 1
            next_write = now + 1.3
        if now >= next_hup:
            server.send_signal(signal.SIGHUP)
            next_hup = now + 1.0
        time.sleep(0.01)
    return writes


def one_round(rules: Path, seconds: int, clients: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "rules"
        shutil.copytree(rules, folder)
        versions = _versions(rules)
        known = _digests(folder, versions, Path(scratch) / "cache")
        env = dict(os.environ, DELEGATION_CACHE_DIR=str(Path(scratch) / "cache"))
        port = _free_port()
        script = shutil.which("delegation") or str(Path(sys.executable).with_name("delegation"))
        server = subprocess.Popen(
            [script, "serve", "--port", str(port), "--rules", str(folder)],
            stderr=subprocess.DEVNULL,
            env=env,
        )
        answers: Counter = Counter()
        errors: Counter = Counter()
        hashes: Counter = Counter()
        try:
            _wait(f"http://127.0.0.1:{port}/healthz", time.monotonic() + 30)
            stop = time.monotonic() + seconds
            threads = [
                threading.Thread(target=client, args=(port, stop, answers, errors, hashes))
                for _ in range(clients)
            ]
            for thread in threads:
                thread.start()
            writes = rewriter(server, folder / "plan_a.dlg", versions, stop)
            for thread in threads:
                thread.join(timeout=seconds + 30)
            alive = server.poll() is None
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {
        "requests": sum(answers.values()) + sum(errors.values()),
        "non_200": sum(n for status, n in answers.items() if status != 200),
        "errors": dict(errors),
        "half_written": sum(n for digest, n in hashes.items() if digest not in known),
        "versions_served": len(set(hashes) & known),
        "rewrites": writes,
        "alive": alive,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    from delegation.engine.registry import builtin_rules_dir

    rules = Path(builtin_rules_dir())
    totals: Counter = Counter()
    for number in range(1, args.rounds + 1):
        result = one_round(rules, args.seconds, args.clients)
        print(f"round {number}: {result}", flush=True)
        for key in ("requests", "non_200", "half_written", "rewrites"):
            totals[key] += result[key]
        totals["errors"] += sum(result["errors"].values())
        totals["died"] += not result["alive"]
    print(
        f"{args.rounds} x {args.seconds} s, {args.clients} clients: {totals['requests']} requests, "
        f"{totals['non_200']} not 200, {totals['errors']} connection errors, "
        f"{totals['half_written']} from a half-written plan, {totals['rewrites']} rewrites, "
        f"{totals['died']} server deaths (targets: 0, 0, 0, 0)"
    )


if __name__ == "__main__":
    main()
