"""The directives a rules file declares besides its plan's parts: plan header, include, override,
remove, preamble, and a field given twice (the parser's builder makes them; the assembler reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Body, CaseType, Category, Fact, Section, Span, Thesaurus

if TYPE_CHECKING:
    from typing import TypeAlias


@dataclass(frozen=True)
class PlanHeader:
    id: str
    extends: str | None
    fields: dict[str, Any]
    span: Span


@dataclass(frozen=True)
class Include:
    path: str
    span: Span


@dataclass(frozen=True)
class Override:
    case: CaseType


@dataclass(frozen=True)
class Remove:
    case_id: str
    span: Span


@dataclass(frozen=True)
class PreamblePart:
    default: str | None
    caveats: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Repeated:
    """A field given twice where once is allowed; reported by validation, not here."""

    what: str
    span: Span


if TYPE_CHECKING:
    # What a rules file declares, in order (examples are kept apart, in ParsedFile.examples).
    Item: TypeAlias = (
        PlanHeader
        | Include
        | Override
        | Remove
        | PreamblePart
        | Thesaurus
        | Body
        | Fact
        | Section
        | Category
        | CaseType
    )
