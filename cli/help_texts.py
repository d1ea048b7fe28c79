"""What the command line itself says: `--help` of every command and option, usage errors and status
lines (key -> Danish and English); click's own words in Danish are in click_da.py."""

from __future__ import annotations

HELP: dict[str, dict[str, str]] = {
    # The group and its options.
    "cli": {
        "da": "Hvem beslutter en kommunal sag, hvem skal orienteres, og hvorfor.\n\n"
        "Afslutningskoder: 0 besvaret, 1 fejl i reglerne, 2 forkert brug eller input,\n"
        "3 sagsteksten passer på flere sagstyper (kandidaterne vises).",
        "en": "Who decides a municipal case, who must be told, and why.\n\n"
        "Exit codes: 0 answered, 1 error in the rules, 2 bad usage or input,\n"
        "3 the case text fits several case types (candidates are listed).",
    },
    "opt.rules": {
        "da": "Mappe med regelfiler. Standard: $DELEGATION_RULES, ellers den mappe, en delegation.toml "
        "i denne mappe eller over den peger på, ellers de indbyggede Aarhus-planer.",
        "en": "Folder of rules files. Default: $DELEGATION_RULES, else the folder a delegation.toml "
        "in this folder or above names, else the built-in Aarhus plans.",
    },
    "opt.lang": {
        "da": "Sprog for tekst og fejl: da eller en (standard: DELEGATION_LANG, ellers da). "
        "Planens tekst forbliver dansk.",
        "en": "Language of text and errors: da or en (default: DELEGATION_LANG, else da). "
        "The plan's text stays Danish.",
    },
    "opt.plan": {"da": "Planens id eller regelfil.", "en": "Plan id or rules file."},
    "opt.json": {"da": "Skriv JSON.", "en": "Print JSON."},
    "opt.output": {
        "da": "Skriv til denne fil i stedet for standard output.",
        "en": "Write to this file instead of standard output.",
    },
    # decide
    "cmd.decide": {
        "da": "Hvem beslutter SAG (et id eller de ord, du ville bruge), hvem orienteres, og hvorfor.",
        "en": "Who decides CASE (an id or the words you would use), who is told, and why.",
    },
    "decide.plan": {
        "da": "Planens id eller regelfil; gentag for at sammenligne (standard: alle planer).",
        "en": "Plan id or rules file; repeat to compare (default: every plan).",
    },
    "decide.kle": {
        "da": "Find sagstypen ud fra dens KLE-nummer.",
        "en": "Find the case type by its KLE code.",
    },
    "decide.batch": {
        "da": 'JSON Lines med {"case", "facts", "plan"}: én afgørelse pr. linje ud.',
        "en": 'JSON Lines of {"case", "facts", "plan"}: one decision per line out.',
    },
    "decide.fact": {
        "da": "Et faktum om sagen (500.000, 2 mio.).",
        "en": "A fact of the case (500.000, 2 mio.).",
    },
    "decide.amount": {"da": "Kort for --fact amount=N.", "en": "Shorthand for --fact amount=N."},
    "decide.persons": {"da": "Kort for --fact persons=N.", "en": "Shorthand for --fact persons=N."},
    "decide.department": {
        "da": "Den afdeling, der ejer sagen (dens id i reglerne).",
        "en": "The department that owns the case (its id in the rules).",
    },
    "decide.json": {
        "da": "Skriv JSON-objektet delegation.decision/2.",
        "en": "Print the delegation.decision/2 JSON object.",
    },
    "decide.as_of": {
        "da": "Svar ud fra planen, der var i kraft denne dag (med --plan: den plan, og om den var i kraft).",
        "en": "Answer from the plan in force on this day (with --plan: that plan, saying if it was in force).",
    },
    "decide.batch_alone": {
        "da": "--batch tager sagerne fra filen; angiv kun --plan og --lang",
        "en": "--batch takes its cases from the file; give only --plan and --lang",
    },
    "decide.no_case": {
        "da": "angiv en SAG (dens id eller de ord, du ville bruge) eller --kle",
        "en": "give a CASE (its id or the words you would use) or --kle",
    },
    # schema, show, cases, plans
    "cmd.schema": {
        "da": "JSON Schema for en kontrakt: afgørelsen (standard) eller planmodellen.",
        "en": "The JSON Schema of a contract: the decision (default) or the plan model.",
    },
    "cmd.show": {
        "da": "Alle bånd for en sagstype med udfald og planens tekst.",
        "en": "Every band of a case type with its outcome and the plan's text.",
    },
    "show.department": {"da": "Gør 'afdelingen' konkret.", "en": "Make 'the department' concrete."},
    "show.json": {
        "da": "Skriv sagstypen og dens bånd som JSON (delegation.case/1).",
        "en": "Print the case type and its bands as JSON (delegation.case/1).",
    },
    "cmd.cases": {"da": "En plans sagstyper.", "en": "The case types of a plan."},
    "cases.plan": {"da": "Plan (standard: den første).", "en": "Plan (default: the first)."},
    "cases.search": {
        "da": "Kun sagstyper, der passer på teksten, bedste først.",
        "en": "Only case types matching the text, best first.",
    },
    "cmd.plans": {"da": "Planerne i regelmappen.", "en": "The plans in the rules folder."},
    # fmt, test, render
    "cmd.fmt": {
        "da": "Sæt regelfiler op i den ene kanoniske form: kommentarer bevares, betydningen ændres ikke.\n\n"
        "STIER er .dlg-filer eller mapper (alle .dlg under dem); - formaterer stdin til stdout.",
        "en": "Lay out rules files in the one canonical form: comments kept, meaning unchanged.\n\n"
        "PATHS are .dlg files or folders (every .dlg below them); - formats stdin to stdout.",
    },
    "fmt.check": {
        "da": "Skriv intet; afslut med 1, når en fil ville blive ændret (til CI).",
        "en": "Write nothing; exit 1 when a file would change (for CI).",
    },
    "fmt.diff": {
        "da": "Skriv intet; vis ændringerne som en diff.",
        "en": "Write nothing; print the changes as a diff.",
    },
    "cmd.test": {
        "da": "Kør eksemplerne (regeltest) for planerne i STIER (standard: regelmappen).\n\n"
        "STIER er planfiler, regel- eller testfiler (*_test.dlg) eller mapper.",
        "en": "Run the examples (rule tests) of the plans in PATHS (default: the rules folder).\n\n"
        "PATHS are plan files, rules or test files (*_test.dlg), or folders.",
    },
    "test.coverage": {
        "da": "Fejl også, når et bånd i en sagstype ikke har et eksempel.",
        "en": "Also fail when a band of a case type has no example.",
    },
    "test.json": {
        "da": "Skriv rapporten som JSON (delegation.test/1): antal, fejlede eksempler, huller.",
        "en": "Print the report as JSON (delegation.test/1): counts, failing examples, gaps.",
    },
    "test.verbose": {
        "da": "Vis også de eksempler, der består.",
        "en": "List the examples that pass as well.",
    },
    "cmd.render": {
        "da": "Delegationsplanen som dokument, dannet ud fra reglerne.",
        "en": "The delegation plan as a document, generated from its rules.",
    },
    "render.format": {
        "da": "Markdown, eller en HTML-side, hvor hvert punkt viser sin regel.",
        "en": "Markdown, or an HTML page in which each bullet shows its rule.",
    },
    # check, graph, body
    "cmd.check": {
        "da": "Kontrollér planer: koder DLG001..., fil:linje:kolonne, besked og tip (docs/checks.md).\n\n"
        "PLAN er et plan-id, STI en regelfil eller en mappe med planer; standard: alle planer.\n"
        "Afslutter med 1 ved en fejl; advarsler og info fejler ikke.",
        "en": "Lint plans: codes DLG001..., file:line:col, message and hint (docs/checks.md).\n\n"
        "PLAN is a plan id, PATH a rules file or a folder of plans; default: every plan.\n"
        "Exit 1 when there is an error; warnings and info do not fail.",
    },
    "check.json": {
        "da": "Skriv JSON-objektet delegation.check/1.",
        "en": "Print the delegation.check/1 JSON object.",
    },
    "check.min_severity": {
        "da": "Udelad fund under denne alvorlighed.",
        "en": "Leave out findings below this severity.",
    },
    "cmd.graph": {
        "da": "Delegationsgrafen: hvem delegerer til hvem, hvem beslutter, og hvem orienteres.",
        "en": "The delegation graph: who delegates to whom, who decides and who is told.",
    },
    "graph.format": {"da": "svg og png kræver Graphviz' `dot`.", "en": "svg and png need Graphviz's `dot`."},
    "graph.view": {
        "da": "summary: organer og afsnit med antal; full: alle sagstyper. json er altid hele grafen.",
        "en": "summary: bodies and sections with counts; full: every case type. json is always the full graph.",
    },
    "cmd.body": {
        "da": "Alt, hvad ORGAN (id, navn eller alias) beslutter, orienteres om før og efter, pr. afsnit.",
        "en": "Everything BODY (id, name or alias) decides, is briefed on and is told, by section.",
    },
    "cmd.bodies": {
        "da": "Planens organer med deres navne: id, som en sætning nævner det, navn, art og leder.",
        "en": "The plan's bodies with their names: id, as a sentence names it, name, kind and head.",
    },
    "bodies.format": {
        "da": "json: de navne, en afgørelses `bodies` giver hvert organ, som GET /plans/{id}/bodies.",
        "en": "json: the names a decision's `bodies` gives each body, as GET /plans/{id}/bodies.",
    },
    "opt.json_format": {"da": "Det samme som --format json.", "en": "Same as --format json."},
    # diff
    "cmd.diff": {
        "da": "Sammenlign planerne A, B (og flere): hvem beslutter hver sagstype, bånd for bånd.\n\n"
        "Begynder med arbejdsbyrden (sagstyper, hvert organ beslutter, orienteres om før eller\n"
        "efter) og sagstypernes strømme mellem organer; derefter hver ændring, liste for liste.",
        "en": "Compare plans A, B (and more): who decides each case type, band by band, in each plan.\n\n"
        "Starts with the workload (case types each body decides, is briefed on before, or is told\n"
        "about after) and the flows of case types between bodies; then every change by list.",
    },
    "diff.json": {
        "da": "Skriv JSON-objektet delegation.diff/1.",
        "en": "Print the delegation.diff/1 JSON object.",
    },
    "diff.markdown": {
        "da": "En Markdown-rapport med SVG-billeder indlejret.",
        "en": "A Markdown report with inline SVG pictures.",
    },
    "diff.html": {
        "da": "En selvstændig HTML-rapport (virker uden net).",
        "en": "A self-contained HTML report (works offline).",
    },
    "diff.cite": {
        "da": "Citér planernes tekst under hvert ændret bånd.",
        "en": "Quote the plans' text under each changed band.",
    },
    "diff.section": {
        "da": "Kun sagstyperne i én liste (ba, tvaer eller dens titel).",
        "en": "Only the case types of one list (ba, tvaer, or its title).",
    },
    "diff.body": {
        "da": "Kun sagstyper, hvor dette organ beslutter, orienteres eller inddrages.",
        "en": "Only case types where this body decides, is told or involved.",
    },
    "diff.only_changed": {"da": "Udelad de uændrede sagstyper.", "en": "Leave out the unchanged case types."},
    "diff.usage": {
        "da": "angiv mindst to planer, fx delegation diff A B",
        "en": "give at least two plans, e.g. delegation diff A B",
    },
    # compose, workload
    "cmd.compose": {
        "da": "Sammensæt en plan: BASE med udvalgte sagstyper, som et andet udkast har dem.\n\n"
        "\b\ndelegation compose --base B --take A:politikker -o plan_d.dlg\n"
        "delegation compose --base B --take A:erhvervsplan,oekonomisk_politik --take C:udlicitering",
        "en": "Compose a plan: BASE, with chosen case types as another draft has them.\n\n"
        "\b\ndelegation compose --base B --take A:politikker -o plan_d.dlg\n"
        "delegation compose --base B --take A:erhvervsplan,oekonomisk_politik --take C:udlicitering",
    },
    "compose.base": {
        "da": "Planen, der bygges videre på (id eller .dlg-fil).",
        "en": "The plan to start from (id or .dlg file).",
    },
    "compose.take": {
        "da": "Sagstyper (eller en listes eller kategoris id), der skal svare som i PLAN; kan gentages.",
        "en": "Case types (or a list's or category's id) to answer as PLAN does; repeatable.",
    },
    "compose.id": {
        "da": "Den sammensatte plans id (standard: det første ledige, D ved siden af A, B og C).",
        "en": "The composed plan's id (default: the first free one, D beside A, B and C).",
    },
    "compose.title": {"da": "Den sammensatte plans titel.", "en": "The composed plan's title."},
    "compose.output": {
        "da": "Skriv planen her (og dens eksempler ved siden af); standard: vis den.",
        "en": "Write the plan here (and its examples beside it); default: print it.",
    },
    "cmd.workload": {
        "da": "Vej planerne med en fil med rigtige sager: hvem beslutter og orienteres, pr. år.\n\n"
        "Hver række er en sag (titel, sagstype-id eller KLE-nummer; dato; fakta som beløb). Rækker, "
        "der ikke kan læses, vises med linjenummer og springes over; rækker, ingen sagstype passer "
        "på, vises.",
        "en": "Weigh the plans by a file of real cases: who decides and is told, per year.\n\n"
        "Each row is a case (title, case type id or KLE code; date; facts such as amount). Rows that "
        "cannot be read are listed with their line and skipped; rows no case type fits are listed.",
    },
    "workload.cases": {"da": "CSV- eller .xlsx-fil med sager.", "en": "CSV or .xlsx file of cases."},
    "workload.plan": {"da": "Planer, der vejes (standard: alle).", "en": "Plans to weigh (default: all)."},
    "workload.column": {
        "da": "case, kle, date eller et faktum: dets kolonne.",
        "en": "case, kle, date or a fact: its column.",
    },
    "workload.json": {
        "da": "Vis JSON-objektet delegation.workload/1.",
        "en": "Print the delegation.workload/1 JSON object.",
    },
    "workload.html": {
        "da": "En selvstændig HTML-side med diagrammet.",
        "en": "A self-contained HTML page with the chart.",
    },
    "workload.all": {
        "da": "Vis alle oversprungne og uløste rækker (standard: 50 af hver).",
        "en": "List every skipped and unresolved row (default: 50 of each).",
    },
    "workload.bad_column": {
        "da": "«{item}» er ikke ROLLE=OVERSKRIFT (fx case=Titel)",
        "en": "«{item}» is not ROLE=HEADER (e.g. case=Titel)",
    },
    "diff.cases": {
        "da": "Vej arbejdsbyrde og flytninger med en fil med rigtige sager (CSV eller .xlsx; se "
        "`delegation workload`).",
        "en": "Weigh workload and flows by a file of real cases (CSV or .xlsx; see `delegation workload`).",
    },
    "diff.column": {"da": "Med --cases: en kolonne.", "en": "With --cases: a column."},
    "diff.cases_json": {
        "da": "--cases vejer tekst-, Markdown- og HTML-rapporterne; til JSON: delegation workload --json",
        "en": "--cases weighs the text, Markdown and HTML reports; for JSON: delegation workload --json",
    },
    # log, history
    "cmd.log": {
        "da": "De afgørelser, tjenesten har givet (`serve --log`): vis, filtrér, eksportér; `replay` "
        "stiller dem igen.",
        "en": "The decisions the service gave (`serve --log`): list, filter, export; `replay` asks them again.",
    },
    "log.db": {
        "da": "Beslutningsloggen (som givet til `serve --log`; eller $DELEGATION_LOG).",
        "en": "The decision log (as given to `serve --log`; or $DELEGATION_LOG).",
    },
    "log.from": {"da": "Logget denne dag eller senere (UTC).", "en": "Logged on or after this day (UTC)."},
    "log.to": {"da": "Logget denne dag eller tidligere (UTC).", "en": "Logged on or before this day (UTC)."},
    "log.plan": {"da": "Besvaret af denne plan.", "en": "Answered by this plan."},
    "log.case": {"da": "Af denne sagstype (dens id).", "en": "Of this case type (its id)."},
    "log.body": {"da": "Hvor dette organ beslutter (dets id).", "en": "Where this body decides (its id)."},
    "log.limit": {"da": "Højst så mange poster.", "en": "At most this many entries."},
    "log.jsonl": {
        "da": "Eksport: ét JSON-objekt pr. post og linje.",
        "en": "Export: one JSON object per entry and line.",
    },
    "cmd.log_replay": {
        "da": "Hvad de loggede sager ville være besvaret med under en anden plan: dem, der afviger.",
        "en": "What the logged cases would have been answered under another plan: the ones that differ.",
    },
    "log.replay_plan": {
        "da": "Stil de loggede sager under denne plan.",
        "en": "Ask the logged cases under this plan.",
    },
    "log.replay_json": {"da": "Vis delegation.replay/1.", "en": "Print delegation.replay/1."},
    "cmd.history": {
        "da": "Hvordan kompetencen for SAG har ændret sig fra plan til plan i kommunen, med datoerne.",
        "en": "How the competence for CASE changed from plan to plan of its municipality, with the dates.",
    },
    "history.json": {"da": "Vis delegation.history/1.", "en": "Print delegation.history/1."},
    # serve
    "cmd.serve": {
        "da": "Kør afgørelses-API'et (POST /plans/{id}/decide ...); SIGHUP genindlæser reglerne.",
        "en": "Serve the decision API (POST /plans/{id}/decide ...); SIGHUP reloads the rules.",
    },
    "serve.host": {"da": "Adresse, der lyttes på.", "en": "Address to listen on."},
    "serve.port": {"da": "Port, der lyttes på.", "en": "Port to listen on."},
    "serve.admin_token": {
        "da": "POST /admin/reload kræver dette bearer-token (så også fra andre værter).",
        "en": "POST /admin/reload needs this bearer token (then also from other hosts).",
    },
    "serve.limit_concurrency": {
        "da": "Forbindelser ad gangen; flere besvares straks med 503 (fildeskriptorer forbliver fri).",
        "en": "Connections at once; more are answered 503 at once (file descriptors stay free).",
    },
    "serve.timeout_keep_alive": {
        "da": "Sekunder, en inaktiv forbindelse holdes åben.",
        "en": "Seconds an idle connection is kept open.",
    },
    "serve.listening": {"da": "delegation: lytter på {url}", "en": "delegation: listening on {url}"},
    "serve.log": {
        "da": "Registrér hver afgørelse i denne beslutningslog: en SQLite-fil, eller PostgreSQL til flere "
        "replikaer.",
        "en": "Record every decision in this decision log: a SQLite file, or PostgreSQL for several replicas.",
    },
    "serve.log_open": {"da": "delegation: beslutningslog {url}", "en": "delegation: decision log {url}"},
    "serve.log_closed": {
        "da": "delegation: beslutningsloggen er lukket, {written} skrevet, {lost} tabt",
        "en": "delegation: decision log closed, {written} written, {lost} lost",
    },
    "serve.access_log": {
        "da": "Log hver forespørgsel på stderr i uvicorns access-log-format.",
        "en": "Log every request to stderr, in uvicorn's access-log format.",
    },
    "serve.plan": {
        "da": "delegation: plan {plan}, regler sha256 {digest}… ({folder})",
        "en": "delegation: plan {plan}, rules sha256 {digest}… ({folder})",
    },
    "serve.reloaded": {"da": "delegation: reglerne er genindlæst", "en": "delegation: rules reloaded"},
    "serve.refused": {"da": "delegation: genindlæsning afvist:", "en": "delegation: reload refused:"},
    "serve.warning": {"da": "ADVARSEL: {warning}", "en": "WARNING: {warning}"},
    # Status lines.
    "status.wrote": {"da": "skrev {path}", "en": "wrote {path}"},
}
