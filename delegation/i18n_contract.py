"""The phrases of the rules folder's choice, the bodies list and the one-line answer (merged into i18n)."""

from __future__ import annotations

CONTRACT_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "answer.depends": "Afhænger af {facts}, som ikke er oplyst.",
        "rules.footer": "Regler: {folder} ({about})",
        "rules.origin.option": "--rules",
        "rules.origin.env": "DELEGATION_RULES",
        "rules.origin.project": "{file}",
        "rules.origin.builtin": "de indbyggede regler",
        "bodies.title": "Organer i plan {plan}",
        "bodies.headed": "ledes af {head}",
        "bodies.relative": "afhænger af sagen",
        "kind.council": "kommunalbestyrelse",
        "kind.executive": "magistrat",
        "kind.committee": "udvalg",
        "kind.department": "forvaltning",
        "kind.group": "ledelsesgruppe",
    },
    "en": {
        "answer.depends": "Depends on {facts}, which was not given.",
        "rules.footer": "Rules: {folder} ({about})",
        "rules.origin.option": "--rules",
        "rules.origin.env": "DELEGATION_RULES",
        "rules.origin.project": "{file}",
        "rules.origin.builtin": "the built-in rules",
        "bodies.title": "Bodies of plan {plan}",
        "bodies.headed": "headed by {head}",
        "bodies.relative": "depends on the case",
        "kind.council": "municipal council",
        "kind.executive": "executive committee",
        "kind.committee": "committee",
        "kind.department": "department",
        "kind.group": "management group",
    },
}
