"""Assemble a plan: read rules files, resolve include, extends, override and remove, validate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Location, Problem, ProblemList, SourceError, problem_in
from ..messages import Message
from ..model import (
    Adoption,
    Body,
    CaseType,
    Category,
    Fact,
    Plan,
    Preamble,
    Section,
    SourceFile,
    Span,
    Thesaurus,
    building,
)
from .parse import Include, Override, ParsedFile, PlanHeader, PreamblePart, Remove, parse_text
from .sources import read_source, text_digest
from .validate import validate


@dataclass
class _Assembly:
    """Mutable state while merging files; becomes a frozen Plan at the end."""

    header: PlanHeader | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    default: str | None = None
    caveats: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    distinct: list[tuple[str, ...]] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    case_types: dict[str, CaseType] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    files: dict[Path, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    parsed: dict[str, ParsedFile] = field(default_factory=dict)  # file name -> the file as parsed
    problems: ProblemList = field(default_factory=ProblemList)

    def problem(
        self,
        key: str,
        args: Mapping[str, object],
        span: Span,
        hint: Message | None = None,
        *,
        code: str | None = None,
    ) -> None:
        self.problems.add(problem_in(key, args, span, self.texts, hint, code=code))


_KINDS: dict[type[Body | Fact | Section | Category | CaseType], str] = {
    Body: "bodies",
    Fact: "facts",
    Section: "sections",
    Category: "categories",
    CaseType: "case_types",
}
_NOUN = {
    "bodies": "noun.body",
    "facts": "noun.fact",
    "sections": "noun.section",
    "categories": "noun.category",
    "case_types": "noun.case_type",
}


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _apply(
    state: _Assembly, parsed: ParsedFile, path: Path, root: Path, stack: tuple[Path, ...], role: str
) -> None:
    for repeated in parsed.repeated:
        state.problem(
            "assemble.repeated",
            {"what": repeated.what},
            repeated.span,
            Message("assemble.repeated.hint"),
            code="DLG007",
        )
    for item in parsed.items:
        if isinstance(item, PlanHeader):
            if role == "include":
                state.problem(
                    "assemble.include_plan",
                    {},
                    item.span,
                    Message("assemble.include_plan.hint"),
                    code="DLG004",
                )
                continue
            state.header = item
            state.metadata.update(item.fields)
        elif isinstance(item, Include):
            _load_file(state, path.parent / item.path, root, stack, item.span, "include")
        elif isinstance(item, PreamblePart):
            state.default = item.default or state.default
            state.caveats.extend(item.caveats)
        elif isinstance(item, Thesaurus):
            state.synonyms.extend(item.synonyms)
            state.ignore.extend(item.ignore)
            state.distinct.extend(item.distinct)
        elif isinstance(item, Override):
            case = item.case
            if case.id not in state.case_types:
                state.problem(
                    "assemble.override",
                    {"case": case.id},
                    case.span,
                    Message("assemble.override.hint"),
                    code="DLG006",
                )
            state.case_types[case.id] = case
        elif isinstance(item, Remove):
            if state.case_types.pop(item.case_id, None) is None:
                state.problem("assemble.remove", {"case": item.case_id}, item.span, code="DLG006")
        else:
            table = getattr(state, _KINDS[type(item)])
            if item.id in table:
                first = table[item.id].span
                state.problem(
                    "assemble.duplicate",
                    {
                        "kind": Message(_NOUN[_KINDS[type(item)]]),
                        "id": item.id,
                        "first": f"{first.file}:{first.line}",
                    },
                    item.span,
                    Message("assemble.duplicate.hint") if isinstance(item, CaseType) else None,
                    code="DLG005",
                )
                continue
            table[item.id] = item


def _resolved(path: Path) -> Path:
    """The absolute path, or a SourceError when the name cannot be a file's."""
    try:
        return path.resolve()
    except (OSError, ValueError, RuntimeError) as error:  # a NUL byte in the name, a symlink loop
        raise SourceError(
            Problem("assemble.file_name", {"name": repr(path.name), "reason": str(error)}, code="DLG002")
        ) from None


