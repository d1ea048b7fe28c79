"""The pydantic base of the analyses' JSON contracts (diff, history, workload), and the contracts' JSON Schemas."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from ..errors import InputError, Problem


class Contract(BaseModel):
    # Built on first use: `delegation diff` needs only its own report's validators.
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=True, populate_by_name=True, defer_build=True
    )


SCHEMAS = ("decision", "plan")  # what `delegation schema` and GET /schema/{name} describe


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the decision contract or of the plan model, as pydantic describes them."""
    if name not in SCHEMAS:
        raise InputError(Problem("schema.unknown", {"name": name, "names": ", ".join(SCHEMAS)}, field="name"))
    return copy.deepcopy(_described(name))  # the caller's own: the memo stays as pydantic made it


@cache
def _described(name: str) -> dict[str, Any]:
    # Once per process: describing the plan model takes a tenth of a second.
    from ..engine.decision import Decision
    from ..model import Plan

    model: Any = {"decision": Decision, "plan": Plan}[name]
    return TypeAdapter(model).json_schema(by_alias=True)
