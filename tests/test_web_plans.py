"""The web pages over HTTP: plan ids in any case, unknown plans answered, the plan document and its
anchors, citations linking to them, and Sammenlign's exports (CSV, HTML report) and flows."""

from __future__ import annotations

import csv
import io
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_harness import server  # noqa: F401  # the service on uvicorn over loopback
from fastapi.testclient import TestClient

import delegation
from delegation.engine.outcomes import bands
from delegation.engine.wording import body_label
from delegation.presentation.render_plan import bullet_anchors
from delegation.presentation.report_html import render_html
from delegation.service.api import create_app
from delegation.service.web_common import case_facts, match_plans
from delegation.service.web_compare import compare_page


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


@pytest.fixture(scope="module")
def plans():
    return {plan.id: plan for plan in delegation.plans()}


class Elements(HTMLParser):
    """Text by element id, and every link (href, text, the data-plan of the cell it stands in)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source"}

    def __init__(self):
        super().__init__()
        self.by_id: dict[str, str] = {}
        self.ids: list[str] = []
        self.links: list[tuple[str, str, str | None]] = []
        self._open: list[tuple[str, str | None, str | None]] = []  # (tag, id, data-plan)
        self._texts: dict[int, str] = {}
        self._aliases: dict[int, list[str]] = {}
        self._link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in self.VOID:
            return
        plan = attributes.get("data-plan") or next((p for _, _, p in reversed(self._open) if p), None)
        element_id = attributes.get("id")
        if tag == "span" and element_id and self._open and self._open[-1][0] == "li":
            # A second anchor of a bullet several case types cite: it stands for its bullet.
            self._aliases.setdefault(len(self._open) - 1, []).append(element_id)
            element_id = None
        self._open.append((tag, element_id, plan))
        if tag == "a":
            self._link = [attributes.get("href", ""), "", plan]

    def handle_endtag(self, tag):
        if tag in self.VOID or not self._open:
            return
        index = max(i for i, (name, _, _) in enumerate(self._open) if name == tag)
        for depth in range(len(self._open) - 1, index - 1, -1):
            _, element_id, _ = self._open[depth]
            if element_id:
                self.by_id[element_id] = " ".join(self._texts.pop(depth, "").split())
                for alias in self._aliases.pop(depth, []):
                    self.by_id[alias] = self.by_id[element_id]
        del self._open[index:]
        if tag == "a" and self._link:
            self.links.append((self._link[0], " ".join(self._link[1].split()), self._link[2]))
            self._link = None

    def handle_data(self, data):
        for depth, (_, element_id, _) in enumerate(self._open):
            if element_id:
                self._texts[depth] = self._texts.get(depth, "") + data
        if self._link is not None:
            self._link[1] += data


def parsed(html: str) -> Elements:
    found = Elements()
    found.feed(html)
    return found


def answer_columns(html: str) -> set[str]:
    return set(re.findall(r'<td data-plan="([^"]+)" data-row="svar"', html))


def test_plan_ids_are_read_in_any_case(client, plans):
    assert match_plans(plans, ["b", " A ", "B", "x"]) == (["B", "A"], ["x"])
    assert answer_columns(client.get("/sporg?sag=erhvervspuljen&plan=b").text) == {"B"}
    assert answer_columns(client.get("/sporg?sag=erhvervspuljen&plan=a&plan=C").text) == {"A", "C"}
    compared = client.get("/sammenlign?plan=a&plan=c").text
    assert re.findall(r'<th scope="col">Plan (\w+)</th>', compared) == ["A", "C"]
    assert 'data-plan="B"' not in compared
    assert client.get("/plan/b").status_code == 200
    assert "<h1>" + plans["B"].title + "</h1>" in client.get("/plan/b").text
    cell = client.get("/sammenlign/celle?celle=b:erhvervspuljen")
    assert cell.status_code == 200 and "plan B" in cell.text


@pytest.mark.parametrize(
    "path",
    [
        "/sporg?sag=erhvervspuljen&plan=D",
        "/sporg?sag=erhvervspuljen&plan=A&plan=D",
        "/sammenlign?plan=D&plan=A",
        "/sammenlign/matrix.csv?plan=D",
        "/sammenlign/rapport.html?plan=D",
        "/sammenlign/celle?celle=A:erhvervspuljen&plan=D",
        "/plan/D",
    ],
)
def test_an_unknown_plan_is_said_in_danish_with_the_plans_there_are(client, plans, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    page = parsed(response.text)
    assert "Planen «D» findes ikke." in response.text
    assert f"Planerne er: {', '.join(sorted(plans))}." in response.text
    listed = [(href, text) for href, text, _ in page.links if text.startswith("Plan ")]
    assert [text for _, text in listed] == [f"Plan {p.id}: {p.title}" for p in plans.values()]
    if path.startswith("/sporg"):  # the same question, asked of an existing plan
        assert [href for href, _ in listed] == [f"/sporg?sag=erhvervspuljen&plan={p}" for p in plans]
    if path.startswith("/plan/"):
        assert [href for href, _ in listed] == [f"/plan/{p}" for p in plans]
    assert "content-security-policy" in response.headers


def test_several_unknown_plans_are_named_together(client):
    response = client.get("/sporg?sag=x&plan=D&plan=E")
    assert response.status_code == 404 and "Planerne «D», «E» findes ikke." in response.text


def test_the_plan_document_has_an_anchor_for_every_bullet_a_rule_cites(client, plans):
    for plan in plans.values():
        page = parsed(client.get(f"/plan/{plan.id}").text)
        assert len(page.ids) == len(set(page.ids)), "ids are unique"
        for case in plan.case_types.values():
            for (_, cited), anchor in bullet_anchors(case).items():
                assert cited in page.by_id[anchor], (plan.id, case.id, anchor)
    listing = parsed(client.get("/plan").text)
    assert [href for href, _, _ in listing.links if href.startswith("/plan/")] == [
        f"/plan/{p}" for p in plans
    ]


def test_anchors_are_stable_case_type_id_and_bullet_number(plans):
    case = plans["B"].case_types["erhvervspuljen"]
    anchors = list(bullet_anchors(case).values())
    assert anchors == [f"punkt-erhvervspuljen-{n}" for n in range(1, len(anchors) + 1)]


def test_every_citation_of_an_answer_links_to_its_bullet(client, plans):
    html = client.get("/sporg?sag=erhvervspuljen&amount=300000").text
    cited = [(href, plan) for href, text, plan in parsed(html).links if text == "Se punktet i planen"]
    for plan in plans.values():
        decision = plan.decide("erhvervspuljen", amount=300_000)
        rule = next(r for r in plan.case_types["erhvervspuljen"].rules if r.span.line == decision.rule.line)
        anchors = bullet_anchors(plan.case_types["erhvervspuljen"])
        expected = [f"/plan/{plan.id}#{anchors[(tuple(c.path), c.text)]}" for c in rule.citations]
        assert [href for href, column in cited if column == plan.id] == expected
        document = parsed(client.get(f"/plan/{plan.id}").text)
        for href, citation in zip(expected, rule.citations):
            assert citation.text in document.by_id[href.split("#")[1]]


def _csv(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark for Excel"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_matrix_as_csv_for_danish_excel(client, plans):
    response = client.get("/sammenlign/matrix.csv?section=ba")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="sammenlign-A-B-C.csv"' in response.headers["content-disposition"]
    assert b"\r\n" in response.content and b";" in response.content.splitlines()[0]
    rows = _csv(response)
    assert rows[0] == ["Afsnit", "Sagstype", "Id", "Ændring", "Plan A", "Plan B", "Plan C"]
    expected = delegation.diff("A", "B", "C", section="ba")
    assert [row[2] for row in rows[1:]] == [change.case_type for change in expected.changes]
    for row in rows[1:]:
        for plan_id, cell in zip("ABC", row[4:]):
            plan = plans[plan_id]
            case = plan.case_types.get(row[2])
            if case is None:
                assert cell == "Ikke i planen"
                continue
            lines = cell.split("\n")
            found = bands(plan, case, {}, case_facts(plan, case), None)
            assert len(lines) == len(found), (plan_id, row[2])
            for line, band in zip(lines, found):
                assert body_label(plan, band.decides) in line if band.decides else "Ingen" in line
                assert band.condition.lower() in line.lower()
                for told in band.inform:
                    assert body_label(plan, told.body) in line


def test_the_csv_follows_the_filters_and_plans(client):
    rows = _csv(client.get("/sammenlign/matrix.csv?plan=a&plan=b&only_changed=1"))
    assert rows[0][4:] == ["Plan A", "Plan B"]
    changed = delegation.diff("A", "B", only_changed=True).changes
    assert [row[2] for row in rows[1:]] == [change.case_type for change in changed]


def test_the_html_report_is_the_diff_report_of_the_page(client):
    response = client.get("/sammenlign/rapport.html?plan=A&plan=c&section=ba")
    assert response.status_code == 200
    assert response.text == render_html(delegation.diff("A", "C", section="ba"))
    page = client.get("/sammenlign?section=ba").text
    assert 'href="/sammenlign/rapport.html?section=ba" download="sammenlign-A-B-C.html"' in page
    assert 'href="/sammenlign/matrix.csv?section=ba" download="sammenlign-A-B-C.csv"' in page


def test_cells_show_thresholds_and_who_is_told(client, plans):
    html = client.get("/sammenlign").text
    row = html[html.index('id="sag-erhvervspuljen"') :]
    row = row[: row.index("</tr>")]
    cells = re.split(r'<td class="cell[^"]*" data-plan="', row)[1:]
    for plan_id, cell in zip("ABC", cells):
        plan = plans[plan_id]
        case = plan.case_types["erhvervspuljen"]
        found = bands(plan, case, {}, case_facts(plan, case), None)
        assert cell.count('class="band"') == len(found)
        for band in found:
            assert band.condition[0].upper() + band.condition[1:] in cell
            for told in band.inform:
                assert re.search(
                    r"Orienteres (før|efter|periodisk): [^<]*" + re.escape(body_label(plan, told.body)), cell
                )


def test_a_flow_lists_the_case_types_it_counts(client, plans):
    page = compare_page(plans, {}, [])
    assert page.diff is not None and page.diff.flows
    for flow in page.diff.flows:
        cases = page.flow_cases(flow)
        assert len(cases) == flow.count
        for change in cases:
            old, new = (
                [band.outcomes[p].decides if band.outcomes[p] else None for band in change.bands]
                for p in (flow.from_plan, flow.to_plan)
            )
            assert (flow.from_, flow.to) in zip(old, new)
    html = client.get("/sammenlign").text
    for flow in page.diff.flows:
        start = html.index(
            f'data-from="{flow.from_ or ""}" data-to="{flow.to or ""}" data-plans="{flow.from_plan}-{flow.to_plan}"'
        )
        item = html[start : html.index("</li></ul>", start)]
        assert item.count('href="#sag-') == flow.count
    for change in page.diff.changes:
        assert f'id="sag-{change.case_type}"' in html


def test_pages_and_pictures_share_the_body_colours(client):
    html = client.get("/sammenlign").text
    legend = dict(
        (name, colour)
        for colour, name in re.findall(
            r'<li><span class="swatch" style="background:(#\w+)"[^>]*></span>([^<]+)</li>', html
        )
    )
    assert legend
    nodes = re.findall(
        r'<rect x="\d+" y="[\d.]+" width="12" height="[\d.]+" fill="(#\w+)"/><text[^>]*>([^<]+) \(\d+\)</text>',
        html,
    )
    shared = [(colour, name) for colour, name in nodes if name in legend]
    assert len(shared) >= 3
    for colour, name in shared:
        assert legend[name] == colour, name


def test_the_printout_is_stamped(client):
    html = client.get("/plan/A").text
    assert re.search(r"data-printed[^>]*>Udskrevet \d+\. \w+ \d{4} kl\. \d\d\.\d\d</span>", html)
    assert 'data-format="{date} kl. {hour}.{minute}"' in html
    assert html.count("data-print ") + html.count("data-print>") == 1


def test_the_printout_names_no_host_the_client_chose(client):
    """The page says where it came from by its path; the Host header is the client's to choose,
    and a cache in front would keep a page naming another site (the browser writes the address)."""
    html = client.get("/sporg?q=erhvervspuljen", headers={"Host": "evil.example"}).text
    assert "evil.example" not in html
    assert "<span data-address>/sporg?q=erhvervspuljen</span>" in html


def test_every_url_docs_web_md_lists_answers(client):
    docs = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    urls = re.findall(r"^\| `(/[^`]*)` \|", docs, flags=re.MULTILINE)
    assert len(urls) >= 12
    for url in urls:
        response = client.get(url.split("#")[0].replace("{id}", "A"), follow_redirects=False)
        assert response.status_code in (200, 307), url


@pytest.mark.parametrize(
    "path", ["/plan/A", "/plan", "/sammenlign", "/sporg?sag=erhvervspuljen", "/sammenlign/rapport.html"]
)
def test_new_pages_keep_to_the_content_security_policy(client, path):
    response = client.get(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert all('src="/static/' in attributes for attributes in scripts), "no inline script"
    assert not re.search(r"\son[a-z]+=", response.text), "no inline event handler"


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_plan_handling_on_the_real_server(server, plans):  # noqa: F811
    status, _, body = _get(server + "/sporg?sag=erhvervspuljen&plan=b")
    assert status == 200 and answer_columns(body.decode()) == {"B"}
    status, headers, body = _get(server + "/sporg?sag=erhvervspuljen&plan=D")
    assert status == 404 and "Planen «D» findes ikke." in body.decode()
    assert "script-src 'self'" in headers["content-security-policy"]
    status, _, body = _get(server + "/plan/c")
    assert status == 200 and plans["C"].title in body.decode()
    status, headers, body = _get(server + "/sammenlign/matrix.csv?plan=a&plan=B")
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert body.startswith("\ufeffAfsnit;Sagstype;Id;Ændring;Plan A;Plan B\r\n".encode())
