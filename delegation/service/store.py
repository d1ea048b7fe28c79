"""The plans a service serves, and their reload: everything validated first, swapped in at once."""

from __future__ import annotations

import gc
import os
import re
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from ..engine.decision import Decision, Receipt, copied_with
from ..errors import DelegationError, InputError, Problem, SourceError, did_you_mean
from ..language.sources import read_source, sha256
from ..messages import Message
from ..model import Plan

# A reload that would drop this share of a plan's case types or more is taken, and said loudly:
# a save in progress that happens to parse, or an accidental deletion, looks like this.
LOSS_WARNING = 0.2
SETTLE_SECONDS = 0.2  # how long the rules files must stay unchanged before a reload reads them


class ReloadResult(BaseModel):
    reloaded: bool
    plans: list[str]
    errors: list[str]
    warnings: list[str] = []
    at: str = ""


class PlanStore:
    """The plans being served; a reload validates everything first and swaps in one assignment.

    A reload never stops the service: any failure (a rules error, an unreadable file, a bug) keeps
    the plans being served and is reported, in the result and in `status()` for /healthz.
    """

    def __init__(self, rules_dir: str | Path | None = None, lang: str | None = None):
        self.rules_dir = rules_dir
        self.lang = lang  # of the reload's errors and warnings (None: DELEGATION_LANG, else Danish)
        self._lock = threading.Lock()
        self.plans: dict[str, Plan] = self._load_all()
        # id(receipt) -> (the receipt, as the service shows it); the receipts are the plans' own
        # memoised ones, a few per case type, so this stays as small as the plans (a receipt
        # stamped with a day is made anew for each answer, and never kept here).
        self._shown: dict[int, tuple[Receipt, Receipt]] = {}
        self.last_reload: ReloadResult | None = None

    def _load_all(self) -> dict[str, Plan]:
        from ..engine.registry import check_unique, load, plan_files

        check_unique(self.rules_dir)
        plans = {plan_id: load(path) for plan_id, path in plan_files(self.rules_dir, required=True).items()}
        for plan in plans.values():
            # "Not in this plan; plans A and C ..." names the plans being served, as validated.
            plan.memo["served_with"] = tuple(
                other
                for other in plans.values()
                if other is not plan and other.municipality == plan.municipality
            )
        return plans

    def _folder(self) -> Path:
        from ..engine.registry import builtin_rules_dir

        return Path(self.rules_dir or builtin_rules_dir())

    def _folder_stamp(self) -> tuple[tuple[str, int, int], ...]:
        from ..engine.registry import _stamp

        return _stamp(str(self._folder()))

    def reload(self) -> ReloadResult:
        """Read the rules again once the files have settled; swap them in only if all are sound."""
        with self._lock:
            result = self._reload()
            # Said to any caller of /healthz: the rules folder by its name, not the server's path.
            folder = self._folder()
            result.errors = [_within(text, folder) for text in result.errors]
            result.warnings = [_within(text, folder) for text in result.warnings]
            self.last_reload = result
            return result

    def _reload(self) -> ReloadResult:
        from ..engine.registry import forget

        at = datetime.now(UTC).isoformat(timespec="seconds")
        kept = sorted(self.plans)
        forget()
        try:
            # A save in progress is not taken: the files must be the same before and after the read.
            for _ in range(3):
                before = self._folder_stamp()
                fresh = self._load_all()
                if self._folder_stamp() == before:
                    break
                time.sleep(SETTLE_SECONDS)
            else:
                return ReloadResult(
                    reloaded=False,
                    plans=kept,
                    at=at,
                    errors=[Message("store.changing").text(self.lang)],
                )
        except DelegationError as error:
            return ReloadResult(
                reloaded=False,
                plans=kept,
                at=at,
                errors=[problem.render(self.lang) for problem in error.problems],
            )
        except Exception as error:  # a bug or an unreadable folder must not stop the service
            return ReloadResult(
                reloaded=False,
                plans=kept,
                at=at,
                errors=[Message("store.internal", error=f"{type(error).__name__}: {error}").text(self.lang)],
            )
        unreadable = self._unreadable(fresh)
        if unreadable:
            return ReloadResult(reloaded=False, plans=kept, at=at, errors=unreadable)
        warnings = [
            Message(
                "store.fewer", plan=plan_id, before=len(old.case_types), after=len(fresh[plan_id].case_types)
            ).text(self.lang)
            for plan_id, old in self.plans.items()
            if plan_id in fresh and len(fresh[plan_id].case_types) < (1 - LOSS_WARNING) * len(old.case_types)
        ] + [
            Message("store.gone", plan=plan_id).text(self.lang)
            for plan_id in self.plans
            if plan_id not in fresh
        ]
        self.plans = fresh  # readers hold the old dict until their request ends
        self._shown = {}
        return ReloadResult(reloaded=True, plans=sorted(fresh), errors=[], warnings=warnings, at=at)

    def _unreadable(self, fresh: dict[str, Plan]) -> list[str]:
        """Why a served plan's file, still there, no longer gives a plan: it cannot be read (a byte
        that is not UTF-8, over the size limit). That is the reload's error, as a rules error is,
        not a plan gone: the plans keep being served."""
        errors = []
        for plan_id, old in self.plans.items():
            path = old.memo.get("path")
            if plan_id in fresh or not isinstance(path, (str, os.PathLike)) or not os.path.exists(path):
                continue
            try:
                read_source(path, os.path.basename(path))
            except SourceError as error:
                errors += [problem.render(self.lang) for problem in error.problems]
        return errors

    def status(self) -> dict[str, object]:
        """What /healthz says: the plans served with their rules hashes, and the last reload."""
        from ..engine.outcomes import receipt

        return {
            "plans": {plan_id: receipt(plan).rules_sha256 for plan_id, plan in sorted(self.plans.items())},
            "rules_sha256": sha256(
                "".join(receipt(plan).rules_sha256 for _, plan in sorted(self.plans.items())).encode()
            ).hexdigest(),
            "last_reload": self.last_reload.model_dump() if self.last_reload else None,
        }

    def public(self, decision: Decision) -> Decision:
        """The decision as the service answers it: its receipt names the rules folder by its name
        alone ("rules"), never by its path on the server (docs/security.md)."""
        receipt = decision.receipt
        if receipt is None or receipt.rules_folder is None:
            return decision
        if receipt.in_force is not None:
            # Stamped with a day (engine/intime.py): a new receipt on every answer. Memoising it
            # would grow the memo by one entry a request until the next reload.
            public = replace(receipt, rules_folder=Path(receipt.rules_folder).name)
            return copied_with(decision, {"receipt": public})
        shown = self._shown.get(id(receipt))
        if shown is None or shown[0] is not receipt:
            public = replace(receipt, rules_folder=Path(receipt.rules_folder).name)
            shown = self._shown[id(receipt)] = (receipt, public)
        return copied_with(decision, {"receipt": shown[1]})

    def get(self, plan_id: str) -> Plan:
        """A served plan by id, in any case ("a" is plan A), as everywhere else."""
        plan = self.plans.get(plan_id) or next(
            (p for key, p in self.plans.items() if key.casefold() == plan_id.casefold()), None
        )
        if plan is None:
            raise InputError(
                Problem(
                    "registry.unknown_plan",
                    {"plan": plan_id, "plans": ", ".join(sorted(self.plans)) or Message("word.none")},
                    hint=did_you_mean(plan_id, self.plans),
                    field="plan",
                )
            )
        return plan


