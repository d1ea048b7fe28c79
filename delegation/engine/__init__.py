"""The engine: a Plan and a case (id, words or KLE code) and facts -> a Decision, with its receipt."""

from ..hints import TYPE_CHECKING
from ..lazy import exports

if TYPE_CHECKING:
    from .decision import Decision as Decision
    from .evaluate import decide as decide
    from .index import index_of as index_of
    from .registry import load as load
    from .registry import plan_files as plan_files
    from .registry import plans as plans
    from .resolve import resolve_case as resolve_case
    from .resolve import resolve_kle as resolve_kle

__getattr__, __all__ = exports(
    __name__,
    {
        "Decision": "decision",
        "decide": "evaluate",
        "resolve_case": "resolve",
        "resolve_kle": "resolve",
        "index_of": "index",
        "load": "registry",
        "plans": "registry",
        "plan_files": "registry",
    },
)
