"""The service: the HTTP API, the Danish web pages with their templates and static files, and batch decisions."""

from typing import TYPE_CHECKING

from ..lazy import exports

if TYPE_CHECKING:
    from .api import create_app as create_app
    from .batch import decide_lines as decide_lines
    from .batch import json_lines as json_lines
    from .store import PlanStore as PlanStore

__getattr__, __all__ = exports(
    __name__,
    {
        "create_app": "api",
        "PlanStore": "store",
        "decide_lines": "batch",
        "json_lines": "batch",
    },
)
