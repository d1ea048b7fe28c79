"""The delegation graph (networkx), its pictures, and `delegation body`."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import UDVALGSKOMMUNE

import delegation
from delegation.analysis.graph import build_graph, delegation_graph, draw, to_dot, to_mermaid, view
from delegation.analysis.roles import body_report, plan_roles


@pytest.fixture(scope="module")
def plan_a():
    return delegation.load("A")


@pytest.fixture(scope="module")
def plan_b():
    return delegation.load("B")


def _edges(graph, kind, target=None):
    return [
        (source, data)
        for source, end, data in graph.edges(data=True)
        if data["kind"] == kind and (target is None or end == target)
    ]


def test_every_case_type_has_a_decider_for_every_band(plan_b):
    graph = build_graph(plan_b)
    for case in plan_b.case_types.values():
        deciders = _edges(graph, "decides", f"case:{case.id}")
        assert deciders, case.id
        assert all(source.startswith("body:") for source, _ in deciders)


def test_bands_basis_and_default_competence_label_the_decision_edges(plan_a):
    decided = {
        (source, data.get("band"), data["basis"])
        for source, data in _edges(build_graph(plan_a), "decides", "case:erhvervspuljen")
    }
    assert decided == {
        ("body:byraadet", "beløb: over 500.000 kr.", "byraadsbestemt"),
        ("body:magistraten", "beløb: 250.000-500.000 kr.", "byraadsbestemt"),
        ("body:ba", "beløb: under 250.000 kr.", "default"),
    }


def test_briefing_and_delegation_edges(plan_b):
    graph = build_graph(plan_b)
    briefings = [
        data
        for source, end, data in graph.edges(data=True)
        if source == "case:erhvervspuljen" and end == "body:oeu"
    ]
    assert [(b["kind"], b["when"], b["channel"]) for b in briefings] == [("inform", "before", "meeting")]
    assert graph.has_edge("body:byraadet", "body:magistraten")
    assert graph.has_edge("body:ba", "body:oeu")  # BA's standing committee
    chain = delegation_graph(plan_b)
    assert set(chain.successors("magistraten")) == {"ba", "msb", "mtm", "mso", "mkb", "mbu"}


def test_json_is_the_whole_graph(plan_b):
    data = json.loads(draw(plan_b, "json", "summary"))
    assert data["schema"] == "delegation.graph/1" and data["plan"] == "B"
    graph = build_graph(plan_b)
    assert len(data["nodes"]) == graph.number_of_nodes() == len(plan_b.bodies) + len(plan_b.case_types)
    assert len(data["edges"]) == graph.number_of_edges()


def test_summary_counts_case_types_per_body_and_section(plan_b):
    drawn = view(plan_b, build_graph(plan_b))
    labels = {(source, target): data["label"] for source, target, data in drawn.edges(data=True)}
    council_ba = labels[("body:byraadet", "section:Borgmesterens Afdeling")]
    statutory_in_ba = sum(
        1
        for case in plan_b.case_types.values()
        if case.section == "ba" and any(r.basis.value == "lovbestemt" for r in case.rules)
    )
    assert council_ba == f"beslutter: {statutory_in_ba}\n(lovbestemt: {statutory_in_ba})"
    assert labels[("body:byraadet", "body:magistraten")] == ""  # delegation: the legend names it


def test_dot_and_mermaid_text(plan_a):
    graph = build_graph(plan_a)
    dot = to_dot(view(plan_a, graph, "full"), 'Plan "A"')
    assert dot.startswith('digraph "Plan \\"A\\"" {') and "subgraph cluster_" in dot
    assert '"body:byraadet" -> "case:erhvervspuljen"' in dot
    mermaid = to_mermaid(view(plan_a, graph, "full"))
    assert mermaid.startswith("flowchart LR\n")
    assert 'subgraph s1 ["Borgmesterens Afdeling"]' in mermaid


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (.ci/run installs it with apt-get)"
)
def test_png_of_plan_b(tmp_path, run):
    target = tmp_path / "plan_b.png"
    result = run("graph", "--plan", "B", "--format", "png", "--output", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 1000 < width < 4000 and 500 < height < 3000  # the summary view: one readable picture
    svg = run("graph", "--plan", "B", "--format", "svg").output
    assert "<svg" in svg and "Magistraten" in svg


def test_missing_graphviz_is_a_clear_usage_error(monkeypatch, run):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("graph", "--plan", "A", "--format", "svg", "--lang", "en")
    assert result.exit_code == 2
    assert "Graphviz's 'dot' program is not installed" in result.output
    assert "apt-get install graphviz" in result.output
    danish = run("graph", "--plan", "A", "--format", "svg").output
    assert "fejl: kan ikke tegne svg: Graphviz' program 'dot' er ikke installeret" in danish


def test_graph_cli_text_formats(run):
    assert run("graph", "--plan", "A").output.startswith('digraph "Udkast til Delegationsplan A (A)')
    assert run("graph", "--plan", "A", "--format", "mermaid").output.startswith("flowchart LR")
    assert json.loads(run("graph", "--plan", "C", "--format", "json").output)["plan"] == "C"


def test_body_report_groups_by_section(plan_b):
    report = body_report(plan_b, "ØEU")
    assert report.body == "oeu"
    ba = next(section for section in report.sections if section.section == "ba")
    briefed = [duty.title for duty in ba.duties if duty.role.kind == "inform" and duty.role.when == "before"]
    assert "Erhvervsplan" in briefed and "Bevillinger fra Erhvervspuljen" in briefed
    tvaer = next(section for section in report.sections if section.section == "tvaer")
    assert {duty.via for duty in tvaer.duties} == {"Fagudvalget"}  # as BA's standing committee


def test_department_gets_the_relative_departments_duties(plan_a):
    report = body_report(plan_a, "mtm")
    tvaer = next(section for section in report.sections if section.section == "tvaer")
    overrun = [duty for duty in tvaer.duties if duty.title == "Overskridelse af anlægsbevillinger"]
    assert [(d.role.kind, d.role.band, d.via) for d in overrun] == [
        ("decides", "beløb: 500.000 kr. og derunder", "Magistratsafdelingen")
    ]
    assert not any(
        section.section == "ba" and duty.role.kind == "decides"
        for section in report.sections
        for duty in section.duties
    )


def test_a_conditional_decision_keeps_its_condition_in_the_report_and_graph(plan_a, run):
    """Magistraten decides IT-puljen's grants only "ved uenighed i direktørgruppen" (the plan's
    words): its report, the graph's edge and the command say so, not that it decides them all."""
    report = body_report(plan_a, "magistraten")
    it_pool = [
        duty.role
        for section in report.sections
        for duty in section.duties
        if duty.role.case == "it_puljen_tilskud_ved_uenighed"
    ]
    assert [(role.kind, role.condition) for role in it_pool] == [
        ("decides", "der er uenighed i direktørgruppen")
    ]
    edges = [
        data for _, _, data in build_graph(plan_a).edges(data=True) if data.get("case") == it_pool[0].case
    ]
    assert {edge.get("condition") for edge in edges if edge["kind"] == "decides"} == {
        "der er uenighed i direktørgruppen"
    }
    assert "kun når der er uenighed i direktørgruppen" in run("body", "magistraten", "--plan", "A").output
    assert "kun når der er uenighed i direktørgruppen" in run("graph", "--plan", "A", "--view", "full").output
    assert all(role.condition is None for role in plan_roles(plan_a) if role.kind in ("inform", "recommends"))


