"""Analysis of whole plans: diff, check and lint findings, coverage, roles, the delegation graph, rule tests."""

from typing import TYPE_CHECKING

from ..lazy import exports

if TYPE_CHECKING:
    from .checking import check as check
    from .coverage import regions as regions
    from .diffing import PlanDiff as PlanDiff
    from .diffing import diff as diff
    from .graph import delegation_graph as delegation_graph
    from .lint import lint as lint
    from .roles import plan_roles as plan_roles
    from .ruletest import run_tests as run_tests

__getattr__, __all__ = exports(
    __name__,
    {
        "diff": "diffing",
        "PlanDiff": "diffing",
        "check": "checking",
        "lint": "lint",
        "regions": "coverage",
        "plan_roles": "roles",
        "delegation_graph": "graph",
        "run_tests": "ruletest",
    },
)
