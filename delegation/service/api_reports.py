"""The command line's reports over HTTP: show, body, graph, render, schema, fmt and test, each as its command."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import FastAPI, Path, Query, Request  # at run time: FastAPI reads the routes' annotations
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from ..errors import DelegationError, DslSyntaxError, InputError, Problem, SourceError, ValidationError
from ..messages import Message
from .contracts import NO_CONTROLS, ErrorResponse
from .http_errors import error_response
from .store import PlanStore

Lang = Literal["da", "en"]
# What each format of `delegation graph` is, as a media type; text gets "; charset=utf-8" added.
GRAPH_TYPES = {
    "dot": "text/plain",
    "mermaid": "text/plain",
    "json": "application/json",
    "svg": "image/svg+xml",
    "png": "image/png",
}
DOCUMENT_TYPES = {"md": "text/markdown", "html": "text/html"}
MAX_FMT_BYTES = 256_000  # rules text POSTed to /fmt (api.BodyLimit)


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


def _content(description: str, *types: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {kind: {} for kind in types}}}


def mount_reports(app: FastAPI, store: PlanStore) -> None:
    """The routes; each calls the library function its command calls (cli/*.py), nothing more."""

    @app.get(
        "/plans/{plan_id}/cases/{case:path}",
        responses={
            200: {
                "description": "The case type and every band (delegation.case/1), as `delegation show --json`"
            },
            404: _error("Unknown plan, or no case type fits the text (`candidates` empty)"),
            422: _error("The text fits several case types (`candidates`), or an unknown department"),
        },
    )
    def show_case(
        plan_id: str,
        case: Annotated[
            str, Path(max_length=1000, description="Case type id or the words a user would type")
        ],
        department: str | None = Query(None, max_length=100, description="Makes 'the department' concrete"),
        lang: Lang = "da",
    ) -> Response:
        """A case type's bands: each range of its facts with its outcome and citation."""
        from ..presentation.caseview import UnresolvedCase
        from ..presentation.caseview import show_case as shown

        plan = store.get(plan_id)
        try:
            view = shown(plan, case, department, lang)
        except UnresolvedCase as unresolved:
            status = 422 if unresolved.ambiguous else 404
            return JSONResponse({"error": unresolved.body(lang)}, status_code=status)
        return JSONResponse(view.to_dict())

    @app.get(
        "/plans/{plan_id}/bodies/{body}",
        responses={
            200: {
                "description": "What the body decides, is briefed on and is told, as `delegation body --json`"
            },
            404: _error("Unknown plan or body"),
        },
    )
    def body_duties(
        plan_id: str,
        body: Annotated[str, Path(max_length=200, description="The body's id, short name, name or alias")],
        lang: Lang = "da",
    ) -> Response:
        """A body's roles in the plan, by section (including those of the relative bodies it stands for)."""
        from ..analysis.roles import body_report

        plan = store.get(plan_id)
        try:
            report = body_report(plan, body, lang)
        except InputError as error:
            problem = error.problems[0]
            if problem.field != "body":
                raise
            return error_response(404, "unknown_body", problem.key, problem.args, "body", lang, problem.hint)
        return JSONResponse(report.model_dump(mode="json"))

    @app.get(
        "/plans/{plan_id}/graph",
        response_class=Response,
        responses={
            **_content(
                "The delegation graph as `delegation graph --format F --view V` writes it",
                "text/plain",
                "application/json",
                "image/svg+xml",
                "image/png",
            ),
            501: _error("SVG or PNG asked for, and Graphviz is not installed on the server"),
        },
    )
    def graph(
        plan_id: str,
        image_format: Literal["dot", "mermaid", "json", "svg", "png"] = Query("dot", alias="format"),
        view: Literal["summary", "full"] = "summary",
        lang: Lang = "da",
    ) -> Response:
        """Who delegates to whom and who decides which case types. Heavy work: SVG and PNG run Graphviz."""
        from ..analysis.graph import GraphvizMissing, draw

        plan = store.get(plan_id)
        try:
            drawn = draw(plan, image_format, view, lang)
        except GraphvizMissing:  # the server lacks a program: said so, with the formats it can give
            hint = Message("http.no_dot.hint")
            return error_response(
                501, "unavailable", "http.no_dot", {"format": image_format}, lang=lang, hint=hint
            )
        return Response(drawn, media_type=GRAPH_TYPES[image_format])

    @app.get(
        "/plans/{plan_id}/render",
        response_class=Response,
        responses=_content("The plan as its document, as `delegation render`", "text/markdown", "text/html"),
    )
    def render(
        plan_id: str,
        document_format: Literal["md", "html"] = Query("md", alias="format"),
        lang: Lang = "da",
    ) -> Response:
        """The plan as a human-readable document, laid out like the source plan; in HTML each bullet
        unfolds its rule."""
        from ..presentation.render_plan import render_plan, source_folder

        plan = store.get(plan_id)
        document = render_plan(plan, document_format, lang, source_root=source_folder(plan))
        return Response(document, media_type=DOCUMENT_TYPES[document_format])

    @app.get(
        "/schema/{name}",
        responses={200: {"description": "The JSON Schema `delegation schema NAME` prints"}},
    )
    def schema(name: Literal["decision", "plan"]) -> dict[str, Any]:
        """The JSON Schema of the decision contract (delegation.decision/2) or of the plan model."""
        from ..analysis.contract import json_schema

        return json_schema(name)

    @app.post(
        "/fmt",
        response_class=PlainTextResponse,
        responses={
            **_content("The text in the canonical layout, as `delegation fmt -` writes it", "text/plain"),
            422: _error("The text does not parse (with `location`, FILE:LINE:COLUMN), or is not UTF-8"),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "Rules text (a .dlg file) as it is, UTF-8; any content type; at most 256 KB",
                "content": {"text/plain": {"schema": {"type": "string"}}},
            }
        },
    )
    async def fmt(
        request: Request,
        name: str = Query(
            "<body>", max_length=200, pattern=NO_CONTROLS, description="The text's file name, for messages"
        ),
        lang: Lang = "da",
    ) -> Response:
        """Rules text in the canonical layout. Heavy work: it parses the text twice."""
        from ..language.fmt import format_text

        try:
            data = await request.body()
        except ClientDisconnect:  # the body never came in full: no one to answer
            return Response(status_code=400)
        text = _utf8(data, name)
        try:
            formatted = await run_in_threadpool(format_text, text, name)
        except DelegationError as error:  # the caller's text: where it fails, as `delegation fmt -` says
            problem = error.problems[0]
            return error_response(
                422, "bad_input", problem.key, problem.args, "body", lang, problem.hint, problem.location
            )
        return PlainTextResponse(formatted)

    @app.get(
        "/test",
        responses={
            200: {"description": "The rule tests' report (delegation.test/1), as `delegation test --json`"}
        },
    )
    def rule_tests(
        coverage: bool = Query(False, description="Also list the bands no example falls in, as --coverage"),
        plan: str | None = Query(
            None,
            max_length=100,
            description="The examples of this plan's file and of the plans built on it, as "
            "`delegation test rules/plan_a.dlg` (default: every plan)",
        ),
        lang: Lang = "da",
    ) -> dict[str, Any]:
        """Run the examples of the rules folder being served (as it is on disk) and report the
        failures. Heavy work: it reads and decides every example."""
        from ..analysis.ruletest import run_tests
        from ..engine.registry import builtin_rules_dir, plan_path

        paths = [plan_path(store.get(plan).id, store.rules_dir)] if plan is not None else []
        try:
            report = run_tests(paths, store.rules_dir, coverage=coverage)
        except (SourceError, DslSyntaxError, ValidationError) as error:
            # The folder on disk, changed since the reload, does not read: the caller's 422 with
            # the file and line, not the service's 500 (attack report, 2026-11-28).
            raise InputError(error.problems) from None
        return report.to_dict(lang, root=store.rules_dir or builtin_rules_dir())


def _utf8(data: bytes, name: str) -> str:
    """The body as text, or the error a rules file that is not UTF-8 gets."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = f"0x{data[error.start]:02x}"
        hint = Message("source.not_utf8.hint")
        raise InputError(
            Problem(
                "source.not_utf8",
                {"name": name, "offset": error.start, "byte": byte},
                hint=hint,
                field="body",
            )
        ) from None
