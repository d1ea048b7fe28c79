"""Messages of plans in time: dates, the plan in force on a day, the history, the decision log."""

from __future__ import annotations

TIME_MESSAGES: dict[str, dict[str, str]] = {
    "time.impossible": {
        "da": "datoen {date} findes ikke i kalenderen",
        "en": "the date {date} is not in the calendar",
    },
    "time.draft_in_force": {
        "da": "et udkast har hverken ikrafttræden eller vedtagelse",
        "en": "a draft has neither a period in force nor an adoption",
    },
    "time.draft_in_force.hint": {
        "da": "skriv 'status adopted', når byrådet har vedtaget planen",
        "en": "write 'status adopted' once the council has adopted the plan",
    },
    "time.no_start": {
        "da": "en plan med status {status} skal have en dato for ikrafttræden",
        "en": "a plan with status {status} needs the date it comes into force",
    },
    "time.inverted": {
        "da": "planen ophører ({end}) før den træder i kraft ({start})",
        "en": "the plan ends ({end}) before it comes into force ({start})",
    },
    "time.repealed_open": {
        "da": "en ophævet plan skal have en slutdato (until)",
        "en": "a repealed plan needs an end date (until)",
    },
    "asof.malformed": {"da": "'{value}' er ikke en dato", "en": "'{value}' is not a date"},
    "asof.impossible": {
        "da": "datoen {value} findes ikke i kalenderen",
        "en": "the date {value} is not in the calendar",
    },
    "asof.hint": {
        "da": "skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-03-12",
        "en": "write the date as YYYY-MM-DD, e.g. 2026-03-12",
    },
    "asof.none": {
        "da": "Ingen plan for {municipality} var i kraft den {date}.",
        "en": "No plan of {municipality} was in force on {date}.",
    },
    "asof.before": {
        "da": "Den {date} ligger før den første plan for {municipality} trådte i kraft ({first}).",
        "en": "{date} lies before the first plan of {municipality} came into force ({first}).",
    },
    "asof.drafts": {
        "da": "udkast: {drafts} (spørg et udkast med --plan)",
        "en": "drafts: {drafts} (ask a draft with --plan)",
    },
    "asof.no_drafts": {
        "da": "kommunen har ingen udkast i regelmappen",
        "en": "the municipality has no drafts in the rules folder",
    },
    "asof.no_plans": {"da": "regelmappen har ingen planer", "en": "the rules folder has no plans"},
    "asof.several": {
        "da": "flere kommuners planer er i kraft ({plans}); spørg en af dem: /plans/ID/decide",
        "en": "plans of several municipalities are in force ({plans}); ask one: /plans/ID/decide",
    },
    "history.none": {
        "da": "Ingen af planerne kender sagstypen «{case}».",
        "en": "None of the plans knows the case type «{case}».",
    },
    "history.ambiguous": {
        "da": "«{case}» passer på flere sagstyper: {candidates}.",
        "en": "«{case}» fits several case types: {candidates}.",
    },
    "history.ambiguous.hint": {"da": "angiv sagstypens id", "en": "give the case type's id"},
    "log.no_psycopg": {
        "da": "en PostgreSQL-log kræver psycopg: pip install 'delegation[postgres]'",
        "en": "a PostgreSQL log needs psycopg: pip install 'delegation[postgres]'",
    },
    "log.scheme": {
        "da": "beslutningsloggen '{url}' er hverken en filsti, sqlite:///... eller postgresql://...",
        "en": "the decision log '{url}' is neither a file path, sqlite:///... nor postgresql://...",
    },
    "log.folder": {
        "da": "mappen til beslutningsloggen {path} findes ikke",
        "en": "the folder of the decision log {path} does not exist",
    },
    "log.missing": {
        "da": "beslutningsloggen {path} findes ikke",
        "en": "the decision log {path} does not exist",
    },
    "log.unreachable": {
        "da": "kan ikke åbne beslutningsloggen {url}: {error}",
        "en": "cannot open the decision log {url}: {error}",
    },
    "log.full": {
        "da": "beslutningsloggen kan ikke følge med: {pending} beslutninger venter på at blive skrevet; "
        "prøv igen om lidt (en beslutning svares kun, når den kan logges)",
        "en": "the decision log cannot keep up: {pending} decisions wait to be written; try again shortly "
        "(a decision is answered only when it can be logged)",
    },
    "log.unsafe": {
        "da": "beslutningsloggen {path} tilhører en anden bruger eller kan skrives af andre; "
        "den rummer, hvad brugerne har spurgt om",
        "en": "the decision log {path} belongs to another user or others can write it; "
        "it holds what users asked",
    },
    "time.no_start.hint": {
        "da": "skriv fx: in_force from ÅÅÅÅ-MM-DD",
        "en": "write e.g.: in_force from YYYY-MM-DD",
    },
    "time.repealed_open.hint": {
        "da": "skriv fx: in_force from ... until ÅÅÅÅ-MM-DD",
        "en": "write e.g.: in_force from ... until YYYY-MM-DD",
    },
}
