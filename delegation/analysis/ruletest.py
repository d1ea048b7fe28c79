"""Rule tests: find a plan's examples, decide each one, and report differences and uncovered bands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bands import Interval, TooManyCells, boxes, rule_runs
from ..engine.decision import InformOut
from ..engine.evaluate import decide
from ..engine.facts import facts_used
from ..engine.registry import check_unique, plan_files
from ..errors import DelegationError, InputError, Problem, ValidationError, did_you_mean, problem_at
from ..i18n import text
from ..language.assemble import load_plan_and_sources
from ..language.parse import Include, ParsedFile, PlanHeader, parse_text
from ..language.sources import read_source
from ..messages import Message
from ..model import Basis, CaseType, Citation, Example, Fact, Inform, Plan
from .ruletest_report import render_report as render_report  # the report for a person, where it was

TEST_SUFFIX = "_test.dlg"


def companion(path: Path) -> Path:
    """The test file beside a rules file: plan_a.dlg -> plan_a_test.dlg."""
    return path.with_name(path.stem + TEST_SUFFIX)


@dataclass(frozen=True)
class ExampleRun:
    """One example run against one plan: the differences are empty when it passed."""

    plan: str
    example: Example
    file: str
    differences: tuple[str | Message, ...] = ()  # diff lines in the rules' own words, or messages

    @property
    def passed(self) -> bool:
        return not self.differences


@dataclass(frozen=True)
class Gap:
    """A band of a case type that no example of the plan falls in."""

    plan: str
    case: str
    band: tuple[tuple[Fact, Interval], ...]  # empty: the case type has no thresholds
    file: str  # the rules file of the case type, and its line
    line: int

    def describe(self, lang: str = "da") -> str:
        return f" {text(lang, 'and')} ".join(
            f"{fact.label}: {interval.describe(fact, lang)}" for fact, interval in self.band
        ) or text(lang, "test.any_value")


@dataclass
class Report:
    """The runs of one `delegation test`, the plans they ran in, and (with coverage) the gaps."""

    runs: list[ExampleRun] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    coverage: bool = False  # whether the gaps were looked for (--coverage)

    @property
    def failures(self) -> list[ExampleRun]:
        return [run for run in self.runs if not run.passed]

    @property
    def ok(self) -> bool:
        return bool(self.runs) and not self.failures and not self.gaps

    def to_dict(self, lang: str = "da", root: str | Path | None = None) -> dict[str, Any]:
        """The report as JSON data (delegation.test/1): the counts render_report sums up, each
        failing example with its differences in `lang`, and the gaps. With `root`, files are
        named relative to it (by their name alone outside it): the service names no path of the
        server's (docs/security.md)."""
        from .ruletest_report import report_data

        return report_data(self, lang, root)


class _Sources:
    """Parsed rules files of one run, read once each, with the files each one builds upon."""

    def __init__(self) -> None:
        self.parsed: dict[Path, ParsedFile] = {}

    def parse(self, path: Path) -> ParsedFile:
        if path not in self.parsed:
            self.parsed[path] = parse_text(read_source(path), str(path))
        return self.parsed[path]

    def builds_on(self, path: Path) -> set[Path]:
        """The file and every file it includes or extends, transitively."""
        seen: set[Path] = set()
        stack = [path]
        while stack:
            current = stack.pop()
            if current in seen or not current.is_file():
                continue
            seen.add(current)
            for item in self.parse(current).items:
                target = (
                    item.extends
                    if isinstance(item, PlanHeader)
                    else item.path
                    if isinstance(item, Include)
                    else None
                )
                if target:
                    stack.append((current.parent / target).resolve())
        return seen

    def examples(self, path: Path) -> list[tuple[Example, Path]]:
        """Examples written in a rules file and in its test companion, with the file they are in."""
        found = [(example, path) for example in self.parse(path).examples]
        test_file = companion(path)
        if test_file.is_file():
            parsed = self.parse(test_file)
            if parsed.repeated:  # the loader reports these for rules files; here for test files
                raise ValidationError(
                    [
                        problem_at(
                            "assemble.repeated",
                            {"what": r.what},
                            test_file,
                            parsed.text,
                            r.span.line,
                            r.span.column,
                        )
                        for r in parsed.repeated
                    ]
                )
            found.extend((example, test_file) for example in parsed.examples)
        return found


