"""Compose a compromise plan: a base plan with chosen case types answered as other plans answer them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, count
from pathlib import Path

from ..engine.registry import declared_plan, load, plan_files, plan_path
from ..errors import InputError, Problem, checked_lang, did_you_mean
from ..i18n import text as phrase
from ..language.assemble import assemble
from ..language.fmt import format_text
from ..language.parse import parse_text
from ..language.sources import built_from, read_source
from ..messages import Message
from ..model import CaseType, Example, Plan
from .ruletest import companion

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Composition:
    """A composed plan: its rules text (to be written beside the base plan's file), its examples,
    which plan each chosen case type answers as, and the plan itself, assembled and validated."""

    plan: Plan
    base: Plan
    base_file: Path
    text: str
    tests: str
    chosen: dict[str, str]  # case type id -> the plan it is taken from
    file_name: str = ""
    removed: tuple[str, ...] = field(default=())


def parse_take(spec: str, lang: str = "da") -> tuple[str, list[str]]:
    """ "A:erhvervsplan,oekonomisk_politik" -> ("A", ["erhvervsplan", "oekonomisk_politik"])."""
    plan, colon, ids = spec.partition(":")
    chosen = [part.strip() for part in ids.split(",") if part.strip()]
    if not colon or not plan.strip() or not chosen:
        raise InputError(
            Problem(
                "compose.take_form",
                dict(spec=spec),
                hint=Message("compose.take_hint"),
                field="take",
            )
        )
    return plan.strip(), chosen


def _selection(base: Plan, source: Plan, wanted: str, lang: str = "da") -> list[str]:
    """The case type ids one --take id stands for: a case type, or every case type of a list
    (section) or category in either plan."""
    if wanted in source.case_types or wanted in base.case_types:
        return [wanted]
    found = [
        case_id
        for case_id in dict.fromkeys([*source.case_types, *base.case_types])
        if wanted
        in (
            (source.case_types.get(case_id) or base.case_types[case_id]).section,
            (source.case_types.get(case_id) or base.case_types[case_id]).category,
        )
    ]
    if found or wanted in source.sections or wanted in source.categories:
        return found
    known = [*source.case_types, *base.case_types, *source.sections, *source.categories]
    raise InputError(
        Problem(
            "compose.unknown_id",
            dict(id=wanted, plan=source.id),
            hint=did_you_mean(wanted, dict.fromkeys(known)) or Message("compose.see_cases", plan=source.id),
            field="take",
        )
    )


def _block(text: str, line: int, column: int) -> str:
    """The text of the declaration starting at (line, column), with the comment lines right above it,
    up to its closing brace (braces inside strings and comments do not count)."""
    lines = text.split("\n")
    start = sum(len(item) + 1 for item in lines[: line - 1]) + column - 1
    first = line - 1
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    head = sum(len(item) + 1 for item in lines[:first])
    depth, index, opened = 0, start, False
    while index < len(text):
        char = text[index]
        if char == '"':
            string = _STRING.match(text, index)
            if string is None:
                break
            index = string.end() - 1
        elif char == "#":
            index = text.find("\n", index)
            if index < 0:
                break
        elif char == "{":
            depth, opened = depth + 1, True
        elif char == "}":
            depth -= 1
            if opened and depth == 0:
                return text[head : index + 1]
        index += 1
    raise InputError(Problem("compose.bad_declaration", {"line": line}))


def _case_text(plan: Plan, case: CaseType, keyword: str) -> str:
    """The case type as its plan's file writes it, declared with `keyword` (case or override case)."""
    root = _root(plan)
    source = built_from(root, case.span.file, {file.path: file.sha256 for file in plan.sources})
    if source is None:  # the file changed since the plan was read: its lines are another plan's
        raise InputError(Problem("compose.source_changed", {"plan": plan.id, "file": case.span.file}))
    block = _block(source, case.span.line, case.span.column)
    body_at = re.search(r"^[ \t]*(?:override\s+)?case\s+(?=" + re.escape(case.id) + r"\b)", block, re.M)
    assert body_at is not None  # the span points at the declaration
    return block[: body_at.start()] + keyword + " " + block[body_at.end() :]


def _root(plan: Plan) -> Path:
    path = plan.memo.get("path")
    if path is None:
        raise InputError(Problem("compose.not_from_file", {"plan": plan.id}))
    return Path(path).parent


def _examples(plan: Plan, case: CaseType) -> list[str]:
    """The examples written for this case type beside the file that defines it in `plan`."""
    defined_in = _root(plan) / case.span.file
    found = []
    for path in (defined_in, companion(defined_in)):
        if not path.is_file():
            continue
        source = read_source(path)
        for example in _examples_in(source, str(path)):
            if example.case == case.id:
                found.append(_block(source, example.span.line, example.span.column))
    return found


@lru_cache(maxsize=32)
def _examples_in(text: str, name: str) -> tuple[Example, ...]:
    """A file's examples, parsed once per text: a list of twenty case types asks for them twenty
    times (composing took 0.7 s, nine tenths of it parsing plan_a_test.dlg again and again)."""
    return tuple(parse_text(text, name).examples)


def free_plan_id(taken: Sequence[str], folder: Path | None = None) -> str:
    """An id for a composed plan that no plan in `taken` (nor in `folder`) has, and whose file
    (plan_<id>.dlg) is not there yet: the letter after the last one-letter id (D after A, B, C),
    else the next free letter, else a numbered one."""
    used = {key.lower() for key in (*taken, *(plan_files(folder) if folder else ()))}
    letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    singles = sorted(key.upper() for key in used if len(key) == 1 and key.isalpha())
    start = letters.index(singles[-1]) + 1 if singles else 0
    numbered = (f"P{n}" for n in count(2))  # endless: a free id is always found
    for candidate in chain(letters[start:], letters[:start], numbered):
        if candidate.lower() not in used and not (
            folder and (folder / f"plan_{candidate.lower()}.dlg").exists()
        ):
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def _loaded(plan: str | Path | Plan, rules_dir: str | Path | None) -> tuple[Plan, Path]:
    """The plan (loaded by id or path, or as given) and the rules file it was loaded from."""
    if isinstance(plan, Plan):
        path = plan.memo.get("path")
        if path is None:
            raise InputError(Problem("compose.not_from_file", {"plan": plan.id}))
        return plan, Path(path)
    return load(plan, rules_dir), Path(plan_path(plan, rules_dir))


def compose(
    base: str | Path | Plan,
    takes: Sequence[tuple[str | Plan, Sequence[str]]] | Mapping[str, Sequence[str]],
    *,
    plan_id: str | None = None,
    title: str | None = None,
    rules_dir: str | Path | None = None,
    lang: str = "da",
) -> Composition:
    """Plan `plan_id`: `base`, with each chosen case type (or every case type of a chosen list or
    category) as the plan it is taken from has it: overridden, added, or removed where that plan
    lacks it; without `plan_id`, the first id the folder's plans leave free (D beside A, B, C).
    Raises InputError (with suggestions) for an unknown plan, case type, list or category.
    """
    lang = checked_lang(lang)
    if plan_id is not None and not _ID.match(plan_id):
        raise InputError(Problem("compose.bad_id", dict(id=plan_id), field="id"))
    base_plan, base_file = _loaded(base, rules_dir)
    pairs: list[tuple[str | Plan, Sequence[str]]] = (
        list(takes.items()) if isinstance(takes, Mapping) else list(takes)
    )
    chosen: dict[str, str] = {}
    sources: dict[str, Plan] = {}
    for source_id, ids in pairs:
        source = _loaded(source_id, rules_dir)[0]
        sources[source.id] = source
        for wanted in ids:
            for case_id in _selection(base_plan, source, wanted, lang):
                if chosen.get(case_id, source.id) != source.id:
                    raise InputError(
                        Problem(
                            "compose.twice",
                            {"case": case_id, "first": chosen[case_id], "second": source.id},
                            field="take",
                        )
                    )
                chosen[case_id] = source.id
    if plan_id is None:
        plan_id = free_plan_id([base_plan.id, *sources], base_file.parent)
    if plan_id.lower() in {key.lower() for key in (base_plan.id, *sources, *plan_files(base_file.parent))}:
        raise InputError(Problem("compose.same_id", dict(id=plan_id), field="id"))
    parts, tests, removed = [], [], []
    for case_id, source_id in chosen.items():
        source = sources[source_id]
        case = source.case_types.get(case_id)
        mine = base_plan.case_types.get(case_id)
        if case is None:
            parts.append(f"# {phrase(lang, 'compose.removed_from', plan=source_id)}\nremove case {case_id}")
            removed.append(case_id)
            continue
        if case == mine:
            continue  # the base plan already has it word for word (B inherits most of A)
        keyword = "override case" if mine is not None else "case"
        where = f"{case.span.file}:{case.span.line}"
        parts.append(
            f"# {phrase(lang, 'compose.taken_from', plan=source_id, where=where)}\n"
            + _case_text(source, case, keyword)
        )
        tests.extend(_examples(source, case))
    by_plan: dict[str, list[str]] = {}
    for case_id, source_id in chosen.items():
        by_plan.setdefault(source_id, []).append(case_id)
    summary = "; ".join(f"{pid}: {', '.join(ids)}" for pid, ids in by_plan.items())
    heading = title or (
        phrase(lang, "compose.title", id=plan_id, base=base_plan.id, plans=", ".join(by_plan))
        if by_plan
        else phrase(lang, "compose.title_unchanged", id=plan_id, base=base_plan.id)
    )
    source_line = (
        phrase(lang, "compose.source", base=base_plan.id, plans=", ".join(by_plan))
        if by_plan
        else phrase(lang, "compose.source_unchanged", base=base_plan.id)
    )
    header = (
        f"# {phrase(lang, 'compose.header', id=plan_id, base=base_plan.id)}\n"
        f"# {phrase(lang, 'compose.taken', summary=summary or '-')}\n\n"
        f'plan {plan_id} extends "{base_file.name}" {{\n'
        f'  title "{_quoted(heading)}"\n'
        f'  source "{_quoted(source_line)}"\n'
        + (f'  municipality "{_quoted(base_plan.municipality)}"\n' if base_plan.municipality else "")
        + "}\n"
    )
    file_name = f"plan_{plan_id.lower()}.dlg"
    rules = format_text(header + "\n" + "\n\n".join(parts) + "\n", file_name)
    test_text = (
        format_text(
            f"# {phrase(lang, 'compose.tests_header', id=plan_id)}\n\n" + "\n\n".join(tests) + "\n",
            companion(Path(file_name)).name,
        )
        if tests
        else ""
    )
    assembled = assemble(base_file.parent / file_name, rules)
    assembled.problems.raise_if_any()
    assert assembled.plan is not None  # the header above declares the plan
    assembled.plan.memo["path"] = str(base_file.parent / file_name)
    return Composition(
        plan=assembled.plan,
        base=base_plan,
        base_file=base_file,
        text=rules,
        tests=test_text,
        chosen=chosen,
        file_name=file_name,
        removed=tuple(removed),
    )


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def write_composition(composition: Composition, output: str | Path, lang: str = "da") -> list[Path]:
    """Write the composed plan (and its examples beside it); a plan extends only files in its own
    folder, so when `output` is elsewhere the base plan's files are copied there too (never over a
    different file). Returns the files written; the written plan is loaded again as a check."""
    from ..language.assemble import load_plan

    target = Path(output).resolve()
    folder = target.parent
    if not folder.is_dir():
        raise InputError(Problem("compose.no_folder", {"folder": folder}, field="output"))
    root = composition.base_file.parent.resolve()
    needed = [root / source.path for source in composition.base.sources]
    needed += [companion(path) for path in needed if companion(path).is_file()]
    copies = {folder / path.relative_to(root): path for path in needed}
    if (
        target in copies
        or target in needed
        or target.name.endswith("_test.dlg")
        or (target.exists() and declared_plan(target) not in (None, composition.plan.id))
    ):
        raise InputError(Problem("compose.bad_output", dict(path=str(target)), field="output"))
    # Beside the base plan nothing is copied; elsewhere every copy is checked before any is made.
    missing = {copy: path for copy, path in copies.items() if copy != path and not copy.exists()}
    for copy, path in copies.items():
        if copy != path and copy not in missing and copy.read_bytes() != path.read_bytes():
            raise InputError(
                Problem(
                    "compose.would_overwrite",
                    dict(path=str(copy)),
                    hint=Message("compose.choose_folder"),
                    field="output",
                )
            )
    written: list[Path] = []
    for copy, path in missing.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        written.append(copy)
    target.write_text(composition.text, encoding="utf-8")
    written.append(target)
    if composition.tests:
        tests = companion(target)
        tests.write_text(composition.tests, encoding="utf-8")
        written.append(tests)
    load_plan(target)
    return written
