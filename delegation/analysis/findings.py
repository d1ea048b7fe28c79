"""What `delegation check` reports: the catalogue of finding codes and the frozen Finding model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import Location, Problem
from ..messages import message_text
from ..model import Span


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True)
class Check:
    """One entry of the catalogue: a stable code, its severity and its name; what it finds is the
    message "finding.CODE" (delegation/messages_findings.py)."""

    code: str
    severity: Severity
    name: str

    def summary(self, lang: str | None = None) -> str:
        return message_text(f"finding.{self.code}", {}, lang)


_E, _W, _I = Severity.error, Severity.warning, Severity.info

CATALOGUE: dict[str, Check] = {
    check.code: check
    for check in (
        # Reading the files (the loader refuses the plan; decide would fail).
        Check("DLG001", _E, "syntax"),
        Check("DLG002", _E, "unreadable-file"),
        Check("DLG003", _E, "include-cycle"),
        Check("DLG004", _E, "plan-declaration"),
        Check("DLG005", _E, "duplicate-id"),
        Check("DLG006", _E, "unknown-override"),
        Check("DLG007", _E, "repeated-field"),
        Check("DLG008", _E, "plan-in-time"),
        Check("DLG009", _E, "unclassified"),
        # References and declarations.
        Check("DLG010", _E, "unknown-body"),
        Check("DLG011", _E, "unknown-fact"),
        Check("DLG012", _E, "unknown-section-or-category"),
        Check("DLG013", _E, "wrong-department-or-committee"),
        Check("DLG014", _E, "incomplete-declaration"),
        Check("DLG015", _E, "missing-basis"),
        Check("DLG016", _E, "missing-citation"),
        Check("DLG017", _E, "empty-rule"),
        Check("DLG018", _E, "value-mismatch"),
        Check("DLG019", _E, "frequency-not-periodic"),
        # Bands: the rules of one case type over the fact space.
        Check("DLG020", _E, "empty-range"),
        Check("DLG021", _E, "overlapping-bands"),
        Check("DLG022", _E, "duplicate-band"),
        Check("DLG023", _E, "shadowed-rule"),
        Check("DLG024", _I, "gap"),
        # Legal sanity.
        Check("DLG030", _E, "statutory-delegated"),
        Check("DLG031", _E, "briefed-before-self"),
        Check("DLG032", _W, "informed-of-own-decision"),
        Check("DLG033", _W, "procedural-only"),
        Check("DLG034", _W, "duplicate-title"),
        Check("DLG035", _W, "shared-citation"),
        # The delegation chain.
        Check("DLG040", _E, "unreachable-decider"),
        Check("DLG041", _E, "delegation-cycle"),
        Check("DLG042", _W, "orphan-body"),
        Check("DLG043", _E, "council"),
        # A municipality's plans in time (analysis/timeline.py).
        Check("DLG050", _E, "in-force-together"),
        Check("DLG051", _W, "in-force-gap"),
        Check("DLG052", _E, "dated-after-adoption"),
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


def from_problem(problem: Problem, fallback: str, lang: str | None = None) -> Finding:
    """A loader problem as a finding: its own code, or `fallback` when it was raised without one."""
    return finding(problem.code or fallback, problem.location, problem.text(lang), problem.hint_text(lang))


def shown_path(name: str, folder: Path) -> str:
    """A rules file as a linter shows it: relative to the working directory when below it."""
    path = (folder / name).resolve() if name else folder
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