def test_body_cli(run):
    result = run("body", "oeu", "--plan", "B")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Økonomi- og Erhvervsudvalget · Plan B"
    assert "  Orienteres før beslutningen (11)" in lines
    assert any(line.startswith("    - Erhvervsplan — Magistraten beslutter — på møde") for line in lines)
    english = run("body", "ba", "--plan", "A", "--lang", "en").output
    assert "Decides (" in english and "Headed by: borgmesteren" in english
    data = json.loads(run("body", "ba", "--plan", "A", "--json").output)
    assert data["body"] == "ba" and data["sections"][0]["section"] == "ba"
    unknown = run("body", "raadhuset", "--plan", "A", "--lang", "en")
    assert unknown.exit_code == 2 and "unknown body 'raadhuset'" in unknown.output
    danish = run("body", "raadhuset", "--plan", "A")
    assert danish.exit_code == 2 and "fejl: ukendt organ 'raadhuset'; organerne er byraadet" in danish.output


def test_another_municipality(run):
    plan = delegation.load(UDVALGSKOMMUNE)
    report = body_report(plan, "teknikudvalget")
    decided = [
        duty.title for section in report.sections for duty in section.duties if duty.role.kind == "decides"
    ]
    assert decided == ["Anlægsbevillinger til vejprojekter", "Tilsagn om støtte til alment boligbyggeri"]
    assert "kommunalbestyrelsen" in report.delegated_from