def _load_file(
    state: _Assembly,
    path: Path,
    root: Path,
    stack: tuple[Path, ...],
    span: Span | None = None,
    role: str = "main",
    given: str | None = None,
) -> None:
    """Read one file and what it extends and includes; `span` is the directive that named it
    (None for the plan file itself, whose problems are raised rather than collected)."""
    try:
        path = _resolved(path)
        if span is not None and not path.is_relative_to(root.resolve()):
            # A plan reads only its own rules folder: "/etc/passwd" or "../../x" is refused by name,
            # and nothing of such a file is read, let alone echoed in an error.
            raise SourceError(
                Problem(
                    "assemble.outside",
                    {"name": _display(path, root), "root": str(root)},
                    hint=Message("assemble.outside.hint"),
                    code="DLG002",
                )
            )
        if path in stack:
            assert span is not None  # a file met again was named by a directive
            chain = " -> ".join(_display(p, root) for p in (*stack, path))
            state.problem("assemble.cycle", {"chain": chain}, span, code="DLG003")
            return
        text = given if given is not None else read_source(path, _display(path, root) if span else None)
    except SourceError as error:
        if span is None:
            raise
        first = error.problems[0]
        state.problem(first.key, first.args, span, first.hint, code="DLG002")
        return
    name = _display(path, root)
    state.texts[name] = text
    state.sources[name] = state.files[path] = text_digest(text.encode("utf-8"))
    parsed = _parse_cached(text, name)
    state.parsed[name] = parsed
    header = next((item for item in parsed.items if isinstance(item, PlanHeader)), None)
    if header and header.extends:
        _load_file(state, path.parent / header.extends, root, (*stack, path), header.span, "extends")
    _apply(state, parsed, path, root, (*stack, path), role)


@lru_cache(maxsize=256)
def _parse_cached(text: str, name: str) -> ParsedFile:
    """Parse each distinct file text once per process: plans B and C both build on plan A."""
    return parse_text(text, name)


def _in_time(fields: dict[str, Any]) -> dict[str, Any]:
    """The plan's status, period in force and adoption, as the Plan model takes them."""
    found: dict[str, Any] = {}
    if "status" in fields:
        found["status"] = fields["status"]
    if "in_force" in fields:
        found["in_force_from"], found["in_force_until"] = fields["in_force"]
    if "adoption" in fields:
        date, meeting, item = fields["adoption"]
        found["adoption"] = Adoption(date=date, meeting=meeting, item=item)
    return found


def load_plan(path: str | Path) -> Plan:
    """Load a plan file with everything it includes or extends, validated; raises DelegationError."""
    return load_plan_and_sources(path)[0]


def load_plan_and_sources(path: str | Path) -> tuple[Plan, dict[Path, str]]:
    """The plan, and the SHA-256 of every file it was built from (for the compiled-plan cache)."""
    assembled = assemble(path)
    assembled.problems.raise_if_any()
    assert assembled.plan is not None  # a file without a plan declaration is a problem, raised above
    return assembled.plan, assembled.files


@dataclass
class Assembled:
    """A plan as read, before anything is refused: `delegation check` reports all its problems."""

    plan: Plan | None  # None when no file declares a plan
    problems: ProblemList  # every include, merge and validation problem
    texts: dict[str, str]  # shown file name -> text, for every file read
    files: dict[Path, str]  # path -> SHA-256


def assemble(path: str | Path, text: str | None = None) -> Assembled:
    """Read, merge and validate a plan, collecting problems instead of raising them.

    `text`, when given, stands for the plan file's content (a plan composed in memory, checked
    against the folder it would be written to); what it includes or extends is read from disk.

    Raises only when the plan file itself cannot be read (SourceError) or a file does not parse
    (DslSyntaxError): then there is nothing to check further.
    """
    path = _resolved(Path(path))
    state = _Assembly()
    with building():
        _load_file(state, path, path.parent, (), given=text)
    header = state.header
    if header is None:
        state.problems.add(
            Problem(
                "assemble.no_plan",
                {},
                Location(_display(path, path.parent), 1, 1),
                Message("assemble.no_plan.hint"),
                code="DLG004",
            )
        )
        return Assembled(None, state.problems, state.texts, state.files)
    plan = Plan(
        id=header.id,
        title=state.metadata.get("title"),
        date=state.metadata.get("date"),
        source=state.metadata.get("source"),
        document=state.metadata.get("document"),
        municipality=state.metadata.get("municipality"),
        # Status, period and adoption are the plan's own, never inherited: a draft that extends an
        # adopted plan is still a draft.
        **_in_time(header.fields),
        preamble=Preamble(default=state.default, caveats=tuple(state.caveats)),
        thesaurus=Thesaurus(
            synonyms=tuple(state.synonyms),
            ignore=tuple(dict.fromkeys(state.ignore)),
            distinct=tuple(state.distinct),
        ),
        bodies=state.bodies,
        facts=state.facts,
        sections=state.sections,
        categories=state.categories,
        case_types=state.case_types,
        sources=tuple(SourceFile(path=name, sha256=digest) for name, digest in state.sources.items()),
        span=header.span,
    )
    for problem in validate(plan, state.texts, state.parsed):
        state.problems.add(problem)
    return Assembled(plan, state.problems, state.texts, state.files)
