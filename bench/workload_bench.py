"""Weigh 100.000 cases against plans A, B and C (reading and resolution included): python bench/workload_bench.py

Target (issue 19): at most 10 s. The case file is synthetic, built from the plans' own titles and
aliases in the forms case systems write them (a title with a project name, a year and a journal
number), with amounts; it is generated here, not read from bench/synth.py's plans, because the
figure asked for is against the Aarhus plans.

Two files are measured, both with a target of 10 s:
- "repeating": 2.000 distinct titles over 100.000 rows, as real exports repeat titles. Resolution
  is memoised per distinct (text, plan), which is what makes this fast (analysis/workload.py).
- "all distinct": every row's text is different (a case number in each title), so that memo never
  hits and every row is resolved in every plan, through the batch's memos per word and per
  weighed words (engine/batch.py): 108-110 s of CPU before them, 8-11 s with them.
"""

from __future__ import annotations

import argparse
import random
import time

import delegation
from delegation.analysis.workload import workload

FORMS = (
    "{title}",
    "{title} - projekt {project}",
    "Ansøgning: {title} - {year}",
    "{title} vedr. {project}",
    "Sag om {alias}",
)


def case_file(rows: int, distinct: int | None, seed: int = 19) -> bytes:
    """A CSV as Danish Excel writes it: `;`, decimal comma, UTF-8 with a byte-order mark."""
    rng = random.Random(seed)
    plan = delegation.load("A")
    cases = list(plan.case_types.values())
    texts = []
    for number in range(distinct or rows):
        case = rng.choice(cases)
        alias = rng.choice(case.aliases) if case.aliases else case.title
        text = rng.choice(FORMS).format(
            title=case.title, alias=alias, project=rng.choice("ABCDEFGH") * 2, year=rng.choice((2023, 2024))
        )
        if distinct is None:
            text = f"{text} - sag {number}"
        texts.append(text.replace(";", ","))
    lines = ["Titel;Dato;Beløb"]
    for number in range(rows):
        text = texts[number % len(texts)] if distinct else texts[number]
        amount = (
            "" if rng.random() < 0.5 else f"{rng.randrange(1, 90_000) * 1000:,}".replace(",", ".") + ",00"
        )
        lines.append(
            f"{text};{rng.randrange(1, 29):02d}-{rng.randrange(1, 13):02d}-{rng.choice((2023, 2024))};{amount}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def measure(label: str, data: bytes) -> None:
    plans = [delegation.load(p) for p in ("A", "B", "C")]
    started, cpu = time.perf_counter(), time.process_time()
    volumes = workload(data, plans, name=label)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    resolved = ", ".join(f"{p.plan} {p.resolved}" for p in volumes.plans)
    # Wall and CPU time both: on a shared machine the wall time says more about the neighbours.
    print(f"{label:<14} CPU {cpu:6.2f} s")
    print(
        f"{label:<14} {volumes.rows:>7} rows  {elapsed:6.2f} s  ({elapsed / volumes.rows / 3 * 1e6:5.1f} µs per row and plan)  resolved: {resolved}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=2_000, help="distinct titles in the repeating file")
    parser.add_argument("--skip-distinct", action="store_true", help="measure only the repeating file")
    parser.add_argument("--only-distinct", action="store_true", help="measure only the all-distinct file")
    args = parser.parse_args()
    delegation.load("A").decide("erhvervspuljen")  # index built, as in a running service
    if not args.only_distinct:
        measure("repeating", case_file(args.rows, args.distinct))
    if not args.skip_distinct:
        measure("all distinct", case_file(args.rows, None))


if __name__ == "__main__":
    main()
