"""`delegation diff --lang en`: English reports, and the Danish default unchanged to the byte."""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import GOLDEN

import delegation
from delegation.analysis.history import history as history_of
from delegation.bands import _WORDS
from delegation.i18n import _TEXTS
from delegation.presentation.report import _md, render_markdown, render_text
from delegation.presentation.report_html import render_html


@pytest.fixture(scope="module")
def ab():
    return delegation.diff("A", "B")


@pytest.fixture(scope="module")
def abc():
    return delegation.diff("A", "B", "C")


# The goldens were written from the reports as they were before --lang existed.
@pytest.mark.parametrize(
    "name, render",
    [
        ("diff_A_B_da.txt", lambda ab, abc: render_text(ab) + "\n"),
        ("diff_A_B_cite_da.txt", lambda ab, abc: render_text(ab, cite=True) + "\n"),
        ("diff_A_B_C_da.txt", lambda ab, abc: render_text(abc) + "\n"),
        ("diff_A_B_da.md", lambda ab, abc: render_markdown(ab)),
        ("diff_A_B_C_da.html", lambda ab, abc: render_html(abc)),
    ],
)
def test_danish_default_is_unchanged(ab, abc, name, render):
    assert render(ab, abc) == (GOLDEN / name).read_text(encoding="utf-8")


def test_cli_danish_default_and_lang_da_match_the_golden(run):
    golden = (GOLDEN / "diff_A_B_da.txt").read_text(encoding="utf-8")
    assert run("diff", "A", "B").output == golden
    assert run("diff", "A", "B", "--lang", "da").output == golden


