"""The plan model: frozen pydantic objects with source spans, built by parse and load."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Union, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    from types import ModuleType

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
    """Pause the cycle collector while a whole plan's objects are made (a load, a cache read).

    They form no reference cycles, and on a plan of 10.000 case types the collector's repeated
    passes over the growing heap cost a fifth of the load. Reference counting still frees memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Straight to the oldest generation (freeze, then unfreeze into it), so the first young
        # collection after this does not walk the whole plan at once. This moves every object
        # alive in the process, not only the plan's; full collections still see them all.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


class Frozen(BaseModel):
    # Validators are built on first use (or by build_validators): a plan read from the compiled
    # cache is unpickled without them, so `delegation decide` never pays for building them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


class Basis(str, Enum):
    lovbestemt = "lovbestemt"
    byraadsbestemt = "byraadsbestemt"
    praksis = "praksis"
    procedurekrav = "procedurekrav"
    default = "default"


class When(str, Enum):
    before = "before"
    after = "after"
    periodic = "periodic"


class Channel(str, Enum):
    meeting = "meeting"
    mail = "mail"
    unspecified = "unspecified"


class BodyKind(str, Enum):
    council = "council"
    executive = "executive"
    department = "department"
    committee = "committee"
    group = "group"


class PlanStatus(str, Enum):
    """Where a plan stands: a draft (the default), adopted by the council, or repealed."""

    draft = "draft"
    adopted = "adopted"
    repealed = "repealed"


class Adoption(Frozen):
    """The council decision that adopted a plan: its date, the meeting and the agenda item."""

    date: str
    meeting: str
    item: str


class Fact(Frozen):
    id: str
    label: str
    unit: str | None = None
    integer: bool = False
    span: Span


class Body(Frozen):
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


class Section(Frozen):
    id: str
    title: str
    owner: str
    span: Span


class Category(Frozen):
    id: str
    title: str
    span: Span


class Quantity(Frozen):
    value: float
    unit: str | None = None
    span: Span


class Compare(Frozen):
    kind: Literal["compare"] = "compare"
    fact: str
    op: Literal[">", ">=", "<", "<="]
    value: Quantity
    span: Span


class Between(Frozen):
    """An inclusive range, as the plans write "250.000-500.000 kr."."""

    kind: Literal["between"] = "between"
    fact: str
    low: Quantity
    high: Quantity
    span: Span


class AllOf(Frozen):
    kind: Literal["all_of"] = "all_of"
    items: tuple[Condition, ...]
    span: Span


class AnyOf(Frozen):
    kind: Literal["any_of"] = "any_of"
    items: tuple[Condition, ...]
    span: Span


Condition = Union[Compare, Between, AllOf, AnyOf]  # noqa: UP007 - a runtime alias pydantic reads


class Inform(Frozen):
    body: str
    when: When
    channel: Channel = Channel.unspecified


class Citation(Frozen):
    path: tuple[str, ...]
    text: str
    span: Span


class Rule(Frozen):
    """One outcome of a case type under a condition on facts (or always)."""

    id: str
    when: Condition | None = None
    decides: str | None = None
    basis: Basis | None = None
    inform: tuple[Inform, ...] = ()
    involve: tuple[str, ...] = ()
    # The plan's own condition for the involvement, when it is not a fact ("sager af kompliceret og
    # kontroversiel karakter ..."): said with the answer, never decided by the engine.
    involve_if: str | None = None
    recommends: tuple[str, ...] = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    body_spans: dict[str, Span] = Field(default_factory=dict)
    span: Span


class CaseType(Frozen):
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


class Example(Frozen):
    """A rule test: a case type, facts, and the outcome the plan gives them (`delegation test`).

    Not part of a plan: examples are read from the rules files and their `*_test.dlg` companions.
    """

    case: str
    facts: dict[str, Quantity] = Field(default_factory=dict)
    department: str | None = None
    decides: str | None = None
    basis: Basis | None = None
    inform: tuple[Inform, ...] = ()
    involve: tuple[str, ...] = ()
    recommends: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    span: Span


class Preamble(Frozen):
    default: str | None = None
    caveats: tuple[str, ...] = ()


class Thesaurus(Frozen):
    """The words people use for the plan's words: each synonym group's terms (words or phrases,
    English ones too) stand for one another; ignored words (question words, decision verbs,
    case-system filler) carry no weight when a text is matched to a case type."""

    synonyms: tuple[tuple[str, ...], ...] = ()
    ignore: tuple[str, ...] = ()


class SourceFile(Frozen):
    path: str
    sha256: str


class Plan(Frozen):
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
    preamble: Preamble = Field(default_factory=Preamble)
    thesaurus: Thesaurus = Field(default_factory=Thesaurus)
    bodies: dict[str, Body] = Field(default_factory=dict)
    facts: dict[str, Fact] = Field(default_factory=dict)
    sections: dict[str, Section] = Field(default_factory=dict)
    categories: dict[str, Category] = Field(default_factory=dict)
    case_types: dict[str, CaseType] = Field(default_factory=dict)
    sources: tuple[SourceFile, ...] = ()
    span: Span
    # Derived lookup tables (built on first use by resolve); not part of the model's value.
    _memo: dict[object, Any] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        # The memo is derived from the fields (and a cached plan arrives with its index in it):
        # two plans are equal when their fields are.
        return isinstance(other, Plan) and self.__dict__ == other.__dict__

    __hash__ = Frozen.__hash__

    @property
    def memo(self) -> dict[object, Any]:
        """Derived tables and answers computed once per plan object (never part of its value).

        Read straight from pydantic's private storage: attribute access to a private attribute
        goes through a slow __getattr__, and this sits on decide's hot path.
        """
        private = cast("dict[str, dict[object, Any]]", self.__pydantic_private__)
        return private["_memo"]

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


def build_validators() -> None:
    """Build every plan model's validator now (the parser does, before it makes thousands of them)."""
    pending = [Frozen]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        model.model_rebuild()