def _within(text: str, folder: Path) -> str:
    """A reload's message with the rules folder's absolute path said as the folder's name, and any
    other absolute path as its file's name (an include of "../shared.dlg", a file linked to
    /etc/passwd: /healthz is public)."""
    for shown in {str(folder), str(folder.resolve())}:
        text = text.replace(shown + os.sep, "").replace(shown, folder.resolve().name)
    text = _QUOTED.sub(lambda found: found[1] + found[2] + found[1], text)
    return _ABSOLUTE.sub(lambda found: found[1], text)


# An absolute path in a message: its last part kept ("/srv/shared/fælles.dlg" -> "fælles.dlg"),
# whole inside quotes, where a folder's name may hold spaces ("/home/jens hansen/x.dlg").
_QUOTED = re.compile(r"""(["'])/(?:[^"'\n]*/)?([^"'/\n]*)\1""")
_ABSOLUTE = re.compile(r"(?<![\w.~/:])/(?:[^\s/:'\"«»()]+/)+([^\s/:'\"«»()]+)")


def settle_heap() -> None:
    """Move what the served plans hold out of the cyclic collector's sight (gc.freeze), after a
    full collection that frees the plans a reload replaced: a plan and its index are hundreds of
    thousands of objects, and a collection walking them all paused every thread. Under bench/
    abuse.py /healthz's p99 went from 53-57 ms to 41-47 ms. For a serving process only: a frozen
    object is never collected as part of a cycle again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
