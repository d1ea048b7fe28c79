"""The project beside peer rule engines on the same decisions, in-process: python bench/peers.py.

Two workloads: the Aarhus plan B case types whose rules have a fact condition (up to 20, in plan
order), and the synthetic plan A of bench/synth.py (`--size` case types, 10.000 by default). Each
peer (GoRules ZEN, Cedar, Rego, rule-engine; bench/peer_engines.py) gets every case type translated
from the plan model into its own format, and so does the floor: plain Python functions, no engine.

Queries: per case type, no facts at all, and each fact it reads at one below, at and one above each
of its thresholds (with several facts, also all of them at once). First every engine must give
delegation's answer to every query (peer_spec.Answer: decider, basis, informed, involved,
recommended, facts depended on); an engine that differs once is reported and not timed. Then the
timing: load (compile the native sources; for delegation, parse and validate the rules text), and
per decision the median and p99 of `--calls` calls (at most `--budget` seconds) over the queries
in a fixed shuffled order, each timed alone with perf_counter_ns after every query was asked once
(the check), with the median of each kind of answer: a rule applies, the default, depends on a fact.
Figures and how to read them: docs/performance.md, "Peers".

    pip install -e ".[peers]" && python bench/peers.py [--size 1000] [--engines zen cedar] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_engines import PEERS  # noqa: E402
from peer_spec import Answer, CaseSpec, Engine, Facts, number, spec_of  # noqa: E402
from synth import write_municipality  # noqa: E402

from delegation.engine.decision import Decision  # noqa: E402

Query = tuple[str, Facts]


class Delegation(Engine):
    """The project: the plan parsed and validated from its rules text, `Plan.decide` by id."""

    name = "delegation"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_s = 0.0

    def load(self, specs: Sequence[CaseSpec]) -> float:
        from delegation.language.assemble import load_plan_and_sources

        started = time.perf_counter()
        self.plan, _ = load_plan_and_sources(self.path)
        return time.perf_counter() - started

    def decide(self, case: str, facts: Facts) -> Decision:
        return self.plan.decide(case, **facts)

    def answer(self, result: Decision, case: str) -> Answer:
        return (
            result.decides,
            _value(result.basis),
            tuple(sorted((i.body, _value(i.when), _value(i.channel)) for i in result.inform)),
            tuple(sorted(result.involve)),
            tuple(sorted(result.recommends)),
            tuple(sorted(result.depends_on)),
        )


def _value(member: Any) -> Any:
    """An enum member's value (the peers' answers hold plain strings)."""
    return getattr(member, "value", member)


def queries(spec: CaseSpec) -> list[Query]:
    """No facts; each fact one below, at and one above each threshold; with several facts, all at once."""
    found: list[Facts] = [{}]
    limits = {
        fact: sorted({int(v) for rule in spec.rules for term in rule.terms for f, _, v in term if f == fact})
        for fact in spec.facts
    }
    for step in (-1, 0, 1):
        for fact, values in limits.items():
            found += [{fact: v + step} for v in values if v + step >= 0]
        if len(limits) > 1:
            found.append({fact: values[0] + step for fact, values in limits.items() if values[0] + step >= 0})
    unique = {json.dumps(facts, sort_keys=True): facts for facts in found}
    return [(spec.id, facts) for facts in unique.values()]


def workload(name: str, size: int, folder: Path) -> tuple[Delegation, list[CaseSpec]]:
    """Delegation with the plan loaded (a whole parse and validation, timed), and the case types to
    translate and ask about, read from that plan."""
    from delegation.engine.registry import plan_files

    if name == "aarhus":
        path = Path(plan_files()["B"])
    else:
        path = write_municipality(folder / f"n{size}", f"Kommune med {size} sagstyper", size)["A"]
    delegation = Delegation(path)
    delegation.load_s = delegation.load([])
    cases = list(delegation.plan.case_types.values())
    if name == "aarhus":
        cases = [case for case in cases if any(rule.when for rule in case.rules)][:20]
    specs = [spec_of(delegation.plan, case) for case in cases]
    for spec in specs:  # Cedar compares integers only, and the queries step by one
        for rule in spec.rules:
            for term in rule.terms:
                assert all(float(number(v)) == v for _, _, v in term), f"{spec.id}: a threshold is not whole"
    return delegation, specs


def check(engine: Engine, asked: list[Query], answers: list[Answer]) -> list[str]:
    """Every query answered as delegation answers it; the differences, if any."""
    wrong = []
    for (case, facts), expected in zip(asked, answers):
        try:
            got = engine.answer(engine.decide(case, facts), case)
        except Exception as error:  # an engine's own error is a difference like any other
            got = f"error: {error!r}"  # type: ignore[assignment]
        if got != expected:
            wrong.append(f"{case} {facts}: {got} != delegation's {expected}")
    return wrong


KINDS = ("rule", "default", "depends")


def kind(answer: Answer) -> str:
    """A rule applies; none does (the default competence); or the answer waits for a missing fact."""
    return "depends" if answer[5] else "default" if answer[1] == "default" else "rule"


def timing(
    engine: Engine, asked: list[Query], answers: list[Answer], calls: int, budget: float
) -> dict[str, float]:
    """Median and p99 over all calls, and the median of each kind of answer. Every query has been
    asked once already (the check), so every engine is warm."""
    order = [(case, facts, kind(answer)) for (case, facts), answer in zip(asked, answers)]
    random.Random(7).shuffle(order)
    clock, decide = time.perf_counter_ns, engine.decide
    samples: list[int] = []
    kinds: list[str] = []
    deadline = clock() + int(budget * 1e9)
    while len(samples) < calls:
        for case, facts, sort in order[: calls - len(samples)]:
            began = clock()
            decide(case, facts)
            samples.append(clock() - began)
            kinds.append(sort)
        if clock() > deadline:
            break
    result = {f"{k}_median_us": _median([t for t, s in zip(samples, kinds) if s == k]) for k in KINDS}
    samples.sort()
    return {
        "median_us": _median(samples),
        "p99_us": samples[int(0.99 * (len(samples) - 1))] / 1e3,
        **result,
        "calls": len(samples),
    }


def _median(samples: list[int]) -> float | None:
    """In microseconds; None (JSON null) when no query gave that kind of answer."""
    return statistics.median(samples) / 1e3 if samples else None


def run(names: list[str], engines: list[str], size: int, calls: int, budget: float) -> dict[str, Any]:
    from delegation.language.assemble import load_plan_and_sources
    from delegation.language.parse import parse_text

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="delegation-peers-") as tmp:
        # Built once per process, not part of a load figure: the parser and the modules a load
        # imports on first use (a small plan loaded once).
        parse_text("")
        load_plan_and_sources(write_municipality(Path(tmp) / "warm", "Opvarmning", 10, seed=99)["A"])
        for name in names:
            delegation, specs = workload(name, size, Path(tmp))
            asked = [query for spec in specs for query in queries(spec)]
            print(f"{name}: {len(specs)} case types, {len(asked)} queries", file=sys.stderr)
            rows: dict[str, Any] = {"delegation": {"load_s": delegation.load_s}}
            answers = [delegation.answer(delegation.decide(case, facts), case) for case, facts in asked]
            rows["delegation"].update(timing(delegation, asked, answers, calls, budget))
            for key in engines:
                peer = PEERS[key]()
                if peer.package and importlib.util.find_spec(peer.package) is None:
                    print(
                        f"  {key}: skipped, {peer.package} is not installed (pip install -e '.[peers]')",
                        file=sys.stderr,
                    )
                    rows[key] = {"skipped": f"{peer.package} is not installed"}
                    continue
                load = peer.load(specs)
                wrong = check(peer, asked, answers)
                if wrong:
                    print(
                        f"\n  !!! {key}: {len(wrong)} of {len(asked)} answers differ from delegation's; NOT TIMED",
                        file=sys.stderr,
                    )
                    for line in wrong[:5]:
                        print(f"  !!!   {line}", file=sys.stderr)
                    rows[key] = {"load_s": load, "wrong": len(wrong)}
                    continue
                rows[key] = {
                    "load_s": load,
                    "checked": len(asked),
                    **timing(peer, asked, answers, calls, budget),
                }
                print(
                    f"  {key}: {len(asked)} answers identical; median {rows[key]['median_us']:.1f} µs",
                    file=sys.stderr,
                )
            results[name] = {
                "case_types": len(specs),
                "queries": len(asked),
                **{k: sum(1 for answer in answers if kind(answer) == k) for k in KINDS},
                "engines": rows,
            }
    return results


def table(results: dict[str, Any]) -> str:
    """A Markdown table per workload, each figure also as a multiple of delegation's."""
    labels = {"delegation": "delegation", **{k: v.name for k, v in PEERS.items()}}
    out = []
    for name, result in results.items():
        base = result["engines"]["delegation"]
        out += [
            f"{name}: {result['case_types']:,} case types, {result['queries']:,} queries: "
            f"{result['rule']:,} a rule applies, {result['default']:,} the default competence, "
            f"{result['depends']:,} depend on a missing fact",
            "",
            "| engine | median (× delegation) | a rule | the default | depends on a fact | p99 | load (× delegation) |",
            "|---|---|---|---|---|---|---|",
        ]
        for key, row in result["engines"].items():
            if "skipped" in row:
                out.append(f"| {labels[key]} | skipped: {row['skipped']} | | | | | |")
                continue
            if "wrong" in row:
                out.append(f"| {labels[key]} | {row['wrong']} answers differ: not timed | | | | | |")
                continue
            ratio = row["median_us"] / base["median_us"]
            out.append(
                f"| {labels[key]} | {row['median_us']:,.1f} µs ({ratio:.2f}) "
                + "".join(f"| {_us(row[f'{k}_median_us'])} " for k in KINDS)
                + f"| {row['p99_us']:,.1f} µs "
                f"| {row['load_s']:.3f} s ({row['load_s'] / base['load_s']:.2f}) |"
            )
        out.append("")
    return "\n".join(out)


def _us(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workloads", nargs="+", choices=["aarhus", "synthetic"], default=["aarhus", "synthetic"]
    )
    parser.add_argument("--engines", nargs="+", choices=list(PEERS), default=list(PEERS))
    parser.add_argument("--size", type=int, default=10_000, help="case types in the synthetic plan")
    parser.add_argument("--calls", type=int, default=20_000, help="timed decisions per engine and workload")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of timed calls at most")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = run(args.workloads, args.engines, args.size, args.calls, args.budget)
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
