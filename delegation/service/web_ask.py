"""The Spørg page's content: one question asked of every plan, the answers side by side, from decide."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..engine.decision import BAND_FIELDS, OUTCOME_FIELDS, Decision
from ..engine.evaluate import decide
from ..engine.facts import check_department, parse_facts
from ..engine.resolve import resolve_case
from ..engine.wording import outcome_sentence
from ..errors import InputError
from ..i18n import text
from ..model import BodyKind, Fact, Plan
from ..numbers import format_quantity
from .web_common import capitalised, case_facts, needs_department, query_url

MAX_SUGGESTIONS = 10


@dataclass(frozen=True)
class FactField:
    id: str
    label: str
    unit: str | None
    integer: bool
    value: str
    shown: bool
    error: str | None = None
    given: str = ""  # the value as read, in the plans' style: "300.000 kr."


@dataclass(frozen=True)
class Answer:
    """One plan's column: the decision, its one-line sentence and the sentence of every band."""

    plan: Plan
    decision: Decision
    sentence: str
    band_sentences: tuple[str, ...]
    band_examples: tuple[str, ...] = ()  # a value inside each band, "125.000 kr."
    depends: str = ""  # the missing facts, "beløb og antal personer"
    differs: bool = False  # the outcome is not the first plan's

    @property
    def caveats(self) -> list[str]:
        """The preamble's caveats among the explanation (long; the page folds them away)."""
        return [line for line in self.decision.explanation if line in self._caveat_lines]

    @property
    def reasons(self) -> list[str]:
        return [line for line in self.decision.explanation if line not in self._caveat_lines]

    @property
    def _caveat_lines(self) -> set[str]:
        return {text("da", "caveat", text=caveat) for caveat in self.plan.preamble.caveats}

    @property
    def outcome(self) -> tuple[object, ...]:
        """What the answer says, without the plan's wording: equal tuples mean the same answer."""
        d = self.decision
        said = tuple(
            d.case_type.id if d.case_type and key == "case_type" else getattr(d, key)
            for key in OUTCOME_FIELDS
        )
        bands = tuple(tuple(getattr(band, key) for key in BAND_FIELDS) for band in d.outcomes)
        return (*said, bands, tuple(c.id for c in d.candidates))


@dataclass
class AskPage:
    query: str
    department: str | None
    chosen: list[str]
    plans: list[Plan]
    fields: list[FactField]
    departments: list[tuple[str, str]]
    department_label: str
    show_department: bool
    department_error: str | None = None
    answers: list[Answer] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def rows(self) -> set[str]:
        """The rows worth showing: who decides and the basis always, the others when a plan has them."""
        answered = [a.decision for a in self.answers if not (a.decision.depends_on or a.decision.candidates)]
        rows = {"decides", "basis"} if answered else set()
        for d in answered:
            rows |= {
                key
                for key, present in (
                    ("before", any(i.when == "before" for i in d.inform)),
                    ("after", any(i.when != "before" for i in d.inform)),
                    ("involve", d.involve),
                    ("recommends", d.recommends),
                )
                if present
            }
        return rows

    @property
    def has_errors(self) -> bool:
        return bool(self.department_error) or any(f.error for f in self.fields)

    def link(self, **changes: object) -> str:
        """This question's URL with some parameters changed (e.g. a candidate's id as sag)."""
        params: list[tuple[str, str]] = [("sag", self.query)] if self.query else []
        params += [("plan", plan_id) for plan_id in self.chosen]
        params += [(f.id, f.value) for f in self.fields if f.value]
        if self.department:
            params.append(("department", self.department))
        return query_url("/sporg", params, **changes)


def _all_facts(plans: Sequence[Plan]) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for plan in plans:
        for name, fact in plan.facts.items():
            facts.setdefault(name, fact)
    return facts


def _fact_error(label: str, integer: bool, value: str) -> str:
    kind = "et helt tal" if integer else "et tal"
    return (
        f"{capitalised(label)}: «{value}» kan ikke læses som {kind} (0 eller derover). "
        f"Skriv fx 500000, 500.000, 500.000 kr. eller 2 mio."
    )


def _departments(plans: Sequence[Plan]) -> tuple[list[tuple[str, str]], str]:
    """The concrete departments to choose from, and how the rules name "the owning department"."""
    options: dict[str, str] = {}
    label = "Ansvarlig afdeling"
    for plan in plans:
        for body in plan.bodies.values():
            if body.kind is BodyKind.department and body.relative:
                label = capitalised(body.name)
            elif body.kind is BodyKind.department:
                options.setdefault(body.id, f"{body.name} ({body.short})" if body.short else body.name)
    return list(options.items()), label


