"""Batch decisions: JSON Lines in, one decision (or one error object) per line out, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from ..engine.decision import Decision
from ..engine.evaluate import decide
from ..errors import DelegationError, error_body
from ..model import Plan

BATCH_ERROR_SCHEMA: Final = "delegation.batch-error/1"


def batch_error(
    line: int,
    lang: str,
    key: str,
    args: Mapping[str, object] | None = None,
    field: str | None = None,
    kind: str = "bad_input",
) -> dict[str, Any]:
    """A line's (an item's) error object, as `decide --batch` and the HTTP batch both write it."""
    return {"schema": BATCH_ERROR_SCHEMA, "line": line, "error": error_body(kind, key, args, field, lang)}


def decide_lines(
    lines: Iterable[str],
    plans: dict[str, Plan] | None = None,
    default_plan: str | None = None,
    rules_dir: str | Path | None = None,
    lang: str = "da",
) -> Iterator[dict[str, Any]]:
    """Decide each JSON line `{"case", "facts", "plan", "department", "kle"}`; a bad line becomes
    an error object and the batch goes on. Blank lines are skipped (and yield nothing)."""
    for result in _decisions(lines, plans, default_plan, rules_dir, lang):
        yield result.to_dict() if isinstance(result, Decision) else result


def json_lines(
    lines: Iterable[str],
    plans: dict[str, Plan] | None = None,
    default_plan: str | None = None,
    rules_dir: str | Path | None = None,
    lang: str = "da",
) -> Iterator[str]:
    """Like decide_lines, but each result already serialised as one compact JSON line."""
    for result in _decisions(lines, plans, default_plan, rules_dir, lang):
        yield (
            result.to_json(indent=None)
            if isinstance(result, Decision)
            else json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        )


def _decisions(
    lines: Iterable[str],
    plans: dict[str, Plan] | None,
    default_plan: str | None,
    rules_dir: str | Path | None,
    lang: str,
) -> Iterator[Decision | dict[str, Any]]:
    from ..engine.registry import load
    from ..engine.registry import plans as list_plans

    cache: dict[str, Plan] = dict(plans or {})
    every: list[Plan] | None = None  # every plan, read once, when a line asks the plan in force
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            request = json.loads(raw)
        except json.JSONDecodeError as error:
            yield batch_error(number, lang, "batch.not_json", {"detail": error.msg, "column": error.colno})
            continue
        except ValueError as error:  # a number of over 4.300 digits: the line, not the batch, fails
            yield batch_error(number, lang, "batch.not_json", {"detail": str(error)[:100], "column": 1})
            continue
        if not isinstance(request, dict):
            yield batch_error(number, lang, "batch.not_object")
            continue
        half = _lone_surrogate(raw, request)
        if half:  # "\ud800" alone: the line's answer, which echoes it, could not be written out
            yield batch_error(number, lang, "batch.surrogate", {"code": half})
            continue
        problem = _check_request(request, default_plan)
        if problem:
            yield batch_error(number, lang, *problem)
            continue
        plan_id = request.get("plan") or default_plan
        try:
            if plan_id is not None and plan_id not in cache:
                cache[plan_id] = load(plan_id, rules_dir)
            if request.get("as_of") is None:
                decision = decide(
                    cache[str(plan_id)],
                    request.get("case") or "",
                    request.get("facts") or {},
                    department=request.get("department"),
                    lang=lang,
                    kle=request.get("kle"),
                )
            else:
                if plan_id is None and every is None:
                    every = list(plans.values()) if plans else list_plans(rules_dir)
                decision = _in_time(
                    request, [cache[plan_id]] if plan_id else every or [], plan_id is not None, lang
                )
        except DelegationError as error:
            first = error.problems[0]
            yield batch_error(number, lang, first.key, dict(first.args), first.field)
            continue
        yield decision


def _lone_surrogate(raw: str, request: dict[str, Any]) -> str:
    """The first half of a surrogate pair the line's JSON holds alone ("\\ud800"), or ""."""
    if "\\u" not in raw:  # only an escape makes one: a line read as UTF-8 holds none
        return ""
    try:
        json.dumps(request, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        return f"\\u{ord(error.object[error.start]):04x}"
    return ""


def _in_time(request: dict[str, Any], plans: list[Plan], chosen: bool, lang: str) -> Decision:
    """A line with "as_of": the named plan stamped with the day, or the plan in force then."""
    from ..engine.intime import decide_in_force

    return decide_in_force(
        plans,
        request.get("case") or "",
        request.get("facts") or {},
        as_of=request["as_of"],
        chosen=chosen,
        department=request.get("department"),
        lang=lang,
        kle=request.get("kle"),
    )


def _check_request(
    request: dict[str, Any], default_plan: str | None
) -> tuple[str, dict[str, object], str] | None:
    """A structural problem of one batch line: (message key, its values, field), or None."""
    from ..engine.registry import names_a_file

    unknown = sorted(set(request) - {"case", "facts", "plan", "department", "kle", "as_of"})
    if unknown:
        return "batch.unknown_field", {"name": unknown[0]}, unknown[0]
    if not isinstance(request.get("case", ""), str):
        return "batch.not_string", {"name": "case"}, "case"
    if not request.get("case", "").strip() and not request.get("kle"):
        return "request.no_case", {}, "case"
    if not isinstance(request.get("facts", {}), dict):
        return "batch.facts_object", {}, "facts"
    for key in ("plan", "department", "kle", "as_of"):
        if request.get(key) is not None and not isinstance(request[key], str):
            return "batch.not_string", {"name": key}, key
    if not request.get("plan") and not default_plan and request.get("as_of") is None:
        return "batch.no_plan", {}, "plan"
    if request.get("plan") and names_a_file(request["plan"]):
        # A line comes from a case system, not from whoever runs the command: it names one of the
        # rules folder's plans, never a file ("/etc/passwd" was read, and its first word quoted).
        return "batch.plan_path", {"plan": request["plan"][:100]}, "plan"
    return None
