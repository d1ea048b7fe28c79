"""Analysis of whole plans: diff, check and lint findings, coverage, roles, the delegation graph, rule tests."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checking import check as check
    from .coverage import regions as regions
    from .diffing import PlanDiff as PlanDiff
    from .diffing import diff as diff
    from .graph import delegation_graph as delegation_graph
    from .lint import lint as lint
    from .roles import plan_roles as plan_roles
    from .ruletest import run_tests as run_tests

# The public parts of this stage, imported on first use (PEP 562): importing one module of the
# stage does not import the others, so `delegation decide` pays only for what it runs.
_PUBLIC = {
    "diff": "diffing",
    "PlanDiff": "diffing",
    "check": "checking",
    "lint": "lint",
    "regions": "coverage",
    "plan_roles": "roles",
    "delegation_graph": "graph",
    "run_tests": "ruletest",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
