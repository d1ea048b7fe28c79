"""What every engine of bench/peers.py is given: a case type's rules reduced to terms, and the answer.

Every engine is given the same plan model (delegation/model.py), reduced here to a `CaseSpec`: per
rule, its condition as terms (an OR of ANDs of comparisons), the facts it reads and its outcome.
Each engine evaluates the three-valued logic delegation uses (bands.matches): a rule *holds* when a
term's comparisons all hold with their facts given; it is *open* when no comparison of some term is
false (a missing fact leaves it open). The answer: the first rule that holds; else, when a rule is
open, "depends on" the missing facts the open rules read; else the case type's default competence.

The canonical answer, compared across engines, is `Answer`: (decides, basis, inform as sorted
(body, when, channel) triples, involve sorted, recommends sorted, depends_on sorted).

Each engine's `decide(case, facts)` is the timed call and returns the engine's own result (which rule
holds, or which facts are missing); `answer(result, case)` reads it into an Answer, for the check only.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from delegation.model import AllOf, AnyOf, Between, CaseType, Compare, Condition, Plan

Atom = tuple[str, str, float]  # fact, operator, value
Term = tuple[Atom, ...]  # all of these
Answer = tuple[
    str | None,
    str | None,
    tuple[tuple[str, str, str], ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
]
Facts = dict[str, int]


@dataclass(frozen=True)
class RuleSpec:
    terms: tuple[Term, ...]  # any of these; one empty term: always holds
    facts: tuple[str, ...]
    outcome: Answer


@dataclass(frozen=True)
class CaseSpec:
    id: str
    facts: tuple[str, ...]
    rules: tuple[RuleSpec, ...]
    default: Answer

    def result(self, index: int | None, depends: Sequence[str]) -> Answer:
        """The answer for `index` (the rule that holds) or, when none does, the facts depended on."""
        if index is not None:
            return self.rules[index].outcome
        if depends:
            return (None, None, (), (), (), tuple(sorted(set(depends))))
        return self.default


def terms(condition: Condition | None) -> tuple[Term, ...]:
    """A condition as an OR of ANDs (Kleene logic has no negation, so this is exact for both values)."""
    if condition is None:
        return ((),)
    if isinstance(condition, Compare):
        return (((condition.fact, condition.op, condition.value.value),),)
    if isinstance(condition, Between):
        return (((condition.fact, ">=", condition.low.value), (condition.fact, "<=", condition.high.value)),)
    if isinstance(condition, AnyOf):
        return tuple(term for item in condition.items for term in terms(item))
    assert isinstance(condition, AllOf)
    return tuple(
        tuple(itertools.chain.from_iterable(parts))
        for parts in itertools.product(*(terms(item) for item in condition.items))
    )


def spec_of(plan: Plan, case: CaseType) -> CaseSpec:
    """The rules of a case type, as every engine gets them; outcomes as delegation gives them without
    a department (relative bodies stay relative)."""
    owner = plan.owner_of(case)
    rules = []
    for rule in case.rules:
        rule_terms = terms(rule.when)
        outcome: Answer = (
            rule.decides or owner,
            rule.basis.value if rule.basis else None,
            tuple(sorted((i.body, i.when.value, i.channel.value) for i in rule.inform)),
            tuple(sorted(rule.involve)),
            tuple(sorted(rule.recommends)),
            (),
        )
        facts = tuple(sorted({atom[0] for term in rule_terms for atom in term}))
        rules.append(RuleSpec(rule_terms, facts, outcome))
    used = tuple(sorted({f for rule in rules for f in rule.facts}))
    return CaseSpec(case.id, used, tuple(rules), (owner, "default", (), (), (), ()))


def number(value: float) -> str:
    """A threshold as source text: whole numbers without a decimal point (Cedar has integers only)."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def by_fact(term: Term) -> dict[str, list[Atom]]:
    grouped: dict[str, list[Atom]] = {}
    for atom in term:
        grouped.setdefault(atom[0], []).append(atom)
    return grouped


class Engine:
    """One peer: `load` compiles the case types' native sources, `decide` is the timed call."""

    name = ""
    package = ""  # the import that must be present, or the engine is skipped

    def load(self, specs: Sequence[CaseSpec]) -> float:
        """Translate (not timed) and compile (timed, returned in seconds)."""
        raise NotImplementedError

    def decide(self, case: str, facts: Facts) -> Any:
        raise NotImplementedError

    def answer(self, result: Any, case: str) -> Answer:
        raise NotImplementedError


def timed(build: Callable[[], object]) -> float:
    started = time.perf_counter()
    build()
    return time.perf_counter() - started
