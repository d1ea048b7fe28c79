"""delegation: who decides a municipal case, who must be told, and why — from plans kept as code.

    >>> import delegation
    >>> plan = delegation.load("A")                   # a built-in plan, or a path to a .dlg file
    >>> decision = plan.decide(next(iter(plan.case_types)))
    >>> decision.covered and decision.decides in plan.bodies
    True

Bodies, facts and case types all come from the rules files; see docs/api.md.
"""

from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .analysis.checking import check
    from .analysis.compose import compose
    from .analysis.diffing import PlanDiff, diff
    from .analysis.workload import workload
    from .engine.decision import Band, Candidate, Decision
    from .engine.evaluate import decide
    from .engine.intime import decide_in_time
    from .engine.registry import load, plans
    from .errors import DelegationError, DslSyntaxError, InputError, SourceError, ValidationError
    from .model import Plan

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


# Every name is imported when first asked for: `import delegation` runs no stage, so the command
# is inside its own error handling (and Ctrl-C's) before the engine loads, and check() (the
# parser and the linter) or diff() cost nothing until used.
_HOMES = {
    "Band": ".engine.decision",
    "Candidate": ".engine.decision",
    "Decision": ".engine.decision",
    "decide": ".engine.evaluate",
    "load": ".engine.registry",
    "plans": ".engine.registry",
    "DelegationError": ".errors",
    "DslSyntaxError": ".errors",
    "InputError": ".errors",
    "SourceError": ".errors",
    "ValidationError": ".errors",
    "Plan": ".model",
    "check": ".analysis.checking",
    "compose": ".analysis.compose",
    "decide_in_time": ".engine.intime",
    "diff": ".analysis.diffing",
    "PlanDiff": ".analysis.diffing",
    "workload": ".analysis.workload",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'delegation' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(home, __name__), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
