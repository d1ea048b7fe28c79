"""The phrases of plans in time (status, as-of, history, decision log), merged into i18n's tables."""

from __future__ import annotations

TIME_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "status.draft": "udkast",
        "status.adopted": "vedtaget",
        "status.repealed": "ophævet",
        "time.period": "i kraft fra {start}",
        "time.period.until": "i kraft fra {start} til og med {end}",
        "time.adoption": "vedtaget {date} ({meeting}, punkt {item})",
        "time.in_force_today": "i kraft i dag",
        "time.in_force_as_of": "i kraft den {date}",
        "time.not_in_force_as_of": "ikke i kraft den {date}",
        "time.line": "Status: {status}",
        "check.in_force_together": "planerne {first} og {later} for {municipality} er begge i kraft "
        "fra {start} til {end}",
        "check.in_force_together.hint": "lad den ene plan ophøre (until), før den anden træder i kraft",
        "check.in_force_gap": "ingen plan for {municipality} er i kraft fra {start} til {end} "
        "(mellem {first} og {later})",
        "check.in_force_gap.hint": "lad den nye plan træde i kraft dagen efter, at den gamle ophører",
        "check.draft_after_adoption": "planen er dateret {date}, efter at den blev vedtaget ({adopted})",
        "check.draft_after_adoption.hint": "ret planens dato (udkastets dato) eller vedtagelsens dato",
        "history.title": "Kompetencen for «{title}» i {municipality}s planer",
        "history.missing": "Planen nævner ikke sagstypen.",
        "history.unchanged": "Uændret i forhold til {plan}.",
        "history.changed": "Ændret i forhold til {plan}:",
        "history.first": "Første plan.",
        "history.added": "Med i denne plan; {plan} nævner ikke sagstypen:",
        "log.failing": "beslutningsloggen {url} svarer ikke ({error}); afgørelserne gives stadig, "
        "og posterne venter i køen og prøves igen",
        "log.recovered": "beslutningsloggen {url} svarer igen; {count} ventende poster er skrevet",
        "log.lost": "beslutningsloggens kø er fuld: {count} poster er tabt ({url})",
        "log.lost_at_exit": "{count} poster kunne ikke skrives til beslutningsloggen {url} ved nedlukning "
        "og er tabt",
        "log.lost_closed": "beslutningsloggen {url} er lukket: {count} poster er tabt",
        "log.entries": "{count} poster",
        "log.replay": "{changed} af {count} loggede afgørelser ville være truffet anderledes efter plan {plan}.",
        "log.replay.before": "før",
        "log.replay.after": "nu",
        "log.none": "(ingen)",
    },
    "en": {
        "status.draft": "draft",
        "status.adopted": "adopted",
        "status.repealed": "repealed",
        "time.period": "in force from {start}",
        "time.period.until": "in force from {start} to {end} inclusive",
        "time.adoption": "adopted {date} ({meeting}, item {item})",
        "time.in_force_today": "in force today",
        "time.in_force_as_of": "in force on {date}",
        "time.not_in_force_as_of": "not in force on {date}",
        "time.line": "Status: {status}",
        "check.in_force_together": "plans {first} and {later} of {municipality} are both in force "
        "from {start} to {end}",
        "check.in_force_together.hint": "let one plan end (until) before the other comes into force",
        "check.in_force_gap": "no plan of {municipality} is in force from {start} to {end} "
        "(between {first} and {later})",
        "check.in_force_gap.hint": "let the new plan come into force the day after the old one ends",
        "check.draft_after_adoption": "the plan is dated {date}, after it was adopted ({adopted})",
        "check.draft_after_adoption.hint": "correct the plan's date (the draft's) or the adoption's date",
        "history.title": "Competence for «{title}» across the plans of {municipality}",
        "history.missing": "The plan does not list the case type.",
        "history.unchanged": "Unchanged from {plan}.",
        "history.changed": "Changed from {plan}:",
        "history.first": "First plan.",
        "history.added": "Listed in this plan; {plan} does not list the case type:",
        "log.failing": "the decision log {url} does not answer ({error}); decisions are still given, "
        "and the entries wait in the queue and are retried",
        "log.recovered": "the decision log {url} answers again; {count} waiting entries written",
        "log.lost": "the decision log's queue is full: {count} entries lost ({url})",
        "log.lost_at_exit": "{count} entries could not be written to the decision log {url} at shutdown "
        "and are lost",
        "log.lost_closed": "the decision log {url} is closed: {count} entries lost",
        "log.entries": "{count} entries",
        "log.replay": "{changed} of {count} logged decisions would have been decided differently under plan {plan}.",
        "log.replay.before": "then",
        "log.replay.after": "now",
        "log.none": "(none)",
    },
}
