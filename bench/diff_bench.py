"""Benchmark of `delegation diff` (not part of the test run): python bench/diff_bench.py [--cases N].

Writes two synthetic plans of N case types each (default 10,000) as .dlg text into a temporary
folder: an organisation like Aarhus's (council, executive, committee, departments) and case types
with no, one or two amount thresholds, some briefings and a person-count fact. Plan Y is plan X
with about a third of the case types changed (decider moved, threshold moved, briefing added,
basis changed), 1 % removed and 1 % added. It then measures, in this process and best of --runs:
load (parse, assemble, validate) of each plan, `diff(X, Y)`, its JSON, the text, Markdown and HTML
rendering, and `diff(X, X)`. Target: diff of two 10,000-case-type plans in <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.0
BODIES = ["raad", "mag", "udv", "afd1", "afd2", "afd3"]

ORGANISATION = """
fact amount  "beløb"          unit "kr."
fact persons "antal personer" unit "personer" integer

body raad { name "Byrådet" kind council delegates to mag afd1 afd2 afd3 }
body mag  { name "Magistraten" kind executive }
body udv  { name "Økonomiudvalget" short "ØU" kind committee }
body afd1 { name "Afdeling 1" kind department head "rådmanden" committee udv }
body afd2 { name "Afdeling 2" kind department head "rådmanden" committee udv }
body afd3 { name "Afdeling 3" kind department head "rådmanden" committee udv }

section s1 "Liste 1" owner afd1
section s2 "Liste 2" owner afd2
category c1 "Økonomi"
category c2 "Personale"
"""


def _rule(name: str, when: str | None, decides: str, basis: str, inform: str | None) -> str:
    head = f"  rule {name} when {when} {{" if when else f"  rule {name} {{"
    lines = [head, f"    decides {decides}", f"    basis {basis}"]
    if inform:
        lines.append(f"    inform {inform}")
    lines.append(f'    cite "Skal forelægges" > "Byrådsbestemt": "Synthetic bullet {name}"')
    lines.append("  }")
    return "\n".join(lines)


def _case(index: int, rng: random.Random, variant: bool) -> str:
    """One case type; `variant` applies this case type's change (drawn from its own seed)."""
    kind = index % 4
    change = rng.random() < 0.33 and variant
    low, high = rng.choice([100_000, 250_000, 500_000]), rng.choice([1_000_000, 2_000_000, 5_000_000])
    first, second = rng.sample(BODIES[:2] + BODIES[3:], 2)
    basis = rng.choice(["lovbestemt", "byraadsbestemt", "procedurekrav"])
    inform = None
    if change:
        what = rng.randrange(4)
        if what == 0:
            first = "mag" if first != "mag" else "raad"
        elif what == 1:
            high = high * 2
        elif what == 2:
            inform = "udv before by meeting"
        else:
            basis = "praksis"
    rules = []
    if kind == 0:
        rules.append(_rule("r1", None, first, basis, inform))
    elif kind == 1:
        rules.append(_rule("r1", f"amount > {high:,} kr.".replace(",", "."), first, basis, inform))
    elif kind == 2:
        rules.append(_rule("r1", f"amount in {low:,} kr. .. {high:,} kr.".replace(",", "."), second, basis, None))
        rules.append(_rule("r2", f"amount > {high:,} kr.".replace(",", "."), first, basis, inform))
    else:
        rules.append(_rule("r1", "persons >= 5", first, basis, inform))
    section = "s1" if index % 2 else "s2"
    category = "c1" if index % 3 else "c2"
    return (f"case sag_{index} {{\n  title \"Sagstype nummer {index}\"\n  section {section}\n"
            f"  category {category}\n" + "\n".join(rules) + "\n}\n")


def write_plans(folder: Path, count: int, chunk: int = 2_000) -> tuple[Path, Path]:
    """plan_x.dlg and plan_y.dlg, their case types in included files (a rules file is <= 2 MB)."""
    (folder / "org.dlg").write_text(ORGANISATION, encoding="utf-8")
    paths = []
    for plan_id, variant in (("X", False), ("Y", True)):
        cases = [_case(index, random.Random(index), variant) for index in range(count + count // 100)
                 if not (variant and index % 100 == 1) and (variant or index < count)]
        header = f'plan {plan_id} {{\n  title "Syntetisk plan {plan_id}"\n}}\ninclude "org.dlg"\n'
        for number, start in enumerate(range(0, len(cases), chunk)):
            name = f"cases_{plan_id.lower()}_{number}.dlg"
            (folder / name).write_text("\n".join(cases[start:start + chunk]), encoding="utf-8")
            header += f'include "{name}"\n'
        path = folder / f"plan_{plan_id.lower()}.dlg"
        path.write_text(header, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


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

    from delegation.language.assemble import load_plan
    from delegation.analysis.diffing import diff
    from delegation.presentation.report import render_markdown, render_text
    from delegation.presentation.report_html import render_html

    folder = Path(tempfile.mkdtemp(prefix="delegation-diff-bench-"))
    try:
        path_x, path_y = write_plans(folder, cases)
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
    return dict(plan_x=plan_x, plan_y=plan_y, result=result, load_x=load_x, load_y=load_y,
                took=took, same=same, as_json=as_json, text=text, as_text=as_text, as_md=as_md,
                as_html=as_html, page=page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="case types per plan")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the best is reported")
    args = parser.parse_args()
    m = measure(args.cases, args.runs)
    plan_x, plan_y, result = m["plan_x"], m["plan_y"], m["result"]
    load_x, load_y, took, same = m["load_x"], m["load_y"], m["took"], m["same"]
    as_json, text, as_text, as_md, as_html, page = (m["as_json"], m["text"], m["as_text"],
                                                    m["as_md"], m["as_html"], m["page"])
    counts = {kind: sum(c.change == kind for c in result.changes)
              for kind in ("changed", "added", "removed", "unchanged")}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"plans: {len(plan_x.case_types):,} and {len(plan_y.case_types):,} case types; diff: "
          + ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
          + f"; {sum(len(c.bands) for c in result.changes):,} bands")
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
