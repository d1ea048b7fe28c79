"""The phrases of the web pages' Python side, merged into i18n's tables (kept apart for size)."""

from __future__ import annotations

WEB_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "web.plan.unknown": "Planen «{plan}» findes ikke.",
        "web.plan.unknown.many": "Planerne {plans} findes ikke.",
        "web.plan.served": "Planerne er: {plans}.",
        "web.cell.before": "Orienteres før",
        "web.cell.after": "Orienteres efter",
        "web.cell.periodic": "Orienteres periodisk",
        "web.cell.no_decider": "Ingen beslutningstager",
        "web.cell.missing": "Ikke i planen",
        "web.csv.section": "Afsnit",
        "web.csv.case": "Sagstype",
        "web.csv.id": "Id",
        "web.csv.change": "Ændring",
        "web.printed": "Udskrevet {when}",
        "web.time": "{date} kl. {hour}.{minute}",
    },
    "en": {
        "web.plan.unknown": "There is no plan «{plan}».",
        "web.plan.unknown.many": "There are no plans {plans}.",
        "web.plan.served": "The plans are: {plans}.",
        "web.cell.before": "Briefed before",
        "web.cell.after": "Informed after",
        "web.cell.periodic": "Informed periodically",
        "web.cell.no_decider": "No decider",
        "web.cell.missing": "Not in the plan",
        "web.csv.section": "Section",
        "web.csv.case": "Case type",
        "web.csv.id": "Id",
        "web.csv.change": "Change",
        "web.printed": "Printed {when}",
        "web.time": "{date} at {hour}:{minute}",
    },
}
