"""The web interface in Danish: pages Spørg, Sammenlign and Organ, served from the service's plans."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .._version import __version__
from ..engine.evaluate import receipt
from ..engine.wording import administration_label, body_label
from ..i18n import text
from ..presentation.diff_words import CHANGE_WORDS
from .web_ask import ask_page, suggestions
from .web_bodies import ROLE_LABELS, body_graph_svg, body_index, body_page, role_label
from .web_common import basis_text, body_colours, capitalised, channel_text, plan_subtitle, quotes
from .web_compare import compare_page
from .web_history import history_page

if TYPE_CHECKING:
    from ..model import Plan
    from .store import PlanStore

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "web_static"
MENU = (("/sporg", "Spørg"), ("/sammenlign", "Sammenlign"), ("/organ", "Organer"), ("/historik", "Historik"))

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
    html = _templates.get_template(template).render(
        path=request.url.path,
        url=str(request.url),
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
        page = ask_page(store.plans, request.query_params, request.query_params.getlist("plan"))
        return _page("sporg.html", request, store, page=page, colours=body_colours(page.plans))

    @router.get("/sporg/forslag")
    def suggest(q: str = "") -> JSONResponse:
        return JSONResponse(suggestions(store.plans, q[:200]))

    @router.get("/sammenlign")
    def compare(request: Request) -> HTMLResponse:
        page = compare_page(store.plans, request.query_params, request.query_params.getlist("plan"))
        return _page("sammenlign.html", request, store, page=page, colours=body_colours(page.plans))

    @router.get("/sammenlign/celle")
    def compare_cell(request: Request) -> HTMLResponse:
        page = compare_page(store.plans, request.query_params, request.query_params.getlist("plan"))
        if page.detail is None:
            return HTMLResponse("<p>Cellen findes ikke.</p>", status_code=404)
        html = _templates.get_template("celle.html").render(
            page=page, detail=page.detail, colours=body_colours(page.plans)
        )
        return HTMLResponse(html)

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
            (p for p in plans if p.id == graf and body_id in p.bodies),
            next(p for p in plans if body_id in p.bodies),
        )
        return _page(
            "organ.html",
            request,
            store,
            page=page,
            colours=body_colours(plans),
            graph_plan=graph_plan,
            graph_svg=body_graph_svg(graph_plan, body_id),
        )

    @router.get("/historik")
    def case_history(request: Request, sag: str = "") -> HTMLResponse:
        page = history_page(_served(store), sag[:200])
        return _page("historik.html", request, store, status=page.pop("status"), **page)

    return router


def mount_web(app: FastAPI, store: PlanStore) -> None:
    """Add the pages and their static files (CSS, JS, icon) to the service."""
    app.include_router(web_router(store))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
