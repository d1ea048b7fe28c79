"""The web interface in Danish: pages Spørg, Sammenlign, Organer and the plans, served from the service's plans."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from .._version import __version__
from ..engine.outcomes import receipt
from ..engine.wording import administration_label, body_label
from ..i18n import text
from ..presentation.diff_words import CHANGE_WORDS
from ..presentation.palette import NO_BODY, tint
from ..presentation.render_plan import render_plan_page as plan_page
from ..presentation.report_html import render_html
from .web_ask import ask_page, suggestions
from .web_bodies import ROLE_LABELS, body_graph_svg, body_index, body_page, role_label
from .web_common import (
    basis_text,
    body_colours,
    capitalised,
    channel_text,
    match_plans,
    plan_subtitle,
    plan_url,
    printed_at,
    query_url,
    quotes,
)
from .web_compare import ComparePage, compare_page
from .web_compose import add_compose_routes
from .web_export import matrix_csv
from .web_history import history_page

if TYPE_CHECKING:
    from ..model import Plan
    from .store import PlanStore

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "web_static"
MENU = (
    ("/sporg", "Spørg"),
    ("/sammenlign", "Sammenlign"),
    ("/sammensaet", "Sammensæt"),
    ("/organ", "Organer"),
    ("/plan", "Planer"),
    ("/historik", "Historik"),
)

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_templates.globals.update(
    label=body_label,
    administration_label=administration_label,
    basis_text=basis_text,
    channel_text=channel_text,
    quotes=quotes,
    tint=tint,
    no_body=NO_BODY,
    plan_subtitle=plan_subtitle,
    capitalised=capitalised,
    menu=MENU,
    change_words=CHANGE_WORDS,
    role_labels=ROLE_LABELS,
    role_label=role_label,
    version=__version__,
    t=lambda key, **values: text("da", key, **values),
)


def _served(store: PlanStore) -> list[Plan]:
    return [store.plans[plan_id] for plan_id in sorted(store.plans)]


def _page(
    template: str, request: Request, store: PlanStore, status: int = 200, **context: object
) -> HTMLResponse:
    plans = _served(store)
    municipalities = sorted({p.municipality for p in plans if p.municipality})
    now = datetime.now().astimezone()  # the server's clock; app.js puts the reader's at printing
    html = _templates.get_template(template).render(
        printed=text("da", "web.printed", when=printed_at(now)),
        printed_format=text("da", "web.time", date="{date}", hour="{hour}", minute="{minute}"),
        printed_label=text("da", "web.printed", when="").strip(),
        path=request.url.path,
        # The path and query only: the whole URL would repeat the request's Host header, which
        # the client chooses (a cache in front would keep a page naming another site). The
        # reader's script writes the address the browser shows (app.js, at printing).
        url=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        served=plans,
        municipality=", ".join(municipalities),
        digests={p.id: receipt(p).rules_sha256[:12] for p in plans},
        **context,
    )
    return HTMLResponse(html, status_code=status)


def web_router(store: PlanStore) -> APIRouter:
    """The pages and the small JSON endpoint they use; plans are read from store at each request."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/sporg", status_code=307)

    @router.get("/sporg")
    def ask(request: Request) -> HTMLResponse:
        chosen, unknown = match_plans(store.plans, request.query_params.getlist("plan"))
        if unknown:
            return _unknown_plans(request, store, unknown)
        page = ask_page(store.plans, request.query_params, chosen)
        return _page("sporg.html", request, store, page=page, colours=body_colours(page.plans))

    @router.get("/sporg/forslag")
    def suggest(q: str = "") -> JSONResponse:
        return JSONResponse(suggestions(store.plans, q[:200]))

    def compared(request: Request) -> ComparePage | HTMLResponse:
        chosen, unknown = match_plans(store.plans, request.query_params.getlist("plan"))
        if unknown:
            return _unknown_plans(request, store, unknown)
        return compare_page(store.plans, request.query_params, chosen)

    @router.get("/sammenlign")
    def compare(request: Request) -> HTMLResponse:
        page = compared(request)
        if isinstance(page, HTMLResponse):
            return page
        return _page("sammenlign.html", request, store, page=page, colours=body_colours(page.plans))

    @router.get("/sammenlign/matrix.csv")
    def compare_csv(request: Request) -> Response:
        page = compared(request)
        if isinstance(page, HTMLResponse):
            return page
        if page.diff is None:
            return _page("ikke_fundet.html", request, store, status=404, message=page.error or "")
        return Response(
            matrix_csv(page),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{page.file_name()}.csv"'},
        )

    @router.get("/sammenlign/rapport.html")
    def compare_report(request: Request) -> HTMLResponse:
        page = compared(request)
        if isinstance(page, HTMLResponse):
            return page
        if page.diff is None:
            return _page("ikke_fundet.html", request, store, status=404, message=page.error or "")
        return HTMLResponse(render_html(page.diff))

    @router.get("/sammenlign/celle")
    def compare_cell(request: Request) -> HTMLResponse:
        page = compared(request)
        if isinstance(page, HTMLResponse):
            return page
        if page.detail is None:
            return HTMLResponse("<p>Cellen findes ikke.</p>", status_code=404)
        html = _templates.get_template("celle.html").render(
            page=page, detail=page.detail, colours=body_colours(page.plans)
        )
        return HTMLResponse(html)

    add_compose_routes(
        router,
        lambda: store.plans,
        lambda template, request, **context: _page(template, request, store, **context),
    )

    @router.get("/organ")
    def bodies(request: Request) -> HTMLResponse:
        plans = _served(store)
        return _page("organer.html", request, store, summaries=body_index(plans), colours=body_colours(plans))

    @router.get("/organ/{body_id}")
    def body(request: Request, body_id: str, graf: str = "") -> HTMLResponse:
        plans = _served(store)
        page = body_page(plans, body_id)
        if page is None:
            return _page(
                "ikke_fundet.html",
                request,
                store,
                status=404,
                message=f"Organet «{body_id}» findes ikke i planerne.",
            )
        graph_plan = next(
            (p for p in plans if p.id.casefold() == graf.casefold() and body_id in p.bodies),
            next(p for p in plans if body_id in p.bodies),
        )
        return _page(
            "organ.html",
            request,
            store,
            page=page,
            colours=body_colours(plans),
            graph_plan=graph_plan,
            graph_svg=body_graph_svg(graph_plan, body_id, body_colours(plans)),
        )

    @router.get("/plan")
    def plan_list(request: Request) -> HTMLResponse:
        return _page("planer.html", request, store)

    @router.get("/plan/{plan_id}")
    def plan_document(request: Request, plan_id: str) -> HTMLResponse:
        found, unknown = match_plans(store.plans, [plan_id])
        if not found:
            return _unknown_plans(request, store, unknown or [plan_id])
        plan = store.plans[found[0]]
        return _page("plan.html", request, store, plan=plan, document=plan_page(plan))

    @router.get("/historik")
    def case_history(request: Request, sag: str = "") -> HTMLResponse:
        page = history_page(_served(store), sag[:200])
        return _page("historik.html", request, store, status=page.pop("status"), **page)

    return router


def _unknown_plans(request: Request, store: PlanStore, unknown: list[str]) -> HTMLResponse:
    """404: the plans asked for that do not exist, and the plans there are, each a link to the same
    page with that plan instead (so a shared link to a plan since removed is one click from use)."""
    names = ", ".join(f"«{name}»" for name in unknown)
    message = (
        text("da", "web.plan.unknown", plan=unknown[0])
        if len(unknown) == 1
        else text("da", "web.plan.unknown.many", plans=names)
    )
    served = _served(store)
    message += " " + text("da", "web.plan.served", plans=", ".join(p.id for p in served))
    params = list(request.query_params.multi_items())
    on_page = request.url.path.startswith(("/sporg", "/sammenlign"))
    choices = [
        (query_url(request.url.path, params, plan=plan.id) if on_page else plan_url(plan), plan)
        for plan in served
    ]
    heading = "Planen findes ikke" if len(unknown) == 1 else "Planerne findes ikke"
    return _page(
        "ikke_fundet.html", request, store, status=404, message=message, choices=choices, heading=heading
    )


def mount_web(app: FastAPI, store: PlanStore) -> None:
    """Add the pages and their static files (CSS, JS, icon) to the service."""
    app.include_router(web_router(store))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
