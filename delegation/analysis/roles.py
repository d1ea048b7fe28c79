"""Who does what in a plan: the edges of the delegation graph, and one body's share of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

from pydantic import BaseModel, ConfigDict

from ..bands import describe_condition
from ..engine.decision import Outcome
from ..engine.outcomes import outcome_of
from ..engine.wording import body_label
from ..errors import InputError, Problem, did_you_mean
from ..i18n import text
from ..messages import Message
from ..model import Basis, Body, BodyKind, CaseType, Plan, Rule
from .coverage import TooComplex, regions

if TYPE_CHECKING:
    from typing import TypedDict

    class _Where(TypedDict):
        """The fields every edge of one outcome shares."""

        case: str
        band: str | None
        decider: str | None
        rule: str | None
        file: str | None
        line: int | None


# The kinds of edge between a body and a case type (the chain's are "delegates" and "committee").
CASE_KINDS = ("decides", "recommends", "involve", "inform")


class Role(BaseModel):
    """One edge: a body's part in a case type under a band of facts, or a link in the chain."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=True)

    kind: str
    body: str
    case: str | None = None  # the case type (case edges)
    other: str | None = None  # the other body (chain edges)
    band: str | None = None  # "beløb: over 500.000 kr."; None: every value
    basis: str | None = None  # decides: the rule's basis, or "default" (default competence)
    when: str | None = None  # inform: before | after | periodic
    channel: str | None = None  # inform: meeting | mail | unspecified
    decider: str | None = None  # case edges: who decides in this band
    condition: str | None = None  # decides, involve: the plan's own condition for it ("kun når ...")
    rule: str | None = None  # the rule's id; None for the default competence
    file: str | None = None
    line: int | None = None


def plan_roles(plan: Plan, lang: str = "da") -> tuple[Role, ...]:
    """Every edge of the plan's delegation graph, in plan order (once per plan and language:
    the body index asks for it once per body)."""
    key = ("roles", lang)
    if key not in plan.memo:
        plan.memo[key] = _plan_roles(plan, lang)
    return cast("tuple[Role, ...]", plan.memo[key])


def _plan_roles(plan: Plan, lang: str) -> tuple[Role, ...]:
    roles: list[Role] = []
    for body in plan.bodies.values():
        roles.extend(
            Role(kind="delegates", body=body.id, other=target)
            for target in body.delegates_to
            if target in plan.bodies
        )
        if body.committee in plan.bodies:
            roles.append(Role(kind="committee", body=body.id, other=body.committee))
    for case in plan.case_types.values():
        roles.extend(case_roles(plan, case, lang))
    return tuple(roles)


def case_roles(plan: Plan, case: CaseType, lang: str = "da") -> Iterator[Role]:
    """The case edges of one case type: one set per rule, and the default competence in its gaps."""
    for rule in case.rules:
        band = describe_condition(rule.when, plan.facts, lang) if rule.when else None
        yield from _outcome_roles(case, outcome_of(plan, case, rule, None), band, rule)
    try:
        found = regions(plan, case)
    except TooComplex:  # too many bands to find the gaps: the rules' own edges are still there
        return
    if any(region.rules for region in found):
        for region in found:
            if not region.rules:
                yield from _outcome_roles(
                    case, outcome_of(plan, case, None, None), region.describe(lang), None
                )


def _outcome_roles(case: CaseType, outcome: Outcome, band: str | None, rule: Rule | None) -> Iterator[Role]:
    where: _Where = dict(
        case=case.id,
        band=band,
        decider=outcome.decides,
        rule=rule.id if rule else None,
        file=rule.span.file if rule else None,
        line=rule.span.line if rule else None,
    )
    if outcome.decides:
        basis = rule.basis.value if rule and rule.decides and rule.basis else Basis.default.value
        yield Role(kind="decides", body=outcome.decides, basis=basis, condition=outcome.decides_if, **where)
    for body in outcome.recommends:
        yield Role(kind="recommends", body=body, **where)
    for body in outcome.involve:
        yield Role(kind="involve", body=body, condition=outcome.involve_if, **where)
    for inform in outcome.inform:
        yield Role(kind="inform", body=inform.body, when=inform.when, channel=inform.channel, **where)


class Duty(BaseModel):
    """One line of a body's report: a role in a case type, and how the body came to have it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Role
    title: str
    via: str | None = None  # the relative body it stands in for (e.g. "the relevant committee")


class SectionDuties(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    section: str | None  # the section id; None for case types outside every section
    title: str
    duties: tuple[Duty, ...]


class BodyReport(BaseModel):
    """Everything one body decides, is briefed on and is told in a plan, grouped by section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: str
    body: str
    label: str
    name: str
    head: str | None
    committee: str | None
    delegated_from: tuple[str, ...]
    delegates_to: tuple[str, ...]
    sections: tuple[SectionDuties, ...]


