"""The HTTP API's contract: request and response models, and the limits on what a request may hold."""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, model_validator

from ..engine.decision import Decision
from .batch import BATCH_ERROR_SCHEMA

MAX_BODY_BYTES = 1_000_000
MAX_BATCH = 1000
MAX_FACTS = 50  # facts in one question: a plan has a handful; each unknown one costs a suggestion
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and bidirectional overrides.
NO_CONTROLS = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"

# null is a fact not given, as the command's batch lines and Python take it (it was refused here)
FactInput = Union[StrictInt, StrictFloat, StrictStr, None]  # noqa: UP007 - Annotated types


def _first_unknown_only(model: type[BaseModel], data: object) -> object:
    """A body with many unknown keys, cut to its known ones and the first unknown: refused for that
    one, as before. 90.000 unknown keys made pydantic build 90.000 errors on the event loop (0.9 s,
    while /healthz waited)."""
    fields = model.model_fields
    if isinstance(data, dict) and len(data) > len(fields):
        first = next(key for key in data if key not in fields)  # there is one: more keys than fields
        kept = {key: data[key] for key in fields if key in data}
        kept[first] = data[first]
        return kept
    return data


class DecideRequest(BaseModel):
    """One question: a case (id or words) or a KLE code, its facts, and optionally its department."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _few_unknown(cls, data: object) -> object:
        return _first_unknown_only(cls, data)

    case: str = Field("", max_length=1000, description="Case type id or the words a user would type")
    facts: dict[str, FactInput] = Field(
        default_factory=dict, max_length=MAX_FACTS, description='e.g. {"amount": "500.000"}'
    )
    department: str | None = Field(None, max_length=100)
    kle: str | None = Field(None, max_length=20, description="KLE SUBJECT[-FACET], e.g. 27.00.00-G01")
    lang: Literal["da", "en"] = "da"
    as_of: str | None = Field(
        None, max_length=20, description="The day asked about, YYYY-MM-DD: echoed in the receipt"
    )
    reference: str | None = Field(
        None,
        max_length=200,
        # No control characters: a line break or an escape sequence in the log would forge entries
        # or drive the terminal of whoever reads the log.
        pattern=NO_CONTROLS,
        description="The caller's case reference, kept in the decision log (no control characters)",
    )


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _few_unknown(cls, data: object) -> object:
        return _first_unknown_only(cls, data)

    # Each item is validated alone by the endpoint (a bad one is its own error object); the
    # schema still describes it as a DecideRequest.
    cases: list[Any] = Field(
        ..., max_length=MAX_BATCH, json_schema_extra={"items": {"$ref": "#/components/schemas/DecideRequest"}}
    )


class ErrorBody(BaseModel):
    type: str
    message: str
    field: str | None = None
    key: str | None = Field(None, description="The message's stable key (docs/errors.md)")
    hint: str | None = Field(None, description="What to do about it, when the message has a hint")
    location: str | None = Field(
        None, description="Where in the text sent the problem is, FILE:LINE:COLUMN (POST /fmt)"
    )
    candidates: list[dict[str, Any]] | None = Field(
        None,
        description="The case types the text may mean, as a decision's `candidates` "
        "(GET /plans/{plan_id}/cases/{case}: empty when none fits)",
    )


class ErrorResponse(BaseModel):
    error: ErrorBody


class BatchError(BaseModel):
    schema_: Literal["delegation.batch-error/1"] = Field(default=BATCH_ERROR_SCHEMA, alias="schema")
    line: int
    error: ErrorBody


class BatchResponse(BaseModel):
    decisions: list[Decision | BatchError]


class PlanInfo(BaseModel):
    id: str
    title: str | None
    date: str | None
    source: str | None
    document: str | None
    municipality: str | None
    case_types: int
    rules_sha256: str
    status: str = "draft"
    in_force_from: str | None = None
    in_force_until: str | None = None


class CaseInfo(BaseModel):
    id: str
    title: str
    aliases: list[str]
    section: str | None
    category: str | None
