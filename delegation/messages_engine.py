"""Messages of the engine, the analyses and the command line's input: bad questions and bad targets."""

from __future__ import annotations

ENGINE_MESSAGES: dict[str, dict[str, str]] = {
    # The rules folder: --rules, DELEGATION_RULES, delegation.toml (engine/rulesfolder.py).
    "rules.missing": {
        "da": "{folder}: ingen sådan regelmappe (fra {origin})",
        "en": "{folder}: no such rules folder (from {origin})",
    },
    "rules.unreadable": {
        "da": "{folder}: regelmappen kan ikke bruges: {error} (fra {origin})",
        "en": "{folder}: the rules folder cannot be used: {error} (from {origin})",
    },
    "rules.toml.too_deep": {"da": "indlejret for dybt", "en": "nested too deeply"},
    "rules.not_folder": {
        "da": "{folder}: er ikke en mappe (fra {origin})",
        "en": "{folder}: is not a folder (from {origin})",
    },
    "rules.toml.unreadable": {
        "da": "{file}: kan ikke læses: {error}",
        "en": "{file}: cannot be read: {error}",
    },
    "rules.toml.syntax": {
        "da": "{file}: ikke gyldig TOML: {error}",
        "en": "{file}: not valid TOML: {error}",
    },
    "rules.toml.no_rules": {
        "da": "{file}: nævner ingen regelmappe",
        "en": "{file}: names no rules folder",
    },
    "rules.toml.key": {
        "da": "{file}: ukendt nøgle '{name}'",
        "en": "{file}: unknown key '{name}'",
    },
    "rules.toml.not_utf8": {
        "da": "{file}: er ikke UTF-8-tekst",
        "en": "{file}: is not UTF-8 text",
    },
    "rules.toml.too_big": {
        "da": "{file}: er over {size} bytes; filen skal kun nævne regelmappen",
        "en": "{file}: is over {size} bytes; the file only names the rules folder",
    },
    "rules.toml.type": {
        "da": "{file}: 'rules' skal være en tekst (mappens sti), ikke {kind}",
        "en": "{file}: 'rules' must be a string (the folder's path), not {kind}",
    },
    "rules.toml.hint": {
        "da": 'skriv fx rules = "rules" (mappen i forhold til filen)',
        "en": 'write e.g. rules = "rules" (the folder relative to the file)',
    },
    # The cache folder (cachedir.py): said once on stderr, and the cache is not used.
    "cache.not_folder": {
        "da": "delegation: cachemappen {folder} bruges ikke: den er ikke en mappe",
        "en": "delegation: cache folder {folder} not used: it is not a folder",
    },
    "cache.not_yours": {
        "da": "delegation: cachemappen {folder} bruges ikke: den tilhører en anden bruger",
        "en": "delegation: cache folder {folder} not used: it belongs to another user",
    },
    "cache.writable": {
        "da": "delegation: cachemappen {folder} bruges ikke: andre kan skrive i den (chmod go-w)",
        "en": "delegation: cache folder {folder} not used: it can be written by others (chmod go-w)",
    },
    # Plans by id or path (engine/registry.py, service/store.py).
    "registry.no_folder": {"da": "{folder}: regelmappen findes ikke", "en": "{folder}: no such rules folder"},
    "registry.folder": {
        "da": "{path}: er en mappe; angiv en planfil i den",
        "en": "{path}: is a folder; name a plan file in it",
    },
    "registry.folder.hint": {"da": "planfiler i mappen: {files}", "en": "plan files in it: {files}"},
    "registry.unknown_plan": {
        "da": "ukendt plan '{plan}'; planerne er {plans}",
        "en": "unknown plan '{plan}'; the plans are: {plans}",
    },
    "registry.unknown_plan.hint": {
        "da": "eller angiv stien til en .dlg-regelfil",
        "en": "or give the path to a .dlg rules file",
    },
    "registry.duplicate": {
        "da": "plan {plan} erklæres af to filer i regelmappen: {files}",
        "en": "plan {plan} is declared by two files of the rules folder: {files}",
    },
    "registry.duplicate.hint": {
        "da": "flyt kopien ud af mappen, eller giv den et andet plan-id",
        "en": "move the copy out of the folder, or give it another plan id",
    },
    "registry.wrong_id": {
        "da": "{file}: erklærer plan '{declared}', men plan '{plan}' var ventet",
        "en": "{file}: declares plan '{declared}', expected '{plan}'",
    },
    # The caller's facts and department (engine/facts.py, engine/evaluate.py).
    "facts.too_many": {
        "da": "{count} fakta angivet; et spørgsmål kan højst have {limit}",
        "en": "{count} facts given; a question takes at most {limit}",
    },
    "facts.unknown": {
        "da": "ukendt faktum '{name}'; planens fakta er {facts}",
        "en": "unknown fact '{name}'; the plan's facts are: {facts}",
    },
    "facts.unknown.case": {
        "da": "ukendt faktum '{name}'; sagstypen '{case}' bruger {facts}",
        "en": "unknown fact '{name}'; case type '{case}' uses: {facts}",
    },
    "facts.not_number": {
        "da": "faktum '{name}': {value} er ikke et tal",
        "en": "fact '{name}': {value} is not a number",
    },
    "facts.not_number.hint": {
        "da": "skriv fx 500000, 500.000, 500.000 kr. eller 2 mio.",
        "en": "write e.g. 500000, 500.000, 500.000 kr. or 2 mio.",
    },
    "facts.negative": {
        "da": "faktum '{name}': {value} skal være et endeligt tal, 0 eller derover",
        "en": "fact '{name}': {value} must be a finite number, 0 or more",
    },
    "facts.too_large": {
        "da": "faktum '{name}': {value} er for stort; højst {limit}",
        "en": "fact '{name}': {value} is too large; at most {limit}",
    },
    "facts.integer": {
        "da": "faktum '{name}' ({label}) tager kun hele tal, ikke {value}",
        "en": "fact '{name}' ({label}) takes whole numbers, not {value}",
    },
    "facts.department": {
        "da": "ukendt afdeling '{name}'; afdelingerne er {departments}",
        "en": "unknown department '{name}'; the departments are: {departments}",
    },
    "evaluate.lang": {
        "da": "sproget {lang} kendes ikke: brug 'da' eller 'en'",
        "en": "the language {lang} is unknown: use 'da' or 'en'",
    },
    "evaluate.kle": {
        "da": "KLE-nummeret {kle} har ikke formen EMNE[-FACET]",
        "en": "KLE code {kle} is not SUBJECT[-FACET]",
    },
    "evaluate.kle.hint": {
        "da": "fx 27.00.00, 00.22 eller 27.00.00-G01 (to cifre pr. gruppe; en facet er et stort bogstav "
        "og to cifre)",
        "en": "e.g. 27.00.00, 00.22 or 27.00.00-G01 (two digits per group, a facet of a capital and two digits)",
    },
    "evaluate.conflict": {
        "da": "faktum '{name}' ({label}) er angivet som {given}, men teksten siger {read}",
        "en": "fact '{name}' ({label}) is given as {given} but the text says {read}",
    },
    "evaluate.conflict.hint": {
        "da": "angiv én værdi: fjern tilvalget, eller ret teksten",
        "en": "give one value: drop the option or change the text",
    },
    "request.no_case": {
        "da": "angiv 'case' (tekst eller id) eller 'kle'",
        "en": "give 'case' (text or id) or 'kle'",
    },
    # The analyses (analysis/*).
    "graph.no_dot": {
        "da": "kan ikke tegne {format}: Graphviz' program 'dot' er ikke installeret",
        "en": "cannot draw {format}: Graphviz's 'dot' program is not installed",
    },
    "graph.no_dot.hint": {
        "da": "installér Graphviz (Debian/Ubuntu: apt-get install graphviz), eller brug --format dot, "
        "mermaid eller json",
        "en": "install Graphviz (Debian/Ubuntu: apt-get install graphviz), or use --format dot, mermaid or json",
    },
    "graph.failed": {"da": "Graphviz fejlede: {detail}", "en": "Graphviz failed: {detail}"},
    "roles.unknown_body": {
        "da": "ukendt organ '{name}'; organerne er {bodies}",
        "en": "unknown body '{name}'; the bodies are: {bodies}",
    },
    "diff.unknown.section": {
        "da": "ukendt afsnit '{name}'; afsnittene er {known}",
        "en": "unknown section '{name}'; the sections are: {known}",
    },
    "diff.unknown.body": {
        "da": "ukendt organ '{name}'; organerne er {known}",
        "en": "unknown body '{name}'; the bodies are: {known}",
    },
    "diff.two_plans": {
        "da": "en sammenligning kræver mindst to planer",
        "en": "a diff needs at least two plans",
    },
    "diff.too_many_plans": {
        "da": "en sammenligning over HTTP tager højst {limit} planer",
        "en": "a diff over HTTP takes at most {limit} plans",
    },
    "diff.two_plans.hint": {"da": "fx delegation diff A B", "en": "e.g. delegation diff A B"},
    "checking.no_plans": {
        "da": "{folder}: ingen planfiler i mappen",
        "en": "{folder}: no plan files in this folder",
    },
    "checking.no_plans.hint": {
        "da": "en planfil begynder med: plan ID {{ ... }}",
        "en": "a plan file starts with: plan ID {{ ... }}",
    },
    "ruletest.no_path": {
        "da": "{path}: hverken en regelfil eller en mappe",
        "en": "{path}: no such rules file or folder",
    },
    "ruletest.unknown_case": {"da": "ukendt sagstype '{case}'", "en": "unknown case type '{case}'"},
    "ruletest.unknown_case.hint": {
        "da": "ukendt sagstype '{case}'; {hint}",
        "en": "unknown case type '{case}'; {hint}",
    },
    "ruletest.unit": {
        "da": "given {name}: enheden '{unit}', men faktummets enhed er '{fact_unit}'",
        "en": "given {name}: unit '{unit}', the fact's unit is '{fact_unit}'",
    },
    "ruletest.depends": {
        "da": "svaret afhænger af {facts}, som eksemplet ikke angiver",
        "en": "the answer depends on {facts}, which the example does not give",
    },
    "ruletest.no_rule": {
        "da": "+ (ingen regel gælder: udgangspunktet)",
        "en": "+ (no rule applies: the default competence)",
    },
    # A case type shown (presentation/caseview.py: `delegation show`, GET /plans/{id}/cases/{case}).
    "show.ambiguous": {
        "da": "«{case}» passer på flere sagstyper i plan {plan}: {candidates}",
        "en": "'{case}' fits several case types of plan {plan}: {candidates}",
    },
    "show.ambiguous.one": {
        "da": "«{case}» passer måske på sagstypen {candidates} i plan {plan}, men ikke tydeligt nok",
        "en": "'{case}' may fit case type {candidates} of plan {plan}, but not clearly enough",
    },
    "show.ambiguous.hint": {
        "da": "skriv sagstypens id eller en mere præcis tekst",
        "en": "give the case type's id or a more precise text",
    },
    "show.unknown_case": {
        "da": "plan {plan} har ingen sagstype, der passer på «{case}»",
        "en": "plan {plan} has no case type that fits '{case}'",
    },
    "show.unknown_case.hint": {
        "da": "søg blandt planens sagstyper: delegation cases --plan {plan} --search ORD "
        "(over HTTP: GET /plans/{plan}/cases?search=ORD)",
        "en": "search the plan's case types: delegation cases --plan {plan} --search WORD "
        "(over HTTP: GET /plans/{plan}/cases?search=WORD)",
    },
    "schema.unknown": {
        "da": "ukendt skema '{name}'; skemaerne er {names}",
        "en": "unknown schema '{name}'; the schemas are: {names}",
    },
    # The command line's own input (cli/).
    "cli.fact_form": {
        "da": "--fact {item}: forventede NAVN=VÆRDI",
        "en": "--fact {item}: expected NAME=VALUE",
    },
    "cli.fact_form.hint": {"da": "fx --fact amount=500.000", "en": "e.g. --fact amount=500.000"},
    "cli.fact_twice": {
        "da": "faktum '{name}' er angivet to gange: {first} og {second}",
        "en": "fact '{name}' is given twice: {first} and {second}",
    },
    "cli.fact_twice.hint": {"da": "angiv hvert faktum én gang", "en": "give each fact once"},
    "cli.png_tty": {
        "da": "en PNG er binær: angiv --output FIL, eller omdiriger output",
        "en": "a PNG is binary: give --output FILE, or redirect the output",
    },
    "cli.png_tty.hint": {
        "da": "delegation graph --plan {plan} --format png -o graf.png",
        "en": "delegation graph --plan {plan} --format png -o graph.png",
    },
}
