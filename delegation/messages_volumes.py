"""Messages of compose and workload: composing a plan, and reading a file of real cases."""

from __future__ import annotations

VOLUME_MESSAGES: dict[str, dict[str, str]] = {
    "cases.bad_csv": {
        "da": "{name}: kan ikke læses som CSV ({detail})",
        "en": "{name}: cannot be read as CSV ({detail})",
    },
    "cases.bad_encoding": {
        "da": "{name}: kan ikke læses som UTF-8 eller Windows-1252 ({detail}); gem filen som CSV UTF-8",
        "en": "{name}: cannot be read as UTF-8 or Windows-1252 ({detail}); save the file as CSV UTF-8",
    },
    "cases.bad_byte": {
        "da": "byte {byte} ved position {at}; ikke UTF-8 fra byte {first}",
        "en": "byte {byte} at {at}; not UTF-8 from byte {first}",
    },
    "cases.bad_xlsx": {
        "da": "{name}: kan ikke læses som Excel-fil ({detail})",
        "en": "{name}: cannot be read as an Excel file ({detail})",
    },
    "cases.empty": {"da": "{name}: filen er tom", "en": "{name}: the file is empty"},
    "cases.no_case_column": {
        "da": "ingen kolonne med sagens titel, sagstype eller KLE-nummer blandt: {headers}",
        "en": "no column with the case title, case type or KLE code among: {headers}",
    },
    "cases.no_header": {
        "da": "filen har ingen kolonne «{name}»; kolonnerne er: {headers}",
        "en": "the file has no column '{name}'; the columns are: {headers}",
    },
    "cases.not_text": {
        "da": "{name}: ikke en tekst- eller Excel-fil",
        "en": "{name}: not a text or Excel file",
    },
    "cases.old_excel": {
        "da": "{name}: en gammel Excel-fil (.xls); gem den som .xlsx eller CSV",
        "en": "{name}: an old Excel file (.xls); save it as .xlsx or CSV",
    },
    "cases.too_large": {
        "da": "{name}: filen er for stor (grænsen er {limit} byte)",
        "en": "{name}: the file is too large (the limit is {limit} bytes)",
    },
    "cases.too_many_rows": {
        "da": "{name}: filen har over {limit} rækker; del den op (fx et år ad gangen)",
        "en": "{name}: the file has over {limit} rows; split it (a year at a time, say)",
    },
    "cases.xlsx_too_large": {
        "da": "{name}: regnearket fylder over {limit} byte udpakket",
        "en": "{name}: the workbook takes over {limit} bytes unpacked",
    },
    "cases.xlsx_too_many_cells": {
        "da": "{name}: regnearket har flere celler, end en sagsliste har (højst {row} i en række og "
        "{cells} i alt og {strings} delte tekster)",
        "en": "{name}: the workbook has more cells than a case list has (at most {row} in a row and "
        "{cells} in all, and {strings} shared strings)",
    },
    "cases.xlsx_long_text": {
        "da": "{name}: regnearket har en tekst på over {limit} tegn; en sagsliste har titler, ikke bøger",
        "en": "{name}: the workbook holds a text of over {limit} characters; a case list has titles, not books",
    },
    "cases.unknown_role": {
        "da": "ukendt kolonne-rolle «{role}»; rollerne er: {roles}",
        "en": "unknown column role '{role}'; the roles are: {roles}",
    },
    "compose.source_changed": {
        "da": "plan {plan}s fil {file} er ændret, siden planen blev indlæst; indlæs reglerne igen",
        "en": "plan {plan}'s file {file} has changed since the plan was read; reload the rules",
    },
    "compose.bad_id": {
        "da": "«{id}» kan ikke være et plan-id (bogstaver, tal og _)",
        "en": "'{id}' cannot be a plan id (letters, digits and _)",
    },
    "compose.bad_output": {
        "da": "{path}: den sammensatte plan må ikke skrives over en af planens egne filer",
        "en": "{path}: the composed plan must not be written over one of the plan's own files",
    },
    "compose.choose_folder": {
        "da": "skriv planen i en tom mappe eller i mappen med den plan, den bygger på",
        "en": "write the plan to an empty folder or to the folder of the plan it builds on",
    },
    "compose.same_id": {
        "da": "den sammensatte plan kan ikke hedde {id} som en plan, der allerede findes",
        "en": "the composed plan cannot be called {id} like a plan that exists",
    },
    "compose.see_cases": {
        "da": "se sagstyperne med: delegation cases --plan {plan}",
        "en": "list the case types with: delegation cases --plan {plan}",
    },
    "compose.take_form": {"da": "«{spec}» er ikke PLAN:ID[,ID...]", "en": "'{spec}' is not PLAN:ID[,ID...]"},
    "compose.unknown_id": {
        "da": "plan {plan} har ingen sagstype, liste eller kategori med id «{id}»",
        "en": "plan {plan} has no case type, list or category with id '{id}'",
    },
    "compose.would_overwrite": {
        "da": "{path} findes allerede med et andet indhold; den overskrives ikke",
        "en": "{path} exists with other content; it is not overwritten",
    },
    "compose.twice": {
        "da": "sagstypen {case} er valgt både fra plan {first} og plan {second}",
        "en": "case type {case} is taken both from plan {first} and from plan {second}",
    },
    "workload.no_plans": {"da": "nævn mindst én plan", "en": "name at least one plan"},
    "workload.same_plan": {
        "da": "samme plan nævnt flere gange: {plans}",
        "en": "the same plan named more than once: {plans}",
    },
    "compose.take_hint": {
        "da": "fx --take A:erhvervsplan,oekonomisk_politik",
        "en": "e.g. --take A:erhvervsplan,oekonomisk_politik",
    },
    "compose.bad_declaration": {
        "da": "kan ikke læse erklæringen i linje {line}",
        "en": "cannot read the declaration at line {line}",
    },
    "compose.not_from_file": {
        "da": "plan {plan} er ikke indlæst fra en regelfil",
        "en": "plan {plan} was not loaded from a rules file",
    },
    "compose.no_folder": {"da": "{folder}: mappen findes ikke", "en": "{folder}: no such folder"},
    "compose.failed": {
        "da": "planen kunne ikke sammensættes: {reason}",
        "en": "the plan could not be composed: {reason}",
    },
    "cases.column_hint": {
        "da": "angiv kolonnen, fx --column case=Titel",
        "en": "name the column, e.g. --column case=Titel",
    },
    "cases.unreadable": {"da": "{name}: kan ikke læses: {error}", "en": "{name}: cannot be read: {error}"},
    "workload.too_long": {
        "da": "sagsfilen tog over {seconds} s at veje ({rows} af {total} rækker nået); tjenesten vejer"
        " en fil højst så længe",
        "en": "the case file took over {seconds} s to weigh ({rows} of {total} rows reached); the service"
        " weighs a file for no longer",
    },
    "workload.too_long.hint": {
        "da": "vej den med delegation workload på kommandolinjen, eller del den op",
        "en": "weigh it with delegation workload on the command line, or split it",
    },
    "workload.empty_body": {
        "da": "forespørgslen er tom: send sagsfilen",
        "en": "the request body is empty: send the case file",
    },
    "workload.bad_column": {
        "da": "«{item}» er ikke ROLLE=OVERSKRIFT (fx case=Titel)",
        "en": "«{item}» is not ROLE=HEADER (e.g. case=Titel)",
    },
}
