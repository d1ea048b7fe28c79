"""Semantic validation of an assembled plan: every reference, range, citation and band, all at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from ..bands import TooManyCells, overlap
from ..conditions import atoms
from ..days import calendar_date
from ..errors import Problem, did_you_mean, problem_in
from ..messages import LANGUAGES, Localized, Message
from ..model import Between, Body, BodyKind, CaseType, Compare, Plan, PlanStatus, Rule, Span, When
from ..numbers import format_quantity
from .tokens import Lexeme

if TYPE_CHECKING:
    from .parse import ParsedFile

_KLE_PATTERN = re.compile(r"^\d{2}(\.\d{2}){0,2}(-[A-Z]\d{2})?$|^\d{2}(\.\d{2})?\.\*(-[A-Z]\d{2})?$")


# Where a block's references are written: (kind, id, field) -> the field's keyword token.
Places = Mapping[tuple[str, str, str], Lexeme]


class _Checker:
    def __init__(self, plan: Plan, texts: Mapping[str, str], parsed: Mapping[str, ParsedFile]):
        self.plan = plan
        self.texts = texts
        self.parsed = parsed
        self.problems: list[Problem] = []

    def at(self, kind: str, owner: Body | CaseType, name: str, value: str | None = None) -> Span:
        """Where `owner`'s field `name` (the one naming `value`) is written, its keyword, else
        where the block starts."""
        parsed = self.parsed.get(owner.span.file)
        places = parsed.places if parsed is not None else {}
        token = places.get((kind, owner.id, f"{name}={value}")) if value is not None else None
        token = token or places.get((kind, owner.id, name))
        return owner.span if token is None else Span(owner.span.file, *token.position)

    def report(
        self,
        key: str,
        args: Mapping[str, object],
        span: Span,
        hint: Message | None = None,
        *,
        code: str | None = None,
    ) -> None:
        self.problems.append(problem_in(key, args, span, self.texts, hint, code=code))

    def reference(
        self, kind: str, name: str | None, table: Mapping[str, object], span: Span | Callable[[], Span]
    ) -> bool:
        """Whether `name` is in `table`; else a problem at `span` (a function of none when working
        out the place costs: the line of every case type's section, category and department was a
        sixth of validating 10.000 case types, and is needed only when one is unknown)."""
        if name is None or name in table:
            return True
        span = span() if callable(span) else span
        self.report(
            f"validate.unknown.{kind}",
            {"name": name},
            span,
            did_you_mean(name, table)
            or Message(f"validate.known.{kind}", ids=", ".join(sorted(table)) or Message("word.none")),
            code=_UNKNOWN_CODES[kind],
        )
        return False

    def bodies(self) -> None:
        plan = self.plan
        for body in plan.bodies.values():
            if not body.name:
                self.report(
                    "validate.body_name",
                    {"body": body.id},
                    body.span,
                    Message("validate.body_name.hint"),
                    code="DLG014",
                )
            committee = self.at("body", body, "committee")
            if body.committee and self.reference("body", body.committee, plan.bodies, committee):
                if plan.bodies[body.committee].kind is not BodyKind.committee:
                    self.report("validate.not_committee", {"body": body.committee}, committee, code="DLG013")
            for target in body.delegates_to:
                self.reference("body", target, plan.bodies, self.at("body", body, "delegates_to", target))
        for section in plan.sections.values():
            self.reference("body", section.owner, plan.bodies, section.span)

    def in_time(self) -> None:
        """Status, period in force and adoption agree, and every date is a day of the calendar."""
        plan = self.plan
        dates = [plan.date, plan.in_force_from, plan.in_force_until, plan.adoption and plan.adoption.date]
        for value in dates:
            if value and calendar_date(value) is None:
                self.report("time.impossible", {"date": value}, plan.span, code="DLG008")
                return
        if plan.status is PlanStatus.draft:
            if plan.in_force_from or plan.adoption:
                self.report(
                    "time.draft_in_force",
                    {},
                    plan.span,
                    Message("time.draft_in_force.hint"),
                    code="DLG008",
                )
            return
        if not plan.in_force_from:
            self.report(
                "time.no_start",
                {"status": plan.status.value},
                plan.span,
                Message("time.no_start.hint"),
                code="DLG008",
            )
        elif plan.in_force_until and plan.in_force_until < plan.in_force_from:
            self.report(
                "time.inverted",
                {"start": plan.in_force_from, "end": plan.in_force_until},
                plan.span,
                code="DLG008",
            )
        if plan.status is PlanStatus.repealed and not plan.in_force_until:
            self.report(
                "time.repealed_open",
                {},
                plan.span,
                Message("time.repealed_open.hint"),
                code="DLG008",
            )

    def case(self, case: CaseType) -> None:
        plan = self.plan
        if not case.title:
            self.report(
                "validate.case_title",
                {"case": case.id},
                case.span,
                Message("validate.case_title.hint"),
                code="DLG014",
            )
        self.reference("section", case.section, plan.sections, lambda: self.at("case", case, "section"))
        self.reference("category", case.category, plan.categories, lambda: self.at("case", case, "category"))
        department = case.department
        if self.reference("department", department, plan.bodies, lambda: self.at("case", case, "department")):
            if department and plan.bodies[department].kind is not BodyKind.department:
                self.report(
                    "validate.not_department",
                    {"body": department},
                    self.at("case", case, "department"),
                    code="DLG013",
                )
        if case.department is None and case.section is None:
            self.report(
                "validate.case_home",
                {"case": case.id},
                case.span,
                Message("validate.case_home.hint"),
                code="DLG014",
            )
        if not case.rules:
            self.report("validate.case_rules", {"case": case.id}, case.span, code="DLG014")
        for pattern in case.kle:
            if not _KLE_PATTERN.match(pattern):
                self.report(
                    "validate.kle",
                    {"kle": pattern},
                    self.at("case", case, "kle", pattern),
                    Message("validate.kle.hint"),
                    code="DLG018",
                )
        for former in case.formerly:
            if former in plan.case_types:
                self.report(
                    "validate.former",
                    {"former": former, "case": case.id},
                    self.at("case", case, "formerly", former),
                    Message("validate.former.hint"),
                    code="DLG005",
                )
        conditions_ok = True
        for rule in case.rules:
            conditions_ok &= self.rule(rule)
        if conditions_ok:
            self.overlaps(case)

    def rule(self, rule: Rule) -> bool:
        bodies = self.plan.bodies
        for body in (rule.decides, *rule.involve, *rule.recommends, *[inform.body for inform in rule.inform]):
            if body is not None and body not in bodies:
                self.reference("body", body, bodies, rule.body_spans.get(body, rule.span))
        if rule.basis is None:
            self.report(
                "validate.basis", {"rule": rule.id}, rule.span, Message("validate.basis.hint"), code="DLG015"
            )
        if not rule.citations:
            self.report(
                "validate.citation",
                {"rule": rule.id},
                rule.span,
                Message("validate.citation.hint"),
                code="DLG016",
            )
        for inform in rule.inform:
            if inform.frequency and inform.when != When.periodic:
                self.report(
                    f"validate.frequency.{inform.when.value}",
                    {"body": inform.body, "frequency": inform.frequency},
                    rule.body_spans.get(inform.body, rule.span),
                    Message("validate.frequency.hint", body=inform.body, frequency=inform.frequency),
                    code="DLG019",
                )
        if not (rule.decides or rule.inform or rule.involve or rule.recommends):
            self.report("validate.empty_rule", {"rule": rule.id}, rule.span, code="DLG017")
        return rule.when is None or all(self.condition(atom) for atom in atoms(rule.when))

    def condition(self, atom: Compare | Between) -> bool:
        plan = self.plan
        if not self.reference("fact", atom.fact, plan.facts, atom.span):
            return False
        fact = plan.facts[atom.fact]
        quantities = (atom.low, atom.high) if isinstance(atom, Between) else (atom.value,)
        ok = True
        for quantity in quantities:
            if quantity.unit and fact.unit and quantity.unit != fact.unit:
                self.report(
                    "validate.unit",
                    {"unit": quantity.unit, "fact": fact.id, "fact_unit": fact.unit},
                    quantity.span,
                    Message("validate.unit.hint", value=format_quantity(quantity.value, fact.unit)),
                    code="DLG018",
                )
                ok = False
            if fact.integer and quantity.value != int(quantity.value):
                self.report("validate.integer", {"fact": fact.id}, quantity.span, code="DLG018")
                ok = False
        if isinstance(atom, Between) and atom.low.value > atom.high.value:
            self.report(
                "validate.inverted",
                {
                    "low": format_quantity(atom.low.value, fact.unit),
                    "high": format_quantity(atom.high.value, fact.unit),
                },
                atom.span,
                Message("validate.inverted.hint"),
                code="DLG020",
            )
            ok = False
        return ok

    def overlaps(self, case: CaseType) -> None:
        facts = self.plan.facts
        for index, first in enumerate(case.rules):
            for later in case.rules[index + 1 :]:
                try:
                    common = overlap(first.when, later.when, facts)
                except TooManyCells:
                    self.report(
                        "validate.too_complex",
                        {"first": first.id, "later": later.id},
                        later.span,
                        Message("validate.too_complex.hint"),
                        code="DLG021",
                    )
                    continue
                if common is None:
                    continue
                where: object = (
                    Localized(
                        **{
                            lang: ", ".join(
                                f"{facts[f].label} {interval.describe(facts[f], lang)}"
                                for f, interval in sorted(common.items())
                            )
                            for lang in LANGUAGES
                        }
                    )
                    if common
                    else Message("word.always")
                )
                example = ", ".join(
                    f"{facts[f].label} = {format_quantity(interval.example(facts[f].integer), facts[f].unit)}"
                    for f, interval in sorted(common.items())
                )
                self.report(
                    "validate.overlap.example" if example else "validate.overlap",
                    {
                        "first": first.id,
                        "later": later.id,
                        "case": case.id,
                        "where": where,
                        "example": example,
                    },
                    later.span,
                    Message("validate.overlap.hint"),
                    code="DLG021",
                )


# `delegation check` reports each problem under a stable code (catalogue: delegation/analysis/findings.py).
_UNKNOWN_CODES = {
    "body": "DLG010",
    "fact": "DLG011",
    "section": "DLG012",
    "category": "DLG012",
    "department": "DLG013",
}


def validate(plan: Plan, texts: Mapping[str, str], parsed: Mapping[str, ParsedFile]) -> Iterable[Problem]:
    """All semantic problems of the plan (an empty list when it is sound); `parsed`: each file as
    parsed, whose places point at the line that names something unknown."""
    checker = _Checker(plan, texts, parsed)
    checker.bodies()
    checker.in_time()
    for case in plan.case_types.values():
        checker.case(case)
    return checker.problems
