"""POST /workload: a file of real cases weighed against the plans being served (delegation.workload/1)."""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from ..analysis.workload import CaseVolumes, workload
from ..errors import InputError, Problem
from ..messages import Message
from .store import PlanStore

# A year's cases of a large municipality as CSV is a few MB; the body is held in memory while
# it is read, so the limit is the memory one request may take.
MAX_WORKLOAD_BYTES = 10_000_000
# And the time it may hold a place for work: 100.000 distinct real titles take about 10 s against
# three plans; an .xlsx of 200.000 rows made to be slow (10.000 rows in 145 KB: rows compress to
# almost nothing) took 25 minutes before its texts' numbers were bounded, and 3-4 minutes after;
# a CSV of 10 MB of made-up titles held the only place for work the whole minute this allowed
# (attack report, 2026-11-28, third): three times the real file's time is enough.
WORKLOAD_SECONDS = 30


def mount_workload(app: FastAPI, store: PlanStore) -> None:
    @app.post(
        "/workload",
        response_model=CaseVolumes,
        response_model_by_alias=True,
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The case file as it is: CSV (UTF-8, cp1252, `;` or `,`), or the bytes of an .xlsx file (any content type)",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        },
    )
    async def weigh_cases(
        request: Request,
        plan: Annotated[
            list[str] | None, Query(max_length=10, description="Plan ids (default: every plan served)")
        ] = None,
        column: Annotated[
            list[str] | None, Query(max_length=20, description="ROLE=HEADER, e.g. case=Titel")
        ] = None,
        name: str = Query("cases", max_length=200, description="The file's name, for messages"),
        lang: Literal["da", "en"] = "da",
    ) -> Response:
        """Resolve each row of the file in each plan and count, per year, who decides and is told.
        Heavy: it holds one of the service's places for heavy work (limits.py) while it runs."""
        try:
            data = await request.body()
        except ClientDisconnect:  # the body never came in full (closed after BODY_SECONDS): no one to answer
            return Response(status_code=400)
        if not data:
            raise InputError(Problem("workload.empty_body", field="body"))
        columns: dict[str, str] = {}
        for item in column or ():
            role, equals, header = item.partition("=")
            if not equals or not role.strip() or not header.strip():
                raise InputError(Problem("workload.bad_column", {"item": item}, field="column"))
            columns[role.strip()] = header.strip()
        plans = [store.get(plan_id.strip()) for plan_id in plan or ()] or [
            store.plans[p] for p in sorted(store.plans)
        ]
        deadline = time.monotonic() + WORKLOAD_SECONDS

        def within_time(done: int, total: int) -> None:
            if time.monotonic() > deadline:
                rows = {"rows": done // len(plans), "total": total // len(plans), "seconds": WORKLOAD_SECONDS}
                hint = Message("workload.too_long.hint")
                raise InputError(Problem("workload.too_long", rows, hint=hint, field="body"))

        # The collector keeps running: pausing it would pause it for every other request too.
        volumes = await run_in_threadpool(
            workload, data, plans, columns, None, name, within_time, lang, False
        )
        return Response(volumes.to_json(indent=None), media_type="application/json")
