"""Human-facing phrases in Danish (default) and English; plan content itself is never translated."""

from __future__ import annotations

from collections.abc import Sequence

from .i18n_contract import CONTRACT_TEXTS
from .i18n_diff import DIFF_TEXTS
from .i18n_time import TIME_TEXTS
from .i18n_volumes import VOLUME_TEXTS
from .i18n_web import WEB_TEXTS

LANGUAGES = ("da", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "found.id": "Sagstypen er fundet ud fra sit id: {title}.",
        "found.title": "Sagstypen er fundet ud fra titel eller synonym: {title}.",
        "found.kle": "Sagstypen er fundet ud fra KLE-nummeret {kle}: {title}.",
        "found.cite": "Sagstypen er fundet ud fra planens egen tekst: {title}.",
        "found.former": "Sagstypen er fundet ud fra sit tidligere id {kle}, som nu hedder: {title}.",
        "found.words": "Sagstypen er fundet ud fra ordene «{kle}»: {title}.",
        "found.facts": "Sagstypen er valgt ud fra ordene «{kle}» og de oplyste fakta, som kun "
        "passer på dens beløbs- eller antalsgrænse: {title}.",
        "facts.read": "Fakta læst i teksten: {facts}.",
        "department.read": "Den afdeling, der har sagen, er læst i tekstens begyndelse: {body}.",
        "facts.clashing": "Teksten nævner flere værdier for {label} ({values}); ingen af dem er brugt."
        " Angiv den, der gælder for sagen, som faktum «{name}».",
        "facts.spread.within": "Teksten giver {label} som «{text}», dvs. {span}; hele spændet falder i"
        " samme bånd i planen, så svaret er det samme for enhver værdi i det.",
        "facts.spread.across": "Teksten giver kun {label} som «{text}», dvs. {span}, og en grænse i"
        " planen ligger i det spænd; derfor er de bånd, spændet rører, vist. Angiv det præcise tal som faktum «{name}».",
        "text.truncated": "Kun tekstens første {count} tegn er læst.",
        "uncovered.known": "Andre udkast fra samme kommune nævner sagstypen: {places}.",
        "uncovered.nearest": "Nærmeste sagstype, «{title}», passer på ordene «{words}», men teksten "
        "passer ikke tydeligt nok til, at den er valgt.",
        "known.depends": "afhænger af de oplyste fakta",
        "condition.held": "Betingelsen er opfyldt: {condition}.",
        "condition.none": "Reglen gælder uden beløbs- eller antalsgrænse.",
        "no.decider": "Planen siger ikke, hvem der beslutter; udgangspunktet gælder: {body}.",
        "no.rule": "Ingen regel for sagstypen omfatter de oplyste fakta ({facts}); "
        "udgangspunktet gælder: {body} beslutter.",
        "default": "Udgangspunktet (planens indledning): {text}",
        "depends": "Svaret afhænger af {facts}, som ikke er oplyst; se udfaldene nedenfor.",
        "fact.other": "Sagstypen bruger ikke {given} ({value}), men {needed}: angiv det som "
        '--fact {id}=... (i JSON: "facts": {{"{id}": ...}}).',
        "ambiguous": "Teksten passer på flere sagstyper; vælg en af kandidaterne.",
        "ambiguous.one": "Teksten passer måske på sagstypen nedenfor, men ikke tydeligt nok til, at den er "
        "valgt; bekræft den med dens id, eller skriv en mere præcis tekst.",
        "uncovered": "Planen nævner ikke sagstypen (delegationsplan {plan}).",
        "uncovered.department": "Udgangspunktet gælder for den angivne afdeling: {body}.",
        "uncovered.suggested": "Et forslag, ikke et svar: ud fra styrelsesvedtægtens områder hører "
        'sagen måske under {body} (området "{area}"). Angiv den ansvarlige '
        "afdeling, så udgangspunktet kan bestemmes.",
        "uncovered.unknown": "Angiv den ansvarlige afdeling (feltet «department»), så udgangspunktet "
        "kan bestemmes.",
        "caveat": "Forbehold: {text}",
        "note": "Bemærkning: {text}",
        "decides": "{body} beslutter.",
        "decides.if": "{when}; ellers gælder udgangspunktet.",
        "decides.when": "{body} beslutter, når {condition}",
        "decides.none": "Planen udpeger ingen beslutningstager.",
        "inform.before": "{body} orienteres før beslutningen",
        "inform.after": "{body} orienteres efterfølgende",
        "inform.periodic": "{body} orienteres periodisk",
        "inform.periodic.frequency": "{body} orienteres {frequency}",
        "channel.meeting": " på møde",
        "channel.mail": " pr. mail",
        "channel.unspecified": "",
        "involve": "{bodies} inddrages.",
        "involve.if": "{bodies} inddrages, når {condition}.",
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
        "candidates.one": "Mente du denne sagstype?",
        "candidates.hint": "Skriv sagstypens id eller en mere præcis tekst.",
        "candidates.matched": "passer på",
        "candidates.condition": "gælder ved",
        "depends.head": "Afhænger af {facts}:",
        "plans.case_types": "{count} sagstyper",
        "plan": "Plan",
        "case": "Sagstype",
        "and": "og",
        "or": "eller",
        "example": "fx",
        # delegation test, fmt and render
        "test.fail": "FEJL",
        "test.ok": "ok",
        "test.gap": "MANGLER EKSEMPEL {file}:{line}: plan {plan} · {case} · {band}",
        "test.any_value": "alle værdier",
        "test.none": "Ingen eksempler fundet.",
        "test.summary": "{plans} planer, {examples} eksempler: {passed} bestået, {failed} fejlet",
        "test.gaps": ", {gaps} bånd uden eksempel",
        "fmt.changed": "omformateret {path}",
        "fmt.would_change": "ville omformatere {path}",
        "fmt.summary": "{changed} af {files} filer {verb}",
        "fmt.verb.changed": "omformateret",
        "fmt.verb.would_change": "ville blive omformateret",
        "render.preamble": "Generelle regler",
        "render.departments": "Afdelinger og deres områder",
        "render.areas": "Herunder hører:",
        "render.municipality": "Kommune",
        "render.source": "Kilde",
        "render.date": "Dato",
        "render.document": "Dokumentnummer",
        "render.rule": "Reglen i regelfilen",
        "render.generated": "Dannet ud fra reglerne: {files}.",
        "render.months": "januar februar marts april maj juni juli august september oktober "
        "november december",
        "render.date_format": "{day}. {month} {year}",
        # delegation check
        "check.error": "fejl",
        "check.warning": "advarsel",
        "check.info": "info",
        "check.hint": "tip",
        "check.summary": "{plans}: {errors} fejl, {warnings} advarsler, {infos} info.",
        "check.where": " for {where} (fx {example})",
        "check.plans": "{count} planer",
        "check.any": "alle værdier",
        "check.empty": "regel '{rule}' gælder for ingen værdier: {condition} kan ikke være opfyldt",
        "check.empty.hint": "ret grænserne, så betingelsen kan være opfyldt, eller slet reglen",
        "check.shadowed": "regel '{rule}' i '{title}' bruges aldrig: hvor den gælder, gælder allerede "
        "{earlier}",
        "check.shadowed.hint": "slet reglen, eller gør den tidligere regels betingelse snævrere",
        "check.overlap": "reglerne '{first}' og '{later}' i '{title}' gælder begge for {where} "
        "(fx {example}) med forskelligt udfald: {one} / {other}",
        "check.overlap.hint": "gør betingelserne udelukkende; ved overlap bruges kun den første regel",
        "check.same": "reglerne '{first}' og '{later}' i '{title}' gælder begge for {where} "
        "(fx {example}) med samme udfald",
        "check.same.hint": "slå reglerne sammen (flere cite-linjer er tilladt), eller gør betingelserne "
        "udelukkende",
        "check.gap": "'{title}': ingen regel for {where} (fx {example}); sådanne sager falder til "
        "udgangspunktet: {body} beslutter",
        "check.gap.hint": "tilsigtet, hvis planen ikke nævner disse værdier; ellers tilføj en regel",
        "check.statutory": "'{title}' er lovbestemt, men {body} beslutter; en lovbestemt sag kan ikke "
        "delegeres fra {council}",
        "check.statutory.hint": "lad {council} beslutte (decides {council_id}), eller ret grundlaget, "
        "hvis sagen ikke er lovbestemt",
        "check.briefed_self": "{body} beslutter selv i '{title}' og kan ikke orienteres før sin egen "
        "beslutning",
        "check.briefed_self.hint": "orientér det organ, planen nævner (fx det stående udvalg), eller ret "
        "beslutningstageren",
        "check.informed_self": "{body} beslutter selv i '{title}' og orienteres om sin egen beslutning",
        "check.informed_self.hint": "slet orienteringen, eller ret organet",
        "check.procedural": "'{title}' har kun procedurekrav og ingen beslutningstager ({where}); "
        "udgangspunktet gælder: {body} beslutter",
        "check.procedural.hint": "skriv 'decides', hvis planen siger, hvem der beslutter; ellers er "
        "udgangspunktet tilsigtet",
        "check.duplicate_title": "titlen '{title}' står to gange i planen ('{first}' og '{later}') med "
        "forskellige beslutningstagere: {one} / {other}{where}",
        "check.duplicate_title.hint": "sandsynligvis en redigeringsfejl: slå sagstyperne sammen, eller "
        "giv dem hver sin titel",
        "check.shared_cite": "'{first}' og '{later}' citerer samme punkt i planen, men har forskellige "
        "beslutningstagere: {one} / {other}{where}",
        "check.shared_cite.hint": "kontrollér, at punktet virkelig dækker to sagstyper, og skriv "
        "fortolkningen ved reglen",
        "check.no_council": "planen har intet øverste organ (et organ med 'kind council')",
        "check.no_council.hint": "erklær kommunalbestyrelsen med: kind council",
        "check.two_councils": "planen har mere end ét øverste organ: {bodies}",
        "check.cycle": "delegationen går i ring: {chain}",
        "check.cycle.hint": "fjern en af kanterne i 'delegates to', så kæden har en begyndelse",
        "check.unreachable": "{body} træffer beslutninger efter planen, men ingen delegation fører fra "
        "{council} til {body}",
        "check.unreachable.relative": "{body} træffer beslutninger efter planen og står for {members}, "
        "men {missing} kan ikke nås fra {council} gennem delegation",
        "check.unreachable.hint": "tilføj {id} under 'delegates to' hos {council} eller hos et organ, "
        "som {council} delegerer til",
        "check.orphan": "{body} er uden for delegationskæden og nævnes ingen steder i planen",
        "check.orphan.hint": "slet organet, eller brug det i en regel eller i 'delegates to'",
        # delegation graph and delegation body
        "graph.committee": "stående udvalg",
        "graph.decides": "beslutter",
        "graph.recommends": "indstiller",
        "graph.involve": "inddrages",
        "graph.inform": "orienteres",
        "graph.before": "orienteres før",
        "graph.after": "orienteres efter",
        "graph.periodic": "orienteres periodisk",
        "graph.no_section": "Uden for planens afsnit",
        "graph.legend": "Tykke blå pile: delegerer til · grønne: beslutter (antal sagstyper) · "
        "stiplede: orienteres, inddrages, indstiller",
        "graph.case_types": "{count} sagstyper",
        "body.head": "Ledes af",
        "body.committee": "Stående udvalg",
        "body.from": "Får kompetence delegeret fra",
        "body.to": "Delegerer til",
        "body.nothing": "{body} har ingen opgaver i planens sagstyper.",
        "body.decides": "Beslutter",
        "body.recommends": "Indstiller",
        "body.involve": "Inddrages",
        "body.before": "Orienteres før beslutningen",
        "body.after": "Orienteres efterfølgende",
        "body.periodic": "Orienteres periodisk",
        "body.via": "som {body}",
        "body.only_when": "kun når {condition}",
        **DIFF_TEXTS["da"],
        **WEB_TEXTS["da"],
        **CONTRACT_TEXTS["da"],
        **VOLUME_TEXTS["da"],
        **TIME_TEXTS["da"],
    },
    "en": {
        "found.id": "Case type found by its id: {title}.",
        "found.title": "Case type found by title or alias: {title}.",
        "found.kle": "Case type found by the KLE number {kle}: {title}.",
        "found.cite": "Case type found by the plan's own words: {title}.",
        "found.former": "Case type found by its former id {kle}, now: {title}.",
        "found.words": 'Case type found by the words "{kle}": {title}.',
        "found.facts": 'Case type chosen by the words "{kle}" and the given facts, which fit only '
        "its amount or count threshold: {title}.",
        "facts.read": "Facts read from the text: {facts}.",
        "department.read": "The department that has the case is read from the start of the text: {body}.",
        "facts.clashing": "The text gives {label} more than one value ({values}); none of them is used."
        " Give the one that applies to the case as the fact '{name}'.",
        "facts.spread.within": 'The text gives {label} as "{text}", that is {span}; the whole span'
        " falls in one band of the plan, so the answer is the same for any value in it.",
        "facts.spread.across": 'The text gives {label} only as "{text}", that is {span}, and a threshold'
        " of the plan lies within that span, so the bands it meets are shown. Give the exact figure as the fact '{name}'.",
        "text.truncated": "Only the first {count} characters of the text were read.",
        "uncovered.known": "Other drafts of the same municipality list the case type: {places}.",
        "uncovered.nearest": 'The nearest case type, "{title}", fits the words "{words}", but the text '
        "does not fit it clearly enough for it to be chosen.",
        "known.depends": "depends on the given facts",
        "condition.held": "The condition holds: {condition}.",
        "condition.none": "The rule applies without an amount or count threshold.",
        "no.decider": "The plan does not say who decides; the default competence applies: {body}.",
        "no.rule": "No rule of the case type covers the given facts ({facts}); "
        "the default competence applies: {body} decides.",
        "default": "The default competence (the plan's preamble): {text}",
        "depends": "The answer depends on {facts}, which was not given; see the outcomes below.",
        "fact.other": "The case type does not use {given} ({value}) but {needed}: give it as "
        '--fact {id}=... (in JSON: "facts": {{"{id}": ...}}).',
        "ambiguous": "The text fits several case types; choose one of the candidates.",
        "ambiguous.one": "The text may fit the case type below, but not clearly enough for it to be "
        "chosen; confirm it by its id, or write a more precise text.",
        "uncovered": "The plan does not list the case type (delegation plan {plan}).",
        "uncovered.department": "The default competence applies to the given department: {body}.",
        "uncovered.suggested": "A suggestion, not an answer: by the areas of the styrelsesvedtægt the "
        'case may belong to {body} (area "{area}"). Name the responsible '
        "department to determine the default competence.",
        "uncovered.unknown": 'Name the responsible department (the field "department") to determine '
        "the default competence.",
        "caveat": "Caveat: {text}",
        "note": "Note: {text}",
        "decides": "{body} decides.",
        "decides.if": "{when}; otherwise the default competence applies.",
        "decides.when": "{body} decides when: {condition} (the plan's words)",
        "decides.none": "The plan names no decision maker.",
        "inform.before": "{body} is briefed before the decision",
        "inform.after": "{body} is informed afterwards",
        "inform.periodic": "{body} is informed periodically",
        "inform.periodic.frequency": '{body} is informed periodically ("{frequency}")',
        "channel.meeting": " at a meeting",
        "channel.mail": " by e-mail",
        "channel.unspecified": "",
        "involve": "{bodies} must be involved.",
        "involve.if": "{bodies} is involved when: {condition} (the plan's words).",
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
        "candidates.one": "Did you mean this case type?",
        "candidates.matched": "fits",
        "candidates.condition": "applies when",
        "candidates.hint": "Give the case type's id or a more precise text.",
        "depends.head": "Depends on {facts}:",
        "plans.case_types": "{count} case types",
        "plan": "Plan",
        "case": "Case type",
        "and": "and",
        "or": "or",
        "example": "e.g.",
        # delegation test, fmt and render
        "test.fail": "FAIL",
        "test.ok": "ok",
        "test.gap": "NO EXAMPLE {file}:{line}: plan {plan} · {case} · {band}",
        "test.any_value": "any value",
        "test.none": "No examples found.",
        "test.summary": "{plans} plans, {examples} examples: {passed} passed, {failed} failed",
        "test.gaps": ", {gaps} bands without an example",
        "fmt.changed": "reformatted {path}",
        "fmt.would_change": "would reformat {path}",
        "fmt.summary": "{changed} of {files} files {verb}",
        "fmt.verb.changed": "reformatted",
        "fmt.verb.would_change": "would be reformatted",
        "render.preamble": "General rules",
        "render.departments": "Departments and their areas",
        "render.areas": "Areas:",
        "render.municipality": "Municipality",
        "render.source": "Source",
        "render.date": "Date",
        "render.document": "Document no.",
        "render.rule": "The rule in the rules file",
        "render.generated": "Generated from the rules: {files}.",
        "render.months": "January February March April May June July August September October "
        "November December",
        "render.date_format": "{day} {month} {year}",
        # delegation check
        "check.error": "error",
        "check.warning": "warning",
        "check.info": "info",
        "check.hint": "hint",
        "check.summary": "{plans}: {errors} error(s), {warnings} warning(s), {infos} info.",
        "check.where": " for {where} (e.g. {example})",
        "check.plans": "{count} plans",
        "check.any": "any value",
        "check.empty": "rule '{rule}' applies to no value: {condition} cannot hold",
        "check.empty.hint": "correct the limits so that the condition can hold, or delete the rule",
        "check.shadowed": "rule '{rule}' of '{title}' never applies: wherever it matches, {earlier} "
        "already does",
        "check.shadowed.hint": "delete the rule, or narrow the earlier rule's condition",
        "check.overlap": "rules '{first}' and '{later}' of '{title}' both match {where} "
        "(e.g. {example}) with different outcomes: {one} / {other}",
        "check.overlap.hint": "make the conditions exclusive; where rules overlap only the first applies",
        "check.same": "rules '{first}' and '{later}' of '{title}' both match {where} "
        "(e.g. {example}) with the same outcome",
        "check.same.hint": "merge the rules (several cite lines are allowed), or make the conditions "
        "exclusive",
        "check.gap": "'{title}': no rule for {where} (e.g. {example}); such cases fall to the default "
        "competence: {body} decides",
        "check.gap.hint": "intended if the plan does not name these values; otherwise add a rule",
        "check.statutory": "'{title}' is statutory (lovbestemt), but {body} decides; a statutory matter "
        "cannot be delegated by {council}",
        "check.statutory.hint": "let {council} decide (decides {council_id}), or correct the basis if "
        "the matter is not statutory",
        "check.briefed_self": "{body} decides '{title}' itself and cannot be briefed before its own decision",
        "check.briefed_self.hint": "brief the body the plan names (e.g. the standing committee), or "
        "correct the decider",
        "check.informed_self": "{body} decides '{title}' itself and is informed about its own decision",
        "check.informed_self.hint": "delete the briefing, or correct the body",
        "check.procedural": "'{title}' has only procedural requirements and no decider ({where}); "
        "the default competence applies: {body} decides",
        "check.procedural.hint": "write 'decides' if the plan says who decides; otherwise the default "
        "is intended",
        "check.duplicate_title": "the title '{title}' stands twice in the plan ('{first}' and '{later}') "
        "with different deciders: {one} / {other}{where}",
        "check.duplicate_title.hint": "probably an editing error: merge the case types, or give each "
        "its own title",
        "check.shared_cite": "'{first}' and '{later}' cite the same bullet of the plan but name "
        "different deciders: {one} / {other}{where}",
        "check.shared_cite.hint": "make sure the bullet really covers two case types, and write the "
        "reading at the rule",
        "check.no_council": "the plan has no supreme body (a body with 'kind council')",
        "check.no_council.hint": "declare the municipal council with: kind council",
        "check.two_councils": "the plan has more than one supreme body: {bodies}",
        "check.cycle": "delegation runs in a circle: {chain}",
        "check.cycle.hint": "remove one of the 'delegates to' edges so that the chain has a start",
        "check.unreachable": "{body} decides under the plan, but no delegation leads from "
        "{council} to {body}",
        "check.unreachable.relative": "{body} decides under the plan and stands for {members}, "
        "but {missing} cannot be reached from {council} by delegation",
        "check.unreachable.hint": "add {id} to 'delegates to' of {council} or of a body {council} "
        "delegates to",
        "check.orphan": "{body} is outside the delegation chain and the plan mentions it nowhere",
        "check.orphan.hint": "delete the body, or use it in a rule or in 'delegates to'",
        # delegation graph and delegation body
        "graph.committee": "standing committee",
        "graph.decides": "decides",
        "graph.recommends": "recommends",
        "graph.involve": "involved",
        "graph.inform": "informed",
        "graph.before": "briefed before",
        "graph.after": "informed after",
        "graph.periodic": "informed periodically",
        "graph.no_section": "Outside the plan's sections",
        "graph.legend": "Thick blue arrows: delegates to · green: decides (number of case types) · "
        "dashed: informed, involved, recommends",
        "graph.case_types": "{count} case types",
        "body.head": "Headed by",
        "body.committee": "Standing committee",
        "body.from": "Competence delegated from",
        "body.to": "Delegates to",
        "body.nothing": "{body} has no part in the plan's case types.",
        "body.decides": "Decides",
        "body.recommends": "Recommends",
        "body.involve": "Involved",
        "body.before": "Briefed before the decision",
        "body.after": "Informed afterwards",
        "body.periodic": "Informed periodically",
        "body.via": "as {body}",
        "body.only_when": "only when: {condition}",
        **DIFF_TEXTS["en"],
        **WEB_TEXTS["en"],
        **CONTRACT_TEXTS["en"],
        **VOLUME_TEXTS["en"],
        **TIME_TEXTS["en"],
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The phrase for key in lang (Danish when lang is unknown), filled in."""
    table = _TEXTS.get(lang, _TEXTS["da"])
    filled = table[key].format(**values)
    # A value that ends a sentence with its own abbreviation dot ("500.000 kr.") needs no second one.
    return filled[:-1] if filled.endswith("..") and not filled.endswith("...") else filled


def date_text(iso: str | None, lang: str = "da") -> str:
    """2025-04-08 -> "8. april 2025" (or "8 April 2025"); a date that is not one, as written."""
    parts = (iso or "").split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or not 1 <= int(parts[1]) <= 12:
        return iso or ""
    year, month, day = (int(part) for part in parts)
    months = text(lang, "render.months").split()
    return text(lang, "render.date_format", day=day, month=months[month - 1], year=year)


def listing(items: Sequence[str], lang: str, conjunction: str = "and") -> str:
    """Names in a sentence: "A", "A og B", "A, B og C" ("A, B eller C" with conjunction "or")."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {text(lang, conjunction)} " + items[-1]


def inform_phrase(body: str, when: str, channel: str, lang: str, frequency: str | None = None) -> str:
    """Who is told, when and how, without a full stop: "ØEU orienteres før beslutningen på møde",
    "Byrådet orienteres årligt på møde" (how often in the plan's words, when it says)."""
    key = f"inform.{when}.frequency" if frequency and when == "periodic" else f"inform.{when}"
    return text(lang, key, body=body, frequency=frequency) + text(lang, f"channel.{channel}")
