"""Render a plan as its human-readable document (Markdown or HTML), laid out like the source plans."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import date_text, text
from ..model import Body, BodyKind, CaseType, Plan

if TYPE_CHECKING:
    from pygments.formatter import Formatter

FORMATS = ("md", "html")


@dataclass
class Heading:
    """A heading of a list (forum, basis, category ...) with its bullets and subheadings in order."""

    title: str
    entries: list[Heading | Bullet] = field(default_factory=list)
    children: dict[str, Heading] = field(default_factory=dict)

    def child(self, title: str) -> Heading:
        if title not in self.children:
            self.children[title] = Heading(title)
            self.entries.append(self.children[title])
        return self.children[title]

    def add(self, bullet: Bullet) -> None:
        same = next((e for e in self.entries if isinstance(e, Bullet) and e.text == bullet.text), None)
        if same is None:
            self.entries.append(bullet)
        else:  # a bullet several case types cite keeps each one's anchor
            same.anchors.extend(a for a in bullet.anchors if a not in same.anchors)


@dataclass
class Bullet:
    text: str
    case: CaseType
    anchors: list[str] = field(default_factory=list)  # ids of the bullet in the HTML document


def bullet_anchors(case: CaseType) -> dict[tuple[tuple[str, ...], str], str]:
    """The HTML id of each bullet a case type cites, by (headings, text): "punkt-<case id>-<n>",
    n counting the case type's distinct bullets in rule order, so links survive edits elsewhere."""
    anchors: dict[tuple[tuple[str, ...], str], str] = {}
    for rule in case.rules:
        for citation in rule.citations:
            key = (tuple(citation.path), citation.text)
            anchors.setdefault(key, f"punkt-{case.id}-{len(anchors) + 1}")
    return anchors


def outline(plan: Plan) -> list[Heading]:
    """The plan's lists, one per section in section order, with the headings and bullets its
    citations give (in plan order; a bullet cited by several rules appears once)."""
    lists = {section_id: Heading(section.title) for section_id, section in plan.sections.items()}
    for case in plan.case_types.values():
        key = case.section if case.section in lists else case.department or ""
        if key not in lists:
            body = plan.bodies.get(key)
            lists[key] = Heading(body.name if body else key)
        for (path, cited), anchor in bullet_anchors(case).items():
            node = lists[key]
            for part in path:
                node = node.child(part)
            node.add(Bullet(cited, case, [anchor]))
    return [heading for heading in lists.values() if heading.entries]


def _mixed(node: Heading) -> bool:
    """Headings among bullets are printed as bullets with sub-bullets, as the plans print them."""
    return any(isinstance(e, Bullet) for e in node.entries)


def _metadata(plan: Plan, lang: str, municipality: bool = True) -> list[tuple[str, str]]:
    """The plan's labelled facts; the HTML letterhead shows the municipality apart."""
    rows = [
        (text(lang, "render.municipality"), plan.municipality if municipality else None),
        (text(lang, "render.source"), plan.source),
        (text(lang, "render.date"), date_text(plan.date, lang)),
        (text(lang, "render.document"), plan.document),
    ]
    return [(label, value) for label, value in rows if value]


def _departments(plan: Plan) -> list[Body]:
    return [
        body
        for body in plan.bodies.values()
        if body.kind is BodyKind.department and not body.relative and body.areas
    ]


# --- Markdown ----------------------------------------------------------------------------------


def _markdown_entries(node: Heading, level: int, lines: list[str], indent: str = "") -> None:
    for entry in node.entries:
        if isinstance(entry, Bullet):
            lines.append(f"{indent}- {entry.text}")
        elif _mixed(node) or indent:
            lines.append(f"{indent}- {entry.title}")
            _markdown_entries(entry, level, lines, indent + "  ")
        else:
            lines.extend(["", f"{'#' * min(level, 6)} {entry.title}", ""])
            _markdown_entries(entry, level + 1, lines)


def render_markdown(plan: Plan, lang: str = "da") -> str:
    lines = [f"# {plan.title or plan.id}", ""]
    metadata = _metadata(plan, lang)
    if metadata:
        lines += [" · ".join(f"{label}: {value}" for label, value in metadata), ""]
    if plan.preamble.default or plan.preamble.caveats:
        lines += [f"## {text(lang, 'render.preamble')}", ""]
        for paragraph in (plan.preamble.default, *plan.preamble.caveats):
            if paragraph:
                lines += [paragraph, ""]
    departments = _departments(plan)
    if departments:
        lines += [f"## {text(lang, 'render.departments')}", ""]
        for body in departments:
            lines += [f"### {body.name}", "", text(lang, "render.areas"), ""]
            lines += [f"- {area}" for area in body.areas] + [""]
    for heading in outline(plan):
        lines += [f"## {heading.title}"]
        _markdown_entries(heading, 3, lines)
        lines.append("")
    lines.append(f"*{text(lang, 'render.generated', files=', '.join(s.path for s in plan.sources))}*")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


