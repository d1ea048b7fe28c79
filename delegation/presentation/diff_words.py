"""How a plan diff is worded: change marks and words, the Words helper, sections, workload rows.

Shared by the text and Markdown reports, the HTML report, the pictures and the Sammenlign page;
it reads only the `PlanDiff` (the delegation.diff/1 contract).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from ..analysis.diffing import CaseChange, DiffBand, Flow, PlanDiff
from ..engine.decision import FactValue, InformOut, Outcome
from ..i18n import LANGUAGES, inform_phrase, listing, text
from ..numbers import format_quantity


class Decided(Protocol):
    """Who decides, and on what condition of the plan's: an outcome, or a band of the compare page."""

    @property
    def decides(self) -> str | None: ...

    @property
    def decides_if(self) -> str | None: ...


CHANGE_MARKS = {"added": "+", "removed": "-", "changed": "~", "unchanged": "="}
WORKLOAD_KEYS = ("decides", "briefed_before", "informed_after")


def change_words(lang: str = "da") -> dict[str, str]:
    """ "added" -> "tilføjet" (or "added"), for each kind of change in the contract."""
    return {kind: text(lang, f"diff.change.{kind}") for kind in ("added", "removed", "changed", "unchanged")}


# The web pages (web.py, web_compare.py) are Danish only and read this mapping directly.
CHANGE_WORDS = change_words("da")


class Words:
    """Names and phrases for one diff: body labels, section titles, outcomes and their changes."""

    def __init__(self, diff: PlanDiff, lang: str = "da"):
        self.diff = diff
        self.legend = diff.legend
        # text() falls back to Danish for an unknown language; so does <html lang> through this.
        self.lang = lang if lang in LANGUAGES else "da"

    def say(self, key: str, **values: object) -> str:
        return text(self.lang, key, **values)

    def workload_heads(self) -> list[str]:
        return [self.say(f"diff.head.{key}") for key in WORKLOAD_KEYS]

    def body(self, body_id: str | None) -> str:
        if body_id is None:
            return self.say("diff.not_in_plan")
        return self.legend.bodies.get(body_id, body_id)

    def bodies(self, ids: Sequence[str]) -> str:
        return listing([self.body(b) for b in ids], self.lang)

    def administrations(self, ids: Sequence[str]) -> str:
        """Departments as involved or recommending: by their name, not their head's."""
        names = self.legend.administrations
        return listing([names.get(b) or self.body(b) for b in ids], self.lang)

    def section(self, section_id: str | None) -> str:
        return self.legend.sections.get(section_id or "", section_id or self.say("diff.no_section"))

    def example(self, example: dict[str, FactValue]) -> str:
        facts = self.legend.facts
        return ", ".join(
            f"{facts[name].label} {format_quantity(value, facts[name].unit)}"
            for name, value in example.items()
        )

    def inform(self, inform: InformOut) -> str:
        return inform_phrase(self.body(inform.body), inform.when, inform.channel, self.lang, inform.frequency)

    def when(self, inform: InformOut) -> str:
        """When the body is told, short: "før", "efter", "årligt" (the plan's words) or "periodisk"."""
        if inform.when == "periodic" and inform.frequency:
            return self.say("diff.when.periodic.frequency", frequency=inform.frequency)
        return self.say(f"diff.when.{inform.when}")

    def decider(self, outcome: Decided | None) -> str:
        if outcome is None:
            return self.say("diff.not_in_plan")
        if not outcome.decides:
            return self.say("diff.no_decider")
        if outcome.decides_if:  # the plan's own condition: a change of it is a change of decider
            return self.say("diff.decides_if", body=self.body(outcome.decides), condition=outcome.decides_if)
        return self.body(outcome.decides)

    def cell(self, outcome: Outcome | None) -> str:
        """Decider and briefings, short: "<decider> + <committee> før + <council> efter"."""
        if outcome is None:
            return "—"
        told = [f" + {self.body(i.body)} {self.when(i)}" for i in outcome.inform]
        return self.decider(outcome) + "".join(told)

    def details(self, outcome: Outcome | None) -> list[str]:
        """Everything but the decider, one phrase each: briefings, involvement, basis."""
        if outcome is None:
            return []
        parts = [self.inform(i) for i in outcome.inform]
        if outcome.involve:
            key = "involve.if" if outcome.involve_if else "involve"
            said = self.say(
                key, bodies=self.administrations(outcome.involve), condition=outcome.involve_if or ""
            )
            parts.append(said.rstrip("."))
        if outcome.recommends:
            parts.append(self.say("recommends", bodies=self.administrations(outcome.recommends)).rstrip("."))
        if outcome.basis:
            parts.append(self.say("diff.basis", basis=self.say(f"basis.{outcome.basis}")))
        return parts

    def change(self, old: Outcome | None, new: Outcome | None) -> str:
        """One band's change: "<old decider> → <new decider>, <committee> orienteres før beslutningen på møde"."""
        return ", ".join([f"{self.decider(old)} → {self.decider(new)}", *self.change_details(old, new)])

    def change_details(self, old: Outcome | None, new: Outcome | None) -> list[str]:
        """A band's change but the deciders, one phrase each: briefings, involvement, basis."""
        if old is None or new is None:
            return self.details(new) if new is not None else []
        parts = []
        old_inform = {(i.body, i.when): i for i in old.inform}
        new_inform = {(i.body, i.when): i for i in new.inform}
        for key, inform in new_inform.items():
            before = old_inform.get(key)
            if before is None:
                parts.append(self.inform(inform))
                continue
            if before.frequency != inform.frequency:  # "orienteres periodisk: hvert kvartal → årligt"
                parts.append(
                    self.say(
                        "diff.frequency.change",
                        body=self.body(inform.body),
                        old=before.frequency or self.say("diff.frequency.none"),
                        new=inform.frequency or self.say("diff.frequency.none"),
                    )
                )
            if before.channel != inform.channel:
                parts.append(
                    self.say(
                        "diff.channel.change",
                        body=self.body(inform.body),
                        when=self.when(inform),
                        old=self.say(f"diff.channel.{before.channel}"),
                        new=self.say(f"diff.channel.{inform.channel}"),
                    )
                )
        for key, inform in old_inform.items():
            if key not in new_inform:
                parts.append(
                    self.say(
                        "diff.inform.stopped",
                        body=self.body(inform.body),
                        when=self.when(inform),
                    )
                )
        for field in ("involve", "recommends"):
            gone = [b for b in getattr(old, field) if b not in getattr(new, field)]
            came = [b for b in getattr(new, field) if b not in getattr(old, field)]
            if came:
                parts.append(self.say(f"diff.{field}", bodies=self.administrations(came)))
            if gone:
                parts.append(self.say(f"diff.{field}.stopped", bodies=self.administrations(gone)))
        if old.basis != new.basis:
            parts.append(
                self.say(
                    "diff.basis", basis=f"{self.say(f'basis.{old.basis}')} → {self.say(f'basis.{new.basis}')}"
                )
            )
        return parts

    def moves(self, change: CaseChange) -> list[str]:
        """ "flyttet til anden kategori: Diverse → (ingen)", for each way the plans differ in it."""
        lines = []
        names = {"section": self.legend.sections, "category": self.legend.categories}
        for move in change.moves:
            values = []
            for placement in change.placements.values():
                if placement is None:
                    continue
                value = getattr(placement, move)
                shown = names[move].get(value, value) if move in names else value
                values.append(shown if value is not None else self.say("diff.none"))
            lines.append(f"{self.say(f'diff.move.{move}')}: " + " → ".join(collapse_runs(values)))
        return lines

    def flow(self, flow: Flow) -> str:
        number = "one" if flow.count == 1 else "many"
        kind = "gone" if flow.to is None else "new" if flow.from_ is None else "move"
        return self.say(
            f"diff.flow.{kind}.{number}",
            count=flow.count,
            plan=flow.to_plan,
            source=self.body(flow.from_),
            target=self.body(flow.to),
        )

    def summary(self) -> str:
        words = change_words(self.lang)
        counts = {kind: sum(c.change == kind for c in self.diff.changes) for kind in words}
        shown = ", ".join(f"{n} {words[k]}" for k, n in counts.items() if n)
        return self.say(
            "diff.summary", count=len(self.diff.changes), shown=shown or self.say("diff.summary.none")
        )


