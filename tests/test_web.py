"""The web pages without a browser: what the server renders for Spørg and Organ, and its JSON helper."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import UDVALGSKOMMUNE
from fastapi.testclient import TestClient

import delegation
from delegation.analysis.roles import body_report
from delegation.engine.wording import body_label, outcome_sentence
from delegation.service.api import create_app


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


@pytest.fixture(scope="module")
def other_client(tmp_path_factory):
    # One plan of the committee-style municipality (its folder also holds a later version and a draft).
    folder = tmp_path_factory.mktemp("udvalgskommune")
    for name in ("organisation.dlg", UDVALGSKOMMUNE.name):
        shutil.copy(UDVALGSKOMMUNE.parent / name, folder / name)
    return TestClient(create_app(folder))


class Cells(HTMLParser):
    """The text of every table cell marked data-plan/data-row, and which form fields are shown."""

    def __init__(self):
        super().__init__()
        self.cells: dict[tuple[str, str], str] = {}
        self.hidden_fields: set[str] = set()
        self.shown_fields: set[str] = set()
        self._current: tuple[str, str] | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-fact" in attributes:
            target = self.hidden_fields if "hidden" in attributes else self.shown_fields
            target.add(attributes["data-fact"])
        if tag == "td" and "data-row" in attributes:
            self._current = (attributes["data-plan"], attributes["data-row"])
            self.cells[self._current] = ""
            self._depth = 0
        elif tag == "td" and self._current:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "td" and self._current:
            if self._depth == 0:
                self._current = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._current:
            self.cells[self._current] += data

    def text(self, plan: str, row: str) -> str:
        return " ".join(self.cells[(plan, row)].split())


def parse(html: str) -> Cells:
    cells = Cells()
    cells.feed(html)
    return cells


def test_home_is_the_ask_page(client):
    answer = client.get("/", follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == "/sporg"
    page = client.get("/sporg")
    assert page.status_code == 200 and '<html lang="da">' in page.text
    assert "Hvem beslutter sagen?" in page.text


def test_one_candidate_is_asked_about_and_several_are_listed(client):
    """ "kommunplan revision" names the Kommuneplan not clearly enough: the page asks about it; a
    bare "seniorordning" fits two case types in plans A and C: it lists them."""
    single = parse(client.get("/sporg", params={"sag": "kommunplan revision"}).text)
    for plan in "ABC":
        assert single.text(plan, "sagstype") == "Mente du denne sagstype? Kommuneplan"
    several = parse(client.get("/sporg", params={"sag": "seniorordning"}).text)
    assert several.text("A", "sagstype").startswith("Flere sagstyper passer – vælg en:")


def test_answers_side_by_side_match_the_engine(client):
    html = client.get("/sporg", params={"sag": "erhvervspuljen", "amount": "300.000"}).text
    cells = parse(html)
    for plan in delegation.plans():
        decision = plan.decide("erhvervspuljen", amount=300_000)
        assert cells.text(plan.id, "svar") == outcome_sentence(plan, decision)
        assert cells.text(plan.id, "decides") == body_label(plan, decision.decides)
        for line in decision.citation.splitlines():
            assert line.split(": ", 1)[1] in cells.text(plan.id, "tekst")
    assert cells.text("A", "svar") == "Magistraten beslutter."
    assert cells.text("B", "before") == "ØEU (på møde)"
    assert "Oplyst: beløb 300.000 kr." in html


def test_a_decider_with_the_plans_condition_says_it(client):
    cells = parse(client.get("/sporg", params={"sag": "Tilskud fra IT-puljen til nyt fagsystem"}).text)
    for plan in delegation.plans():
        assert cells.text(plan.id, "decides") == "Magistraten (kun når der er uenighed i direktørgruppen)"
        assert cells.text(plan.id, "svar").startswith("Magistraten beslutter, når der er uenighed")


def test_the_page_reads_the_facts_the_text_states_as_the_api_does(client):
    # The page asked the engine with the form's facts only: "75 mio. kr." in the text was ignored.
    text = "Anlægsregnskab på 75 mio. kr."
    cells = parse(client.get("/sporg", params={"sag": text}).text)
    for plan in delegation.plans():
        decision = plan.decide(text)
        assert cells.text(plan.id, "svar") == outcome_sentence(plan, decision)
        api = client.post(f"/plans/{plan.id}/decide", json={"case": text}).json()
        assert (api["decides"], api["facts"]) == (decision.decides, {"amount": 75_000_000})
    assert cells.text("B", "svar").startswith("Magistraten beslutter.")
    # A form value the text contradicts is the field's error, as the API's 422 says.
    html = client.get("/sporg", params={"sag": text, "amount": "10 mio.", "plan": "B"}).text
    assert "(beløb) er angivet som 10 mio. kr., men teksten siger 75 mio. kr." in html
    assert client.post("/plans/B/decide", json={"case": text, "facts": {"amount": 10**7}}).status_code == 422


def test_only_the_facts_the_case_type_needs_are_shown(client):
    cells = parse(client.get("/sporg", params={"sag": "erhvervspuljen"}).text)
    assert "amount" in cells.shown_fields and "persons" in cells.hidden_fields
    html = client.get("/sporg", params={"sag": "udlicitering"}).text
    cells = parse(html)
    assert "persons" in cells.shown_fields and "amount" in cells.hidden_fields
    assert re.search(r"data-department>", html), "udlicitering is decided by the owning department"
    assert "data-department hidden" in client.get("/sporg", params={"sag": "erhvervspuljen"}).text


def test_missing_fact_lists_every_band_with_a_link_to_ask_it(client):
    html = client.get("/sporg", params={"sag": "erhvervspuljen", "plan": "A"}).text
    cells = parse(html)
    bands = delegation.load("A").decide("erhvervspuljen").outcomes
    assert len(bands) == 3
    for band in bands:
        assert band.condition[0].upper() + band.condition[1:] in cells.text("A", "svar")
    assert "/sporg?sag=erhvervspuljen&amp;plan=A&amp;amount=125000" in html
    assert ("B", "svar") not in cells.cells, "plan=A asks plan A only"


def test_department_makes_the_owner_concrete(client):
    cells = parse(
        client.get("/sporg", params={"sag": "udlicitering", "persons": "3", "department": "mtm"}).text
    )
    assert cells.text("A", "decides") == body_label(delegation.load("A"), "mtm")


def test_ambiguous_text_offers_candidates_as_links(client):
    html = client.get("/sporg", params={"sag": "lån"}).text
    candidates = delegation.load("A").decide("lån").candidates
    for candidate in candidates:
        assert f"sag={candidate.id}" in html


def test_bad_input_is_explained_in_danish(client):
    html = client.get("/sporg", params={"sag": "erhvervspuljen", "amount": "mange"}).text
    assert "Beløb: «mange» kan ikke læses som et tal" in html
    assert 'aria-invalid="true"' in html and "data-row" not in html
    html = client.get("/sporg", params={"sag": "udlicitering", "department": "xyz"}).text
    assert "Ukendt afdeling «xyz»" in html


def test_user_text_is_escaped(client):
    html = client.get("/sporg", params={"sag": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_suggestions_carry_the_facts_each_case_type_needs(client):
    found = client.get("/sporg/forslag", params={"q": "erhvervspulje"}).json()
    assert found[0]["id"] == "erhvervspuljen" and found[0]["facts"] == ["amount"]
    assert found[0]["plans"] == ["A", "B", "C"] and found[0]["department"] is False
    assert client.get("/sporg/forslag", params={"q": ""}).json() == []
    udlicitering = next(
        s
        for s in client.get("/sporg/forslag", params={"q": "udlicitering"}).json()
        if s["id"] == "udlicitering"
    )
    assert udlicitering["department"] is True and udlicitering["facts"] == ["persons"]


def test_body_page_counts_agree_with_the_body_report(client):
    html = client.get("/organ/ba").text
    for plan in delegation.plans():
        report = body_report(plan, "ba")
        decided = {d.role.case for s in report.sections for d in s.duties if d.role.kind == "decides"}
        assert f'<td class="num" data-plan="{plan.id}">{len(decided)}</td>' in html
    assert "Borgmesterens Afdeling" in html and "Bevillinger fra Erhvervspuljen" in html


def test_body_page_draws_the_graph_when_graphviz_is_there(client):
    import shutil

    html = client.get("/organ/byraadet", params={"graf": "B"}).text
    if shutil.which("dot") is None:
        assert "Graphviz er ikke installeret" in html
    else:
        assert "<svg" in html and "<?xml" not in html
        assert 'aria-current="true">Plan B<' in html


def test_unknown_body_is_a_danish_404(client):
    answer = client.get("/organ/ukendt")
    assert answer.status_code == 404 and "findes ikke" in answer.text


def test_bodies_index_lists_every_body(client):
    html = client.get("/organ").text
    for body in delegation.load("A").bodies.values():
        assert f'href="/organ/{body.id}"' in html


def test_pages_are_not_part_of_the_api_contract(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(path.startswith(("/sporg", "/organ", "/static")) for path in paths)


def test_nothing_is_loaded_from_elsewhere(client):
    for path in ("/sporg?sag=erhvervspuljen&amount=1", "/organ/ba", "/organ"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path
    css = client.get("/static/style.css").text
    assert "url(" not in css and "@import" not in css


def test_another_municipality_gets_its_own_words(other_client):
    html = other_client.get("/sporg", params={"sag": "vejprojekt", "anlaegssum": "5 mio."}).text
    cells = parse(html)
    plan = delegation.load(UDVALGSKOMMUNE)
    decision = plan.decide("vejprojekt", anlaegssum="5 mio.")
    assert cells.text("K2026", "svar") == outcome_sentence(plan, decision)
    assert "Eksempel Kommune" in html and "Aarhus" not in html
    assert "anlaegssum" in parse(html).shown_fields
    assert 'name="plan"' not in html, "one plan: no plan checkboxes"
    assert other_client.get("/organ/teknikudvalget").status_code == 200


# --- Sammenlign ------------------------------------------------------------------------------


class Matrix(HTMLParser):
    """The matrix rows (case type id -> change mark) and the workload cells of the Sammenlign page."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, str] = {}
        self.workload: dict[str, list[int]] = {}
        self._case = self._body = None
        self._in_mark = self._in_number = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "tr" and "data-case" in attributes:
            self._case, self._body = attributes["data-case"], None
            self.rows[self._case] = ""
        if tag == "tr" and "data-body" in attributes:
            self._body, self._case = attributes["data-body"], None
            self.workload[self._body] = []
        self._in_mark = tag == "td" and attributes.get("class") == "mark"
        self._in_number = tag == "td" and self._body is not None and "data-plan" in attributes

    def handle_data(self, data):
        if self._in_mark and self._case:
            self.rows[self._case] += data.strip()
        if self._in_number and data.strip():
            self.workload[self._body].append(int(data))

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_mark = self._in_number = False


