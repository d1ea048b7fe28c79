"""Find the case type a user means (an id, a title or bullet, a KLE code, ranked words), or say none fits."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from functools import cache

from ..conditions import matches
from ..hints import TYPE_CHECKING, NamedTuple
from ..model import BodyKind, CaseType, Plan
from .danish import affirmed, fold, lowered_words, normalise, stem
from .index import Index, Names, _content, index_of, names_of, worked_out
from .mailtext import mail_body
from .rank import Alternatives, Match, rank, slots_of

if TYPE_CHECKING:
    from .batch import Batch
    from .quantities import TextQuantity

# The resolver reads at most this much of a text: a case title or a question is far shorter, and
# the work grows with the text (a 10.000-character paste must not cost the service seconds).
MAX_TEXT = 300
ANSWER_SCORE = 62.0  # the best case type is taken when it scores this ...
CLEAR_LEAD = 8.0  # ... and leads the next by this much
CANDIDATE_SCORE = 50.0  # below this a case type is not offered at all
# One case type far ahead of the rest but under ANSWER_SCORE, found by words that single it out
# (_telling), is asked about, not taken and not dropped: "kommunplan revision" (58.9) and
# "Låneomlægning for fond, hvor vedtægterne kræver byrådets godkendelse" (56.3) were answered "the
# plan does not list it" with the right case type named only in a sentence, where a case system
# reads covered: false. Under this score a lone candidate was unrelated in the evaluation sets
# ("boligstøtte" 51.3 found integration grants, "Afholdelse af kommunalvalg" 54.0 election
# complaints): those stay "not in the plan", with the nearest named.
ASK_SCORE = 55.0
NAMED_LEAD = 20.0  # ... or when the text holds its name whole and it leads the next by this much
SAME_WORDS_LEAD = 2 * CLEAR_LEAD  # ... unless the next was found by the same words and is this close
MAX_CLOSE = 8  # close candidates offered at most (engine/batch.py keeps no more of a ranking)
_KLE_IN_TEXT = r"(?<![\d.])(\d{2}\.\d{2}(?:\.\d{2})?(?:-[A-Z]\d{2})?)"


class Resolution(NamedTuple):
    # A named tuple, not a dataclass: one is made on every decide, and a frozen dataclass's
    # __init__ costs a microsecond.
    case: CaseType | None
    candidates: Sequence[Match] = ()
    how: str = ""
    detail: str = ""  # the KLE code, former id or matched words behind `how`
    quantities: tuple[TextQuantity, ...] = ()
    truncated: bool = False
    # The department a text opens with as its sender ("MTM - ...", "Fra Teknik og Miljø: ..."):
    # the department that has the case, where the caller names none (without_departments).
    sender: str | None = None


def resolve_case(
    plan: Plan,
    query: str,
    facts: Mapping[str, float] | None = None,
    elsewhere: bool = True,
    batch: Batch | None = None,
) -> Resolution:
    """The case type meant by query; candidates when several fit about equally well.

    `facts` (already parsed) choose between sibling case types that differ only by thresholds.
    With `elsewhere`, a text this plan does not clearly name is tried on the other plans of the
    municipality: one that names it clearly there is "not in this plan" (how="elsewhere").
    A `batch` (engine/batch.py) answers the same from memos kept across many texts.
    """
    if batch is not None:
        return batch.plan(plan).resolve(batch, query, facts, elsewhere)
    exact = plan.case_types.get(query.strip())
    if exact is not None:
        return Resolution(exact, (), "id")  # positional: keywords cost a third of a µs here
    body = mail_body(query)
    text = asked = body[:MAX_TEXT]
    truncated = len(body) > MAX_TEXT
    wanted = normalise(text)
    if not wanted:
        return Resolution(None, how="empty")
    names = names_of(plan)
    hits = names.exact.get(wanted)
    if hits and len(hits) == 1:
        # A title or bullet typed as the plan writes it: its numbers are the plan's thresholds
        # ("over 2 mio. kr."), not facts of the case.
        case_id, how = hits[0]
        case = plan.case_types[case_id]
        siblings = _siblings(plan, names, case, Match(case, 100.0, (text.strip(),)), facts)
        if siblings is not None:
            return siblings._replace(truncated=truncated)
        return Resolution(case, (), how, query.strip() if how == "former" else "", (), truncated)
    index = index_of(plan)
    read = _free_text()
    found = read.quantities(text)
    known = dict(facts or {})
    for name, value in read.text_facts(plan, None, found).items():
        known.setdefault(name, value)
    text, sender = without_departments(
        plan, index, read.without_dates(read.without_quantities(index, plan, text, found), index.postings)
    )
    text = read.written_out(index, text)
    if hits:
        ranked = [Match(plan.case_types[case_id], 100.0) for case_id, _ in hits]
    else:
        kle = _kle_in(plan, text)
        if kle is not None:
            return kle._replace(quantities=tuple(found), truncated=truncated, sender=sender)
        ranked = read.without_denied(index, text, rank(plan, index, text), CLEAR_LEAD)
    resolution = by_question(plan, index, asked, _confidence(plan, index, ranked, known))
    if resolution.case is None and elsewhere and _named_elsewhere(plan, text, query, known):
        resolution = Resolution(None, how="elsewhere")
    return resolution._replace(quantities=tuple(found), truncated=truncated, sender=sender)


class _FreeText(NamedTuple):
    quantities: Callable[[str], list[TextQuantity]]
    without_dates: Callable[[str, Container[str]], str]
    text_facts: Callable[[Plan, CaseType | None, list[TextQuantity]], dict[str, float]]
    without_quantities: Callable[[Index, Plan, str, list[TextQuantity]], str]
    written_out: Callable[[Index, str], str]
    without_denied: Callable[[Index, str, list[Match], float], list[Match]]


@cache
def _free_text() -> _FreeText:
    """What a free text is read with, imported on its first use: an id or a title as the plan
    writes it reads no numbers, abbreviation or denial (the modules: 8 ms of `delegation decide`),
    and an import in the function cost each resolution 8 µs (four of them, 2 µs each)."""
    from .abbreviations import written_out
    from .denials import without_denied
    from .quantities import quantities, without_dates
    from .textfacts import text_facts, without_quantities

    return _FreeText(quantities, without_dates, text_facts, without_quantities, written_out, without_denied)


def by_question(plan: Plan, index: Index, text: str, resolution: Resolution) -> Resolution:
    """The resolution, or where it asks between case types, the one the text's question is about
    (`text` as read, its numbers and full stops in it: they part its sentences)."""
    if resolution.how != "ambiguous" or len(resolution.candidates) < 2:
        return resolution
    from .question import asked_about  # here: only a text of several matters asks

    found = asked_about(
        plan, index, text, tuple(match.case.id for match in resolution.candidates), CLEAR_LEAD
    )
    if found is None:
        return resolution
    case_id, words = found
    return Resolution(plan.case_types[case_id], (), "words", ", ".join(words))


def _named_elsewhere(
    plan: Plan, text: str, query: str, facts: Mapping[str, float], batch: Batch | None = None
) -> bool:
    """Another plan of the municipality names the case clearly, with a case type this plan does
    not list (one a draft removes): better said than asking back with this plan's look-alikes.

    Another plan is asked only when the text holds a word of one of the case types it has and this
    plan lacks: asking every other plan for every unclear text was two thirds of the time of such
    a resolution, and the whole of the p99.
    """
    from .registry import companions  # here: only an unclear text needs the other plans

    content = content_words(text)
    for other in companions(plan) if batch is None else batch.companions(plan):
        if not names_what_it_lacks(plan, other, content):
            continue
        found = resolve_case(other, query, facts, elsewhere=False, batch=batch)
        if found.case is not None and found.case.id not in plan.case_types:
            return True
    return False


def content_words(text: str) -> list[str]:
    """A text's words, lower-cased, that may say which case type is meant: no numbers, none a
    negation denies (engine/batch.py keeps the same per text)."""
    return [word for word in affirmed(lowered_words(text[:MAX_TEXT])) if _content(fold(word))]


def names_what_it_lacks(plan: Plan, other: Plan, content: Sequence[str]) -> bool:
    """Whether a text's content words, or what the thesaurus has them stand for ("head of
    department"), hold a word of a case type `other` lists and `plan` does not: only then can the
    other plan name the case where this one cannot. Nothing is guessed (no typos, no compound
    parts): this only spares asking a plan that cannot answer."""
    index = index_of(other)
    lacking = other.case_types.keys() - plan.case_types.keys()
    pairs = [(word, folded, stem(folded)) for word in content for folded in (fold(word),)]
    slots = slots_of(index, pairs, _as_typed)
    keys = {key for slot in slots for stems, _ in slot.alternatives for key in stems}
    return any(case_id in lacking for key in keys for case_id in index.postings.get(key, ()))


def _as_typed(index: Index, word: str, key: str) -> Alternatives:
    return (((key,), 1.0),)


def _confidence(plan: Plan, index: Index, ranked: list[Match], facts: Mapping[str, float]) -> Resolution:
    """Answer when one case type clearly leads; ask back when several are close; else none."""
    if not ranked or ranked[0].score < CANDIDATE_SCORE:
        return Resolution(None, ranked[:1], how="none")
    top = ranked[0]
    siblings = _siblings(plan, index, top.case, top, facts)
    if siblings is not None:
        return siblings
    close = [m for m in ranked if m.score >= max(top.score - CLEAR_LEAD, CANDIDATE_SCORE)][:MAX_CLOSE]
    if len(close) == 1 and not top.named and len(set(top.words)) == 1:
        # Found by the same one word as another case type close behind ("IT-puljen", which two
        # bullets name): a lead of the other's longer name, not of the text's evidence; ask back.
        # Not for more words: "erhvervs puljen" holds Erhvervspuljen whole, IT-puljen in part.
        close += [
            m
            for m in ranked[1:MAX_CLOSE]
            if m.score >= max(top.score - SAME_WORDS_LEAD, CANDIDATE_SCORE) and set(m.words) == set(top.words)
        ]
    if len(close) == 1:
        # A case-system subject names the case type whole among many words of its own ("RE: SV:
        # Halvårsregnskab 2025 - indstilling til MAG"): a name held whole, far ahead of the next
        # case type, answers though the other words pull the score under ANSWER_SCORE; so does a
        # long question that names it whole and no other ("Regnskabsafdelingen har nu samlet
        # halvårsregnskabet ... Skal halvårsregnskabet godkendes af byrådet?"), clearly ahead.
        runner_up = ranked[1] if len(ranked) > 1 else None
        lead = top.score - (runner_up.score if runner_up else 0.0)
        alone = top.named and top.score >= ASK_SCORE and not (runner_up and runner_up.named)
        if top.score >= ANSWER_SCORE or (top.named and lead >= NAMED_LEAD) or alone:
            return Resolution(top.case, (), "words", ", ".join(top.words))
        if top.score >= ASK_SCORE and _telling(top, ranked):
            return Resolution(None, (top,), how="ambiguous")  # one likely candidate: asked about
        return Resolution(None, (top,), how="none")  # one weak candidate: never ask back with it
    chosen = _by_facts(index, close, facts)
    if chosen is not None:
        return Resolution(chosen.case, (), "facts", ", ".join(chosen.words))
    if top.score < ASK_SCORE and len({word for match in close for word in match.words}) == 1:
        # Weak candidates all found by one word ("Klage over afgørelse om hjemmehjælp": the
        # plan's two complaints, by "klage"): none to ask about, as one weak candidate is none.
        return Resolution(None, (top,), how="none")
    return Resolution(None, tuple(close), how="ambiguous")


def _telling(top: Match, ranked: list[Match]) -> bool:
    """Whether the words that found `top` single it out: two or more of the text's words, or a word
    that found no other case type ranked with it. "Tilskud til kunstnere" (56.0) found IT-puljen's
    grants by "tilskud", as it finds every grant: not a case type to ask about."""
    words = set(top.words)
    return len(words) > 1 or not any(words & set(match.words) for match in ranked[1:MAX_CLOSE])


def _by_facts(index: Index, close: list[Match], facts: Mapping[str, float]) -> Match | None:
    """Among siblings (close candidates found by the same words as the best, such as
    "Anlægsregnskaber" and "Anlægsregnskaber over 50 mio."), the one whose threshold the facts meet.

    Facts choose a threshold, never a matter: not when a candidate found by the same words is
    another matter (not the chosen one's sibling in the index), nor when the text names another
    candidate whole. Before, an amount chose whichever had a threshold on amounts: "Tillægsbevilling
    til anlæg pga. overskridelse ... 3 mio." and "Overskridelse af driftsbevilling med 2 mio." were
    read as the anlæg overrun (Magistraten in B), never asked back with the tillægsbevilling."""
    if not facts:
        return None
    siblings = [m for m in close if set(m.words) == set(close[0].words)]
    fitting = [m for m in siblings if _threshold_met(m.case, facts)]
    if len(fitting) != 1:
        return None
    chosen, family = fitting[0], _family(index, fitting[0].case.id)
    others = [m for m in close if m is not chosen and m.case.id not in family]
    if any(m in siblings or m.named for m in others):
        return None
    return chosen


def _family(index: Index, case_id: str) -> frozenset[str]:
    """The case type and its siblings in the index, whichever of them has the thresholds."""
    return worked_out(index, "_families", _families).get(case_id, frozenset((case_id,)))


def _families(index: Index) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for plain, conditional in index.siblings.items():
        group = {plain, *conditional}
        for member in list(group):
            group |= grouped.get(member, set())
        for member in group:
            grouped[member] = group
    return {member: frozenset(group) for member, group in grouped.items()}


def _threshold_met(case: CaseType, facts: Mapping[str, float]) -> bool:
    return any(rule.when is not None and matches(rule.when, facts) is True for rule in case.rules)


def _siblings(
    plan: Plan, index: Index | Names, case: CaseType, match: Match, facts: Mapping[str, float] | None
) -> Resolution | None:
    """A case type whose thresholds are siblings of their own ("Anlægsregnskaber" and
    "Anlægsregnskaber over 50 mio."): the facts choose the sibling whose threshold they meet; with
    no facts, the answer depends on them, and the siblings are offered with their thresholds."""
    others = [plan.case_types[other] for other in index.siblings.get(case.id, ())]
    if not others:
        return None
    if not facts:
        return Resolution(None, (match, *(Match(o, match.score, match.words) for o in others)), "ambiguous")
    fitting = [other for other in others if _threshold_met(other, facts)]
    if len(fitting) == 1:
        return Resolution(fitting[0], (), "facts", ", ".join(match.words))
    return None


def without_departments(plan: Plan, index: Index, text: str) -> tuple[str, str | None]:
    """The text less a department's name at its start (as the plan's bodies write it: name, short
    name, alias, after a "Re:", "SV:" or "Hej,"), and that department's id when it is the sender:
    a case system's subject or a mail names who has the case, not what it is. "Teknik og Miljø
    ønsker at udlicitere vejservice med 25 ansatte" scored 54.5 for Udlicitering, "MTM ønsker at
    udlicitere ..." 62.7. Only at the start: further in, a name is often the plan's own words
    ("... skal BA inddrages?", as its bullets say "Borgmesterens Afdeling skal inddrages"). A name
    a case type's title or alias holds is kept. After "Til", "Hej" or "Kære" the name is whom the
    text is written to (a question to Borgmesterens Afdeling), so no sender.

    A sender is a name set apart as a subject line's prefix ("MTM - ...", "MBU: ...", "BA/HR ...",
    "MKB 2025-1123 ...") in a text that names no other department: a name that begins a sentence
    ("Borgmesteren ønsker orientering om ...", "BA beder MTM redegøre for ...") is who acts in it,
    and a text that names another ("BA's HR: afskedigelse af pædagog i MBU") says the case is that
    one's (audit, 2026-11-28: each was answered as the first name's case)."""
    found_pattern = worked_out(index, "_departments", lambda _: _department_pattern(plan))
    if found_pattern is None:
        return text, None
    pattern, anywhere, by_name = found_pattern
    found = pattern.match(text)
    if found is None:
        return text, None
    rest = text[found.end() :]
    cut = f"{found[1]} {rest}"
    if not cut.strip():
        return text, None
    # .get: under IGNORECASE "i" matches "ı" and "İ", whose casefold is no key ("Borgerservıce")
    sender = by_name.get(found[2].casefold())
    if (
        _addressed().search(found[1]) is not None
        or _set_apart().match(rest) is None
        or any(by_name.get(other[0].casefold()) != sender for other in anywhere.finditer(rest))
    ):
        sender = None
    return cut, sender


_OPENING = r"^\W*(?:(?:re|sv|vs|fw|fwd|aw|fra|from|hej|kære|til|to|dear|hi)\b\W*)*"


@cache
def _addressed() -> re.Pattern[str]:
    # compiled on first use, as the others of a free text: 0,4 ms of every `delegation decide`
    return re.compile(r"\b(?:hej|kære|til|to|dear|hi)\b", re.IGNORECASE)


@cache
def _set_apart() -> re.Pattern[str]:
    return re.compile(r"\s*(?:[-–—:/|]|\d)")


def _department_pattern(
    plan: Plan,
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str | None]] | None:
    named = {normalise(name) for case in plan.case_types.values() for name in (case.title, *case.aliases)}
    held = " | ".join(named)
    by_name = {  # a relative department ("the department that has the case") names no sender
        name.casefold(): None if body.relative else body.id
        for body in plan.bodies.values()
        if body.kind is BodyKind.department
        for name in (body.name, body.short or "", *body.aliases)
        if normalise(name) and f" {normalise(name)} " not in f" {held} "
    }
    if not by_name:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
    return (
        re.compile(rf"({_OPENING})({alternatives})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
        by_name,
    )


def _kle_in(plan: Plan, text: str) -> Resolution | None:
    """A KLE number written in the text, when the plan gives case types KLE patterns."""
    if not index_of(plan).kle:
        return None
    for code in re.findall(_KLE_IN_TEXT, text):
        found = resolve_kle(plan, code)
        if found.case is not None:
            return found._replace(detail=code)
    return None


def search_cases(plan: Plan, search: str) -> list[CaseType]:
    """Case types whose names or text fit the search words, best first."""
    text = search[:MAX_TEXT]
    index = index_of(plan)
    hits = index.exact.get(normalise(text), ())
    ranked = [plan.case_types[case_id] for case_id, _ in hits]
    ranked += [m.case for m in rank(plan, index, text) if m.score >= CANDIDATE_SCORE and m.case not in ranked]
    return ranked


KLE_CODE = re.compile(r"^(?P<subject>\d{2}(?:\.\d{2}){0,2})(?:-(?P<facet>[A-Z]\d{2}))?$")


def kle_specificity(pattern: str, code: str) -> int | None:
    """How closely a case type's KLE pattern fits a code ("00.22.*" fits "00.22.05-G01"), or None.

    Patterns are SUBJECT[-FACET] where the subject's groups may end in "*"; a pattern without a
    facet fits any facet. More literal groups (and a facet) make a closer fit.
    """
    query = KLE_CODE.match(code.strip())
    if query is None:
        return None
    subject, _, facet = pattern.partition("-")
    wanted = query["subject"].split(".")
    groups = subject.split(".")
    literal = [group for group in groups if group != "*"]
    if groups[-1] == "*":
        if wanted[: len(literal)] != literal or len(wanted) <= len(literal):
            return None
    elif wanted != groups:
        return None
    if facet and facet != query["facet"]:
        return None
    return len(literal) * 2 + (1 if facet else 0)


def resolve_kle(plan: Plan, code: str) -> Resolution:
    """The case type whose KLE pattern fits the code most closely; candidates on a tie."""
    fits = []
    for case in plan.case_types.values():
        scores = [s for s in (kle_specificity(pattern, code) for pattern in case.kle) if s is not None]
        if scores:
            fits.append((case, max(scores)))
    if not fits:
        return Resolution(None, how="none")
    fits.sort(key=lambda pair: (-pair[1], pair[0].id))
    best = [pair for pair in fits if pair[1] == fits[0][1]]
    if len(best) == 1:
        return Resolution(best[0][0], how="kle", detail=code)
    return Resolution(None, candidates=tuple(Match(case, 100.0) for case, _ in best), how="ambiguous")
