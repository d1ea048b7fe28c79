"""Properties of the diff on generated plans, and of the band merging it rests on."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import delegation
from delegation.bands import regions
from delegation.conditions import matches
from delegation.model import Compare, Fact, Quantity, Rule, Span

SPAN = Span(file="t", line=1, column=1)
FACTS = [
    Fact(id="amount", label="beløb", unit="kr.", span=SPAN),
    Fact(id="persons", label="antal personer", unit="personer", integer=True, span=SPAN),
]
OPS = [">", ">=", "<", "<="]


def _rule(number: int, fact: str, op: str, value: int) -> Rule:
    condition = Compare(fact=fact, op=op, value=Quantity(value=value, span=SPAN), span=SPAN)
    return Rule(id=f"r{number}", when=condition, span=SPAN)


rules_strategy = st.lists(
    st.tuples(
        st.sampled_from(["amount", "persons"]), st.sampled_from(OPS), st.integers(min_value=0, max_value=20)
    ),
    min_size=1,
    max_size=5,
)


@given(rules_strategy, st.integers(min_value=0, max_value=25), st.integers(min_value=0, max_value=25))
def test_regions_partition_the_facts_and_carry_the_key_of_every_point(specs, amount, persons):
    rules = [_rule(n, *spec) for n, spec in enumerate(specs)]

    def key(point):
        return tuple(bool(matches(rule.when, point)) for rule in rules)

    boxes = regions(rules, FACTS, key)
    point = {"amount": float(amount), "persons": float(persons)}
    holding = [value for box, value in boxes if all(interval.contains(point[fact]) for fact, interval in box)]
    assert holding == [key(point)]
    for (box, value), (other, other_value) in zip(boxes, boxes[1:]):
        if box[0] == other[0]:  # neighbours along the inner fact are never equal
            assert value != other_value


BODIES = ["raad", "mag", "afd", None]
ORGANISATION = """
fact amount  "beløb"          unit "kr."
fact persons "antal personer" unit "personer" integer
body raad { name "Byrådet" kind council }
body mag  { name "Magistraten" kind executive }
body udv  { name "Udvalget" kind committee }
body afd  { name "Afdelingen" kind department head "rådmanden" committee udv }
section s "Listen" owner afd
"""

case_strategy = st.tuples(
    st.sampled_from(["amount", "persons"]),
    st.integers(min_value=1, max_value=9),
    st.sampled_from(BODIES[:-1]),
    st.sampled_from(BODIES),
    st.sampled_from(["lovbestemt", "byraadsbestemt"]),
    st.booleans(),
)


def _plan_text(plan_id: str, cases: dict[str, tuple]) -> str:
    parts = [f'plan {plan_id} {{ title "Plan {plan_id}" }}', ORGANISATION]
    for case_id, (fact, limit, low_body, high_body, basis, briefed) in cases.items():
        rules = []
        for name, condition, body in (
            ("lav", f"{fact} <= {limit}", low_body),
            ("hoej", f"{fact} > {limit}", high_body),
        ):
            lines = [f"    decides {body}"] if body else []
            if briefed and name == "hoej":
                lines.append("    inform udv before by meeting")
            if not lines:
                continue  # no rule here: the default competence (the department)
            lines.append(f"    basis {basis}")
            rules.append(
                f"  rule {name} when {condition} {{\n"
                + "\n".join(lines)
                + f'\n    cite "Liste": "{case_id} {name}"\n  }}'
            )
        parts.append(f'case {case_id} {{\n  title "Sag {case_id}"\n  section s\n' + "\n".join(rules) + "\n}")
    return "\n".join(parts) + "\n"


plans_strategy = st.dictionaries(
    st.sampled_from([f"sag{i}" for i in range(6)]), case_strategy, min_size=1, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans_strategy, plans_strategy)
def test_generated_plans_mirror_and_agree_with_decide(tmp_path, first, second):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "x.dlg").write_text(_plan_text("X", first), encoding="utf-8")
    (folder / "y.dlg").write_text(_plan_text("Y", second), encoding="utf-8")
    x, y = delegation.load(folder / "x.dlg"), delegation.load(folder / "y.dlg")

    assert {c.change for c in delegation.diff(x, x).changes} == {"unchanged"}
    forward, backward = delegation.diff(x, y), delegation.diff(y, x)
    mirror = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}
    back = {c.case_type: c for c in backward.changes}
    for change in forward.changes:
        assert back[change.case_type].change == mirror[change.change]
        assert [b.outcomes for b in back[change.case_type].bands] == [b.outcomes for b in change.bands]
        for band in change.bands:
            for plan in (x, y):
                outcome = band.outcomes[plan.id]
                if outcome is None:
                    continue
                decision = plan.decide(change.case_type, **band.example)
                assert (outcome.decides, outcome.basis, outcome.inform) == (
                    decision.decides,
                    decision.basis,
                    decision.inform,
                )
    assert forward.workload == backward.workload
    for plan_id, case_map in (("X", first), ("Y", second)):
        deciders = {body or "afd" for case in case_map.values() for body in case[2:4]}
        assert set(b for b, load in forward.workload[plan_id].items() if load.decides) == deciders
    assert all(itertools.starmap(lambda f, t: f != t, ((f.from_, f.to) for f in forward.flows)))