def matrix(html: str) -> Matrix:
    parsed = Matrix()
    parsed.feed(html)
    return parsed


def test_compare_has_the_numbers_of_delegation_diff(client):
    from delegation.presentation.diff_words import CHANGE_WORDS, Words

    expected = delegation.diff("A", "B", "C")
    html = client.get("/sammenlign").text
    parsed = matrix(html)
    assert parsed.rows == {c.case_type: CHANGE_WORDS[c.change] for c in expected.changes}
    for plan_id, table in expected.workload.items():
        for body, load in table.items():
            column = ["A", "B", "C"].index(plan_id) * 3
            assert parsed.workload[body][column : column + 3] == [
                load.decides,
                load.briefed_before,
                load.informed_after,
            ], (plan_id, body)
    words = Words(expected)
    for flow in expected.flows:
        assert f"Plan {flow.from_plan} → {flow.to_plan}: {words.flow(flow)}" in html
    assert html.count("<svg") >= 2, "the workload and flow charts"


def test_compare_filters_are_the_diff_filters(client):
    expected = delegation.diff("A", "B", "C", section="ba", only_changed=True)
    html = client.get("/sammenlign", params={"section": "ba", "only_changed": "1"}).text
    assert list(matrix(html).rows) == [c.case_type for c in expected.changes]
    assert "uændret" not in matrix(html).rows.values()
    body = delegation.diff("A", "B", body="oeu")
    parsed = matrix(client.get("/sammenlign", params={"plan": ["A", "B"], "body": "oeu"}).text)
    assert list(parsed.rows) == [c.case_type for c in body.changes]
    assert list(parsed.workload) == ["oeu"]


