"""The decision contract: what `decide` returns, serialised as JSON schema delegation.decision/2.

Plain frozen dataclasses, so that answering imports no pydantic: pydantic describes and validates
the contract at the boundaries (`delegation schema`, the service's models) through a TypeAdapter.
"""

from __future__ import annotations

from ..hints import TYPE_CHECKING, cast
from ..model import Basis, BodyKind, Channel, PlanStatus, When
from ..plandata import as_data
from ..records import assembled, field, field_names, record

if TYPE_CHECKING:
    from typing import Any, Final, Literal

DECISION_SCHEMA: Final = "delegation.decision/2"
# What an answer says, without its wording: a decision's and each band's fields that tell two
# answers apart (the decision log's replay, the ask page's "differs from plan A").
OUTCOME_FIELDS = (
    "covered",
    "case_type",
    "decides",
    "decides_if",
    "basis",
    "inform",
    "involve",
    "involve_if",
    "recommends",
)
BAND_FIELDS = ("condition", "decides", "decides_if", "basis", "inform", "involve", "involve_if", "recommends")

FactValue = int | float


@record
class InformOut:
    """A body to be told of the decision, when and how."""

    body: str
    when: When
    channel: Channel
    frequency: str | None = None  # periodic only: how often, in the plan's words ("årligt")


@record
class CaseRef:
    """The case type a decision is about: its id and title."""

    id: str
    title: str


@record
class RuleRef:
    """Where the rule that answered is written: file and line."""

    file: str
    line: int


@record
class SourceDigest:
    """A rules file the plan was built from and the SHA-256 of its text."""

    path: str
    sha256: str


@record
class RuleId:
    """The rule that answered: its id, file and line."""

    id: str
    file: str
    line: int


@record
class AdoptionRef:
    """The council decision that adopted the plan: date, meeting, agenda item."""

    date: str
    meeting: str
    item: str


@record
class Receipt:
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


@record
class BodyRef:
    """How a body is named, so that a case system shows an answer without the plan at hand."""

    id: str
    name: str  # "Økonomi- og Erhvervsudvalget"
    short: str | None = None  # "ØEU"
    kind: BodyKind
    head: str | None = None  # who decides for a department: "borgmesteren", "rådmanden"
    relative: bool = False  # "the department owning the case": concrete once it is named
    label: str  # as a sentence names it when it decides: "ØEU", "Borgmesteren (BA)"


@record
class Candidate:
    """A case type the text may mean, when it fits more than one."""

    id: str
    title: str
    score: float
    matched: tuple[str, ...] = ()  # the words of the text that fit it, as typed
    condition: str | None = None  # its thresholds, when it has rules only for some facts


@record
class KnownIn:
    """How another plan of the municipality answers a case type this plan does not list."""

    plan: str
    case_type: CaseRef
    decides: str | None = None
    decides_if: str | None = None
    basis: Basis | None = None
    depends_on: tuple[str, ...] = ()


@record
class Outcome:
    """Who decides and who is told: the part of a decision that varies between fact bands."""

    decides: str | None
    decides_if: str | None = None  # the plan's condition for the decision, in its own words
    basis: Basis | None
    inform: tuple[InformOut, ...] = ()
    involve: tuple[str, ...] = ()
    involve_if: str | None = None  # the plan's condition for the involvement, in its own words
    recommends: tuple[str, ...] = ()


@record
class Band(Outcome):
    """One fact range of a case type with its outcome, when a needed fact was not given."""

    condition: str
    example: dict[str, FactValue]
    rule: RuleRef | None = None
    citation: str | None = None
    answer: str = ""  # the band's outcome as one line in the chosen language


@record
class Decision:
    """The answer to "who decides this case, who must be informed, and why".

    Read-only, as everything a plan gives: decide copies a memoised decision per call, and the
    copies share their nested values (the bands and their examples, the names in `bodies`).
    """

    schema: Literal["delegation.decision/2"] = DECISION_SCHEMA
    plan: str
    query: str
    facts: dict[str, FactValue] = field(default_factory=dict)
    covered: bool
    case_type: CaseRef | None = None
    decides: str | None = None
    decides_if: str | None = None
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
    bodies: dict[str, BodyRef] = field(default_factory=dict)
    # Added after those: the department read as the sender at the start of the case text ("MTM -
    # ..."), which has the case where the caller names none.
    department_from_text: str | None = None

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    def to_json(self, indent: int | None = 2) -> str:
        """The stable JSON form: the keys of delegation.decision/2, in contract order (the same
        bytes as pydantic's serialiser of the contract, tests/test_evaluate_properties.py)."""
        import json  # here: a decide printed for a person never needs it

        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON data: enums as their values, tuples as lists."""
        return cast("dict[str, Any]", as_data(self))


def answered(
    template: Decision, query: str, facts: dict[str, FactValue], explanation: tuple[str, ...] | None = None
) -> Decision:
    """`template` asked as `query` with `facts`: decide's hot path memoises one decision per rule
    and fills in only these fields per call (records.assembled: no __init__ and its checks)."""
    if explanation is None:
        return assembled(Decision, template.__dict__, query=query, facts=facts)
    return assembled(Decision, template.__dict__, query=query, facts=facts, explanation=explanation)


def copied_with(template: Decision, changes: dict[str, Any]) -> Decision:
    """`template` with some fields replaced by values of their own type, as `answered` does it."""
    unknown = changes.keys() - set(field_names(Decision) or ())
    if unknown:
        raise TypeError(f"not fields of a decision: {sorted(unknown)}")
    return assembled(Decision, template.__dict__, **changes)
