"""`delegation render`: the plan document from the rules, as Markdown and HTML; the DSL lexer."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import UDVALGSKOMMUNE
from pygments.token import Error, Keyword, Name, Number, String

import delegation
from delegation.engine.registry import builtin_rules_dir
from delegation.errors import InputError
from delegation.language.grammar import grammar_path
from delegation.language.lexer import DECLARATIONS, FIELDS, OPERATOR_WORDS, VALUES, DelegationLexer
from delegation.presentation.render_plan import Bullet, case_source, date_text, outline, render_plan

RULES = Path(builtin_rules_dir())


@pytest.fixture(scope="module")
def plan_a():
    return delegation.load("A")


def test_markdown_follows_the_plans_layout(plan_a):
    markdown = render_plan(plan_a, "md")
    assert markdown.startswith(
        "# Udkast til Delegationsplan A\n\n"
        "Kommune: Aarhus Kommune · Kilde: Bilag 2.1.1 · Dato: 8. april 2025 · "
        "Dokumentnummer: 14565323\n"
    )
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Generelle regler",
        "## Afdelinger og deres områder",
        "## Borgmesterens Afdeling",
        "## Tværmagistratslige emner",
    ]
    assert "### Magistratsafdelingen for Teknik og Miljø\n\nHerunder hører:\n\n- Brandvæsen" not in markdown
    assert "- Natur- og miljøforvaltning\n- Ejendomsforvaltning\n- Brandvæsen" in markdown
    assert (
        "### Skal forelægges Magistraten\n\n#### Byrådsbestemt\n\n"
        "- Bevillinger fra Erhvervspuljen 250.000-500.000 kr.\n"
    ) in markdown
    # A heading among bullets is printed as the plan prints it: a bullet with sub-bullets.
    assert (
        "- Procedurekrav vedr. lønfastsættelse og lønforhandling\n"
        "  - Direktører, havnedirektør og forvaltningschefer: Kompetencen ligger i "
        "Borgmesterens Afdeling.\n"
    ) in markdown
    assert markdown.endswith("*Dannet ud fra reglerne: plan_a.dlg, aarhus.dlg, sprog.dlg.*\n")


def test_each_bullet_once_in_plan_order(plan_a):
    lists = outline(plan_a)
    assert [heading.title for heading in lists] == ["Borgmesterens Afdeling", "Tværmagistratslige emner"]
    forums = [entry.title for entry in lists[0].entries]
    assert forums == [
        "Skal forelægges Aarhus Byråd",
        "Skal forelægges Magistraten",
        "Skal forelægges Økonomi- og Erhvervsudvalget til orientering",
        "Byrådsbesluttede procedurekrav",
    ]
    procedures = lists[1].children["Byrådsbesluttede procedurekrav"].children["Økonomi"]
    texts = [entry.text for entry in procedures.entries if isinstance(entry, Bullet)]
    assert len(texts) == len(set(texts))  # two rules cite the overrun bullet: printed once


def test_english_labels_plan_text_stays_danish(plan_a):
    markdown = render_plan(plan_a, "md", lang="en")
    assert "Date: 8 April 2025" in markdown and "## General rules" in markdown
    assert "### Skal forelægges Aarhus Byråd" in markdown
    assert date_text("2025-12-01") == "1. december 2025"
    assert date_text("2025-13-01") == "2025-13-01"  # not a date: shown as written


def test_html_letterhead_without_a_municipality_keeps_the_other_facts(plan_a):
    page = render_plan(dataclasses.replace(plan_a, municipality=None), "html", source_root=RULES)
    letterhead = page[page.index('<header class="letterhead">') : page.index("</header>")]
    assert "<dt>Kilde</dt><dd>Bilag 2.1.1</dd>" in letterhead and "<dt>Dato</dt>" in letterhead


def test_html_shows_every_bullet_and_its_rule(plan_a):
    page = render_plan(plan_a, "html", source_root=RULES)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    bullets = 0
    for heading in outline(plan_a):
        stack = [heading]
        while stack:
            node = stack.pop()
            for entry in node.entries:
                if isinstance(entry, Bullet):
                    assert html.escape(entry.text) in page
                    bullets += 1
                else:
                    stack.append(entry)
    assert page.count('<details class="rule">') == bullets > 70
    assert '<summary title="Reglen i regelfilen">plan_a.dlg:' in page
    assert '<span class="k">decides</span>' in page  # highlighted by the DSL lexer
    without = render_plan(plan_a, "html")
    assert "<details" not in without and "Udkast til Delegationsplan A" in without


def test_case_source_is_the_whole_block_with_its_comments():
    plan_b = delegation.load("B")
    source = case_source(plan_b, plan_b.case_types["erhvervspuljen"], RULES)
    assert source.startswith("# Fortolkning (B-3)")
    assert "override case erhvervspuljen {" in source and source.endswith("\n}")
    assert source.count("{") == source.count("}")


def test_a_rule_is_shown_as_the_plan_was_built_from_it_never_as_the_disk_has_it_since(tmp_path):
    """A served plan's HTML shows its own rules: a file changed on disk since (half written, not
    UTF-8) or replaced by a link to a file outside the folder shows no rule, where it answered 500
    or showed the outside file (attack report, 2026-11-28); composing from it is refused."""
    from delegation.analysis.compose import compose

    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    plan_a, plan_b = delegation.load(str(folder / "plan_a.dlg")), delegation.load(str(folder / "plan_b.dlg"))
    case = plan_a.case_types["erhvervspuljen"]
    assert case_source(plan_a, case, folder) is not None
    outside = tmp_path / "outside.dlg"
    outside.write_text(
        (folder / "plan_a.dlg").read_text(encoding="utf-8").replace("Erhvervspuljen", "SUPERSECRET")
    )
    (folder / "plan_a.dlg").unlink()
    (folder / "plan_a.dlg").symlink_to(outside)
    assert case_source(plan_a, case, folder) is None
    assert "SUPERSECRET" not in render_plan(plan_a, "html", source_root=folder)
    (folder / "plan_a.dlg").unlink()
    (folder / "plan_a.dlg").write_bytes(b"plan A { \xff")
    assert case_source(plan_a, case, folder) is None
    with pytest.raises(InputError, match="er ændret, siden planen blev indlæst"):
        compose(plan_b, [(plan_a, ["erhvervspuljen"])], plan_id="D")


def test_another_municipality_renders_from_its_own_rules():
    plan = delegation.load(UDVALGSKOMMUNE)
    markdown = render_plan(plan, "md")
    assert "Aarhus" not in markdown
    assert markdown.startswith(f"# {plan.title}")


def test_cli_render(run, tmp_path):
    out = tmp_path / "plan.html"
    result = run("render", "--plan", "B", "--format", "html", "-o", str(out))
    assert result.exit_code == 0
    assert "Udkast til Delegationsplan B" in out.read_text(encoding="utf-8")
    markdown = run("render", "--plan", "C")
    assert markdown.exit_code == 0 and markdown.output.startswith("# Udkast til Delegationsplan C")
    by_path = run("render", "--plan", str(RULES / "plan_c.dlg"), "--format", "html")
    assert by_path.exit_code == 0 and "plan_c.dlg:" in by_path.output
    assert run("render", "--plan", "Z").exit_code == 2


# --- the lexer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(RULES.glob("*.dlg")), ids=lambda p: p.name)
def test_lexer_reads_every_rules_file(path):
    tokens = list(DelegationLexer().get_tokens(path.read_text(encoding="utf-8")))
    assert not [value for kind, value in tokens if kind is Error]
    assert "".join(value for _, value in tokens) == path.read_text(encoding="utf-8").rstrip("\n") + "\n"


def test_lexer_knows_every_keyword_of_the_grammar():
    literals = set(re.findall(r'"([a-z]+)"', Path(grammar_path()).read_text(encoding="utf-8")))
    assert literals - {*DECLARATIONS, *FIELDS, *VALUES, *OPERATOR_WORDS} == set()


def test_lexer_token_kinds():
    kinds = {
        value: kind
        for kind, value in DelegationLexer().get_tokens(
            'rule over when amount > 2 mio. kr. { basis lovbestemt cite "a \\" b": "c" }'
        )
    }
    assert kinds["rule"] in Keyword.Declaration and kinds["basis"] in Keyword
    assert kinds["lovbestemt"] in Keyword.Constant and kinds["2 mio."] in Number
    assert kinds["amount"] in Name and kinds['\\"'] in String.Escape


def test_pygments_finds_the_lexer():
    from pygments.lexers import get_lexer_for_filename

    assert isinstance(get_lexer_for_filename("plan_a.dlg"), DelegationLexer)


def test_lexer_reads_the_rules_in_the_docs():
    docs = Path(__file__).resolve().parent.parent / "docs"
    blocks = [
        block.split("\n", 1)[1]
        for path in docs.glob("*.md")
        for block in path.read_text(encoding="utf-8").split("```")[1::2]
        if block.startswith("dlg\n")
    ]
    assert len(blocks) >= 6
    for block in blocks:
        assert not [value for kind, value in DelegationLexer().get_tokens(block) if kind is Error], block