def ask_page(served: Mapping[str, Plan], params: Mapping[str, str], chosen: list[str]) -> AskPage:
    """Validate the form, ask every chosen plan, and say which fields the case type needs."""
    chosen = [plan_id for plan_id in dict.fromkeys(chosen) if plan_id in served] or sorted(served)
    plans = [served[plan_id] for plan_id in chosen]
    query = (params.get("sag") or "").strip()
    department = (params.get("department") or "").strip() or None
    facts = _all_facts(plans)
    raw = {name: (params.get(name) or "").strip() for name in facts}
    values: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name, value in raw.items():
        if not value:
            continue
        owner = next(plan for plan in plans if name in plan.facts)
        try:
            values.update(parse_facts(owner, {name: value}, None))
        except InputError:
            errors[name] = _fact_error(facts[name].label, facts[name].integer, value)
    department_error = None
    if department:
        try:
            for plan in plans:
                department = check_department(plan, department)
        except InputError:
            department_error = f"Ukendt afdeling «{department}»; vælg en fra listen."
    needed: set[str] = set()
    wants_department = False
    # The case type of each plan, for the fields it needs (the answers below are `decide`'s own).
    for plan in plans:
        case = resolve_case(plan, query).case if query else None
        if case is not None:
            needed.update(case_facts(plan, case))
            wants_department |= needs_department(plan, case)
    departments, department_label = _departments(plans)
    page = AskPage(
        query=query,
        department=department,
        chosen=chosen if len(chosen) < len(served) else [],
        plans=plans,
        departments=departments,
        department_label=department_label,
        show_department=bool(departments) and (wants_department or bool(department)),
        department_error=department_error,
        examples=example_queries(plans),
        fields=[
            FactField(
                id=name,
                label=fact.label,
                unit=fact.unit,
                integer=fact.integer,
                value=raw[name],
                shown=name in needed or bool(raw[name]),
                error=errors.get(name),
                given=format_quantity(values[name], fact.unit) if name in values else "",
            )
            for name, fact in facts.items()
        ],
    )
    if query and not page.has_errors:
        try:
            answers = [_answer(plan, query, values, department) for plan in plans]
        except InputError as error:  # the text states a fact the form gives otherwise
            said = {problem.field: problem.text("da") for problem in error.problems}
            page.fields = [
                replace(f, error=said.get(f"facts.{f.id}", f.error), shown=True) for f in page.fields
            ]
            return page
        page.answers = [replace(a, differs=a.outcome != answers[0].outcome) for a in answers]
        if any(not a.decision.covered and not a.decision.candidates for a in page.answers):
            page.show_department = bool(departments)  # the default competence needs a department
    return page


def _answer(plan: Plan, query: str, values: dict[str, float], department: str | None) -> Answer:
    """The decision of one plan, as `decide` gives it (the facts the text states read, as the API
    and the command read them); the facts and the department were checked by the caller."""
    known = {name: value for name, value in values.items() if name in plan.facts}
    decision = decide(plan, query, known, department, "da")
    return Answer(
        plan=plan,
        decision=decision,
        sentence=outcome_sentence(plan, decision),
        band_sentences=tuple(outcome_sentence(plan, band) for band in decision.outcomes),
        band_examples=tuple(
            " og ".join(format_quantity(value, plan.facts[name].unit) for name, value in band.example.items())
            for band in decision.outcomes
        ),
        depends=" og ".join(plan.facts[name].label for name in decision.depends_on),
    )


def example_queries(plans: Sequence[Plan], count: int = 2) -> list[str]:
    """Words a user might type, taken from the rules: the first alias of case types that need facts."""
    found: list[str] = []
    for plan in plans:
        for case in plan.case_types.values():
            words = case.aliases[0] if case.aliases else case.title
            if case_facts(plan, case) and words not in found and len(found) < count:
                found.append(words)
    return found


def suggestions(served: Mapping[str, Plan], search: str) -> list[dict[str, Any]]:
    """Case types of every plan matching the text, best first, with the facts each one needs."""
    found: dict[str, dict[str, Any]] = {}
    ranked: list[tuple[int, int, str]] = []
    for plan_index, plan in enumerate(served[plan_id] for plan_id in sorted(served)):
        for rank, case in enumerate(plan.cases(search) if search.strip() else []):
            entry = found.get(case.id)
            if entry is None:
                section = plan.sections.get(case.section or "")
                entry = found[case.id] = {
                    "id": case.id,
                    "title": case.title,
                    "section": section.title if section else "",
                    "plans": [],
                    "facts": [],
                    "department": False,
                }
                ranked.append((rank, plan_index, case.id))
            entry["plans"].append(plan.id)
            entry["facts"] += [name for name in case_facts(plan, case) if name not in entry["facts"]]
            entry["department"] |= needs_department(plan, case)
    return [found[case_id] for _, _, case_id in sorted(ranked)[:MAX_SUGGESTIONS]]