def test_english_text(run):
    result = run("diff", "A", "B", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.splitlines()[0] == "Comparison of delegation plans A → B"
    assert "71 case types: 1 removed, 24 changed, 46 unchanged" in out
    assert "Workload (case types: decides / briefed before / informed after)" in out
    assert "Moves of decision-making competence" in out
    assert "A → B: 12 case types move from Byrådet to Magistraten" in out
    assert "A → B: 1 case type of Magistraten is not in plan B" in out
    # The fact's label is the plan's own (Danish) word; the band around it is worded in English.
    assert (
        "beløb: over 500.000 kr. (e.g. beløb 1 mio. kr.): Byrådet → Magistraten, "
        "ØEU is briefed before the decision at a meeting" in out
    )
    assert "beløb: under 250.000 kr. (e.g. beløb 125.000 kr.): unchanged (Borgmesteren (BA))" in out
    assert "beløb: exactly 250.000 kr. (e.g. beløb 250.000 kr.): Magistraten → Borgmesteren (BA)" in out
    assert "beløb: 25.000 kr. or less and samlet årligt beløb: over 450.000 kr. (e.g." in out
    assert "Byrådet informed after: at a meeting → by e-mail" in out
    assert "moved to another category: Diverse → (none)" in out
    assert "[ansaettelsesforhold_forvaltningschefer, removed]" in out
    assert "= 30 unchanged case types" in out


def test_english_markdown_and_html(run, abc):
    markdown = run("diff", "A", "B", "C", "--markdown", "--lang", "en").output
    for heading in (
        "# Comparison of delegation plans A → B → C",
        "## Overview",
        "### Workload",
        "### Moves of decision-making competence",
        "### Matrix: who decides (and who is informed)",
        "## Changes",
        "| Body | A: decides | A: briefed before | A: informed after |",
        "| Case type | When | Plan A | Plan B | Plan C |",
        "| When | Example | Plan A | Plan B | Plan C |",
        "`erhvervspuljen`, changed)",
        'aria-label="Workload per body and plan"',
        'aria-label="Moves of decision-making competence, plan A → B"',
        ">Decides</text>",
    ):
        assert heading in markdown
    page = render_html(delegation.diff("A", "B", "C", lang="en"), lang="en")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert render_html(abc).startswith('<!DOCTYPE html>\n<html lang="da">')
    for phrase in (
        "<h2>Overview</h2>",
        "<h3>Workload</h3>",
        "<th>Case type</th><th>When</th>",
        "<th>When</th><th>Example</th>",
        "Yellow: differs from plan A.",
        '<span class="badge changed">changed</span>',
        ">Briefed before</text>",
    ):
        assert phrase in page
    assert run("diff", "A", "B", "C", "--html", "--lang", "en").output == page + "\n"


def _conditions(data: dict) -> list[str]:
    """The bands' conditions of a diff's JSON, taken out of it (blanked) in order."""
    found = []
    for change in data["changes"]:
        for band in change["bands"]:
            found.append(band["condition"])
            band["condition"] = ""
    return found


def test_json_differs_between_the_languages_only_in_the_bands_wording(run):
    english = json.loads(run("diff", "A", "B", "--json", "--lang", "en").output)
    danish = json.loads(run("diff", "A", "B", "--json").output)
    worded = dict(zip(_conditions(danish), _conditions(english), strict=True))
    assert english == danish
    assert worded["beløb: præcis 250.000 kr."] == "beløb: exactly 250.000 kr."
    assert worded["beløb: 25.000 kr. og derunder og samlet årligt beløb: over 450.000 kr."] == (
        "beløb: 25.000 kr. or less and samlet årligt beløb: over 450.000 kr."
    )


def test_english_band_conditions_have_no_danish_interval_words():
    english = _WORDS["en"]
    danish = {
        piece.strip()
        for key, phrase in _WORDS["da"].items()
        for piece in phrase.split("{}")
        if piece.strip() and piece.strip() not in english[key]
    } | {"og"}
    assert {"og derunder", "præcis", "eller derover", "til og med"} <= danish
    diff = delegation.diff("A", "B", "C", lang="en")
    history = history_of(delegation.plans(), "erhvervspuljen", lang="en")
    conditions = [band.condition for change in diff.changes for band in change.bands]
    conditions += [band.condition for step in history.steps for band in step.bands]
    labels = sorted({fact.label for fact in diff.legend.facts.values()}, key=len, reverse=True)
    for condition in filter(None, conditions):
        for label in labels:
            condition = condition.replace(label, "¤")
        assert not [word for word in danish if re.search(rf"(?<!\w){word}(?!\w)", condition)], condition
    # The check sees Danish where it is: the same plans compared in Danish.
    danish_conditions = [b.condition for c in delegation.diff("A", "B", "C").changes for b in c.bands]
    assert any(re.search(r"(?<!\w)og derunder(?!\w)", c) for c in danish_conditions if c)


def test_every_diff_phrase_has_both_languages():
    danish = {key for key in _TEXTS["da"] if key.startswith("diff.")}
    assert danish and danish == {key for key in _TEXTS["en"] if key.startswith("diff.")}


# The general phrases the diff reports reuse besides their own "diff." ones.
_REUSED = ("and", "example", "case", "inform.", "channel.", "involve", "recommends", "basis.")


def _danish_ui_fragments() -> set[str]:
    """The words of every Danish phrase the reports use, where the English phrase differs."""
    fragments = set()
    for key, danish in _TEXTS["da"].items():
        if not key.startswith(("diff.", *_REUSED)):
            continue
        english = _TEXTS["en"][key]
        for piece in re.split(r"\{[^}]*\}|[:;,.()→]", danish):
            piece = piece.strip(" -")
            if re.search(r"[^\W\d_]{2}", piece) and piece not in english:
                fragments.add(piece)
    return fragments


def _without_plan_content(diff, output: str) -> str:
    """The output with the plans' own words (titles, names, conditions, citations) blanked out."""
    legend = diff.legend
    content = [value for plan in diff.plans for value in (plan.title, plan.source, plan.date) if value]
    content += [*legend.bodies.values(), *legend.sections.values(), *legend.categories.values()]
    content += [fact.label for fact in legend.facts.values()]
    for change in diff.changes:
        content += [change.title, change.case_type]
        content += [place.title for place in change.placements.values() if place]
        for band in change.bands:
            content.append(band.condition)
            content += [line for cited in band.citations.values() if cited for line in cited.splitlines()]
            # how often a body is told, in the plan's words ("pr. ultimo juni")
            content += [i.frequency for o in band.outcomes.values() if o for i in o.inform if i.frequency]
    variants = {form for value in content if value for form in (value, _md(value), html.escape(value))}
    for value in sorted(variants, key=len, reverse=True):
        output = output.replace(value, "¤")
    return output


def test_no_danish_ui_phrase_in_the_english_reports(ab, abc):
    fragments = _danish_ui_fragments()
    assert {"Arbejdsbyrde", "Sagstype", "Hvornår", "Eksempel", "orienteres før", "tilføjet"} <= fragments
    filtered = delegation.diff("A", "B", "C", section="ba", body="byraadet", only_changed=True)
    outputs = [
        (ab, render_text(ab, cite=True, lang="en")),
        (abc, render_text(abc, lang="en")),
        (filtered, render_text(filtered, lang="en")),
        (ab, render_markdown(ab, lang="en")),
        (abc, render_markdown(abc, lang="en")),
        (abc, render_html(abc, lang="en")),
        (filtered, render_html(filtered, lang="en")),
    ]
    for diff, output in outputs:
        rest = _without_plan_content(diff, output)
        found = sorted(f for f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", rest))
        assert not found, found
    # The check itself sees Danish: the Danish report is full of it.
    danish = _without_plan_content(ab, render_text(ab))
    assert any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", danish) for f in fragments)