def test_compare_by_category_counts_only_that_category(client):
    everything = delegation.diff("A", "B", "C")
    in_category = [
        c.case_type
        for c in everything.changes
        if any(p and p.category == "personale" for p in c.placements.values())
    ]
    parsed = matrix(client.get("/sammenlign", params={"category": "personale"}).text)
    assert list(parsed.rows) == in_category
    decided_by_council = sum(
        any(band.outcomes["A"] and band.outcomes["A"].decides == "byraadet" for band in c.bands)
        for c in everything.changes
        if c.case_type in in_category
    )
    assert parsed.workload["byraadet"][0] == decided_by_council


def test_a_cell_shows_its_bands_and_the_plans_words(client):
    expected = next(c for c in delegation.diff("A", "B", "C").changes if c.case_type == "erhvervspuljen")
    fragment = client.get(
        "/sammenlign/celle", params={"celle": "B:erhvervspuljen", "plan": ["A", "B", "C"]}
    ).text
    for band in expected.bands:
        assert band.condition[0].upper() + band.condition[1:] in fragment
        for line in (band.citations["B"] or "").splitlines():
            assert line.rsplit(": ", 1)[1] in fragment
    assert "Plan A: Byrådet (afviger)" in fragment
    page = client.get("/sammenlign", params={"celle": "B:erhvervspuljen"}).text
    assert 'id="celle"' in page and fragment.split("</h2>")[0].split(">")[-1] in page
    assert client.get("/sammenlign/celle", params={"celle": "B:ukendt"}).status_code == 404