_T = TypeVar("_T")


def collapse_runs(values: Sequence[_T]) -> list[_T]:
    """Consecutive equal values once: A, A, B -> A, B."""
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def in_full(change: CaseChange) -> bool:
    """Listed with its bands: changed, added, removed, or placed differently (else only counted)."""
    return change.change != "unchanged" or bool(change.moves)


def by_section(diff: PlanDiff) -> list[tuple[str | None, list[CaseChange]]]:
    """The changes grouped by their list, in the order the lists first appear."""
    groups: dict[str | None, list[CaseChange]] = {}
    for change in diff.changes:
        groups.setdefault(change.section, []).append(change)
    return list(groups.items())


def title(diff: PlanDiff, lang: str = "da") -> str:
    return text(lang, "diff.title", plans=" → ".join(diff.plan_ids))


def workload_rows(diff: PlanDiff) -> list[tuple[str, list[tuple[int, int, int]]]]:
    bodies = list(next(iter(diff.workload.values()), {}))
    return [
        (
            body,
            [
                (load.decides, load.briefed_before, load.informed_after)
                for load in (diff.workload[p][body] for p in diff.plan_ids)
            ],
        )
        for body in bodies
    ]


def citations(band: DiffBand) -> list[tuple[str, str]]:
    """(plans, cited line) for the band's citations; a text that several plans share comes once."""
    by_text: dict[str, list[str]] = {}
    for plan_id, cited in band.citations.items():
        if cited is not None:
            by_text.setdefault(cited, []).append(plan_id)
    return [("+".join(plans), line) for cited, plans in by_text.items() for line in cited.splitlines()]


# --- terminal text --------------------------------------------------------------------------
