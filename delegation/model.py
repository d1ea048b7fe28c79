"""The plan model: frozen dataclasses with source spans, built by parse and load (pydantic-free)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import cache, cached_property, partial

from .hints import TYPE_CHECKING, NamedTuple, cast
from .records import field, record

if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any, Literal

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

    from .engine.decision import Decision


@cache
def _evaluate() -> ModuleType:
    """delegation.evaluate, imported on first use because it imports this module. A cached import:
    an import statement in Plan.decide costs a microsecond on every call."""
    from .engine import evaluate

    return evaluate


@contextmanager
def building() -> Iterator[None]:
    """Pause the cycle collector while many objects that form no cycles are made: a whole plan's
    (a load, a cache read) or a case file's (analysis/workload.py).

    On a plan of 10.000 case types the collector's repeated passes over the growing heap cost a
    fifth of the load; weighing 100.000 rows against three plans, 13 full collections walked every
    row and index (2-3 s of 15). Reference counting still frees memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Straight to the oldest generation (freeze, then unfreeze into it), so the first young
        # collection after this does not walk the whole plan at once. This moves every object
        # alive in the process, not only the plan's; full collections still see them all. Not in
        # a process that froze its heap (a service, service/store.settle_heap): unfreezing would
        # thaw the plans it serves, and a reload's replaced plans were then never collected.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


class Span(NamedTuple):
    """Where a construct starts in its rules file (1-based).

    A named tuple, not a model: a plan of 10.000 case types has 56.000 of them. Model fields take
    it as it is (an instance check, not three fields validated again), and it is written out and
    described as the object {"file", "line", "column"}.
    """

    file: str
    line: int
    column: int

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema as cs

        fields = cs.typed_dict_schema(
            {
                "file": cs.typed_dict_field(cs.str_schema()),
                "line": cs.typed_dict_field(cs.int_schema()),
                "column": cs.typed_dict_field(cs.int_schema()),
            },
            extra_behavior="forbid",
        )
        return cs.union_schema(
            [
                cs.is_instance_schema(cls),
                cs.no_info_after_validator_function(lambda data: cls(**data), fields),
            ],
            mode="left_to_right",
            ref=f"{cls.__module__}.{cls.__qualname__}",
            serialization=cs.plain_serializer_function_ser_schema(cls._asdict),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "additionalProperties": False,
            "description": cast(str, cls.__doc__).splitlines()[0],
            "properties": {
                "file": {"title": "File", "type": "string"},
                "line": {"title": "Line", "type": "integer"},
                "column": {"title": "Column", "type": "integer"},
            },
            "required": ["file", "line", "column"],
            "title": "Span",
            "type": "object",
        }


# A span from (file, line, column) by tuple.__new__, in C: the named tuple's own __new__ is a
# Python function, and a plan of 10.000 case types reads or writes 55.000 spans.
new_span = cast("Callable[[tuple[str, int, int]], Span]", partial(tuple.__new__, Span))


class Basis(StrEnum):
    lovbestemt = "lovbestemt"
    byraadsbestemt = "byraadsbestemt"
    praksis = "praksis"
    procedurekrav = "procedurekrav"
    default = "default"


class When(StrEnum):
    before = "before"
    after = "after"
    periodic = "periodic"


class Channel(StrEnum):
    meeting = "meeting"
    mail = "mail"
    unspecified = "unspecified"


class BodyKind(StrEnum):
    council = "council"
    executive = "executive"
    department = "department"
    committee = "committee"
    group = "group"


class PlanStatus(StrEnum):
    """Where a plan stands: a draft (the default), adopted by the council, or repealed."""

    draft = "draft"
    adopted = "adopted"
    repealed = "repealed"


@record
class Adoption:
    """The council decision that adopted a plan: its date, the meeting and the agenda item."""

    date: str
    meeting: str
    item: str


@record
class Fact:
    """A fact a rule can ask about (an amount, a number of persons), with its label and unit."""

    id: str
    label: str
    unit: str | None = None
    integer: bool = False
    span: Span


@record
class Body:
    """A body that can decide, be briefed or be involved.

    A *relative* body stands for "the one that fits the case" (the relevant standing committee,
    the department owning the case) and is resolved when the caller names the department.
    """

    id: str
    name: str
    kind: BodyKind
    short: str | None = None
    head: str | None = None
    committee: str | None = None
    areas: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    relative: bool = False
    delegates_to: tuple[str, ...] = ()
    span: Span

    @property
    def label(self) -> str:
        return self.short or self.name


@record
class Section:
    """A section of the plan (a chapter of the document), owned by the body with default competence."""

    id: str
    title: str
    owner: str
    span: Span


@record
class Category:
    """A group of case types within a section, as the plan document heads them."""

    id: str
    title: str
    span: Span


@record
class Quantity:
    """A number as the rules write it (500.000 kr., 5 personer), with its unit."""

    value: float
    unit: str | None = None
    span: Span


@record
class Compare:
    """A condition on one fact against a quantity ("amount > 500.000 kr.")."""

    kind: Literal["compare"] = "compare"
    fact: str
    op: Literal[">", ">=", "<", "<="]
    value: Quantity
    span: Span