def _plan_paths(paths: Sequence[str | Path], rules_dir: str | Path | None) -> list[Path]:
    """Plan files named, in folders named, or built from the rules or test files named."""
    if not paths:
        check_unique(rules_dir)  # a copy of a plan file would have its examples silently skipped
        return [Path(p).resolve() for p in plan_files(rules_dir).values()]
    chosen: list[Path] = []
    sources = _Sources()
    for path in map(Path, paths):
        if path.is_dir():
            chosen.extend(map(Path, plan_files(path).values()))
            continue
        if not path.is_file():
            raise InputError(Problem("ruletest.no_path", {"path": str(path)}))
        plans = [Path(p).resolve() for p in plan_files(path.parent).values()]
        resolved = path.resolve()
        if resolved.name.endswith(TEST_SUFFIX):
            resolved = resolved.with_name(resolved.name.removesuffix(TEST_SUFFIX) + ".dlg")
        chosen.extend(p for p in plans if p == resolved or resolved in sources.builds_on(p))
    return list(dict.fromkeys(p.resolve() for p in chosen))


def run_tests(
    paths: Sequence[str | Path] = (), rules_dir: str | Path | None = None, coverage: bool = False
) -> Report:
    """Run the examples of every plan under paths (default: the rules folder)."""
    report = Report(coverage=coverage)
    sources = _Sources()
    for plan_path in _plan_paths(paths, rules_dir):
        plan, files = load_plan_and_sources(plan_path)
        report.plans.append(plan.id)
        applicable = _applicable(plan, plan_path, list(files), sources, report)
        if coverage:
            report.gaps.extend(uncovered(plan, applicable, plan_path.parent))
    return report


def _applicable(
    plan: Plan, plan_path: Path, files: list[Path], sources: _Sources, report: Report
) -> dict[str, list[Example]]:
    """Run the plan's examples; an example runs where its case type is the one it was written for.

    An example beside plan_a.dlg runs in a plan extending A only when that plan keeps A's case
    type; an overriding plan states its own examples.
    """
    root = plan_path.parent
    by_case: dict[str, list[Example]] = {}
    for source in files:
        builds_on = sources.builds_on(source)
        for example, written_in in sources.examples(source):
            shown = _shown(written_in)
            case = plan.case_types.get(example.case)
            if case is None:
                if source == plan_path:
                    hint = did_you_mean(example.case, plan.case_types)
                    report.runs.append(
                        ExampleRun(
                            plan.id,
                            example,
                            shown,
                            (
                                Message("ruletest.unknown_case.hint", case=example.case, hint=hint)
                                if hint
                                else Message("ruletest.unknown_case", case=example.case),
                            ),
                        )
                    )
                continue
            if (root / case.span.file).resolve() not in builds_on:
                continue
            by_case.setdefault(case.id, []).append(example)
            report.runs.append(ExampleRun(plan.id, example, shown, differences(plan, case, example)))
    return by_case


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _values(plan: Plan, example: Example) -> tuple[dict[str, float], list[Message]]:
    values: dict[str, float] = {}
    problems: list[Message] = []
    for name, quantity in example.facts.items():
        fact = plan.facts.get(name)
        if fact is not None and quantity.unit and quantity.unit != fact.unit:
            problems.append(Message("ruletest.unit", name=name, unit=quantity.unit, fact_unit=fact.unit))
        values[name] = quantity.value
    return values, problems


