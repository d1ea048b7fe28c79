"""Lint checks over a loaded plan: bands, legal sanity and the delegation chain (docs/checks.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from ..bands import describe_condition
from ..conditions import atoms
from ..engine.outcomes import outcome_of
from ..engine.wording import body_label, outcome_sentence
from ..i18n import text
from ..model import Basis, Between, BodyKind, CaseType, Condition, Plan, Rule, Span, When
from .coverage import Region, TooComplex, known_facts, regions
from .findings import Finding, finding


def lint(plan: Plan, lang: str = "da") -> list[Finding]:
    """Every finding that needs the whole plan (the loader's own problems are not repeated here)."""
    found: list[Finding] = []
    for case in plan.case_types.values():
        found.extend(_bands(plan, case, lang))
        found.extend(_legal(plan, case, lang))
    found.extend(_duplicates(plan, lang))
    found.extend(_chain(plan, lang))
    return found


def _councils(plan: Plan) -> list[str]:
    return [body.id for body in plan.bodies.values() if body.kind is BodyKind.council]


def _outcome(plan: Plan, case: CaseType, rule: Rule | None, lang: str) -> str:
    return "«" + outcome_sentence(plan, outcome_of(plan, case, rule, None), lang) + "»"


def _bands(plan: Plan, case: CaseType, lang: str) -> Iterator[Finding]:
    try:
        found = regions(plan, case)
    except TooComplex:  # the loader's own overlap check (on boxes, not cells) still reports
        return
    if not found:
        return
    matched = {id(rule) for region in found for rule in region.rules}
    shadowed = set()
    for rule in case.rules:
        where = [region for region in found if any(hit is rule for hit in region.rules)]
        if not where:
            if not _inverted(rule.when):  # an inverted range is the loader's DLG020 already
                yield finding(
                    "DLG020",
                    rule.when.span if rule.when else rule.span,
                    text(
                        lang,
                        "check.empty",
                        rule=rule.id,
                        condition=describe_condition(rule.when, plan.facts, lang),
                    ),
                    text(lang, "check.empty.hint"),
                )
        elif all(region.rules[0] is not rule for region in where):
            shadowed.add(id(rule))
            earlier = list(dict.fromkeys(f"'{region.rules[0].id}'" for region in where))
            yield finding(
                "DLG023",
                rule.span,
                text(lang, "check.shadowed", rule=rule.id, title=case.title, earlier=", ".join(earlier)),
                text(lang, "check.shadowed.hint"),
            )
    reported: set[tuple[int, int]] = set()
    for region in found:
        first = region.rules[0] if region.rules else None
        for later in region.rules[1:]:
            if id(later) in shadowed or (id(first), id(later)) in reported:
                continue
            reported.add((id(first), id(later)))
            same = outcome_of(plan, case, first, None) == outcome_of(plan, case, later, None)
            values = dict(
                first=cast(Rule, first).id,  # a region with a later rule has a first
                later=later.id,
                title=case.title,
                where=region.describe(lang),
                example=region.describe_example(lang),
            )
            if same:
                yield finding(
                    "DLG022", later.span, text(lang, "check.same", **values), text(lang, "check.same.hint")
                )
            else:
                yield finding(
                    "DLG021",
                    later.span,
                    text(
                        lang,
                        "check.overlap",
                        **values,
                        one=_outcome(plan, case, first, lang),
                        other=_outcome(plan, case, later, lang),
                    ),
                    text(lang, "check.overlap.hint"),
                )
    if matched:
        for region in found:
            if not region.rules:
                yield finding(
                    "DLG024",
                    case.span,
                    text(
                        lang,
                        "check.gap",
                        title=case.title,
                        where=region.describe(lang),
                        example=region.describe_example(lang),
                        body=body_label(plan, plan.owner_of(case)),
                    ),
                    text(lang, "check.gap.hint"),
                )


def _inverted(condition: Condition | None) -> bool:
    return any(isinstance(atom, Between) and atom.low.value > atom.high.value for atom in atoms(condition))


def _concrete_owner(plan: Plan, case: CaseType) -> str | None:
    """The owning department when it is a real one, so that relative bodies can be compared."""
    owner = plan.bodies.get(plan.owner_of(case) or "")
    if owner and owner.kind is BodyKind.department and not owner.relative:
        return owner.id
    return None


def _legal(plan: Plan, case: CaseType, lang: str) -> Iterator[Finding]:
    councils = _councils(plan)
    department = _concrete_owner(plan, case)
    for rule in case.rules:
        outcome = outcome_of(plan, case, rule, department)
        decider = body_label(plan, outcome.decides)
        if (
            rule.basis is Basis.lovbestemt
            and councils
            and outcome.decides in plan.bodies
            and outcome.decides not in councils
        ):  # an unknown body is DLG010 already
            council = councils[0]
            yield finding(
                "DLG030",
                rule.body_spans.get(rule.decides or "", rule.span),
                text(
                    lang, "check.statutory", title=case.title, body=decider, council=body_label(plan, council)
                ),
                text(lang, "check.statutory.hint", council=body_label(plan, council), council_id=council),
            )
        for written, inform in zip(rule.inform, outcome.inform):
            if inform.body != outcome.decides:
                continue
            before = inform.when == When.before.value
            yield finding(
                "DLG031" if before else "DLG032",
                rule.body_spans.get(written.body, rule.span),
                text(
                    lang,
                    "check.briefed_self" if before else "check.informed_self",
                    body=decider,
                    title=case.title,
                ),
                text(lang, "check.briefed_self.hint" if before else "check.informed_self.hint"),
            )
        procedural_only = rule.basis is Basis.procedurekrav and rule.decides is None
        if procedural_only and known_facts(plan, [rule]) is not None:
            yield finding(
                "DLG033",
                rule.span,
                text(
                    lang,
                    "check.procedural",
                    title=case.title,
                    body=decider,
                    where=describe_condition(rule.when, plan.facts, lang),
                ),
                text(lang, "check.procedural.hint"),
            )


def _normal(words: str) -> str:
    return " ".join(words.casefold().split()).rstrip(".")


def _duplicates(plan: Plan, lang: str) -> Iterator[Finding]:
    """The same title, or the same cited bullet, for two case types that name different deciders."""
    titles: dict[str, list[CaseType]] = {}
    bullets: dict[str, list[tuple[CaseType, Rule]]] = {}
    for case in plan.case_types.values():
        titles.setdefault(_normal(case.title), []).append(case)
        for rule in case.rules:
            for citation in rule.citations:
                holders = bullets.setdefault(_normal(citation.text), [])
                if all(holder is not case for holder, _ in holders):
                    holders.append((case, rule))
    reported: set[tuple[str, str]] = set()
    for cases in titles.values():
        for later in cases[1:]:
            clash = _contradiction(plan, cases[0], later)
            if clash:
                reported.add((cases[0].id, later.id))
                yield finding(
                    "DLG034",
                    later.span,
                    text(
                        lang,
                        "check.duplicate_title",
                        title=later.title,
                        first=cases[0].id,
                        later=later.id,
                        **_clash(clash, lang),
                    ),
                    text(lang, "check.duplicate_title.hint"),
                )
    for holders in bullets.values():
        (first, _), *others = holders
        for later, rule in others:
            clash = _contradiction(plan, first, later)
            if clash and (first.id, later.id) not in reported:
                yield finding(
                    "DLG035",
                    rule.span,
                    text(lang, "check.shared_cite", first=first.id, later=later.id, **_clash(clash, lang)),
                    text(lang, "check.shared_cite.hint"),
                )


def _contradiction(plan: Plan, one: CaseType, other: CaseType) -> tuple[Region, str, str] | None:
    """The first box of fact values where the two case types name different deciders."""
    try:
        found = regions(plan, one, (*one.rules, *other.rules))
    except TooComplex:
        return None
    for region in found:
        first = next((rule for rule in region.rules if any(rule is r for r in one.rules)), None)
        second = next((rule for rule in region.rules if any(rule is r for r in other.rules)), None)
        deciders = (outcome_of(plan, one, first, None).decides, outcome_of(plan, other, second, None).decides)
        if deciders[0] != deciders[1]:
            return region, body_label(plan, deciders[0]), body_label(plan, deciders[1])
    return None


def _clash(clash: tuple[Region, str, str], lang: str) -> dict[str, str]:
    region, one, other = clash
    where = (
        text(lang, "check.where", where=region.describe(lang), example=region.describe_example(lang))
        if region.facts
        else ""
    )
    return dict(one=one, other=other, where=where)


def _chain(plan: Plan, lang: str) -> Iterator[Finding]:
    """Every decider reachable from the council through `delegates to`; no circles, no orphans."""
    import networkx as nx

    from .graph import delegation_graph

    councils = _councils(plan)
    if not councils:
        yield finding(
            "DLG043", plan.span, text(lang, "check.no_council"), text(lang, "check.no_council.hint")
        )
    for extra in councils[1:]:
        yield finding(
            "DLG043", plan.bodies[extra].span, text(lang, "check.two_councils", bodies=", ".join(councils))
        )
    graph = delegation_graph(plan)
    council = body_label(plan, councils[0]) if councils else "-"
    for cycle in sorted({_rotated(cycle) for cycle in nx.simple_cycles(graph)}):
        yield finding(
            "DLG041",
            plan.bodies[cycle[0]].span,
            text(lang, "check.cycle", chain=" -> ".join((*cycle, cycle[0]))),
            text(lang, "check.cycle.hint"),
        )
    reachable = set(councils[:1]) | (nx.descendants(graph, councils[0]) if councils else set())
    deciders = _deciders(plan)
    for body_id, span in deciders.items():
        members = _stands_for(plan, body_id)
        missing = [member for member in members if member not in reachable]
        if body_id in reachable or (members and not missing) or not councils:
            continue
        values = dict(body=body_label(plan, body_id), council=council)
        message = (
            text(
                lang,
                "check.unreachable.relative",
                **values,
                members=", ".join(members) or "-",
                missing=", ".join(missing) or "-",
            )
            if plan.bodies[body_id].relative
            else text(lang, "check.unreachable", **values)
        )
        yield finding(
            "DLG040",
            span,
            message,
            text(lang, "check.unreachable.hint", id=" ".join(missing or [body_id]), council=council),
        )
    mentioned = _mentioned(plan)
    for body in plan.bodies.values():
        if body.id not in reachable and body.id not in mentioned and body.kind is not BodyKind.council:
            yield finding(
                "DLG042",
                body.span,
                text(lang, "check.orphan", body=body_label(plan, body.id)),
                text(lang, "check.orphan.hint"),
            )


def _rotated(cycle: list[str]) -> tuple[str, ...]:
    start = cycle.index(min(cycle))
    return tuple(cycle[start:] + cycle[:start])


def _deciders(plan: Plan) -> dict[str, Span]:
    """Every body that decides (in a rule, or as a section's default competence), and where it is
    first named as such."""
    first: dict[str, Span] = {}
    for section in plan.sections.values():
        if section.owner in plan.bodies:
            first.setdefault(section.owner, section.span)
    for case in plan.case_types.values():
        for rule in case.rules:
            body_id = rule.decides or plan.owner_of(case)
            if body_id in plan.bodies:
                first.setdefault(body_id, rule.body_spans.get(rule.decides or "", rule.span))
    return first


def _stands_for(plan: Plan, body_id: str) -> list[str]:
    """The real bodies a relative body can stand for: every department, or every department's
    committee (every committee when no department names one); [] for a real body."""
    body = plan.bodies[body_id]
    if not body.relative:
        return []
    real = [b for b in plan.bodies.values() if not b.relative]
    if body.kind is BodyKind.committee:
        named = list(dict.fromkeys(b.committee for b in real if b.committee in plan.bodies))
        return named or [b.id for b in real if b.kind is BodyKind.committee]
    return [b.id for b in real if b.kind is body.kind]


def _mentioned(plan: Plan) -> set[str]:
    """Bodies that play a part: in a rule, as a section owner, a department, a committee or delegate."""
    found = {section.owner for section in plan.sections.values()}
    for body in plan.bodies.values():
        found.update(body.delegates_to)
        found.add(body.committee or "")
    for case in plan.case_types.values():
        found.add(case.department or "")
        for rule in case.rules:
            found.update(rule.body_spans)
    return found
