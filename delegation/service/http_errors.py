"""The service's error objects: text in the caller's language (`lang`), and the message key for programs."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import JSONResponse

from ..errors import Location, error_body
from ..i18n import listing
from ..messages import DEFAULT_LANG, LANGUAGES, Localized, Message

if TYPE_CHECKING:
    from starlette.types import Scope

# Pydantic's error types a caller meets, as message keys; any other type shows pydantic's own text.
_INVALID = {
    "missing": "http.invalid.missing",
    "extra_forbidden": "http.invalid.extra",
    "string_type": "http.invalid.string",
    "string_too_long": "http.invalid.too_long",
    "too_long": "http.invalid.too_many",
    "literal_error": "http.invalid.choice",
    "dict_type": "http.invalid.object",
    "list_type": "http.invalid.list",
    "model_type": "http.invalid.object",
    "model_attributes_type": "http.invalid.object",  # a body of [] or "x" where an object is taken
    "string_pattern_mismatch": "http.invalid.controls",  # the one pattern: no control characters
    "string_unicode": "http.invalid.unicode",  # half a surrogate pair ("\ud800")
    "bool_parsing": "http.invalid.bool",
    "bool_type": "http.invalid.bool",
    "int_type": "http.invalid.int",
    "int_parsing": "http.invalid.int",
    "float_type": "http.invalid.float",
    "float_parsing": "http.invalid.float",
    "union_tag_invalid": "http.invalid.union",
    "union_tag_not_found": "http.invalid.union",
}
# The last part of a location pydantic adds for the member of a union it tried ("facts.a.int"):
# a scalar type's name, or a validator's description ("function-after[...]").
_UNION_MEMBER = re.compile(r"(int|float|str|bool|bytes|none|decimal|[a-z-]+\[.*\])")
_HTTP = {404: "http.not_found", 405: "http.method"}


def error_response(
    status: int,
    kind: str,
    key: str,
    args: Mapping[str, object] | None = None,
    field: str | None = None,
    lang: str = DEFAULT_LANG,
    hint: Message | None = None,
    location: Location | None = None,
) -> JSONResponse:
    """The error object: its text in the caller's language, its key for programs, and the hint the
    command line shows under it ("udkast: A, B og C"), when it has one."""
    body = error_body(kind, key, args, field, lang, hint, location)
    return JSONResponse(status_code=status, content={"error": body})


def error_lang(request: Request | None, error: Exception | None = None) -> str:
    """The language of an error: `lang` of the request body (set on the error by the decide
    endpoints), else the query's `lang`, else Danish."""
    chosen = getattr(error, "lang", None)
    if chosen in LANGUAGES:
        return str(chosen)
    query = request.query_params.get("lang") if request is not None else None
    return query if query in LANGUAGES else DEFAULT_LANG


def query_lang(scope: Scope) -> str:
    """The `lang` of a request's query string, read before the app sees the request."""
    query: bytes = scope.get("query_string", b"")
    for pair in query.decode("latin-1").split("&"):
        name, _, value = pair.partition("=")
        if name == "lang" and value in LANGUAGES:
            return value
    return DEFAULT_LANG


def invalid_field(location: Sequence[object]) -> str:
    """The request field a refusal concerns, as a caller names it: "facts.a", without where it
    came from (body, query, path) or the union member pydantic tried last ("facts.a.int")."""
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    if len(parts) > 1 and _UNION_MEMBER.fullmatch(parts[-1]):
        parts.pop()
    return ".".join(parts) or "body"


def invalid_message(error: Mapping[str, Any]) -> tuple[str, dict[str, object]]:
    """A request the models refuse: a message key for pydantic's error type, and its values."""
    context = error.get("ctx") or {}
    location: tuple[object, ...] = tuple(error.get("loc") or ())
    key = _INVALID.get(str(error.get("type")), "http.invalid")
    if len(location) > 1 and _UNION_MEMBER.fullmatch(str(location[-1])):
        key = "http.invalid.union"  # one member of several refused it: no one type is the answer
    expected: object = context.get("expected", "")
    if key == "http.invalid.choice":
        # pydantic joins the choices in English ("'da' or 'en'"): joined again in each language
        choices = re.split(r", | or ", str(expected))
        expected = Localized(**{lang: listing(choices, lang, "or") for lang in LANGUAGES})
    return key, {
        "detail": error.get("msg", ""),
        "limit": context.get("max_length", ""),
        "expected": expected,
    }


def http_message(status: int, detail: str) -> tuple[str, dict[str, object]]:
    """Starlette's own errors (no such route, wrong method) as a message key."""
    return _HTTP.get(status, "http.other"), {"status": status, "detail": detail}
