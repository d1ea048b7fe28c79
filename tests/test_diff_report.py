"""`delegation diff` on the command line, and the text, Markdown and HTML reports of a diff."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import delegation
from delegation.presentation.report import render_markdown, render_text
from delegation.presentation.report_html import render_html


def test_text_starts_with_the_summary_then_changes_by_section(run):
    result = run("diff", "A", "B")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.splitlines()[0] == "Sammenligning af delegationsplan A → B"
    order = [
        out.index(text)
        for text in (
            "71 sagstyper: 1 fjernet, 24 ændret, 46 uændret",
            "Arbejdsbyrde",
            "Flytninger",
            "Borgmesterens Afdeling\n",
            "Tværmagistratslige emner\n",
        )
    ]
    assert order == sorted(order)
    assert "A → B: 12 sagstyper flytter fra Byrådet til Magistraten" in out
    assert re.search(r"Byrådet +36 / 0 / 9 +21 / 0 / 10", out)
    assert (
        "beløb: over 500.000 kr. (fx beløb 1 mio. kr.): Byrådet → Magistraten, "
        "ØEU orienteres før beslutningen på møde" in out
    )
    assert "beløb: under 250.000 kr. (fx beløb 125.000 kr.): uændret (Borgmesteren (BA))" in out
    assert "- Ansættelsesforhold for forvaltningschefer" in out
    assert "»" not in out
    assert (
        "A » Borgmesterens Afdeling > Skal forelægges Aarhus Byråd > Byrådsbestemt > Diverse: "
        "Bevillinger fra Erhvervspuljen over 500.000 kr." in run("diff", "A", "B", "--cite").output
    )


def test_three_plans_give_a_matrix_row_per_band(run):
    out = run("diff", "A", "B", "C", "--only-changed").output
    assert (
        "beløb: over 500.000 kr. (fx beløb 1 mio. kr.): A: Byrådet | B: Magistraten + ØEU før | "
        "C: Magistraten + ØEU før" in out
    )
    assert "B → C: 10 sagstyper flytter fra Magistraten til Byrådet" in out
    assert "uændrede sagstyper" not in out


def test_json_option_prints_the_contract(run):
    result = run("diff", "A", "C", "--json", "--section", "ba", "--only-changed")
    data = json.loads(result.output)
    assert data["schema"] == "delegation.diff/1"
    assert data["filters"] == {"section": "ba", "body": None, "only_changed": True}
    assert data["changes"] and all(c["change"] != "unchanged" for c in data["changes"])
    assert result.output == run("diff", "A", "C", "--json", "--section", "ba", "--only-changed").output


def test_bad_input_exits_2(run):
    assert run("diff", "A").exit_code == 2
    unknown = run("diff", "A", "Q", "--lang", "en")
    assert unknown.exit_code == 2 and "unknown plan 'Q'" in unknown.output
    section = run("diff", "A", "B", "--section", "nope", "--lang", "en")
    assert section.exit_code == 2 and "unknown section 'nope'" in section.output
    danish = run("diff", "A", "B", "--section", "nope")
    assert danish.exit_code == 2 and "fejl: ukendt afsnit 'nope'; afsnittene er ba, tvaer" in danish.output


def test_output_file(run, tmp_path):
    target = tmp_path / "report.md"
    result = run("diff", "A", "B", "--markdown", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Sammenligning af delegationsplan A → B")


def test_markdown_report_has_pictures_tables_and_citations():
    text = render_markdown(delegation.diff("A", "B"))
    assert text.count("<svg") == 2  # workload bars, one flow diagram
    assert "| Organ | A: beslutter |" in text
    assert "| Byrådet | 36 | 0 | 9 | 21 | 0 | 10 |" in text
    assert "#### ~ Bevillinger fra Erhvervspuljen (`erhvervspuljen`, ændret)" in text
    assert (
        "| beløb: over 500.000 kr. | beløb 1 mio. kr. | **Byrådet**<br>grundlag: byrådsbestemt | "
        "**Magistraten**<br>ØEU orienteres før beslutningen på møde<br>grundlag: byrådsbestemt |" in text
    )
    assert "> **A:** Borgmesterens Afdeling > Skal forelægges Aarhus Byråd" in text.replace("&gt;", ">")
    assert "Uændrede sagstyper: Overordnede retningslinjer for dagligt revisionsarbejde;" in text
    assert "### Matrix" not in text
    three = render_markdown(delegation.diff("A", "B", "C"))
    assert (
        "| Bevillinger fra Erhvervspuljen | beløb: over 500.000 kr. | Byrådet | Magistraten + ØEU før | "
        "Magistraten + ØEU før |" in three
    )


def _external_references(page: str) -> list[str]:
    """Anything a browser would fetch: src/href to another place, CSS url() or @import."""
    found = re.findall(r'(?:src|href)="(?!#|data:)([^"]*)"', page)
    found += re.findall(r"url\(|@import", page)
    return found


def test_html_report_is_self_contained():
    page = render_html(delegation.diff("A", "B", "C"))
    assert page.startswith("<!DOCTYPE html>")
    assert _external_references(page) == []
    assert "<script" not in page
    assert page.count("<svg") == 4  # workload bars, three flow diagrams
    assert 'id="erhvervspuljen"' in page and 'href="#erhvervspuljen"' in page
    assert "Matrix: hvem beslutter" in page


def test_reports_render_from_the_json_alone():
    result = delegation.diff("A", "B")
    again = delegation.PlanDiff.model_validate_json(result.to_json())
    assert render_html(again) == render_html(result)
    assert render_text(again) == render_text(result)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--window-size=1280,2000",
]


def _screenshot(page: Path, png: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="delegation-chromium-") as profile:
        subprocess.run(
            [CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}", page.as_uri()],
            capture_output=True,
            timeout=120,
            check=False,
        )


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')")
def test_html_report_renders_in_headless_chromium_without_network(tmp_path):
    report = tmp_path / "diff.html"
    report.write_text(render_html(delegation.diff("A", "B", "C")), encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    _screenshot(report, tmp_path / "diff.png")
    _screenshot(blank, tmp_path / "blank.png")
    shot, empty = tmp_path / "diff.png", tmp_path / "blank.png"
    assert shot.exists() and empty.exists(), "chromium wrote no screenshot"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10 * empty.stat().st_size, "the report rendered (nearly) blank"
