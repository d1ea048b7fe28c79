"""The sentence a text asks its question in, to choose between case types the text names."""

from __future__ import annotations

import re

from ..model import Plan
from .index import Index
from .rank import rank

# A text that names two matters and asks about one ("... søge en tillægsbevilling på 4 mio. kr.,
# som halvårsregnskabet viser. Hvem bevilger tillægsbevillingen?") was asked back about both
# (audit, 2026-11-28: 6 of 15 such texts). Its question, ranked alone, tells them apart.
_SENTENCES = re.compile(r"[^.?!]+[.?!]*")
# A question of who decides, approves or is told ("Hvem bevilger ...?", "Skal byrådet ...?", "Who
# approves ...?"): a question of fact after the matters ("Hvad er rentesatsen?", "Er
# personalepolitikken fra 2019?", "Hvornår var den seneste orientering?") is not what the text
# asks the plan (audit, 2026-11-28: each chose the matter it named).
_ASKS_THE_PLAN = re.compile(
    r"^\W*(?:hvem|skal|må|kan|bør|kræver|who|must|should|may|can|does|do|is\s+it)\b", re.IGNORECASE
)


def asked_about(
    plan: Plan, index: Index, text: str, candidates: tuple[str, ...], lead: float
) -> tuple[str, tuple[str, ...]] | None:
    """(the case type id, the question's words that found it) when the text's last question
    sentence, ranked alone, leads one of `candidates` by `lead` ahead of the others; else None."""
    sentences = [found.strip() for found in _SENTENCES.findall(text) if found.strip()]
    question = next((sentence for sentence in reversed(sentences) if sentence.endswith("?")), None)
    if question is None or len(sentences) < 2 or _ASKS_THE_PLAN.match(question) is None:
        return None
    ordered = [match for match in rank(plan, index, question) if match.case.id in candidates]
    if not ordered or ordered[0].score - (ordered[1].score if len(ordered) > 1 else 0.0) < lead:
        return None
    return ordered[0].case.id, ordered[0].words
