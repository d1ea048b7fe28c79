"""Human-facing phrases in Danish (default) and English; plan content itself is never translated."""

from __future__ import annotations

LANGUAGES = ("da", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "found.id": "Sagstypen er fundet ud fra sit id: {title}.",
        "found.title": "Sagstypen er fundet ud fra titel eller synonym: {title}.",
        "found.fuzzy": "Sagstypen er fundet ved tilnærmet søgning: {title}.",
        "found.kle": "Sagstypen er fundet ud fra KLE-nummeret {kle}: {title}.",
        "condition.held": "Betingelsen er opfyldt: {condition}.",
        "condition.none": "Reglen gælder uden beløbs- eller antalsgrænse.",
        "no.decider": "Planen siger ikke, hvem der beslutter; udgangspunktet gælder: {body}.",
        "no.rule": "Ingen regel for sagstypen omfatter de oplyste fakta ({facts}); "
                   "udgangspunktet gælder: {body} beslutter.",
        "default": "Udgangspunktet (planens indledning): {text}",
        "depends": "Svaret afhænger af {facts}, som ikke er oplyst; se udfaldene nedenfor.",
        "ambiguous": "Teksten passer på flere sagstyper; vælg en af kandidaterne.",
        "uncovered": "Sagstypen er ikke omfattet af delegationsplanen {plan}.",
        "uncovered.department": "Udgangspunktet gælder for den angivne afdeling: {body}.",
        "uncovered.suggested": "Forslag ud fra styrelsesvedtægtens områder: {body} "
                               "(området \"{area}\"). Angiv --department for at være sikker.",
        "uncovered.unknown": "Angiv den ansvarlige afdeling (--department), så udgangspunktet kan "
                             "bestemmes.",
        "caveat": "Forbehold: {text}",
        "note": "Bemærkning: {text}",
        "relative": "{relative} er her {body}.",
        "decides": "{body} beslutter.",
        "decides.none": "Planen udpeger ingen beslutningstager.",
        "inform.before": "{body} orienteres før beslutningen",
        "inform.after": "{body} orienteres efterfølgende",
        "inform.periodic": "{body} orienteres løbende",
        "channel.meeting": " på møde",
        "channel.mail": " pr. mail",
        "channel.unspecified": "",
        "involve": "{bodies} inddrages.",
        "recommends": "Efter indstilling fra {bodies}.",
        "basis": "Grundlag",
        "basis.lovbestemt": "lovbestemt",
        "basis.byraadsbestemt": "byrådsbestemt",
        "basis.praksis": "praksis",
        "basis.procedurekrav": "byrådsbesluttet procedurekrav",
        "basis.default": "udgangspunktet (styrelsesvedtægten)",
        "rule": "Regel",
        "citation": "Planens tekst",
        "why": "Begrundelse",
        "candidates": "Flere sagstyper passer:",
        "candidates.hint": "Skriv sagstypens id eller en mere præcis tekst.",
        "depends.head": "Afhænger af {facts}:",
        "plan": "Plan",
        "case": "Sagstype",
        "and": "og",
        "example": "fx",
        "otherwise": "ellers",
    },
    "en": {
        "found.id": "Case type found by its id: {title}.",
        "found.title": "Case type found by title or alias: {title}.",
        "found.fuzzy": "Case type found by approximate search: {title}.",
        "found.kle": "Case type found by the KLE number {kle}: {title}.",
        "condition.held": "The condition holds: {condition}.",
        "condition.none": "The rule applies without an amount or count threshold.",
        "no.decider": "The plan does not say who decides; the default competence applies: {body}.",
        "no.rule": "No rule of the case type covers the given facts ({facts}); "
                   "the default competence applies: {body} decides.",
        "default": "The default competence (the plan's preamble): {text}",
        "depends": "The answer depends on {facts}, which was not given; see the outcomes below.",
        "ambiguous": "The text fits several case types; choose one of the candidates.",
        "uncovered": "The case type is not covered by delegation plan {plan}.",
        "uncovered.department": "The default competence applies to the given department: {body}.",
        "uncovered.suggested": "Suggested from the areas of the styrelsesvedtægt: {body} "
                               "(area \"{area}\"). Give --department to be sure.",
        "uncovered.unknown": "Give the responsible department (--department) to determine the "
                             "default competence.",
        "caveat": "Caveat: {text}",
        "note": "Note: {text}",
        "relative": "{relative} is here {body}.",
        "decides": "{body} decides.",
        "decides.none": "The plan names no decision maker.",
        "inform.before": "{body} is briefed before the decision",
        "inform.after": "{body} is informed afterwards",
        "inform.periodic": "{body} is informed periodically",
        "channel.meeting": " at a meeting",
        "channel.mail": " by e-mail",
        "channel.unspecified": "",
        "involve": "{bodies} must be involved.",
        "recommends": "On the recommendation of {bodies}.",
        "basis": "Basis",
        "basis.lovbestemt": "statutory (lovbestemt)",
        "basis.byraadsbestemt": "decided by the council (byrådsbestemt)",
        "basis.praksis": "practice (praksis)",
        "basis.procedurekrav": "procedural requirement (procedurekrav)",
        "basis.default": "default competence (styrelsesvedtægten)",
        "rule": "Rule",
        "citation": "Plan text",
        "why": "Why",
        "candidates": "Several case types fit:",
        "candidates.hint": "Give the case type's id or a more precise text.",
        "depends.head": "Depends on {facts}:",
        "plan": "Plan",
        "case": "Case type",
        "and": "and",
        "example": "e.g.",
        "otherwise": "otherwise",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The phrase for key in lang (Danish when lang is unknown), filled in."""
    table = _TEXTS.get(lang, _TEXTS["da"])
    filled = table[key].format(**values)
    # A value that ends a sentence with its own abbreviation dot ("500.000 kr.") needs no second one.
    return filled[:-1] if filled.endswith("..") and not filled.endswith("...") else filled