@record
class Between:
    """An inclusive range, as the plans write "250.000-500.000 kr."."""

    kind: Literal["between"] = "between"
    fact: str
    low: Quantity
    high: Quantity
    span: Span


@record
class AllOf:
    """A condition that holds when every one of its conditions does."""

    kind: Literal["all_of"] = "all_of"
    items: tuple[Condition, ...]
    span: Span


@record
class AnyOf:
    """A condition that holds when at least one of its conditions does."""

    kind: Literal["any_of"] = "any_of"
    items: tuple[Condition, ...]
    span: Span


Condition = Compare | Between | AllOf | AnyOf  # a run-time alias: pydantic and plandata read it


@record
class Inform:
    """A body to be told of the decision, when (before, after, periodically) and how."""

    body: str
    when: When
    channel: Channel = Channel.unspecified
    frequency: str | None = None  # periodic only: how often, in the plan's words ("årligt", "hvert kvartal")


@record
class Citation:
    """The plan's own words for a rule: the headings above them and the sentence, verbatim."""

    path: tuple[str, ...]
    text: str
    span: Span


@record
class Rule:
    """One outcome of a case type under a condition on facts (or always)."""

    id: str
    when: Condition | None = None
    decides: str | None = None
    # The plan's own condition for the decision, when it is not a fact ("ved uenighed i
    # direktørgruppen"): said with the answer, never decided by the engine.
    decides_if: str | None = None
    basis: Basis | None = None
    inform: tuple[Inform, ...] = ()
    involve: tuple[str, ...] = ()
    # The plan's own condition for the involvement, when it is not a fact ("sager af kompliceret og
    # kontroversiel karakter ..."): said with the answer, never decided by the engine.
    involve_if: str | None = None
    recommends: tuple[str, ...] = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    body_spans: dict[str, Span] = field(default_factory=dict)
    span: Span


@record
class CaseType:
    """A type of case the plan names, with its titles, place in the plan and rules."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    # Ids this case type had in earlier versions of the rules: case systems store ids, so an old
    # id keeps resolving (to this case type, with a note saying so).
    formerly: tuple[str, ...] = ()
    section: str | None = None
    category: str | None = None
    department: str | None = None
    kle: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    span: Span


@record
class Example:
    """A rule test: a case type, facts, and the outcome the plan gives them (`delegation test`).

    Not part of a plan: examples are read from the rules files and their `*_test.dlg` companions.
    """

    case: str
    facts: dict[str, Quantity] = field(default_factory=dict)
    department: str | None = None
    decides: str | None = None
    basis: Basis | None = None
    inform: tuple[Inform, ...] = ()
    involve: tuple[str, ...] = ()
    recommends: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    span: Span


@record
class Preamble:
    """The plan's general rules: who decides what no rule names, and its caveats."""

    default: str | None = None
    caveats: tuple[str, ...] = ()


@record
class Thesaurus:
    """The words people use for the plan's words: each synonym group's terms (words or phrases,
    English ones too) stand for one another; ignored words (question words, decision verbs,
    case-system filler) carry no weight when a text is matched to a case type; each distinct
    group's terms name different things ("kommunalvalg", "folketingsvalg")."""

    synonyms: tuple[tuple[str, ...], ...] = ()
    ignore: tuple[str, ...] = ()
    distinct: tuple[tuple[str, ...], ...] = ()


@record
class SourceFile:
    """A rules file a plan was built from, with the SHA-256 of its text."""

    path: str
    sha256: str


@record
class Plan:
    """A whole delegation plan, with everything it includes or extends merged in."""

    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    document: str | None = None
    municipality: str | None = None
    # The plan in time: a draft has no period in force; an adopted (or since repealed) plan is in
    # force from `in_force_from` to `in_force_until`, both days included (no end: until further).
    status: PlanStatus = PlanStatus.draft
    in_force_from: str | None = None
    in_force_until: str | None = None
    adoption: Adoption | None = None
    preamble: Preamble = field(default_factory=Preamble)
    thesaurus: Thesaurus = field(default_factory=Thesaurus)
    bodies: dict[str, Body] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    case_types: dict[str, CaseType] = field(default_factory=dict)
    sources: tuple[SourceFile, ...] = ()
    span: Span

    @cached_property
    def memo(self) -> dict[object, Any]:
        """Derived tables and answers computed once per plan object (never part of its value).

        A cached property, not a field: it stays out of equality, the JSON form and the schema,
        and once made it is a plain instance attribute, as fast as any on decide's hot path.
        """
        return {}

    def decide(
        self,
        case: str,
        *,
        department: str | None = None,
        lang: str = "da",
        kle: str | None = None,
        **facts: object,
    ) -> Decision:
        """Who decides `case` with these facts (amount=600_000, persons="5"); see evaluate.decide."""
        return cast(
            "Decision", _evaluate().decide(self, case, facts, department=department, lang=lang, kle=kle)
        )

    def cases(self, search: str | None = None) -> list[CaseType]:
        """The plan's case types in plan order, or those matching `search`, best first."""
        if not search:
            return list(self.case_types.values())
        from .engine.resolve import search_cases

        return search_cases(self, search)

    def owner_of(self, case: CaseType) -> str | None:
        """The body with default competence for a case type: its department or its section's owner."""
        if case.department:
            return case.department
        section = self.sections.get(case.section or "")
        return section.owner if section else None
