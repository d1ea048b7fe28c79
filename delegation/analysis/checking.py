"""Check plans like a linter: every load problem and lint finding, with a stable code and a location."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..engine.registry import check_unique, declared_plan, plan_files, plan_path
from ..errors import DelegationError, DslSyntaxError, InputError, Problem, SourceError, checked_lang
from ..i18n import text
from ..language.assemble import assemble
from ..messages import Message
from ..model import Plan
from .findings import Finding, Severity, from_problem, shown_path
from .lint import lint
from .timeline import siblings, timeline

CHECK_SCHEMA = "delegation.check/1"

# The loader refuses any overlap (DLG021). Where lint analysed the case type's bands, its own
# finding at the same rule replaces the loader's: it tells overlapping bands with different
# outcomes (DLG021) from duplicate (DLG022) and shadowed (DLG023) rules, over the whole overlap.
_OVERLAP_CODES = {"DLG021", "DLG022", "DLG023"}
_FALLBACK = {DslSyntaxError: "DLG001", SourceError: "DLG002"}
_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


class CheckReport(BaseModel):
    """The findings of one run over one or more plans, in file and line order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plans: tuple[str, ...]
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def shown(self, minimum: Severity = Severity.info) -> list[Finding]:
        """The findings of `minimum` severity or worse."""
        return [f for f in self.findings if _ORDER[f.severity] <= _ORDER[minimum]]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and info do not fail a check)."""
        return self.count(Severity.error) == 0

    def to_dict(self, minimum: Severity = Severity.info) -> dict[str, Any]:
        """delegation.check/1: the summary counts every finding, the list those of `minimum` or worse."""
        return {
            "schema": CHECK_SCHEMA,
            "plans": list(self.plans),
            "summary": {severity.value: self.count(severity) for severity in Severity},
            "findings": [finding.model_dump(mode="json") for finding in self.shown(minimum)],
        }


def check(*targets: str | Path | Plan, rules_dir: str | Path | None = None, lang: str = "da") -> CheckReport:
    """Check plans given by id ("A"), rules file, folder of plans, or as loaded Plan objects;
    without targets, every plan in the rules folder. A finding seen in several plans (a file that
    B and C extend) is reported once, with every plan that shows it."""
    lang = checked_lang(lang)
    merged: dict[tuple[str, str, int, int, str], Finding] = {}
    labels: list[str] = []
    expanded = _expand(targets, rules_dir)
    served = [target for target in expanded if isinstance(target, Plan)]
    for target in expanded:
        label, findings = (
            (target.id, [*lint(target, lang), *timeline(target, served, lang)])
            if isinstance(target, Plan)
            else _check_file(target, lang)
        )
        if label in labels and not isinstance(target, Plan):  # two files declare the same plan id
            label = f"{label} ({target.name})"
        labels.append(label)
        for finding in findings:
            key = (finding.code, finding.file, finding.line, finding.column, finding.message)
            seen = merged.get(key)
            plans = (*seen.plans, label) if seen else (label,)
            merged[key] = finding.model_copy(update={"plans": tuple(dict.fromkeys(plans))})
    return CheckReport(plans=tuple(labels), findings=tuple(sorted(merged.values(), key=Finding.sort_key)))


def _expand(targets: Iterable[str | Path | Plan], rules_dir: str | Path | None) -> list[Path | Plan]:
    if not targets:
        check_unique(rules_dir)  # a copy of a plan file: the checked file was not the one served
        return [Path(path) for path in plan_files(rules_dir, required=True).values()]
    found: list[Path | Plan] = []
    for target in targets:
        if isinstance(target, Plan):
            found.append(target)
        elif Path(target).is_dir():  # every plan file, also several declaring the same id
            files = [path for path in sorted(Path(target).glob("*.dlg")) if declared_plan(path)]
            if not files:
                raise InputError(
                    Problem(
                        "checking.no_plans", {"folder": str(target)}, hint=Message("checking.no_plans.hint")
                    )
                )
            found.extend(files)
        else:
            found.append(Path(plan_path(target, rules_dir)))
    unique: list[Path | Plan] = []
    for item in found:  # a file named twice is checked once (Plan objects are not hashable)
        if not any(item is seen or (isinstance(item, Path) and item == seen) for seen in unique):
            unique.append(item)
    return unique


def _check_file(path: Path, lang: str) -> tuple[str, list[Finding]]:
    main = shown_path(path.name, path.parent)
    try:
        assembled = assemble(path)
    except DelegationError as error:  # the plan file cannot be read, or a file does not parse
        fallback = _FALLBACK.get(type(error), "DLG009")
        return path.name, [
            _relocated(from_problem(problem, fallback, lang), path.parent, main) for problem in error.problems
        ]
    plan = assembled.plan
    linted = lint(plan, lang) if plan else []
    superseded = {(f.file, f.line, f.column) for f in linted if f.code in _OVERLAP_CODES}
    findings = [
        from_problem(problem, "DLG009", lang)
        for problem in assembled.problems.problems
        if not (
            problem.code == "DLG021"
            and problem.location
            and (problem.location.file, problem.location.line, problem.location.column) in superseded
        )
    ]
    findings.extend(linted)
    if plan is not None and not assembled.problems.problems:
        findings.extend(timeline(plan, siblings(path, plan), lang))
    return (plan.id if plan else path.name), [_relocated(f, path.parent, main) for f in findings]


def _relocated(finding: Finding, folder: Path, main: str) -> Finding:
    """File names as the loader shows them (relative to the plan's folder) -> as a linter shows them."""
    return finding.model_copy(update={"file": shown_path(finding.file, folder) if finding.file else main})


def render_report(
    report: CheckReport,
    lang: str = "da",
    style: Callable[..., str] = lambda value, **_: value,
    minimum: Severity = Severity.info,
) -> str:
    """Linter lines ("file:line:col: fejl DLG030 [A] message", then the hint), and a summary."""
    colours = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "cyan"}
    lines: list[str] = []
    for finding in report.shown(minimum):
        severity = style(
            text(lang, f"check.{finding.severity.value}"), fg=colours[finding.severity], bold=True
        )
        plans = f" [{', '.join(finding.plans)}]" if len(report.plans) > 1 else ""
        lines.append(f"{finding.location}: {severity} {finding.code}{plans} {finding.message}")
        if finding.hint:
            lines.append(f"    {text(lang, 'check.hint')}: {finding.hint}")
    plans = (
        ", ".join(report.plans)
        if len(report.plans) <= 4
        else text(lang, "check.plans", count=len(report.plans))
    )
    lines.append(
        text(
            lang,
            "check.summary",
            plans=plans or "-",
            errors=report.count(Severity.error),
            warnings=report.count(Severity.warning),
            infos=report.count(Severity.info),
        )
    )
    return "\n".join(lines)
