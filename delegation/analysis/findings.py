"""What `delegation check` reports: the catalogue of finding codes and the frozen Finding model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import Location, Problem
from ..model import Span


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True)
class Check:
    """One entry of the catalogue: a stable code, its severity and what it finds."""

    code: str
    severity: Severity
    name: str
    summary: str


_E, _W, _I = Severity.error, Severity.warning, Severity.info

CATALOGUE: dict[str, Check] = {
    check.code: check
    for check in (
        # Reading the files (the loader refuses the plan; decide would fail).
        Check("DLG001", _E, "syntax", "the text does not follow the grammar"),
        Check(
            "DLG002",
            _E,
            "unreadable-file",
            "a plan or included file is missing, a folder, empty, too large or not UTF-8",
        ),
        Check("DLG003", _E, "include-cycle", "files include or extend each other in a circle"),
        Check("DLG004", _E, "plan-declaration", "no file declares a plan, or an included file declares one"),
        Check(
            "DLG005", _E, "duplicate-id", "a body, fact, section, category or case type id is declared twice"
        ),
        Check("DLG006", _E, "unknown-override", "override or remove of a case type the plan does not have"),
        Check("DLG007", _E, "repeated-field", "a field that takes one value is given twice"),
        Check("DLG008", _E, "plan-in-time", "a plan's status, period in force or dates do not agree"),
        Check("DLG009", _E, "unclassified", "a loader problem that has no more specific code"),
        # References and declarations.
        Check("DLG010", _E, "unknown-body", "a rule, section or body names a body that is not declared"),
        Check("DLG011", _E, "unknown-fact", "a condition uses a fact that is not declared"),
        Check(
            "DLG012", _E, "unknown-section-or-category", "a case type names an undeclared section or category"
        ),
        Check(
            "DLG013",
            _E,
            "wrong-department-or-committee",
            "a case type's department is unknown or not a department, or a body's committee is not a "
            "committee",
        ),
        Check(
            "DLG014",
            _E,
            "incomplete-declaration",
            "a body without name, a case type without title, rules, section or department",
        ),
        Check("DLG015", _E, "missing-basis", "a rule has no basis"),
        Check("DLG016", _E, "missing-citation", "a rule quotes nothing from the plan"),
        Check("DLG017", _E, "empty-rule", "a rule names no decider, briefing, involvement or recommendation"),
        Check(
            "DLG018",
            _E,
            "value-mismatch",
            "a threshold in another unit than its fact, a fraction for a "
            "whole-number fact, a malformed KLE code",
        ),
        # Bands: the rules of one case type over the fact space.
        Check(
            "DLG020", _E, "empty-range", "a rule's condition holds for no value (inverted or contradictory)"
        ),
        Check("DLG021", _E, "overlapping-bands", "two rules match the same facts with different outcomes"),
        Check("DLG022", _E, "duplicate-band", "two rules match the same facts with the same outcome"),
        Check("DLG023", _E, "shadowed-rule", "a rule never applies: earlier rules match wherever it matches"),
        Check(
            "DLG024",
            _I,
            "gap",
            "fact values no rule covers beside values that rules cover: they fall to the default competence",
        ),
        # Legal sanity.
        Check(
            "DLG030",
            _E,
            "statutory-delegated",
            "a lovbestemt matter is decided by another body than the council",
        ),
        Check("DLG031", _E, "briefed-before-self", "the decider is briefed before its own decision"),
        Check("DLG032", _W, "informed-of-own-decision", "the decider is informed about its own decision"),
        Check("DLG033", _W, "procedural-only", "a band has only procedural requirements and no decider"),
        Check("DLG034", _W, "duplicate-title", "one title for two case types with contradicting deciders"),
        Check(
            "DLG035",
            _W,
            "shared-citation",
            "one bullet of the plan cited by two case types with contradicting deciders",
        ),
        # The delegation chain.
        Check(
            "DLG040",
            _E,
            "unreachable-decider",
            "a body decides but no chain of delegation leads to it from the council",
        ),
        Check("DLG041", _E, "delegation-cycle", "bodies delegate to each other in a circle"),
        Check(
            "DLG042", _W, "orphan-body", "a body outside the delegation chain that plays no part in the plan"
        ),
        Check("DLG043", _E, "council", "the plan declares no council, or more than one"),
        # A municipality's plans in time (analysis/timeline.py).
        Check(
            "DLG050",
            _E,
            "in-force-together",
            "two adopted plans of one municipality are in force on the same day",
        ),
        Check(
            "DLG051",
            _W,
            "in-force-gap",
            "days between two adopted plans of a municipality with none in force",
        ),
        Check("DLG052", _E, "dated-after-adoption", "a plan's (draft) date lies after its adoption"),
    )
}


class Finding(BaseModel):
    """One finding, located like a compiler message; `plans` lists the plans that show it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    file: str
    line: int = 0
    column: int = 0
    message: str
    hint: str | None = None
    plans: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)


def finding(code: str, span: Span | Location | None, message: str, hint: str | None = None) -> Finding:
    """A finding of a catalogued code at a place in a rules file (the plan's file when None)."""
    return Finding(
        code=code,
        severity=CATALOGUE[code].severity,
        file=span.file if span else "",
        line=span.line if span else 0,
        column=span.column if span else 0,
        message=message,
        hint=hint,
    )


def from_problem(problem: Problem, fallback: str) -> Finding:
    """A loader problem as a finding: its own code, or `fallback` when it was raised without one."""
    return finding(problem.code or fallback, problem.location, problem.message, problem.hint)


def shown_path(name: str, folder: Path) -> str:
    """A rules file as a linter shows it: relative to the working directory when below it."""
    path = (folder / name).resolve() if name else folder
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
