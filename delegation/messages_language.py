"""Messages of the language stage: reading, parsing, assembling and validating rules files."""

from __future__ import annotations

LANGUAGE_MESSAGES: dict[str, dict[str, str]] = {
    # Reading a file (language/sources.py, language/assemble.py).
    "source.missing": {"da": "{name}: regelfilen findes ikke", "en": "{name}: no such rules file"},
    "source.directory": {
        "da": "{name}: er en mappe, ikke en regelfil",
        "en": "{name}: is a directory, not a rules file",
    },
    "source.not_regular": {"da": "{name}: ikke en almindelig fil", "en": "{name}: not a regular file"},
    "source.unreadable": {
        "da": "{name}: kan ikke læses ({reason})",
        "en": "{name}: cannot be read ({reason})",
    },
    "source.too_large": {
        "da": "{name}: filen er for stor ({size} byte; grænsen er {limit})",
        "en": "{name}: file is too large ({size} bytes; the limit is {limit})",
    },
    "source.not_utf8": {
        "da": "{name}: ikke UTF-8-tekst (byte {offset} er {byte})",
        "en": "{name}: not UTF-8 text (byte {offset} is {byte})",
    },
    "source.not_utf8.hint": {"da": "gem regelfilen som UTF-8", "en": "save the rules file as UTF-8"},
    "source.empty": {"da": "{name}: filen er tom", "en": "{name}: file is empty"},
    "assemble.file_name": {
        "da": "{name}: kan ikke bruges som filnavn ({reason})",
        "en": "{name}: not a usable file name ({reason})",
    },
    "assemble.outside": {
        "da": "{name}: ligger uden for regelmappen {root}",
        "en": "{name}: outside the rules folder {root}",
    },
    "assemble.outside.hint": {
        "da": "brug kun include og extends med filer i planens egen mappe (eller under den)",
        "en": "include and extend only files in the plan's own folder (or below it)",
    },
    "assemble.cycle": {
        "da": "filerne inkluderer hinanden i ring: {chain}",
        "en": "include cycle: {chain}",
    },
    "assemble.no_plan": {"da": "ingen 'plan'-erklæring", "en": "no 'plan' declaration"},
    "assemble.no_plan.hint": {
        "da": 'begynd filen med: plan ID {{ title "..." }}',
        "en": 'start the file with: plan ID {{ title "..." }}',
    },
    "assemble.include_plan": {
        "da": "en inkluderet fil må ikke erklære en plan",
        "en": "an included file must not declare a plan",
    },
    "assemble.include_plan.hint": {
        "da": "brug 'extends' for at bygge videre på en anden plan",
        "en": "use 'extends' to build on another plan",
    },
    "assemble.repeated": {"da": "{what} er angivet mere end én gang", "en": "{what} is given more than once"},
    "assemble.repeated.hint": {"da": "behold én; den første bruges", "en": "keep one; the first is used"},
    "assemble.override": {
        "da": "override af ukendt sagstype '{case}'",
        "en": "override of unknown case type '{case}'",
    },
    "assemble.override.hint": {
        "da": "der er intet at erstatte; skriv 'case' i stedet",
        "en": "there is nothing to override; write 'case' instead",
    },
    "assemble.remove": {
        "da": "remove af ukendt sagstype '{case}'",
        "en": "remove of unknown case type '{case}'",
    },
    "assemble.duplicate": {
        "da": "id'et '{id}' ({kind}) er erklæret to gange (første gang i {first})",
        "en": "duplicate {kind} id '{id}' (first defined at {first})",
    },
    "assemble.duplicate.hint": {
        "da": "brug 'override case' for at erstatte en sagstype fra en plan, der bygges videre på",
        "en": "use 'override case' to replace a case type from an extended plan",
    },
    "noun.body": {"da": "organ", "en": "body"},
    "noun.fact": {"da": "faktum", "en": "fact"},
    "noun.section": {"da": "afsnit", "en": "section"},
    "noun.category": {"da": "kategori", "en": "category"},
    "noun.case_type": {"da": "sagstype", "en": "case type"},
    # Parsing (language/parse.py, language/syntax_errors.py).
    "parse.parentheses": {
        "da": "parenteser indlejret mere end {limit} niveauer",
        "en": "parentheses nested more than {limit} deep",
    },
    "parse.parentheses.hint": {
        "da": "skriv betingelsen med færre parenteser",
        "en": "write the condition with fewer parentheses",
    },
    "parse.callback": {"da": "kan ikke læse {part}: {detail}", "en": "cannot read {part}: {detail}"},
    "part.rule": {"da": "denne regel", "en": "this rule"},
    "part.condition": {"da": "denne betingelse", "en": "this condition"},
    "part.quantity": {"da": "dette tal", "en": "this number"},
    "part.other": {"da": "denne del ({name})", "en": "this {name}"},
    "parse.detail": {"da": "{detail}", "en": "{detail}"},
    "parse.empty_condition": {
        "da": "'if' skal have planens betingelse, ikke en tom tekst",
        "en": "'if' needs the plan's condition, not an empty text",
    },
    "parse.example_condition": {
        "da": "et eksempel siger, hvem der beslutter; betingelsen ('if') hører til reglen",
        "en": "an example says who decides; the condition ('if') belongs to the rule",
    },
    "parse.involve_if": {
        "da": "en regel kan have én 'involve ... if' og ingen anden 'involve'",
        "en": "a rule may have one 'involve ... if' and no other 'involve'",
    },
    "parse.nesting": {
        "da": "betingelser indlejret mere end {limit} grupper dybt",
        "en": "conditions nested more than {limit} groups deep",
    },
    "parse.terms": {
        "da": "en betingelse med mere end {limit} led i én og/eller-gruppe",
        "en": "a condition of more than {limit} terms in one and/or group",
    },
    "parse.quantity": {
        "da": "{number}: et tal over {limit} er ikke en grænse",
        "en": "{number}: a number over {limit} is not a threshold",
    },
    "syntax.character": {"da": "uventet tegn {found}", "en": "unexpected character {found}"},
    "syntax.character.expected": {
        "da": "uventet tegn {found}; forventede {expected}",
        "en": "unexpected character {found}; expected {expected}",
    },
    "syntax.eof": {"da": "filen slutter for tidligt", "en": "unexpected end of file"},
    "syntax.eof.expected": {
        "da": "filen slutter for tidligt; forventede {expected}",
        "en": "unexpected end of file; expected {expected}",
    },
    "syntax.token": {"da": "uventet {found}", "en": "unexpected {found}"},
    "syntax.token.expected": {
        "da": "uventet {found}; forventede {expected}",
        "en": "unexpected {found}; expected {expected}",
    },
    "syntax.expected": {"da": "{items}", "en": "{items}"},
    "syntax.or": {"da": "eller", "en": "or"},
    "syntax.name": {"da": "et navn (bogstaver, cifre, _)", "en": "a name (letters, digits, _)"},
    "syntax.string": {"da": 'en tekst i anførselstegn ("...")', "en": 'a quoted string ("...")'},
    "syntax.number": {"da": "et tal (500.000, 2 mio.)", "en": "a number (500.000, 2 mio.)"},
    "syntax.date": {"da": "en dato (ÅÅÅÅ-MM-DD)", "en": "a date (YYYY-MM-DD)"},
    "syntax.comparator": {"da": "en sammenligning (>, >=, <, <=)", "en": "a comparison (>, >=, <, <=)"},
    "syntax.multiplier": {"da": "mio. eller mia.", "en": "mio. or mia."},
    "syntax.unit": {"da": "en enhed (kr.)", "en": "a unit (kr.)"},
    "syntax.end": {"da": "filens slutning", "en": "the end of the file"},
    "syntax.string.hint": {
        "da": 'er en tekst ikke afsluttet? hvert " skal have et afsluttende "',
        "en": 'is a string not closed? every " needs a closing "',
    },
    "syntax.brace.hint": {"da": "mangler der en afsluttende '}}'?", "en": "is a closing '}}' missing?"},
    # Validation (language/validate.py): {kind} names the table the reference was looked up in.
    "validate.unknown.body": {"da": "ukendt organ '{name}'", "en": "unknown body '{name}'"},
    "validate.unknown.fact": {"da": "ukendt faktum '{name}'", "en": "unknown fact '{name}'"},
    "validate.unknown.section": {"da": "ukendt afsnit '{name}'", "en": "unknown section '{name}'"},
    "validate.unknown.category": {"da": "ukendt kategori '{name}'", "en": "unknown category '{name}'"},
    "validate.unknown.department": {"da": "ukendt afdeling '{name}'", "en": "unknown department '{name}'"},
    "validate.known.body": {"da": "kendte organer: {ids}", "en": "known body ids: {ids}"},
    "validate.known.fact": {"da": "kendte fakta: {ids}", "en": "known fact ids: {ids}"},
    "validate.known.section": {"da": "kendte afsnit: {ids}", "en": "known section ids: {ids}"},
    "validate.known.category": {"da": "kendte kategorier: {ids}", "en": "known category ids: {ids}"},
    "validate.known.department": {"da": "kendte organer: {ids}", "en": "known department ids: {ids}"},
    "validate.body_name": {"da": "organet '{body}' har intet navn", "en": "body '{body}' has no name"},
    "validate.body_name.hint": {"da": 'tilføj: name "..."', "en": 'add: name "..."'},
    "validate.not_committee": {"da": "'{body}' er ikke et udvalg", "en": "'{body}' is not a committee"},
    "validate.not_department": {"da": "'{body}' er ikke en afdeling", "en": "'{body}' is not a department"},
    "validate.case_title": {
        "da": "sagstypen '{case}' har ingen titel",
        "en": "case type '{case}' has no title",
    },
    "validate.case_title.hint": {
        "da": 'tilføj punktets ordlyd: title "..."',
        "en": 'add the bullet\'s wording: title "..."',
    },
    "validate.case_home": {
        "da": "sagstypen '{case}' har hverken et afsnit eller en afdeling",
        "en": "case type '{case}' has neither a section nor a department",
    },
    "validate.case_home.hint": {
        "da": "udgangspunktet kommer fra en af dem",
        "en": "the default competence comes from one of them",
    },
    "validate.case_rules": {
        "da": "sagstypen '{case}' har ingen regler",
        "en": "case type '{case}' has no rules",
    },
    "validate.kle": {
        "da": "KLE-nummeret '{kle}' har ikke formen EMNE[-FACET]",
        "en": "KLE code '{kle}' is not SUBJECT[-FACET]",
    },
    "validate.kle.hint": {
        "da": 'fx "27.00.00", "00.22.*" eller "27.00.00-G01"',
        "en": 'e.g. "27.00.00", "00.22.*" or "27.00.00-G01"',
    },
    "validate.former": {
        "da": "det tidligere id '{former}' for sagstypen '{case}' er id for en anden sagstype",
        "en": "former id '{former}' of case type '{case}' is the id of a case type",
    },
    "validate.former.hint": {
        "da": "et id, en sagstype havde før, kan ikke betegne en anden",
        "en": "an id a case type had before cannot name another one",
    },
    "validate.basis": {"da": "reglen '{rule}' har intet grundlag", "en": "rule '{rule}' has no basis"},
    "validate.basis.hint": {
        "da": "tilføj: basis lovbestemt | byraadsbestemt | praksis | procedurekrav",
        "en": "add: basis lovbestemt | byraadsbestemt | praksis | procedurekrav",
    },
    "validate.citation": {"da": "reglen '{rule}' citerer ikke planen", "en": "rule '{rule}' has no citation"},
    "validate.citation.hint": {
        "da": 'hver regel skal citere planen: cite "overskrift" > "overskrift": "punktets tekst"',
        "en": 'every rule must quote the plan: cite "heading" > "heading": "bullet text"',
    },
    "validate.frequency.before": {
        "da": "'{body}' orienteres før beslutningen, men reglen siger også hvor ofte ({frequency})",
        "en": "'{body}' is briefed before the decision, but the rule also says how often ({frequency})",
    },
    "validate.frequency.after": {
        "da": "'{body}' orienteres efterfølgende, men reglen siger også hvor ofte ({frequency})",
        "en": "'{body}' is informed afterwards, but the rule also says how often ({frequency})",
    },
    "validate.frequency.hint": {
        "da": 'kun en periodisk orientering har en hyppighed: inform {body} periodic "{frequency}"',
        "en": 'only a periodic briefing has a frequency: inform {body} periodic "{frequency}"',
    },
    "validate.empty_rule": {
        "da": "reglen '{rule}' siger intet: ingen decides, inform, involve eller recommends",
        "en": "rule '{rule}' says nothing: no decides, inform, involve or recommends",
    },
    "validate.unit": {
        "da": "enheden '{unit}' passer ikke til faktum '{fact}' ({fact_unit})",
        "en": "unit '{unit}' does not fit fact '{fact}' ({fact_unit})",
    },
    "validate.unit.hint": {"da": "skriv {value}", "en": "write {value}"},
    "validate.integer": {
        "da": "faktum '{fact}' tager kun hele tal",
        "en": "fact '{fact}' takes whole numbers",
    },
    "validate.inverted": {
        "da": "omvendt interval: {low} er over {high}",
        "en": "inverted range: {low} is above {high}",
    },
    "validate.inverted.hint": {"da": "skriv den nedre grænse først", "en": "write the lower bound first"},
    "validate.too_complex": {
        "da": "reglerne '{first}' og '{later}' er for komplekse til at kontrollere for overlap",
        "en": "rules '{first}' and '{later}' are too complex to check for overlap",
    },
    "validate.too_complex.hint": {"da": "forenkl betingelserne", "en": "simplify the conditions"},
    "validate.overlap": {
        "da": "reglerne '{first}' og '{later}' i sagstypen '{case}' overlapper ({where}){example}",
        "en": "rules '{first}' and '{later}' of case type '{case}' overlap ({where}){example}",
    },
    "validate.overlap.example": {
        "da": "reglerne '{first}' og '{later}' i sagstypen '{case}' overlapper ({where}; fx {example})",
        "en": "rules '{first}' and '{later}' of case type '{case}' overlap ({where}; e.g. {example})",
    },
    "validate.overlap.hint": {
        "da": "gør betingelserne udelukkende, eller slå reglerne sammen",
        "en": "make the conditions exclusive, or merge the rules",
    },
}
