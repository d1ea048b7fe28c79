"""Write docs/errors.md, the catalogue of error messages, by running the code on broken inputs.

    python docs/generate_errors.py          # rewrites docs/errors.md
tests/test_docs_errors.py fails when the file is out of date with the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "check"
OUTPUT = ROOT / "docs" / "errors.md"

# Input errors: what a user types, and why it is refused (exit code 2).
COMMANDS = [
    ["decide", "erhvervspuljen", "--plan", "D"],
    ["decide", "erhvervspuljen", "--plan", "A", "--fact", "amout=5"],
    ["decide", "erhvervspuljen", "--plan", "A", "--amount", "fem"],
    ["decide", "erhvervspuljen", "--plan", "A", "--amount", "-5"],
    ["decide", "udlicitering", "--plan", "A", "--persons", "2,5"],
    ["decide", "erhvervspuljen", "--plan", "A", "--fact", "amount"],
    ["decide", "udlicitering", "--plan", "A", "--department", "mtx"],
    ["decide", "erhvervspuljen", "--plan", "no/such/plan.dlg"],
    ["decide", "--plan", "A"],
    ["decide", "lån", "--plan", "A"],
    ["compose", "--base", "B", "--take", "A:erhvervsplann"],
    ["compose", "--base", "B", "--take", "A"],
    ["workload", "--cases", "docs/sager_eksempel_opdigtet.csv", "--column", "case=Titel"],
]

# HTTP: a request and the error object the service answers with.
REQUESTS = [
    ("POST", "/plans/A/decide", b'{"case": ', "malformed JSON"),
    ("POST", "/workload", b"\x00\x01\x02\x03", "a case file that is neither text nor Excel"),
    ("POST", "/plans/X/decide", b'{"case": "a"}', "unknown plan"),
    ("POST", "/plans/A/decide", b'{"case": "erhvervspuljen", "facts": {"amout": 5}}', "unknown fact"),
    ("POST", "/plans/A/decide", b'{"case": 5}', "wrong type"),
    ("POST", "/plans/A/decide", b'{"case": "a", "colour": "red"}', "unknown field"),
    ("POST", "/plans/A/decide", b'{"case": "' + b"a" * 1_000_100 + b'"}', "body over 1 MB"),
    ("PUT", "/plans/A/decide", b"{}", "wrong method"),
    ("POST", "/admin/reload", b"", "reload from a non-loopback address"),
]


def _rules_section() -> list[str]:
    from delegation.analysis.checking import check, render_report
    from delegation.analysis.findings import CATALOGUE

    lines = [
        "## Errors in rules files (`delegation check`; `decide` exits 1)",
        "",
        "Each code is shown with a deliberately broken file from `tests/fixtures/check/` and "
        "what `delegation check --lang en` says about it.",
        "",
    ]
    for code, entry in CATALOGUE.items():
        lines += [
            f"### {code} {entry.name} ({entry.severity.value})",
            "",
            entry.summary[0].upper() + entry.summary[1:] + ".",
            "",
        ]
        fixture = next(iter(sorted(FIXTURES.glob(f"{code}_*.dlg"))), None)
        if fixture is None:
            lines += ["(No example: no input reaches it through the public entry points.)", ""]
            continue
        report = check(fixture, lang="en")
        shown = report.model_copy(update={"findings": tuple(f for f in report.findings if f.code == code)})
        rendered = render_report(shown, "en").splitlines()[:-1]
        lines += ["```", *rendered[:4], "```", ""]
    return lines


def _input_section() -> list[str]:
    from click.testing import CliRunner
    from delegation.cli.main import cli

    lines = ["## Bad input on the command line (exit code 2, or 3 for an ambiguous case)", ""]
    runner = CliRunner()
    for args in COMMANDS:
        result = runner.invoke(cli, args)
        output = (result.output or "").strip().splitlines()
        lines += [
            "```",
            "$ delegation " + " ".join(a if " " not in a else f'"{a}"' for a in args),
            *output[:4],
            f"(exit code {result.exit_code})",
            "```",
            "",
        ]
    return lines


def _http_section() -> list[str]:
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    lines = [
        "## HTTP errors (`delegation serve`)",
        "",
        'Every error is a JSON object `{"error": {"type", "message", "field"}}`; '
        "the service never answers with a stack trace.",
        "",
        "| request | status | error |",
        "|---|---|---|",
    ]
    client = TestClient(create_app(), client=("192.0.2.1", 1000))
    for method, path, body, what in REQUESTS:
        response = client.request(method, path, content=body, headers={"content-type": "application/json"})
        error = response.json()["error"]
        message = error["message"] if len(error["message"]) < 90 else error["message"][:87] + "..."
        field = f", field `{error['field']}`" if error.get("field") else ""
        lines.append(
            f"| {what}: `{method} {path}` | {response.status_code} | `{error['type']}`{field}: "
            f"{message.replace('|', '/')} |"
        )
    return lines + [""]


def catalogue() -> str:
    os.environ.setdefault("DELEGATION_NO_CACHE", "1")
    lines = [
        "# Error messages",
        "",
        "Generated by `python docs/generate_errors.py` from the code itself; a test fails when "
        "this file is out of date. Every message names the file, line and column where it can, "
        "shows the source line with a caret, and gives a hint.",
        "",
    ]
    return "\n".join(lines + _rules_section() + _input_section() + _http_section())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    OUTPUT.write_text(catalogue(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
