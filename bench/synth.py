"""Synthetic rule sets for every benchmark: N municipalities x M case types, shaped like Aarhus's plans.

The proportions are measured from the Aarhus plans (plan A: 71 case types, about one in five with a
threshold, one in three informing a body, one in six involving one, a few with a recommendation;
plans B and C extend A and override four in ten of its case types; B also removes one in a hundred
and adds as many). Output is plain .dlg text, so
the whole pipeline (parse, assemble, validate) is exercised.

    python bench/synth.py OUT_DIR --municipalities 2 --case-types 1000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CASES_PER_FILE = 2000  # include files stay well under the loader's size limit
BODIES = ["raadet", "udvalget", "afd_a", "afd_b", "afd_c", "afd_d", "gruppen", "fagudvalg"]
DEPARTMENTS = ["afd_a", "afd_b", "afd_c", "afd_d"]


def organisation(name: str) -> str:
    departments = "\n".join(
        f'body {d} {{\n  name "Afdeling {d[-1].upper()}"\n  kind department\n  head "rådmanden"\n'
        f'  area "Område {d[-1].upper()} og tilhørende opgaver"\n}}'
        for d in DEPARTMENTS
    )
    return f"""# Synthetic organisation of {name}.
fact amount "beløb" unit "kr."
fact annual_amount "årligt beløb" unit "kr."
fact persons "antal personer" unit "personer" integer
fact salary_step "løntrin" unit "løntrin" integer
body raadet {{ name "Byrådet" kind council delegates to udvalget {" ".join(DEPARTMENTS)} }}
body udvalget {{ name "Økonomiudvalget" kind executive }}
body gruppen {{ name "Direktionen" kind group }}
body fagudvalg {{ name "det relevante fagudvalg" kind committee relative }}
{departments}
section s1 "Fælles emner" owner afd_a
section s2 "Tværgående emner" owner afd_b
category c1 "Økonomi"
category c2 "Personale"
preamble {{ default "Udgangspunktet er, at afdelingen beslutter." }}
"""


def _rule(rng: random.Random, case_id: str, index: int, condition: str | None) -> str:
    lines = [
        f"  rule{(' when ' + condition) if condition else ''} {{",
        f"    decides {rng.choice(BODIES[:-1])}",
        f"    basis {rng.choice(['lovbestemt', 'byraadsbestemt', 'byraadsbestemt', 'procedurekrav'])}",
    ]
    if rng.random() < 0.33:
        lines.append(
            f"    inform {rng.choice(['udvalget', 'fagudvalg', 'raadet'])} "
            f"{rng.choice(['before', 'after', 'periodic'])} by {rng.choice(['meeting', 'mail'])}"
        )
    if rng.random() < 0.16:
        lines.append(f"    involve {rng.choice(DEPARTMENTS)}")
    if rng.random() < 0.06:
        lines.append("    recommends gruppen")
    lines.append(
        f'    cite "Skal forelægges Byrådet" > "Byrådsbestemt": "Sagstype {case_id} '
        f'regel {index}, gengivet ordret fra planen"'
    )
    lines.append("  }")
    return "\n".join(lines)


def case_type(rng: random.Random, number: int, keyword: str = "case") -> str:
    case_id = f"sag_{number:06d}"
    rules = []
    if rng.random() < 0.2:
        fact = rng.choice(["amount", "amount", "amount", "persons", "salary_step", "annual_amount"])
        if fact in ("persons", "salary_step"):
            limit = rng.choice([5, 10, 52, 53])
            rules = (
                [(f"{fact} >= {limit}"), (f"{fact} < {limit}")]
                if rng.random() < 0.5
                else [f"{fact} >= {limit}"]
            )
        else:
            low = rng.choice([250_000, 500_000, 1_000_000, 2_000_000])
            rules = (
                [f"{fact} > {low * 2}", f"{fact} in {low} .. {low * 2}"]
                if rng.random() < 0.5
                else [f"{fact} > {low}"]
            )
    else:
        rules = [None]
    body = "\n".join(_rule(rng, case_id, i + 1, c) for i, c in enumerate(rules))
    return (
        f'{keyword} {case_id} {{\n  title "Sagstype nummer {number} om forhold {rng.randint(1, 999)}"\n'
        f'  alias "sag {number}"\n  section {rng.choice(["s1", "s2"])}\n'
        f"  category {rng.choice(['c1', 'c2'])}\n{body}\n}}\n"
    )


def write_municipality(folder: Path, name: str, case_types: int, seed: int = 1) -> dict[str, Path]:
    """Organisation, a base plan A (cases in include files) and a plan B extending A; returns paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.dlg").write_text(organisation(name), encoding="utf-8")
    includes = []
    for start in range(0, case_types, CASES_PER_FILE):
        chunk = folder / f"cases_{start // CASES_PER_FILE:03d}.inc"
        chunk.write_text(
            "\n".join(case_type(rng, n) for n in range(start, min(start + CASES_PER_FILE, case_types))),
            encoding="utf-8",
        )
        includes.append(f'include "{chunk.name}"')
    plan_a = folder / "plan_a.dlg"
    plan_a.write_text(
        f'plan A {{ title "{name}: plan A" }}\ninclude "organisation.dlg"\n' + "\n".join(includes) + "\n",
        encoding="utf-8",
    )
    # B, like Aarhus's B: four in ten case types overridden, one in a hundred removed, and as many
    # new ones (what a diff has to find).
    draws = [rng.random() for _ in range(case_types)]
    overrides = [case_type(rng, n, "override case") for n in range(case_types) if draws[n] < 0.4]
    removed = [f"remove case sag_{n:06d}" for n in range(case_types) if 0.4 <= draws[n] < 0.41]
    added = [case_type(rng, n) for n in range(case_types, case_types + len(removed))]
    plan_b = folder / "plan_b.dlg"
    plan_b.write_text(
        f'plan B extends "plan_a.dlg" {{ title "{name}: plan B" }}\n'
        + "\n".join([*overrides, *removed, *added]),
        encoding="utf-8",
    )
    return {"A": plan_a, "B": plan_b}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--municipalities", type=int, default=1)
    parser.add_argument("--case-types", type=int, default=1000)
    args = parser.parse_args()
    for index in range(args.municipalities):
        paths = write_municipality(
            args.out / f"kommune_{index:02d}", f"Kommune {index}", args.case_types, seed=index
        )
        print(" ".join(str(p) for p in paths.values()))


if __name__ == "__main__":
    main()
