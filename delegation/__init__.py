"""delegation: who decides a municipal case, who must be told, and why — from plans kept as code.

    >>> import delegation
    >>> plan = delegation.load("A")                   # a built-in plan, or a path to a .dlg file
    >>> decision = plan.decide(next(iter(plan.case_types)))
    >>> decision.covered and decision.decides in plan.bodies
    True

Bodies, facts and case types all come from the rules files; see docs/api.md.
"""

from typing import TYPE_CHECKING

from ._version import __version__
from .engine.decision import Band, Candidate, Decision
from .engine.evaluate import decide
from .engine.registry import load, plans
from .errors import DelegationError, DslSyntaxError, InputError, SourceError, ValidationError
from .model import Plan

if TYPE_CHECKING:
    from .analysis.checking import check
    from .analysis.compose import compose
    from .analysis.diffing import PlanDiff, diff
    from .analysis.workload import workload
    from .engine.intime import decide_in_time

__all__ = [
    "Band",
    "Candidate",
    "Decision",
    "DelegationError",
    "DslSyntaxError",
    "InputError",
    "Plan",
    "PlanDiff",
    "SourceError",
    "ValidationError",
    "check",
    "compose",
    "decide",
    "decide_in_time",
    "diff",
    "load",
    "plans",
    "workload",
    "__version__",
]


def __getattr__(name: str) -> object:
    # check() needs the parser and the linter, diff() the comparison: loaded on first use, so that
    # `import delegation` (and `delegation decide`) stays fast.
    if name == "check":
        from .analysis.checking import check

        return check
    if name == "decide_in_time":  # plans in time: loaded when first asked for
        from .engine.intime import decide_in_time

        return decide_in_time
    if name in ("diff", "PlanDiff"):
        from .analysis import diffing

        return getattr(diffing, name)
    if name == "compose":
        from .analysis.compose import compose

        return compose
    if name == "workload":
        from .analysis.workload import workload

        return workload
    raise AttributeError(f"module 'delegation' has no attribute {name!r}")