def differences(plan: Plan, case: CaseType, example: Example) -> tuple[str | Message, ...]:
    """What the plan decides that the example does not say, as '- expected' / '+ actual' lines."""
    values, problems = _values(plan, example)
    if problems:
        return tuple(problems)
    try:
        decision = decide(plan, case.id, values, department=example.department)
    except DelegationError as error:
        return tuple(problem.as_message() for problem in error.problems)
    if decision.depends_on:
        missing = ", ".join(decision.depends_on)
        return (Message("ruletest.depends", facts=missing),)
    expected = _outcome_lines(
        example.decides, example.basis, example.inform, example.involve, example.recommends
    )
    actual = _outcome_lines(
        decision.decides, decision.basis, decision.inform, decision.involve, decision.recommends
    )
    lines: list[str | Message] = []
    for key in dict.fromkeys([*expected, *actual]):
        if expected.get(key) != actual.get(key):
            lines.extend(f"- {line}" for line in expected.get(key, ()))
            lines.extend(f"+ {line}" for line in actual.get(key, ()))
    rule = next(
        (
            r
            for r in case.rules
            if decision.rule and r.span.line == decision.rule.line and r.span.file == decision.rule.file
        ),
        None,
    )
    for cited in example.citations:
        if rule is None or not any(_cites(actual_cite, cited) for actual_cite in rule.citations):
            lines.append(f"- {_cite_line(cited)}")
            lines.extend(f"+ {_cite_line(c)}" for c in (rule.citations if rule else ()))
            if rule is None:
                lines.append(Message("ruletest.no_rule"))
    return tuple(lines)


def _plain(value: object) -> str:
    return str(getattr(value, "value", value))


def _outcome_lines(
    decides: str | None,
    basis: Basis | None,
    inform: Iterable[Inform | InformOut],
    involve: Iterable[str],
    recommends: Iterable[str],
) -> dict[str, list[str]]:
    """An outcome as the example block would state it, one key per field."""
    lines: dict[str, list[str]] = {}
    if decides:
        lines["decides"] = [f"decides {decides}"]
    if basis:
        lines["basis"] = [f"basis {_plain(basis)}"]
    informs = sorted(
        f"inform {i.body} {_plain(i.when)}"
        + (f' "{i.frequency}"' if i.frequency else "")
        + (f" by {_plain(i.channel)}" if _plain(i.channel) != "unspecified" else "")
        for i in inform
    )
    if informs:
        lines["inform"] = informs
    for name, bodies in (("involve", involve), ("recommends", recommends)):
        if bodies:
            lines[name] = [f"{name} {' '.join(sorted(bodies))}"]
    return lines


def _folded(value: str) -> str:
    return " ".join(value.split())


def _cites(actual: Citation, expected: Citation) -> bool:
    """The rule cites the expected words under the expected headings (a leading part of its path)."""
    return actual.path[: len(expected.path)] == expected.path and _folded(expected.text) in _folded(
        actual.text
    )


def _cite_line(citation: Citation) -> str:
    path = " > ".join(f'"{part}"' for part in citation.path)
    return f'cite {path + ": " if path else ""}"{citation.text}"'


# --- coverage ------------------------------------------------------------------------------


def _bands(case: CaseType, plan: Plan, used: list[str]) -> list[tuple[tuple[str, Interval], ...]]:
    """The bands `delegation show` lists (the same runs of cells decide uses, or, for thresholds
    too many to list cell by cell, each rule's first box, as outcomes.bands falls back to)."""
    try:
        runs = rule_runs(case.rules, [plan.facts[name] for name in used])
    except TooManyCells:
        return [tuple(boxes(rule.when)[0].items()) for rule in case.rules]
    return [intervals for intervals, _ in runs]


def _inside(intervals: Iterable[tuple[str, Interval]], facts: dict[str, float]) -> bool:
    return all(name in facts and interval.contains(facts[name]) for name, interval in intervals)


def uncovered(plan: Plan, examples: dict[str, list[Example]], root: Path | None = None) -> list[Gap]:
    """The bands of each case type that none of its examples falls in (all facts given).

    root is the plan file's folder, to which the case types' file names are relative.
    """
    gaps: list[Gap] = []
    for case in plan.case_types.values():
        used = facts_used(plan, case)
        points = [
            {name: q.value for name, q in example.facts.items()} for example in examples.get(case.id, ())
        ]
        for intervals in _bands(case, plan, used):
            if not any(_inside(intervals, point) for point in points):
                band = tuple((plan.facts[name], interval) for name, interval in intervals)
                file = _shown(root / case.span.file) if root else case.span.file
                gaps.append(Gap(plan.id, case.id, band, file, case.span.line))
    return gaps