def body_report(plan: Plan, body_id: str, lang: str = "da") -> BodyReport:
    """What a body (id, name or alias) does in the plan: its own roles, and those of the relative
    bodies it stands for (a department is "the department that owns the case"; a department's
    standing committee is "the relevant committee" in that department's cases)."""
    body_id = find_body(plan, body_id)
    body = plan.bodies[body_id]
    roles = plan_roles(plan, lang)
    groups: dict[str | None, list[Duty]] = {}
    for role in roles:
        if role.case is None:
            continue
        case = plan.case_types[role.case]
        via = _stands_in(plan, body_id, role.body, case)
        if role.body == body_id or via:
            groups.setdefault(case.section if case.section in plan.sections else None, []).append(
                Duty(role=role, title=case.title, via=body_label(plan, role.body) if via else None)
            )
    order = [*plan.sections, None]
    sections = tuple(
        SectionDuties(section=key, title=plan.sections[key].title if key else "", duties=tuple(groups[key]))
        for key in order
        if key in groups
    )
    return BodyReport(
        plan=plan.id,
        body=body.id,
        label=body_label(plan, body.id),
        name=body.name,
        head=body.head,
        committee=body.committee,
        delegated_from=tuple(
            role.body for role in roles if role.kind == "delegates" and role.other == body_id
        ),
        delegates_to=body.delegates_to,
        sections=sections,
    )


def _stands_in(plan: Plan, body_id: str, written: str, case: CaseType) -> bool:
    """Whether `written`, a relative body in this case type, can mean the real body `body_id`."""
    relative, real = plan.bodies.get(written), plan.bodies[body_id]
    if relative is None or not relative.relative or real.relative or written == body_id:
        return False
    owner = plan.bodies.get(plan.owner_of(case) or "")
    owner_is_open = owner is None or owner.relative
    if relative.kind is BodyKind.department and real.kind is BodyKind.department:
        return owner_is_open or cast(Body, owner).id == body_id
    if relative.kind is BodyKind.committee and real.kind is BodyKind.committee:
        departments = [b.id for b in plan.bodies.values() if b.committee == body_id]
        return bool(departments) and (owner_is_open or cast(Body, owner).id in departments)
    return False


def find_body(plan: Plan, wanted: str) -> str:
    """A body's id from its id, short name, name or alias (any case); InputError if none fits."""
    key = wanted.casefold()
    for body in plan.bodies.values():
        if key in {
            body.id.casefold(),
            body.name.casefold(),
            (body.short or "").casefold(),
            *(alias.casefold() for alias in body.aliases),
        }:
            return body.id
    raise InputError(
        Problem(
            "roles.unknown_body",
            {"name": wanted, "bodies": ", ".join(plan.bodies) or Message("word.none")},
            hint=did_you_mean(wanted, plan.bodies),
            field="body",
        )
    )


_GROUPS = (
    ("decides", None),
    ("recommends", None),
    ("involve", None),
    ("inform", "before"),
    ("inform", "after"),
    ("inform", "periodic"),
)


def render_body_report(
    plan: Plan, report: BodyReport, lang: str = "da", style: Callable[..., str] = lambda value, **_: value
) -> str:
    """The report for a person: who the body is, then per section what it decides and is told."""

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(body_label(plan, body) for body in ids)

    lines = [style(f"{report.name} · {text(lang, 'plan')} {report.plan}", bold=True)]
    committee = body_label(plan, report.committee) if report.committee else ""
    facts = [
        f"{text(lang, 'body.head')}: {report.head}" if report.head else "",
        f"{text(lang, 'body.committee')}: {committee}" if committee else "",
        f"{text(lang, 'body.from')}: {names(report.delegated_from)}" if report.delegated_from else "",
        f"{text(lang, 'body.to')}: {names(report.delegates_to)}" if report.delegates_to else "",
    ]
    lines.extend(fact for fact in facts if fact)
    if not report.sections:
        lines.append(text(lang, "body.nothing", body=report.label))
    for section in report.sections:
        lines.append("")
        lines.append(style(section.title or text(lang, "graph.no_section"), bold=True, underline=True))
        for kind, when in _GROUPS:
            duties = [duty for duty in section.duties if duty.role.kind == kind and duty.role.when == when]
            if duties:
                lines.append(f"  {style(text(lang, f'body.{when or kind}'), bold=True)} ({len(duties)})")
                lines.extend(f"    - {_duty_line(plan, duty, lang, style)}" for duty in duties)
    return "\n".join(lines)


def _duty_line(plan: Plan, duty: Duty, lang: str, style: Callable[..., str]) -> str:
    role = duty.role
    parts = [duty.title]
    if role.band:
        parts.append(role.band)
    if role.condition:
        parts.append(text(lang, "body.only_when", condition=role.condition))
    if role.kind == "decides":
        parts.append(text(lang, f"basis.{role.basis}"))
    elif role.decider:
        parts.append(text(lang, "decides", body=body_label(plan, role.decider)).rstrip("."))
    if role.kind == "inform" and role.channel != "unspecified":
        parts.append(text(lang, f"channel.{role.channel}").strip())
    if duty.via:
        parts.append(text(lang, "body.via", body=duty.via))
    where = style(f"[{role.file}:{role.line}]", dim=True) if role.file else ""
    return " — ".join(parts) + (f"  {where}" if where else "")