# --- HTML ----------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1d2733; --muted: #5b6773; --accent: #00457d; --rule: #d5dbe1; }
* { box-sizing: border-box; }
body { margin: 0; background: #e9edf1; color: var(--ink);
       font: 15px/1.5 "Source Sans Pro", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 860px; margin: 32px auto; background: #fff; padding: 56px 72px 48px;
        box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.letterhead { display: flex; justify-content: space-between; align-items: flex-start;
              border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 28px; }
.letterhead .municipality { font-size: 22px; font-weight: 700; color: var(--accent);
                            letter-spacing: .02em; }
.letterhead dl { margin: 0; display: grid; grid-template-columns: auto auto; gap: 2px 12px;
                 font-size: 12.5px; color: var(--muted); }
.letterhead dt { text-align: right; }
.letterhead dd { margin: 0; color: var(--ink); }
h1 { font-size: 30px; margin: 0 0 6px; color: var(--ink); }
h2 { font-size: 21px; color: var(--accent); border-bottom: 1px solid var(--rule);
     padding-bottom: 4px; margin: 40px 0 12px; page-break-after: avoid; }
h3 { font-size: 17px; margin: 26px 0 6px; color: var(--ink); }
h4 { font-size: 15px; margin: 16px 0 4px; color: var(--muted); text-transform: uppercase;
     letter-spacing: .05em; }
h5, h6 { font-size: 15px; margin: 12px 0 4px; font-style: italic; font-weight: 600; }
nav.toc { font-size: 14px; color: var(--muted); margin: 10px 0 8px; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; }
p { margin: 0 0 10px; hyphens: auto; }
ul { margin: 4px 0 10px; padding-left: 22px; }
li { margin: 3px 0; }
ul.areas { list-style: none; padding-left: 4px; }
ul.areas li::before { content: "» "; color: var(--muted); }
.departments h3 { font-size: 15.5px; margin: 14px 0 2px; }
.departments p { margin: 0; color: var(--muted); font-size: 14px; }
details.rule { display: inline; }
details.rule summary { display: inline; cursor: pointer; font: 11px/1 monospace;
                       color: #8a96a3; margin-left: 6px; list-style: none; }
details.rule summary::-webkit-details-marker { display: none; }
details.rule[open] summary { color: var(--accent); }
details.rule .highlight { margin: 6px 0 10px; border-left: 3px solid var(--rule); }
details.rule pre { font-size: 12px; line-height: 1.4; padding: 8px 12px; margin: 0;
                   white-space: pre-wrap; background: #f7f9fb; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--rule);
         font-size: 12px; color: var(--muted); }
@media (max-width: 640px) {
  .page { margin: 0; padding: 20px 16px; box-shadow: none; }
  .letterhead { flex-direction: column; gap: 10px; }
  h1 { font-size: 24px; overflow-wrap: anywhere; }
}
@media print {
  body { background: #fff; } .page { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  details.rule, nav.toc { display: none; }
}
"""


def case_source(plan: Plan, case: CaseType, root: Path) -> str | None:
    """A case type's block in its rules file as the plan was built from it, with the comments
    right above it; None when the file changed since."""
    from pygments.token import Punctuation

    from ..language.lexer import DelegationLexer
    from ..language.sources import built_from

    source = built_from(root, case.span.file, {file.path: file.sha256 for file in plan.sources})
    if source is None:
        return None
    lines = source.splitlines(keepends=True)
    first = case.span.line - 1
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    block = "".join(lines[case.span.line - 1 :])
    depth = 0
    for index, token, value in DelegationLexer().get_tokens_unprocessed(block):
        if token is Punctuation and value in "{}":
            depth += 1 if value == "{" else -1
            if depth == 0:
                return "".join(lines[first : case.span.line - 1]) + block[: index + 1]
    return None


class _Html:
    def __init__(self, plan: Plan, lang: str, source_root: Path | None):
        self.plan, self.lang, self.root = plan, lang, source_root
        self.sources: dict[str, str] = {}
        if source_root is not None:
            from pygments.formatters import HtmlFormatter

            self.formatter: Formatter[str] = HtmlFormatter(cssclass="highlight", style="friendly")

    def rule(self, case: CaseType) -> str:
        if self.root is None:
            return ""
        if case.id not in self.sources:
            from pygments import highlight

            from ..language.lexer import DelegationLexer

            source = case_source(self.plan, case, self.root)
            self.sources[case.id] = highlight(source, DelegationLexer(), self.formatter) if source else ""
        if not self.sources[case.id]:
            return ""
        label = f"{html.escape(case.span.file)}:{case.span.line}"
        return (
            f' <details class="rule"><summary title="{text(self.lang, "render.rule")}">'
            f"{label}</summary>{self.sources[case.id]}</details>"
        )

    def entries(self, node: Heading, level: int, nested: bool = False) -> list[str]:
        out: list[str] = []
        as_list = nested or _mixed(node)
        if as_list:
            out.append("<ul>")
        for entry in node.entries:
            if isinstance(entry, Bullet):
                first, *more = entry.anchors or [""]
                ids = "".join(f'<span id="{html.escape(a)}"></span>' for a in more)
                out.append(
                    f'<li id="{html.escape(first)}">{ids}{html.escape(entry.text)}{self.rule(entry.case)}</li>'
                )
            elif as_list:
                out.append(f"<li>{html.escape(entry.title)}")
                out += self.entries(entry, level, nested=True)
                out.append("</li>")
            else:
                tag = f"h{min(level, 6)}"
                out.append(f"<{tag}>{html.escape(entry.title)}</{tag}>")
                out += self.entries(entry, level + 1)
        if as_list:
            out.append("</ul>")
        return out

    def document(self) -> str:
        title = html.escape(self.plan.title or self.plan.id)
        style = _CSS + (self.formatter.get_style_defs(".highlight") if self.root is not None else "")
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            + self.page()
            + "\n</body>\n</html>\n"
        )

    def page(self) -> str:
        """The document's <div class="page">: letterhead, lists and footer, without <head>."""
        plan, lang, esc = self.plan, self.lang, html.escape
        title = esc(plan.title or plan.id)
        lists = outline(plan)
        meta = "".join(
            f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>"
            for label, value in _metadata(plan, lang, municipality=False)
        )
        body = [
            '<div class="page">',
            '<header class="letterhead">',
            f'<div class="municipality">{esc(plan.municipality or "")}</div>',
            f"<dl>{meta}</dl>",
            "</header>",
            f"<h1>{title}</h1>",
        ]
        anchors = [(f"list-{index}", heading.title) for index, heading in enumerate(lists, 1)]
        body.append(
            '<nav class="toc">'
            + "".join(f'<a href="#{anchor}">{esc(name)}</a>' for anchor, name in anchors)
            + "</nav>"
        )
        if plan.preamble.default or plan.preamble.caveats:
            body.append(f'<section class="preamble"><h2>{esc(text(lang, "render.preamble"))}</h2>')
            body += [f"<p>{esc(p)}</p>" for p in (plan.preamble.default, *plan.preamble.caveats) if p]
            body.append("</section>")
        departments = _departments(plan)
        if departments:
            body.append(f'<section class="departments"><h2>{esc(text(lang, "render.departments"))}</h2>')
            for department in departments:
                body += [
                    f"<h3>{esc(department.name)}</h3>",
                    f"<p>{esc(text(lang, 'render.areas'))}</p>",
                    '<ul class="areas">' + "".join(f"<li>{esc(a)}</li>" for a in department.areas) + "</ul>",
                ]
            body.append("</section>")
        for (anchor, _), heading in zip(anchors, lists):
            body.append(f'<section class="list" id="{anchor}"><h2>{esc(heading.title)}</h2>')
            body += self.entries(heading, 3)
            body.append("</section>")
        files = ", ".join(source.path for source in plan.sources)
        body += [f"<footer>{esc(text(lang, 'render.generated', files=files))}</footer>", "</div>"]
        return "\n".join(body)


def render_plan(
    plan: Plan, format: str = "md", lang: str = "da", source_root: str | Path | None = None
) -> str:
    """The plan as a document; in HTML each bullet can unfold its rule, read from source_root."""
    if format == "html":
        return _Html(plan, lang, Path(source_root) if source_root else None).document()
    return render_markdown(plan, lang)


def source_folder(plan: Plan) -> Path | None:
    """The folder of the plan's rules file, where the HTML document reads each case type's rule
    (None for a plan not read from a file): `delegation render` and GET /plans/{id}/render."""
    path = plan.memo.get("path")
    return Path(path).parent if isinstance(path, (str, os.PathLike)) else None


def render_plan_page(plan: Plan, lang: str = "da") -> str:
    """The HTML document's page alone (no <head>, no styles), for a web page to embed."""
    return _Html(plan, lang, None).page()
