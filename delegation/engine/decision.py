"""The decision contract: what `decide` returns, serialised as JSON schema delegation.decision/2."""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Basis, BodyKind, Channel, PlanStatus, When

DECISION_SCHEMA: Final = "delegation.decision/2"

FactValue = int | float


class _Contract(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=True, defer_build=True)


class InformOut(_Contract):
    body: str
    when: When
    channel: Channel


class CaseRef(_Contract):
    id: str
    title: str


class RuleRef(_Contract):
    file: str
    line: int


class SourceDigest(_Contract):
    path: str
    sha256: str


class RuleId(_Contract):
    id: str
    file: str
    line: int


class AdoptionRef(_Contract):
    """The council decision that adopted the plan: date, meeting, agenda item."""

    date: str
    meeting: str
    item: str


class Receipt(_Contract):
    """What a case file keeps to prove later what the rules said when the answer was given."""

    plan: str
    rules_sha256: str
    # The folder the plan was read from: its full path in the process that loaded it; over HTTP
    # only the folder's name (docs/security.md). None for a plan not read from a file.
    rules_folder: str | None = None
    sources: tuple[SourceDigest, ...]
    engine: str
    rule: RuleId | None = None
    citation: str | None = None
    # The plan in time (added after the keys above): its status, its period in force (both days
    # included) and the council decision that adopted it.
    status: PlanStatus = PlanStatus.draft
    in_force_from: str | None = None
    in_force_until: str | None = None
    adoption: AdoptionRef | None = None
    # The day the caller asked about, as given (None when none was), and whether the plan was in
    # force on it (on the day of the answer when no day was given); None when the caller asked
    # one plan without asking about time (Plan.decide, `--plan` alone).
    as_of: str | None = None
    in_force: bool | None = None


class BodyRef(_Contract):
    """How a body is named, so that a case system shows an answer without the plan at hand."""

    id: str
    name: str  # "Økonomi- og Erhvervsudvalget"
    short: str | None = None  # "ØEU"
    kind: BodyKind
    head: str | None = None  # who decides for a department: "borgmesteren", "rådmanden"
    relative: bool = False  # "the department owning the case": concrete once it is named
    label: str  # as a sentence names it when it decides: "ØEU", "Borgmesteren (BA)"


class Candidate(_Contract):
    id: str
    title: str
    score: float
    matched: tuple[str, ...] = ()  # the words of the text that fit it, as typed
    condition: str | None = None  # its thresholds, when it has rules only for some facts


class KnownIn(_Contract):
    """How another plan of the municipality answers a case type this plan does not list."""

    plan: str
    case_type: CaseRef
    decides: str | None = None
    basis: Basis | None = None
    depends_on: tuple[str, ...] = ()


class Outcome(_Contract):
    """Who decides and who is told: the part of a decision that varies between fact bands."""

    decides: str | None
    basis: Basis | None
    inform: tuple[InformOut, ...] = ()
    involve: tuple[str, ...] = ()
    involve_if: str | None = None  # the plan's condition for the involvement, in its own words
    recommends: tuple[str, ...] = ()


class Band(Outcome):
    """One fact range of a case type with its outcome, when a needed fact was not given."""

    condition: str
    example: dict[str, FactValue]
    rule: RuleRef | None = None
    citation: str | None = None
    answer: str = ""  # the band's outcome as one line in the chosen language


class Decision(_Contract):
    """The answer to "who decides this case, who must be informed, and why"."""

    schema_: Literal["delegation.decision/2"] = Field(default=DECISION_SCHEMA, alias="schema")
    plan: str
    query: str
    facts: dict[str, FactValue] = Field(default_factory=dict)
    covered: bool
    case_type: CaseRef | None = None
    decides: str | None = None
    basis: Basis | None = None
    inform: tuple[InformOut, ...] = ()
    involve: tuple[str, ...] = ()
    involve_if: str | None = None
    recommends: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    outcomes: tuple[Band, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    # Only when the plan does not list the case: the department whose area the text fits (a
    # guess, never the answer), and the plans of the municipality that do list it.
    suggested_department: str | None = None
    known_in: tuple[KnownIn, ...] = ()
    # Facts read from the case text ("75 mio. kr.") rather than given as options.
    facts_from_text: tuple[str, ...] = ()
    rule: RuleRef | None = None
    citation: str | None = None
    explanation: tuple[str, ...] = ()
    receipt: Receipt | None = None
    # Added after the receipt (still delegation.decision/2): the answer as one line in the chosen
    # language, and the names of every body the decision names, by id.
    answer: str = ""
    bodies: dict[str, BodyRef] = Field(default_factory=dict)

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=True, populate_by_name=True, defer_build=True
    )

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    def to_json(self, indent: int | None = 2) -> str:
        """The stable JSON form: the keys of delegation.decision/2, in contract order."""
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def answered(
    template: Decision, query: str, facts: dict[str, FactValue], explanation: tuple[str, ...] | None = None
) -> Decision:
    """`template` asked as `query` with `facts`: decide's hot path memoises one decision per rule
    and fills in only these two fields per call.

    The same as template.model_copy(update=...) at half its cost: a new instance with a copy of
    the fields and the pydantic state model_construct gives a model: the fields set (the
    template's own set, which names query and facts already; pydantic changes only copies of
    it, and a Decision is frozen), no extra fields, no private attributes.
    """
    fields = template.__dict__.copy()
    fields["query"] = query
    fields["facts"] = facts
    if explanation is not None:
        fields["explanation"] = explanation
    return _made(fields, template.__pydantic_fields_set__)


def copied_with(template: Decision, changes: dict[str, Any]) -> Decision:
    """`template` with some fields replaced by values of their own type, as `answered` does it
    (the service's receipt without the server's paths): model_copy at a fraction of its cost."""
    fields = template.__dict__.copy()
    fields.update(changes)
    return _made(fields, template.__pydantic_fields_set__ | changes.keys())


def _made(fields: dict[str, Any], fields_set: set[str]) -> Decision:
    copied = Decision.__new__(Decision)
    _set = object.__setattr__
    _set(copied, "__dict__", fields)
    _set(copied, "__pydantic_fields_set__", fields_set)
    _set(copied, "__pydantic_extra__", None)
    _set(copied, "__pydantic_private__", None)
    return copied
