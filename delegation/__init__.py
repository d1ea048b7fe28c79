"""delegation: who decides a municipal case, who must be told, and why — from plans kept as code.

    >>> import delegation
    >>> plan = delegation.load("A")                   # a built-in plan, or a path to a .dlg file
    >>> decision = plan.decide(next(iter(plan.case_types)))
    >>> decision.covered and decision.decides in plan.bodies
    True

Bodies, facts and case types all come from the rules files; see docs/api.md.
"""

from ._version import __version__
from .hints import TYPE_CHECKING
from .lazy import exports

if TYPE_CHECKING:
    from .analysis.checking import check as check
    from .analysis.compose import compose as compose
    from .analysis.diffing import PlanDiff as PlanDiff
    from .analysis.diffing import diff as diff
    from .analysis.workload import workload as workload
    from .engine.decision import Band as Band
    from .engine.decision import Candidate as Candidate
    from .engine.decision import Decision as Decision
    from .engine.evaluate import decide as decide
    from .engine.intime import decide_in_time as decide_in_time
    from .engine.registry import load as load
    from .engine.registry import plans as plans
    from .errors import DelegationError as DelegationError
    from .errors import DslSyntaxError as DslSyntaxError
    from .errors import InputError as InputError
    from .errors import SourceError as SourceError
    from .errors import ValidationError as ValidationError
    from .model import Plan as Plan

# Every name is imported when first asked for: `import delegation` runs no stage, so the command
# is inside its own error handling (and Ctrl-C's) before the engine loads, and check() (the
# parser and the linter) or diff() cost nothing until used.
__getattr__, _names = exports(
    __name__,
    {
        "Band": "engine.decision",
        "Candidate": "engine.decision",
        "Decision": "engine.decision",
        "decide": "engine.evaluate",
        "load": "engine.registry",
        "plans": "engine.registry",
        "DelegationError": "errors",
        "DslSyntaxError": "errors",
        "InputError": "errors",
        "SourceError": "errors",
        "ValidationError": "errors",
        "Plan": "model",
        "check": "analysis.checking",
        "compose": "analysis.compose",
        "decide_in_time": "engine.intime",
        "diff": "analysis.diffing",
        "PlanDiff": "analysis.diffing",
        "workload": "analysis.workload",
    },
)
__all__ = [*_names, "__version__"]
