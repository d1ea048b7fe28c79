"""The pydantic base of the analyses' JSON contracts (diff, history, workload): frozen, strict keys."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    # Built on first use: `delegation diff` needs only its own report's validators.
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=True, populate_by_name=True, defer_build=True
    )
