"""The error hierarchy: one root, one subclass per stage, rendered like a compiler error."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .hints import TYPE_CHECKING
from .messages import LANGUAGES, Message, check_key, default_lang, message_text
from .records import field, record

if TYPE_CHECKING:
    from os import PathLike

    from .model import Span


@record(kw_only=False)
class Location:
    """Where a problem is: a file and a 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@record(kw_only=False)
class Problem:
    """One finding: a message key and its values, where it is, the offending source line and a hint.

    The text is chosen when the problem is shown (`text(lang)`, `render(lang)`), so one error can be
    shown in Danish on the command line and in English over HTTP. The key must be in the message
    catalogue (delegation/messages.py): a problem cannot be made from a bare string."""

    key: str
    args: Mapping[str, object] = field(default_factory=dict)
    location: Location | None = None
    hint: Message | None = None
    source_line: str | None = None
    field: str | None = None  # for input errors: the caller's field at fault ("facts.amount")
    code: str | None = None  # the stable finding code `delegation check` reports it under

    def __post_init__(self) -> None:
        check_key(self.key)
        if self.hint is not None and not isinstance(self.hint, Message):
            raise TypeError(f"a hint is a Message, not {type(self.hint).__name__}")

    @property
    def message(self) -> str:
        """The text in the default language (DELEGATION_LANG, else Danish)."""
        return self.text()

    def text(self, lang: str | None = None) -> str:
        return message_text(self.key, self.args, lang)

    def as_message(self) -> Message:
        """The problem's text alone, to be shown as part of another report."""
        return Message(self.key, **self.args)

    def hint_text(self, lang: str | None = None) -> str | None:
        return self.hint.text(lang) if self.hint is not None else None

    def render(self, lang: str | None = None) -> str:
        lang = lang or default_lang()
        message = self.text(lang)
        head = f"{self.location}: {message}" if self.location else message
        lines = [head]
        if self.source_line is not None and self.location and self.location.line:
            text, caret = _window(self.source_line.rstrip("\n").expandtabs(4), self.location.column)
            lines.append(f"    {text}")
            lines.append("    " + " " * caret + "^")
        if self.hint is not None:
            lines.append(f"  {message_text('label.hint', {}, lang)}: {self.hint.text(lang)}")
        return "\n".join(lines)


def _window(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """A long source line cut to the part around the column, and the caret's offset in it."""
    caret = max(column - 1, 0)
    if len(line) <= width:
        return line, caret
    start = max(0, min(caret - width // 2, len(line) - width))
    shown = line[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + shown + suffix, caret - start + len(prefix)


class DelegationError(Exception):
    """Root of every error the library raises for bad input or bad rules."""

    exit_code = 1
    lang: str | None = None  # the language the asker chose, when it is known (an HTTP request's)

    def __init__(self, problems: Problem | Sequence[Problem]):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        if not self.problems or not all(isinstance(p, Problem) for p in self.problems):
            raise TypeError("a DelegationError carries Problems (a message key), not text")
        super().__init__(self.render())

    @property
    def message(self) -> str:
        return self.problems[0].message

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class Refusal(ValueError):
    """A value the grammar admits but the model cannot hold, raised inside the parser with its message."""

    def __init__(self, message: Message):
        super().__init__(message.text("en"))
        self.message = message


class SourceError(DelegationError):
    """A rules file cannot be read: missing, empty, too large, or not UTF-8."""


class DslSyntaxError(DelegationError):
    """The parse stage: the text does not follow the grammar."""


class ValidationError(DelegationError):
    """The model stage: the rules parse but are inconsistent (all problems collected)."""


class InputError(DelegationError):
    """The evaluate stage: the caller's query is malformed (bad fact, unknown plan ...)."""

    exit_code = 2

    @property
    def field(self) -> str | None:
        """The request field the (first) problem concerns: "plan", "department", "facts.amount" ..."""
        return self.problems[0].field if self.problems else None


def source_line(text: str, line: int) -> str | None:
    """The 1-based line of text, or None when out of range. Lines end at "\n" only, as the parser
    counts them (str.splitlines would also break at a form feed or U+2028 inside a comment)."""
    if line < 1:
        return None
    lines = text.split("\n", line)
    if len(lines) < line or (len(lines) == line and not lines[-1]):
        return None
    return lines[line - 1].removesuffix("\r")


MAX_SUGGESTED = 100  # characters of a word a suggestion is sought for


def did_you_mean(word: str, choices: Iterable[str]) -> Message | None:
    """A hint naming the closest choice ("mente du 'amount'?"), in the style of jinja's suggestions;
    none for a word far longer than any choice (difflib compares each pair in time quadratic in
    their lengths: 50 made-up fact names of 19.000 characters took 160-280 ms of the event loop)."""
    import difflib  # here: only a refused word needs it (1-2 ms of every import otherwise)

    if len(word) > MAX_SUGGESTED:
        return None

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return Message("hint.did_you_mean", word=matches[0]) if matches else None


def problem_at(
    key: str,
    args: Mapping[str, object],
    file: str | PathLike[str],
    text: str | None,
    line: int,
    column: int,
    hint: Message | None = None,
    code: str | None = None,
) -> Problem:
    """A problem located in a source file, carrying its source line for the caret display."""
    return Problem(
        key,
        args,
        Location(str(file), line, column),
        hint,
        source_line(text, line) if text is not None else None,
        code=code,
    )


def problem_in(
    key: str,
    args: Mapping[str, object],
    span: Span,
    texts: Mapping[str, str],
    hint: Message | None = None,
    *,
    code: str | None = None,
) -> Problem:
    """problem_at for a place in the rules (a model Span), its source line taken from `texts`
    (file name -> text), as the loader and the validator both report them."""
    return problem_at(key, args, span.file, texts.get(span.file), span.line, span.column, hint, code=code)


@record
class ProblemList:
    """Collects problems during validation so that they can be raised together."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def raise_if_any(self) -> None:
        """A ValidationError with every problem, in file order, when there is any."""
        if self.problems:
            ordered = sorted(
                self.problems,
                key=lambda p: (
                    p.location.file if p.location else "",
                    p.location.line if p.location else 0,
                    p.location.column if p.location else 0,
                ),
            )
            raise ValidationError(ordered)


def checked_lang(lang: object) -> str:
    """The language a caller of the Python API asked for, refused unless Danish or English (the
    command line and the service refuse others before they get here)."""
    if lang not in LANGUAGES:
        raise InputError(Problem("evaluate.lang", {"lang": repr(lang)}, field="lang"))
    return str(lang)


def error_body(
    kind: str,
    key: str,
    args: Mapping[str, object] | None,
    field: str | None,
    lang: str,
    hint: Message | None = None,
    location: Location | None = None,
) -> dict[str, object]:
    """The error object a program reads, in one shape everywhere (the service's answers, a batch
    line's error, `--json` on the command line): its type, its text in `lang`, the field it
    concerns, its key, the hint where there is one, and where in a text sent it is (POST /fmt)."""
    body: dict[str, object] = {
        "type": kind,
        "message": message_text(key, args or {}, lang),
        "field": field,
        "key": key,
    }
    if hint is not None:
        body["hint"] = hint.text(lang)
    if location is not None:
        body["location"] = str(location)
    return body
