"""Messages of the HTTP service and of batch lines: what a program sends that cannot be answered."""

from __future__ import annotations

SERVICE_MESSAGES: dict[str, dict[str, str]] = {
    # Batch lines (service/batch.py, `delegation decide --batch`).
    "batch.not_json": {
        "da": "ikke JSON: {detail} (kolonne {column})",
        "en": "not JSON: {detail} (column {column})",
    },
    "batch.not_object": {"da": "en linje skal være et JSON-objekt", "en": "a line must be a JSON object"},
    "batch.surrogate": {
        "da": "en tekst på linjen har et halvt tegn ({code}), som ikke er gyldig Unicode",
        "en": "a string on the line holds half a character ({code}), which is not valid Unicode",
    },
    "batch.unknown_field": {"da": "ukendt felt '{name}'", "en": "unknown field '{name}'"},
    "batch.not_string": {"da": "'{name}' skal være en tekst", "en": "'{name}' must be a string"},
    "batch.facts_object": {
        "da": "'facts' skal være et objekt af navn: værdi",
        "en": "'facts' must be an object of name: value",
    },
    "batch.plan_path": {
        "da": "'plan' på en linje er en plans id i regelmappen (A, B ...), ikke en sti: {plan}",
        "en": "a line's 'plan' is a plan id of the rules folder (A, B ...), not a path: {plan}",
    },
    "batch.no_plan": {
        "da": "ingen 'plan' på linjen og intet --plan angivet",
        "en": "no 'plan' on the line and no --plan given",
    },
    # Reloading the served rules (service/store.py): in the service's language (DELEGATION_LANG).
    "store.changing": {
        "da": "regelfilerne blev ved med at ændre sig, mens de blev læst",
        "en": "the rules files kept changing while they were read",
    },
    "store.internal": {"da": "intern fejl: {error}", "en": "internal error: {error}"},
    "store.fewer": {
        "da": "plan {plan}: {before} -> {after} sagstyper",
        "en": "plan {plan}: {before} -> {after} case types",
    },
    "store.gone": {"da": "plan {plan} er forsvundet", "en": "plan {plan} is gone"},
    # HTTP (service/api.py, service/http_errors.py, service/limits.py).
    "http.too_large": {
        "da": "forespørgslens indhold er over {limit} byte",
        "en": "request body over {limit} bytes",
    },
    "http.malformed_json": {"da": "indholdet er ikke gyldig JSON", "en": "the body is not valid JSON"},
    "http.invalid": {"da": "ugyldig forespørgsel: {detail}", "en": "{detail}"},
    "http.invalid.missing": {"da": "feltet mangler", "en": "Field required"},
    "http.invalid.extra": {"da": "ukendt felt", "en": "Extra inputs are not permitted"},
    "http.invalid.string": {"da": "skal være en tekst", "en": "Input should be a valid string"},
    "http.invalid.too_long": {
        "da": "teksten må højst have {limit} tegn",
        "en": "String should have at most {limit} characters",
    },
    "http.invalid.too_many": {"da": "højst {limit} elementer", "en": "at most {limit} items"},
    "http.invalid.choice": {"da": "skal være {expected}", "en": "Input should be {expected}"},
    "http.invalid.object": {"da": "skal være et objekt", "en": "Input should be an object"},
    "http.invalid.controls": {
        "da": "må ikke indeholde kontroltegn (linjeskift, tabulator ...)",
        "en": "must not hold control characters (line breaks, tabs ...)",
    },
    "http.invalid.unicode": {
        "da": "teksten er ikke gyldig Unicode (et halvt tegn, fx \\ud800)",
        "en": "the text is not valid Unicode (half a character, e.g. \\ud800)",
    },
    "http.invalid.list": {"da": "skal være en liste", "en": "Input should be a valid list"},
    "http.invalid.bool": {"da": "skal være true eller false", "en": "Input should be a valid boolean"},
    "http.invalid.int": {"da": "skal være et heltal", "en": "Input should be a valid integer"},
    "http.invalid.float": {"da": "skal være et tal", "en": "Input should be a valid number"},
    "http.invalid.union": {
        "da": "værdien har ikke en af de typer, feltet tager imod",
        "en": "the value is of none of the types the field accepts",
    },
    "http.not_found": {"da": "findes ikke", "en": "Not Found"},
    "http.method": {"da": "metoden er ikke tilladt", "en": "Method Not Allowed"},
    "http.other": {"da": "HTTP-fejl: {detail}", "en": "{detail}"},
    "http.internal": {
        "da": "intern fejl; tjenestens log har detaljerne",
        "en": "internal error; the service log has the details",
    },
    "http.busy": {
        "da": "tjenesten har travlt; prøv igen om lidt",
        "en": "the service is busy; try again shortly",
    },
    "http.no_dot": {
        "da": "tjenesten kan ikke tegne {format}: Graphviz' program 'dot' er ikke installeret på serveren",
        "en": "the service cannot draw {format}: Graphviz's 'dot' program is not installed on the server",
    },
    "http.no_dot.hint": {
        "da": "bed om format=dot, mermaid eller json, eller få Graphviz installeret på serveren",
        "en": "ask for format=dot, mermaid or json, or have Graphviz installed on the server",
    },
    "http.reload.token": {
        "da": "genindlæsning kræver admin-tokenet: Authorization: Bearer TOKEN",
        "en": "reload needs the admin token: Authorization: Bearer TOKEN",
    },
    "http.reload.host": {
        "da": "genindlæsning uden adminnøgle skal nævne denne vært (Host: 127.0.0.1, localhost eller "
        "[::1]), ikke «{host}»",
        "en": "a reload without the admin token must name this host (Host: 127.0.0.1, localhost or "
        "[::1]), not '{host}'",
    },
    "http.reload.loopback": {
        "da": "genindlæsning er kun tilladt fra loopback-interfacet",
        "en": "reload is only allowed from the loopback interface",
    },
    "http.log.token": {
        "da": "beslutningsloggen kan kun læses over HTTP med administratornøglen "
        "(serve --admin-token): Authorization: Bearer NØGLE",
        "en": "the decision log can be read over HTTP only with the admin token "
        "(serve --admin-token): Authorization: Bearer TOKEN",
    },
    "http.reload.header": {
        "da": "genindlæsning kræver et JSON-indhold eller headeren X-Delegation-Reload (ingen "
        "forespørgsler fra andre sites)",
        "en": "reload needs a JSON body or the X-Delegation-Reload header (no cross-site posts)",
    },
}