def test_compare_explains_bad_filters_and_single_plans(client, other_client):
    assert "Ukendt organ «xyz»" in client.get("/sammenlign", params={"body": "xyz"}).text
    assert "Ukendt kategori «xyz»" in client.get("/sammenlign", params={"category": "xyz"}).text
    assert "mindst to planer" in other_client.get("/sammenlign").text


def test_an_uncovered_case_leads_with_the_fact_and_offers_the_area_as_a_suggestion(client):
    html = client.get("/sporg", params={"sag": "ny affaldsordning"}).text
    assert "Planen nævner ikke sagstypen." in html
    assert "Et forslag, ikke et svar" in html
    removed = client.get("/sporg", params={"sag": "Ansættelsesforhold for forvaltningschefer"}).text
    assert "Plan A nævner den: Ansættelsesforhold for forvaltningschefer." in removed


def test_a_department_decides_by_its_head_and_is_involved_by_its_name(client):
    html = client.get("/sporg", params={"sag": "ansaettelsesforhold_direktoerer", "plan": "A"}).text
    involved = html.split('data-row="involve"', 1)[1].split("</td>", 1)[0]
    assert "Borgmesterens Afdeling (BA)" in involved and "Borgmesteren (BA)" not in involved


def test_the_compare_and_bodies_pages_say_what_they_count(client):
    compare = client.get("/sammenlign").text
    bodies = client.get("/organ").text
    assert "«Magistratsafdelingen» tæller de tværmagistratslige sager" in compare
    assert "En forvaltning tælles med de tværmagistratslige sager" in bodies
