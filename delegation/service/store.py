"""The plans a service serves, and their reload: everything validated first, swapped in at once."""

from __future__ import annotations

import threading
from pathlib import Path

from pydantic import BaseModel

from ..errors import DelegationError, InputError, Problem
from ..model import Plan


class ReloadResult(BaseModel):
    reloaded: bool
    plans: list[str]
    errors: list[str]


class PlanStore:
    """The plans being served; a reload validates everything first and swaps in one assignment."""

    def __init__(self, rules_dir: str | Path | None = None):
        self.rules_dir = rules_dir
        self._lock = threading.Lock()
        self.plans: dict[str, Plan] = self._load_all()

    def _load_all(self) -> dict[str, Plan]:
        from ..engine.registry import load, plan_files

        return {plan_id: load(path) for plan_id, path in plan_files(self.rules_dir).items()}

    def reload(self) -> ReloadResult:
        with self._lock:
            try:
                fresh = self._load_all()
            except DelegationError as error:
                return ReloadResult(
                    reloaded=False,
                    plans=sorted(self.plans),
                    errors=[problem.render() for problem in error.problems],
                )
            self.plans = fresh  # readers hold the old dict until their request ends
            return ReloadResult(reloaded=True, plans=sorted(fresh), errors=[])

    def get(self, plan_id: str) -> Plan:
        plan = self.plans.get(plan_id)
        if plan is None:
            raise InputError(
                Problem(
                    f"unknown plan '{plan_id}'; the plans are: {', '.join(sorted(self.plans))}", field="plan"
                )
            )
        return plan
