"""What each finding code of `delegation check` finds, in Danish and English (its title in docs)."""

from __future__ import annotations

FINDING_MESSAGES: dict[str, dict[str, str]] = {
    "finding.DLG001": {
        "da": "teksten følger ikke grammatikken",
        "en": "the text does not follow the grammar",
    },
    "finding.DLG002": {
        "da": "en plan eller inkluderet fil mangler, er en mappe, er tom, for stor eller ikke UTF-8",
        "en": "a plan or included file is missing, a folder, empty, too large or not UTF-8",
    },
    "finding.DLG003": {
        "da": "filer inkluderer eller bygger videre på hinanden i ring",
        "en": "files include or extend each other in a circle",
    },
    "finding.DLG004": {
        "da": "ingen fil erklærer en plan, eller en inkluderet fil erklærer en",
        "en": "no file declares a plan, or an included file declares one",
    },
    "finding.DLG005": {
        "da": "et id for et organ, faktum, afsnit, en kategori eller sagstype er erklæret to gange",
        "en": "a body, fact, section, category or case type id is declared twice",
    },
    "finding.DLG006": {
        "da": "override eller remove af en sagstype, planen ikke har",
        "en": "override or remove of a case type the plan does not have",
    },
    "finding.DLG007": {
        "da": "et felt, der tager én værdi, er angivet to gange",
        "en": "a field that takes one value is given twice",
    },
    "finding.DLG009": {
        "da": "et problem ved indlæsningen, som ikke har en mere præcis kode",
        "en": "a loader problem that has no more specific code",
    },
    "finding.DLG010": {
        "da": "en regel, et afsnit eller et organ nævner et organ, der ikke er erklæret",
        "en": "a rule, section or body names a body that is not declared",
    },
    "finding.DLG011": {
        "da": "en betingelse bruger et faktum, der ikke er erklæret",
        "en": "a condition uses a fact that is not declared",
    },
    "finding.DLG012": {
        "da": "en sagstype nævner et afsnit eller en kategori, der ikke er erklæret",
        "en": "a case type names an undeclared section or category",
    },
    "finding.DLG013": {
        "da": "en sagstypes afdeling er ukendt eller ikke en afdeling, eller et organs udvalg er ikke et udvalg",
        "en": "a case type's department is unknown or not a department, or a body's committee is not a committee",
    },
    "finding.DLG014": {
        "da": "et organ uden navn, en sagstype uden titel, regler, afsnit eller afdeling",
        "en": "a body without name, a case type without title, rules, section or department",
    },
    "finding.DLG015": {
        "da": "en regel har intet grundlag",
        "en": "a rule has no basis",
    },
    "finding.DLG016": {
        "da": "en regel citerer intet fra planen",
        "en": "a rule quotes nothing from the plan",
    },
    "finding.DLG017": {
        "da": "en regel nævner ingen beslutningstager, orientering, inddragelse eller indstilling",
        "en": "a rule names no decider, briefing, involvement or recommendation",
    },
    "finding.DLG019": {
        "da": "en orientering før eller efter beslutningen har en hyppighed; kun en periodisk har",
        "en": "a briefing before or after the decision has a frequency; only a periodic one has",
    },
    "finding.DLG018": {
        "da": "en grænse i en anden enhed end dens faktum, en brøk for et faktum med hele tal, et forkert KLE-nummer",
        "en": "a threshold in another unit than its fact, a fraction for a whole-number fact, a malformed KLE code",
    },
    "finding.DLG020": {
        "da": "en regels betingelse gælder for ingen værdi (omvendt eller modstridende)",
        "en": "a rule's condition holds for no value (inverted or contradictory)",
    },
    "finding.DLG021": {
        "da": "to regler passer på de samme fakta med forskelligt udfald",
        "en": "two rules match the same facts with different outcomes",
    },
    "finding.DLG022": {
        "da": "to regler passer på de samme fakta med samme udfald",
        "en": "two rules match the same facts with the same outcome",
    },
    "finding.DLG023": {
        "da": "en regel gælder aldrig: tidligere regler passer overalt, hvor den passer",
        "en": "a rule never applies: earlier rules match wherever it matches",
    },
    "finding.DLG024": {
        "da": "værdier, ingen regel dækker, ved siden af værdier, regler dækker: de falder til udgangspunktet",
        "en": "fact values no rule covers beside values that rules cover: they fall to the default competence",
    },
    "finding.DLG030": {
        "da": "en lovbestemt sag afgøres af et andet organ end kommunalbestyrelsen",
        "en": "a lovbestemt matter is decided by another body than the council",
    },
    "finding.DLG031": {
        "da": "beslutningstageren orienteres før sin egen beslutning",
        "en": "the decider is briefed before its own decision",
    },
    "finding.DLG032": {
        "da": "beslutningstageren orienteres om sin egen beslutning",
        "en": "the decider is informed about its own decision",
    },
    "finding.DLG033": {
        "da": "et bånd har kun procedurekrav og ingen beslutningstager",
        "en": "a band has only procedural requirements and no decider",
    },
    "finding.DLG034": {
        "da": "én titel for to sagstyper med modstridende beslutningstagere",
        "en": "one title for two case types with contradicting deciders",
    },
    "finding.DLG035": {
        "da": "ét punkt i planen citeret af to sagstyper med modstridende beslutningstagere",
        "en": "one bullet of the plan cited by two case types with contradicting deciders",
    },
    "finding.DLG040": {
        "da": "et organ beslutter, men ingen delegationskæde fører til det fra kommunalbestyrelsen",
        "en": "a body decides but no chain of delegation leads to it from the council",
    },
    "finding.DLG041": {
        "da": "organer delegerer til hinanden i ring",
        "en": "bodies delegate to each other in a circle",
    },
    "finding.DLG042": {
        "da": "et organ uden for delegationskæden, som ikke spiller nogen rolle i planen",
        "en": "a body outside the delegation chain that plays no part in the plan",
    },
    "finding.DLG043": {
        "da": "planen erklærer intet øverste organ, eller mere end ét",
        "en": "the plan declares no council, or more than one",
    },
    "finding.DLG008": {
        "da": "en plans status, gyldighedsperiode eller datoer stemmer ikke overens",
        "en": "a plan's status, period in force or dates do not agree",
    },
    "finding.DLG050": {
        "da": "to vedtagne planer fra samme kommune er i kraft samme dag",
        "en": "two adopted plans of one municipality are in force on the same day",
    },
    "finding.DLG051": {
        "da": "dage mellem to vedtagne planer fra en kommune, hvor ingen er i kraft",
        "en": "days between two adopted plans of a municipality with none in force",
    },
    "finding.DLG052": {
        "da": "en plans (udkasts) dato ligger efter dens vedtagelse",
        "en": "a plan's (draft) date lies after its adoption",
    },
}
