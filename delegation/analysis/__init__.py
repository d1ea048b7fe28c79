"""Analysis of whole plans: diff, check and lint findings, coverage, roles, the delegation graph, rule tests."""

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


def __getattr__(name: str):
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
