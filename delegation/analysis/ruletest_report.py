"""A rule test run's report: as text for a person (`delegation test`) and as JSON (delegation.test/1)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import text
from ..numbers import format_quantity

if TYPE_CHECKING:
    from ..model import Example
    from .ruletest import Report

TEST_SCHEMA = "delegation.test/1"


def _given(example: Example) -> str:
    return " and ".join(f"{name} {format_quantity(q.value, q.unit)}" for name, q in example.facts.items())


def render_report(report: Report, lang: str = "da", verbose: bool = False) -> str:
    """The report for a person: each failure with file:line and its differences, then a summary."""
    lines: list[str] = []
    for run in report.runs:
        if run.passed and not verbose:
            continue
        given = _given(run.example)
        head = (
            f"{text(lang, 'test.fail' if not run.passed else 'test.ok')} "
            f"{run.file}:{run.example.span.line}: plan {run.plan} · "
            f"{run.example.case}" + (f" · given {given}" if given else "")
        )
        lines.append(head)
        lines.extend(f"    {line if isinstance(line, str) else line.text(lang)}" for line in run.differences)
    for gap in report.gaps:
        lines.append(
            text(
                lang,
                "test.gap",
                file=gap.file,
                line=gap.line,
                plan=gap.plan,
                case=gap.case,
                band=gap.describe(lang),
            )
        )
    passed = sum(run.passed for run in report.runs)
    if not report.runs:
        lines.append(text(lang, "test.none"))
    lines.append(
        text(
            lang,
            "test.summary",
            plans=len(report.plans),
            examples=len(report.runs),
            passed=passed,
            failed=len(report.runs) - passed,
        )
        + (text(lang, "test.gaps", gaps=len(report.gaps)) if report.gaps else "")
    )
    return "\n".join(lines)


def report_data(report: Report, lang: str = "da", root: str | Path | None = None) -> dict[str, Any]:
    """Report.to_dict: the counts render_report sums up, each failing example with its
    differences in `lang`, and the gaps (those looked for: `coverage`)."""
    passed = sum(run.passed for run in report.runs)
    return {
        "schema": TEST_SCHEMA,
        "ok": report.ok,
        "plans": list(report.plans),
        "examples": len(report.runs),
        "passed": passed,
        "failed": len(report.runs) - passed,
        "failures": [
            {
                "plan": run.plan,
                "file": _named(run.file, root),
                "line": run.example.span.line,
                "case": run.example.case,
                "given": {name: q.value for name, q in run.example.facts.items()},
                "department": run.example.department,
                "differences": [
                    line if isinstance(line, str) else line.text(lang) for line in run.differences
                ],
            }
            for run in report.failures
        ],
        "coverage": report.coverage,
        "gaps": [
            {
                "plan": gap.plan,
                "case": gap.case,
                "file": _named(gap.file, root),
                "line": gap.line,
                "band": gap.describe(lang),
            }
            for gap in report.gaps
        ],
    }


def _named(file: str, root: str | Path | None) -> str:
    """A file as the report names it: as shown (relative to the working folder), or relative to
    `root`, or by its name alone outside `root`."""
    if root is None:
        return file
    path = Path(file).resolve()
    try:
        return str(path.relative_to(Path(root).resolve()))
    except ValueError:
        return path.name
